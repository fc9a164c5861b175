// Bundles every runtime of vstream, one entry each: `node esbuild.js [--watch] [--bench] [--fuzz] [--e2e]`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');
const e2e = process.argv.includes('--e2e');
const fuzz = process.argv.includes('--fuzz');

/**
 * The npm package carries the language and the picture once, in out/cli/vstream.cjs: the
 * library's entries and the `vstream` command are small files that require it (written by
 * writePackageEntries). It sits beside the command's PNG renderer and one folder below
 * out/fonts, where the command looks for them. The command's own modules are loaded only when
 * it runs.
 */
const packageBundle = {
    stdin: {
        contents: [
            "import './src/runtime-support.ts';",
            "export const renderMap = (...args) => require('./src/lib/index.ts').renderMap(...args);",
            "export const markdownItVstream = (...args) => require('./src/lib/markdown-it.ts').default(...args);",
            "export const remarkVstream = (...args) => require('./src/lib/remark.ts').default(...args);",
            "export const runCommand = () => import('./src/cli/main.ts');"
        ].join('\n'),
        resolveDir: '.',
        sourcefile: 'vstream-package.js',
        loader: 'js'
    },
    outfile: 'out/cli/vstream.cjs',
    platform: 'node',
    format: 'cjs'
};

/**
 * The library's entries (package.json `exports`), each in CommonJS and as an ES module, as
 * their ecosystems load them: what the package bundle exports, under the entry's names. A
 * plugin's CommonJS entry is the plugin itself (`md.use(require('vstream/markdown-it'))`),
 * with `.default` for code compiled from ES modules.
 */
const LIBRARY_ENTRIES = [
    { entry: 'index', named: ['renderMap'] },
    { entry: 'markdown-it', plugin: 'markdownItVstream' },
    { entry: 'remark', plugin: 'remarkVstream' }
];

const PACKAGE_BUNDLE = '../cli/vstream.cjs';

function writePackageEntries() {
    mkdirSync('out/lib', { recursive: true });
    mkdirSync('out/cli', { recursive: true });
    // The command: with Node's compile cache (Node 22.1 on), which starts it as fast as a bundle of its own.
    writeFileSync(
        'out/cli/main.cjs',
        [
            '#!/usr/bin/env node',
            "'use strict';",
            "require('node:module').enableCompileCache?.();",
            "void require('./vstream.cjs').runCommand();",
            ''
        ].join('\n'),
        { mode: 0o755 }
    );
    for (const { entry, named, plugin } of LIBRARY_ENTRIES) {
        const [cjs, esm] = plugin
            ? [
                  `const { ${plugin} } = require('${PACKAGE_BUNDLE}');\nmodule.exports = ${plugin};\nmodule.exports.default = ${plugin};\n`,
                  `import vstream from '${PACKAGE_BUNDLE}';\nexport default vstream.${plugin};\n`
              ]
            : [
                  `const { ${named.join(', ')} } = require('${PACKAGE_BUNDLE}');\nmodule.exports = { ${named.join(', ')} };\n`,
                  `import vstream from '${PACKAGE_BUNDLE}';\nexport const { ${named.join(', ')} } = vstream;\n`
              ];
        writeFileSync(`out/lib/${entry}.cjs`, `'use strict';\n${cjs}`);
        writeFileSync(`out/lib/${entry}.mjs`, esm);
        writeDeclarations(entry, plugin);
    }
}

/**
 * Each entry's type declarations, from its source by the TypeScript compiler: `.d.mts` for the
 * ES module, `.d.cts` for CommonJS, where a plugin is the module itself (`export =`). They
 * stand alone: an entry's public types are declared in it, so no declaration of the package's
 * internals ships.
 */
function writeDeclarations(entry, plugin) {
    const fileName = `src/lib/${entry}.ts`;
    const { outputText, diagnostics } = ts.transpileDeclaration(readFileSync(fileName, 'utf8'), {
        fileName,
        compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
        reportDiagnostics: true
    });
    const relative = outputText.match(/^import .*['"]\.\.?\/.*$/m);
    if (diagnostics?.length || relative) {
        const problem = relative?.[0] ?? ts.flattenDiagnosticMessageText(diagnostics[0].messageText, ' ');
        throw new Error(`${fileName}: its declarations do not stand alone: ${problem}`);
    }
    writeFileSync(`out/lib/${entry}.d.mts`, outputText);
    writeFileSync(`out/lib/${entry}.d.cts`, plugin ? pluginDeclarations(entry, plugin, outputText) : outputText);
}

/**
 * A plugin's CommonJS declarations, made from its ES module's: the function is the module
 * (`export =`), its `.default` and the entry's types hang on it. They are declared again rather
 * than imported from the ES module's, so that the types they use (markdown-it's) are the
 * CommonJS ones the consumer has.
 */
function pluginDeclarations(entry, plugin, esmDeclarations) {
    const exported = /^export (?:declare )?(interface|type) (\w+)/gm;
    const types = [...esmDeclarations.matchAll(exported)].map(([, , name]) => name);
    const declarations = esmDeclarations
        .replace(exported, '$1 $2')
        .replace(`export default function ${plugin}(`, `declare function ${plugin}(`);
    if (/^export /m.test(declarations)) {
        throw new Error(`src/lib/${entry}.ts: only its plugin and its types can be exported`);
    }
    return `${declarations}declare namespace ${plugin} {\n    export { ${[...types, `${plugin} as default`].join(', ')} };\n}\nexport = ${plugin};\n`;
}

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
    {
        // The package's one bundle: the `vstream` command and the library share the language and the picture.
        ...packageBundle,
        // DuckDB's binding is per platform: a package of its own, loaded only when measuring.
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
writePackageEntries();
if (watch) {
    for (const bundle of bundles) {
        const context = await esbuild.context({ ...shared, ...bundle });
        await context.watch();
    }
    console.log('esbuild: watching for changes');
} else {
    await Promise.all(bundles.map(bundle => esbuild.build({ ...shared, ...bundle })));
}
