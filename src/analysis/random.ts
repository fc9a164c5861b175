/**
 * Seeded random numbers for the forecast: the same seed gives the same numbers on every
 * machine and in every runtime, which `Math.random` does not promise.
 *
 * The generator is sfc32, Chris Doty-Humphrey's Small Fast Chaotic generator from his PractRand
 * test suite: 128 bits of state, 32-bit integer arithmetic that JavaScript does exactly, a few
 * nanoseconds a number, and a counter in its state, so that no seed repeats itself within 2^32
 * numbers (about 2^127 on average). A forecast of 10,000 trials draws thousands to a few million
 * numbers, where the flaws that test suites find in weak small generators take billions to
 * show. Its four words
 * are filled from the seed by splitmix32 (a hash of consecutive counters), so that nearby seeds
 * start far apart, and its first outputs are discarded, as PractRand does.
 */

/** The largest seed: seeds are 32-bit, 0 to 4,294,967,295. */
export const MAX_SEED = 0xffffffff;

const DISCARDED_OUTPUTS = 12;
const TWO_TO_THE_32 = 4294967296;

export class RandomNumbers {
    private a: number;
    private b: number;
    private c: number;
    private d: number;

    constructor(seed: number) {
        let counter = seed | 0;
        const splitmix32 = (): number => {
            counter = (counter + 0x9e3779b9) | 0;
            let z = counter ^ (counter >>> 16);
            z = Math.imul(z, 0x21f0aaad);
            z ^= z >>> 15;
            z = Math.imul(z, 0x735a2d97);
            return z ^ (z >>> 15);
        };
        this.a = splitmix32();
        this.b = splitmix32();
        this.c = splitmix32();
        this.d = splitmix32();
        for (let i = 0; i < DISCARDED_OUTPUTS; i++) {
            this.nextUint32();
        }
    }

    /** An integer from 0 to 2^32 − 1, each equally likely. */
    nextUint32(): number {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return t >>> 0;
    }

    /** A number in [0, 1), in steps of 2^−32: fine enough for durations, far finer than any map states them. */
    next(): number {
        return this.nextUint32() / TWO_TO_THE_32;
    }
}
