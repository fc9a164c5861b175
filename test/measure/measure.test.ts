/**
 * The figures of `vstream measure` on logs small enough to work out by hand. With 8-hour days,
 * 24 counted hours are 8 map hours: a counted span of h hours is h / 3 hours of the map.
 */
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/measure/measure.js';
import { eventLog, FIVE_ITEMS_LOG, hoursNear, oneStream, WEEKEND_LOG, workStep } from './event-logs.js';

describe('measure: working time', () => {
    const weekend = eventLog('weekend.csv', ...WEEKEND_LOG);

    it('counts Monday to Friday only: Friday 12:00 → Monday 12:00 is one working day', async () => {
        const report = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'workweek' });
        expect(report.streams).toEqual([
            {
                stream: 's',
                items: 2, // A and B; C has no status the stream names
                done: 1,
                wip: 1,
                throughputPerWeek: hoursNear(1 / (9 / 7)), // Mar 4 00:00 → Mar 13 00:00 is 9 days
                leadTime: { p50: 20, p85: 20, p95: 20 }, // A: 60 counted h
                steps: [
                    {
                        step: 'work',
                        items: 2,
                        // A 24 h → 8; B 24 h (Fri 12:00 → Mon 12:00) + 24 h (Tue 00:00 → log end) → 16
                        process: { mapped: 10, p50: 12, p85: hoursNear(8 + 0.85 * 8), p15: hoursNear(8 + 0.15 * 8) },
                        // A 36 h → 12; B 12 h → 4
                        wait: { mapped: 6, p50: 8, p85: hoursNear(4 + 0.85 * 8), p15: hoursNear(4 + 0.15 * 8) }
                    }
                ]
            }
        ]);
    });

    it('counts every day with calendar all: the weekend adds 48 h to B', async () => {
        const report = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'all' });
        const [work] = report.streams[0].steps;
        // B: 72 h + 24 h → 32; A still 8
        expect(work.process).toEqual({
            mapped: 10,
            p50: 20,
            p85: hoursNear(8 + 0.85 * 24),
            p15: hoursNear(8 + 0.15 * 24)
        });
        expect(work.wait).toEqual({ mapped: 6, p50: 8, p85: hoursNear(4 + 0.85 * 8), p15: hoursNear(4 + 0.15 * 8) });
        expect(report.streams[0].leadTime).toEqual({ p50: 20, p85: 20, p95: 20 });
        expect(report.streams[0].throughputPerWeek).toBeCloseTo(7 / 9, 12);
    });

    it("gives a day of the stream's workday: 24 counted hours are 7.5 h with workday 7.5h", async () => {
        const map = oneStream([workStep()]);
        map.streams[0].workdayHours = 7.5;
        const report = await measure(map, { events: [weekend], calendar: 'workweek' });
        // A waits 1.5 days and B 0.5 day; A works 1 day and B 2 days
        expect(report.streams[0].steps[0].wait.p50).toBeCloseTo(7.5, 12);
        expect(report.streams[0].steps[0].process.p50).toBeCloseTo(1.5 * 7.5, 12);
        expect(report.streams[0].leadTime.p50).toBeCloseTo(2.5 * 7.5, 12);
    });
});

