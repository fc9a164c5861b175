/**
 * `npm run bench` (add `-- --quick` for a small run): how vstream scales, on generated streams
 * of 100 to 20,000 steps. Prints medians of several runs, the ratios that matter and whether
 * each performance target holds. Figures compare within one run on one machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import type { Browser } from 'playwright-core';
import { buildStreamModel } from '../../src/analysis/build-model.js';
import type { StreamModel } from '../../src/analysis/stream-model.js';
import { layoutStream, renderSvg } from '../../src/diagram/index.js';
import { isStream, type Document } from '../../src/language/generated/ast.js';
import { createVstreamCoreServices } from '../../src/language/vstream-module.js';
import { launchChromium } from '../e2e/chromium.js';
import { elkLayout } from './elk-comparison.js';
import { backtestTargets, benchBacktests, benchServiceNow } from './backtest-bench.js';
import { benchMeasure, measureTargets } from './measure-bench.js';
import { benchForecast, FORECAST_TARGETS } from './forecast-bench.js';
import { benchInstall, installTarget } from './install-bench.js';
import { generateStream } from './generate-stream.js';
import { timeMermaid } from './mermaid-comparison.js';
import { ServerSession } from '../server-session.js';
import { PreviewMessages, SERVER_NODE_FLAGS, type PreviewUpdate } from '../../src/protocol.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100, 1000] : [100, 1000, 5000, 20000];
const runsFor = (steps: number) => (quick ? 1 : steps >= 20000 ? 3 : 5);

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

const ms = (value: number | undefined) =>
    value === undefined
        ? '—'
        : value >= 10_000
          ? `${(value / 1000).toFixed(1)} s`
          : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const column = (text: string, width: number) => text.padStart(width);

function table(headings: string[], rows: string[][]): void {
    const widths = headings.map(
        (heading, index) => Math.max(heading.length, ...rows.map(row => row[index].length)) + 2
    );
    console.log(headings.map((heading, index) => column(heading, widths[index])).join(''));
    rows.forEach(row => console.log(row.map((cell, index) => column(cell, widths[index])).join('')));
}

interface SizeFigures {
    steps: number;
    parse: number;
    full: number;
    analysis: number;
    layout: number;
    svg: number;
    check?: number;
    model: StreamModel;
}

async function measureSize(steps: number): Promise<SizeFigures> {
    const text = generateStream(steps);
    const figures = {
        parse: [] as number[],
        full: [] as number[],
        analysis: [] as number[],
        layout: [] as number[],
        svg: [] as number[]
    };
    let model: StreamModel | undefined;
    for (let run = 0; run < runsFor(steps); run++) {
        const parsing = createVstreamCoreServices(EmptyFileSystem);
        let start = performance.now();
        parsing.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///parse.vstream'));
        figures.parse.push(performance.now() - start);

        const { shared } = createVstreamCoreServices(EmptyFileSystem);
        start = performance.now();
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(
            text,
            URI.parse('memory:///full.vstream')
        );
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        figures.full.push(performance.now() - start);

        // The validator analysed the stream already; analysis alone is timed on a fresh model.
        const stream = document.parseResult.value.elements.find(isStream)!;
        start = performance.now();
        model = buildStreamModel(stream);
        figures.analysis.push(performance.now() - start);
        start = performance.now();
        const layout = layoutStream(model);
        figures.layout.push(performance.now() - start);
        start = performance.now();
        renderSvg([layout], { palette: 'light' });
        figures.svg.push(performance.now() - start);
    }
    return {
        steps,
        parse: median(figures.parse),
        full: median(figures.full),
        analysis: median(figures.analysis),
        layout: median(figures.layout),
        svg: median(figures.svg),
        model: model!
    };
}

function timeCheck(steps: number): number {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-bench-'));
    const file = join(folder, `generated-${steps}.vstream`);
    writeFileSync(file, generateStream(steps));
    const start = performance.now();
    try {
        execFileSync(process.execPath, [resolve(__dirname, '../cli/main.cjs'), 'check', file], { stdio: 'ignore' });
    } catch {
        // `check` exits 1 on errors; only the time counts here.
    }
    return performance.now() - start;
}

// The first edits after opening also pay for compiling the server's hot code (the very first
// takes about twice as long); they are reported on their own, the target reads typing past them.
const WARM_UP_EDITS = 10;
const MEASURED_EDITS = quick ? 6 : 20;

/** One character typed into a 1,000-step document, until the server publishes its new diagnostics. */
/**
 * Keystrokes until their diagnostics. `withPreview`: the map has ranges and rework and its
 * preview is open, so that every build also draws it and starts its forecast (10,000 trials,
 * the waits worth halving), which the next keystroke aborts: the forecast must not slow them.
 */
