/**
 * Answers the editor's "Generate Stream Card" and "Update Stream Card File…": the cards of a
 * document's streams, from its latest validated build, carrying over what the teams wrote in
 * the card being replaced.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { keptSummary, streamCardsOver } from '../../cards/stream-card.js';
import { StreamCardMessages, type StreamCardParams, type StreamCardResult } from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import type { VstreamLspServices } from '../vstream-module.js';
import type { DocumentForecasts } from './vstream-forecasts.js';

export class StreamCardHandler {
    constructor(private readonly services: VstreamLspServices) {}

    listen(): void {
        const { shared } = this.services;
        shared.lsp.Connection!.onRequest(StreamCardMessages.card, async (params): Promise<StreamCardResult> => {
            const uri = URI.parse(params.uri);
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri);
            const document = shared.workspace.LangiumDocuments.getDocument(uri) as
                LangiumDocument<Document> | undefined;
            if (!document) {
                return { problem: 'The document is not open.' };
            }
            // The card's forecast is the editor's: reuse it, running or finished, rather than run it twice.
            const forecasts = await this.services.handlers.Forecasts.forecastsOf(document);
            return streamCards(document, params, this.services, forecasts);
        });
    }
}

export function streamCards(
    document: LangiumDocument<Document>,
    { source, earlierCard }: StreamCardParams,
    services: VstreamLspServices,
    forecasts?: DocumentForecasts
): StreamCardResult {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length + parserErrors.length > 0) {
        return { problem: `${source} has syntax errors: fix them (see Problems) and generate the card again.` };
    }
    const streams = document.parseResult.value.elements.filter(isStream);
    if (streams.length === 0) {
        return { problem: `${source} declares no stream.` };
    }
    const models = services.analysis.StreamModels;
    const cards = streamCardsOver(
        streams.map(stream => ({
            ...models.withBaseline(stream),
            source,
            forecast: forecasts?.streams.get(stream.name)?.forecast
        })),
        earlierCard?.text
    );
    return { markdown: cards.markdown, kept: earlierCard && keptSummary(cards, earlierCard.name) };
}
