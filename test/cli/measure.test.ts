/**
 * `vstream measure` and `vstream check --events`, run as built on the support-ticket example
 * and its tracker export: the figures, the drift the export was made to have, the update that
 * makes the map agree, and bad input answered in one line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../out/cli/main.cjs');
const EXAMPLES = resolve(__dirname, '../../examples');
const MAP = join(EXAMPLES, 'support-ticket.vstream');
const EVENTS = join(EXAMPLES, 'tracker/support-ticket-events.csv');
/** DuckDB starts in each run: a few seconds on a loaded machine. */
const TIMEOUT = 60_000;

function vstream(...args: string[]) {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The example map (and its team catalogue) copied to a folder of its own, to be written over. */
function copyOfExample(): string {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-measure-'));
    copyFileSync(MAP, join(folder, 'support-ticket.vstream'));
    copyFileSync(join(EXAMPLES, 'teams.vstream'), join(folder, 'teams.vstream'));
    return join(folder, 'support-ticket.vstream');
}

function driftLines(checkOutput: string): string[] {
    return checkOutput.split('\n').filter(line => line.includes(' measured-drift '));
}

describe('vstream measure', () => {
    it(
        'prints each step mapped beside measured, marks the two drifts, and reports the bad rows on standard error',
        () => {
            const result = vstream('measure', MAP, '--events', EVENTS);
            expect(result.status).toBe(0);
            expect(result.stdout).toContain('22670 rows of history read.');
            // The four tickets with an unreadable row are left out.
            expect(result.stdout).toContain('1996 items: 1890 done, 106 in progress; 120 done a week');
            // The map's own forecast beside the measured lead time, and how far it is.
            expect(result.stdout).toContain('lead time measured:      p50 4.9 d, p85 9.64 d, p95 12.4 d');
            expect(result.stdout).toMatch(
                /the map's forecast: +p50 6\.66 d, p85 9\.47 d +◂ the map disagrees: p50 1\.36 ×/
            );
            // Per step, its items and closed visits: the samples are visits.
            expect(result.stdout).toMatch(/^ {2}fix +1138 +1185 +6 h +16\.7 h +27\.2 h .*◂ drift: process$/m);
            expect(result.stdout).toMatch(/^ {2}confirm +1899 +2058 .*8 h +2\.52 h +4\.64 h +◂ drift: wait$/m);
            expect(result.stdout.match(/◂ drift/g)).toHaveLength(2);
            // The decision as measured, and the rework rates (of the visits after one to the earlier step).
            expect(result.stdout).toMatch(/^ {2}reproduce +fix +55% +55\.9% +1995 +1\.2%$/m);
            expect(result.stdout).toMatch(/^ {2}confirm -> fix +10% +9\.2% +1180 +5\.2% of all 2058$/m);
            expect(result.stderr).toContain(
                '4 rows cannot be read, left out, with the other rows of their 4 items (an item whose history has a hole is not measured): '
            );
            expect(result.stderr).toContain(
                'support-ticket-events.csv:68 (SUP-1007, "not a date"): not ISO 8601 (such as 2024-03-04T09:30:00Z; name another format with --time-format)'
            );
            expect(result.stderr).toContain('statuses no step maps: "On hold" 182 rows');
        },
        TIMEOUT
    );

    it(
        '--json prints exactly the keys of the contract, in hours',
        () => {
            const result = vstream('measure', MAP, '--events', EVENTS, '--json');
            expect(result.status).toBe(0);
            const [stream] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
            expect(Object.keys(stream)).toEqual([
                'stream',
                'items',
                'done',
                'wip',
                'throughputPerWeek',
                'leadTime',
                'steps',
                'branches',
                'rework',
                'forecast'
            ]);
            expect(stream).toMatchObject({ stream: 'supportTicket', items: 1996, done: 1890, wip: 106 });
            const steps = stream.steps as Array<{ step: string; process: Record<string, number> }>;
            const fix = steps.find(step => step.step === 'fix')!;
            expect(Object.keys(fix)).toEqual(['step', 'items', 'visits', 'process', 'wait']);
            expect(Object.keys(fix.process)).toEqual(['mapped', 'p50', 'p85']);
            expect(fix).toMatchObject({ items: 1138, visits: 1185, process: { mapped: 6 } });
            expect(fix.process.p50).toBeCloseTo(16.75, 1);
            const [toFix, toWorkaround] = stream.branches as Array<Record<string, unknown>>;
            expect(Object.keys(toFix)).toEqual(['from', 'to', 'mapped', 'measured', 'samples', 'both']);
            expect(toFix).toMatchObject({ from: 'reproduce', to: 'fix', mapped: 0.55, samples: 1995 });
            expect((toFix.measured as number) + (toWorkaround.measured as number)).toBeCloseTo(1, 12);
            const rework = stream.rework as Array<Record<string, unknown>>;
            expect(Object.keys(rework[0])).toEqual(['from', 'to', 'mapped', 'measured', 'samples']);
            expect(rework[0]).toMatchObject({ from: 'reproduce', to: 'triage', mapped: 0.3, samples: 2592 });
            expect(Object.keys(stream.forecast as object)).toEqual(['p50', 'p85']);
        },
        TIMEOUT
    );

    it(
        '--sql prints one query over an events table, without reading any history',
        () => {
            const result = vstream('measure', MAP, '--sql');
            expect(result.status).toBe(0);
            expect(result.stdout).toMatch(/^-- vstream measure/);
            expect(result.stdout).toContain('"Ready for development"'.replace(/"/g, "'"));
            expect(result.stdout).toMatch(/\bFROM events\b/);
        },
        TIMEOUT
    );

    it(
        '--update writes the medians, keeps comments and layout, and then the check finds no drift',
        () => {
            const map = copyOfExample();
            const before = readFileSync(map, 'utf8');
            const updated = vstream('measure', map, '--events', EVENTS, '--update');
            expect(updated.status).toBe(0);
            expect(updated.stdout).toContain('supportTicket.fix: process 2h..6h..24h → 2.09d');
            expect(updated.stdout).toContain('supportTicket.confirm: wait 1d → 2.52h');
            expect(updated.stdout).toContain('supportTicket.fix: wait 1d on IT → 5.83h');
            expect(updated.stdout).toContain('supportTicket.reproduce: -> fix: share 55% → 55.9%');
            expect(updated.stdout).toContain(
                'supportTicket.rework confirm -> fix: rate 10% → 9.2% (of the visits after one to fix; 5.2% of all)'
            );
            const after = readFileSync(map, 'utf8');
            // Only figures changed: the same lines, comments and clauses in the same places.
            const unchanged = (text: string) =>
                text.replace(/\d+(\.\d+)?[smhdw%](\.\.\d+(\.\d+)?[smhdw])*(?![\w.])/g, 'N');
            expect(unchanged(after)).toBe(unchanged(before));
            // The handoff into fix waits 4 h, which the history counts in fix's queue: the step's waits share the rest.
            expect(after).toContain('process 2.09d  wait 11.7h  wait 5.83h on IT');

            const checked = vstream('check', map, '--events', EVENTS);
            expect(checked.status).toBe(0);
            expect(driftLines(checked.stdout)).toEqual([]);
            const again = vstream('measure', map, '--events', EVENTS, '--update');
            expect(again.stdout).toContain('unchanged, its figures already are the measured ones');
            expect(readFileSync(map, 'utf8')).toBe(after);
        },
        TIMEOUT
    );

    it(
        '--update --ranges writes ranges the map reads as valid, and then the map agrees with its history',
        () => {
            const map = copyOfExample();
            const updated = vstream('measure', map, '--events', EVENTS, '--update', '--ranges');
            expect(updated.status).toBe(0);
            expect(readFileSync(map, 'utf8')).toContain('process 0d..2.09d..4.99d');
            const checked = vstream('check', map, '--events', EVENTS, '--format', 'json');
            const codes = (JSON.parse(checked.stdout) as Array<{ code: string }>).map(entry => entry.code);
            expect(codes).not.toContain('invalid-range');
            expect(codes).not.toContain('measured-drift');
            // The map agrees with its history: its forecast within [0.8, 1.25] × the measured lead time.
            expect(codes).not.toContain('map-disagrees');
        },
        TIMEOUT
    );

    it(
        '--columns and --calendar all read a history with its own column names',
        () => {
            const folder = mkdtempSync(join(tmpdir(), 'vstream-columns-'));
            const map = join(folder, 'tiny.vstream');
            writeFileSync(
                map,
                'stream tiny {\n    done "Done"\n    step work "Work" { owner A  process 1h  queue "Open"  status "Doing" }\n}\n'
            );
            const events = join(folder, 'history.csv');
            // Friday noon to Monday noon in "Doing": 72 counted hours with every day, 24 in the work week.
            writeFileSync(
                events,
                'Key,State,Changed\nT-1,Open,2024-03-08T11:00:00Z\nT-1,Doing,2024-03-08T12:00:00Z\nT-1,Done,2024-03-11T12:00:00Z\n'
            );
            const columns = ['--columns', 'item=Key,status=State,at=Changed'];
            const all = vstream('measure', map, '--events', events, ...columns, '--calendar', 'all', '--json');
            const week = vstream('measure', map, '--events', events, ...columns, '--json');
            const processOf = (output: string) =>
                (JSON.parse(output) as Array<{ steps: Array<{ process: { p50: number } }> }>)[0].steps[0].process.p50;
            expect(processOf(all.stdout)).toBeCloseTo(24);
            expect(processOf(week.stdout)).toBeCloseTo(8);
        },
        TIMEOUT
    );
});

describe('vstream check --events', () => {
    it(
        'adds measured-drift on the clauses that drift, which a check without the history does not have',
        () => {
            const checked = vstream('check', MAP, '--events', EVENTS);
            expect(checked.status).toBe(0);
            const drift = driftLines(checked.stdout);
            expect(drift).toHaveLength(2);
            expect(drift[0]).toMatch(
                /support-ticket\.vstream:\d+:\d+: info measured-drift Step 'fix' is mapped at 6 h/
            );
            expect(drift[0]).toContain('a median of 16.7 h (p85 27.2 h) over 1185 visits');
            expect(drift[1]).toContain("Step 'confirm' is mapped to wait 8 h");
            expect(driftLines(vstream('check', MAP).stdout)).toEqual([]);
        },
        TIMEOUT
    );

    it(
        'says unseen-status where the map names a status the history never has',
        () => {
            const map = copyOfExample();
            writeFileSync(map, readFileSync(map, 'utf8').replace('status "Triage"', 'status "Triaged"'));
            const checked = vstream('check', map, '--events', EVENTS);
            expect(checked.stdout).toMatch(/info unseen-status Status "Triaged" never occurs/);
            // Said once, as the diagnostic: not again on standard error.
            expect(checked.stderr).not.toContain('"Triaged"');
        },
        TIMEOUT
    );
});

describe('bad input to vstream measure', () => {
    it.each([
        [['measure', MAP], "measure reads a tracker's history: name its files with --events FILE…"],
        [['measure', MAP, '--events', EVENTS, '--ranges'], '--ranges says how --update writes the figures'],
        [['measure', MAP, '--events', EVENTS, '--update', '--json'], '--update writes the map'],
        [['measure', MAP, '--events', EVENTS, '--calendar', 'moon'], "--calendar is 'workweek'"],
        [['measure', MAP, '--events', EVENTS, '--columns', 'key=Key'], '--columns names columns as item=…'],
        [['measure', MAP, '--events', join(EXAMPLES, 'missing.csv')], 'missing.csv: no such events file'],
        [['measure', join(EXAMPLES, 'new-hire.vstream'), '--events', EVENTS], 'no stream names a tracker status'],
        [['measure', MAP, '--sql', '--columns', 'item=Key'], '--sql writes the query over a table events'],
        [
            ['measure', MAP, '--events', EVENTS, '--columns', 'item=Key,item=Id'],
            '--columns names the item column twice'
        ],
        [['measure', MAP, '--events', EVENTS, '--stream', 'nope'], "no stream named 'nope'"]
    ])(
        '%j: one line and exit status 2',
        (args, message) => {
            const result = vstream(...args);
            expect(result.status).toBe(2);
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
            expect(result.stderr).toContain(message);
        },
        TIMEOUT
    );

    it(
        'names the columns found when one is missing',
        () => {
            const folder = mkdtempSync(join(tmpdir(), 'vstream-badcolumns-'));
            const events = join(folder, 'export.csv');
            writeFileSync(events, 'Key,State,When\nA,New,2024-01-01\n');
            const result = vstream('measure', MAP, '--events', events);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain("has no column 'item' (columns found: Key, State, When)");
        },
        TIMEOUT
    );
});

describe('vstream measure: reading the history without guessing', () => {
    const FIXTURES = resolve(__dirname, '../fixtures/measure');
    const BAD_ROWS = join(FIXTURES, 'events-with-bad-rows.csv');

    /** A map of the statuses the fixtures use, in a folder of its own. */
    function fixtureMap(name: string, streamBody: string): string {
        const path = join(mkdtempSync(join(tmpdir(), 'vstream-reading-')), `${name}.vstream`);
        writeFileSync(path, `stream ${name} "${name}" {\n    team Desk "Desk"\n${streamBody}}\n`);
        return path;
    }
    const WORK = fixtureMap(
        'work',
        '    done "Done"\n    step work "Work" { owner Desk  process 8h  wait 1h  queue "Ready"  status "Doing" }\n'
    );

    it(
        'measures nothing when more than 1% of the rows cannot be read, naming them file:line in one line (exit 2)',
        () => {
            const result = vstream('measure', WORK, '--events', BAD_ROWS);
            expect(result.status).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
            expect(result.stderr).toMatch(
                /^vstream: 4 of 14 rows \(29%\) cannot be read, more than 1%, so nothing was measured: /
            );
            expect(result.stderr).toContain(
                `${BAD_ROWS}:6 (B-2): a quote without its pair: the field it opens runs on to a quote on line 8; ` +
                    `${BAD_ROWS}:10 (C-3, "2024-03-05T12:00:00Z"): 4 fields where the header has 3; ` +
                    `${BAD_ROWS}:11 (D-4): 2 fields where the header has 3; ` +
                    `${BAD_ROWS}:12 (D-4, "2099-03-04T12:00:00Z"): after --as-of `
            );
            expect(result.stderr).toContain('or measure the other rows with --skip-bad-rows');
        },
        TIMEOUT
    );

    it(
        '--skip-bad-rows measures the other items, and says which rows and how many items were left out',
        () => {
            const result = vstream('measure', WORK, '--events', BAD_ROWS, '--skip-bad-rows', '--json');
            expect(result.status).toBe(0);
            expect(JSON.parse(result.stdout)).toMatchObject([{ stream: 'work', items: 2, done: 2 }]);
            expect(result.stderr).toContain(
                'vstream: 4 rows cannot be read, left out, with the other rows of their 3 items (an item whose history has a hole is not measured): '
            );
        },
        TIMEOUT
    );

    it(
        '--as-of makes the rows after it unreadable',
        () => {
            const result = vstream('measure', WORK, '--events', BAD_ROWS, '--as-of', '2024-03-05');
            expect(result.status).toBe(2);
            expect(result.stderr).toContain(`${BAD_ROWS}:4 (A-1, "2024-03-05T10:00:00Z"): after --as-of 2024-03-05`);
        },
        TIMEOUT
    );

    it(
        'reads a ServiceNow export with --columns and --time-format',
        () => {
            const map = fixtureMap(
                'incident',
                '    done "Resolved", "Closed"\n    step respond "Respond" { owner Desk  process 2h  wait 1h  queue "New"  status "Active" }\n'
            );
            const events = join(FIXTURES, 'servicenow-incidents.csv');
            const columns = ['--columns', 'item=number,status=incident_state,at=sys_updated_at'];
            const read = vstream(
                'measure',
                map,
                '--events',
                events,
                ...columns,
                '--time-format',
                '%d-%m-%Y %H:%M',
                '--json'
            );
            expect(read.status).toBe(0);
            expect(read.stderr).not.toContain('cannot be read');
            expect(JSON.parse(read.stdout)).toMatchObject([{ items: 5, done: 4, wip: 1 }]);
            const guessed = vstream('measure', map, '--events', events, ...columns);
            expect(guessed.status).toBe(2);
            expect(guessed.stderr).toContain(
                `${events}:2 (INC0010001, "01-03-2016 09:12"), ${events}:3 (INC0010001, "01-03-2016 09:12"),`
            );
            expect(guessed.stderr).toContain(
                ': not ISO 8601 (such as 2024-03-04T09:30:00Z; name another format with --time-format)'
            );
        },
        TIMEOUT
    );

    it(
        "reads Bugzilla's PST and PDT only with --timezone, and its epoch seconds with --time-format epoch",
        () => {
            const map = fixtureMap(
                'bugs',
                '    done "RESOLVED", "VERIFIED"\n    step fix "Fix" { owner Desk  process 8h  wait 2h  queue "NEW"  status "ASSIGNED" }\n'
            );
            const columns = ['--columns', 'item=bug_id,status=added,at=bug_when'];
            const pacific = join(FIXTURES, 'bugzilla-status-pacific.csv');
            const without = vstream('measure', map, '--events', pacific, ...columns);
            expect(without.status).toBe(2);
            expect(without.stderr).toContain(
                'ends with "PST", which is no abbreviation the zone of --timezone (UTC) uses at that time: name the zone with --timezone'
            );
            const zoned = vstream(
                'measure',
                map,
                '--events',
                pacific,
                ...columns,
                '--timezone',
                'America/Los_Angeles',
                '--json'
            );
            expect(zoned.status).toBe(0);
            expect(JSON.parse(zoned.stdout)).toMatchObject([{ items: 3, done: 3 }]);
            const epoch = vstream(
                'measure',
                map,
                '--events',
                join(FIXTURES, 'bugzilla-status-epoch.csv'),
                ...columns,
                '--time-format',
                'epoch',
                '--json'
            );
            expect(JSON.parse(epoch.stdout)).toMatchObject([{ items: 3, done: 2 }]);
        },
        TIMEOUT
    );

    it(
        'says what happens to a time the clocks skip and to one they show twice under --timezone',
        () => {
            const folder = mkdtempSync(join(tmpdir(), 'vstream-dst-'));
            const events = join(folder, 'dst.csv');
            writeFileSync(
                events,
                [
                    'item,status,at',
                    ...Array.from({ length: 200 }, (_, index) => `K${index},Ready,2024-03-04 09:00:00`),
                    'S,Ready,2024-03-10 02:30:00',
                    'F,Ready,2024-11-03 01:30:00',
                    'P,Ready,2024-11-03 01:30:00 PST'
                ].join('\n') + '\n'
            );
            const result = vstream('measure', WORK, '--events', events, '--timezone', 'America/Los_Angeles', '--json');
            expect(result.status).toBe(0);
            expect(JSON.parse(result.stdout)).toMatchObject([{ items: 201 }]);
            expect(result.stderr).toContain(
                `${events}:202 (S, "2024-03-10 02:30:00"): a time that America/Los_Angeles skips (its clocks go forward over it); ` +
                    `${events}:203 (F, "2024-11-03 01:30:00"): a time that America/Los_Angeles shows twice (its clocks go back over it): write its offset`
            );
        },
        TIMEOUT
    );

    it(
        'says "did you mean" for a status that differs from the map\'s in case only',
        () => {
            const map = fixtureMap(
                'jira',
                '    done "Done"\n    step work "Work" { owner Desk  process 8h  wait 1h  queue "To Do"  status "In Progress" }\n'
            );
            const columns = ['--columns', 'item=Issue key,status=Status,at=Changed'];
            const result = vstream('measure', map, '--events', join(FIXTURES, 'jira-changes.csv'), ...columns);
            expect(result.status).toBe(0);
            expect(result.stderr).toContain(
                'statuses no step maps: "In progress" 3 rows (did you mean "In Progress"?)'
            );
        },
        TIMEOUT
    );

    it.each([
        [
            ['--time-format', '%Y-%m-%d %H:%M:%S %Z'],
            "--time-format '%Y-%m-%d %H:%M:%S %Z' reads a zone name (%Z), which is never read"
        ],
        [
            ['--time-format', 'dd/mm/yyyy'],
            "--time-format is strptime codes (such as '%d-%m-%Y %H:%M'), epoch or epoch-ms, not 'dd/mm/yyyy'"
        ],
        [
            ['--timezone', 'America/Los_Angles'],
            "--timezone 'America/Los_Angles' is no time zone (IANA names such as America/Los_Angeles or Europe/Paris): did you mean 'America/Los_Angeles'?"
        ],
        [['--timezone', 'PST'], "--timezone 'PST' is an abbreviation, and an abbreviation stands for different zones"],
        [['--as-of', 'tomorrow'], "--as-of 'tomorrow' cannot be read: write it in ISO 8601"]
    ])(
        '%j: one line and exit status 2',
        (options, message) => {
            const result = vstream('measure', WORK, '--events', BAD_ROWS, ...options);
            expect(result.status).toBe(2);
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
            expect(result.stderr).toContain(message);
        },
        TIMEOUT
    );

    it(
        'refuses the reading options where no history is read',
        () => {
            const check = vstream('check', WORK, '--timezone', 'Europe/Paris');
            expect(check.status).toBe(2);
            expect(check.stderr).toContain('say how to read --events FILE…, which is missing');
            const sql = vstream('measure', WORK, '--sql', '--time-format', 'epoch');
            expect(sql.status).toBe(2);
            expect(sql.stderr).toContain('--sql writes the query over a table events');
        },
        TIMEOUT
    );

    it(
        'check --events refuses the same history, and --skip-bad-rows checks it',
        () => {
            expect(vstream('check', WORK, '--events', BAD_ROWS).status).toBe(2);
            const checked = vstream('check', WORK, '--events', BAD_ROWS, '--skip-bad-rows');
            expect(checked.status).toBe(0);
            expect(checked.stderr).toContain('4 rows cannot be read');
        },
        TIMEOUT
    );
});
