/**
 * The forecasts of the documents open in the editor. A forecast runs once typing pauses
 * (FORECAST_PAUSE after a build has published its diagnostics), in chunks that give the event
 * loop a turn; a change of the document aborts it, and the next build starts it again. So a
 * keystroke's build never shares the server with the forecast of the keystroke before (at 1,000
 * steps that forecast took a sixth of the server's time while typing, and its garbage more).
 * A hover or a stream card that needs the forecast does not wait for the pause. The
 * last finished forecast of a document is kept, so that the map, the hover and the code lens
 * show it until the newer one arrives.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import { forecastStreamAsync, nextTurn, STANDARD_FORECAST, type Forecast } from '../../analysis/forecast.js';
import type { StreamModel } from '../../analysis/stream-model.js';
import { isStream, type Document } from '../generated/ast.js';
import type { VstreamLspServices } from '../vstream-module.js';

export interface StreamForecast {
    /** The stream as forecast: its steps are what the criticality is in the order of. */
    model: StreamModel;
    forecast: Forecast;
}

/** The forecasts of one version of a document, by stream name. */
export interface DocumentForecasts {
    uri: string;
    version: number;
    streams: ReadonlyMap<string, StreamForecast>;
}

/** How long the text must rest before its forecast runs: longer than the pause between keys of someone typing. */
export const FORECAST_PAUSE = 400;

interface Running {
    version: number;
    abort: AbortController;
    done: Promise<DocumentForecasts | undefined>;
    /** Ends the wait for typing to pause: someone wants the forecast now. */
    hurry: () => void;
}

export class StreamForecasts {
    private readonly finished = new Map<string, DocumentForecasts>();
    private readonly running = new Map<string, Running>();
    private readonly listeners: Array<(forecasts: DocumentForecasts) => void> = [];

    constructor(private readonly services: VstreamLspServices) {}

    /** Forecasts each open document after its build; a change aborts the document's running forecast. */
    listen(): void {
        const { workspace, lsp } = this.services.shared;
        const { DocumentBuilder, TextDocuments } = workspace;
        lsp.LanguageServer.onInitialize(params => {
            if (params.capabilities.workspace?.codeLens?.refreshSupport) {
                // The stream's code lens says its p85: ask for it again.
                this.onForecast(() => void lsp.Connection?.sendRequest(CodeLensRefreshRequest.type));
            }
        });
        DocumentBuilder.onUpdate((changed, deleted) => {
            changed.forEach(uri => this.cancel(uri.toString()));
            deleted.forEach(uri => this.forget(uri.toString()));
        });
        DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            for (const document of documents) {
                if (TextDocuments?.get(document.uri.toString())) {
                    void this.start(document as LangiumDocument<Document>);
                }
            }
        });
    }

    /** Called with each finished forecast (the preview redraws, the code lenses refresh). */
    onForecast(listener: (forecasts: DocumentForecasts) => void): void {
        this.listeners.push(listener);
    }

    /** The last finished forecast of a document, maybe of an older version: the newer one is running. */
    latest(uri: string): DocumentForecasts | undefined {
        return this.finished.get(uri);
    }

    /** The forecast of the document as it is now: finished, running, or started; undefined when a change aborts it. */
    forecastsOf(document: LangiumDocument<Document>): Promise<DocumentForecasts | undefined> {
        const uri = document.uri.toString();
        const version = document.textDocument.version;
        const running = this.running.get(uri);
        if (running?.version === version) {
            running.hurry();
            return running.done;
        }
        const finished = this.finished.get(uri);
        return finished?.version === version && !running ? Promise.resolve(finished) : this.start(document, 0);
    }

    /** Starts a document's forecast over, after `pause` ms, aborting the one running. */
    private start(document: LangiumDocument<Document>, pause = FORECAST_PAUSE): Promise<DocumentForecasts | undefined> {
        const uri = document.uri.toString();
        this.cancel(uri);
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length + parserErrors.length > 0) {
            return Promise.resolve(undefined);
        }
        // The models now, while they are the build's: the workspace's cache empties on the next change.
        const models = document.parseResult.value.elements
            .filter(isStream)
            .map(stream => this.services.analysis.StreamModels.get(stream));
        const abort = new AbortController();
        const version = document.textDocument.version;
        const rest = restFor(pause);
        abort.signal.addEventListener('abort', rest.hurry, { once: true });
        const done = this.run(uri, version, models, rest.over, abort.signal);
        this.running.set(uri, { version, abort, done, hurry: rest.hurry });
        return done;
    }

    private async run(
        uri: string,
        version: number,
        models: StreamModel[],
        paused: Promise<void>,
        signal: AbortSignal
    ): Promise<DocumentForecasts | undefined> {
        try {
            await paused;
            signal.throwIfAborted();
            // Off the build's path: it ends, and its diagnostics go out, before the first trial.
            await nextTurn();
            const streams = new Map<string, StreamForecast>();
            for (const model of models) {
                streams.set(model.name, {
                    model,
                    forecast: await forecastStreamAsync(model, { ...STANDARD_FORECAST, signal })
                });
            }
            signal.throwIfAborted();
            const forecasts = { uri, version, streams };
            this.finished.set(uri, forecasts);
            this.running.delete(uri);
            this.listeners.forEach(listener => listener(forecasts));
            return forecasts;
        } catch (error) {
            if (!signal.aborted) {
                this.running.delete(uri);
                this.services.shared.lsp.Connection?.console.error(
                    `vstream: the forecast of ${uri} failed: ${String(error)}`
                );
            }
            return undefined;
        }
    }

    private cancel(uri: string): void {
        const running = this.running.get(uri);
        running?.abort.abort();
        this.running.delete(uri);
    }

    private forget(uri: string): void {
        this.cancel(uri);
        this.finished.delete(uri);
    }
}

/** A wait of `ms` (none for 0) that `hurry` ends at once. */
function restFor(ms: number): { over: Promise<void>; hurry: () => void } {
    let hurry = () => undefined as void;
    const over =
        ms === 0
            ? Promise.resolve()
            : new Promise<void>(resolve => {
                  const timer = setTimeout(resolve, ms);
                  hurry = () => {
                      clearTimeout(timer);
                      resolve();
                  };
              });
    return { over, hurry };
}
