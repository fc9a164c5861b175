/**
 * How `measure --update --ranges` turns what a step's visits took into a range of the map: its
 * LOW, LIKELY and HIGH, which the forecast draws from (triangular). The shapes below were
 * measured against each other on generated histories (docs/measure.md, "How the ranges are
 * chosen"); `RANGE_SHAPE` is the one the update writes, the others stay for the bench that
 * compares them.
 */
import type { MeasuredTime, VisitSpread } from './measure-model.js';

/** Hours: LOW ≤ LIKELY ≤ HIGH, as a range of the map. */
export interface MeasuredRange {
    low: number;
    likely: number;
    high: number;
}

export type RangeShape = 'p15-p85' | 'p10-p90' | 'mean-matched';

/** The shape the update writes. */
export const RANGE_SHAPE: RangeShape = 'mean-matched';

/** The range of a measured time (hours), or null without a closed visit. */
export function measuredRange(measured: MeasuredTime, shape: RangeShape = RANGE_SHAPE): MeasuredRange | null {
    const { p50, spread } = measured;
    if (p50 === null || spread === null) {
        return null;
    }
    switch (shape) {
        case 'p15-p85':
            return { low: spread.p15, likely: p50, high: measured.p85! };
        case 'p10-p90':
            return { low: spread.p10, likely: p50, high: spread.p90 };
        case 'mean-matched':
            return meanMatched(p50, spread);
    }
}

/**
 * LIKELY is the median (what the map's single figures read), and LOW and HIGH are placed so that
 * the triangular distribution has the visits' mean, and their spread as far as a triangle with
 * that peak allows: the forecast adds up steps, and a sum's centre and spread follow its parts'
 * means and variances. Where the visits' spread is larger than the triangle can hold (a long
 * tail), LOW goes to 0 and HIGH takes what the mean leaves.
 */
function meanMatched(median: number, spread: VisitSpread): MeasuredRange {
    const { mean, deviation } = spread;
    // The peak cannot lie above 1.5 × the mean with a LOW of at least 0 (mean = (low + likely + high) / 3, likely ≤ high).
    const likely = Math.min(median, 1.5 * mean);
    const sum = 3 * mean - likely; // low + high
    // 18 σ² = 3 low² − 3 low·sum + sum² + likely² − likely·sum: the smaller root is LOW.
    // Without a real root the visits spread less than any such triangle: the narrowest one (LOW = sum / 2, as near as the peak allows).
    const discriminant = 9 * sum * sum - 12 * (sum * sum + likely * likely - likely * sum - 18 * deviation * deviation);
    const root = discriminant < 0 ? sum / 2 : (3 * sum - Math.sqrt(discriminant)) / 6;
    const low = Math.min(Math.max(0, root), likely, sum - likely);
    return { low, likely, high: sum - low };
}
