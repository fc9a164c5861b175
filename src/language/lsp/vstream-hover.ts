/**
 * Hover: a step's figures (owner, PT, WT, %C&A, share of the lead time, critical path), a
 * handoff's two sides and what it carries, a stream's metrics, a team's or system's title.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { stepOwner } from '../../analysis/build-model.js';
import {
    countOf,
    formatDuration,
    formatHoursAlike,
    formatPercent,
    formatShare,
    formatTime,
    percentilesLine
} from '../../analysis/figures.js';
import { addSpans, isRange } from '../../analysis/quantities.js';
import type { StepModel, StreamModel } from '../../analysis/stream-model.js';
import type { MeasuredTime, StreamMeasurement } from '../../measure/measure-model.js';
import { escapeMarkdown } from '../../cards/markdown-text.js';
import * as ast from '../generated/ast.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamLspServices } from '../vstream-module.js';
import type { StreamForecast } from './vstream-forecasts.js';

export class VstreamHoverProvider extends AstNodeHoverProvider {
    private readonly streamModels: StreamModels;

    constructor(private readonly services: VstreamLspServices) {
        super(services);
        this.streamModels = services.analysis.StreamModels;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        // A forecast still running is awaited: it runs in chunks, and a hover is asked for at rest.
        await this.services.handlers.Forecasts.forecastsOf(document as LangiumDocument<ast.Document>);
        const declared = await super.getHoverContent(document, params);
        if (declared) {
            return declared;
        }
        // Keywords and arrows describe the statement they belong to: `handoff`, `->`, `stream`, `step`.
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const node = leaf?.astNode;
        const content =
            node && (ast.isHandoff(node) || ast.isStream(node) || ast.isStep(node) || ast.isFlow(node))
                ? this.getAstNodeHoverContent(node)
                : undefined;
        return content ? { contents: { kind: 'markdown', value: content } } : undefined;
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        if (ast.isStep(node)) {
            return this.stepHover(node);
        }
        if (ast.isHandoff(node)) {
            return this.handoffHover(node);
        }
        if (ast.isStream(node)) {
            return this.streamHover(node);
        }
        if (ast.isTeam(node) || ast.isSystem(node)) {
            return `**${escapeMarkdown(node.title ?? node.name)}** — ${ast.isTeam(node) ? 'team' : 'system'} \`${node.name}\``;
        }
        if (ast.isFlow(node)) {
            return `**Flow** ${node.steps.map(step => `\`${step.$refText}\``).join(' → ')}: plain sequence edges with no data of their own.`;
        }
        return undefined;
    }

    /** The stream's forecast, as the document's last finished forecast has it. */
    private forecastOf(node: AstNode, stream: string): StreamForecast | undefined {
        return this.services.handlers.Forecasts.latest(AstUtils.getDocument(node).uri.toString())?.streams.get(stream);
    }

    private modelOf(node: AstNode): StreamModel | undefined {
        const stream = AstUtils.getContainerOfType(node, ast.isStream);
        return stream && this.streamModels.get(stream);
    }

    private stepHover(step: ast.Step): string | undefined {
        const model = this.modelOf(step);
        const index = step.$container.members.filter(ast.isStep).indexOf(step);
        const figures = model?.steps[index];
        if (!model || !figures) {
            return undefined;
        }
        const share = model.stepFigures[index];
        const workday = model.workdayHours;
        const lines = [
            `**${escapeMarkdown(figures.title ?? figures.name)}** — step \`${figures.name}\`, owner ${figures.owner ? escapeMarkdown(figures.owner.title ?? figures.owner.name) : '*none*'}`,
            '',
            '| process time | wait time | %C&A | share of lead time |',
            '|---:|---:|---:|---:|',
            `| ${formatTime(figures.process, workday)} | ${formatTime(figures.wait, workday)} | ${formatPercent(figures.completeAccurate)} | ${formatPercent(share.shareOfLeadTime)} |`,
            '',
            share.onCriticalPath ? 'On the critical path.' : 'Not on the critical path.'
        ];
        for (const [what, time] of [
            ['Process time', figures.process],
            ['Wait time', figures.wait]
        ] as const) {
            if (isRange(time)) {
                lines.push(
                    `${what} ${formatTime(time, workday)}: the figures use its likely ${formatDuration(time.likely, workday)}.`
                );
            }
        }
        if (figures.inventory) {
            lines.push(
                model.demandPerHour
                    ? `${countOf(figures.inventory.items, 'item')} in front of it: ${formatDuration(figures.inventory.hours, workday)} of waiting at the stream's demand (Little's law).`
                    : `${countOf(figures.inventory.items, 'item')} in front of it, which count for no time: the stream gives no \`demand\`.`
            );
        }
        if (share.expectedTime > share.time) {
            lines.push(
                `Inside a rework loop: ${formatDuration(share.expectedTime, workday)} of wait and process time in expectation.`
            );
        }
        for (const wait of figures.waits.filter(candidate => candidate.outsideControl && candidate.cause)) {
            lines.push(
                `Waits ${formatTime(wait.time, workday)} on ${wait.cause!.kind} ${escapeMarkdown(wait.cause!.title ?? wait.cause!.name)}, outside the owner's control.`
            );
        }
        if (figures.systems.length > 0) {
            lines.push(
                `Uses ${figures.systems.map(system => escapeMarkdown(system.title ?? system.name)).join(', ')}.`
            );
        }
        for (const idea of figures.kaizens) {
            lines.push(`Kaizen: ${escapeMarkdown(idea)}`);
        }
        lines.push(...stepForecast(model, figures, this.forecastOf(step, model.name)));
        lines.push(...stepMeasured(model, this.services.analysis.Measurements.measurement(model.name), figures.name));
        return lines.join('\n');
    }

    private handoffHover(handoff: ast.Handoff): string {
        const side = (reference: typeof handoff.source | undefined) => {
            const owner = reference?.ref && stepOwner(reference.ref);
            return `\`${reference?.$refText ?? '?'}\` (${owner ? escapeMarkdown(owner.title ?? owner.name) : 'no owner'})`;
        };
        const lines = [`**Handoff** ${side(handoff.source)} → ${side(handoff.target)}`, ''];
        const carries = handoff.clauses.filter(ast.isCarriesClause).flatMap(clause => clause.items);
        lines.push(
            carries.length > 0
                ? `Carries ${carries.map(item => `“${escapeMarkdown(item)}”`).join(', ')}.`
                : 'Carries nothing that is stated.'
        );
        const model = this.modelOf(handoff);
        const edge = model?.edges.find(
            candidate =>
                candidate.kind === 'handoff' &&
                candidate.range?.start.line === handoff.$cstNode?.range.start.line &&
                candidate.range?.start.character === handoff.$cstNode?.range.start.character
        );
        if (edge) {
            const details = [
                edge.via ? `via ${escapeMarkdown(edge.via.title ?? edge.via.name)}` : undefined,
                edge.waitTime > 0 ? `waits ${formatTime(edge.wait, model!.workdayHours)}` : undefined,
                `${formatPercent(edge.completeAccurate)} complete and accurate`,
                edge.owner ? `accountable: ${escapeMarkdown(edge.owner.title ?? edge.owner.name)}` : undefined
            ].filter(Boolean);
            lines.push(`${details.join(' · ')}.`);
            lines.push(
                model!.criticalEdges.includes(edge.index) ? 'On the critical path.' : 'Not on the critical path.'
            );
        }
        return lines.join('\n');
    }

    private streamHover(stream: ast.Stream): string {
        const { metrics, workdayHours } = this.streamModels.get(stream);
        const forecast = this.forecastOf(stream, stream.name)?.forecast;
        const duration = (hours: number) => formatDuration(hours, workdayHours);
        const lines = [
            `**${escapeMarkdown(stream.title ?? stream.name)}** — stream \`${stream.name}\`${stream.improves ? `, improves \`${stream.improves.$refText}\`` : ''}`,
            '',
            '| lead time | process time | flow efficiency | rolled %C&A | handoffs | expected lead time |',
            '|---:|---:|---:|---:|---:|---:|',
            `| ${duration(metrics.leadTime)} | ${duration(metrics.processTime)} | ${formatShare(metrics.flowEfficiency)} | ${formatPercent(metrics.rolledCompleteAccurate)} | ${metrics.handoffs} | ${duration(metrics.expectedLeadTime)} |`,
            '',
            `Critical path: ${metrics.criticalPath.map(name => `\`${name}\``).join(' → ') || 'none'}`
        ];
        if (metrics.bestLeadTime !== metrics.worstLeadTime) {
            lines.push(
                '',
                `With its ranges the lead time runs from ${duration(metrics.bestLeadTime)} at best to ${duration(metrics.worstLeadTime)} at worst.`
            );
        }
        if (metrics.target !== null) {
            const met = metrics.leadTime <= metrics.target + 1e-9;
            lines.push(
                '',
                `Target ${duration(metrics.target)}: ${met ? 'met' : `missed by ${duration(metrics.leadTime - metrics.target)}`}.`
            );
        }
        if (forecast) {
            const chance =
                forecast.chanceWithinTarget === null
                    ? ''
                    : `; ${formatPercent(forecast.chanceWithinTarget)} of them within the target`;
            lines.push(
                '',
                `**Forecast** of ${forecast.trials.toLocaleString('en')} trials: ${percentilesLine(forecast, workdayHours)}${chance}.`
            );
        }
        return lines.join('\n');
    }
}

/** What the tracker's history measured of the step, once the stream was measured: its medians and p85 beside the map's. */
function stepMeasured(model: StreamModel, measured: StreamMeasurement | undefined, step: string): string[] {
    const found = measured?.steps.find(candidate => candidate.step === step);
    if (!found) {
        return [];
    }
    const read = (time: MeasuredTime) => {
        const [mapped, p50, p85] = formatHoursAlike([time.mapped, time.p50, time.p85], model.workdayHours);
        return time.p50 === null ? `${mapped} mapped, not measured` : `${p50} (p85 ${p85}) against ${mapped} mapped`;
    };
    return [
        '',
        `**Measured** over ${countOf(found.visits, 'visit')} of the tracker's history: process ${read(found.process)}; wait ${read(found.wait)}.`
    ];
}

/** How often the step was critical in the forecast's trials, and the range of its waits and process together. */
function stepForecast(model: StreamModel, step: StepModel, forecast: StreamForecast | undefined): string[] {
    const index = forecast?.model.steps.findIndex(candidate => candidate.name === step.name) ?? -1;
    if (!forecast || index < 0) {
        return [];
    }
    const { trials, criticality } = forecast.forecast;
    // The step's wait counts its inventory already.
    const time = addSpans([step.process, step.wait]);
    const spread = isRange(time)
        ? `its wait and process time run ${formatTime(time, model.workdayHours)}`
        : `its wait and process time are fixed at ${formatDuration(time.likely, model.workdayHours)}`;
    return [
        '',
        `**Forecast** of ${trials.toLocaleString('en')} trials: on the longest path in ${criticality[index] > 0 ? formatPercent(criticality[index]) : 'none'} of them; ${spread}.`
    ];
}
