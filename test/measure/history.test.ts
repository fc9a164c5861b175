/**
 * The history as read (src/measure/history.ts), through `measure()` and through the view
 * `events` the measurement reads: unreadable rows and the items left out with them, the refusal
 * of a history with more than 1% of its rows unreadable, --as-of, "did you mean", the order of
 * rows at the same instant, and real trackers' exports (test/fixtures/measure/).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeasureSession } from '../../src/measure/duckdb-session.js';
import { readHistory, type HistoryOptions } from '../../src/measure/history.js';
import { measure } from '../../src/measure/measure.js';
import {
    UnreadableHistoryError,
    type MeasureMap,
    type MeasureOptions,
    type MeasureReport
} from '../../src/measure/measure-model.js';
import { eventLog, hoursNear, oneStream, workStep } from './event-logs.js';

const fixture = (name: string) => resolve(__dirname, `../fixtures/measure/${name}`);
const BAD_ROWS = fixture('events-with-bad-rows.csv');

/** Measures `oneStream([workStep()])` (Ready, Doing, Done), or the map given. */
function measured(options: Partial<MeasureOptions> & Pick<MeasureOptions, 'events'>, map?: MeasureMap) {
    return measure(map ?? oneStream([workStep()]), { calendar: 'workweek', ...options });
}

/** The rows of `events` in the order the measurement takes them: time, then input order. */
async function eventsRead(options: HistoryOptions): Promise<{ item: string; status: string | null; at: string }[]> {
    const session = await MeasureSession.open({ startedAt: 0 });
    try {
        await readHistory(session, options);
        return await session.query(
            `SELECT item, status, strftime("at", '%Y-%m-%dT%H:%M:%SZ') AS at FROM events ORDER BY "at", seq`,
            'reading'
        );
    } finally {
        session.close();
    }
}

async function refusal(promise: Promise<MeasureReport>): Promise<UnreadableHistoryError> {
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableHistoryError);
    return error as UnreadableHistoryError;
}

describe('history: items with an unreadable row are left out whole', () => {
    const log = eventLog(
        'hole.csv',
        'item,status,at',
        ...Array.from({ length: 50 }, (_, index) => [
            `K${index},Ready,2024-03-04T00:00:00Z`,
            `K${index},Doing,2024-03-04T06:00:00Z`,
            `K${index},Done,2024-03-04T12:00:00Z`
        ]).flat(),
        'H,Ready,2024-03-04T00:00:00Z',
        'H,Doing,2024-03-04 06:00 in the morning',
        'H,Done,2024-03-05T12:00:00Z'
    );

    it('measures the other items, and counts the rows and the items left out', async () => {
        const report = await measured({ events: [log] });
        expect(report.rowsRead).toBe(153);
        expect(report.unreadableRows).toEqual({
            count: 1,
            first: [
                {
                    file: log,
                    line: 153,
                    item: 'H',
                    at: '2024-03-04 06:00 in the morning',
                    problem: 'not ISO 8601 (such as 2024-03-04T09:30:00Z; name another format with --time-format)'
                }
            ]
        });
        expect(report.itemsLeftOut).toBe(1);
        // Had only its unreadable row been dropped, H would be a 51st item, done without ever being worked on.
        expect(report.streams[0]).toMatchObject({ items: 50, done: 50 });
        expect(report.streams[0].steps[0].wait).toMatchObject({ p50: 2, p85: 2 });
    });

    it('counts a row without an item as unreadable: it belongs to no item', async () => {
        const noItem = eventLog(
            'no-item.csv',
            'item,status,at',
            ',Doing,2024-03-04T00:00:00Z',
            ...Array.from({ length: 100 }, (_, index) => `K${index},Doing,2024-03-04T00:00:00Z`)
        );
        const report = await measured({ events: [noItem] });
        expect(report.unreadableRows.first).toEqual([
            { file: noItem, line: 2, item: null, at: '2024-03-04T00:00:00Z', problem: 'no item' }
        ]);
        expect(report.itemsLeftOut).toBe(0);
        expect(report.streams[0].items).toBe(100);
    });
});

