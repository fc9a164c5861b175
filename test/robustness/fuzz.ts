/**
 * `npm run fuzz [-- --runs N] [--seed S]`: thousands of bad inputs through the whole pipeline
 * and every editor feature (see fuzz-harness.ts). Prints the seed, the number of cases and the
 * slowest one; on a failure, the shrunk case that reproduces it, and exit status 1.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { FuzzHarness, fuzzCases, loadCorpus, type FuzzCase } from './fuzz-harness.js';

function option(name: string, fallback: number): number {
    const index = process.argv.indexOf(name);
    const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
    if (!Number.isInteger(value)) {
        throw new Error(`${name} takes a whole number`);
    }
    return value;
}

async function main(): Promise<void> {
    const runs = option('--runs', 5_000);
    const seed = option('--seed', Date.now() % 2_147_483_647);
    const corpus = loadCorpus(resolve(__dirname, '../..'));
    const harness = new FuzzHarness();
    let slowest = { ms: 0, length: 0 };
    let cases = 0;
    const started = performance.now();
    console.log(`fuzz: ${runs} cases, seed ${seed}, ${corpus.length} valid files to mutate`);
    const result = await fc.check(
        fc.asyncProperty(fuzzCases(corpus), async (fuzzCase: FuzzCase) => {
            const ms = await harness.check(fuzzCase);
            cases++;
            if (ms > slowest.ms) {
                slowest = { ms, length: fuzzCase.text.length };
            }
        }),
        { seed, numRuns: runs }
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.failed) {
        console.log(fc.defaultReportMessage(result));
        console.log(result.errorInstance instanceof Error ? result.errorInstance.stack : String(result.errorInstance));
        console.log(
            `fuzz: FAILED after ${result.numRuns} cases (seed ${seed}); rerun with --seed ${seed} --runs ${runs}`
        );
        process.exitCode = 1;
        return;
    }
    console.log(
        `fuzz: ${cases} cases clean in ${seconds} s (seed ${seed}); slowest case ${Math.round(slowest.ms)} ms for ${slowest.length.toLocaleString('en')} characters`
    );
}

main().catch(error => {
    console.error(`fuzz: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
});
