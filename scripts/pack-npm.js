#!/usr/bin/env node
/**
 * The npm package of the command and the library, packed from the last build:
 *
 *   npm run build && npm run pack:npm -- [--out FOLDER]     (prints the tarball's path)
 *
 * package.json is also the VS Code extension's manifest, whose `main` (the extension's bundle),
 * `browser`, `contributes` and scripts mean nothing to npm, or worse: `main` would name a file
 * the npm package does not hold. So the package is staged in a folder of its own, with a
 * manifest made from this one (what npm reads, `main` the library's CommonJS entry) and the
 * built files the command and the library run (out/, but for the editor's bundles and the
 * source maps), and packed from there by `npm pack`. `npm pack` in the repository itself is
 * refused (the `prepack` script): its tarball would be the wrong package. Publish the tarball:
 * `npm publish vstream-X.Y.Z.tgz`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What npm reads of the manifest; the rest is the extension's. */
const NPM_FIELDS = [
    'name',
    'description',
    'version',
    'license',
    'repository',
    'keywords',
    'type',
    'bin',
    'exports',
    'dependencies',
    'peerDependencies',
    'peerDependenciesMeta'
];

/** Folders of out/ that only the editor runs (or only the repository's own tools). */
const EDITOR_ONLY = new Set(['extension', 'language', 'webview', 'bench', 'fuzz', 'e2e']);

/** The files at the top of the package beside out/ (npm adds package.json, README and LICENSE by itself). */
const TOP_FILES = ['README.md', 'LICENSE', 'CHANGELOG.md'];

function option(name) {
    const index = process.argv.indexOf(name);
    return index < 0 ? undefined : process.argv[index + 1];
}

/** The npm package's manifest: `main` and `types` are the library's CommonJS entry, `engines` Node's alone. */
export function npmManifest(manifest) {
    const picked = Object.fromEntries(
        NPM_FIELDS.filter(field => field in manifest).map(field => [field, manifest[field]])
    );
    const library = manifest.exports['.'].require;
    return {
        ...picked,
        main: library.default,
        types: library.types,
        engines: { node: manifest.engines.node }
    };
}

function stage(folder) {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(join(folder, 'package.json'), `${JSON.stringify(npmManifest(manifest), null, 2)}\n`);
    for (const file of TOP_FILES) {
        cpSync(join(root, file), join(folder, file));
    }
    cpSync(join(root, 'out'), join(folder, 'out'), {
        recursive: true,
        filter: source => {
            const [top] = source.slice(join(root, 'out').length + 1).split(/[\\/]/);
            return !EDITOR_ONLY.has(top) && !source.endsWith('.map');
        }
    });
}

function main() {
    if (!existsSync(join(root, 'out/cli/vstream.cjs'))) {
        process.stderr.write('pack-npm: build first: npm run build\n');
        process.exit(2);
    }
    const destination = resolve(option('--out') ?? root);
    const folder = mkdtempSync(join(tmpdir(), 'vstream-npm-'));
    try {
        stage(folder);
        const packed = execFileSync('npm', ['pack', folder, '--pack-destination', destination, '--json'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit']
        });
        const [{ filename }] = JSON.parse(packed);
        process.stdout.write(`${join(destination, filename)}\n`);
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    main();
}
