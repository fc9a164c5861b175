/**
 * Decisions: the contract's figures ignore them, the typical path follows the likeliest edge at
 * each, and the forecast draws one edge per decision in each trial. Distributions are checked
 * against exact ones worked out by hand; tolerances are four standard errors of 10,000 trials.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastStream } from '../../src/analysis/forecast.js';
import { figuresOfMap } from './figures-of-map.js';
import { randomMap } from './random-maps.js';
import { expectLeadTimeShares, modelOf, shareAt, shareTolerance } from './trials.js';

/** Five steps of an hour each, for decisions in a row. */
const FIVE_STEPS = ['a', 'b', 'c', 'd', 'e'].map(step => `    step ${step} { process 1h }`).join('\n');

/** The steps of `text` with one outgoing edge, given `share 100%`: a decision that always takes that edge. */
function withCertainShares(text: string): string {
    const lines = text.split('\n');
    const edge = /^ {4}(flow|handoff) s(\d+) -> s(\d+)(.*)$/;
    const outgoing = new Map<string, number>();
    for (const line of lines) {
        const from = edge.exec(line)?.[2];
        if (from !== undefined) {
            outgoing.set(from, (outgoing.get(from) ?? 0) + 1);
        }
    }
    return lines
        .map(line => {
            const match = edge.exec(line);
            if (!match || outgoing.get(match[2]) !== 1) {
                return line;
            }
            const [, kind, from, to, body] = match;
            return body.includes('{')
                ? line.replace(/ }$/, ' share 100% }')
                : `    ${kind} s${from} -> s${to} { share 100% }`;
        })
        .join('\n');
}

/** 80 and 40 maps built and forecast: seconds on a loaded machine. */
const MANY_MAPS = { timeout: 60_000 };

describe('a map without decisions', MANY_MAPS, () => {
    const golden = JSON.parse(
        readFileSync(new URL('../fixtures/figures-without-decisions.json', import.meta.url), 'utf8')
    ) as unknown[];

    it('gives exactly the figures and forecast it gave before decisions existed (80 random maps)', async () => {
        for (const [index, expected] of golden.entries()) {
            const seed = index + 1;
            expect(await figuresOfMap(randomMap(seed), seed), `map ${seed}`).toEqual(expected);
        }
    });

    it('gives the same figures and forecast when each single edge is a certain choice (share 100%)', async () => {
        for (let seed = 1; seed <= 40; seed++) {
            const map = randomMap(seed);
            expect(await figuresOfMap(withCertainShares(map), seed), `map ${seed}`).toEqual(
                await figuresOfMap(map, seed)
            );
        }
    });
});

describe("the contract's figures", MANY_MAPS, () => {
    it('ignore shares: a map with decisions has the figures of the same map without them', async () => {
        for (let seed = 1; seed <= 40; seed++) {
            const map = randomMap(seed, { decisions: true });
            const parallel = map.replace(/ share \d+%/g, '').replace(/ \{ \}/g, '');
            const [decided, plain] = [await figuresOfMap(map, seed), await figuresOfMap(parallel, seed)];
            expect(decided.metrics, `map ${seed}`).toEqual(plain.metrics);
        }
    });
});

describe('the typical path', () => {
    it("takes each decision's likeliest edge; the critical path stays the longest", async () => {
        const model = await modelOf(`
    step triage { process 1h }
    step reproduce { process 2h }
    step fix { process 10h }
    step workaround { process 1h }
    step confirm { process 1h }
    flow triage -> reproduce -> confirm
    flow reproduce -> fix { share 30% }
    flow reproduce -> workaround { share 70% }
    flow fix -> confirm
    flow workaround -> confirm`);
        // reproduce -> confirm has no share: reproduce mixes shares, so it is no decision.
        expect(model.decisions).toEqual([]);
        const decided = await modelOf(`
    step triage { process 1h }
    step reproduce { process 2h }
    step fix { process 10h }
    step workaround { process 1h }
    step confirm { process 1h }
    flow triage -> reproduce
    flow reproduce -> fix { share 30% }
    flow reproduce -> workaround { share 70% }
    flow fix -> confirm
    flow workaround -> confirm`);
        expect(decided.metrics).toMatchObject({
            leadTime: 14,
            criticalPath: ['triage', 'reproduce', 'fix', 'confirm'],
            typicalLeadTime: 5,
            typicalPath: ['triage', 'reproduce', 'workaround', 'confirm'],
            typicalShare: 0.7
        });
        expect(decided.decisions).toEqual([{ step: 1, edges: [1, 2], chances: [0.3, 0.7], typical: 2 }]);
    });

    it('leaves out the steps only other edges reach, waits for the parallel branches that stay, and takes the first of equal shares', async () => {
        const model = await modelOf(`
    step start { process 1h }
    step a { process 1h }
    step x { process 20h }
    step b { process 1h }
    step c { process 50h }
    step d { process 1h }
    step e { process 1h }
    flow start -> a
    flow start -> x
    flow a -> b { share 50% }
    flow a -> c { share 50% }
    flow b -> d
    flow c -> d
    flow x -> d
    flow c -> e`);
        expect(model.metrics).toMatchObject({
            leadTime: 53,
            typicalLeadTime: 22,
            typicalPath: ['start', 'x', 'd'],
            typicalShare: 0.5
        });
    });

    it('multiplies the typical shares of the decisions the typical stream meets, and only those', async () => {
        const model = await modelOf(`${FIVE_STEPS}
    flow a -> b { share 80% }
    flow a -> c { share 20% }
    flow b -> d { share 60% }
    flow b -> e { share 40% }
    flow c -> d { share 10% }
    flow c -> e { share 90% }`);
        expect(model.metrics.typicalPath).toEqual(['a', 'b', 'd']);
        expect(model.metrics.typicalShare).toBeCloseTo(0.48, 12);
    });
});

