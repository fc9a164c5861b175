// Bundles every runtime of vstream, one entry each: `node esbuild.js [--watch] [--bench] [--fuzz] [--e2e]`.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');
const e2e = process.argv.includes('--e2e');
const fuzz = process.argv.includes('--fuzz');

/**
 * The library and its docs-site plugins (package.json `exports`): CommonJS and ES modules, as
 * their ecosystems load them (remark's is ESM only). An ES module bundle gets a `require` for
 * the CommonJS packages inside it.
 * @returns {import('esbuild').BuildOptions[]}
 */
function libraryBundles() {
    const esm = {
        format: 'esm',
        banner: {
            js: "import { createRequire as __vstreamRequire } from 'node:module'; const require = __vstreamRequire(import.meta.url);"
        }
    };
    return [
        { entryPoints: ['src/lib/index.ts'], outfile: 'out/lib/index.cjs', platform: 'node', format: 'cjs' },
        { entryPoints: ['src/lib/index.ts'], outfile: 'out/lib/index.mjs', platform: 'node', ...esm },
        {
            entryPoints: ['src/lib/markdown-it.ts'],
            outfile: 'out/lib/markdown-it.cjs',
            platform: 'node',
            format: 'cjs'
        },
        { entryPoints: ['src/lib/markdown-it.ts'], outfile: 'out/lib/markdown-it.mjs', platform: 'node', ...esm },
        { entryPoints: ['src/lib/remark.ts'], outfile: 'out/lib/remark.mjs', platform: 'node', ...esm }
    ];
}

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
    {
        // The `vstream` command.
        entryPoints: ['src/cli/main.ts'],
        outfile: 'out/cli/main.cjs',
        platform: 'node',
        format: 'cjs',
        banner: { js: '#!/usr/bin/env node' },
        // DuckDB's native binding is per platform: a package of its own, loaded only when measuring.
        // HarfBuzz (harfbuzzjs, an ES module with top-level await and its .wasm) draws text as outlines.
        external: ['@duckdb/node-api', 'harfbuzzjs']
    },
    {
        // The CLI's PNG renderer, a process of its own (a resvg panic aborts its process); the native renderer stays a package.
        entryPoints: ['src/cli/rasterize.ts'],
        outfile: 'out/cli/rasterize.cjs',
        platform: 'node',
        format: 'cjs',
        external: ['@resvg/resvg-js']
    },
    {
        // The GitHub Action's step (action.yml), which runs the command above.
        entryPoints: ['src/action/action.ts'],
        outfile: 'out/action/action.cjs',
        platform: 'node',
        format: 'cjs'
    },
    ...libraryBundles(),
    {
        // The desktop extension, loaded by VS Code's extension host.
        entryPoints: ['src/extension/extension.ts'],
        outfile: 'out/extension/extension.cjs',
        platform: 'node',
        format: 'cjs',
        external: ['vscode']
    },
    {
        // The web extension (VS Code for the web).
        entryPoints: ['src/extension/extension-browser.ts'],
        outfile: 'out/extension/extension-browser.cjs',
        platform: 'browser',
        format: 'cjs',
        external: ['vscode']
    },
    {
        // The preview page's script, run inside the webview.
        entryPoints: ['src/webview/preview.ts'],
        outfile: 'out/webview/preview.js',
        platform: 'browser',
        format: 'iife'
    },
    {
        // Zoom and pan for the maps in VS Code's Markdown preview (package.json markdown.previewScripts).
        entryPoints: ['src/webview/markdown-preview.ts'],
        outfile: 'out/webview/markdown-preview.js',
        platform: 'browser',
        format: 'iife'
    },
    {
        // The language server as a Node process.
        entryPoints: ['src/language/main.ts'],
        outfile: 'out/language/main.cjs',
        platform: 'node',
        format: 'cjs',
        // Found where the platform's extension package put it (scripts/package-extension.js), else measuring says it cannot.
        external: ['@duckdb/node-api']
    },
    {
        // The language server in a Web Worker.
        entryPoints: ['src/language/main-browser.ts'],
        outfile: 'out/language/main-browser.js',
        platform: 'browser',
        format: 'iife'
    },
    ...(bench
        ? [
              {
                  // `npm run bench`; built only on demand.
                  entryPoints: ['test/bench/bench.ts'],
                  outfile: 'out/bench/bench.cjs',
                  platform: 'node',
                  format: 'cjs',
                  external: ['playwright-core', '@duckdb/node-api'],
                  // Functions it hands to the browser are sent as their source: keep them as written.
                  minify: false
              }
          ]
        : []),
    ...(fuzz
        ? [
              {
                  // `npm run fuzz`; built only on demand.
                  entryPoints: ['test/robustness/fuzz.ts'],
                  outfile: 'out/fuzz/fuzz.cjs',
                  platform: 'node',
                  format: 'cjs',
                  // A failure's stack trace names our functions.
                  minify: false
              }
          ]
        : []),
    ...(e2e
        ? [
              {
                  // The checks that run inside a real editor's extension host, and their @vscode/test-electron launcher.
                  entryPoints: ['test/e2e/suite/extension-checks.ts'],
                  outfile: 'out/e2e/extension-checks.cjs',
                  platform: 'node',
                  format: 'cjs',
                  external: ['vscode']
              },
              {
                  entryPoints: ['test/e2e/suite/checks-extension.ts'],
                  outfile: 'out/e2e/checks-extension/extension.cjs',
                  platform: 'node',
                  format: 'cjs',
                  external: ['vscode']
              },
              {
                  entryPoints: ['test/e2e/scenarios.ts'],
                  outfile: 'out/e2e/scenarios.cjs',
                  platform: 'node',
                  format: 'cjs',
                  external: ['playwright-core'],
                  minify: false
              },
              {
                  entryPoints: ['test/e2e/start-editor.ts'],
                  outfile: 'out/e2e/start-editor.cjs',
                  platform: 'node',
                  format: 'cjs'
              },
              {
                  entryPoints: ['test/e2e/run-electron.ts'],
                  outfile: 'out/e2e/run-electron.cjs',
                  platform: 'node',
                  format: 'cjs'
              }
          ]
        : [])
];

const shared = {
    bundle: true,
    target: 'es2022',
    sourcemap: true,
    minify: !watch,
    logLevel: 'warning'
};

/** The font PNGs are drawn with (SIL Open Font License, its text beside it): Inter Regular and SemiBold. */
function copyFonts() {
    const from = 'node_modules/@expo-google-fonts/inter';
    mkdirSync('out/fonts', { recursive: true });
    copyFileSync(`${from}/400Regular/Inter_400Regular.ttf`, 'out/fonts/Inter-Regular.ttf');
    copyFileSync(`${from}/600SemiBold/Inter_600SemiBold.ttf`, 'out/fonts/Inter-SemiBold.ttf');
    copyFileSync(`${from}/LICENSE_FONT`, 'out/fonts/LICENSE_FONT');
}

copyFonts();
if (watch) {
    for (const bundle of bundles) {
        const context = await esbuild.context({ ...shared, ...bundle });
        await context.watch();
    }
    console.log('esbuild: watching for changes');
} else {
    await Promise.all(bundles.map(bundle => esbuild.build({ ...shared, ...bundle })));
}
