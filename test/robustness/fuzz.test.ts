/** A fixed-seed run of the fuzzer inside `npm test`; `npm run fuzz` runs thousands of cases. */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FuzzHarness, fuzzCases, loadCorpus } from './fuzz-harness.js';

const SEED = 20261125;
const RUNS = 300;

describe('bad input through the whole pipeline and every editor feature', () => {
    it(
        `never throws, never hangs, keeps every token when formatting, draws well-formed SVG (${RUNS} cases, seed ${SEED})`,
        { timeout: 600_000 },
        async () => {
            const harness = new FuzzHarness();
            await fc.assert(
                fc.asyncProperty(fuzzCases(loadCorpus(resolve(__dirname, '../..'))), async fuzzCase => {
                    await harness.check(fuzzCase);
                }),
                { seed: SEED, numRuns: RUNS, endOnFailure: true }
            );
        }
    );
});
