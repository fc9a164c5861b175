/**
 * Checking the forecast's trials against distributions worked out by hand. With N trials, a share
 * estimated from them is off by about sqrt(p(1 − p) / N); each tolerance is four such errors, so a
 * correct engine passes whatever the seed.
 */
import { expect } from 'vitest';
import type { Forecast } from '../../src/analysis/forecast.js';
import { buildWorkspace } from '../helpers.js';

/** The forecast's default number of trials. */
export const N = 10_000;

/** Four standard errors of a share p estimated from N trials. */
export const shareTolerance = (p: number) => 4 * Math.sqrt((p * (1 - p)) / N);

/** The model of stream `s` with `body` (and `header` before it), owned by team A. */
export async function modelOf(body: string, header = '') {
    const workspace = await buildWorkspace(`team A\nstream s {\n${header}\n${body}\n}`);
    return workspace.model('s');
}

/** The share of trials whose lead time is `hours`. */
export function shareAt(forecast: Forecast, hours: number): number {
    return forecast.leadTimes.filter(time => Math.abs(time - hours) < 1e-9).length / forecast.trials;
}

/** Each lead time of `exact` comes up in its share of the trials, within four standard errors. */
export function expectLeadTimeShares(forecast: Forecast, exact: Iterable<readonly [hours: number, share: number]>) {
    for (const [hours, share] of exact) {
        expect(Math.abs(shareAt(forecast, hours) - share), `${hours} h`).toBeLessThan(shareTolerance(share));
    }
}
