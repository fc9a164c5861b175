/**
 * `measured-drift`: where the map's figure is far from what the tracker's history measured.
 * Pure arithmetic on a report, apart from the engine, so that the language server of VS Code
 * for the web (which has no database) can tell drift from a measurement made elsewhere.
 */
import type {
    ChanceDrift,
    LeadTimePercentiles,
    MeasureReport,
    MeasuredTime,
    StreamMeasurement,
    TimeDrift
} from './measure-model.js';

/**
 * Margin for "exactly at the bounds is no drift": p50 comes out of floating-point arithmetic,
 * so a mapped value on a bound (say 4 h against a p50 of 8 h) may miss it by a rounding error.
 */
const BOUND_TOLERANCE = 1e-9;
/** Fewer samples than this say too little: no drift, no share or rate, and `--update` leaves the figure. */
export const MIN_SAMPLES = 5;
/** A share or rate drifts when it is this far (a fraction: 10 points) from the measured one ... */
export const CHANCE_DRIFT = 0.1;
/** ... over at least this many samples. */
export const MIN_CHANCE_SAMPLES = 20;
/** `map-disagrees`: the map's forecast p50 or p85 outside [0.8, 1.25] × the measured one. */
export const AGREEMENT = { low: 0.8, high: 1.25 } as const;

/**
 * `measured-drift` on times: steps with at least 5 closed visits whose mapped process or wait
 * lies outside [0.5 × p50, 2 × p50] of what was measured.
 */
export function driftFindings(report: Pick<MeasureReport, 'streams'>): TimeDrift[] {
    return report.streams.flatMap(stream =>
        stream.steps
            .filter(step => step.visits >= MIN_SAMPLES)
            .flatMap(step =>
                (['process', 'wait'] as const)
                    .filter(measure => drifts(step[measure]))
                    .map(measure => ({
                        kind: 'time' as const,
                        stream: stream.stream,
                        step: step.step,
                        measure,
                        mapped: step[measure].mapped,
                        p50: step[measure].p50!,
                        p85: step[measure].p85,
                        samples: step.visits
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

/**
 * `measured-drift` on shares and rates: a `share` or `rate` of the map at least 10 points from
 * the measured one, over at least 20 samples. A rework's rate is the one of the visits after one
 * to its earlier step: where that step lies behind a decision, the rework counts only for the
 * items that reached it, as the map's forecast has it.
 */
export function chanceDriftFindings(stream: Pick<StreamMeasurement, 'stream' | 'branches' | 'rework'>): ChanceDrift[] {
    const far = (mapped: number | null, measured: number | null, samples: number) =>
        mapped !== null &&
        measured !== null &&
        samples >= MIN_CHANCE_SAMPLES &&
        Math.abs(mapped - measured) >= CHANCE_DRIFT - BOUND_TOLERANCE;
    return [
        ...stream.branches
            .filter(branch => far(branch.mapped, branch.measured, branch.samples))
            .map(branch => ({
                kind: 'share' as const,
                stream: stream.stream,
                from: branch.from,
                to: branch.to,
                mapped: branch.mapped!,
                measured: branch.measured!,
                samples: branch.samples
            })),
        ...stream.rework
            .filter(rework => far(rework.mapped, rework.reached.measured, rework.reached.samples))
            .map(rework => ({
                kind: 'rate' as const,
                stream: stream.stream,
                from: rework.from,
                to: rework.to,
                mapped: rework.mapped!,
                measured: rework.reached.measured!,
                samples: rework.reached.samples,
                afterEarlierStep: rework.reached.samples < rework.samples
            }))
    ];
}

/**
 * How far the map's forecast is from the measured lead time, as `disagreement` found it: "p50 1.36 ×,
 * p85 0.70 ×", or, for a map that gives no times yet (a forecast of 0), that.
 */
export function disagreementWords(
    forecast: { p50: number; p85: number },
    measured: LeadTimePercentiles,
    off: ReadonlyArray<'p50' | 'p85'>
): string {
    if (forecast.p85 === 0) {
        return 'the map gives no times yet';
    }
    return off
        .map(percentile => `${percentile} ${(forecast[percentile] / measured[percentile]!).toFixed(2)} ×`)
        .join(', ');
}

/** The percentiles (p50, p85) of the map's forecast that lie outside [0.8, 1.25] × the measured ones. */
export function disagreement(
    forecast: { p50: number; p85: number },
    measured: LeadTimePercentiles
): Array<'p50' | 'p85'> {
    return (['p50', 'p85'] as const).filter(percentile => {
        const history = measured[percentile];
        if (history === null || history <= 0) {
            return false;
        }
        const ratio = forecast[percentile] / history;
        return ratio < AGREEMENT.low - BOUND_TOLERANCE || ratio > AGREEMENT.high + BOUND_TOLERANCE;
    });
}
