/**
 * The forecast against figures computed by hand. With N trials, a share estimated from them
 * is off by about sqrt(p(1 − p) / N) and a mean by σ / sqrt(N); each tolerance below is four
 * such errors, so a correct engine passes whatever the seed (and the seed is fixed anyway).
 */
import { describe, expect, it } from 'vitest';
import {
    describeWait,
    forecastRun,
    forecastStream,
    forecastStreamAsync,
    leadTimeHistogram,
    percentile
} from '../../src/analysis/forecast.js';
import { WORKED_EXAMPLE } from '../fixtures.js';
import { buildWorkspace } from '../helpers.js';
import { expectLeadTimeShares, modelOf, N, shareAt, shareTolerance } from './trials.js';

/** Four standard errors of the p-quantile of N trials, where the distribution's density there is `density`. */
const quantileTolerance = (p: number, density: number) => shareTolerance(p) / density;

describe('percentile', () => {
    it('interpolates between the closest ranks as numpy does by default', () => {
        // numpy.quantile(a, [0.5, 0.85, 0.95]) of these, printed with repr().
        const sorted = [1, 2, 3, 4.5, 7, 9, 10];
        expect([0.5, 0.85, 0.95].map(p => percentile(sorted, p))).toEqual([4.5, 9.1, 9.7]);
        // numpy interpolates from the nearer end: 0.355, where 0.3 + 0.1 × 0.55 would give 0.35500000000000004.
        expect([0.5, 0.85, 0.95].map(p => percentile([0.1, 0.2, 0.3, 0.4], p))).toEqual([0.25, 0.355, 0.385]);
        expect(percentile([5], 0.85)).toBe(5);
        expect(percentile(sorted, 0)).toBe(1);
        expect(percentile(sorted, 1)).toBe(10);
    });
});

describe('one trial draws', () => {
    it('LOW..HIGH evenly: a single step of 1h..3h has its median at 2 h', async () => {
        const forecast = forecastStream(await modelOf('step a { owner A process 1h..3h }'));
        // Uniform on [1, 3]: density 1/2, quantile q at 1 + 2q, mean 2 with σ = 2 / sqrt(12).
        expect(forecast.p50).toBeCloseTo(2, 0);
        expect(Math.abs(forecast.p50 - 2)).toBeLessThan(quantileTolerance(0.5, 0.5));
        expect(Math.abs(forecast.p85 - 2.7)).toBeLessThan(quantileTolerance(0.85, 0.5));
        expect(Math.abs(forecast.p95 - 2.9)).toBeLessThan(quantileTolerance(0.95, 0.5));
        expect(Math.abs(forecast.mean - 2)).toBeLessThan((4 * (2 / Math.sqrt(12))) / Math.sqrt(N));
        expect(forecast.min).toBeGreaterThanOrEqual(1);
        expect(forecast.max).toBeLessThanOrEqual(3);
        expect(forecast.max - forecast.min).toBeGreaterThan(1.99);
    });

    it('LOW..LIKELY..HIGH triangularly: a single step of 1h..2h..6h has a mean of (1 + 2 + 6) / 3 = 3 h', async () => {
        const forecast = forecastStream(await modelOf('step a { owner A process 1h..2h..6h }'));
        // σ² = (a² + b² + c² − ab − ac − bc) / 18 = 21 / 18.
        expect(Math.abs(forecast.mean - 3)).toBeLessThan((4 * Math.sqrt(21 / 18)) / Math.sqrt(N));
        // Half the area lies above the median m: (6 − m)² / ((6 − 1)(6 − 2)) = 1/2, so m = 6 − sqrt(10);
        // the density there is 2(6 − m) / 20.
        const median = 6 - Math.sqrt(10);
        expect(Math.abs(forecast.p50 - median)).toBeLessThan(quantileTolerance(0.5, (2 * (6 - median)) / 20));
        // A fifth of the area lies below LIKELY: (2 − 1) / (6 − 1).
        expect(Math.abs(forecast.leadTimes.filter(time => time < 2).length / N - 0.2)).toBeLessThan(
            shareTolerance(0.2)
        );
    });

    it('draws a step’s waits one by one and adds them to its process', async () => {
        const forecast = forecastStream(await modelOf('step a { owner A process 1h wait 0h..2h wait 0h..2h..4h }'));
        // 1 + U(0, 2) + T(0, 2, 4): mean 1 + 1 + 2 = 4, from 1 to 7, and not always the same.
        expect(Math.abs(forecast.mean - 4)).toBeLessThan(0.05);
        expect(forecast.min).toBeGreaterThanOrEqual(1);
        expect(forecast.max).toBeLessThanOrEqual(7);
    });

    it('counts inventory with demand as waiting time: 40 items at 20 per day of 8 h are 16 h', async () => {
        const withDemand = forecastStream(
            await modelOf('step a { owner A process 1h..3h inventory 40 }', 'demand 20 per d')
        );
        expect(withDemand.min).toBeGreaterThanOrEqual(17);
        expect(withDemand.max).toBeLessThanOrEqual(19);
        expect(Math.abs(withDemand.mean - 18)).toBeLessThan(0.03);
        const withoutDemand = forecastStream(await modelOf('step a { owner A process 1h..3h inventory 40 }'));
        expect(withoutDemand.max).toBeLessThanOrEqual(3);
    });
});

