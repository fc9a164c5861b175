/**
 * From a linked `stream` AST node to its StreamModel. Unresolved references and half-parsed
 * text are tolerated: whatever cannot be resolved is left out, never thrown on.
 */
import { GrammarUtils, type AstNode, type CstNode, type Reference } from 'langium';
import * as ast from '../language/generated/ast.js';
import { buildFindings } from './findings.js';
import { analyseFlow } from './metrics.js';
import { LAYOUT_NAMES } from './stream-model.js';
import {
    addSpans,
    DEFAULT_WORKDAY_HOURS,
    fixedTime,
    itemsPerHour,
    parseCount,
    parseDuration,
    partHours,
    percentageFraction,
    sharePercentage,
    timeSpan,
    type TimeSpan
} from './quantities.js';
import type {
    DecisionModel,
    FlowEdgeModel,
    Lane,
    Party,
    ReworkModel,
    SourceRange,
    StepModel,
    StreamModel
} from './stream-model.js';

export function buildStreamModel(stream: ast.Stream): StreamModel {
    const members = stream.members ?? [];
    const workdayHours = streamWorkdayHours(members);
    const demandPerHour = demandOf(members, workdayHours);
    const stepNodes = members.filter(ast.isStep);
    const stepIndex = new Map<ast.Step, number>(stepNodes.map((step, index) => [step, index]));
    const ideas = kaizenIdeas(members);

    const steps = stepNodes.map((node, index) =>
        stepModel(node, index, { workdayHours, demandPerHour }, ideas.get(node) ?? [])
    );
    const edges = flowEdges(members, stepIndex, steps, workdayHours);
    const decisions = decisionsOf(steps, edges);
    const reworks = reworkModels(members, stepIndex, workdayHours);
    const target = members.find(ast.isTarget);
    const flow = analyseFlow(
        steps,
        edges,
        reworks,
        decisions,
        target ? timeSpan(target.duration, workdayHours).likely : undefined
    );
    flow.graph.cycles.forEach((cycle, edge) => {
        edges[edge].cycle = cycle;
    });
    flow.loops.forEach((loop, index) => {
        reworks[index].loopSteps = loop.steps;
        reworks[index].addedHours = loop.addedHours;
    });
    // A handoff chain counts one handoff per link.
    const handoffLinkCount = members
        .filter(ast.isHandoff)
        .reduce((count, handoff) => count + 1 + (handoff.onward?.length ?? 0), 0);
    const crossingFlows = edges.filter(edge => edge.kind === 'flow' && edge.crossesOwners).length;

    const model: StreamModel = {
        name: stream.name ?? '',
        title: stream.title,
        improves: stream.improves?.$refText || undefined,
        workdayHours,
        layout: LAYOUT_NAMES.find(name => name === members.find(ast.isLayoutChoice)?.kind),
        demandPerHour,
        doneStatuses: members.filter(ast.isDone).flatMap(done => done.statuses),
        identification: identification(members, steps, edges),
        steps,
        edges,
        decisions,
        reworks,
        lanes: lanes(steps),
        metrics: { ...flow.metrics, handoffs: handoffLinkCount + crossingFlows },
        criticalPath: flow.criticalPath,
        criticalEdges: flow.criticalEdges,
        typicalPath: flow.typicalPath,
        typicalEdges: flow.typicalEdges,
        stepFigures: flow.stepFigures,
        findings: [],
        range: rangeOf(stream),
        nameRange: propertyRange(stream, 'name')
    };
    model.findings = buildFindings(model);
    return model;
}

/** Hours of the stream's working day: its `workday` when it gives hours or minutes, else 8. */
export function streamWorkdayHours(members: ast.StreamMember[]): number {
    const workday = members.find(ast.isWorkday);
    const length = parseDuration(workday?.length);
    // Only hours or minutes define a working day; anything else is reported and ignored.
    if (!length || (length.unit !== 'h' && length.unit !== 'm')) {
        return DEFAULT_WORKDAY_HOURS;
    }
    const hours = partHours(length, DEFAULT_WORKDAY_HOURS);
    return hours > 0 ? hours : DEFAULT_WORKDAY_HOURS;
}

/** Items per working hour from `demand N per h|d|w`; none when absent or unreadable (validation reports it). */
function demandOf(members: ast.StreamMember[], workdayHours: number): number | undefined {
    const demand = members.find(ast.isDemand);
    const count = parseCount(demand?.count);
    const period = demand?.period;
    if (count === undefined || count <= 0 || (period !== 'h' && period !== 'd' && period !== 'w')) {
        return undefined;
    }
    return itemsPerHour(count, period, workdayHours);
}