async function editLatency(withPreview = false): Promise<{ warmUp: number[]; latencies: number[] }> {
    const session = serverAsTheEditorRunsIt();
    try {
        await session.initialize();
        const uri = 'file:///bench/edit.vstream';
        const text = generateStream(1000, 12, { ranges: withPreview });
        await session.open(uri, text);
        if (withPreview) {
            await session.notify(PreviewMessages.open, { uri });
        }
        // Deleting the unit of one duration adds `invalid-duration`; typing it back removes it.
        const target = 'process 3h';
        const offset = text.indexOf(target) + target.length - 1;
        const line = text.slice(0, offset).split('\n').length - 1;
        const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
        const latencies: number[] = [];
        for (let edit = 0; edit < WARM_UP_EDITS + MEASURED_EDITS; edit++) {
            const breaking = edit % 2 === 0;
            const change = breaking
                ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }
                : { range: { start: { line, character }, end: { line, character } }, text: 'h' };
            const start = performance.now();
            await session.change(
                uri,
                edit + 2,
                change,
                published =>
                    published.diagnostics.some(diagnostic => diagnostic.code === 'invalid-duration') === breaking
            );
            latencies.push(performance.now() - start);
        }
        return { warmUp: latencies.slice(0, WARM_UP_EDITS), latencies: latencies.slice(WARM_UP_EDITS) };
    } finally {
        await session.stop();
    }
}

/**
 * A digit typed into a figure of a document with its preview open, and taken back, until the
 * server sends the change of the picture: the server's share of keystroke → map (the e2e run
 * times the whole path, the editor and the page included).
 */
async function previewLatency(steps: number): Promise<number[]> {
    const session = serverAsTheEditorRunsIt();
    try {
        await session.initialize();
        const uri = `file:///bench/preview-${steps}.vstream`;
        const text = generateStream(steps);
        await session.open(uri, text);
        let arrived: (update: PreviewUpdate) => void = () => undefined;
        session.onNotification(PreviewMessages.update, update => arrived(update));
        const first = new Promise(resolve => (arrived = resolve));
        await session.notify(PreviewMessages.open, { uri });
        await first;
        const lines = text.split('\n');
        const line = lines.findIndex(candidate => candidate.includes('step s12 '));
        const character = lines[line].indexOf('process 5h') + 'process 5'.length;
        const latencies: number[] = [];
        for (let edit = 0; edit < WARM_UP_EDITS + MEASURED_EDITS; edit++) {
            const typing = edit % 2 === 0;
            const range = { start: { line, character }, end: { line, character: character + (typing ? 0 : 1) } };
            const version = edit + 2;
            const shown = new Promise<void>(resolve => {
                arrived = update => update.version === version && resolve();
            });
            const start = performance.now();
            await session.notify('textDocument/didChange', {
                textDocument: { uri, version },
                contentChanges: [{ range, text: typing ? '1' : '' }]
            });
            await shown;
            latencies.push(performance.now() - start);
        }
        return latencies.slice(WARM_UP_EDITS);
    } finally {
        await session.stop();
    }
}

/** The built server in its own process, with the flags the extension gives it. */
function serverAsTheEditorRunsIt(): ServerSession {
    return new ServerSession([...SERVER_NODE_FLAGS, resolve(__dirname, '../language/main.cjs'), '--stdio']);
}

async function serverPeakMemory(steps: number): Promise<number> {
    const session = serverAsTheEditorRunsIt();
    try {
        await session.initialize();
        await session.open('file:///bench/memory.vstream', generateStream(steps));
        return session.peakMemoryMiB();
    } finally {
        await session.stop();
    }
}

