/**
 * `npm run bench`: how the language core scales. For generated streams of growing size it prints
 * medians of several runs for parsing alone, the full build (parse, link, validate — with the
 * analysis the validator needs) and the ratio of the two; and the wall time of `vstream check`.
 * Figures are for comparing within one run on one machine, not absolute promises.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmptyFileSystem, URI } from 'langium';
import type { Document } from '../../src/language/generated/ast.js';
import { createVstreamCoreServices } from '../../src/language/vstream-module.js';
import { layoutStream, renderSvg } from '../../src/diagram/index.js';
import { elkLayout } from './elk-comparison.js';
import { generateStream } from './generate-stream.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100, 1000] : [100, 1000, 5000, 20000];
const RUNS = quick ? 1 : 5;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function timeBuild(text: string, phase: 'parse' | 'full'): Promise<number> {
    const { shared } = createVstreamCoreServices(EmptyFileSystem);
    const start = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///bench.vstream'));
    if (phase === 'full') {
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
    }
    return performance.now() - start;
}

function timeCli(text: string, steps: number): number {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-bench-'));
    const file = join(folder, `generated-${steps}.vstream`);
    writeFileSync(file, text);
    const cli = resolve(__dirname, '../cli/main.cjs');
    const start = performance.now();
    try {
        execFileSync(process.execPath, [cli, 'check', file], { stdio: 'ignore' });
    } catch {
        // `check` exits 1 on errors; the time is what counts here.
    }
    return performance.now() - start;
}

const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(10);

/** Analysis, layout and SVG of the stream in `text`, and ELK's layered layout of the same graph. */
async function timeDiagram(text: string, withElk: boolean): Promise<{ analysis: number; layout: number; svg: number; elk?: number }> {
    const { shared, Vstream } = createVstreamCoreServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse('memory:///diagram.vstream'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    const stream = document.parseResult.value.elements.find(element => element.$type === 'Stream')!;
    let start = performance.now();
    const model = Vstream.analysis.StreamModels.get(stream as never);
    const analysis = performance.now() - start;
    start = performance.now();
    const layout = layoutStream(model);
    const layoutTime = performance.now() - start;
    start = performance.now();
    renderSvg([layout], { palette: 'light' });
    const svg = performance.now() - start;
    if (!withElk) {
        return { analysis, layout: layoutTime, svg };
    }
    start = performance.now();
    await elkLayout(model);
    return { analysis, layout: layoutTime, svg, elk: performance.now() - start };
}

async function main(): Promise<void> {
    console.log(`vstream bench: medians of ${RUNS} run${RUNS === 1 ? '' : 's'}, Node ${process.version}`);
    console.log(['steps'.padStart(7), 'parse only'.padStart(10), 'full build'.padStart(10), 'ratio'.padStart(7), 'vstream check'.padStart(14)].join('  '));
    for (const steps of SIZES) {
        const text = generateStream(steps);
        const parse: number[] = [], full: number[] = [];
        for (let run = 0; run < RUNS; run++) {
            parse.push(await timeBuild(text, 'parse'));
            full.push(await timeBuild(text, 'full'));
        }
        const cli = timeCli(text, steps);
        const ratio = median(full) / median(parse);
        console.log([String(steps).padStart(7), ms(median(parse)), ms(median(full)), `${ratio.toFixed(2)}×`.padStart(7), ms(cli).padStart(14)].join('  '));
    }
    console.log('\nDiagram: analysis, vstream layout, SVG, and ELK layered on the same graph (without lanes)');
    console.log(['steps'.padStart(7), 'analysis'.padStart(10), 'layout'.padStart(10), 'SVG'.padStart(10), 'ELK layered'.padStart(12), 'ELK / ours'.padStart(11)].join('  '));
    for (const steps of SIZES.filter(size => size <= 5000)) {
        const runs: Array<Awaited<ReturnType<typeof timeDiagram>>> = [];
        for (let run = 0; run < RUNS; run++) {
            runs.push(await timeDiagram(generateStream(steps), steps <= 1000));
        }
        const layout = median(runs.map(run => run.layout));
        const elk = runs[0].elk === undefined ? undefined : median(runs.map(run => run.elk!));
        console.log([String(steps).padStart(7), ms(median(runs.map(run => run.analysis))), ms(layout), ms(median(runs.map(run => run.svg))),
            (elk === undefined ? 'skipped' : ms(elk)).padStart(12), (elk === undefined ? '' : `${(elk / layout).toFixed(0)}×`).padStart(11)].join('  '));
    }
}

void main();
