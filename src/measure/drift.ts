/**
 * `measured-drift`: where the map's figure is far from what the tracker's history measured.
 * Pure arithmetic on a report, apart from the engine, so that the language server of VS Code
 * for the web (which has no database) can tell drift from a measurement made elsewhere.
 */
import type { MeasureReport, MeasuredDrift, MeasuredTime } from './measure-model.js';

/**
 * Margin for "exactly at the bounds is no drift": p50 comes out of floating-point arithmetic,
 * so a mapped value on a bound (say 4 h against a p50 of 8 h) may miss it by a rounding error.
 */
const BOUND_TOLERANCE = 1e-9;
/** Fewer items than this say too little about a step: no drift, and `--update` leaves its figures. */
export const MIN_SAMPLES = 5;

/**
 * `measured-drift`: steps with at least 5 samples whose mapped process or wait lies outside
 * [0.5 × p50, 2 × p50] of what was measured.
 */
export function driftFindings(report: Pick<MeasureReport, 'streams'>): MeasuredDrift[] {
    return report.streams.flatMap(stream =>
        stream.steps
            .filter(step => step.items >= MIN_SAMPLES)
            .flatMap(step =>
                (['process', 'wait'] as const)
                    .filter(measure => drifts(step[measure]))
                    .map(measure => ({
                        stream: stream.stream,
                        step: step.step,
                        measure,
                        mapped: step[measure].mapped,
                        p50: step[measure].p50!,
                        p85: step[measure].p85,
                        samples: step.items
                    }))
            )
    );
}

function drifts({ mapped, p50 }: MeasuredTime): boolean {
    if (p50 === null) {
        return false;
    }
    const margin = BOUND_TOLERANCE * Math.max(1, p50);
    return mapped < 0.5 * p50 - margin || mapped > 2 * p50 + margin;
}
