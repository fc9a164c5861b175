/**
 * Before any test: the browser that the preview-page, screenshot and web worker tests drive.
 * When it cannot be installed here, one line says what to run, and the run fails at once
 * rather than with a failure in each browser test.
 */
import { ChromiumMissing, ensureChromium } from './chromium-install.js';

export default function setup(): void {
    try {
        ensureChromium();
    } catch (error) {
        if (error instanceof ChromiumMissing) {
            console.error(`vstream: ${error.message}`);
            process.exit(1);
        }
        throw error;
    }
}
