/**
 * The problem matchers the extension contributes ($vstream, $vstream-watch) read what `vstream
 * check` really prints, and the example tasks use them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const CLI = resolve(root, 'out/cli/main.cjs');

interface ProblemPattern {
    name: string;
    regexp: string;
    file: number;
    line: number;
    column: number;
    severity: number;
    code: number;
    message: number;
}
interface ProblemMatcher {
    name: string;
    pattern: string;
    background?: { beginsPattern: string; endsPattern: string };
}

const { contributes } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    contributes: { problemPatterns: ProblemPattern[]; problemMatchers: ProblemMatcher[] };
};
const [pattern] = contributes.problemPatterns;
const matcher = (name: string) => contributes.problemMatchers.find(found => found.name === name)!;

/** What VS Code's problem matchers make of a severity word (problemMatcher.ts): hint reads as info. */
const VS_CODE_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/** Diagnostics of every severity, in a file whose name has a space. */
const MAP = `team A
team B
stream s {
    step a { owner A process 1h }
    step b { owner B }
    step c { owner Nobody }
    handoff a -> b { complete 50% }
    handoff b -> c { carries "x" }
    handoff c -> a
}
stream t { recipient "r" start "s" end "e" step x { owner A } step y { owner A } handoff x -> y { carries "z" } }
`;

function folderWithMap(): string {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-matcher-'));
    writeFileSync(join(folder, 'my map.vstream'), MAP);
    return folder;
}

describe('the $vstream problem matcher', () => {
    it('reads every diagnostic line of vstream check as its file, position, severity, code and message', () => {
        const folder = folderWithMap();
        const text = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: folder, encoding: 'utf8' }).stdout;
        const json = JSON.parse(
            spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json'], { cwd: folder, encoding: 'utf8' })
                .stdout
        ) as Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
        expect(new Set(json.map(entry => entry.severity))).toEqual(new Set(['error', 'warning', 'info', 'hint']));

        const lines = text.trimEnd().split('\n');
        const regexp = new RegExp(pattern.regexp);
        const matched = lines.flatMap(line => {
            const match = regexp.exec(line);
            return match
                ? [
                      {
                          file: match[pattern.file],
                          line: Number(match[pattern.line]),
                          column: Number(match[pattern.column]),
                          severity: match[pattern.severity],
                          code: match[pattern.code],
                          message: match[pattern.message]
                      }
                  ]
                : [];
        });
        expect(matched).toEqual(
            json.map(({ file, line, column, severity, code, message }) => ({
                file,
                line,
                column,
                severity,
                code,
                message
            }))
        );
        // The summary line is not a problem.
        expect(regexp.test(lines.at(-1)!)).toBe(false);
        expect(matched.every(found => found.severity in VS_CODE_SEVERITY)).toBe(true);
        expect(matcher('vstream').pattern).toBe(`$${pattern.name}`);
    });

    it('knows where each run of check --watch begins and ends ($vstream-watch)', async () => {
        const folder = folderWithMap();
        const watching = spawn(process.execPath, [CLI, 'check', '.', '--watch'], { cwd: folder });
        let output = '';
        watching.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        await new Promise<void>(ended =>
            watching.stdout.on('data', () => {
                if (output.includes('watching for changes')) {
                    ended();
                }
            })
        );
        const exited = new Promise(done => watching.once('exit', done));
        watching.kill('SIGINT');
        expect(await exited).toBe(0);
        const { background, pattern: watchPattern } = matcher('vstream-watch');
        const lines = output.trimEnd().split('\n');
        expect(new RegExp(background!.beginsPattern).test(lines[0])).toBe(true);
        expect(new RegExp(background!.endsPattern).test(lines.at(-1)!)).toBe(true);
        expect(lines.slice(1, -2).every(line => new RegExp(pattern.regexp).test(line))).toBe(true);
        expect(watchPattern).toBe('$vstream');
    }, 30_000);

    it('is what the example tasks use', () => {
        const tasks = JSON.parse(
            readFileSync(resolve(root, 'examples/.vscode/tasks.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')
        ) as { tasks: Array<{ label: string; command: string; problemMatcher: string; isBackground?: boolean }> };
        expect(tasks.tasks.map(task => [task.command, task.problemMatcher, task.isBackground ?? false])).toEqual([
            ['vstream check .', '$vstream', false],
            ['vstream check . --watch', '$vstream-watch', true]
        ]);
        for (const task of tasks.tasks) {
            expect(contributes.problemMatchers.map(found => `$${found.name}`)).toContain(task.problemMatcher);
        }
    });
});
