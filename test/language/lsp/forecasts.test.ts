import { DocumentState, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it, vi } from 'vitest';
import type { Document } from '../../../src/language/generated/ast.js';
import { FORECAST_PAUSE } from '../../../src/language/lsp/vstream-forecasts.js';
import { previewDrawing, previewForecasts } from '../../../src/language/lsp/vstream-preview.js';
import { joinSvgParts } from '../../../src/picture-parts.js';
import { streamCards } from '../../../src/language/lsp/vstream-stream-card.js';
import { createVstreamServices } from '../../../src/language/vstream-module.js';
import { generateStream } from '../../bench/generate-stream.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE } from '../../fixtures.js';
import { lspWorkspace } from '../../lsp-helpers.js';

const URI_TEXT = 'file:///workspace/open.vstream';

/** The preview's map of a document, with the forecasts in so far, as one SVG text. */
function previewSvg(document: LangiumDocument<Document>, services: Parameters<typeof previewDrawing>[1]): string {
    return joinSvgParts(previewDrawing(document, services, 'editor', previewForecasts(document, services)).parts!);
}

/** A server's services with a document open in the editor, its forecasts following the builds. */
function openEditor() {
    const { shared, Vstream } = createVstreamServices(EmptyFileSystem);
    const forecasts = Vstream.handlers.Forecasts;
    forecasts.listen();
    const events: string[] = [];
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
        events.push(`diagnostics of version ${document.textDocument.version}`);
    });
    forecasts.onForecast(done => events.push(`forecast of version ${done.version}`));
    const type = async (version: number, text: string) => {
        shared.workspace.TextDocuments.set(TextDocument.create(URI_TEXT, 'vstream', version, text));
        await shared.workspace.DocumentBuilder.update([URI.parse(URI_TEXT)], []);
        return shared.workspace.LangiumDocuments.getDocument(URI.parse(URI_TEXT)) as LangiumDocument<Document>;
    };
    return { forecasts, events, type };
}

describe('the forecast in the language server', () => {
    it('runs after the diagnostics are published, off the build, and a newer version aborts the older', async () => {
        const { forecasts, events, type } = openEditor();
        // Large enough that its forecast takes many chunks.
        const text = generateStream(400, 12, { ranges: true });
        const first = await type(1, text);
        expect(events).toEqual(['diagnostics of version 1']);
        const running = forecasts.forecastsOf(first);
        const second = await type(2, text.replace('process 3h', 'process 4h'));
        expect(await running).toBeUndefined();
        const latest = await forecasts.forecastsOf(second);
        expect(latest?.version).toBe(2);
        expect(events).toEqual(['diagnostics of version 1', 'diagnostics of version 2', 'forecast of version 2']);
        expect(forecasts.latest(URI_TEXT)).toBe(latest);
    });

    it('waits for typing to pause before it runs, unless something asks for it', async () => {
        const { forecasts, events, type } = openEditor();
        await type(1, WORKED_EXAMPLE);
        await type(2, WORKED_EXAMPLE.replace('process 1h', 'process 2h'));
        await new Promise(resolve => setTimeout(resolve, FORECAST_PAUSE / 4));
        expect(events).toEqual(['diagnostics of version 1', 'diagnostics of version 2']);
        await vi.waitFor(() => expect(events).toContain('forecast of version 2'), { timeout: 10_000 });
        expect(events).not.toContain('forecast of version 1');

        const third = await type(3, WORKED_EXAMPLE.replace('process 1h', 'process 3h'));
        const asked = performance.now();
        expect((await forecasts.forecastsOf(third))?.version).toBe(3);
        expect(performance.now() - asked).toBeLessThan(FORECAST_PAUSE);
    });

    it('keeps the last forecast of a document for the next version, until that one is in', async () => {
        const { forecasts, type } = openEditor();
        const first = await type(1, WORKED_EXAMPLE);
        const done = await forecasts.forecastsOf(first);
        expect(done?.streams.get('onboarding')?.forecast.trials).toBe(10_000);
        await type(2, WORKED_EXAMPLE.replace('process 1h', 'process 2h'));
        expect(forecasts.latest(URI_TEXT)?.version).toBe(1);
    });
});

/** The hover's Markdown just after the first `before` in `text`. */
async function hoverAfter(text: string, before: string): Promise<string> {
    const offset = text.indexOf(before) + before.length;
    const workspace = await lspWorkspace(`${text.slice(0, offset)}<|>${text.slice(offset)}`);
    const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
        textDocument: workspace.textDocument,
        position: workspace.cursor
    });
    return (hover?.contents as { value: string }).value;
}

