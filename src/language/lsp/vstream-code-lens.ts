/**
 * Two code lenses above each stream: its headline figures (lead time · process time · flow
 * efficiency · handoffs, the typical lead time when it decides, and the forecast's p85 once it
 * is in), which open the map beside the text, and its findings, listed on click.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { compareFigures, countOf, formatDuration, hasDecisions, headline } from '../../analysis/figures.js';
import { FINDING_QUESTIONS, type StreamModel } from '../../analysis/stream-model.js';
import { Commands, type FigureRow, type StreamFiguresArgument } from '../../protocol.js';
import { isStream, type Document } from '../generated/ast.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamLspServices } from '../vstream-module.js';

export class VstreamCodeLensProvider implements CodeLensProvider {
    private readonly streamModels: StreamModels;

    constructor(private readonly services: VstreamLspServices) {
        this.streamModels = services.analysis.StreamModels;
    }

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value as Document;
        // The last forecast in, maybe of the text before the latest change: the server asks for the lenses again when the next is in.
        const forecasts = this.services.handlers.Forecasts.latest(document.uri.toString());
        return root.elements
            .filter(isStream)
            .filter(stream => stream.$cstNode)
            .flatMap(stream => {
                const model = this.streamModels.get(stream);
                const argument: StreamFiguresArgument = {
                    uri: document.uri.toString(),
                    title: model.title ?? model.name,
                    rows: figureRows(model)
                };
                const start = stream.$cstNode!.range.start;
                const range = { start, end: start };
                const findings = model.findings.length;
                const p85 = forecasts?.streams.get(model.name)?.forecast.p85;
                return [
                    {
                        range,
                        command: {
                            title: headlineOf(model, p85),
                            command: Commands.openPreviewToSide,
                            arguments: [document.uri.toString()]
                        }
                    },
                    {
                        range,
                        command: {
                            title: countOf(findings, 'finding'),
                            command: Commands.showStreamFigures,
                            arguments: [argument]
                        }
                    }
                ];
            });
    }
}

/** The headline, the typical lead time beside it when decisions make it differ, and the forecast's p85 once it is in. */
function headlineOf(model: StreamModel, p85: number | undefined): string {
    const duration = (hours: number) => formatDuration(hours, model.workdayHours);
    return [
        headline(model),
        hasDecisions(model.metrics) ? `typical ${duration(model.metrics.typicalLeadTime)}` : undefined,
        p85 === undefined ? undefined : `p85 ${duration(p85)}`
    ]
        .filter(part => part !== undefined)
        .join(' · ');
}

/** The list behind the findings lens: every figure, then the findings under the question each answers. */
export function figureRows(model: StreamModel): FigureRow[] {
    const figures: FigureRow[] = [
        { label: 'Figures', heading: true },
        ...compareFigures(model).map(figure => ({ label: `${figure.label}: ${figure.value}` })),
        { label: 'Critical path', description: model.metrics.criticalPath.join(' → ') || 'none' }
    ];
    const findings = Object.entries(FINDING_QUESTIONS).flatMap(([question, heading]) => {
        const answers = model.findings.filter(finding => finding.question === question);
        return answers.length > 0
            ? [
                  { label: heading, heading: true },
                  ...answers.map(finding => ({ label: finding.message, range: finding.range }))
              ]
            : [];
    });
    return [...figures, ...findings];
}
