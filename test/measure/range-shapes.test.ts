/**
 * The ranges `--update --ranges` writes, from what a step's visits took: each shape against
 * samples whose quantiles, mean and spread are known.
 */
import { describe, expect, it } from 'vitest';
import type { MeasuredTime } from '../../src/measure/measure-model.js';
import { measuredRange, RANGE_SHAPE, type MeasuredRange } from '../../src/measure/range-shapes.js';

/** The p-quantile of sorted samples, interpolated between the closest ranks (as the measuring query does). */
function quantile(sorted: number[], p: number): number {
    const rank = p * (sorted.length - 1);
    const below = Math.floor(rank);
    return sorted[below] + (rank - below) * ((sorted[below + 1] ?? sorted[below]) - sorted[below]);
}

/** What the measuring query gives for visits that took these times (hours). */
function measuredTime(times: number[]): MeasuredTime {
    const sorted = [...times].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, time) => sum + time, 0) / sorted.length;
    const deviation = Math.sqrt(sorted.reduce((sum, time) => sum + (time - mean) ** 2, 0) / sorted.length);
    const [p10, p15, p25, p75, p90, p95] = [0.1, 0.15, 0.25, 0.75, 0.9, 0.95].map(p => quantile(sorted, p));
    return {
        mapped: 0,
        p50: quantile(sorted, 0.5),
        p85: quantile(sorted, 0.85),
        spread: { p10, p15, p25, p75, p90, p95, mean, deviation }
    };
}

/** n visits spread evenly over a distribution, by its quantile function. */
function visits(quantileOf: (p: number) => number, n = 2000): number[] {
    return Array.from({ length: n }, (_, index) => quantileOf((index + 0.5) / n));
}

/** The inverse of the standard normal's cumulative share, by bisection. */
function normalQuantile(p: number): number {
    let [low, high] = [-10, 10];
    for (let step = 0; step < 100; step++) {
        const middle = (low + high) / 2;
        const cumulative = 0.5 * (1 + erf(middle / Math.SQRT2));
        [low, high] = cumulative < p ? [middle, high] : [low, middle];
    }
    return (low + high) / 2;
}

/** Abramowitz and Stegun 7.1.26 (error under 1.5e-7). */
function erf(x: number): number {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y =
        1 -
        ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
            t *
            Math.exp(-x * x);
    return x < 0 ? -y : y;
}

const mean = ({ low, likely, high }: MeasuredRange) => (low + likely + high) / 3;

/** The triangle's own median. */
function median({ low, likely, high }: MeasuredRange): number {
    return (likely - low) / (high - low) >= 0.5
        ? low + Math.sqrt(0.5 * (high - low) * (likely - low))
        : high - Math.sqrt(0.5 * (high - low) * (high - likely));
}

/** Times evenly between 1 h and 3 h: a spread any triangle with its peak at 2 h can hold. */
const EVEN = measuredTime(visits(p => 1 + 2 * p));
/** Log-normal times, median 1 h and σ = 1.5: mostly left within the hour, sometimes for days. */
const LONG_TAILED = measuredTime(visits(p => Math.exp(1.5 * normalQuantile(p))));

describe('measuredRange', () => {
    it('has nothing to write without a closed visit', () => {
        expect(measuredRange({ mapped: 1, p50: null, p85: null, spread: null })).toBeNull();
    });

    it('mean-matched: the peak at the median, the mean and spread the visits have', () => {
        const range = measuredRange(EVEN, 'mean-matched')!;
        expect(range.likely).toBeCloseTo(EVEN.p50!, 9);
        expect(mean(range)).toBeCloseTo(EVEN.spread!.mean, 9);
        // A triangle's variance: (a² + b² + c² − ab − ac − bc) / 18.
        const { low: a, likely: b, high: c } = range;
        const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
        expect(Math.sqrt(variance)).toBeCloseTo(EVEN.spread!.deviation, 6);
    });

    it("mean-matched: a tail longer than a triangle holds keeps the mean, LOW at 0, and lifts the median far above the visits'", () => {
        const range = measuredRange(LONG_TAILED, 'mean-matched')!;
        expect(range.low).toBe(0);
        expect(mean(range)).toBeCloseTo(LONG_TAILED.spread!.mean, 6);
        expect(median(range)).toBeGreaterThan(2 * LONG_TAILED.p50!);
    });

    it('nearest, the shape written: mean-matched where a triangle holds the spread', () => {
        expect(RANGE_SHAPE).toBe('nearest');
        expect(measuredRange(EVEN)).toEqual(measuredRange(EVEN, 'mean-matched'));
    });

    it("nearest: a percentile range where the tail is too long, its median nearer the visits'", () => {
        const range = measuredRange(LONG_TAILED)!;
        expect(range.likely).toBe(LONG_TAILED.p50);
        expect([
            { low: LONG_TAILED.spread!.p10, likely: LONG_TAILED.p50, high: LONG_TAILED.spread!.p90 },
            { low: LONG_TAILED.spread!.p15, likely: LONG_TAILED.p50, high: LONG_TAILED.p85 }
        ]).toContainEqual(range);
        const matched = measuredRange(LONG_TAILED, 'mean-matched')!;
        expect(Math.abs(median(range) - LONG_TAILED.p50!)).toBeLessThan(Math.abs(median(matched) - LONG_TAILED.p50!));
    });

    it('fitted: the peak between half the median and the median', () => {
        for (const measured of [EVEN, LONG_TAILED]) {
            const range = measuredRange(measured, 'fitted')!;
            expect(range.likely).toBeGreaterThanOrEqual(0.5 * measured.p50! - 1e-9);
            expect(range.likely).toBeLessThanOrEqual(measured.p50!);
            expect(range.low).toBeLessThanOrEqual(range.likely);
            expect(range.high).toBeGreaterThanOrEqual(range.likely);
        }
    });
});
