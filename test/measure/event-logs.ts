/** Small status histories written to a temp folder, and maps to measure them with, for the measure tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MeasuredStepInput, MeasureMap } from '../../src/measure/measure-model.js';

/** One folder, rewritten by every run rather than a new one each time; each test file names its logs apart. */
const folder = join(tmpdir(), 'vstream-measure-test-logs');
mkdirSync(folder, { recursive: true });

/** The path of a file in the temp folder. */
export function logPath(name: string): string {
    return join(folder, name);
}

/** Writes a file of the temp folder; `lines` are joined with newlines. */
export function eventLog(name: string, ...lines: string[]): string {
    const path = logPath(name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
}

/** A map of one stream `s` (8-hour days) whose done status is "Done". */
export function oneStream(steps: MeasuredStepInput[], done = ['Done']): MeasureMap {
    return { streams: [{ name: 's', workdayHours: 8, done, steps, edges: [], reworks: [] }] };
}

/** A step `work` working in "Doing" and waiting in "Ready". */
export function workStep(mapped: { process: number; wait: number } = { process: 10, wait: 6 }): MeasuredStepInput {
    return {
        name: 'work',
        status: ['Doing'],
        queue: ['Ready'],
        mappedProcess: mapped.process,
        mappedWait: mapped.wait
    };
}

/**
 * Two items across a weekend (2024-03-08 is a Friday), written out of time order:
 *
 * - A waits in Ready Mon 00:00 → Tue 12:00 (36 counted h), works Tue 12:00 → Wed 12:00 (24 h)
 *   and is done on Wed 12:00: lead time Mon 00:00 → Wed 12:00, 60 counted h.
 * - B works Fri 12:00 → Mon 12:00 (24 h Monday to Friday, 72 h on every day), waits in Ready
 *   Mon 12:00 → Tue 00:00 (12 h), and works from Tue 00:00 on, not done: its last row runs to
 *   the log's last time, Wed 13 00:00 (24 h), which is C's row, an item of no stream.
 */
export const WEEKEND_LOG = [
    'item,status,at',
    'B,Doing,2024-03-12T00:00:00Z',
    'A,Ready,2024-03-04T00:00:00Z',
    'A,Doing,2024-03-05T12:00:00Z',
    'B,Doing,2024-03-08T12:00:00Z',
    'A,Done,2024-03-06T12:00:00Z',
    'B,Ready,2024-03-11T12:00:00Z',
    'C,Backlog,2024-03-13T00:00:00Z'
];

/**
 * Five items work in Doing from Monday 2024-03-04 00:00 and are done 3, 6, 9, 12 and 30 counted
 * hours later: 1, 2, 3, 4 and 10 map hours, each their lead time and their process sample.
 */
export const FIVE_ITEMS_LOG = [
    'item,status,at',
    ...['03:00', '06:00', '09:00', '12:00'].flatMap((time, index) => [
        `P${index + 1},Doing,2024-03-04T00:00:00Z`,
        `P${index + 1},Done,2024-03-04T${time}:00Z`
    ]),
    'P5,Doing,2024-03-04T00:00:00Z',
    'P5,Done,2024-03-05T06:00:00Z'
];

/** Hours out of floating-point arithmetic, compared to 9 decimals (vitest types its matcher as `any`; it stands for a number). */
export function hoursNear(value: number, digits = 9): number {
    return expect.closeTo(value, digits) as number;
}