export function partyOf(node: ast.Team | ast.System | undefined): Party | undefined {
    if (!node) {
        return undefined;
    }
    return { name: node.name ?? '', title: node.title, kind: ast.isTeam(node) ? 'team' : 'system' };
}

function resolved<T extends AstNode>(reference: Reference<T> | undefined): T | undefined {
    return reference?.ref;
}

export function stepOwner(step: ast.Step): ast.Team | undefined {
    return resolved(step.clauses?.find(ast.isOwnerClause)?.team);
}

interface Calendar {
    workdayHours: number;
    demandPerHour?: number;
}

/** The kaizen ideas of each step, in the order written. */
function kaizenIdeas(members: ast.StreamMember[]): Map<ast.Step, string[]> {
    const ideas = new Map<ast.Step, string[]>();
    for (const kaizen of members.filter(ast.isKaizen)) {
        const step = resolved(kaizen.step);
        if (step) {
            ideas.set(step, [...(ideas.get(step) ?? []), kaizen.idea ?? '']);
        }
    }
    return ideas;
}

function stepModel(node: ast.Step, index: number, calendar: Calendar, kaizens: string[]): StepModel {
    const clauses = node.clauses ?? [];
    const ownerNode = stepOwner(node);
    const owner = partyOf(ownerNode);
    const waits = clauses.filter(ast.isStepWait).map(wait => {
        const causeNode = resolved(wait.cause);
        const time = timeSpan(wait.duration, calendar.workdayHours);
        return {
            hours: time.likely,
            time,
            cause: partyOf(causeNode),
            outsideControl: causeNode !== undefined && causeNode !== ownerNode,
            range: rangeOf(wait)
        };
    });
    const inventory = inventoryOf(clauses, calendar);
    const wait: TimeSpan = addSpans([...waits.map(stepWait => stepWait.time), fixedTime(inventory?.hours ?? 0)]);
    const process = timeSpan(clauses.find(ast.isProcessClause)?.duration, calendar.workdayHours);
    const complete = clauses.find(ast.isCompleteClause);
    return {
        index,
        name: node.name ?? '',
        title: node.title,
        owner,
        processTime: process.likely,
        process,
        waitTime: wait.likely,
        wait,
        waits,
        inventory,
        statuses: clauses.filter(ast.isStatusClause).flatMap(status => status.statuses),
        queues: clauses.filter(ast.isQueueClause).flatMap(queue => queue.statuses),
        completeAccurate: percentageFraction(complete?.percentage, 1),
        systems: clauses
            .filter(ast.isUsesClause)
            .flatMap(uses => uses.systems.map(resolved))
            .map(partyOf)
            .filter((system): system is Party => system !== undefined),
        kaizens,
        range: rangeOf(node),
        nameRange: propertyRange(node, 'name')
    };
}

/** Little's law: N items in front of a step, arriving at a rate of d per hour, wait N / d hours. */
function inventoryOf(clauses: ast.StepClause[], { demandPerHour }: Calendar): StepModel['inventory'] {
    const items = parseCount(clauses.find(ast.isInventoryClause)?.count);
    if (items === undefined) {
        return undefined;
    }
    return { items, hours: demandPerHour ? items / demandPerHour : 0 };
}

export interface FlowLink {
    source: Reference<ast.Step>;
    target: Reference<ast.Step>;
    /** From the first step name to the second: where a diagnostic about this link belongs. */
    range: SourceRange | undefined;
}

/** The links of a `flow a -> b -> c` chain: a -> b and b -> c. */
export function flowLinks(flow: ast.Flow): FlowLink[] {
    return chainLinks(chainSteps(flow), flow);
}

/** The steps a `handoff` or `flow` names, in order: a chain's link n goes from step n to step n + 1. */
export function chainSteps(node: ast.Handoff | ast.Flow): Array<Reference<ast.Step>> {
    const steps = ast.isFlow(node) ? node.steps : [node.source, node.target, ...(node.onward ?? [])];
    return steps.filter((step): step is Reference<ast.Step> => step !== undefined);
}

/**
 * The links of a `handoff a -> b -> c` chain: a -> b and b -> c. The first link's range starts
 * at the keyword, as a single handoff's header does.
 */
export function handoffLinks(handoff: ast.Handoff): FlowLink[] {
    const links = chainLinks(chainSteps(handoff), handoff);
    if (links.length > 0) {
        links[0].range = edgeHeaderRange(handoff);
    }
    return links;
}

