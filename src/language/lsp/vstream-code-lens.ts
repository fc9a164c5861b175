/**
 * Two code lenses above each stream: its headline figures (lead time · process time · flow
 * efficiency · handoffs), which open the map beside the text, and its findings, listed on click.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { countOf, formatHours, formatPercent } from '../../analysis/quantities.js';
import { Commands, type StreamFiguresArgument } from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamServices } from '../vstream-module.js';

export class VstreamCodeLensProvider implements CodeLensProvider {
    private readonly streamModels: StreamModels;

    constructor(services: VstreamServices) {
        this.streamModels = services.analysis.StreamModels;
    }

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value as Document;
        return root.elements.filter(isStream).filter(stream => stream.$cstNode).flatMap(stream => {
            const model = this.streamModels.get(stream);
            const { metrics } = model;
            const efficiency = metrics.flowEfficiency === null ? 'n/a' : formatPercent(metrics.flowEfficiency);
            const argument: StreamFiguresArgument = { uri: document.uri.toString(), stream: model.name, title: model.title, metrics, findings: model.findings };
            const start = stream.$cstNode!.range.start;
            const range = { start, end: start };
            const findings = model.findings.length;
            return [{
                range,
                command: {
                    title: `lead time ${formatHours(metrics.leadTime)} · process time ${formatHours(metrics.processTime)} · flow efficiency ${efficiency} · ${countOf(metrics.handoffs, 'handoff')}`,
                    command: Commands.openPreviewToSide,
                    arguments: [document.uri.toString()]
                }
            }, {
                range,
                command: { title: countOf(findings, 'finding'), command: Commands.showStreamFigures, arguments: [argument] }
            }];
        });
    }
}
