/**
 * The vstream command and library as an npm package: scripts/pack-npm.js packs only what they
 * run, and installed from that tarball into an empty project, every command works, the library
 * loads as CommonJS and as an ES module, and its declarations type a consumer's code. The
 * install prefers npm's cache (its native dependency's tarball is there since the project's own
 * install) and asks the registry only for what the cache lacks.
 */
import { spawnSync } from 'node:child_process';
import {
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    symlinkSync,
    writeFileSync
} from 'node:fs';
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
let project: string;
let vstream: string;
let tarball: string;

/** The files of the tarball, as npm lists them. */
function tarballFiles(): string[] {
    const listed = run('tar', ['-tzf', tarball], work);
    return listed.stdout
        .split('\n')
        .filter(Boolean)
        .map(path => path.replace(/^package\//, ''))
        .sort();
}

/** A script run by the Node of the tests in the installed project, as a consumer's file would be. */
function inProject(script: string, type: 'commonjs' | 'module') {
    return run(process.execPath, [`--input-type=${type}`, '-e', script], project);
}

beforeAll(() => {
    if (!existsSync(resolve(root, 'out/cli/vstream.cjs'))) {
        throw new Error('out/cli/vstream.cjs is missing: run `npm run build` first (npm test does)');
    }
    work = mkdtempSync(join(tmpdir(), 'vstream-package-'));
    const packed = run(process.execPath, [resolve(root, 'scripts/pack-npm.js'), '--out', work], root);
    expect(packed.status, packed.stderr).toBe(0);
    tarball = packed.stdout.trim();
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "maps", "private": true }\n');
    const installed = run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball],
        project
    );
    expect(installed.status, installed.stderr).toBe(0);
    vstream = join(project, 'node_modules', '.bin', 'vstream');
    cpSync(resolve(root, 'examples'), join(work, 'maps'), { recursive: true });
}, PACKAGE_TIMEOUT);

