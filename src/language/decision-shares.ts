/**
 * The shares the editor proposes for a decision's edges: what is left of 100%, equal parts of
 * it, shares scaled to 100%. Each proposal is written with the decimals of the shares around it
 * and adds up to exactly 100% with them: validation allows 0.01 pt, a proposal needs none.
 */
import { sharePercentage } from '../analysis/quantities.js';

/** More decimals than anyone writes in a share. */
const MAX_DECIMALS = 4;

/**
 * Shares worked out in whole units of the last decimal the written ones use (at least whole
 * percents), so that sums are exact.
 */
export class ShareArithmetic {
    private readonly scale: number;

    /** `decimals`: at least this many, whatever the written shares have. */
    constructor(
        private readonly written: ReadonlyArray<string | undefined>,
        decimals = 0
    ) {
        const writtenDecimals = written.map(text => /\.([0-9]+)%$/.exec(text ?? '')?.[1].length ?? 0);
        this.scale = 10 ** Math.min(MAX_DECIMALS, Math.max(decimals, ...writtenDecimals));
    }

    /** A share read in units: `33.5%` is 335 at one decimal. */
    units(written: string | undefined): number | undefined {
        const value = sharePercentage(written);
        return value === undefined ? undefined : Math.round(value * this.scale);
    }

    /** What the shares, but the one at `except`, leave of 100% (negative when they are over it); invalid ones count as nothing. */
    left(except?: number): number {
        return this.written.reduce(
            (left, written, index) => (index === except ? left : left - (this.units(written) ?? 0)),
            this.hundred
        );
    }

    get hundred(): number {
        return 100 * this.scale;
    }

    /**
     * `total` units split in proportion to `weights` (equally when they add up to nothing), the
     * units left over by rounding down going to the largest fractions, the first among equal ones.
     */
    apportion(total: number, weights: readonly number[]): number[] {
        const sum = weights.reduce((all, weight) => all + weight, 0);
        const exact = weights.map(weight => (sum > 0 ? (total * weight) / sum : total / weights.length));
        const parts = exact.map(Math.floor);
        let left = total - parts.reduce((all, part) => all + part, 0);
        const byFraction = exact
            .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
            .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
        for (const { index } of byFraction) {
            if (left <= 0) {
                break;
            }
            parts[index]++;
            left--;
        }
        return parts;
    }

    /** Units as a share to write: `335` → `33.5%`. */
    text(units: number): string {
        return `${Number((units / this.scale).toFixed(MAX_DECIMALS))}%`;
    }
}