function chainLinks(steps: Array<Reference<ast.Step>>, node: AstNode): FlowLink[] {
    return steps.slice(1).map((target, position) => {
        const source = steps[position];
        return { source, target, range: spanRange(source.$refNode, target.$refNode) ?? rangeOf(node) };
    });
}

interface EdgeDeclaration {
    node: ast.Handoff | ast.Flow;
    link: FlowLink;
    /** The link's place in its chain (0 for a single edge). */
    position: number;
    from: ast.Step | undefined;
    to: ast.Step | undefined;
    range: SourceRange | undefined;
}

/** Every `handoff` and every link of every `flow` chain, in declaration order. */
function edgeDeclarations(members: ast.StreamMember[]): EdgeDeclaration[] {
    return members.flatMap((member): EdgeDeclaration[] => {
        const links = ast.isHandoff(member) ? handoffLinks(member) : ast.isFlow(member) ? flowLinks(member) : [];
        return links.map((link, position) => ({
            node: member as ast.Handoff | ast.Flow,
            link,
            position,
            from: resolved(link.source),
            to: resolved(link.target),
            range: link.range
        }));
    });
}

/** An edge leaving a step, as validation names it: its two steps, and the `share` it writes. */
export interface OutgoingLink {
    name: string;
    /** The share's percentage as written, when the edge has a `share` clause. */
    share?: string;
    clause?: ast.ShareClause;
    /** The `handoff` or `flow` that declares it (a chain's body, its share included, is every link's), and its place in that chain. */
    declaration: ast.Handoff | ast.Flow;
    position: number;
}

/** The `rework` of a stream from step `from` back to step `to`, by their names. */
export function reworkBetween(members: ast.StreamMember[], from: string, to: string): ast.Rework | undefined {
    return members
        .filter(ast.isRework)
        .find(rework => rework.source?.ref?.name === from && rework.target?.ref?.name === to);
}

/** Every step of a stream with an outgoing `handoff`/`flow` edge, and those edges in declaration order. */
export function outgoingLinks(members: ast.StreamMember[]): Map<ast.Step, OutgoingLink[]> {
    const outgoing = new Map<ast.Step, OutgoingLink[]>();
    for (const declaration of edgeDeclarations(members)) {
        if (!declaration.from) {
            continue;
        }
        const links = outgoing.get(declaration.from) ?? [];
        const clause = declaration.node.clauses?.find(ast.isShareClause);
        links.push({
            name: `${declaration.link.source.$refText} -> ${declaration.link.target.$refText}`,
            share: clause?.percentage,
            clause,
            declaration: declaration.node,
            position: declaration.position
        });
        outgoing.set(declaration.from, links);
    }
    return outgoing;
}

function flowEdges(
    members: ast.StreamMember[],
    stepIndex: Map<ast.Step, number>,
    steps: StepModel[],
    workdayHours: number
): FlowEdgeModel[] {
    const edges: FlowEdgeModel[] = [];
    for (const declaration of edgeDeclarations(members)) {
        const from = declaration.from && stepIndex.get(declaration.from);
        const to = declaration.to && stepIndex.get(declaration.to);
        if (from === undefined || to === undefined) {
            continue;
        }
        const fromOwner = steps[from].owner,
            toOwner = steps[to].owner;
        const crossesOwners = fromOwner !== undefined && toOwner !== undefined && fromOwner.name !== toOwner.name;
        const kind = ast.isHandoff(declaration.node) ? 'handoff' : 'flow';
        // A flow's body holds only a share; any other clause in it is an error and counts for nothing.
        const clauses = (declaration.node.clauses ?? []).filter(
            clause => kind === 'handoff' || ast.isShareClause(clause)
        );
        const wait = timeSpan(clauses.find(ast.isEdgeWait)?.duration, workdayHours);
        edges.push({
            index: edges.length,
            kind,
            from,
            to,
            waitTime: wait.likely,
            wait,
            completeAccurate: percentageFraction(clauses.find(ast.isCompleteClause)?.percentage, 1),
            carries: clauses.filter(ast.isCarriesClause).flatMap(carries => carries.items),
            via: partyOf(resolved(clauses.find(ast.isViaClause)?.system)),
            owner: partyOf(resolved(clauses.find(ast.isOwnerClause)?.team)),
            crossesOwners,
            isHandoff: kind === 'handoff' || crossesOwners,
            share: shareFraction(clauses.find(ast.isShareClause)?.percentage),
            range: declaration.range
        });
    }
    return edges;
}