describe('the npm package', { timeout: PACKAGE_TIMEOUT }, () => {
    const manifest = () =>
        JSON.parse(readFileSync(join(project, 'node_modules/vstream/package.json'), 'utf8')) as {
            main: string;
            types: string;
            bin: Record<string, string>;
            browser?: string;
            exports: Record<string, string | Record<string, Record<string, string>>>;
            dependencies: Record<string, string>;
            peerDependencies: Record<string, string>;
            peerDependenciesMeta: Record<string, { optional: boolean }>;
            engines: Record<string, string>;
        };

    it('holds the README, the license, the changelog, its manifest, one bundle with its entries, the fonts and the Action', () => {
        expect(tarballFiles()).toEqual([
            'CHANGELOG.md',
            'LICENSE',
            'README.md',
            'out/action/action.cjs',
            'out/cli/main.cjs',
            'out/cli/rasterize.cjs',
            'out/cli/vstream.cjs',
            'out/fonts/Inter-Regular.ttf',
            'out/fonts/Inter-SemiBold.ttf',
            'out/fonts/LICENSE_FONT',
            ...['index', 'markdown-it', 'remark'].flatMap(entry =>
                ['cjs', 'd.cts', 'd.mts', 'mjs'].map(extension => `out/lib/${entry}.${extension}`)
            ),
            'package.json'
        ]);
        // The language is in one bundle: every entry is a few lines that require it.
        for (const entry of tarballFiles().filter(file => /^out\/(lib\/.*\.[cm]js|cli\/main\.cjs)$/.test(file))) {
            expect(readFileSync(join(project, 'node_modules/vstream', entry), 'utf8').length, entry).toBeLessThan(300);
        }
    });

    it('names only files it holds: main, types, bin, every export; no browser entry, no editor fields', () => {
        const files = new Set(tarballFiles());
        const { main, types, bin, exports, browser } = manifest();
        const named = [main, types, ...Object.values(bin)];
        for (const target of Object.values(exports)) {
            named.push(
                ...(typeof target === 'string'
                    ? [target]
                    : Object.values(target).flatMap(condition => Object.values(condition)))
            );
        }
        for (const path of named) {
            expect(files, path).toContain(path.replace(/^\.\//, ''));
        }
        expect(main).toBe('./out/lib/index.cjs');
        expect(browser).toBeUndefined();
        expect(Object.keys(manifest())).not.toContain('contributes');
    });

    it('depends on resvg and HarfBuzz alone, with DuckDB an optional peer that a plain install leaves out', () => {
        const { dependencies, peerDependencies, peerDependenciesMeta, engines } = manifest();
        expect(Object.keys(dependencies)).toEqual(['@resvg/resvg-js', 'harfbuzzjs']);
        expect(Object.keys(peerDependencies)).toEqual(['@duckdb/node-api']);
        expect(peerDependenciesMeta['@duckdb/node-api']).toEqual({ optional: true });
        expect(existsSync(join(project, 'node_modules/@duckdb'))).toBe(false);
        const repository = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as typeof engines & {
            engines: Record<string, string>;
            devDependencies: Record<string, string>;
        };
        // The repository's own tests and bench measure with it.
        expect(repository.devDependencies['@duckdb/node-api']).toBe(peerDependencies['@duckdb/node-api']);
        expect(engines).toEqual({ node: repository.engines.node });
    });

    it('is not packed by npm pack in the repository, whose package.json is the extension manifest too', () => {
        const refused = run('npm', ['pack', '--dry-run'], root);
        expect(refused.status).not.toBe(0);
        expect(refused.stderr).toContain('npm run pack:npm packs the npm package');
        expect(readdirSync(root).filter(file => file.endsWith('.tgz'))).toEqual([]);
    });

    it('gives the plugin itself to require, and the same to import, with renderMap and the remark plugin', () => {
        const page = '```vstream\nstream s { step a }\n```\n';
        const markdownIt = JSON.stringify(resolve(root, 'node_modules/markdown-it'));
        const commonJs = inProject(
            `const plugin = require('vstream/markdown-it');
             const html = require(${markdownIt})().use(plugin).render(${JSON.stringify(page)});
             console.log(typeof plugin, plugin.default === plugin, html.includes('<svg '),
                 typeof require('vstream').renderMap, typeof require('vstream/remark'));`,
            'commonjs'
        );
        expect(commonJs.stderr).toBe('');
        expect(commonJs.stdout.trim()).toBe('function true true function function');
        const esModule = inProject(
            `import plugin from 'vstream/markdown-it';
             import remark from 'vstream/remark';
             import { renderMap } from 'vstream';
             import { createRequire } from 'node:module';
             const required = createRequire(import.meta.url)('vstream/markdown-it');
             console.log(plugin === required, typeof remark, renderMap('stream s { step a }').svg.startsWith('<svg '));`,
            'module'
        );
        expect(esModule.stderr).toBe('');
        expect(esModule.stdout.trim()).toBe('true function true');
    });

    it('types a consumer’s code, ES module and CommonJS, from the declarations it ships', () => {
        // The types the declarations refer to (markdown-it's, unified's) come with those packages: here, the repository's.
        symlinkSync(resolve(root, 'node_modules/@types'), join(project, 'node_modules/@types'), 'dir');
        writeFileSync(
            join(project, 'consumer.mts'),
            `import type MarkdownIt from 'markdown-it';
import markdownItVstream, { type MarkdownItVstreamOptions } from 'vstream/markdown-it';
import remarkVstream, { type RemarkVstreamOptions } from 'vstream/remark';
import { renderMap, type RenderedMap } from 'vstream';
export function use(md: MarkdownIt): RenderedMap {
    const options: MarkdownItVstreamOptions = { theme: 'dark', vPre: true };
    md.use(markdownItVstream, options);
    const remark: RemarkVstreamOptions = { theme: 'light' };
    remarkVstream(remark);
    return renderMap('stream s { step a }', { idPrefix: 'x' });
}
`
        );
        writeFileSync(
            join(project, 'consumer.cts'),
            `import type MarkdownIt = require('markdown-it');
import markdownItVstream = require('vstream/markdown-it');
import { renderMap } from 'vstream';
export function use(md: MarkdownIt): string | undefined {
    const options: markdownItVstream.MarkdownItVstreamOptions = { vPre: true };
    md.use(markdownItVstream, options).use(markdownItVstream.default);
    return renderMap('stream s { step a }').svg;
}
`
        );
        writeFileSync(
            join(project, 'wrong.mts'),
            "import type MarkdownIt from 'markdown-it';\nimport markdownItVstream from 'vstream/markdown-it';\ndeclare const md: MarkdownIt;\nmarkdownItVstream(md, { theme: 'blue' });\n"
        );
        const tsc = (files: string[]) =>
            run(
                process.execPath,
                [
                    resolve(root, 'node_modules/typescript/bin/tsc'),
                    '--noEmit',
                    '--strict',
                    '--module',
                    'nodenext',
                    '--types',
                    'markdown-it',
                    ...files
                ],
                project
            );
        const typed = tsc(['consumer.mts', 'consumer.cts']);
        expect(typed.stdout + typed.stderr).toBe('');
        expect(typed.status).toBe(0);
        // And the declarations say something: a wrong theme fails.
        expect(tsc(['wrong.mts']).stdout).toContain('Type \'"blue"\' is not assignable');
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

    it('says in one line how to add DuckDB when measuring without it, and fails', () => {
        const measured = run(
            vstream,
            ['measure', 'support-ticket.vstream', '--events', 'tracker/support-ticket-events.csv'],
            join(work, 'maps')
        );
        expect(measured.status).toBe(2);
        expect(measured.stdout).toBe('');
        expect(measured.stderr).toMatch(
            /^vstream: measuring needs DuckDB, which is not installed: npm install @duckdb\/node-api .*\n$/
        );
        expect(measured.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('serves the language server with vstream lsp', async () => {
        const session = new ServerSession(['lsp'], vstream);
        await session.initialize(pathToFileURL(join(work, 'maps')).toString());
        const uri = pathToFileURL(join(work, 'maps', 'new-hire.vstream')).toString();
        await session.open(uri, readFileSync(join(work, 'maps', 'new-hire.vstream'), 'utf8'));
        expect(await session.stop()).toBe(0);
    });
});
