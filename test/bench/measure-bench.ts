/**
 * How `vstream measure` scales: support-ticket status histories of 2 and 10 million rows (CSV
 * in a temp folder, written by scripts/generate-tracker-export.ts in a process of its own, so
 * that this one holds nothing but the measurement), each measured once against the
 * support-ticket map, timing it and sampling the process's memory while it runs. Needs a Node
 * that runs TypeScript as it is (22.18 or later; `npm run` brings 24).
 *
 * Targets: 2 M rows within 30 s, 10 M within 2.5 minutes, peak memory under 1.5 GiB, time
 * growing linearly with the rows. Run it on its own with
 *
 *     npx esbuild test/bench/measure-bench.ts --bundle --platform=node --format=cjs \
 *         --external:@duckdb/node-api --outfile=out/bench/measure-bench.cjs && node out/bench/measure-bench.cjs
 *
 * `npm run bench` measures 2 and 10 million rows with the rest; `npm run bench -- --quick`, 200,000.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from '../../src/measure/measure.js';
import { SUPPORT_TICKET_MAP } from '../measure/support-ticket-map.js';

const MIB = 1024 * 1024;
const TARGETS = { secondsFor2M: 30, secondsFor10M: 150, peakMiB: 1536, growth: 1.5 };
const RSS_SAMPLE_MS = 50;

export interface MeasureBenchFigures {
    rows: number;
    fileMiB: number;
    generateSeconds: number;
    measureSeconds: number;
    /** Of which reading the history: splitting the CSV, reading its rows and times, finding the unreadable ones. */
    readingSeconds: number;
    /** The largest resident set sampled while `measure` ran. */
    peakRssMiB: number;
    /** The process's peak resident set so far (Linux' VmHWM), null elsewhere. */
    highWaterMiB: number | null;
}

/** The bench runs bundled from out/bench/. */
const GENERATOR = resolve(__dirname, '../../scripts/generate-tracker-export.ts');

function highWaterMiB(): number | null {
    try {
        const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
        return line ? Number(line[1]) / 1024 : null;
    } catch {
        return null;
    }
}

async function benchOne(folder: string, rows: number): Promise<MeasureBenchFigures> {
    const path = join(folder, `history-${rows}.csv`);
    let start = performance.now();
    execFileSync(process.execPath, [GENERATOR, '--rows', String(rows), '--out', path], { stdio: 'inherit' });
    const generateSeconds = (performance.now() - start) / 1000;
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, RSS_SAMPLE_MS);
    start = performance.now();
    // Each query reports its phase at 100% as it ends: the last report of reading is its end.
    let readingMs = 0;
    try {
        const report = await measure(SUPPORT_TICKET_MAP, {
            events: [path],
            calendar: 'workweek',
            onProgress: progress => {
                if (progress.phase === 'reading') {
                    readingMs = progress.elapsedMs;
                }
            }
        });
        if (report.rowsRead !== rows) {
            throw new Error(`measured ${report.rowsRead} rows of ${rows}`);
        }
    } finally {
        clearInterval(sampler);
    }
    const measureSeconds = (performance.now() - start) / 1000;
    const fileMiB = statSync(path).size / MIB;
    rmSync(path);
    return {
        rows,
        fileMiB,
        generateSeconds,
        measureSeconds,
        readingSeconds: readingMs / 1000,
        peakRssMiB: peakRss / MIB,
        highWaterMiB: highWaterMiB()
    };
}

/** Measures each size in turn (smallest first), printing a line per size. */
export async function benchMeasure(sizes = [2_000_000, 10_000_000]): Promise<MeasureBenchFigures[]> {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-measure-bench-'));
    const figures: MeasureBenchFigures[] = [];
    try {
        for (const rows of sizes) {
            const result = await benchOne(folder, rows);
            figures.push(result);
            console.log(
                `measure ${rows.toLocaleString('en-US')} rows (${result.fileMiB.toFixed(0)} MiB CSV, generated in ${result.generateSeconds.toFixed(1)} s): ` +
                    `${result.measureSeconds.toFixed(1)} s (reading ${result.readingSeconds.toFixed(1)} s), ${((result.measureSeconds / rows) * 1e6).toFixed(2)} s per M rows, ` +
                    `peak RSS ${result.peakRssMiB.toFixed(0)} MiB (VmHWM ${result.highWaterMiB?.toFixed(0) ?? '—'} MiB)`
            );
        }
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
    return figures;
}

/** The targets as the bench's table shows them: [target, met (undefined when not in this run), figure]. */
export function measureTargets(figures: MeasureBenchFigures[]): Array<[string, boolean | undefined, string]> {
    const at = (rows: number) => figures.find(figure => figure.rows === rows);
    const seconds = (figure: MeasureBenchFigures | undefined) =>
        figure ? `${figure.measureSeconds.toFixed(1)} s` : '—';
    const two = at(2_000_000);
    const ten = at(10_000_000);
    const peak = Math.max(...figures.map(figure => figure.peakRssMiB));
    const growth = two && ten ? ten.measureSeconds / ten.rows / (two.measureSeconds / two.rows) : undefined;
    return [
        [
            `measure 2 M rows within ${TARGETS.secondsFor2M} s`,
            two && two.measureSeconds <= TARGETS.secondsFor2M,
            seconds(two)
        ],
        [
            `measure 10 M rows within ${TARGETS.secondsFor10M} s`,
            ten && ten.measureSeconds <= TARGETS.secondsFor10M,
            seconds(ten)
        ],
        [`measuring's peak memory under ${TARGETS.peakMiB} MiB`, peak < TARGETS.peakMiB, `${peak.toFixed(0)} MiB`],
        [
            `measuring in linear time (time per row at 10 M within ${TARGETS.growth}× of 2 M)`,
            growth === undefined ? undefined : growth <= TARGETS.growth,
            growth === undefined ? '—' : `${growth.toFixed(2)}×`
        ]
    ];
}

if (process.argv[1]?.endsWith('measure-bench.cjs')) {
    const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);
    void benchMeasure(sizes.length > 0 ? sizes : undefined).then(figures => {
        for (const [target, met, figure] of measureTargets(figures)) {
            console.log(`${met === undefined ? '–' : met ? '✓' : '✗'} ${target}: ${figure}`);
        }
    });
}