/** Frame time after zoom and scroll changes of a page holding the map, done as the preview does them (a CSS transform of the SVG's holder for zoom). */
async function panZoomFrames(browser: Browser, model: StreamModel): Promise<{ zoom: number; scroll: number }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
        await page.setContent(
            `<div id="viewport" style="width:1400px;height:900px;overflow:auto"><div id="map" style="overflow:hidden"><div id="picture" style="transform-origin:0 0;will-change:transform">${renderSvg([layoutStream(model)], { palette: 'light' })}</div></div></div>`
        );
        return await page.evaluate(async () => {
            const frame = () =>
                new Promise<number>(resolveFrame => {
                    const start = performance.now();
                    requestAnimationFrame(() => requestAnimationFrame(() => resolveFrame(performance.now() - start)));
                });
            const viewport = document.getElementById('viewport')!;
            const map = document.getElementById('map')!;
            const picture = document.getElementById('picture')!;
            const svg = viewport.querySelector('svg')!;
            svg.style.display = 'block';
            const width = Number(svg.getAttribute('width')),
                height = Number(svg.getAttribute('height'));
            picture.style.width = `${width}px`;
            picture.style.height = `${height}px`;
            const zoom: number[] = [],
                scroll: number[] = [];
            for (let step = 0; step < 10; step++) {
                const factor = 0.2 + step * 0.1;
                picture.style.transform = `scale(${factor})`;
                map.style.width = `${width * factor}px`;
                map.style.height = `${height * factor}px`;
                zoom.push(await frame());
                viewport.scrollLeft += 700;
                viewport.scrollTop += 300;
                scroll.push(await frame());
            }
            const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
            return { zoom: middle(zoom), scroll: middle(scroll) };
        });
    } finally {
        await page.close();
    }
}

/** The built command end to end, process start to exit: a PNG of a generated map, or a Markdown file of maps. */
function timeCommand(args: (folder: string) => string[], files: Record<string, string>): number {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-bench-'));
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(join(folder, name), text);
    }
    const start = performance.now();
    execFileSync(process.execPath, [resolve(__dirname, '../cli/main.cjs'), ...args(folder)], { stdio: 'ignore' });
    return performance.now() - start;
}

/** A PNG of a generated map at the default scale (a map beyond 16 million pixels is drawn smaller). */
function timePng(steps: number): number {
    return timeCommand(folder => ['render', join(folder, 'map.vstream'), '-o', join(folder, 'map.png')], {
        'map.vstream': generateStream(steps)
    });
}

/**
 * A Markdown file of ten maps of 20 steps each, rendered to Markdown with SVG or PNG images:
 * the median of five runs, and the fastest.
 */
function timeMarkdown(image: 'svg' | 'png'): { median: number; min: number } {
    const fences = Array.from(
        { length: 10 },
        (_, index) => `## Map ${index + 1}\n\n\`\`\`vstream\n${generateStream(20)}\`\`\`\n`
    );
    const runs = Array.from({ length: quick ? 1 : 5 }, () =>
        timeCommand(folder => ['render', join(folder, 'maps.md'), '-o', join(folder, 'out.md'), '--image', image], {
            'maps.md': `# Ten maps\n\n${fences.join('\n')}`
        })
    );
    return { median: median(runs), min: Math.min(...runs) };
}

/** `--keystroke`: the language server's keystroke figures alone (its diagnostics, the picture's change, its peak memory). */
async function keystrokesOnly(): Promise<void> {
    const plain = (await editLatency()).latencies;
    const forecasting = (await editLatency(true)).latencies;
    const previews = { small: await previewLatency(30), large: await previewLatency(1000) };
    const memory = await serverPeakMemory(quick ? 1000 : 20000);
    console.log(
        `Keystroke to diagnostics at 1,000 steps, median of ${plain.length}: ${ms(median(plain))}; with ranges, the preview open and its forecast: ${ms(median(forecasting))}`
    );
    console.log(
        `A digit typed into a figure until the server sends the picture's change: 30 steps median ${ms(median(previews.small))}, 1,000 steps median ${ms(median(previews.large))}`
    );
    console.log(`Language server peak memory with ${quick ? '1,000' : '20,000'} steps open: ${memory.toFixed(0)} MiB`);
}