describe('the forecast with decisions', () => {
    it('draws one edge per decision: lead times, reached and criticality as the shares say', async () => {
        const model = await modelOf(`
    step a { process 1h }
    step b { process 2h }
    step c { process 4h }
    step d { process 1h }
    flow a -> b { share 25% }
    flow a -> c { share 75% }
    flow b -> d
    flow c -> d`);
        const forecast = forecastStream(model);
        expect(shareAt(forecast, 4)).toBeCloseTo(0.25, 1);
        expect(Math.abs(shareAt(forecast, 4) - 0.25)).toBeLessThan(shareTolerance(0.25));
        expect(shareAt(forecast, 4) + shareAt(forecast, 6)).toBe(1);
        expect(forecast.reached[0]).toBe(1);
        expect(forecast.reached[3]).toBe(1);
        expect(forecast.reached[1] + forecast.reached[2]).toBe(1);
        expect(Math.abs(forecast.reached[1] - 0.25)).toBeLessThan(shareTolerance(0.25));
        expect(forecast.criticality).toEqual(forecast.reached);
        expect([forecast.p50, forecast.p85]).toEqual([6, 6]);
    });

    it('repeats a loop over the edges the trial chose (P(k) = 0.8 · 0.2^k extra passes)', async () => {
        const model = await modelOf(`
    step a { process 1h }
    step b { process 2h }
    step c { process 4h }
    step d { process 1h }
    flow a -> b { share 50% }
    flow a -> c { share 50% }
    flow b -> d
    flow c -> d
    rework d -> a { rate 20% }`);
        const forecast = forecastStream(model);
        // A pass takes 4 h through b, 6 h through c; k extra passes multiply it by 1 + k.
        const exact = new Map([
            [4, 0.5 * 0.8],
            [6, 0.5 * 0.8],
            [8, 0.5 * 0.16],
            [12, 0.5 * 0.16 + 0.5 * 0.032]
        ]);
        expectLeadTimeShares(forecast, exact);
        expect(forecast.reached.slice(1, 3).reduce((sum, share) => sum + share, 0)).toBe(1);
    });

    it('counts a rework only in the trials where both its steps exist', async () => {
        const model = await modelOf(`
    step a { process 1h }
    step b { process 2h }
    step c { process 3h }
    step d { process 1h }
    flow a -> b { share 60% }
    flow a -> c { share 40% }
    flow b -> d
    flow c -> d
    rework d -> b { rate 50% wait 1h }`);
        const forecast = forecastStream(model);
        // Through c: 5 h, never repeated. Through b: 1 + 3 (1 + k) + k h of the rework's wait, P(k) = 0.5^(k+1).
        const exact = new Map([
            [5, 0.4],
            [4, 0.6 * 0.5],
            [8, 0.6 * 0.25],
            [12, 0.6 * 0.125]
        ]);
        expectLeadTimeShares(forecast, exact);
    });

    it('reaches a decision behind another only when the first sends work there', async () => {
        const model = await modelOf(`${FIVE_STEPS}
    flow a -> b { share 50% }
    flow a -> c { share 50% }
    flow b -> d { share 50% }
    flow b -> e { share 50% }`);
        const forecast = forecastStream(model);
        expect(Math.abs(forecast.reached[3] - 0.25)).toBeLessThan(shareTolerance(0.25));
        expect(Math.abs(forecast.reached[4] - 0.25)).toBeLessThan(shareTolerance(0.25));
        expect(forecast.reached[1] + forecast.reached[2]).toBe(1);
    });

    it('halves a wait in the trials that take it only', async () => {
        const model = await modelOf(`
    step a { process 1h }
    step b { wait 10h process 1h }
    step c { process 2h }
    flow a -> b { share 90% }
    flow a -> c { share 10% }`);
        const forecast = forecastStream(model, { halvedWaits: 1 });
        expect(forecast.p85).toBe(12);
        expect(forecast.halvedWaits).toEqual([{ wait: { kind: 'wait', step: 1, wait: 0 }, p85: 7 }]);
    });
});
