#!/usr/bin/env node
/**
 * The extension for one platform, with DuckDB's native binding for measuring tracker histories:
 *
 *   npm run build && node scripts/package-extension.js --target linux-x64 [--out FILE.vsix]
 *
 * DuckDB's binding is a native library per platform, so a package that measures is built per
 * platform (`vsce package --target`); VS Code's marketplace serves each user the one for their
 * machine. The packages of the binding are staged beside the language server's bundle
 * (out/language/node_modules, where Node finds them from out/language/main.cjs): from
 * node_modules when this machine has them, else fetched from the npm registry at the versions
 * installed here. `npm run package` (no target) packs the universal extension without DuckDB,
 * whose language server then says that measuring needs the platform's package or the CLI.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'out/language/node_modules');

/** vsce's targets and DuckDB's binding for each. */
const BINDING_OF = {
    'linux-x64': 'linux-x64',
    'linux-arm64': 'linux-arm64',
    'alpine-x64': 'linux-x64-musl',
    'alpine-arm64': 'linux-arm64-musl',
    'darwin-x64': 'darwin-x64',
    'darwin-arm64': 'darwin-arm64',
    'win32-x64': 'win32-x64',
    'win32-arm64': 'win32-arm64'
};

function fail(message) {
    process.stderr.write(`package-extension: ${message}\n`);
    process.exit(2);
}

function option(name) {
    const index = process.argv.indexOf(name);
    return index < 0 ? undefined : process.argv[index + 1];
}

function installedVersion(name) {
    const manifest = join(root, 'node_modules', name, 'package.json');
    return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}

/** A package into the stage: the installed copy, or the registry's tarball of the same version. */
function stagePackage(name, version) {
    const target = join(stage, name);
    mkdirSync(dirname(target), { recursive: true });
    if (installedVersion(name) === version) {
        cpSync(join(root, 'node_modules', name), target, { recursive: true });
        return;
    }
    const download = mkdtempSync(join(tmpdir(), 'vstream-package-'));
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', download], {
        encoding: 'utf8'
    }).trim();
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(download, tarball), '-C', target, '--strip-components=1']);
    rmSync(download, { recursive: true, force: true });
}

const target = option('--target');
if (!target || !(target in BINDING_OF)) {
    fail(`--target is one of ${Object.keys(BINDING_OF).join(', ')}`);
}
if (!existsSync(join(root, 'out/language/main.cjs'))) {
    fail('build first: npm run build');
}
const out = resolve(option('--out') ?? join(root, `vstream-${target}.vsix`));
const bindings = installedVersion('@duckdb/node-bindings');
const api = installedVersion('@duckdb/node-api');
const libc = installedVersion('detect-libc');
if (!bindings || !api || !libc) {
    fail('DuckDB is not installed: npm ci');
}

rmSync(stage, { recursive: true, force: true });
try {
    stagePackage('@duckdb/node-api', api);
    stagePackage('@duckdb/node-bindings', bindings);
    stagePackage(`@duckdb/node-bindings-${BINDING_OF[target]}`, bindings);
    stagePackage('detect-libc', libc);
    execFileSync(
        process.execPath,
        [
            join(root, 'node_modules/@vscode/vsce/vsce'),
            'package',
            '--target',
            target,
            '--no-dependencies',
            '--no-rewrite-relative-links',
            '--out',
            out
        ],
        { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }
    );
} finally {
    rmSync(stage, { recursive: true, force: true });
}
