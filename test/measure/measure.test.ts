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
                        // A's visit, closed by Done; B's first, closed when it goes back to Ready (its second is open)
                        visits: 2,
                        // A 24 h → 8; B 24 h (Fri 12:00 → Mon 12:00) → 8
                        process: visitTime(10, 8, 8),
                        // A 36 h → 12; B's first visit 0
                        wait: visitTime(6, 6, hoursNear(0.85 * 12))
                    }
                ],
                branches: [],
                rework: []
            }
        ]);
    });

    it('counts every day with calendar all: the weekend adds 48 h to B', async () => {
        const report = await measure(oneStream([workStep()]), { events: [weekend], calendar: 'all' });
        const [work] = report.streams[0].steps;
        // B: 72 h → 24; A still 8
        expect(work.process).toEqual(visitTime(10, 16, hoursNear(8 + 0.85 * 16)));
        expect(work.wait).toEqual(visitTime(6, 6, hoursNear(0.85 * 12)));
        expect(report.streams[0].leadTime).toEqual({ p50: 20, p85: 20, p95: 20 });
        expect(report.streams[0].throughputPerWeek).toBeCloseTo(7 / 9, 12);
    });

    it("gives a day of the stream's workday: 24 counted hours are 7.5 h with workday 7.5h", async () => {
        const map = oneStream([workStep()]);
        map.streams[0].workdayHours = 7.5;
        const report = await measure(map, { events: [weekend], calendar: 'workweek' });
        // A waits 1.5 days and B's first visit none; each visit works 1 day
        expect(report.streams[0].steps[0].wait.p50).toBeCloseTo(0.75 * 7.5, 12);
        expect(report.streams[0].steps[0].process.p50).toBeCloseTo(7.5, 12);
        expect(report.streams[0].leadTime.p50).toBeCloseTo(2.5 * 7.5, 12);
    });
});

/** A measured time as the engine reports it: the spread is checked where it matters (range shapes). */
function visitTime(mapped: number, p50: number | null, p85: number | null) {
    // vitest types its matcher as `any`; it stands for the spread object.
    const spread = expect.any(Object) as object;
    return { mapped, p50, p85, spread: p50 === null ? null : spread };
}

describe('measure: percentiles, throughput, lead time', () => {
    const five = eventLog('five.csv', ...FIVE_ITEMS_LOG);

    it("interpolates linearly between the closest ranks (numpy's default)", async () => {
        const report = await measure(oneStream([workStep()]), { events: [five], calendar: 'workweek' });
        const stream = report.streams[0];
        // numpy.percentile([1, 2, 3, 4, 10], [50, 85, 95]): ranks 2, 3.4 and 3.8 → 3, 4 + 0.4 × 6, 4 + 0.8 × 6
        expect(stream.leadTime).toEqual({ p50: hoursNear(3), p85: hoursNear(6.4), p95: hoursNear(8.8) });
        expect(stream.steps[0].process).toEqual(visitTime(10, hoursNear(3), hoursNear(6.4)));
        // and p15 at rank 0.6: 1 + 0.6 × 1
        expect(stream.steps[0].process.spread!.p15).toBeCloseTo(1.6, 9);
        // None of them waited in Ready: each wait sample is 0.
        expect(stream.steps[0].wait).toEqual(visitTime(6, 0, 0));
        expect([stream.steps[0].items, stream.steps[0].visits]).toEqual([5, 5]);
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
        // Two visits, each closed by a Done: 12 h → 4 and 6 h → 2
        expect(stream.steps[0].process.p50).toBeCloseTo(3, 12);
        expect(stream.steps[0].visits).toBe(2);
        expect(stream).toMatchObject({ items: 1, done: 1, wip: 0 });
    });

    it('keeps rows of one item at the same time in the order written', async () => {
        const tie = (first: string, second: string) =>
            eventLog(
                `tie-${first}.csv`,
                'item,status,at',
                `A,${first},2024-03-04T00:00:00Z`,
                `A,${second},2024-03-04T00:00:00Z`,
                'A,Done,2024-03-04T12:00:00Z'
            );
        const steps = async (file: string) =>
            (await measure(oneStream([workStep()]), { events: [file], calendar: 'workweek' })).streams[0].steps[0];
        // Ready, then Doing at once: one visit that works until 12:00 (4 map hours).
        const readyFirst = await steps(tie('Ready', 'Doing'));
        expect([readyFirst.visits, readyFirst.process.p50, readyFirst.wait.p50]).toEqual([1, 4, 0]);
        // Doing, then back to Ready at once: a visit of no time, then one that waits until 12:00.
        const doingFirst = await steps(tie('Doing', 'Ready'));
        expect([doingFirst.visits, doingFirst.process.p85, doingFirst.wait.p50]).toEqual([2, 0, 2]);
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
                    items: 1,
                    visits: 0,
                    process: visitTime(10, null, null),
                    wait: visitTime(6, null, null)
                }
            ],
            branches: [],
            rework: []
        });
    });

    it('measures several streams of one log, each with its own statuses', async () => {
        const map = {
            streams: [
                { ...oneStream([workStep()]).streams[0], name: 'first' },
                {
                    ...oneStream([{ name: 'wait', status: ['Ready'], queue: [], mappedProcess: 1, mappedWait: 0 }])
                        .streams[0],
                    name: 'second'
                }
            ]
        };
        const report = await measure(map, {
            events: [eventLog('weekend-again.csv', ...WEEKEND_LOG)],
            calendar: 'workweek'
        });
        expect(report.streams.map(stream => [stream.stream, stream.items, stream.done, stream.wip])).toEqual([
            ['first', 2, 1, 1],
            ['second', 2, 1, 1]
        ]);
        // In 'second', Ready is where the work happens and Doing maps to nothing: A's visit (12 h)
        // is closed by its Done, B's has no mapped row after it.
        expect(report.streams[1].steps[0]).toMatchObject({ items: 2, visits: 1, process: { p50: 12, p85: 12 } });
    });
});
