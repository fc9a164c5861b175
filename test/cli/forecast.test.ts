/** `vstream forecast` as a user runs it: the contract's JSON, the table, seeds, bad arguments and standard input. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKED_EXAMPLE_PATH } from '../fixtures.js';
import { assertBuilt, CLI_TIMEOUT, vstream } from './built-command.js';

/** The contract's keys, in its order, then the what-ifs. */
const KEYS = [
    'stream',
    'trials',
    'seed',
    'p50',
    'p85',
    'p95',
    'mean',
    'min',
    'max',
    'target',
    'chanceWithinTarget',
    'criticality',
    'reached',
    'whatIf'
];

interface ForecastEntry {
    stream: string;
    trials: number;
    seed: number;
    p50: number;
    p85: number;
    p95: number;
    mean: number;
    min: number;
    max: number;
    target: number | null;
    chanceWithinTarget: number | null;
    criticality: Record<string, number>;
    whatIf: Array<{ halve: string; step: string; from: string | null; cause: string | null; p85: number }>;
}

const UNCERTAIN = `team Sales
team Ops
stream quote "Quote to cash" {
    target 3d
    step draft { owner Sales process 1h..3h wait 4h..8h..24h }
    step approve { owner Ops process 30m wait 1h..2d on Sales }
    step send { owner Sales process 15m }
    handoff draft -> approve { wait 2h }
    flow approve -> send
    rework approve -> draft { rate 20% wait 1h }
}
`;

let folder: string;

function write(path: string, text: string): void {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
}

function entriesOf(stdout: string): ForecastEntry[] {
    return JSON.parse(stdout) as ForecastEntry[];
}

beforeAll(() => {
    assertBuilt();
    folder = mkdtempSync(join(tmpdir(), 'vstream-forecast-'));
    write('example/onboarding.vstream', readFileSync(WORKED_EXAMPLE_PATH, 'utf8'));
    write('uncertain/quote.vstream', UNCERTAIN);
    write(
        'fixed/steady.vstream',
        'team A\nstream steady {\n    target 1d\n    step a { owner A process 2h wait 3h }\n}\n'
    );
    write('mistakes/broken.vstream', 'team A\nstream broken {\n    step a { owner Nobody process 1h..2h }\n}\n');
});