describe('measure: percentiles, throughput, lead time', () => {
    const five = eventLog('five.csv', ...FIVE_ITEMS_LOG);

    it("interpolates linearly between the closest ranks (numpy's default)", async () => {
        const report = await measure(oneStream([workStep()]), { events: [five], calendar: 'workweek' });
        const stream = report.streams[0];
        // numpy.percentile([1, 2, 3, 4, 10], [50, 85, 95]): ranks 2, 3.4 and 3.8 → 3, 4 + 0.4 × 6, 4 + 0.8 × 6
        expect(stream.leadTime).toEqual({ p50: hoursNear(3), p85: hoursNear(6.4), p95: hoursNear(8.8) });
        // and p15 at rank 0.6: 1 + 0.6 × 1
        expect(stream.steps[0].process).toEqual({
            mapped: 10,
            p50: hoursNear(3),
            p85: hoursNear(6.4),
            p15: hoursNear(1.6)
        });
        // None of them waited in Ready: each wait sample is 0.
        expect(stream.steps[0].wait).toEqual({ mapped: 6, p50: 0, p85: 0, p15: 0 });
        expect(stream.steps[0].items).toBe(5);
    });

    it("counts done items per 7 calendar days between the log's first and last times", async () => {
        const report = await measure(oneStream([workStep()]), { events: [five], calendar: 'workweek' });
        // 5 done in 30 h (Mar 4 00:00 → Mar 5 06:00): 5 × 168 / 30
        expect(report.streams[0]).toMatchObject({ items: 5, done: 5, wip: 0 });
        expect(report.streams[0].throughputPerWeek).toBeCloseTo(28, 9);
    });

    it("runs lead time from the item's first row, in any status, to its first row in a done status", async () => {
        const reopened = eventLog(
            'reopened.csv',
            'item,status,at',
            'X,Backlog,2024-03-04T00:00:00Z',
            'X,Doing,2024-03-04T12:00:00Z',
            'X,Done,2024-03-05T00:00:00Z',
            'X,Doing,2024-03-05T06:00:00Z',
            'X,Done,2024-03-05T12:00:00Z'
        );
        const report = await measure(oneStream([workStep()]), { events: [reopened], calendar: 'workweek' });
        const stream = report.streams[0];
        // Monday 00:00 → Tuesday 00:00: 24 counted h
        expect(stream.leadTime).toEqual({ p50: 8, p85: 8, p95: 8 });
        // Its process sample adds both stays in Doing: 12 h + 6 h
        expect(stream.steps[0].process.p50).toBeCloseTo(6, 12);
        expect(stream).toMatchObject({ items: 1, done: 1, wip: 0 });
    });

    it('takes rows of one item at the same time in status order, whatever their order in the file', async () => {
        // Doing and Ready both at Monday 00:00: Doing comes first and lasts 0 h, Ready lasts to 12:00 (4 map hours).
        for (const [first, second] of [
            ['Ready', 'Doing'],
            ['Doing', 'Ready']
        ]) {
            const tie = eventLog(
                `tie-${first}.csv`,
                'item,status,at',
                `A,${first},2024-03-04T00:00:00Z`,
                `A,${second},2024-03-04T00:00:00Z`,
                'A,Done,2024-03-04T12:00:00Z'
            );
            const [work] = (await measure(oneStream([workStep()]), { events: [tie], calendar: 'workweek' })).streams[0]
                .steps;
            expect([work.process.p50, work.wait.p50]).toEqual([0, 4]);
        }
    });

    it('gives null percentiles and no throughput where there is nothing to measure', async () => {
        const open = eventLog('open.csv', 'item,status,at', 'A,Ready,2024-03-04T00:00:00Z');
        const report = await measure(oneStream([workStep()]), { events: [open], calendar: 'workweek' });
        expect(report.streams[0]).toEqual({
            stream: 's',
            items: 1,
            done: 0,
            wip: 1,
            throughputPerWeek: null,
            leadTime: { p50: null, p85: null, p95: null },
            steps: [
                {
                    step: 'work',
                    items: 0,
                    process: { mapped: 10, p50: null, p85: null, p15: null },
                    wait: { mapped: 6, p50: null, p85: null, p15: null }
                }
            ]
        });
    });

    it('measures several streams of one log, each with its own statuses', async () => {
        const map = {
            streams: [
                { name: 'first', workdayHours: 8, done: ['Done'], steps: [workStep()] },
                {
                    name: 'second',
                    workdayHours: 8,
                    done: [],
                    steps: [{ name: 'wait', status: ['Ready'], queue: [], mappedProcess: 1, mappedWait: 0 }]
                }
            ]
        };
        const report = await measure(map, {
            events: [eventLog('weekend-again.csv', ...WEEKEND_LOG)],
            calendar: 'workweek'
        });
        expect(report.streams.map(stream => [stream.stream, stream.items, stream.done, stream.wip])).toEqual([
            ['first', 2, 1, 1],
            ['second', 2, 0, 2]
        ]);
        // In 'second', Ready is where the work happens: A 12 h, B 4 h
        expect(report.streams[1].steps[0].process).toEqual({
            mapped: 1,
            p50: 8,
            p85: hoursNear(4 + 0.85 * 8),
            p15: hoursNear(4 + 0.15 * 8)
        });
    });
});
