/**
 * The map agrees with its history: for processes a map can express (decisions, rework, a step
 * that repeats, times drawn anew for every visit), a map with their statuses and no figures,
 * updated from their history with `--update --ranges`, forecasts p50 and p85 within 15% of the
 * measured ones, and its shares and rates lie within 3 points of the process's.
 */
import { describe, expect, it } from 'vitest';
import { backtest } from './backtest.js';
import { GENERATED_PROCESSES } from './generated-processes.js';

const HISTORY = { items: 2500, weeks: 40 };

describe('the map updated from its history', () => {
    for (const process of GENERATED_PROCESSES) {
        for (const seed of [1, 2]) {
            it(`forecasts the lead time of ${process.name} (seed ${seed}) within 15%, its shares and rates within 3 points`, async () => {
                const result = await backtest(process, { ...HISTORY, seed });
                expect(Math.abs(result.error.p50), 'p50').toBeLessThanOrEqual(0.15);
                expect(Math.abs(result.error.p85), 'p85').toBeLessThanOrEqual(0.15);
                for (const edge of process.edges.filter(candidate => candidate.share !== undefined)) {
                    const share = result.shares.get(`${edge.from} -> ${edge.to}`);
                    expect(share, `${edge.from} -> ${edge.to}`).toBeDefined();
                    expect(Math.abs(share! - edge.share!), `${edge.from} -> ${edge.to}`).toBeLessThanOrEqual(0.03);
                }
                for (const rework of process.reworks) {
                    const rate = result.rates.get(`${rework.from} -> ${rework.to}`);
                    expect(Math.abs(rate! - rework.rate), `rework ${rework.from} -> ${rework.to}`).toBeLessThanOrEqual(
                        0.03
                    );
                }
            }, 60_000);
        }
    }

    it('fails the same test with the median alone (no ranges): the check can tell', async () => {
        const [support] = GENERATED_PROCESSES;
        const result = await backtest(support, { ...HISTORY, seed: 1 }, { ranges: false });
        expect(Math.abs(result.error.p85)).toBeGreaterThan(0.15);
    }, 60_000);
});
