/**
 * A measurement as people read it: per stream, the measured figures beside the mapped ones with
 * the drift marked, and what the history itself got wrong. The CLI prints it, and the editor's
 * "Measure Against Tracker History…" shows it.
 */
import { countOf, formatHoursAlike, formatShare, streamHeading } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { chanceDriftFindings, disagreement, disagreementWords, driftFindings } from '../measure/drift.js';
import {
    unreadableRowsWords,
    type MeasureReport,
    type MeasuredDrift,
    type StreamMeasurement
} from '../measure/measure-model.js';
import { PARALLEL_SHARE, type PlaceUpdate } from './measured-update.js';
import { mapForecast } from './measurements.js';

/** What the history missed, for people: a drift mark beside each figure the check would report. */
export function formatMeasureText(report: MeasureReport, models: StreamModel[]): string {
    const byName = new Map(models.map(model => [model.name, model]));
    const blocks = report.streams.map(stream => formatStreamMeasurement(stream, byName.get(stream.stream)!));
    return [`${countOf(report.rowsRead, 'row')} of history read.`, '', blocks.join('\n')].join('\n');
}

function formatStreamMeasurement(stream: StreamMeasurement, model: StreamModel): string {
    const day = model.workdayHours;
    const lead = stream.leadTime;
    const forecast = mapForecast(model);
    const [mapped, p50, p85, p95, forecast50, forecast85] = formatHoursAlike(
        [model.metrics.leadTime, lead.p50, lead.p85, lead.p95, forecast.p50, forecast.p85],
        day
    );
    const throughput =
        stream.throughputPerWeek === null ? '' : `; ${readableCount(stream.throughputPerWeek)} done a week`;
    const off = disagreement(forecast, lead);
    const lines = [
        streamHeading(model),
        `  ${countOf(stream.items, 'item')}: ${stream.done} done, ${stream.wip} in progress${throughput}`,
        `  lead time measured:      p50 ${p50}, p85 ${p85}, p95 ${p95}`,
        `  the map's forecast:      p50 ${forecast50}, p85 ${forecast85}${off.length > 0 ? `  ◂ the map disagrees: ${disagreementWords(forecast, lead, off)}` : ''}`,
        `  the map's lead time:     ${mapped} (its longest path)`,
        '',
        ...stepTable(stream, day),
        ...branchTable(stream),
        ...reworkTable(stream)
    ];
    return lines.join('\n') + '\n';
}

/** One row a step; figures of one measure in one unit, so they read side by side; drift marked as the check finds it. */
function stepTable(stream: StreamMeasurement, workdayHours: number): string[] {
    const drifting = driftFindings({ streams: [stream] });
    const rows = stream.steps.map(step => {
        const drift = drifting.filter(found => found.step === step.step).map(found => found.measure);
        return [
            step.step,
            String(step.items),
            String(step.visits),
            ...formatHoursAlike([step.process.mapped, step.process.p50, step.process.p85], workdayHours),
            ...formatHoursAlike([step.wait.mapped, step.wait.p50, step.wait.p85], workdayHours),
            drift.length > 0 ? `◂ drift: ${drift.join(', ')}` : ''
        ];
    });
    return table(['step', 'items', 'visits', 'process mapped', 'p50', 'p85', 'wait mapped', 'p50', 'p85', ''], rows);
}

/**
 * The edges of each step with two or more: where the closed visits went on, and how many items
 * went both ways (parallel work); marked where `--update` writes shares or a share drifts.
 */
function branchTable(stream: StreamMeasurement): string[] {
    if (stream.branches.length === 0) {
        return [];
    }
    const drifting = new Set(
        chanceDriftFindings({ ...stream, rework: [] }).map(drift => `${drift.from} -> ${drift.to}`)
    );
    const rows = stream.branches.map((branch, index) => {
        const first = index === 0 || stream.branches[index - 1].from !== branch.from;
        const verdict = !first
            ? ''
            : branch.parallel === null
              ? ''
              : branch.parallel >= PARALLEL_SHARE
                ? '◂ parallel work'
                : branch.mapped === null
                  ? '◂ a decision: --update writes its shares'
                  : '';
        return [
            first ? branch.from : '',
            branch.to,
            formatShare(branch.mapped),
            formatShare(branch.measured),
            String(branch.samples),
            first ? formatShare(branch.both) : '',
            drifting.has(`${branch.from} -> ${branch.to}`) ? '◂ drift' : verdict
        ];
    });
    return ['', ...table(['from', 'to', 'share mapped', 'measured', 'visits', 'both ways', ''], rows, 2)];
}

