import { describe, expect, it } from 'vitest';
import { MAX_SEED, RandomNumbers } from '../../src/analysis/random.js';

const draws = (seed: number, count: number) => {
    const random = new RandomNumbers(seed);
    return Array.from({ length: count }, () => random.next());
};

describe('seeded random numbers', () => {
    it('repeat for a seed and differ between seeds, nearby ones too', () => {
        expect(draws(1, 100)).toEqual(draws(1, 100));
        expect(draws(1, 100)).not.toEqual(draws(2, 100));
        expect(draws(0, 1)[0]).not.toBe(draws(MAX_SEED, 1)[0]);
    });

    it('lie in [0, 1) with the mean and variance of an even draw', () => {
        const count = 100_000;
        const values = draws(7, count);
        expect(values.every(value => value >= 0 && value < 1)).toBe(true);
        const mean = values.reduce((sum, value) => sum + value, 0) / count;
        const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / count;
        // Four standard errors: sqrt(1/12 / N) for the mean, sqrt(1/180 / N) for the variance.
        expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / count));
        expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / count));
        // Successive numbers are not correlated.
        const lagged = values.slice(1).reduce((sum, value, index) => sum + (value - mean) * (values[index] - mean), 0);
        expect(Math.abs(lagged / (count - 1) / variance)).toBeLessThan(4 / Math.sqrt(count));
    });
});
