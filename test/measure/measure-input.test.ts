/** What `vstream measure` makes of its input: formats, columns, bad rows, and statuses the map and the log do not share. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/measure/measure.js';
import { MeasureInputError } from '../../src/measure/measure-model.js';
import { eventLog, logPath, oneStream, WEEKEND_LOG, workStep } from './event-logs.js';
import { SUPPORT_TICKET_MAP } from './support-ticket-map.js';

const slice = (extension: string) => resolve(__dirname, `../fixtures/measure/support-ticket-slice.${extension}`);
const weekend = eventLog('weekend-input.csv', ...WEEKEND_LOG);

/** Every number to 9 decimals, for figures that sum many floating-point values. */
function rounded(value: unknown): unknown {
    return JSON.parse(
        JSON.stringify(value, (_, item: unknown) => (typeof item === 'number' ? Number(item.toFixed(9)) : item))
    );
}

describe('measure: file formats', () => {
    it('gives the same figures from Parquet and JSON lines as from CSV', async () => {
        const [csv, parquet, jsonl] = await Promise.all(
            ['csv', 'parquet', 'jsonl'].map(extension =>
                measure(SUPPORT_TICKET_MAP, { events: [slice(extension)], calendar: 'workweek' })
            )
        );
        // 200 tickets, of which the two with an unreadable time are left out.
        expect(csv.streams[0].items).toBe(198);
        // Sums over many visits may differ in their last bits with the order the rows are read in.
        expect(rounded(parquet.streams)).toEqual(rounded(csv.streams));
        expect(rounded(jsonl.streams)).toEqual(rounded(csv.streams));
        // In the Parquet file the two unreadable times are typed nulls; CSV and JSON lines keep their text.
        expect([csv.unreadableRows.count, parquet.unreadableRows.count, jsonl.unreadableRows.count]).toEqual([2, 2, 2]);
        expect([csv.itemsLeftOut, parquet.itemsLeftOut, jsonl.itemsLeftOut]).toEqual([2, 2, 2]);
        // JSON lines number rows, and have no header line.
        expect(jsonl.unreadableRows.first).toEqual(
            csv.unreadableRows.first.map(row => ({ ...row, file: slice('jsonl'), line: row.line - 1 }))
        );
    });

    it('reads several files as one log, in any order', async () => {
        const [header, ...rows] = WEEKEND_LOG;
        const first = eventLog('part-1.csv', header, ...rows.slice(0, 3));
        const second = eventLog('part-2.csv', header, ...rows.slice(3));
        const whole = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        const parts = await measure(oneStream([workStep()]), { events: [second, first], calendar: 'workweek' });
        expect(parts.streams).toEqual(whole.streams);
        expect(parts.rowsRead).toBe(7);
    });

    it('reads gzip-compressed CSV and JSON lines', async () => {
        const gzipped = logPath('weekend.csv.gz');
        writeFileSync(gzipped, gzipSync(`${WEEKEND_LOG.join('\n')}\n`));
        const jsonGzipped = logPath('weekend.jsonl.gz');
        writeFileSync(
            jsonGzipped,
            gzipSync(
                WEEKEND_LOG.slice(1)
                    .map(line => line.split(','))
                    .map(([item, status, at]) => `${JSON.stringify({ item, status, at })}\n`)
                    .join('')
            )
        );
        const plain = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        const compressed = await measure(oneStream([workStep()]), {
            events: [gzipped, jsonGzipped],
            calendar: 'workweek'
        });
        expect(compressed.rowsRead).toBe(14);
        // Each row twice: the same stays, each followed by a stay of 0 h.
        expect(compressed.streams[0]).toMatchObject({ items: 2, done: 1, leadTime: plain.streams[0].leadTime });
        expect(compressed.streams[0].steps[0].process.p50).toBe(plain.streams[0].steps[0].process.p50);
    });
});

