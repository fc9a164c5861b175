/**
 * Hover: a step's figures (owner, PT, WT, %C&A, share of the lead time, critical path, what it
 * decides), a handoff's sides and what it carries, an edge's share and the chance it stands for,
 * a stream's metrics (the typical ones too when it decides), a team's or system's title.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { chainSteps, flowLinks, handoffLinks, stepOwner, type FlowLink } from '../../analysis/build-model.js';
import {
    countOf,
    formatDuration,
    formatHoursAlike,
    formatPercent,
    formatShare,
    formatTime,
    hasDecisions,
    percentilesLine
} from '../../analysis/figures.js';
import { addSpans, isRange } from '../../analysis/quantities.js';
import type { FlowEdgeModel, LayoutName, StepModel, StreamModel } from '../../analysis/stream-model.js';
import type { MeasuredTime, StreamMeasurement } from '../../measure/measure-model.js';
import { escapeMarkdown } from '../../cards/markdown-text.js';
import * as ast from '../generated/ast.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamLspServices } from '../vstream-module.js';
import type { StreamForecast } from './vstream-forecasts.js';

/** What each layout draws (the preview's Layout menu and `render --layout` choose another for a picture). */
const LAYOUT_HOVER: Record<LayoutName | 'unknown', string> = {
    lanes: '**Layout: lanes** (the default) — a lane per team, steps left to right in flow order, the lead-time ladder below.',
    classic:
        '**Layout: classic** — the current-state map of *Learning to See*: supplier and customer (with demand and takt time) at the ends, the processes in one row with their data boxes, inventory triangles between them, the lead-time ladder below.',
    unknown: 'The map knows the layouts `lanes` (the default) and `classic`.'
};

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
        // A share describes its edge.
        const node =
            ast.isShareClause(leaf?.astNode) || ast.isRateClause(leaf?.astNode)
                ? leaf.astNode.$container
                : leaf?.astNode;
        const content =
            node &&
            (ast.isHandoff(node) ||
                ast.isStream(node) ||
                ast.isStep(node) ||
                ast.isFlow(node) ||
                ast.isRework(node) ||
                ast.isLayoutChoice(node))
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
            return this.flowHover(node);
        }
        if (ast.isRework(node)) {
            return this.reworkHover(node);
        }
        if (ast.isLayoutChoice(node)) {
            return LAYOUT_HOVER[node.kind as LayoutName] ?? LAYOUT_HOVER.unknown;
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
        const decision = model.decisions.find(candidate => candidate.step === index);
        if (decision) {
            const ways = decision.edges.map(edge => {
                const typical = edge === decision.typical && decision.edges.length > 1 ? ' (the typical way)' : '';
                return `${formatPercent(model.edges[edge].share!)} to \`${model.steps[model.edges[edge].to].name}\`${typical}`;
            });
            lines.push(`Decides: ${ways.join(', ')}.`);
        }
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
        const steps = chainSteps(handoff);
        const sides = steps.length > 1 ? steps.map(side) : [side(handoff.source), side(handoff.target)];
        const lines = [`**Handoff** ${sides.join(' → ')}`, ''];
        const carries = handoff.clauses.filter(ast.isCarriesClause).flatMap(clause => clause.items);
        lines.push(
            carries.length > 0
                ? `Carries ${carries.map(item => `“${escapeMarkdown(item)}”`).join(', ')}.`
                : 'Carries nothing that is stated.'
        );
        const model = this.modelOf(handoff);
        const edges = model ? edgesOf(model, handoffLinks(handoff)) : [];
        // A chain's links carry one body: the first says what it is.
        const edge = edges[0];
        if (edge) {
            const details = [
                edge.via ? `via ${escapeMarkdown(edge.via.title ?? edge.via.name)}` : undefined,
                edge.waitTime > 0 ? `waits ${formatTime(edge.wait, model!.workdayHours)}` : undefined,
                `${formatPercent(edge.completeAccurate)} complete and accurate`,
                edge.owner ? `accountable: ${escapeMarkdown(edge.owner.title ?? edge.owner.name)}` : undefined
            ].filter(Boolean);
            lines.push(`${details.join(' · ')}.`);
            lines.push(criticalLine(model!, edges));
            lines.push(...shareLines(model!, edges));
            lines.push(...branchesMeasured(model!, edges, this.measurementOf(model!)));
        }
        return lines.join('\n');
    }

    private flowHover(flow: ast.Flow): string {
        const header = `**Flow** ${flow.steps.map(step => `\`${step.$refText}\``).join(' → ')}`;
        const model = this.modelOf(flow);
        const edges = model ? edgesOf(model, flowLinks(flow)) : [];
        const shares = model
            ? [...shareLines(model, edges), ...branchesMeasured(model, edges, this.measurementOf(model))]
            : [];
        return shares.length > 0
            ? [header, '', ...shares].join('\n')
            : `${header}: plain sequence edges with no data of their own.`;
    }

    /** A rework: how often work goes back, as the map says and as the tracker's history measured it. */
    private reworkHover(rework: ast.Rework): string {
        const from = rework.source?.$refText ?? '?',
            to = rework.target?.$refText ?? '?';
        const model = this.modelOf(rework);
        const found = model?.reworks.find(
            candidate => model.steps[candidate.from].name === from && model.steps[candidate.to].name === to
        );
        const lines = [`**Rework** \`${from}\` → \`${to}\``, ''];
        lines.push(
            found?.rate === undefined
                ? 'No rate: how often work goes back is not said.'
                : `${formatPercent(found.rate)} of the work leaving \`${from}\` goes back to \`${to}\`${found.reason ? ` (${escapeMarkdown(found.reason)})` : ''}; in expectation it adds ${formatDuration(found.addedHours, model!.workdayHours)} to the lead time.`
        );
        const measured =
            model && this.measurementOf(model)?.rework.find(entry => entry.from === from && entry.to === to);
        if (measured?.reached.measured != null) {
            const all =
                measured.measured !== null && measured.measured !== measured.reached.measured
                    ? ` (${formatPercent(measured.measured)} of all ${measured.samples})`
                    : '';
            lines.push(
                '',
                `**Measured**: ${formatPercent(measured.reached.measured)} of ${countOf(measured.reached.samples, 'visit')} to \`${from}\` after one to \`${to}\` went back${all}, against ${measured.mapped === null ? 'no rate' : formatPercent(measured.mapped)} mapped.`
            );
        }
        return lines.join('\n');
    }

    private measurementOf(model: StreamModel): StreamMeasurement | undefined {
        return this.services.analysis.Measurements.measurement(model.name);
    }

    private streamHover(stream: ast.Stream): string {
        const model = this.streamModels.get(stream);
        const { metrics, workdayHours } = model;
        const forecast = this.forecastOf(stream, stream.name);
        const duration = (hours: number) => formatDuration(hours, workdayHours);
        const decides = hasDecisions(metrics);
        const figures: Array<[string, string]> = [
            ['lead time', duration(metrics.leadTime)],
            ...(decides ? [['typical lead time', duration(metrics.typicalLeadTime)] as [string, string]] : []),
            ['process time', duration(metrics.processTime)],
            ['flow efficiency', formatShare(metrics.flowEfficiency)],
            ['rolled %C&A', formatPercent(metrics.rolledCompleteAccurate)],
            ['handoffs', String(metrics.handoffs)],
            ['expected lead time', duration(metrics.expectedLeadTime)]
        ];
        const path = (names: string[]) => names.map(name => `\`${name}\``).join(' → ') || 'none';
        const lines = [
            `**${escapeMarkdown(stream.title ?? stream.name)}** — stream \`${stream.name}\`${stream.improves ? `, improves \`${stream.improves.$refText}\`` : ''}`,
            '',
            `| ${figures.map(([label]) => label).join(' | ')} |`,
            `|${figures.map(() => '---:').join('|')}|`,
            `| ${figures.map(([, value]) => value).join(' | ')} |`,
            '',
            `Critical path: ${path(metrics.criticalPath)}`
        ];
        if (decides) {
            lines.push(
                '',
                `Typical path: ${path(metrics.typicalPath)}, which ${formatPercent(metrics.typicalShare)} of the items take (at each decision, its likeliest way).`
            );
        }
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
            lines.push(...streamForecast(forecast, workdayHours));
        }
        const measured = this.measurementOf(model);
        if (measured?.leadTime.p50 != null) {
            const [p50, p85] = formatHoursAlike([measured.leadTime.p50, measured.leadTime.p85], workdayHours);
            lines.push(
                '',
                `**Measured** lead time of ${countOf(measured.done, 'done item')} in the tracker's history: p50 ${p50}, p85 ${p85}.`
            );
        }
        return lines.join('\n');
    }
}