/** Each rework: how often the visits of its later step went back, against the rate the map gives it. */
function reworkTable(stream: StreamMeasurement): string[] {
    if (stream.rework.length === 0) {
        return [];
    }
    const drifting = new Set(
        chanceDriftFindings({ ...stream, branches: [] }).map(drift => `${drift.from} -> ${drift.to}`)
    );
    const rows = stream.rework.map(rework => [
        `${rework.from} -> ${rework.to}`,
        formatShare(rework.mapped),
        formatShare(rework.reached.measured),
        String(rework.reached.samples),
        rework.measured === rework.reached.measured ? '' : `${formatShare(rework.measured)} of all ${rework.samples}`,
        drifting.has(`${rework.from} -> ${rework.to}`) ? '◂ drift' : ''
    ]);
    return ['', ...table(['rework', 'rate mapped', 'measured', 'visits', '', ''], rows)];
}

/** Columns padded to their widths: the first `names` columns and the last read left-aligned, the figures right-aligned. */
function table(headings: string[], rows: string[][], names = 1): string[] {
    const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map(row => row[column].length)));
    const line = (cells: string[]) =>
        '  ' +
        cells
            .map((cell, column) =>
                column < names || column === cells.length - 1
                    ? cell.padEnd(widths[column])
                    : cell.padStart(widths[column])
            )
            .join('  ')
            .trimEnd();
    return [line(headings), ...rows.map(line)];
}

function readableCount(value: number): string {
    return String(Number(value.toFixed(value >= 100 ? 0 : 1)));
}

/** What the history had that the measurement could not use, or lacked: one note each, on standard error. */
export function historyNotes(report: MeasureReport): string {
    const notes: string[] = [];
    const { count, first } = report.unreadableRows;
    if (count > 0) {
        const items =
            report.itemsLeftOut > 0
                ? `, with the other rows of their ${countOf(report.itemsLeftOut, 'item')} (an item whose history has a hole is not measured)`
                : '';
        const more = count > first.length ? `; and ${count - first.length} more` : '';
        notes.push(`${countOf(count, 'row')} cannot be read, left out${items}: ${unreadableRowsWords(first)}${more}`);
    }
    if (report.unmappedStatuses.length > 0) {
        const statuses = report.unmappedStatuses.map(
            entry =>
                `${entry.status === null ? '(empty)' : quoted(entry.status)} ${countOf(entry.rows, 'row')}` +
                (entry.didYouMean === undefined ? '' : ` (did you mean ${quoted(entry.didYouMean)}?)`)
        );
        notes.push(
            `statuses no step maps: ${statuses.join(', ')}; name them in a \`status\`, \`queue\` or \`done\` clause to measure them`
        );
    }
    for (const missing of report.missingStatuses) {
        const where =
            missing.step === null
                ? `the \`done\` of ${missing.stream}`
                : `\`${missing.clause}\` of ${missing.stream}.${missing.step}`;
        notes.push(
            `${quoted(missing.status)} (${where}) never occurs in the history: the tracker may spell it otherwise`
        );
    }
    return notes.map(note => `vstream: ${note}\n`).join('');
}

function quoted(text: string | null): string {
    return text === null ? 'empty' : JSON.stringify(text);
}

/** What an update did, a line per figure: "supportTicket.fix: process 6h → 18h", or what it left and why. */
export function updateLines(places: PlaceUpdate[]): string[] {
    return places.flatMap(place => [
        ...place.changes.map(change => `${place.stream}.${place.place}: ${change}`),
        ...place.left.map(left => `${place.stream}.${place.place}: left ${left}`)
    ]);
}

/** Where a drift is, in a line: "supportTicket.fix: process", "supportTicket.reproduce -> fix: share". */
export function driftPlace(drift: MeasuredDrift): string {
    switch (drift.kind) {
        case 'time':
            return `${drift.stream}.${drift.step}: ${drift.measure}`;
        case 'share':
            return `${drift.stream}.${drift.from} -> ${drift.to}: share`;
        case 'rate':
            return `${drift.stream}.rework ${drift.from} -> ${drift.to}: rate`;
    }
}
