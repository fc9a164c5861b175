/** `vstream check --watch` and `vstream render --watch`: they run again on every save, until Ctrl+C. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../out/cli/main.cjs');

const WATCH_TIMEOUT = 30_000;

const MAP = 'team Ops\nstream s { recipient "r" start "a" end "b" step a "First" { owner Ops } }\n';

/** A command left running, with everything it printed so far. */
function start(args: string[], cwd: string): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
}

/** Resolves once the output holds `count` runs: each ends with its "watching" line. */
async function runs(output: () => string, count: number): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
        const finished = output().split(/^\[\d\d:\d\d:\d\d\] watching for changes \(Ctrl\+C to stop\)\n/m);
        if (finished.length > count) {
            return finished.slice(0, count);
        }
        await new Promise(wait => setTimeout(wait, 50));
    }
    throw new Error(`waited 20 s for ${count} runs; the output was:\n${output()}`);
}

function interrupt(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>(done => child.once('exit', done));
    child.kill('SIGINT');
    return exited;
}

describe('--watch', { timeout: WATCH_TIMEOUT }, () => {
    it('checks again on every change to a .vstream file, keeps going on errors, and ends with 0 on Ctrl+C', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'vstream-watch-'));
        writeFileSync(join(folder, 'map.vstream'), MAP);
        const { child, output } = start(['check', '.', '--watch'], folder);
        const [first] = await runs(output, 1);
        expect(first).toMatch(/^\[\d\d:\d\d:\d\d\] vstream check\nNo problems in 1 file\.\n$/);

        writeFileSync(join(folder, 'map.vstream'), MAP.replace('owner Ops', 'owner Nobody'));
        const [, second] = await runs(output, 2);
        expect(second).toMatch(/^\[\d\d:\d\d:\d\d\] vstream check\n/);
        expect(second).toContain("map.vstream:2:67: error unresolved-reference Unknown team 'Nobody'");

        writeFileSync(join(folder, 'notes.txt'), 'not a map');
        await new Promise(wait => setTimeout(wait, 500));
        expect(output().match(/vstream check\n/g), 'a run for a file that is not a map').toHaveLength(2);
        writeFileSync(join(folder, 'map.vstream'), 'stream broken {');
        const [, , third] = await runs(output, 3);
        expect(third).toContain('error syntax-error');
        expect(await interrupt(child)).toBe(0);
        expect(output().match(/vstream check\n/g)).toHaveLength(3);
    });

    it('draws the map again into its -o file', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'vstream-watch-'));
        writeFileSync(join(folder, 'map.vstream'), MAP);
        const { child, output } = start(['render', 'map.vstream', '-o', 'map.svg', '--watch'], folder);
        await runs(output, 1);
        expect(readFileSync(join(folder, 'map.svg'), 'utf8')).toContain('First');
        writeFileSync(join(folder, 'map.vstream'), MAP.replace('"First"', '"Second"'));
        await runs(output, 2);
        expect(readFileSync(join(folder, 'map.svg'), 'utf8')).toContain('Second');
        expect(await interrupt(child)).toBe(0);
    });

    it('needs the file render writes, and files rather than standard input', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'vstream-watch-'));
        for (const [args, message] of [
            [['render', '.', '--watch'], /name the file with -o/],
            [['check', '-', '--watch'], /--watch reads files, not standard input/]
        ] as const) {
            const { child, output } = start([...args], folder);
            expect(await new Promise(done => child.once('exit', done))).toBe(2);
            expect(output()).toMatch(message);
        }
    });
});
