/**
 * The browser the tests drive: Debian's Chromium (never a downloaded one). Installed the way
 * `npm start` installs code-server: when it is missing and this user may install packages (root
 * with apt-get), with apt's own progress; otherwise one line naming the command to run.
 * Only Node's own modules here, so that the test runner's setup and the bundles share it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { timedPhase } from './phase.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the tests cannot have their browser, and the one command that would give it to them. */
export class ChromiumMissing extends Error {}

function canInstallPackages(): boolean {
    return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.CHROMIUM_PATH === undefined;
}

function missingMessage(): string {
    if (process.env.CHROMIUM_PATH !== undefined) {
        return `Chromium is missing at ${CHROMIUM} (CHROMIUM_PATH): point CHROMIUM_PATH at a Chromium or Chrome executable`;
    }
    return existsSync('/usr/bin/apt-get')
        ? `Chromium is missing at ${CHROMIUM}: run \`sudo apt-get install -y chromium\`, then the tests again`
        : `Chromium is missing at ${CHROMIUM}: install Chromium or Chrome, then run the tests with CHROMIUM_PATH=/path/to/chromium`;
}

/** Makes sure Chromium is there, installing Debian's package when allowed; throws ChromiumMissing otherwise. */
export function ensureChromium(): void {
    if (existsSync(CHROMIUM)) {
        return;
    }
    if (!canInstallPackages()) {
        throw new ChromiumMissing(missingMessage());
    }
    timedPhase(
        "installing Chromium for the browser tests (Debian's chromium package; about 1 to 3 minutes, once)",
        () => {
            const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
            execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
            execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
                env,
                stdio: ['ignore', 'inherit', 'inherit']
            });
        }
    );
    if (!existsSync(CHROMIUM)) {
        throw new ChromiumMissing(`apt-get installed chromium, yet ${CHROMIUM} is not there: see apt's output above`);
    }
}
