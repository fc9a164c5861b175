/** `measured-drift`: a step with at least 5 samples whose mapped value lies outside [0.5 × p50, 2 × p50]. */
import { describe, expect, it } from 'vitest';
import { chanceDriftFindings, disagreement, driftFindings } from '../../src/measure/drift.js';
import { measure } from '../../src/measure/measure.js';
import type { StepMeasurement, StreamMeasurement } from '../../src/measure/measure-model.js';
import { eventLog, FIVE_ITEMS_LOG, oneStream, workStep } from './event-logs.js';

function step(
    visits: number,
    process: { mapped: number; p50: number | null },
    wait = { mapped: 0, p50: 0 }
): StepMeasurement {
    return {
        step: 'work',
        items: visits,
        visits,
        process: { ...process, p85: null, spread: null },
        wait: { ...wait, p85: null, spread: null }
    };
}

function report(...steps: StepMeasurement[]): { streams: StreamMeasurement[] } {
    return {
        streams: [
            {
                stream: 's',
                items: 10,
                done: 10,
                wip: 0,
                throughputPerWeek: 1,
                leadTime: { p50: 1, p85: 1, p95: 1 },
                steps,
                branches: [],
                rework: []
            }
        ]
    };
}

describe('driftFindings', () => {
    it('finds a mapped value below half or above twice the measured median', () => {
        expect(driftFindings(report(step(5, { mapped: 4.99, p50: 10 })))).toEqual([
            {
                kind: 'time',
                stream: 's',
                step: 'work',
                measure: 'process',
                mapped: 4.99,
                p50: 10,
                p85: null,
                samples: 5
            }
        ]);
        expect(driftFindings(report(step(5, { mapped: 20.01, p50: 10 })))).toHaveLength(1);
    });

    it('takes a mapped value exactly at a bound as no drift', () => {
        expect(driftFindings(report(step(5, { mapped: 5, p50: 10 }), step(5, { mapped: 20, p50: 10 })))).toEqual([]);
        // A p50 out of floating-point arithmetic: 0.1 + 0.2 is 0.30000000000000004, half of it just above 0.15.
        expect(
            driftFindings(report(step(5, { mapped: 0.15, p50: 0.1 + 0.2 }), step(5, { mapped: 0.6, p50: 0.1 + 0.2 })))
        ).toEqual([]);
    });

    it('needs at least 5 samples', () => {
        expect(driftFindings(report(step(4, { mapped: 100, p50: 1 })))).toEqual([]);
        expect(driftFindings(report(step(5, { mapped: 100, p50: 1 })))).toHaveLength(1);
    });

    it('looks at wait as at process, each on its own', () => {
        const findings = driftFindings(report(step(6, { mapped: 8, p50: 8 }, { mapped: 8, p50: 2.5 })));
        expect(findings).toEqual([
            { kind: 'time', stream: 's', step: 'work', measure: 'wait', mapped: 8, p50: 2.5, p85: null, samples: 6 }
        ]);
    });

    it("finds a mapped wait against a measured wait of 0 (no row in the step's queue), but not a mapped 0", () => {
        expect(driftFindings(report(step(5, { mapped: 1, p50: 1 }, { mapped: 4, p50: 0 })))).toHaveLength(1);
        expect(driftFindings(report(step(5, { mapped: 1, p50: 1 }, { mapped: 0, p50: 0 })))).toEqual([]);
    });
});

describe('chanceDriftFindings', () => {
    const chances = (mapped: number | null, measured: number | null, samples: number) => ({
        stream: 's',
        branches: [{ from: 'a', to: 'b', mapped, measured, samples, both: 0, parallel: 0 }],
        rework: [
            {
                from: 'b',
                to: 'a',
                mapped,
                // The rate the map means: of the visits after one to the earlier step.
                measured: 0.5,
                samples,
                reached: { measured, samples }
            }
        ]
    });

    it('finds a share or rate 10 points or more from the measured one, over 20 samples or more', () => {
        expect(
            chanceDriftFindings(chances(0.3, 0.2, 20)).map(drift => [drift.kind, drift.mapped, drift.measured])
        ).toEqual([
            ['share', 0.3, 0.2],
            ['rate', 0.3, 0.2]
        ]);
        expect(chanceDriftFindings(chances(0.3, 0.2, 19))).toEqual([]);
        expect(chanceDriftFindings(chances(0.3, 0.21, 20))).toEqual([]);
        expect(chanceDriftFindings(chances(null, 0.9, 200))).toEqual([]);
    });
});

describe('disagreement', () => {
    it('names the percentiles of the forecast outside [0.8, 1.25] × the measured ones, bounds included as agreeing', () => {
        const measured = { p50: 10, p85: 20, p95: 30 };
        expect(disagreement({ p50: 8, p85: 25 }, measured)).toEqual([]);
        expect(disagreement({ p50: 7.99, p85: 25.01 }, measured)).toEqual(['p50', 'p85']);
        expect(disagreement({ p50: 100, p85: 100 }, { p50: null, p85: null, p95: null })).toEqual([]);
    });
});

describe('driftFindings on a measured log', () => {
    // p50 of the process samples 1, 2, 3, 4 and 10 h is 3 h.
    const five = eventLog('drift-five.csv', ...FIVE_ITEMS_LOG);

    async function driftOf(mappedProcess: number) {
        const measured = await measure(oneStream([workStep({ process: mappedProcess, wait: 0 })]), {
            events: [five],
            calendar: 'workweek'
        });
        return driftFindings(measured).map(finding => finding.measure);
    }

    it('holds the bounds 1.5 h and 6 h of a measured 3 h', async () => {
        expect(await driftOf(1.5)).toEqual([]);
        expect(await driftOf(6)).toEqual([]);
        expect(await driftOf(1.49)).toEqual(['process']);
        expect(await driftOf(6.01)).toEqual(['process']);
    });
});