async function main(): Promise<void> {
    console.log(
        `vstream bench${quick ? ' (quick)' : ''}: Node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; medians of ${quick ? 1 : '5 (3 at 20,000 steps)'} runs\n`
    );
    const sizes: SizeFigures[] = [];
    for (const steps of SIZES) {
        const figures = await measureSize(steps);
        figures.check = timeCheck(steps);
        sizes.push(figures);
    }
    const pictures = {
        png100: timePng(100),
        png1000: timePng(1000),
        markdown: timeMarkdown('svg'),
        markdownPng: timeMarkdown('png')
    };
    const forecasts = await benchForecast(quick);
    console.log('Language core and diagram');
    table(
        ['steps', 'parse only', 'full build', 'full/parse', 'analysis', 'layout', 'SVG', 'vstream check'],
        sizes.map(size => [
            String(size.steps),
            ms(size.parse),
            ms(size.full),
            `${(size.full / size.parse).toFixed(2)}×`,
            ms(size.analysis),
            ms(size.layout),
            ms(size.svg),
            ms(size.check)
        ])
    );

    const { warmUp, latencies } = await editLatency();
    const forecasting = (await editLatency(true)).latencies;
    const previews = { small: await previewLatency(30), large: await previewLatency(1000) };
    const memorySteps = quick ? 1000 : 20000;
    const memory = await serverPeakMemory(memorySteps);
    console.log(
        `\nA keystroke in a 1,000-step document until its new diagnostics: median ${ms(median(latencies))} over ${latencies.length} edits (max ${ms(Math.max(...latencies))}); the ${WARM_UP_EDITS} edits after opening before them: median ${ms(median(warmUp))} (max ${ms(Math.max(...warmUp))})`
    );
    console.log(
        `The same with ranges and the preview open, its forecast running after each build: median ${ms(median(forecasting))} (max ${ms(Math.max(...forecasting))})`
    );
    console.log(
        `A digit typed into a figure until the server sends the picture's change: 30 steps median ${ms(median(previews.small))} (max ${ms(Math.max(...previews.small))}), 1,000 steps median ${ms(median(previews.large))} (max ${ms(Math.max(...previews.large))})`
    );
    console.log(
        `Language server peak memory with a ${memorySteps.toLocaleString('en')}-step document open: ${memory.toFixed(0)} MiB`
    );

    console.log('\nLayout against ELK layered on the same graph (ELK without lanes, which it cannot constrain)');
    const elkRows: string[][] = [];
    for (const size of sizes.filter(candidate => candidate.steps <= 1000)) {
        const start = performance.now();
        await elkLayout(size.model);
        const elk = performance.now() - start;
        elkRows.push([String(size.steps), ms(size.layout), ms(elk), `${(elk / size.layout).toFixed(0)}×`]);
    }
    table(['steps', 'vstream layout', 'ELK layered', 'ELK / vstream'], elkRows);

    const browser = await launchChromium();
    const mermaidRatios = new Map<number, number>();
    let panZoom: { zoom: number; scroll: number } | undefined;
    try {
        const fiveThousand = sizes.find(size => size.steps === 5000);
        panZoom = fiveThousand && (await panZoomFrames(browser, fiveThousand.model));
        console.log(
            '\nAgainst Mermaid in the same headless Chromium (mermaid from npm, limits raised), one row a size as it comes'
        );
        console.log('  steps | vstream layout+SVG | Mermaid render | Mermaid diagram | Mermaid / vstream');
        for (const size of sizes.filter(candidate => !quick || candidate.steps <= 100)) {
            const ours = size.layout + size.svg;
            const timeoutMs = 120_000;
            // A fresh browser for each size: a render that timed out keeps its renderer busy.
            const mermaidBrowser = await launchChromium();
            const result = await timeMermaid(mermaidBrowser, size.model, timeoutMs).finally(() =>
                mermaidBrowser.close()
            );
            // A render that never finishes is at least as slow as the time waited for it.
            mermaidRatios.set(size.steps, (result.milliseconds ?? timeoutMs) / ours);
            const ratio = `${result.milliseconds === undefined ? 'more than ' : ''}${((result.milliseconds ?? timeoutMs) / ours).toFixed(0)}×`;
            console.log(
                `  ${size.steps} | ${ms(ours)} | ${result.milliseconds === undefined ? `fails: ${result.failure}` : ms(result.milliseconds)} | ${result.diagram} | ${ratio}`
            );
            if (result.milliseconds === undefined) {
                console.log('  (larger streams not tried: Mermaid already fails at this size)');
                break;
            }
        }
    } finally {
        await browser.close();
    }
    if (panZoom) {
        console.log(
            `\nThe 5,000-step map in Chromium: median frame after a zoom change ${ms(panZoom.zoom)}, after a scroll ${ms(panZoom.scroll)}`
        );
    }

    const bySteps = (steps: number) => sizes.find(size => size.steps === steps);
    const targets: Array<[string, boolean | undefined, string]> = [
        [
            'full build at most 3× parse only, at every size',
            sizes.every(size => size.full <= 3 * size.parse),
            sizes.map(size => `${(size.full / size.parse).toFixed(2)}×`).join(', ')
        ],
        [
            'vstream check of 20,000 steps within 5 s',
            bySteps(20000) && bySteps(20000)!.check! <= 5000,
            ms(bySteps(20000)?.check)
        ],
        [
            'layout and SVG of 1,000 steps within 0.5 s',
            bySteps(1000) && bySteps(1000)!.layout + bySteps(1000)!.svg <= 500,
            ms(bySteps(1000) && bySteps(1000)!.layout + bySteps(1000)!.svg)
        ],
        [
            'layout and SVG of 5,000 steps within 3 s',
            bySteps(5000) && bySteps(5000)!.layout + bySteps(5000)!.svg <= 3000,
            ms(bySteps(5000) && bySteps(5000)!.layout + bySteps(5000)!.svg)
        ],
        [
            'diagnostics after a keystroke in 1,000 steps within 50 ms (median)',
            median(latencies) <= 50,
            ms(median(latencies))
        ],
        [
            'the same with the preview open and its forecast running, within noise (at most 20% slower)',
            median(forecasting) <= median(latencies) * 1.2,
            `${ms(median(forecasting))} against ${ms(median(latencies))}`
        ],
        [
            "the server's share of keystroke → map within 50 ms at 30 steps and 150 ms at 1,000 (medians; the e2e run times the whole path)",
            median(previews.small) <= 50 && median(previews.large) <= 150,
            `${ms(median(previews.small))} / ${ms(median(previews.large))}`
        ],
        [
            `language server peak memory with ${memorySteps.toLocaleString('en')} steps open under 250 MiB`,
            memory < 250,
            `${memory.toFixed(0)} MiB`
        ],
        [
            'at least 10× faster than Mermaid at 1,000 steps',
            mermaidRatios.has(1000) ? mermaidRatios.get(1000)! >= 10 : undefined,
            mermaidRatios.has(1000) ? `${mermaidRatios.get(1000)!.toFixed(0)}×` : 'not measured'
        ],
        [
            'the preview pans and zooms at 5,000 steps (frames under 100 ms)',
            panZoom && Math.max(panZoom.zoom, panZoom.scroll) < 100,
            panZoom ? `${ms(panZoom.zoom)} / ${ms(panZoom.scroll)}` : 'not measured'
        ]
    ];
    console.log(
        `\nPictures from the command, process start to exit: PNG of 100 steps ${ms(pictures.png100)}, of 1,000 steps ${ms(pictures.png1000)}; a Markdown file with ten maps ${ms(pictures.markdown.median)} with SVG images (fastest ${ms(pictures.markdown.min)}), ${ms(pictures.markdownPng.median)} with PNG (fastest ${ms(pictures.markdownPng.min)})`
    );
    targets.push(
        ['PNG of a 100-step map within 1 s', pictures.png100 <= 1000, ms(pictures.png100)],
        ['PNG of a 1,000-step map within 5 s', pictures.png1000 <= 5000, ms(pictures.png1000)],
        [
            'a Markdown file with ten maps within 2 s with SVG images (median)',
            pictures.markdown.median <= 2000,
            ms(pictures.markdown.median)
        ],
        [
            'a Markdown file with ten maps within 4 s with PNG images (median)',
            pictures.markdownPng.median <= 4000,
            ms(pictures.markdownPng.median)
        ]
    );
    console.log("\nMeasuring a tracker's history (support tickets, CSV) against the support-ticket map");
    targets.push(...measureTargets(await benchMeasure(quick ? [200_000] : [2_000_000, 10_000_000])));
    console.log('\nThe forecast: 10,000 trials of a stream with ranges and rework');
    table(
        ['steps', 'forecast', 'with 5 waits halved', 'ratio'],
        forecasts.map(figures => [
            String(figures.steps),
            ms(figures.forecast),
            ms(figures.withHalvedWaits),
            `${(figures.withHalvedWaits / figures.forecast).toFixed(2)}×`
        ])
    );
    for (const figures of forecasts) {
        const limit = FORECAST_TARGETS.get(figures.steps)!;
        targets.push([
            `10,000 trials of a ${figures.steps.toLocaleString('en')}-step map within ${limit >= 1000 ? `${limit / 1000} s` : ms(limit)}`,
            figures.forecast <= limit,
            ms(figures.forecast)
        ]);
    }
    console.log(
        '\nThe map updated from its history (--update), backtested on generated processes: forecast p50/p85 against the measured'
    );
    targets.push(...backtestTargets(await benchBacktests(quick)), ...(await benchServiceNow()));
    const install = benchInstall(resolve(__dirname, '../..'));
    console.log(
        `\nThe npm package: a ${install.tarballMB.toFixed(2)} MB tarball; installed, ${install.nodeModulesMB.toFixed(1)} MB of node_modules: ${install.packages.map(([name, size]) => `${name} ${size.toFixed(2)} MB`).join(', ')}`
    );
    targets.push(installTarget(install));
    console.log('\nTargets');
    for (const [target, met, measured] of targets) {
        console.log(
            `  ${met === undefined ? '–' : met ? '✓' : '✗'} ${target}: ${measured}${met === undefined ? ' (not in this run)' : ''}`
        );
    }
}

(process.argv.includes('--keystroke') ? keystrokesOnly() : main()).catch(error => {
    console.error(`vstream bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
});