describe('the forecast in the editor', () => {
    const RANGES = WORKED_EXAMPLE.replace('wait 3d', 'wait 1d..3d..8d');

    it('is in the hover of a step: its criticality and the range of its times', async () => {
        expect(await hoverAfter(RANGES, 'step kick')).toContain(
            '**Forecast** of 10,000 trials: on the longest path in 100% of them; its wait and process time run 1.25–8.25 d.'
        );
    });

    it('is in the hover of a stream: p50, p85, p95 and the chance within the target', async () => {
        const text = RANGES.replace('measure lead-time', 'measure lead-time\n    target 15d');
        expect(await hoverAfter(text, 'stream onb')).toMatch(
            /\*\*Forecast\*\* of 10,000 trials: p50 [\d.]+ d · p85 [\d.]+ [dw] · p95 [\d.]+ [dw]; [\d.]+% of them within the target\./
        );
    });

    it('says in the hover of a stream and of a step which steps only some trials reach', async () => {
        // The decision sends 80% of the tickets to answer and 20% to escalate.
        expect(await hoverAfter(DECISION_EXAMPLE, 'stream tick')).toMatch(
            /\n\nReached in some of the trials only: `answer` (79|80)(\.\d)?%, `escalate` (19|20|21)(\.\d)?%\.$/
        );
        expect(await hoverAfter(DECISION_EXAMPLE, 'step esc')).toMatch(
            /\*\*Forecast\*\* of 10,000 trials: reached in (19|20|21)(\.\d)?% of them, on the longest path in/
        );
        expect(await hoverAfter(DECISION_EXAMPLE, 'step tri')).toContain(
            '**Forecast** of 10,000 trials: on the longest path in 100% of them'
        );
        expect(await hoverAfter(WORKED_EXAMPLE, 'stream onb')).not.toContain('Reached');
    });

    it('adds p85 to the code lens of a stream once it is in', async () => {
        const workspace = await lspWorkspace(WORKED_EXAMPLE);
        const lens = () =>
            workspace.services.lsp.CodeLensProvider!.provideCodeLens(workspace.documents[0], {
                textDocument: workspace.textDocument
            }) as Array<{ command?: { title: string } }>;
        expect(lens()[0].command?.title).not.toContain('p85');
        const done = await workspace.services.handlers.Forecasts.forecastsOf(workspace.documents[0]);
        const p85 = done!.streams.get('onboarding')!.forecast.p85;
        // The worked example: one rework of 25%, so p85 lies above the lead time of 11.4 d.
        expect(p85).toBeGreaterThan(91);
        expect(lens()[0].command?.title).toMatch(/^lead time 11\.4 d · .* · 5 handoffs · p85 [\d.]+ d$/);
    });

    it('gives the stream card a forecast section, the same as the card that runs it itself', async () => {
        const workspace = await lspWorkspace(RANGES);
        const document = workspace.documents[0];
        const forecasts = await workspace.services.handlers.Forecasts.forecastsOf(document);
        const params = { uri: document.uri.toString(), source: 'map.vstream' };
        const card = streamCards(document, params, workspace.services, forecasts).markdown!;
        expect(card).toContain('## Forecast');
        expect(card).toContain('| 85% of the trials (p85) |');
        expect(card).toContain('### Waits worth halving');
        expect(card).toMatch(/- Kickoff call: wait 1–8 d → p85 [\d.]+ d \(−[\d.]+ [dh]\)/);
        expect(streamCards(document, params, workspace.services).markdown).toBe(card);
    });

    it('shows in the preview: a place for it at once, then the histogram with its marks and each step’s criticality', async () => {
        const workspace = await lspWorkspace(RANGES.replace('measure lead-time', 'measure lead-time\n    target 15d'));
        const document = workspace.documents[0];
        const before = previewSvg(document, workspace.services);
        expect(before).toContain('Forecast: running the trials…');
        await workspace.services.handlers.Forecasts.forecastsOf(document);
        const after = previewSvg(document, workspace.services);
        expect(after).toContain('Forecast of 10,000 trials');
        expect(after).toContain('class="vs-forecast-bar"');
        for (const mark of ['p50', 'p85', 'p95', 'target']) {
            expect(after).toMatch(new RegExp(`<text [^>]*>${mark}</text>`));
        }
        expect(after).toMatch(/[\d.]+% within the target of 15 d/);
        expect(after).toContain('critical 100%');
        expect(after).toContain('never critical');
        expect(after.match(/class="vs-criticality"/g)?.length).toBe(5);
    });

    it('keeps user text escaped in a preview with the forecast', async () => {
        const workspace = await lspWorkspace(
            WORKED_EXAMPLE.replace('"Customer onboarding"', '"<b>Onboarding</b> & co"')
        );
        await workspace.services.handlers.Forecasts.forecastsOf(workspace.documents[0]);
        const svg = previewSvg(workspace.documents[0], workspace.services);
        expect(svg).toContain('&lt;b&gt;Onboarding&lt;/b&gt; &amp; co');
        expect(svg).not.toContain('<b>');
    });
});
