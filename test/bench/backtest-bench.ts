/**
 * Does the map agree with its history once updated from it? The backtest of each generated
 * process (test/measure/generated-processes.ts) with every range shape of `--update --ranges`,
 * and with medians alone: how far the updated map's forecast p50 and p85 lie from the measured
 * ones, and its shares and rates from the process's. These figures chose the shape the command
 * writes (docs/measure.md, "How the ranges are chosen").
 */
import { RANGE_SHAPE, type RangeShape } from '../../src/measure/range-shapes.js';
import { backtest, type BacktestResult, type Writing } from '../measure/backtest.js';
import { GENERATED_PROCESSES } from '../measure/generated-processes.js';

const SHAPES: RangeShape[] = ['p15-p85', 'p10-p90', 'mean-matched', 'fitted'];
export const BACKTEST_TARGETS = { forecast: 0.15, chances: 0.03 } as const;

export interface ShapeFigures {
    writing: string;
    results: BacktestResult[];
    /** The largest |error| of p50 and of p85 over the processes and seeds. */
    worstP50: number;
    worstP85: number;
    /** The largest distance of a share or rate from the process's, in points (fractions). */
    worstChance: number;
}

function worstChance(results: BacktestResult[]): number {
    let worst = 0;
    for (const result of results) {
        const process = GENERATED_PROCESSES.find(candidate => candidate.name === result.process)!;
        for (const edge of process.edges.filter(candidate => candidate.share !== undefined)) {
            worst = Math.max(worst, Math.abs((result.shares.get(`${edge.from} -> ${edge.to}`) ?? 0) - edge.share!));
        }
        for (const rework of process.reworks) {
            worst = Math.max(worst, Math.abs((result.rates.get(`${rework.from} -> ${rework.to}`) ?? 0) - rework.rate));
        }
    }
    return worst;
}

export async function benchBacktests(quick: boolean): Promise<ShapeFigures[]> {
    const seeds = quick ? [1] : [1, 2, 3, 4];
    const writings: Array<[string, Writing]> = [
        ['medians', { ranges: false }],
        ...SHAPES.map((shape): [string, Writing] => [shape, { ranges: true, shape }])
    ];
    const figures: ShapeFigures[] = [];
    for (const [name, writing] of writings) {
        const results: BacktestResult[] = [];
        for (const process of GENERATED_PROCESSES) {
            for (const seed of seeds) {
                results.push(await backtest(process, { items: 3000, weeks: 40, seed }, writing));
            }
        }
        figures.push({
            writing: name,
            results,
            worstP50: Math.max(...results.map(result => Math.abs(result.error.p50))),
            worstP85: Math.max(...results.map(result => Math.abs(result.error.p85))),
            worstChance: worstChance(results)
        });
    }
    const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
    for (const shape of figures) {
        const cells = shape.results.map(
            result => `${result.process} ${percent(result.error.p50)}/${percent(result.error.p85)}`
        );
        console.log(
            `  ${shape.writing.padEnd(13)} worst p50 ${percent(shape.worstP50)}, p85 ${percent(shape.worstP85)}, share or rate ${(shape.worstChance * 100).toFixed(1)} pts   (${cells.join(', ')})`
        );
    }
    return figures;
}

/** The targets as the bench's table shows them: the shape the command writes. */
export function backtestTargets(figures: ShapeFigures[]): Array<[string, boolean | undefined, string]> {
    const written = figures.find(shape => shape.writing === RANGE_SHAPE)!;
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
    return [
        [
            `backtest after --update --ranges: forecast p50 and p85 within ${percent(BACKTEST_TARGETS.forecast)} of the measured`,
            Math.max(written.worstP50, written.worstP85) <= BACKTEST_TARGETS.forecast,
            `p50 ${percent(written.worstP50)}, p85 ${percent(written.worstP85)} at worst`
        ],
        [
            `backtest after --update --ranges: shares and rates within ${(BACKTEST_TARGETS.chances * 100).toFixed(0)} points`,
            written.worstChance <= BACKTEST_TARGETS.chances,
            `${(written.worstChance * 100).toFixed(1)} points at worst`
        ]
    ];
}
