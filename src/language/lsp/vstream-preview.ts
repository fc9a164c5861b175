/**
 * The server side of the live preview: it follows the documents that have an open preview and,
 * after every validated build of one, draws the map (model → layout → SVG in parts) and sends
 * what changed since the picture it sent last. Text that does not parse sends no picture, only
 * what is wrong, so the preview keeps its last good one. The picture shows the last forecast in;
 * when the forecast of this version comes in, the map is drawn again with it.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import {
    forecastPicture,
    panelStreams,
    renderPanels,
    renderSvgParts,
    toDiagramDiagnostic,
    type ForecastPicture,
    type MeasuredLeadTime
} from '../../diagram/index.js';
import { joinSvgParts, PictureParts, type SvgPart } from '../../picture-parts.js';
import type { Palette } from '../../theme/theme.js';
import type { LayoutName } from '../../analysis/stream-model.js';
import { PreviewMessages, type PreviewUpdate, type RenderParams, type RenderResult } from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import type { VstreamLspServices } from '../vstream-module.js';

/** Beyond this many steps in one file the preview says so instead of drawing. */
export const MAX_PREVIEW_STEPS = 20_000;
const MAX_PROBLEMS = 5;

/** What a document's preview shows: the map in parts, the panels, and what is wrong; no parts when it cannot be drawn. */
export interface PreviewDrawing {
    parts?: SvgPart[];
    panels?: string;
    problems: string[];
}

export class PreviewPublisher {
    /** The documents with an open preview, by URI. */
    private readonly followed = new Map<string, FollowedDocument>();
    private readonly shared: LangiumSharedServices;

    constructor(private readonly services: VstreamLspServices) {
        this.shared = services.shared;
    }

    /** Answers the extension's preview messages, and sends what changed after each build of a followed document. */
    listen(): void {
        const connection = this.connection;
        connection.onNotification(PreviewMessages.open, params => {
            const followed = this.followed.get(params.uri);
            if (followed) {
                followed.previews++;
            } else {
                this.followed.set(params.uri, new FollowedDocument());
                void this.publishWhenBuilt(params.uri);
            }
        });
        connection.onNotification(PreviewMessages.close, params => {
            const followed = this.followed.get(params.uri);
            if (followed && --followed.previews === 0) {
                this.followed.delete(params.uri);
            }
        });
        connection.onNotification(PreviewMessages.layout, params => {
            const followed = this.followed.get(params.uri);
            const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri));
            if (followed) {
                followed.layout = params.layout;
                if (document) {
                    this.publish(document as LangiumDocument<Document>);
                }
            }
        });
        connection.onRequest(PreviewMessages.render, params => this.renderFile(params));
        this.services.handlers.Forecasts.onForecast(forecasts => {
            const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(forecasts.uri));
            if (this.followed.has(forecasts.uri) && document?.textDocument.version === forecasts.version) {
                this.publish(document as LangiumDocument<Document>);
            }
        });
        // Drawn as soon as the build is validated, before the requests that waited for it (semantic tokens, code lenses).
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            for (const document of documents) {
                this.publish(document as LangiumDocument<Document>);
            }
        });
    }

    private get connection(): Connection {
        return this.shared.lsp.Connection!;
    }

    private async publishWhenBuilt(uri: string): Promise<void> {
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, URI.parse(uri));
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (document) {
            this.publish(document as LangiumDocument<Document>);
        }
    }

    private publish(document: LangiumDocument<Document>): void {
        const uri = document.uri.toString();
        const followed = this.followed.get(uri);
        const update = followed?.update(
            uri,
            document.textDocument.version,
            previewDrawing(
                document,
                this.services,
                'editor',
                previewForecasts(document, this.services),
                followed.layout
            )
        );
        if (update) {
            void this.connection.sendNotification(PreviewMessages.update, update);
        }
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
        const drawing = previewDrawing(document, this.services, params.palette, undefined, params.layout);
        return drawing.parts
            ? { svg: joinSvgParts(drawing.parts) }
            : { problem: drawing.problems.join('\n') || 'The map could not be drawn.' };
    }
}

/**
 * A document followed by one or more previews, and what they were sent last: each update
 * carries only what differs from it, and a drawing that changes nothing sends nothing (a save
 * that rebuilds the same text, a keystroke in a comment).
 */
export class FollowedDocument {
    previews = 1;
    /** The layout the preview's menu chose, over the streams' own. */
    layout?: LayoutName;
    private readonly picture = new PictureParts();
    private panels?: string;
    /** The banner last sent: the problems, and whether the picture was the last good one. */
    private banner?: string;

    /** The update from what was sent last to `drawing`, which becomes what was sent; undefined when nothing changed. */
    update(uri: string, version: number, drawing: PreviewDrawing): PreviewUpdate | undefined {
        const picture = drawing.parts && this.picture.diff(drawing.parts);
        const panels = drawing.panels !== this.panels ? drawing.panels : undefined;
        this.panels = drawing.panels ?? this.panels;
        const banner = JSON.stringify([drawing.problems, drawing.parts === undefined]);
        if (!picture && panels === undefined && banner === this.banner) {
            return undefined;
        }
        this.banner = banner;
        return {
            uri,
            version,
            problems: drawing.problems,
            ...(picture && { picture }),
            ...(panels !== undefined && { panels }),
            ...(!drawing.parts && { undrawn: true as const })
        };
    }
}

/** The document's last forecast in, per stream, marked as current or about to change. */
export function previewForecasts(
    document: LangiumDocument<Document>,
    services: VstreamLspServices
): Map<string, ForecastPicture> {
    const forecasts = services.handlers.Forecasts.latest(document.uri.toString());
    const current = forecasts?.version === document.textDocument.version;
    return new Map(
        [...(forecasts?.streams ?? [])].map(([name, { model, forecast }]) => [
            name,
            forecastPicture(model, forecast, current, measuredLeadTime(services, name))
        ])
    );
}

/** The stream's lead time as its tracker's history measured it, once it was measured. */
function measuredLeadTime(services: VstreamLspServices, stream: string): MeasuredLeadTime | null {
    const measured = services.analysis.Measurements.measurement(stream);
    const { p50, p85 } = measured?.leadTime ?? {};
    return measured && p50 != null && p85 != null ? { p50, p85, done: measured.done } : null;
}

/**
 * The map of a document for its preview (with the forecasts) or a file (in another palette,
 * without), or what keeps it from being drawn.
 */
export function previewDrawing(
    document: LangiumDocument<Document>,
    services: VstreamLspServices,
    palette: Palette = 'editor',
    forecasts?: ReadonlyMap<string, ForecastPicture>,
    layout?: LayoutName
): PreviewDrawing {
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
    const laidOut = panelStreams(
        streams.map(stream => services.analysis.StreamModels.withBaseline(stream)),
        layout
    );
    const parts = renderSvgParts(
        laidOut.map(stream => stream.layout),
        { palette, diagnostics: diagnostics.map(toDiagramDiagnostic), forecasts }
    );
    return { parts, panels: renderPanels(laidOut), problems };
}

function describe(diagnostic: Diagnostic): string {
    return `Line ${diagnostic.range.start.line + 1}: ${toDiagramDiagnostic(diagnostic).message}`;
}