describe('rework', () => {
    it('repeats a one-step loop of rate 50% k times with P(k) = (1 − r)·r^k: the mean lead time doubles', async () => {
        const model = await modelOf('step a { owner A process 1h }\nrework a -> a { rate 50% }');
        const forecast = forecastStream(model);
        // The lead time is 1 + k hours: 1 h with 1/2, 2 h with 1/4, 3 h with 1/8.
        expectLeadTimeShares(forecast, [
            [1, 1 / 2],
            [2, 1 / 4],
            [3, 1 / 8],
            [4, 1 / 16]
        ]);
        // E[k] = r / (1 − r) = 1, so the mean is 2 h: the expected lead time.
        expect(model.metrics.expectedLeadTime).toBe(2);
        expect(Math.abs(forecast.mean - 2)).toBeLessThan((4 * Math.sqrt(2)) / Math.sqrt(N));
        // Half the mass sits at 1 h, so the median is on the boundary of 1 h and 2 h; P(≤ 2) = 0.75 and
        // P(≤ 3) = 0.875 put p85 at 3 h; P(≤ 4) = 0.9375 and P(≤ 5) = 0.96875 put p95 at 5 h.
        expect(forecast.p50).toBeGreaterThanOrEqual(1);
        expect(forecast.p50).toBeLessThanOrEqual(2);
        expect(forecast.p85).toBe(3);
        expect(forecast.p95).toBe(5);
        expect(forecast.min).toBe(1);
    });

    it('multiplies the times of overlapping loops', async () => {
        // Loop b..c and loop c, each of rate 50%: LT = 1 + 2(1 + k1) + 4(1 + k1)(1 + k2).
        const forecast = forecastStream(
            await modelOf(`
                step a { owner A process 1h }
                step b { owner A process 2h }
                step c { owner A process 4h }
                flow a -> b -> c
                rework c -> b { rate 50% }
                rework c -> c { rate 50% }`)
        );
        const leadTime = (k1: number, k2: number) => 1 + 2 * (1 + k1) + 4 * (1 + k1) * (1 + k2);
        expect(Math.abs(shareAt(forecast, leadTime(0, 0)) - 1 / 4)).toBeLessThan(shareTolerance(1 / 4));
        // k1 = k2 = 1 gives 21 h when the loops multiply (17 h if they added up); 13 h also comes from k1 = 1, k2 = 0 alone.
        expect(Math.abs(shareAt(forecast, leadTime(1, 1)) - 1 / 16)).toBeLessThan(shareTolerance(1 / 16));
        expect(shareAt(forecast, 17)).toBe(0);
        // The mean: 1 + 2 · 2 + 4 · 2 · 2 = 21 h.
        expect(Math.abs(forecast.mean - 21) / 21).toBeLessThan(0.05);
    });

    it('adds the rework’s own wait k × w once, after the loop has multiplied', async () => {
        // a (1 h) and b (2 h) repeat 1 + k times, and the wait of 10 h comes k times: LT = 3 + 13k.
        const forecast = forecastStream(
            await modelOf(`
                step a { owner A process 1h }
                step b { owner A process 2h }
                flow a -> b
                rework b -> a { rate 50% wait 10h }`)
        );
        expect(forecast.leadTimes.every(time => Number.isInteger((time - 3) / 13))).toBe(true);
        expect(Math.abs(shareAt(forecast, 16) - 1 / 4)).toBeLessThan(shareTolerance(1 / 4));
        expect(Math.abs(forecast.mean - 16)).toBeLessThan(0.5);
    });

    it('draws the rework’s wait once per trial: k extra passes wait k × w for one w', async () => {
        // With a process of 1000 h and a wait of at most 10 h, each trial's k and w read back from its lead time.
        const forecast = forecastStream(
            await modelOf('step a { owner A process 1000h }\nrework a -> a { rate 50% wait 0h..10h }')
        );
        const waits = [...forecast.leadTimes].flatMap(time => {
            const k = Math.floor(time / 1000) - 1;
            return k >= 2 ? [(time - 1000 * (1 + k)) / k] : [];
        });
        expect(waits.every(wait => wait >= 0 && wait <= 10)).toBe(true);
        // One even draw is below 1 h a tenth of the time; the mean of two draws only 2% of the time.
        expect(Math.abs(waits.filter(wait => wait < 1).length / waits.length - 0.1)).toBeLessThan(
            4 * Math.sqrt(0.09 / waits.length)
        );
    });
});

