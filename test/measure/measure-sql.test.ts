/** The `--sql` text: standalone SQL over an `events` table, as a team would run it in its warehouse. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/measure/measure.js';
import { measureSql } from '../../src/measure/measure-sql.js';
import { eventLog, hoursNear, oneStream, WEEKEND_LOG, workStep } from './event-logs.js';

/** Runs the text in a DuckDB of its own, over a table of typed timestamps without zone (UTC), as a warehouse holds them. */
async function runInWarehouse(sql: string, rows: string[]): Promise<Record<string, unknown>[]> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        const values = rows
            .map(line => line.split(','))
            .map(([item, status, at]) => `('${item}', '${status}', TIMESTAMP '${at.replace('Z', '')}')`);
        await connection.run(
            `CREATE TABLE events (item VARCHAR, status VARCHAR, "at" TIMESTAMP); INSERT INTO events VALUES ${values.join(', ')}`
        );
        return (await connection.runAndReadAll(sql)).getRowObjectsJS();
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

describe('measureSql', () => {
    const map = oneStream([workStep()]);

    it('runs over a plain events table and gives the hand-computed figures', async () => {
        const rows = await runInWarehouse(measureSql(map, 'workweek'), WEEKEND_LOG.slice(1));
        expect(rows).toEqual([
            {
                stream: 's',
                step: null,
                items: 2n,
                done: 1n,
                wip: 1n,
                throughput_per_week: hoursNear(7 / 9, 12),
                lead_time_p50: 20,
                lead_time_p85: 20,
                lead_time_p95: 20,
                process_mapped: null,
                process_p15: null,
                process_p50: null,
                process_p85: null,
                wait_mapped: null,
                wait_p15: null,
                wait_p50: null,
                wait_p85: null
            },
            {
                stream: 's',
                step: 'work',
                items: 2n,
                done: null,
                wip: null,
                throughput_per_week: null,
                lead_time_p50: null,
                lead_time_p85: null,
                lead_time_p95: null,
                process_mapped: 10,
                process_p15: hoursNear(9.2),
                process_p50: 12,
                process_p85: hoursNear(14.8),
                wait_mapped: 6,
                wait_p15: hoursNear(5.2),
                wait_p50: 8,
                wait_p85: hoursNear(10.8)
            }
        ]);
    });

    it('is the query the engine runs: same figures from the files', async () => {
        const fromFiles = await measure(map, {
            events: [eventLog('sql-weekend.csv', ...WEEKEND_LOG)],
            calendar: 'all'
        });
        const [streamRow, stepRow] = await runInWarehouse(measureSql(map, 'all'), WEEKEND_LOG.slice(1));
        const [step] = fromFiles.streams[0].steps;
        expect([streamRow.lead_time_p50, stepRow.process_p50, stepRow.process_p85, stepRow.wait_p50]).toEqual([
            fromFiles.streams[0].leadTime.p50,
            step.process.p50,
            step.process.p85,
            step.wait.p50
        ]);
        expect(stepRow.process_p50).toBe(20);
    });

    it('keeps names from the map as data', () => {
        const sql = measureSql(
            { streams: [{ name: "o'brien", workdayHours: 8, done: ["it's done"], steps: [] }] },
            'workweek'
        );
        expect(sql).toContain(`'o''brien'`);
        expect(sql).toContain(`'it''s done'`);
    });

    it('runs for a map without steps or statuses', async () => {
        const rows = await runInWarehouse(
            measureSql({ streams: [{ name: 'empty', workdayHours: 8, done: [], steps: [] }] }, 'workweek'),
            WEEKEND_LOG.slice(1)
        );
        expect(rows).toMatchObject([{ stream: 'empty', step: null, items: 0n, done: 0n, throughput_per_week: 0 }]);
    });
});