/**
 * What the tracker's history measured of these edges, where their step has two or more: the share
 * of its closed visits that went on along each, and how many items went both ways.
 */
function branchesMeasured(
    model: StreamModel,
    edges: FlowEdgeModel[],
    measured: StreamMeasurement | undefined
): string[] {
    return edges.flatMap(edge => {
        const from = model.steps[edge.from].name,
            to = model.steps[edge.to].name;
        const branch = measured?.branches.find(candidate => candidate.from === from && candidate.to === to);
        if (branch?.measured == null) {
            return [];
        }
        const mapped = branch.mapped === null ? 'no share' : formatPercent(branch.mapped);
        const both =
            branch.both === null
                ? ''
                : `; ${formatPercent(branch.both)} of its items went on along two or more of its edges`;
        return [
            '',
            `**Measured**: ${formatPercent(branch.measured)} of ${countOf(branch.samples, 'visit')} to \`${from}\` went on to \`${to}\`, against ${mapped} mapped${both}.`
        ];
    });
}

/** The model's edges of a handoff's or flow's links, in the chain's order. */
function edgesOf(model: StreamModel, links: FlowLink[]): FlowEdgeModel[] {
    return links.flatMap(link =>
        model.edges.filter(
            edge =>
                edge.range?.start.line === link.range?.start.line &&
                edge.range?.start.character === link.range?.start.character
        )
    );
}