describe('the longest path of each trial', () => {
    it('shares the criticality of two equal parallel branches about half and half', async () => {
        const model = await modelOf(`
            step a { owner A process 1h }
            step b { owner A process 1h..3h }
            step c { owner A process 1h..3h }
            step d { owner A process 1h }
            flow a -> b -> d
            flow a -> c -> d`);
        const forecast = forecastStream(model);
        const [a, b, c, d] = forecast.criticality;
        expect(a).toBe(1);
        expect(d).toBe(1);
        expect(b + c).toBe(1);
        expect(Math.abs(b - 0.5)).toBeLessThan(shareTolerance(0.5));
        // The longer of two uniforms on [1, 3]: P(max ≤ x) = ((x − 1) / 2)², so its median is 1 + sqrt(2).
        expect(Math.abs(forecast.p50 - (2 + 1 + Math.SQRT2))).toBeLessThan(0.05);
    });

    it('gives a stream without ranges or rework its lead time in every figure, and its critical path', async () => {
        const body = `
            step a { owner A process 0.1h wait 0.2h wait 0.7h }
            step b { owner A process 0.3h }
            step c { owner A process 0.3h }
            step d { owner A process 1.1h }
            step e { owner A process 0.4h }
            flow a -> b -> d
            flow a -> c -> d
            handoff a -> e { wait 0.2h }
            rework d -> a { rate 0% }`;
        const model = await modelOf(body, 'target 2.4h');
        const forecast = forecastStream(model);
        const leadTime = model.metrics.leadTime;
        for (const figure of [forecast.p50, forecast.p85, forecast.p95, forecast.mean, forecast.min, forecast.max]) {
            expect(figure).toBe(leadTime);
        }
        // Ties go where the metrics put them: b before c.
        expect(forecast.criticality).toEqual(
            model.steps.map((_, index) => (model.criticalPath.includes(index) ? 1 : 0))
        );
        expect(forecast.criticality).toEqual([1, 1, 0, 1, 0]);
        expect(forecast.chanceWithinTarget).toBe(1);
        const missed = forecastStream(await modelOf(body, 'target 2h'));
        expect(missed.chanceWithinTarget).toBe(0);
        expect(leadTimeHistogram(forecast)).toEqual([{ from: leadTime, to: leadTime, trials: N }]);
    });

    it('gives the chance within the target and none without a target', async () => {
        const step = 'step a { owner A process 1h..3h }';
        const forecast = forecastStream(await modelOf(step, 'target 2.5h'));
        expect(Math.abs(forecast.chanceWithinTarget! - 0.75)).toBeLessThan(shareTolerance(0.75));
        expect(forecast.target).toBe(2.5);
        const none = forecastStream(await modelOf(step));
        expect(none.target).toBeNull();
        expect(none.chanceWithinTarget).toBeNull();
    });
});

