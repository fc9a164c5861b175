/** How a measurement runs: progress while DuckDB works, stopping it, and a platform without DuckDB. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeLongHistory } from '../../scripts/generate-tracker-export.js';
import { measure } from '../../src/measure/measure.js';
import { MeasureAbortError, type MeasureProgress } from '../../src/measure/measure-model.js';
import { SUPPORT_TICKET_MAP } from './support-ticket-map.js';

/** Long enough that the measuring query runs for a while (about a second or more). */
const ROWS = 1_500_000;
let folder: string;
let log: string;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vstream-measure-runtime-'));
    log = join(folder, 'tickets.csv');
    await writeLongHistory(log, ROWS);
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('measure: progress', () => {
    it('reports each phase while it runs, with the rows once they are counted', async () => {
        const reports: MeasureProgress[] = [];
        const report = await measure(SUPPORT_TICKET_MAP, {
            events: [log],
            calendar: 'workweek',
            onProgress: progress => reports.push(progress)
        });
        expect(report.rowsRead).toBe(ROWS);
        expect(reports.map(progress => progress.elapsedMs)).toEqual(
            [...reports.map(progress => progress.elapsedMs)].sort((a, b) => a - b)
        );
        const phases = reports.map(progress => progress.phase).filter((phase, index, all) => phase !== all[index - 1]);
        // The first unreadable rows are found before measuring: too many of them, and nothing is measured.
        expect(phases).toEqual(['reading', 'locating', 'measuring']);
        expect(
            reports.filter(progress => progress.phase === 'reading').every(progress => progress.rowsRead === null)
        ).toBe(true);
        expect(
            reports.filter(progress => progress.phase === 'measuring').every(progress => progress.rowsRead === ROWS)
        ).toBe(true);
        // While the query runs, not only when it ends:
        expect(reports.some(progress => progress.percent !== 100)).toBe(true);
    }, 60_000);
});

describe('measure: stopping', () => {
    it('stops the running query when its signal aborts, and rejects with an AbortError', async () => {
        const controller = new AbortController();
        const reports: MeasureProgress[] = [];
        let abortedAt = 0;
        const measuring = measure(SUPPORT_TICKET_MAP, {
            events: [log],
            calendar: 'workweek',
            signal: controller.signal,
            onProgress: progress => {
                reports.push(progress);
                // In the middle of the measuring query, not between two queries.
                if (progress.phase === 'measuring' && progress.percent !== 100 && abortedAt === 0) {
                    abortedAt = performance.now();
                    controller.abort();
                }
            }
        });
        const error = await measuring.catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(MeasureAbortError);
        expect((error as Error).name).toBe('AbortError');
        expect(abortedAt).toBeGreaterThan(0);
        // The query was interrupted, not run to its end: measuring never reported 100%.
        expect(reports.filter(progress => progress.phase === 'measuring' && progress.percent === 100)).toEqual([]);
        expect(performance.now() - abortedAt).toBeLessThan(2000);
    }, 60_000);

    it('does not start when the signal has already aborted', async () => {
        await expect(
            measure(SUPPORT_TICKET_MAP, { events: [log], calendar: 'workweek', signal: AbortSignal.abort() })
        ).rejects.toBeInstanceOf(MeasureAbortError);
    });
});

describe('measure: without DuckDB', () => {
    it('says in one line how to add DuckDB', async () => {
        vi.resetModules();
        vi.doMock('@duckdb/node-api', () => {
            throw new Error("Cannot find module '@duckdb/node-bindings-linux-x64/duckdb.node'");
        });
        try {
            const { measure: measureWithout } = await import('../../src/measure/measure.js');
            const { MeasureInputError: InputErrorWithout } = await import('../../src/measure/measure-model.js');
            const error = await measureWithout(SUPPORT_TICKET_MAP, { events: [log], calendar: 'workweek' }).catch(
                (caught: unknown) => caught
            );
            expect(error).toBeInstanceOf(InputErrorWithout);
            expect((error as Error).message).toMatch(
                /^measuring needs DuckDB, which is not installed: npm install @duckdb\/node-api beside vstream .*"Where measuring runs"\)\. \S/
            );
            expect((error as Error).message).not.toContain('\n');
        } finally {
            vi.doUnmock('@duckdb/node-api');
            vi.resetModules();
        }
    });
});
