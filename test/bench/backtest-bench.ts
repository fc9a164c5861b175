/**
 * Does the map agree with its history once updated from it? The backtest of each generated
 * process (test/measure/generated-processes.ts) with every range shape of `--update --ranges`,
 * and with medians alone: how far the updated map's forecast p50 and p85 lie from the measured
 * ones, and its shares and rates from the process's. These figures chose the shape the command
 * writes (docs/measure.md, "How the ranges are chosen").
 *
 * With VSTREAM_SERVICENOW_LOG naming the public ServiceNow incident log (UCI, "Incident management
 * process enriched event log", which is not in the repository), it also backtests
 * servicenow-incident.vstream on it: docs/measure.md reports the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RANGE_SHAPE, type RangeShape } from '../../src/measure/range-shapes.js';
import { backtest, updatedFromHistory, type BacktestResult, type Writing } from '../measure/backtest.js';
import { GENERATED_PROCESSES } from '../measure/generated-processes.js';

const SHAPES: RangeShape[] = ['p15-p85', 'p10-p90', 'mean-matched', 'nearest', 'fitted'];
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

/** How the update may write the figures: medians alone, or ranges of each shape. */
const WRITINGS: Array<[string, Writing]> = [
    ['medians', { ranges: false }],
    ...SHAPES.map((shape): [string, Writing] => [shape, { ranges: true, shape }])
];

const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;

export async function benchBacktests(quick: boolean): Promise<ShapeFigures[]> {
    const seeds = quick ? [1] : [1, 2, 3, 4];
    const writings = WRITINGS;
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

/** The ServiceNow log's target: the forecast within 25% of what it measured (reported, not promised). */
const SERVICENOW_TARGET = 0.25;

/** The public ServiceNow log backtested with each writing, when VSTREAM_SERVICENOW_LOG names it. */
export async function benchServiceNow(): Promise<Array<[string, boolean | undefined, string]>> {
    const log = process.env.VSTREAM_SERVICENOW_LOG;
    const target = `backtest on the public ServiceNow incident log within ${percent(SERVICENOW_TARGET).slice(1)}`;
    if (!log || !existsSync(log)) {
        console.log(
            '  the ServiceNow log: set VSTREAM_SERVICENOW_LOG to its file (incident_event_log.csv) to backtest it'
        );
        return [[target, undefined, 'not run']];
    }
    const map = readFileSync(resolve(__dirname, '../../test/bench/servicenow-incident.vstream'), 'utf8');
    const options = {
        events: [log],
        columns: { item: 'number', status: 'incident_state', at: 'sys_updated_at' },
        timeFormat: '%d-%m-%Y %H:%M'
    };
    let written: { p50: number; p85: number } | undefined;
    for (const [name, writing] of WRITINGS) {
        const { measured, forecast, error } = await updatedFromHistory(map, 'incident', options, writing);
        const days = (hours: number) => `${(hours / 8).toFixed(2)} d`;
        console.log(
            `  ServiceNow, ${name.padEnd(13)} forecast p50 ${days(forecast.p50)}, p85 ${days(forecast.p85)} against ${days(measured.leadTime.p50!)}, ${days(measured.leadTime.p85!)}: ${percent(error.p50)} / ${percent(error.p85)}`
        );
        if (name === RANGE_SHAPE) {
            written = error;
        }
    }
    const worst = Math.max(Math.abs(written!.p50), Math.abs(written!.p85));
    return [[target, worst <= SERVICENOW_TARGET, `p50 ${percent(written!.p50)}, p85 ${percent(written!.p85)}`]];
}