describe('seeds and trials', () => {
    const body = `
        step a { owner A process 1h..3h wait 1d..2d..5d }
        step b { owner A process 30m..1h }
        flow a -> b
        rework b -> a { rate 20% wait 1h..4h }`;

    it('gives the same forecast for the same seed and another for another seed', async () => {
        const model = await modelOf(body);
        const first = forecastStream(model, { seed: 42, halvedWaits: 3 });
        expect(forecastStream(model, { seed: 42, halvedWaits: 3 })).toEqual(first);
        const other = forecastStream(model, { seed: 43, halvedWaits: 3 });
        expect(other.p50).not.toBe(first.p50);
        expect(other.leadTimes).not.toEqual(first.leadTimes);
        expect(forecastStream(model)).toEqual(forecastStream(model, { seed: 1, trials: 10_000 }));
    });

    it('runs the trials asked for, and refuses what is out of bounds', async () => {
        const model = await modelOf(body);
        expect(forecastStream(model, { trials: 1 }).leadTimes).toHaveLength(1);
        expect(forecastStream(model, { trials: 1 }).p95).toBe(forecastStream(model, { trials: 1 }).min);
        for (const options of [
            { trials: 0 },
            { trials: 1_000_001 },
            { trials: 2.5 },
            { seed: -1 },
            { seed: 2 ** 32 }
        ]) {
            expect(() => forecastStream(model, options)).toThrow(RangeError);
        }
    });

    it('runs in chunks that report their progress, and the same forecast comes out', async () => {
        const model = await modelOf(body);
        const run = forecastRun(model, { trials: 5000, halvedWaits: 2 });
        const progress: number[] = [];
        let next = run.next();
        for (; !next.done; next = run.next()) {
            expect(next.value.trialsRun).toBeLessThanOrEqual(next.value.trialsInAll);
            progress.push(next.value.trialsRun);
        }
        expect(progress.length).toBeGreaterThan(1);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        expect(next.value).toEqual(forecastStream(model, { trials: 5000, halvedWaits: 2 }));
        expect(await forecastStreamAsync(model, { trials: 5000, halvedWaits: 2 })).toEqual(next.value);
    });

    it('stops when its signal is aborted', async () => {
        const model = await modelOf(body);
        const controller = new AbortController();
        const forecast = forecastStreamAsync(model, { trials: 1_000_000, signal: controller.signal });
        controller.abort(new Error('a newer build'));
        await expect(forecast).rejects.toThrow('a newer build');
    });
});

