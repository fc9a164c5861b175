// Bundles every runtime of vstream, one entry each: `node esbuild.js [--watch]`.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
    {
        // The `vstream` command.
        entryPoints: ['src/cli/main.ts'],
        outfile: 'out/cli/main.cjs',
        platform: 'node',
        format: 'cjs',
        banner: { js: '#!/usr/bin/env node' }
    },
    ...(bench ? [{
        // `npm run bench`; built only on demand.
        entryPoints: ['test/bench/bench.ts'],
        outfile: 'out/bench/bench.cjs',
        platform: 'node',
        format: 'cjs'
    }] : [])
];

const shared = {
    bundle: true,
    target: 'es2022',
    sourcemap: true,
    minify: !watch,
    logLevel: 'warning'
};

for (const bundle of bundles) {
    const options = { ...shared, ...bundle };
    if (watch) {
        const context = await esbuild.context(options);
        await context.watch();
    } else {
        await esbuild.build(options);
    }
}
if (watch) {
    console.log('esbuild: watching for changes');
}
