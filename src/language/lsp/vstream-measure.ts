/**
 * Answers the editor's "Measure Against Tracker History…": measures the document's streams on
 * a tracker's history, keeps the measurement so that validation adds `measured-drift` and
 * `unseen-status`, and turns the measured figures into edits of the map for review. The engine
 * is given by the runtime: the Node process has DuckDB; the Web Worker has none and says so.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { StreamModel } from '../../analysis/stream-model.js';
import type { MeasureMap, MeasureOptions, MeasureReport } from '../../measure/measure-model.js';
import { MeasureAbortError, MeasureInputError, UnreadableHistoryError } from '../../measure/measure-model.js';
import {
    MeasureMessages,
    type MeasureParams,
    type MeasureResult,
    type MeasuredUpdateParams,
    type MeasuredUpdateResult
} from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import { measuredUpdate } from '../measured-update.js';
import { driftPlace, formatMeasureText, historyNotes, updateLines } from '../measure-report.js';
import { measureMapOf, namesStatuses } from '../measurements.js';
import type { VstreamLspServices } from '../vstream-module.js';

/** Measures a map on a history: `measure()` of src/measure in the Node process. */
export type MeasureEngine = (map: MeasureMap, options: MeasureOptions) => Promise<MeasureReport>;

const NO_ENGINE =
    "Measuring reads the tracker's history with DuckDB, a native program that VS Code for the web cannot run: measure in VS Code on the desktop, or with `vstream measure MAP --events FILE…` on the command line.";

/** What the editor's user can do about a history refused for its unreadable rows. */
const READING_SETTINGS =
    'Fix the export, or say how to read it with the settings vstream.measure.timeFormat and vstream.measure.timezone (as --time-format and --timezone), or measure the other rows anyway.';

export class MeasureHandler {
    constructor(
        private readonly services: VstreamLspServices,
        private readonly engine: MeasureEngine | undefined
    ) {}

    listen(): void {
        const connection = this.services.shared.lsp.Connection!;
        connection.onRequest(MeasureMessages.measure, (params, token) => this.measure(params, token));
        connection.onRequest(MeasureMessages.update, params => this.update(params));
    }

    private async measure(params: MeasureParams, token: CancellationToken): Promise<MeasureResult> {
        if (!this.engine) {
            return { problem: NO_ENGINE };
        }
        const document = await this.validated(params.uri);
        const models = document ? this.measurableModels(document) : [];
        if (!document || models.length === 0) {
            return {
                problem:
                    'No stream of this document names a tracker status: say which statuses are which with `status` and `queue` on its steps and `done` on the stream.'
            };
        }
        const map = measureMapOf(models);
        const stop = new AbortController();
        const cancelled = token.onCancellationRequested(() => stop.abort());
        try {
            const report = await this.engine(map, {
                events: params.events,
                columns: params.columns,
                calendar: params.calendar ?? 'workweek',
                timeFormat: params.timeFormat,
                timezone: params.timezone,
                skipBadRows: params.skipBadRows,
                signal: stop.signal
            });
            this.services.analysis.Measurements.record(map, report);
            // Validated again, the document gets the checks against what was just measured; its
            // models are built anew, and their forecasts are those that validation just ran.
            await this.services.shared.workspace.DocumentBuilder.update([document.uri], []);
            const current = this.measurableModels(document);
            return {
                report: formatMeasureText(report, current) + historyNotes(report),
                drifts: current.flatMap(model => this.services.analysis.Measurements.drift(model)).map(driftPlace)
            };
        } catch (error) {
            if (error instanceof UnreadableHistoryError) {
                return { refused: `${error.summary}. ${READING_SETTINGS}` };
            }
            if (error instanceof MeasureInputError || error instanceof MeasureAbortError) {
                return { problem: error.message };
            }
            throw error;
        } finally {
            cancelled.dispose();
        }
    }

    /** The models of the document's streams that name a tracker status. */
    private measurableModels(document: LangiumDocument<Document>): StreamModel[] {
        return document.parseResult.value.elements
            .filter(isStream)
            .map(stream => this.services.analysis.StreamModels.get(stream))
            .filter(namesStatuses);
    }

    private async update({ uri, ranges }: MeasuredUpdateParams): Promise<MeasuredUpdateResult> {
        const document = await this.validated(uri);
        const measurements = this.services.analysis.Measurements;
        const streams = document?.parseResult.value.elements.filter(isStream) ?? [];
        if (!document || !streams.some(stream => measurements.has(stream.name))) {
            return {
                problem: 'Nothing of this document was measured yet: measure it against its tracker history first.'
            };
        }
        const update = measuredUpdate(
            document,
            stream => measurements.measurement(stream),
            stream => this.services.analysis.StreamModels.get(stream),
            { ranges }
        );
        return {
            edits: update.edits.map(({ range, newText }) => ({
                range: [range.start.line, range.start.character, range.end.line, range.end.character],
                newText
            })),
            lines: updateLines(update.places)
        };
    }

    private async validated(uri: string): Promise<LangiumDocument<Document> | undefined> {
        const parsed = URI.parse(uri);
        await this.services.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
        return this.services.shared.workspace.LangiumDocuments.getDocument(parsed) as
            LangiumDocument<Document> | undefined;
    }
}
