/**
 * The server side of the live preview: it follows the documents that have an open preview and,
 * after every validated build of one, pushes the new picture (model → layout → SVG). Text that
 * does not parse sends no picture, only what is wrong, so the preview keeps its last good one.
 * The picture shows the last forecast in; when the forecast of this version comes in, the same
 * version is pushed again with it.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import {
    forecastPicture,
    panelStreams,
    renderPanels,
    renderSvg,
    toDiagramDiagnostic,
    type ForecastPicture
} from '../../diagram/index.js';
import type { Palette } from '../../theme/theme.js';
import { PreviewMessages, type PreviewUpdate, type RenderParams, type RenderResult } from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import type { VstreamLspServices } from '../vstream-module.js';

/** Beyond this many steps in one file the preview says so instead of drawing. */
export const MAX_PREVIEW_STEPS = 20_000;
const MAX_PROBLEMS = 5;

export class PreviewPublisher {
    /** Open previews per document URI. */
    private readonly followed = new Map<string, number>();
    private readonly shared: LangiumSharedServices;

    constructor(private readonly services: VstreamLspServices) {
        this.shared = services.shared;
    }

    /** Answers the extension's preview messages, and pushes a picture after each build of a followed document. */
    listen(): void {
        const connection = this.connection;
        connection.onNotification(PreviewMessages.open, params => {
            this.followed.set(params.uri, (this.followed.get(params.uri) ?? 0) + 1);
            void this.publishWhenBuilt(params.uri);
        });
        connection.onNotification(PreviewMessages.close, params => {
            const count = (this.followed.get(params.uri) ?? 1) - 1;
            if (count > 0) {
                this.followed.set(params.uri, count);
            } else {
                this.followed.delete(params.uri);
            }
        });
        connection.onRequest(PreviewMessages.render, params => this.renderFile(params));
        this.services.handlers.Forecasts.onForecast(forecasts => {
            const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(forecasts.uri));
            if (this.followed.has(forecasts.uri) && document?.textDocument.version === forecasts.version) {
                this.publish(document as LangiumDocument<Document>);
            }
        });
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            for (const document of documents) {
                if (this.followed.has(document.uri.toString())) {
                    this.publish(document as LangiumDocument<Document>);
                }
            }
        });
    }

    private get connection(): Connection {
        return this.shared.lsp.Connection!;
    }

    private async publishWhenBuilt(uri: string): Promise<void> {
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, URI.parse(uri));
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (document && this.followed.has(uri)) {
            this.publish(document as LangiumDocument<Document>);
        }
    }

    private publish(document: LangiumDocument<Document>): void {
        void this.connection.sendNotification(PreviewMessages.update, previewUpdate(document, this.services));
    }

    private async renderFile(params: RenderParams): Promise<RenderResult> {
        const uri = URI.parse(params.uri);
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri);
        const document = this.shared.workspace.LangiumDocuments.getDocument(uri) as
            LangiumDocument<Document> | undefined;
        if (!document) {
            return { problem: 'The document is not open.' };
        }
        // A file is the map alone: the same picture of the same text, whatever a forecast drew.
        const drawing = draw(document, this.services, params.palette);
        return drawing.problems.length > 0 && !drawing.svg
            ? { problem: drawing.problems.join('\n') }
            : { svg: drawing.svg };
    }
}

/** The picture of a document for its preview, or what keeps it from being drawn. */
export function previewUpdate(document: LangiumDocument<Document>, services: VstreamLspServices): PreviewUpdate {
    const drawing = draw(document, services, 'editor', previewForecasts(document, services));
    return { uri: document.uri.toString(), version: document.textDocument.version, ...drawing };
}

/** The document's last forecast in, per stream, marked as current or about to change. */
function previewForecasts(
    document: LangiumDocument<Document>,
    services: VstreamLspServices
): Map<string, ForecastPicture> {
    const forecasts = services.handlers.Forecasts.latest(document.uri.toString());
    const current = forecasts?.version === document.textDocument.version;
    return new Map(
        [...(forecasts?.streams ?? [])].map(([name, { model, forecast }]) => [
            name,
            forecastPicture(model, forecast, current)
        ])
    );
}

function draw(
    document: LangiumDocument<Document>,
    services: VstreamLspServices,
    palette: Palette,
    forecasts?: ReadonlyMap<string, ForecastPicture>
): Omit<PreviewUpdate, 'uri' | 'version'> {
    const diagnostics = document.diagnostics ?? [];
    const errors = diagnostics.filter(diagnostic => diagnostic.severity === 1);
    const problems = errors.slice(0, MAX_PROBLEMS).map(describe);
    if (errors.length > MAX_PROBLEMS) {
        problems.push(`… and ${errors.length - MAX_PROBLEMS} more errors (see the Problems panel).`);
    }
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) {
        return { problems };
    }
    const streams = document.parseResult.value.elements.filter(isStream);
    const models = streams.map(stream => services.analysis.StreamModels.get(stream));
    const steps = models.reduce((total, model) => total + model.steps.length, 0);
    if (steps > MAX_PREVIEW_STEPS) {
        return {
            problems: [
                `This file has ${steps.toLocaleString('en')} steps, too many to draw here (the preview draws up to ${MAX_PREVIEW_STEPS.toLocaleString('en')}).`,
                ...problems
            ]
        };
    }
    const laidOut = panelStreams(streams.map(stream => services.analysis.StreamModels.withBaseline(stream)));
    const svg = renderSvg(
        laidOut.map(stream => stream.layout),
        { palette, diagnostics: diagnostics.map(toDiagramDiagnostic), forecasts }
    );
    return { svg, panels: renderPanels(laidOut), problems };
}

function describe(diagnostic: Diagnostic): string {
    return `Line ${diagnostic.range.start.line + 1}: ${toDiagramDiagnostic(diagnostic).message}`;
}