describe('history: more than 1% of the rows unreadable', () => {
    it('measures nothing, naming the first unreadable rows and what was expected', async () => {
        const error = await refusal(measured({ events: [BAD_ROWS] }));
        expect(error.message).toBe(
            `4 of 14 rows (29%) cannot be read, more than 1%, so nothing was measured: ` +
                `${BAD_ROWS}:6 (B-2): a quote without its pair: the field it opens runs on to a quote on line 8; ` +
                `${BAD_ROWS}:10 (C-3, "2024-03-05T12:00:00Z"): 4 fields where the header has 3; ` +
                `${BAD_ROWS}:11 (D-4): 2 fields where the header has 3; ` +
                `${BAD_ROWS}:12 (D-4, "2099-03-04T12:00:00Z"): after --as-of ${error.unreadableRows.first[3].problem.slice('after --as-of '.length)}. ` +
                'Fix the export or say how to read it (--columns, --time-format, --timezone), or measure the other rows with --skip-bad-rows'
        );
        expect(error.rowsRead).toBe(14);
    });

    it('measures the rest with skipBadRows: the items of the bad rows left out, mixed line endings read', async () => {
        const report = await measured({ events: [BAD_ROWS], skipBadRows: true });
        expect(report.unreadableRows.first.map(row => [row.line, row.item])).toEqual([
            [6, 'B-2'],
            [10, 'C-3'],
            [11, 'D-4'],
            [12, 'D-4']
        ]);
        expect(report.itemsLeftOut).toBe(3);
        // A-1 and E-5, each Ready 1 h, Doing 1 day; the log runs from E-5's first row to A-1's last.
        expect(report.streams[0]).toMatchObject({ items: 2, done: 2 });
        expect(report.streams[0].steps[0].process).toMatchObject({ p50: 8, p85: 8 });
        expect(report.streams[0].throughputPerWeek).toBeCloseTo((2 * 168) / 26, 9);
    });

    it('keeps its message on one line, an item with a line break written with its quotes', async () => {
        const log = eventLog('item-over-two-lines.csv', 'item,status,at', '"A\nB",Doing,yesterday');
        const error = await refusal(measured({ events: [log] }));
        expect(error.message).not.toContain('\n');
        expect(error.message).toContain(`${log}:2 ("A\\nB", "yesterday"): not ISO 8601`);
    });

    it('is exactly 1% at most: 1 row in 100 is measured', async () => {
        const log = eventLog(
            'one-in-a-hundred.csv',
            'item,status,at',
            'X,Doing,yesterday',
            ...Array.from({ length: 99 }, (_, index) => `K${index},Doing,2024-03-04T00:00:00Z`)
        );
        await expect(measured({ events: [log] })).resolves.toMatchObject({ itemsLeftOut: 1 });
        const more = eventLog('two-in-a-hundred.csv', 'item,status,at', 'X,Doing,yesterday', 'Y,Doing,never');
        await refusal(measured({ events: [log, more] }));
    });
});

describe('history: --as-of', () => {
    it('reads a row after it as unreadable, so that a typo dated 2099 cannot stretch the log', async () => {
        const error = await refusal(measured({ events: [BAD_ROWS], asOf: '2024-03-05' }));
        expect(error.unreadableRows.count).toBe(8);
        expect(error.unreadableRows.first[0]).toEqual({
            file: BAD_ROWS,
            line: 4,
            item: 'A-1',
            at: '2024-03-05T10:00:00Z',
            problem: 'after --as-of 2024-03-05'
        });
        const later = await measured({ events: [BAD_ROWS], asOf: '2100-01-01T00:00:00+01:00', skipBadRows: true });
        expect(later.unreadableRows.count).toBe(3);
    });

    it('reads --as-of in the zone when it has no offset, and says when it cannot', async () => {
        const log = eventLog(
            'as-of.csv',
            'item,status,at',
            'A,Doing,2024-03-04 09:30:00',
            'A,Done,2024-03-04 10:30:00'
        );
        const paris = { events: [log], timezone: 'Europe/Paris', skipBadRows: true };
        expect((await measured({ ...paris, asOf: '2024-03-04 10:00' })).unreadableRows.count).toBe(1);
        expect((await measured({ ...paris, asOf: '2024-03-04T10:00:00Z' })).unreadableRows.count).toBe(0);
        await expect(measured({ events: [log], asOf: '04/03/2024' })).rejects.toThrow(
            "--as-of '04/03/2024' cannot be read: write it in ISO 8601, such as 2016-03-01T12:00 (in the --timezone zone) or 2016-03-01T12:00+01:00"
        );
    });
});

describe('history: statuses', () => {
    it('says "did you mean" for a status that equals one of the map but for case and spaces', async () => {
        const jira = await measured(
            {
                events: [fixture('jira-changes.csv')],
                columns: { item: 'Issue key', status: 'Status', at: 'Changed' }
            },
            oneStream([{ ...workStep(), queue: ['To Do'], status: ['In Progress'] }])
        );
        expect(jira.unmappedStatuses).toEqual([{ status: 'In progress', rows: 3, didYouMean: 'In Progress' }]);
        expect(jira.missingStatuses).toEqual([{ stream: 's', step: 'work', clause: 'status', status: 'In Progress' }]);
        expect(jira.streams[0]).toMatchObject({ items: 3, done: 2 });
    });
});