describe('vstream forecast', { timeout: CLI_TIMEOUT }, () => {
    it('forecasts one stream with --stream, and names the streams there are for an unknown one', () => {
        const all = entriesOf(vstream(['forecast', 'uncertain', '--json'], folder).stdout);
        const one = entriesOf(vstream(['forecast', 'uncertain', '--json', '--stream', 'quote'], folder).stdout);
        expect(one).toEqual(all.filter(entry => entry.stream === 'quote'));
        const unknown = vstream(['forecast', 'uncertain', '--stream', 'nope'], folder);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain("no stream named 'nope' (streams: ");
    });

    it('prints per stream the contract keys, in hours, with the what-ifs', () => {
        const result = vstream(['forecast', 'uncertain', '--json'], folder);
        expect(result.status).toBe(0);
        expect(result.stderr).toBe('');
        const [quote] = entriesOf(result.stdout);
        expect(Object.keys(quote)).toEqual(KEYS);
        expect(quote).toMatchObject({ stream: 'quote', trials: 10_000, seed: 1, target: 24 });
        expect(quote.min).toBeLessThanOrEqual(quote.p50);
        expect([quote.p50, quote.p85, quote.p95, quote.max]).toEqual(
            [quote.p50, quote.p85, quote.p95, quote.max].sort((a, b) => a - b)
        );
        expect(quote.chanceWithinTarget).toBeGreaterThan(0);
        expect(quote.chanceWithinTarget).toBeLessThan(1);
        expect(quote.criticality).toEqual({ draft: 1, approve: 1, send: 1 });
        expect(quote.whatIf.length).toBeGreaterThanOrEqual(3);
        expect(quote.whatIf[0]).toEqual({
            halve: expect.any(String) as string,
            step: expect.any(String) as string,
            from: null,
            cause: null,
            wait: {
                low: expect.any(Number) as number,
                likely: expect.any(Number) as number,
                high: expect.any(Number) as number
            },
            p85: expect.any(Number) as number
        });
        expect(quote.whatIf.every(halved => halved.p85 < quote.p85)).toBe(true);
        expect(quote.whatIf).toContainEqual(
            expect.objectContaining({ halve: 'wait', step: 'approve', cause: 'Sales' })
        );
        expect(quote.whatIf).toContainEqual(
            expect.objectContaining({ halve: 'handoff wait', step: 'approve', from: 'draft' })
        );
    });

    it('gives a stream without ranges or rework its lead time as every percentile, and null without a target', () => {
        const [steady] = entriesOf(vstream(['forecast', 'fixed/steady.vstream', '--json'], folder).stdout);
        expect([steady.p50, steady.p85, steady.p95, steady.mean, steady.min, steady.max]).toEqual([5, 5, 5, 5, 5, 5]);
        expect(steady.chanceWithinTarget).toBe(1);
        const [onboarding] = entriesOf(vstream(['forecast', 'example', '--json', '--trials', '100'], folder).stdout);
        expect(onboarding.target).toBeNull();
        expect(onboarding.chanceWithinTarget).toBeNull();
        expect(onboarding.trials).toBe(100);
    });

    it('gives the same output for the same seed and another for another seed', () => {
        const first = vstream(['forecast', 'uncertain', '--json', '--seed', '7'], folder).stdout;
        expect(vstream(['forecast', 'uncertain', '--seed=7', '--format', 'json'], folder).stdout).toBe(first);
        const other = vstream(['forecast', 'uncertain', '--json', '--seed', '8'], folder).stdout;
        expect(entriesOf(other)[0].seed).toBe(8);
        expect(entriesOf(other)[0].p85).not.toBe(entriesOf(first)[0].p85);
    });

    it('prints a table for people: the percentiles as durations, the target, the critical steps and the waits to halve', () => {
        const result = vstream(['forecast', 'uncertain/quote.vstream'], folder);
        expect(result.status).toBe(0);
        const lines = result.stdout.split('\n');
        expect(lines[0]).toBe('quote — Quote to cash');
        expect(lines[1]).toBe('  lead time in 10,000 trials (seed 1)');
        expect(result.stdout).toMatch(/^ {4}p85 +[0-9.]+ [hd]$/m);
        expect(result.stdout).toMatch(/^ {2}target +3 d$/m);
        expect(result.stdout).toMatch(/^ {2}chance within target +[0-9.]+%$/m);
        expect(result.stdout).toMatch(/^ {4}100% +draft, approve, send$/m);
        expect(result.stdout).toMatch(/^ {2}halving one wait, p85 would be \(from [0-9.]+ [hd]\)$/m);
        expect(result.stdout).toMatch(/^ {4}approve: wait 1 h–2 d on Sales +[0-9.]+ [hd] +−[0-9.]+ [hd]$/m);
        const hours = vstream(['forecast', 'uncertain/quote.vstream', '--hours'], folder).stdout;
        expect(hours).toMatch(/^ {2}target +24 h$/m);
    });

    it('reads standard input', () => {
        const result = vstream(['forecast', '-', '--json', '--trials', '10'], folder, UNCERTAIN);
        expect(result.status).toBe(0);
        expect(entriesOf(result.stdout).map(entry => entry.stream)).toEqual(['quote']);
    });

    it('still forecasts a file with errors, and says so on standard error', () => {
        const result = vstream(['forecast', 'mistakes/broken.vstream', '--json'], folder);
        expect(result.status).toBe(0);
        expect(entriesOf(result.stdout)[0].stream).toBe('broken');
        expect(result.stderr).toMatch(/broken.vstream has 1 error; its figures may be incomplete/);
    });

    const badArguments: Array<[string, string[], RegExp]> = [
        ['no trials', ['--trials', '0'], /--trials is a whole number from 1 to 1,000,000, not '0'/],
        ['too many trials', ['--trials', '1000001'], /--trials is a whole number from 1 to 1,000,000/],
        ['trials that are not a number', ['--trials', 'many'], /--trials is a whole number/],
        ['a fraction of a trial', ['--trials', '2.5'], /--trials is a whole number/],
        ['a negative seed', ['--seed', '-1'], /--seed is a whole number from 0 to 4,294,967,295, not '-1'/],
        ['a seed too large', ['--seed', '4294967296'], /--seed is a whole number from 0 to 4,294,967,295/],
        ['a seed without a value', ['--seed'], /'--seed' needs a value/]
    ];
    for (const [what, args, message] of badArguments) {
        it(`exits 2 with one line for ${what}`, () => {
            const result = vstream(['forecast', 'uncertain', ...args], folder);
            expect(result.status).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr).toMatch(message);
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
        });
    }

    it('takes --trials and --seed only for forecast', () => {
        const result = vstream(['metrics', 'uncertain', '--trials', '10'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/'--trials' is not an option of vstream metrics/);
    });

    it('has help of its own and a line in the tool’s', () => {
        expect(vstream(['--help'], folder).stdout).toContain(
            'vstream forecast PATH... [--trials N] [--seed S] [--stream NAME] [--json]'
        );
        const help = vstream(['forecast', '--help'], folder);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('Usage: vstream forecast');
        expect(help.stdout).toContain('1 to 1,000,000 (default 10,000)');
    });
});