/** Whether the edges of a handoff (a chain's links) are on the critical path. */
function criticalLine(model: StreamModel, edges: FlowEdgeModel[]): string {
    const critical = edges.filter(edge => model.criticalEdges.includes(edge.index));
    if (critical.length === edges.length || critical.length === 0) {
        return critical.length > 0 ? 'On the critical path.' : 'Not on the critical path.';
    }
    return `On the critical path: ${critical.map(edge => edgeName(model, edge)).join(', ')}.`;
}

function edgeName(model: StreamModel, edge: FlowEdgeModel): string {
    return `\`${model.steps[edge.from].name}\` → \`${model.steps[edge.to].name}\``;
}

/**
 * The share of each edge that has one, and the chance it stands for: the share over the
 * decision's sum. A share counts for nothing where not every edge leaving the step has one.
 */
function shareLines(model: StreamModel, edges: FlowEdgeModel[]): string[] {
    return edges.flatMap(edge => {
        if (edge.share === undefined) {
            return [];
        }
        const from = `\`${model.steps[edge.from].name}\``;
        const link = edges.length > 1 ? `${edgeName(model, edge)}: ` : '';
        const share = `${link}Share ${formatPercent(edge.share)}`;
        const decision = model.decisions.find(candidate => candidate.edges.includes(edge.index));
        if (!decision) {
            return [`${share}, which counts for nothing: not every edge leaving ${from} has one.`];
        }
        const chance = decision.chances[decision.edges.indexOf(edge.index)];
        const sum = decision.edges.reduce((total, other) => total + model.edges[other].share!, 0);
        const normalised = Math.abs(sum - 1) > 1e-9 ? ` (the shares add up to ${formatPercent(sum)})` : '';
        const typical = decision.typical === edge.index && decision.edges.length > 1 ? ', the typical way' : '';
        return [`${share}: ${formatPercent(chance)} of the items leaving ${from} go this way${typical}${normalised}.`];
    });
}

/** The forecast's lead time, and the steps that only some trials reach (the ways of decisions). */
function streamForecast({ model, forecast }: StreamForecast, workdayHours: number): string[] {
    const chance =
        forecast.chanceWithinTarget === null
            ? ''
            : `; ${formatPercent(forecast.chanceWithinTarget)} of them within the target`;
    const lines = [
        '',
        `**Forecast** of ${forecast.trials.toLocaleString('en')} trials: ${percentilesLine(forecast, workdayHours)}${chance}.`
    ];
    const partly = model.steps.flatMap((step, index) =>
        forecast.reached[index] < 1 ? [`\`${step.name}\` ${formatPercent(forecast.reached[index])}`] : []
    );
    if (partly.length > 0) {
        lines.push('', `Reached in some of the trials only: ${partly.join(', ')}.`);
    }
    return lines;
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
    const { trials, criticality, reached } = forecast.forecast;
    // The step's wait counts its inventory already.
    const time = addSpans([step.process, step.wait]);
    const spread = isRange(time)
        ? `its wait and process time run ${formatTime(time, model.workdayHours)}`
        : `its wait and process time are fixed at ${formatDuration(time.likely, model.workdayHours)}`;
    return [
        '',
        `**Forecast** of ${trials.toLocaleString('en')} trials: ${reached[index] < 1 ? `reached in ${formatPercent(reached[index])} of them, ` : ''}on the longest path in ${criticality[index] > 0 ? formatPercent(criticality[index]) : 'none'} of them; ${spread}.`
    ];
}
