/**
 * A backtest of `measure --update --ranges`: a process played into a tracker's history, its map
 * (statuses, no figures) measured on that history and updated from it, and the updated map's
 * forecast held against the lead time the history measured. The backtest spec and the bench
 * both run it.
 */
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { forecastStream } from '../../src/analysis/forecast.js';
import type { StreamModel } from '../../src/analysis/stream-model.js';
import { measuredUpdate } from '../../src/language/measured-update.js';
import { measureMapOf } from '../../src/language/measurements.js';
import { measure } from '../../src/measure/measure.js';
import type { MeasureOptions, StreamMeasurement } from '../../src/measure/measure-model.js';
import type { RangeShape } from '../../src/measure/range-shapes.js';
import { buildWorkspace } from '../helpers.js';
import { logPath } from './event-logs.js';
import { processHistory, processMap, type GeneratedProcess, type HistoryOptions } from './generated-processes.js';

export interface BacktestResult {
    process: string;
    measured: StreamMeasurement;
    /** The updated map's text and forecast. */
    updated: string;
    forecast: { p50: number; p85: number };
    /** The forecast's p50 and p85 over the measured ones, less 1: 0.1 is 10% long. */
    error: { p50: number; p85: number };
    /** Per edge with a share in the process ("from -> to"), the updated map's share; per rework, its rate. */
    shares: Map<string, number | undefined>;
    rates: Map<string, number | undefined>;
}

/** The history of a process, written as CSV to the measure tests' temp folder. */
export function writeHistory(process: GeneratedProcess, options: HistoryOptions): string {
    const path = logPath(`backtest-${process.name}-${options.seed}.csv`);
    const rows = [...processHistory(process, options)].map(row => row.join(','));
    writeFileSync(path, `item,status,at\n${rows.join('\n')}\n`);
    return path;
}

/** How the update writes the figures: ranges of a shape (the one the command writes unless told), or medians alone. */
export type Writing = { ranges: true; shape?: RangeShape } | { ranges: false };

/** A map (text) measured on a history and updated from it: the measurement, the updated text, its model and forecast. */
export async function updatedFromHistory(
    map: string,
    stream: string,
    options: Pick<MeasureOptions, 'events' | 'columns' | 'timeFormat'>,
    writing: Writing = { ranges: true }
): Promise<{
    measured: StreamMeasurement;
    updated: string;
    model: StreamModel;
    forecast: { p50: number; p85: number };
    error: { p50: number; p85: number };
}> {
    const workspace = await buildWorkspace(map);
    const [document] = workspace.documents;
    const report = await measure(measureMapOf([workspace.model(stream)]), { ...options, calendar: 'workweek' });
    const [measured] = report.streams;
    const update = measuredUpdate(
        document,
        () => measured,
        model => workspace.services.analysis.StreamModels.get(model),
        writing
    );
    const updated = TextDocument.applyEdits(document.textDocument, update.edits);
    const model = (await buildWorkspace(updated)).model(stream);
    const { p50, p85 } = forecastStream(model);
    const error = { p50: p50 / measured.leadTime.p50! - 1, p85: p85 / measured.leadTime.p85! - 1 };
    return { measured, updated, model, forecast: { p50, p85 }, error };
}

export async function backtest(
    process: GeneratedProcess,
    history: HistoryOptions,
    writing: Writing = { ranges: true }
): Promise<BacktestResult> {
    const events = writeHistory(process, history);
    const { model, ...result } = await updatedFromHistory(
        processMap(process),
        process.name,
        { events: [events] },
        writing
    );
    return {
        process: process.name,
        ...result,
        shares: new Map(
            process.edges
                .filter(edge => edge.share !== undefined)
                .map(edge => [`${edge.from} -> ${edge.to}`, shareOf(model, edge.from, edge.to)])
        ),
        rates: new Map(
            process.reworks.map(rework => [`${rework.from} -> ${rework.to}`, rateOf(model, rework.from, rework.to)])
        )
    };
}

function shareOf(model: StreamModel, from: string, to: string): number | undefined {
    return model.edges.find(edge => model.steps[edge.from].name === from && model.steps[edge.to].name === to)?.share;
}

function rateOf(model: StreamModel, from: string, to: string): number | undefined {
    return model.reworks.find(rework => model.steps[rework.from].name === from && model.steps[rework.to].name === to)
        ?.rate;
}
