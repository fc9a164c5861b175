/**
 * librsvg's `rsvg-convert`, the SVG renderer of GNOME, ImageMagick's delegate and many wikis:
 * installed from Debian's librsvg2-bin when missing and this user may (root with apt-get), as
 * Chromium is (test/e2e/chromium-install.ts); else one line naming the command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { timedPhase } from './phase.js';

export const RSVG_CONVERT = '/usr/bin/rsvg-convert';

export function ensureLibrsvg(): void {
    if (existsSync(RSVG_CONVERT)) {
        return;
    }
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
        throw new Error(`rsvg-convert is missing: run \`sudo apt-get install -y librsvg2-bin\`, then the tests again`);
    }
    timedPhase("installing librsvg for the viewer tests (Debian's librsvg2-bin; seconds, once)", () => {
        const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
        execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
        execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'librsvg2-bin'], {
            env,
            stdio: ['ignore', 'inherit', 'inherit']
        });
    });
}

/** An SVG drawn by librsvg as PNG bytes. */
export function drawnByLibrsvg(svg: string): Buffer {
    const result = spawnSync(RSVG_CONVERT, ['--format', 'png'], { input: svg, maxBuffer: 1 << 30 });
    if (result.status !== 0) {
        throw new Error(`rsvg-convert failed: ${result.stderr.toString()}`);
    }
    return result.stdout;
}
