/** The built `vstream` command, run as a user would, on files in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../out/cli/main.cjs');
const EXAMPLE = resolve(__dirname, '../../../shared/examples/customer-onboarding.vstream');

function vstream(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: string;

function write(path: string, text: string | Buffer): void {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
}

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    }
    folder = mkdtempSync(join(tmpdir(), 'vstream-cli-'));
    write('example/onboarding.vstream', readFileSync(EXAMPLE));
    write('shared/catalogue.vstream', 'team Ops "Operations"\nteam Ops "Twice"\nsystem Desk "Service desk"\n');
    write('shared/support.vstream', `stream support "Support ticket" {
    recipient "Customer" start "Ticket opened" end "Ticket solved"
    step triage { owner Ops process 1h wait 2h on Desk }
    step solve { owner Ops process 2h }
    flow triage -> solve
}
`);
    write('mistakes/broken.vstream', `team A
stream broken {
    recipient "r" start "a" end "b"
    step a { owner A process 1h }
    step b { process 1h }
    handoff a -> b
    flow b -> a
    step c { owner Nobody complete 150% }
}
`);
    write('warnings/only.vstream', 'stream w {\n    step a { process 1h }\n}\n');
    write('future/states.vstream', `team A
stream now "Now" { recipient "r" start "a" end "b"  step a { owner A process 1h wait 9h } }
stream next "Next" improves now { recipient "r" start "a" end "b"  step a { owner A process 1h wait 1h } }
`);
});

describe('vstream metrics', () => {
    it('prints the contract figures of the worked example as JSON', () => {
        const result = vstream(['metrics', 'example/onboarding.vstream', '--json'], folder);
        expect(result.status).toBe(0);
        const [onboarding] = JSON.parse(result.stdout);
        expect(Object.keys(onboarding)).toEqual(['stream', 'title', 'leadTime', 'processTime', 'flowEfficiency', 'rolledCompleteAccurate',
            'effort', 'handoffs', 'waitOutsideControl', 'expectedLeadTime', 'criticalPath', 'improves']);
        expect(onboarding.stream).toBe('onboarding');
        expect(onboarding.title).toBe('Customer onboarding');
        expect(onboarding.leadTime).toBeCloseTo(91, 9);
        expect(onboarding.processTime).toBeCloseTo(15, 9);
        expect(onboarding.flowEfficiency).toBeCloseTo(0.164835164835, 9);
        expect(onboarding.rolledCompleteAccurate).toBeCloseTo(0.56, 9);
        expect(onboarding.effort).toBeCloseTo(16, 9);
        expect(onboarding.handoffs).toBe(5);
        expect(onboarding.waitOutsideControl).toBeCloseTo(8, 9);
        expect(onboarding.expectedLeadTime).toBeCloseTo(113.6666666667, 9);
        expect(onboarding.criticalPath).toEqual(['sign', 'kickoff', 'provision', 'configure', 'firstRun']);
        expect(onboarding.improves).toBeNull();
    });

    it('prints a table, comparing a future state with the stream it improves', () => {
        const result = vstream(['metrics', 'future'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('now — Now');
        expect(result.stdout).toContain('improves now — Now');
        expect(result.stdout).toMatch(/lead time\s+2 h\s+was\s+10 h\s+−8 h \(better\)/);
    });

    it('reports streams of every file under a folder, in order', () => {
        const result = vstream(['metrics', '.', '--format', 'json'], folder);
        expect(JSON.parse(result.stdout).map((entry: { stream: string }) => entry.stream)).toEqual(['onboarding', 'now', 'next', 'broken', 'support', 'w']);
    });

    it('still prints figures for a file with errors, and says so on standard error', () => {
        const result = vstream(['metrics', 'mistakes/broken.vstream', '--json'], folder);
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)[0].stream).toBe('broken');
        expect(result.stderr).toMatch(/broken.vstream has \d+ errors/);
    });
});

describe('vstream check', () => {
    it('lists diagnostics as JSON with 1-based positions and exits 1 on errors', () => {
        const result = vstream(['check', 'mistakes', '--format', 'json'], folder);
        expect(result.status).toBe(1);
        const entries = JSON.parse(result.stdout);
        expect(Object.keys(entries[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
        const found = entries.map((entry: { line: number; code: string }) => `${entry.line}:${entry.code}`);
        expect(found).toEqual(expect.arrayContaining([
            '5:step-without-owner', '6:handoff-without-owner', '6:handoff-carries-nothing', '7:flow-cycle',
            '8:unresolved-reference', '8:invalid-percentage', '8:disconnected-step'
        ]));
        const unresolved = entries.find((entry: { code: string }) => entry.code === 'unresolved-reference');
        expect(unresolved).toMatchObject({ file: join('mistakes', 'broken.vstream'), line: 8, column: 20, endLine: 8, endColumn: 26, severity: 'error' });
    });

    it('prints file:line:column: severity code message and a summary', () => {
        const result = vstream(['check', 'mistakes/broken.vstream'], folder);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain("mistakes/broken.vstream:8:20: error unresolved-reference Unknown team 'Nobody'");
        expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ errors, \d+ warnings?, \d+ infos? in 1 file\.$/);
    });

    it('exits 0 on warnings, and 1 with --strict', () => {
        expect(vstream(['check', 'warnings'], folder).status).toBe(0);
        expect(vstream(['check', 'warnings', '--strict'], folder).status).toBe(1);
    });

    it('resolves names from sibling files but reports only the files named', () => {
        const result = vstream(['check', 'shared/support.vstream', '--format', 'json'], folder);
        expect(result.status).toBe(0);
        const entries = JSON.parse(result.stdout);
        expect(entries.map((entry: { code: string }) => entry.code)).toEqual(['wait-outside-control']);
        expect(new Set(entries.map((entry: { file: string }) => entry.file))).toEqual(new Set(['shared/support.vstream']));
    });

    it('reports a duplicated shared team in the catalogue file', () => {
        const result = vstream(['check', 'shared', '--format', 'json'], folder);
        expect(result.status).toBe(1);
        const duplicates = JSON.parse(result.stdout).filter((entry: { code: string }) => entry.code === 'duplicate-name');
        expect(duplicates.map((entry: { line: number }) => entry.line)).toEqual([1, 2]);
    });

    it('applies --flow-efficiency-threshold', () => {
        const lenient = vstream(['check', 'example', '--format', 'json', '--flow-efficiency-threshold', '10'], folder);
        expect(JSON.parse(lenient.stdout).map((entry: { code: string }) => entry.code)).not.toContain('low-flow-efficiency');
        const strict = vstream(['check', 'example', '--format=json', '--flow-efficiency-threshold=20%'], folder);
        expect(JSON.parse(strict.stdout).map((entry: { code: string }) => entry.code)).toContain('low-flow-efficiency');
    });
});

describe('vstream render', () => {
    it('writes the map as SVG to the -o file, and nothing else', () => {
        const result = vstream(['render', 'example/onboarding.vstream', '-o', 'out/map.svg'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/cannot write 'out\/map.svg'/);
        const written = vstream(['render', 'example/onboarding.vstream', '-o', 'map.svg'], folder);
        expect(written.status).toBe(0);
        expect(written.stdout).toBe('');
        const svg = readFileSync(join(folder, 'map.svg'), 'utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain('--vs-bg: #ffffff');
    });

    it('writes a standalone HTML page in the dark theme', () => {
        expect(vstream(['render', 'future', '-o', 'maps.html', '--theme', 'dark'], folder).status).toBe(0);
        const page = readFileSync(join(folder, 'maps.html'), 'utf8');
        expect(page).toContain('<!DOCTYPE html>');
        expect(page).toContain('--vs-bg: #0d1117');
        expect(page).toContain('compared with Now');
    });

    it('prints the SVG of one stream when no -o is given', () => {
        const result = vstream(['render', 'future/states.vstream', '--stream', 'next'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('data-stream="next"');
        expect(result.stdout).not.toContain('data-stream="now"');
    });

    it('says which streams exist when --stream names none', () => {
        const result = vstream(['render', 'future', '--stream', 'later'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("no stream named 'later' (streams: now, next)");
    });
});

describe('bad usage and unreadable input', () => {
    const cases: Array<[string, string[], RegExp]> = [
        ['an unknown command', ['draw', 'x.vstream'], /unknown command 'draw'/],
        ['no path', ['check'], /needs at least one file or folder/],
        ['an unknown option', ['check', '.', '--colour'], /unknown option '--colour'/],
        ['an option of another command', ['metrics', '.', '--strict'], /not an option of vstream metrics/],
        ['a bad format', ['check', '.', '--format', 'xml'], /--format is 'text' or 'json'/],
        ['a missing file', ['check', 'missing.vstream'], /cannot read 'missing.vstream': no such file or folder/],
        ['a bad threshold', ['check', '.', '--flow-efficiency-threshold', 'lots'], /percentage from 0 to 100/],
        ['a bad output name', ['render', '.', '-o', 'map.pdf'], /-o names an .svg or .html file/],
        ['a bad theme', ['render', '.', '--theme', 'sepia'], /--theme is 'light' or 'dark'/]
    ];
    for (const [what, args, message] of cases) {
        it(`exits 2 with one line for ${what}`, () => {
            const result = vstream(args, folder);
            expect(result.status).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr).toMatch(message);
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
        });
    }

    it('exits 2 for a file that is not UTF-8 text', () => {
        write('binary/latin1.vstream', Buffer.from([0x74, 0x65, 0x61, 0x6d, 0x20, 0xe9, 0xff, 0x0a]));
        const result = vstream(['check', 'binary/latin1.vstream'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/not UTF-8 text/);
    });

    it('prints help for the tool and for each command', () => {
        const help = vstream(['--help'], folder);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('vstream check PATH...');
        expect(vstream(['metrics', '--help'], folder).stdout).toContain('Usage: vstream metrics');
        expect(vstream([], folder).status).toBe(2);
    });
});