describe('which waits matter', () => {
    it('halves the waits on the longest path, the one that lowers p85 most first', async () => {
        const model = await modelOf(`
            step a { owner A process 1h wait 10h }
            step b { owner A process 1h wait 4h }
            step c { owner A process 1h wait 1h }
            step d { owner A process 1h }
            flow a -> b
            handoff b -> d { wait 2h }
            flow a -> c -> d`);
        const forecast = forecastStream(model, { halvedWaits: 5 });
        expect(forecast.p85).toBe(19);
        // Halving c's wait shortens no trial's longest path: it is not a what-if worth showing.
        expect(forecast.halvedWaits.map(({ wait, p85 }) => [describeWait(model, wait), p85])).toEqual([
            ['a: wait 10 h', 14],
            ['b: wait 4 h', 17],
            ['b -> d: wait 2 h', 18]
        ]);
    });

    it('counts a wait in a loop with its repetitions, and names inventory and rework waits', async () => {
        const model = await modelOf(
            `
            step a { owner A process 1h inventory 10 }
            step b { owner A process 1h wait 1h..3h }
            flow a -> b
            rework b -> b { rate 50% wait 6h }`,
            'demand 1 per h'
        );
        const forecast = forecastStream(model, { halvedWaits: 5 });
        const described = forecast.halvedWaits.map(({ wait }) => describeWait(model, wait));
        expect(described).toEqual(expect.arrayContaining(['a: inventory 10 (10 h)', 'rework b -> b: wait 6 h']));
        expect(described).toContain('b: wait 1–3 h');
        const pk = forecast.halvedWaits.map(({ p85 }) => p85);
        expect(pk).toEqual([...pk].sort((x, y) => x - y));
        expect(pk.every(p85 => p85 < forecast.p85)).toBe(true);
        // Halving the inventory takes 5 h off every trial.
        const inventory = forecast.halvedWaits.find(({ wait }) => wait.kind === 'inventory')!;
        expect(inventory.p85).toBeCloseTo(forecast.p85 - 5, 9);
    });

    it('reports none unless asked', async () => {
        const model = await modelOf('step a { owner A process 1h wait 2h }');
        expect(forecastStream(model).halvedWaits).toEqual([]);
    });
});

describe('the worked example of docs/language.md', () => {
    it('has the forecast the reference works out: 91 + 68k hours', async () => {
        const model = (await buildWorkspace(WORKED_EXAMPLE)).model('onboarding');
        const forecast = forecastStream(model, { halvedWaits: 5 });
        expect([forecast.p50, forecast.p85, forecast.p95, forecast.min]).toEqual([91, 159, 227, 91]);
        // σ = 68 h × the spread of k, sqrt(r) / (1 − r).
        expect(Math.abs(forecast.mean - model.metrics.expectedLeadTime)).toBeLessThan(
            (4 * 68 * (Math.sqrt(0.25) / 0.75)) / Math.sqrt(N)
        );
        expect(forecast.criticality).toEqual([1, 1, 1, 0, 1, 1]);
        expect(forecast.halvedWaits.slice(0, 2).map(({ wait, p85 }) => [describeWait(model, wait), p85])).toEqual([
            ['kickoff: wait 3 d', 135],
            ['provision: wait 2 d', 143]
        ]);
    });
});

describe('streams that are not whole', () => {
    it('forecasts a stream without steps as nothing, without throwing', async () => {
        const forecast = forecastStream(await modelOf(''));
        expect(forecast.p85).toBe(0);
        expect(forecast.criticality).toEqual([]);
    });

    it('forecasts a stream with a cycle on its acyclic part, and ranges written out of order', async () => {
        const model = await modelOf(`
            step a { owner A process 3h..1h }
            step b { owner A process 1h..5h..2h }
            flow a -> b -> a`);
        const forecast = forecastStream(model, { halvedWaits: 3 });
        expect(Number.isFinite(forecast.p95)).toBe(true);
        expect(forecast.min).toBeGreaterThanOrEqual(2);
        expect(forecast.max).toBeLessThanOrEqual(8);
    });
});

describe('the histogram', () => {
    it('puts every trial in one of equal bins from the shortest to the longest', async () => {
        const forecast = forecastStream(await modelOf('step a { owner A process 1h..3h }'));
        const bins = leadTimeHistogram(forecast, 10);
        expect(bins).toHaveLength(10);
        expect(bins.reduce((sum, bin) => sum + bin.trials, 0)).toBe(N);
        expect(bins[0].from).toBe(forecast.min);
        expect(bins[9].to).toBe(forecast.max);
        // Uniform: about a tenth in each.
        expect(bins.every(bin => Math.abs(bin.trials / N - 0.1) < shareTolerance(0.1))).toBe(true);
    });
});
