/**
 * How `measure --update --ranges` turns what a step's visits took into a range of the map: its
 * LOW, LIKELY and HIGH, which the forecast draws from (triangular). The shapes below were
 * measured against each other on generated histories and a public one (docs/measure.md, "How
 * the ranges are chosen"); `RANGE_SHAPE` is the one the update writes, the others stay for the
 * bench that compares them.
 */
import type { MeasuredTime, VisitSpread } from './measure-model.js';

/** Hours: LOW ≤ LIKELY ≤ HIGH, as a range of the map. */
export interface MeasuredRange {
    low: number;
    likely: number;
    high: number;
}

export type RangeShape = 'p15-p85' | 'p10-p90' | 'mean-matched' | 'nearest' | 'fitted';

/** The shape the update writes. */
export const RANGE_SHAPE: RangeShape = 'nearest';

/** The range of a measured time (hours), or null without a closed visit. */
export function measuredRange(measured: MeasuredTime, shape: RangeShape = RANGE_SHAPE): MeasuredRange | null {
    const { p50, p85, spread } = measured;
    if (p50 === null || p85 === null || spread === null) {
        return null;
    }
    switch (shape) {
        case 'p15-p85':
            return { low: spread.p15, likely: p50, high: p85 };
        case 'p10-p90':
            return { low: spread.p10, likely: p50, high: spread.p90 };
        case 'mean-matched':
            return meanMatched(p50, spread);
        case 'nearest':
            return nearest(p50, p85, spread);
        case 'fitted':
            return fitted(p50, p85, spread);
    }
}

/**
 * LIKELY is the median, and LOW and HIGH are placed so that the triangular distribution has the
 * visits' mean, and their spread as far as a triangle with that peak allows. Where the visits'
 * spread is larger than the triangle can hold (a long tail), LOW goes to 0 and HIGH takes what
 * the mean leaves.
 */
function meanMatched(median: number, spread: VisitSpread): MeasuredRange {
    const { mean, deviation } = spread;
    // The peak cannot lie above 1.5 × the mean with a LOW of at least 0 (mean = (low + likely + high) / 3, likely ≤ high).
    const likely = Math.min(median, 1.5 * mean);
    const sum = 3 * mean - likely; // low + high
    // 18 σ² = 3 low² − 3 low·sum + sum² + likely² − likely·sum: the smaller root is LOW. Without a
    // real root the visits spread less than any such triangle: the narrowest one (LOW = sum / 2, as near as the peak allows).
    const discriminant = 9 * sum * sum - 12 * (sum * sum + likely * likely - likely * sum - 18 * deviation * deviation);
    const root = discriminant < 0 ? sum / 2 : (3 * sum - Math.sqrt(discriminant)) / 6;
    const low = Math.min(Math.max(0, root), likely, sum - likely);
    return { low, likely, high: sum - low };
}

/** The p-quantile of a triangle: the inverse of its cumulative share. */
function triangleQuantile({ low, likely, high }: MeasuredRange, p: number): number {
    if (high <= low) {
        return low;
    }
    return p < (likely - low) / (high - low)
        ? low + Math.sqrt(p * (high - low) * (likely - low))
        : high - Math.sqrt((1 - p) * (high - low) * (high - likely));
}

/** The moves of the fit: one of LOW, LIKELY and HIGH up or down. */
const MOVES: ReadonlyArray<[number, number, number]> = [
    [1, 0, 0],
    [-1, 0, 0],
    [0, 1, 0],
    [0, -1, 0],
    [0, 0, 1],
    [0, 0, -1]
];

/**
 * Of the triangles with their peak at the median (mean-matched, p10..p50..p90, p15..p50..p85),
 * the one whose own quantiles come nearest the visits' (least squares). Where the visits' tail is
 * longer than any triangle's (a status mostly left at once, sometimes for days), matching their
 * mean puts most of the triangle above their median, and a percentile range comes nearer; the
 * map's single figures stay the medians whichever is written.
 */
function nearest(p50: number, p85: number, spread: VisitSpread): MeasuredRange {
    const distance = quantileDistance(p50, p85, spread);
    const candidates = [
        meanMatched(p50, spread),
        { low: spread.p10, likely: p50, high: spread.p90 },
        { low: spread.p15, likely: p50, high: p85 }
    ];
    return candidates.reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best));
}

/** How far a triangle's p10, p25, p50, p75, p85 and p90 lie from the visits' (squares summed, in units of their p90). */
function quantileDistance(p50: number, p85: number, spread: VisitSpread): (range: MeasuredRange) => number {
    const targets: Array<[number, number]> = [
        [0.1, spread.p10],
        [0.25, spread.p25],
        [0.5, p50],
        [0.75, spread.p75],
        [0.85, p85],
        [0.9, spread.p90]
    ];
    const scale = Math.max(spread.p90, Number.MIN_VALUE);
    return range =>
        targets.reduce((sum, [p, quantile]) => sum + ((triangleQuantile(range, p) - quantile) / scale) ** 2, 0);
}

/**
 * The triangle whose own p10, p25, p50, p75, p85 and p90 come nearest the visits' (least
 * squares), its peak kept between half the median and the median (so that `measured-drift`,
 * outside half to twice it, has nothing to say after an update): a triangle is skewed only by
 * a peak below its median, and a tracker's times are skewed. Found by moving one corner at a
 * time, in steps that halve. It forecasts a little closer than the mean-matched shape, but puts
 * the map's single figures near half the measured medians (docs/measure.md).
 */
function fitted(p50: number, p85: number, spread: VisitSpread): MeasuredRange {
    const scale = Math.max(spread.p90, Number.MIN_VALUE);
    const distance = quantileDistance(p50, p85, spread);
    let best: MeasuredRange = { low: Math.min(spread.p10, p50), likely: p50, high: Math.max(spread.p90, p50) };
    let bestDistance = distance(best);
    for (let step = scale / 2; step > scale * 1e-4; step /= 2) {
        for (let moved = true; moved;) {
            moved = false;
            for (const [low, likely, high] of MOVES) {
                const peak = Math.min(p50, Math.max(0.5 * p50, best.likely + likely * step));
                const candidate = {
                    low: Math.min(peak, Math.max(0, best.low + low * step)),
                    likely: peak,
                    high: Math.max(peak, best.high + high * step)
                };
                const candidateDistance = distance(candidate);
                if (candidateDistance < bestDistance - 1e-12) {
                    [best, bestDistance, moved] = [candidate, candidateDistance, true];
                }
            }
        }
    }
    return best;
}