describe('measure: columns', () => {
    const jira = eventLog(
        'jira.csv',
        'Key,Summary,Status,Changed',
        ...WEEKEND_LOG.slice(1)
            .map(line => line.split(','))
            .map(([item, status, at]) => `${item},"Fix, then ship",${status},${at}`)
    );

    it('reads the columns that --columns names', async () => {
        const renamed = await measure(oneStream([workStep()]), {
            events: [jira],
            calendar: 'workweek',
            columns: { item: 'Key', status: 'Status', at: 'Changed' }
        });
        const plain = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        expect(renamed.streams).toEqual(plain.streams);
    });

    it('matches column names ignoring case, as DuckDB does', async () => {
        const report = await measure(oneStream([workStep()]), {
            events: [jira],
            calendar: 'workweek',
            columns: { item: 'key', status: 'STATUS', at: 'changed' }
        });
        expect(report.streams[0].items).toBe(2);
    });

    it('names the columns it found when one is missing', async () => {
        await expect(
            measure(oneStream([workStep()]), {
                events: [jira],
                calendar: 'workweek',
                columns: { item: 'Key', at: 'Changed' }
            })
        ).resolves.toBeDefined();
        await expect(
            measure(oneStream([workStep()]), {
                events: [jira],
                calendar: 'workweek',
                columns: { item: 'Key', status: 'State', at: 'Changed' }
            })
        ).rejects.toThrow(
            new MeasureInputError(
                `${jira} has no column 'State' (columns found: Key, Summary, Status, Changed): name it with --columns status=…`
            )
        );
        await expect(measure(oneStream([workStep()]), { events: [jira], calendar: 'workweek' })).rejects.toThrow(
            new MeasureInputError(
                `${jira} has no column 'item' (columns found: Key, Summary, Status, Changed): name it with --columns item=…`
            )
        );
    });

    it('finds the columns of a JSON-lines file by the names it uses', async () => {
        const json = eventLog(
            'renamed.jsonl',
            ...WEEKEND_LOG.slice(1)
                .map(line => line.split(','))
                .map(([item, status, at]) => JSON.stringify({ Issue: item, State: status, When: at, extra: 1 }))
        );
        const report = await measure(oneStream([workStep()]), {
            events: [json],
            calendar: 'workweek',
            columns: { item: 'Issue', status: 'State', at: 'When' }
        });
        const plain = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        expect(report.streams).toEqual(plain.streams);
    });
});

describe('measure: files it cannot read', () => {
    it('says which events file is missing', async () => {
        await expect(
            measure(oneStream([workStep()]), { events: [weekend, '/nowhere/events.csv'], calendar: 'workweek' })
        ).rejects.toThrow(new MeasureInputError('/nowhere/events.csv: no such events file'));
    });

    it('refuses an extension it does not know', async () => {
        const spreadsheet = eventLog('events.xlsx', 'x');
        await expect(measure(oneStream([workStep()]), { events: [spreadsheet], calendar: 'workweek' })).rejects.toThrow(
            /events\.xlsx: unknown kind of events file \(expected \.csv, .*\.parquet, \.jsonl/
        );
    });

    it('says a file is empty rather than that it lacks columns', async () => {
        const empty = logPath('empty.csv');
        writeFileSync(empty, '');
        await expect(measure(oneStream([workStep()]), { events: [empty], calendar: 'workweek' })).rejects.toThrow(
            /empty\.csv is empty/
        );
    });

    it('reports a file it cannot parse in one line', async () => {
        const broken = eventLog(
            'broken.jsonl',
            '{"item": "A", "status": "Doing", "at": "2024-03-04T00:00:00Z"}',
            '{"item": oops'
        );
        const error = await measure(oneStream([workStep()]), { events: [broken], calendar: 'workweek' }).catch(
            (caught: unknown) => caught
        );
        expect(error).toBeInstanceOf(MeasureInputError);
        expect((error as Error).message).toMatch(/^reading the events failed: /);
        expect((error as Error).message).not.toContain('\n');
    });
});

describe('measure: statuses of the log and of the map', () => {
    const log = eventLog(
        'statuses.csv',
        'item,status,at',
        'A,Doing,2024-03-04T00:00:00Z',
        'A,On hold,2024-03-04T01:00:00Z',
        'A,Doing,2024-03-04T02:00:00Z',
        'B,On hold,2024-03-04T00:00:00Z',
        'B,Backlog,2024-03-04T03:00:00Z',
        'B,,2024-03-04T04:00:00Z'
    );

    it('lists the statuses no stream names, with their rows, most first', async () => {
        const report = await measure(oneStream([workStep()]), { events: [log], calendar: 'workweek' });
        expect(report.unmappedStatuses).toEqual([
            { status: 'On hold', rows: 2 },
            { status: 'Backlog', rows: 1 },
            { status: null, rows: 1 }
        ]);
    });

    it('lists the statuses the map names that never occur, with where it names them', async () => {
        const step = { ...workStep(), status: ['Doing', 'In review'] };
        const report = await measure(oneStream([step], ['Done', 'Closed', 'Closed']), {
            events: [log],
            calendar: 'workweek'
        });
        expect(report.missingStatuses).toEqual([
            { stream: 's', step: 'work', clause: 'status', status: 'In review' },
            { stream: 's', step: 'work', clause: 'queue', status: 'Ready' },
            { stream: 's', step: null, clause: 'done', status: 'Done' },
            { stream: 's', step: null, clause: 'done', status: 'Closed' }
        ]);
    });

    it('counts a status listed twice in one clause once', async () => {
        const twice = { ...workStep(), status: ['Doing', 'Doing'] };
        const once = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        const repeated = await measure(oneStream([twice]), { events: [weekend], calendar: 'workweek' });
        expect(repeated.streams).toEqual(once.streams);
    });
});
