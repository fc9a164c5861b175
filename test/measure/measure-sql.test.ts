/** The `--sql` text: standalone SQL over an `events` table, as a team would run it in its warehouse. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/measure/measure.js';
import { measureSql, VISIT_QUANTILES } from '../../src/measure/measure-sql.js';
import { eventLog, hoursNear, oneStream, WEEKEND_LOG, workStep } from './event-logs.js';

/**
 * Runs the text in a DuckDB of its own, over a table of typed timestamps without zone (UTC), as
 * a warehouse holds them, with `seq` the row's place in the export.
 */
async function runInWarehouse(sql: string, rows: string[]): Promise<Record<string, unknown>[]> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        const values = rows
            .map(line => line.split(','))
            .map(([item, status, at], seq) => `('${item}', '${status}', TIMESTAMP '${at.replace('Z', '')}', ${seq})`);
        await connection.run(
            `CREATE TABLE events (item VARCHAR, status VARCHAR, "at" TIMESTAMP, seq BIGINT); INSERT INTO events VALUES ${values.join(', ')}`
        );
        return (await connection.runAndReadAll(sql)).getRowObjectsJS();
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

/** Every column of a row the query leaves empty for its kind. */
const NONE = Object.fromEntries(
    [
        'step',
        'target',
        'items',
        'visits',
        'done',
        'wip',
        'throughput_per_week',
        'lead_time_p50',
        'lead_time_p85',
        'lead_time_p95',
        'process_mapped',
        'process_quantiles',
        'process_mean',
        'process_deviation',
        'wait_mapped',
        'wait_quantiles',
        'wait_mean',
        'wait_deviation',
        'mapped',
        'taken',
        'samples',
        'both_items',
        'parallel_items',
        'branch_items',
        'reached_taken',
        'reached_samples'
    ].map(column => [column, null])
);

describe('measureSql', () => {
    const map = oneStream([workStep()]);

    it('runs over a plain events table and gives the hand-computed figures', async () => {
        const rows = await runInWarehouse(measureSql(map, 'workweek'), WEEKEND_LOG.slice(1));
        // The closed visits: A waits 12 h and works 8; B works 8 and goes back to Ready.
        const waits = VISIT_QUANTILES.map(p => hoursNear(12 * p));
        expect(rows).toEqual([
            {
                ...NONE,
                kind: 'stream',
                stream: 's',
                items: 2n,
                done: 1n,
                wip: 1n,
                throughput_per_week: hoursNear(7 / 9, 12),
                lead_time_p50: 20,
                lead_time_p85: 20,
                lead_time_p95: 20
            },
            {
                ...NONE,
                kind: 'step',
                stream: 's',
                step: 'work',
                items: 2n,
                visits: 2n,
                process_mapped: 10,
                process_quantiles: VISIT_QUANTILES.map(() => 8),
                process_mean: 8,
                process_deviation: 0,
                wait_mapped: 6,
                wait_quantiles: waits,
                wait_mean: 6,
                wait_deviation: 6
            }
        ]);
    });

    it('is the query the engine runs: same figures from the files', async () => {
        const decided = oneStream([
            { name: 'triage', status: ['Triage'], queue: [], mappedProcess: 1, mappedWait: 0 },
            { name: 'fix', status: ['Fixing'], queue: [], mappedProcess: 1, mappedWait: 0 },
            { name: 'answer', status: ['Answering'], queue: [], mappedProcess: 1, mappedWait: 0 }
        ]);
        decided.streams[0].edges = [
            { from: 'triage', to: 'fix', share: 0.5 },
            { from: 'triage', to: 'answer', share: 0.5 }
        ];
        decided.streams[0].reworks = [{ from: 'fix', to: 'triage', rate: 0.2 }];
        const log = [
            'item,status,at',
            ...['1', '2', '3', '4', '5', '6'].flatMap(n => [
                `I${n},Triage,2024-03-0${n}T00:00:00Z`,
                `I${n},${Number(n) % 3 === 0 ? 'Answering' : 'Fixing'},2024-03-0${n}T0${n}:00:00Z`,
                ...(n === '2' ? ['I2,Triage,2024-03-02T05:00:00Z', 'I2,Fixing,2024-03-02T06:00:00Z'] : []),
                `I${n},Done,2024-03-0${n}T09:00:00Z`
            ])
        ];
        const fromFiles = (await measure(decided, { events: [eventLog('sql-decided.csv', ...log)], calendar: 'all' }))
            .streams[0];
        const rows = await runInWarehouse(measureSql(decided, 'all'), log.slice(1));
        const branches = rows.filter(row => row.kind === 'branch');
        expect(branches.map(row => [row.target, Number(row.taken) / Number(row.samples)])).toEqual(
            fromFiles.branches.map(branch => [branch.to, branch.measured])
        );
        const [rework] = rows.filter(row => row.kind === 'rework');
        expect(Number(rework.taken) / Number(rework.samples)).toBe(fromFiles.rework[0].measured);
        expect(fromFiles.branches.map(branch => branch.measured)).toEqual([5 / 7, 2 / 7]);
        expect(fromFiles.rework[0]).toMatchObject({ measured: 1 / 5, samples: 5 });
        const stepRows = rows.filter(row => row.kind === 'step');
        expect(stepRows.map(row => [row.step, row.visits])).toEqual(
            fromFiles.steps.map(step => [step.step, BigInt(step.visits)])
        );
    });

    it('keeps names from the map as data', () => {
        const sql = measureSql(
            { streams: [{ name: "o'brien", workdayHours: 8, done: ["it's done"], steps: [], edges: [], reworks: [] }] },
            'workweek'
        );
        expect(sql).toContain(`'o''brien'`);
        expect(sql).toContain(`'it''s done'`);
    });

    it('runs for a map without steps or statuses', async () => {
        const rows = await runInWarehouse(
            measureSql(
                { streams: [{ name: 'empty', workdayHours: 8, done: [], steps: [], edges: [], reworks: [] }] },
                'workweek'
            ),
            WEEKEND_LOG.slice(1)
        );
        expect(rows).toMatchObject([
            { kind: 'stream', stream: 'empty', step: null, items: 0n, done: 0n, throughput_per_week: 0 }
        ]);
    });
});
