/** The built `vstream` command, run as a user would: `npm run build` makes it (npm test does). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Each start of the built command takes about 0.3 s, several seconds on a loaded machine. */
export const CLI_TIMEOUT = 30_000;

const CLI = resolve(__dirname, '../../out/cli/main.cjs');

export function assertBuilt(): void {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    }
}

export function vstream(args: string[], cwd: string, input?: string | Buffer) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
