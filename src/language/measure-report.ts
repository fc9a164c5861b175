/**
 * A measurement as people read it: per stream, the measured figures beside the mapped ones with
 * the drift marked, and what the history itself got wrong. The CLI prints it, and the editor's
 * "Measure Against Tracker History…" shows it.
 */
import { countOf, formatHoursAlike, streamHeading } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { driftFindings } from '../measure/drift.js';
import { unreadableRowsWords, type MeasureReport, type StreamMeasurement } from '../measure/measure-model.js';
import type { StepUpdate } from './measured-update.js';

/** What the history missed, for people: a drift mark beside each figure the check would report. */
export function formatMeasureText(report: MeasureReport, models: StreamModel[]): string {
    const byName = new Map(models.map(model => [model.name, model]));
    const blocks = report.streams.map(stream => formatStreamMeasurement(stream, byName.get(stream.stream)!));
    return [`${countOf(report.rowsRead, 'row')} of history read.`, '', blocks.join('\n')].join('\n');
}

function formatStreamMeasurement(stream: StreamMeasurement, model: StreamModel): string {
    const day = model.workdayHours;
    const lead = stream.leadTime;
    const [mapped, p50, p85, p95] = formatHoursAlike([model.metrics.leadTime, lead.p50, lead.p85, lead.p95], day);
    const throughput =
        stream.throughputPerWeek === null ? '' : `; ${readableCount(stream.throughputPerWeek)} done a week`;
    const lines = [
        streamHeading(model),
        `  ${countOf(stream.items, 'item')}: ${stream.done} done, ${stream.wip} in progress${throughput}`,
        `  lead time: mapped ${mapped}; measured p50 ${p50}, p85 ${p85}, p95 ${p95}`,
        '',
        ...stepTable(stream, day)
    ];
    return lines.join('\n') + '\n';
}

const STEP_HEADINGS = ['step', 'items', 'process mapped', 'p50', 'p85', 'wait mapped', 'p50', 'p85', ''];

/** One row a step; figures of one measure in one unit, so they read side by side; drift marked as the check finds it. */
function stepTable(stream: StreamMeasurement, workdayHours: number): string[] {
    const drifting = driftFindings({ streams: [stream] });
    const rows = stream.steps.map(step => {
        const drift = drifting.filter(found => found.step === step.step).map(found => found.measure);
        return [
            step.step,
            String(step.items),
            ...formatHoursAlike([step.process.mapped, step.process.p50, step.process.p85], workdayHours),
            ...formatHoursAlike([step.wait.mapped, step.wait.p50, step.wait.p85], workdayHours),
            drift.length > 0 ? `◂ drift: ${drift.join(', ')}` : ''
        ];
    });
    const widths = STEP_HEADINGS.map((heading, column) =>
        Math.max(heading.length, ...rows.map(row => row[column].length))
    );
    // The step's name reads left-aligned, the figures right-aligned, the mark as it is.
    const line = (cells: string[]) =>
        '  ' +
        cells
            .map((cell, column) =>
                column === 0 || column === cells.length - 1
                    ? cell.padEnd(widths[column])
                    : cell.padStart(widths[column])
            )
            .join('  ')
            .trimEnd();
    return [line(STEP_HEADINGS), ...rows.map(line)];
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
export function updateLines(steps: StepUpdate[]): string[] {
    return steps.flatMap(step => [
        ...step.changes.map(change => `${step.stream}.${step.step}: ${change}`),
        ...step.left.map(left => `${step.stream}.${step.step}: left ${left}`)
    ]);
}
