/** Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, ensureChromium } from './chromium-install.js';

/** Without the networking flags Chromium keeps trying to reach hosts this machine cannot reach. */
const ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync'
];

/**
 * Time limits of the browser tests: starting Chromium takes seconds on a loaded machine, and a
 * test's own waits (Playwright's, 30 s by default) must fail first, with what they waited for.
 */
export const BROWSER_START_TIMEOUT = 60_000;
export const BROWSER_TEST_TIMEOUT = 60_000;

export async function launchChromium(): Promise<Browser> {
    ensureChromium();
    return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