function reworkModels(
    members: ast.StreamMember[],
    stepIndex: Map<ast.Step, number>,
    workdayHours: number
): ReworkModel[] {
    const reworks: ReworkModel[] = [];
    for (const node of members.filter(ast.isRework)) {
        const source = resolved(node.source),
            target = resolved(node.target);
        const from = source && stepIndex.get(source);
        const to = target && stepIndex.get(target);
        if (from === undefined || to === undefined) {
            continue;
        }
        const clauses = node.clauses ?? [];
        const wait = timeSpan(clauses.find(ast.isEdgeWait)?.duration, workdayHours);
        reworks.push({
            index: reworks.length,
            from,
            to,
            rate: reworkRate(clauses.find(ast.isRateClause)?.percentage),
            reason: clauses.find(ast.isReasonClause)?.text,
            waitTime: wait.likely,
            wait,
            loopSteps: [],
            addedHours: 0,
            range: edgeHeaderRange(node)
        });
    }
    return reworks;
}

/** A share as a fraction in [0, 1], or undefined when it is missing or invalid. */
function shareFraction(text: string | undefined): number | undefined {
    const share = sharePercentage(text);
    return share === undefined ? undefined : share / 100;
}

/**
 * The steps whose every outgoing edge carries a valid `share`: an item leaves along one of
 * them. A step where some edges carry one and some do not is reported (`mixed-shares`) and
 * stays parallel.
 */
function decisionsOf(steps: StepModel[], edges: FlowEdgeModel[]): DecisionModel[] {
    const outgoing = steps.map((): number[] => []);
    edges.forEach(edge => outgoing[edge.from].push(edge.index));
    return outgoing.flatMap((out, step): DecisionModel[] => {
        if (out.length === 0 || out.some(edge => edges[edge].share === undefined)) {
            return [];
        }
        const shares = out.map(edge => edges[edge].share!);
        const total = shares.reduce((sum, share) => sum + share, 0);
        const typical = out[shares.indexOf(Math.max(...shares))];
        return [
            {
                step,
                edges: out,
                chances: shares.map(share => (total > 0 ? share / total : 1 / shares.length)),
                typical
            }
        ];
    });
}

/** A rework rate as a fraction in [0, 1), or undefined when it is missing or invalid. */
function reworkRate(text: string | undefined): number | undefined {
    const rate = percentageFraction(text, Number.NaN);
    return rate >= 0 && rate < 1 ? rate : undefined;
}

function identification(
    members: ast.StreamMember[],
    steps: StepModel[],
    edges: FlowEdgeModel[]
): StreamModel['identification'] {
    const involved = new Map<string, Party>();
    const note = (party: Party | undefined) => {
        if (party && !involved.has(`${party.kind}:${party.name}`)) {
            involved.set(`${party.kind}:${party.name}`, party);
        }
    };
    for (const step of steps) {
        note(step.owner);
        step.systems.forEach(note);
        step.waits.forEach(wait => note(wait.cause));
    }
    for (const edge of edges) {
        note(edge.owner);
        note(edge.via);
    }
    const parties = [...involved.values()];
    return {
        recipient: members.find(ast.isRecipient)?.value,
        start: members.find(ast.isStartPoint)?.value,
        end: members.find(ast.isEndPoint)?.value,
        measure: members.find(ast.isMeasure)?.kind,
        teams: parties.filter(party => party.kind === 'team'),
        systems: parties.filter(party => party.kind === 'system')
    };
}

/** One lane per owner in order of first appearance; steps without an owner share a last lane. */
function lanes(steps: StepModel[]): Lane[] {
    const byOwner = new Map<string, Lane>();
    const unowned: Lane = { steps: [] };
    for (const step of steps) {
        if (!step.owner) {
            unowned.steps.push(step.index);
            continue;
        }
        let lane = byOwner.get(step.owner.name);
        if (!lane) {
            lane = { owner: step.owner, steps: [] };
            byOwner.set(step.owner.name, lane);
        }
        lane.steps.push(step.index);
    }
    return unowned.steps.length > 0 ? [...byOwner.values(), unowned] : [...byOwner.values()];
}

export function rangeOf(node: AstNode | undefined): SourceRange | undefined {
    return node?.$cstNode?.range;
}

function propertyRange(node: AstNode, property: string): SourceRange | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range ?? rangeOf(node);
}

/** `handoff A -> B` or `rework B -> A` without its body: where a diagnostic about the edge belongs. */
export function edgeHeaderRange(node: ast.Handoff | ast.Rework): SourceRange | undefined {
    return spanRange(node.$cstNode, node.target?.$refNode) ?? rangeOf(node);
}

function spanRange(first: CstNode | undefined, last: CstNode | undefined): SourceRange | undefined {
    if (!first || !last) {
        return undefined;
    }
    return { start: first.range.start, end: last.range.end };
}