describe('history: the order of rows at the same instant', () => {
    it("keeps the input order of an item's rows at the same minute, across files in the order given", async () => {
        const [first, second] = ['same-minute-1.csv', 'same-minute-2.csv'].map((name, index) =>
            eventLog(
                name,
                'item,status,at',
                ...(index === 0
                    ? ['A,Review,2024-03-04T09:00:00Z', 'A,Doing,2024-03-04T09:00:00Z']
                    : ['A,Ready,2024-03-04T09:00:00Z', 'A,Done,2024-03-04T10:00:00Z'])
            )
        );
        const statuses = async (events: string[]) => (await eventsRead({ events })).map(row => row.status);
        expect(await statuses([first, second])).toEqual(['Review', 'Doing', 'Ready', 'Done']);
        expect(await statuses([second, first])).toEqual(['Ready', 'Review', 'Doing', 'Done']);
    });
});

describe("history: trackers' exports", () => {
    it('reads a ServiceNow incident export with --time-format, its rows of one minute in their order', async () => {
        const options = {
            events: [fixture('servicenow-incidents.csv')],
            columns: { item: 'number', status: 'incident_state', at: 'sys_updated_at' },
            timeFormat: '%d-%m-%Y %H:%M'
        };
        const incidents: MeasureMap = oneStream(
            [
                { name: 'respond', queue: ['New'], status: ['Active'], mappedProcess: 2, mappedWait: 1 },
                { name: 'userInfo', queue: [], status: ['Awaiting User Info'], mappedProcess: 4, mappedWait: 0 }
            ],
            ['Resolved', 'Closed']
        );
        const report = await measured(options, incidents);
        expect(report).toMatchObject({ rowsRead: 25, unreadableRows: { count: 0 }, itemsLeftOut: 0 });
        expect(report.streams[0]).toMatchObject({ items: 5, done: 4, wip: 1 });
        // INC0010004 went from New to Resolved: a visit to respond all the same (waiting, no work).
        expect(report.streams[0].steps.map(step => step.items)).toEqual([5, 2]);
        const first = (await eventsRead(options)).filter(row => row.item === 'INC0010001');
        expect(first.map(row => [row.status, row.at])).toEqual([
            ['New', '2016-03-01T09:12:00Z'],
            ['New', '2016-03-01T09:12:00Z'],
            ['Active', '2016-03-01T09:12:00Z'],
            ['Active', '2016-03-01T11:40:00Z'],
            ['Resolved', '2016-03-01T15:05:00Z'],
            ['Closed', '2016-03-06T16:00:00Z']
        ]);
    });

    const bugs: MeasureMap = oneStream(
        [{ name: 'fix', queue: ['NEW'], status: ['ASSIGNED'], mappedProcess: 8, mappedWait: 2 }],
        ['RESOLVED', 'VERIFIED']
    );
    const bugColumns = { item: 'bug_id', status: 'added', at: 'bug_when' };

    it('reads a Bugzilla history in epoch seconds', async () => {
        const report = await measured(
            { events: [fixture('bugzilla-status-epoch.csv')], columns: bugColumns, timeFormat: 'epoch' },
            bugs
        );
        // Bug 301: Monday 09:00 → Wednesday 17:00, 56 counted h; bug 302: 8 h. Their fixes: 32 h and 6 h.
        expect(report.streams[0]).toMatchObject({ items: 3, done: 2, leadTime: { p50: hoursNear(32 / 3) } });
        expect(report.streams[0].steps[0].process.p50).toBeCloseTo(19 / 3, 9);
    });

    it("reads Bugzilla's PST and PDT with --timezone America/Los_Angeles, and refuses them without", async () => {
        const events = [fixture('bugzilla-status-pacific.csv')];
        const report = await measured(
            { events, columns: bugColumns, timezone: 'America/Los_Angeles', calendar: 'all' },
            bugs
        );
        // Bug 313 is assigned at 01:30 PDT and resolved at 01:10 PST the same night: 40 minutes later.
        expect(report.unreadableRows.count).toBe(0);
        expect(report.streams[0].steps[0].process).toMatchObject({
            p50: hoursNear(31 / 3),
            spread: { p15: hoursNear(2 / 9 + 0.3 * (31 / 3 - 2 / 9)) }
        });
        const error = await refusal(measured({ events, columns: bugColumns }, bugs));
        expect(error.message).toContain(
            '(311, "2006-01-04 17:00:00 PST"): ends with "PST", which is no abbreviation the zone of --timezone (UTC) uses at that time: name the zone with --timezone'
        );
    });
});
