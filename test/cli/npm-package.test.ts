/**
 * The vstream command as an npm package: `npm pack` holds only what it runs, and installed
 * globally from that tarball into an empty prefix, every command works. The install prefers
 * npm's cache (its two native dependencies' tarballs are there since the project's own install)
 * and asks the registry only for what the cache lacks: the lists of their versions, which `npm
 * ci` does not keep.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServerSession } from '../server-session.js';

const root = resolve(__dirname, '../..');

/** npm pack, an install from the cache and a run of each command: about 10 s, more on a loaded machine. */
const PACKAGE_TIMEOUT = 60_000;

// The installed command starts with `#!/usr/bin/env node`: the Node running the tests answers.
process.env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH}`;

function run(command: string, args: string[], cwd: string) {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let work: string;
let vstream: string;

beforeAll(() => {
    if (!existsSync(resolve(root, 'out/cli/main.cjs'))) {
        throw new Error('out/cli/main.cjs is missing: run `npm run build` first (npm test does)');
    }
    work = mkdtempSync(join(tmpdir(), 'vstream-package-'));
    const packed = run('npm', ['pack', '--pack-destination', work, '--json'], root);
    expect(packed.status, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    const prefix = join(work, 'prefix');
    const installed = run(
        'npm',
        [
            'install',
            '--global',
            '--prefix',
            prefix,
            '--prefer-offline',
            '--no-audit',
            '--no-fund',
            join(work, filename)
        ],
        work
    );
    expect(installed.status, installed.stderr).toBe(0);
    vstream = join(prefix, 'bin', 'vstream');
    cpSync(resolve(root, 'examples'), join(work, 'maps'), { recursive: true });
}, PACKAGE_TIMEOUT);

describe('the npm package', { timeout: PACKAGE_TIMEOUT }, () => {
    it('holds the README, the license, package.json, the bundles and fonts, and depends on the native packages only', () => {
        const packed = run('npm', ['pack', '--dry-run', '--json'], root);
        const [{ files }] = JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>;
        expect(files.map(file => file.path).sort()).toEqual([
            'LICENSE',
            'README.md',
            'out/cli/main.cjs',
            'out/cli/rasterize.cjs',
            'out/fonts/Inter-Regular.ttf',
            'out/fonts/Inter-SemiBold.ttf',
            'out/fonts/LICENSE_FONT',
            'out/lib/index.cjs',
            'out/lib/index.mjs',
            'out/lib/markdown-it.cjs',
            'out/lib/markdown-it.mjs',
            'out/lib/remark.mjs',
            'package.json'
        ]);
        const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, unknown>;
        // esbuild bundles every runtime but the two with a native binding per platform, and HarfBuzz (WebAssembly, an ES module).
        expect(Object.keys(manifest.dependencies as object).sort()).toEqual([
            '@duckdb/node-api',
            '@resvg/resvg-js',
            'harfbuzzjs'
        ]);
        expect(manifest.bin).toEqual({ vstream: 'out/cli/main.cjs' });
    });

    it('runs check, metrics, render (SVG and PNG), doc and diff once installed', () => {
        const inMaps = (args: string[]) => run(vstream, args, join(work, 'maps'));
        expect(inMaps(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
        const check = inMaps(['check', '.']);
        expect(check.status).toBe(0);
        const maps = readdirSync(join(work, 'maps'), { recursive: true }).filter(name =>
            String(name).endsWith('.vstream')
        );
        expect(check.stdout).toMatch(new RegExp(` in ${maps.length} files\\.\n$`));
        expect(JSON.parse(inMaps(['metrics', 'customer-onboarding.vstream', '--json']).stdout)).toHaveLength(2);
        expect(inMaps(['render', 'customer-onboarding.vstream', '--stream', 'onboarding']).stdout).toMatch(/^<svg /);
        // resvg installed for this platform, and the fonts beside the bundle.
        const png = inMaps(['render', 'customer-onboarding.vstream', '--stream', 'onboarding', '-o', 'map.png']);
        expect(png.status, png.stderr).toBe(0);
        expect(
            readFileSync(join(work, 'maps', 'map.png'))
                .subarray(1, 4)
                .toString()
        ).toBe('PNG');
        expect(inMaps(['doc', 'customer-onboarding.vstream']).stdout).toContain('## What changes for each team');
        const diff = inMaps(['diff', 'customer-onboarding.vstream', 'customer-onboarding.vstream', '--json']);
        expect(diff.status).toBe(0);
        expect(JSON.parse(diff.stdout)).toHaveLength(2);
    });

    it('serves the language server with vstream lsp', async () => {
        const session = new ServerSession(['lsp'], vstream);
        await session.initialize(pathToFileURL(join(work, 'maps')).toString());
        const uri = pathToFileURL(join(work, 'maps', 'new-hire.vstream')).toString();
        await session.open(uri, readFileSync(join(work, 'maps', 'new-hire.vstream'), 'utf8'));
        expect(await session.stop()).toBe(0);
    });
});
