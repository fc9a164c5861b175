/**
 * `vstream measure`: a map's streams measured on a tracker's status history, side by side
 * with what the map says; `--sql` prints the query instead, `--update` writes the measured
 * figures into the map. What the history itself gets wrong (unreadable times, statuses no step
 * names, names of the map it never has) goes to standard error, so that JSON stays clean and
 * nothing is dropped unsaid.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isStream } from '../language/generated/ast.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { measuredUpdate, type PlaceUpdate } from '../language/measured-update.js';
import { formatMeasureText, historyNotes, updateLines } from '../language/measure-report.js';
import { mapForecast, measureMapOf, namesStatuses } from '../language/measurements.js';
import type { MeasuredStream } from '../language/stream-models.js';
import { measure } from '../measure/measure.js';
import type { MeasureMap, MeasureReport, MeasuredTime, StreamMeasurement } from '../measure/measure-model.js';
import { measureSql } from '../measure/measure-sql.js';
import type { ParsedArguments } from './arguments.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import { MeasureProgressLine, stopOnInterrupt } from './measure-progress.js';
import { InputError, writeFile, type LoadedWorkspace, type ReportedFile } from './workspace.js';

type Write = (text: string) => void;

export async function measureCommand(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: Write,
    warn: Write
): Promise<number> {
    const streams = measurableStreams(workspace, args.stream);
    const map = measureMapOf(streams.map(stream => stream.model));
    if (args.sql) {
        out(measureSql(map, args.calendar) + '\n');
        return 0;
    }
    const report = await measureHistory(map, args, warn);
    if (args.update) {
        updateMaps(workspace, report, args.ranges, out);
    } else {
        out(
            args.format === 'json'
                ? formatMeasureJson(
                      report,
                      streams.map(stream => stream.model)
                  )
                : formatMeasureText(
                      report,
                      streams.map(stream => stream.model)
                  )
        );
    }
    warn(historyNotes(report));
    return 0;
}

/**
 * `check --events`: the streams measured first, so that validating the files again adds
 * `measured-drift` and `unseen-status` to their diagnostics.
 */
export async function checkAgainstHistory(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    warn: Write
): Promise<void> {
    const map = measureMapOf(measurableStreams(workspace, undefined).map(stream => stream.model));
    const report = await measureHistory(map, args, warn);
    workspace.services.analysis.Measurements.record(map, report);
    for (const file of workspace.files) {
        file.document.diagnostics = await workspace.services.validation.DocumentValidator.validateDocument(
            file.document
        );
    }
    // The map's statuses that never occur are diagnostics (unseen-status) here.
    warn(historyNotes({ ...report, missingStatuses: [] }));
}

/** The streams to measure: those that name a tracker status (only they can be), or the one asked for. */
function measurableStreams(workspace: LoadedWorkspace, name: string | undefined): MeasuredStream[] {
    const chosen = selectStreams(measureStreams(workspace.files, workspace.services), name);
    const measurable = chosen.filter(stream => namesStatuses(stream.model));
    if (measurable.length === 0) {
        const which = name === undefined ? 'no stream names a' : `stream '${name}' names no`;
        throw new InputError(
            `${which} tracker status: say which statuses are which with \`status\` and \`queue\` on its steps and \`done\` on the stream (see docs/measure.md)`
        );
    }
    return measurable;
}

/** Measures the history named by `--events`, showing progress on a terminal and stopping on Ctrl+C. */
export async function measureHistory(map: MeasureMap, args: ParsedArguments, warn: Write): Promise<MeasureReport> {
    const progress = process.stderr.isTTY ? new MeasureProgressLine(warn) : undefined;
    const interrupt = stopOnInterrupt();
    try {
        return await measure(map, {
            events: args.events,
            columns: args.columns,
            calendar: args.calendar,
            timeFormat: args.timeFormat,
            timezone: args.timezone,
            asOf: args.asOf,
            skipBadRows: args.skipBadRows,
            signal: interrupt.signal,
            onProgress: progress && (update => progress.show(update))
        });
    } finally {
        interrupt.dispose();
        progress?.clear();
    }
}

/** The contract's JSON: per stream exactly its keys, hours unrounded, with the map's own forecast beside the measured lead time. */
export function formatMeasureJson(report: MeasureReport, models: StreamModel[]): string {
    const time = ({ mapped, p50, p85 }: MeasuredTime) => ({ mapped, p50, p85 });
    const byName = new Map(models.map(model => [model.name, model]));
    const streams = report.streams.map(stream => ({
        stream: stream.stream,
        items: stream.items,
        done: stream.done,
        wip: stream.wip,
        throughputPerWeek: stream.throughputPerWeek,
        leadTime: stream.leadTime,
        steps: stream.steps.map(step => ({
            step: step.step,
            items: step.items,
            visits: step.visits,
            process: time(step.process),
            wait: time(step.wait)
        })),
        branches: stream.branches.map(({ from, to, mapped, measured, samples, both }) => ({
            from,
            to,
            mapped,
            measured,
            samples,
            both
        })),
        rework: stream.rework.map(({ from, to, mapped, measured, samples }) => ({
            from,
            to,
            mapped,
            measured,
            samples
        })),
        forecast: mapForecast(byName.get(stream.stream)!)
    }));
    return JSON.stringify(streams, undefined, 2) + '\n';
}

/** `--update`: each file whose streams were measured gets the measured figures, and says what changed. */
function updateMaps(workspace: LoadedWorkspace, report: MeasureReport, ranges: boolean, out: Write): void {
    const measured = new Map(report.streams.map(stream => [stream.stream, stream]));
    const models = workspace.services.analysis.StreamModels;
    for (const file of workspace.files.filter(candidate => measuresAny(candidate, measured))) {
        const update = measuredUpdate(
            file.document,
            name => measured.get(name),
            stream => models.get(stream),
            {
                ranges
            }
        );
        if (update.edits.length > 0) {
            if (file.displayPath === '<stdin>') {
                throw new InputError('--update writes the map back to its file: name the file, not -');
            }
            writeFile(file.document.uri.fsPath, TextDocument.applyEdits(file.document.textDocument, update.edits));
        }
        out(describeUpdate(file.displayPath, update.places, update.edits.length > 0));
    }
}

function measuresAny(file: ReportedFile, measured: ReadonlyMap<string, StreamMeasurement>): boolean {
    return file.document.parseResult.value.elements.some(element => isStream(element) && measured.has(element.name));
}

function describeUpdate(path: string, places: PlaceUpdate[], written: boolean): string {
    const heading = written
        ? `${path}: the measured figures written in`
        : places.some(place => place.left.length > 0)
          ? `${path}: unchanged, the figures it could write already are the measured ones`
          : `${path}: unchanged, its figures already are the measured ones`;
    return [heading, ...updateLines(places).map(line => `  ${line}`)].join('\n') + '\n';
}
