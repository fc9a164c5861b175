/** What changed in a step, an edge or a rework loop, in words for Markdown: "wait 24 h → 8 h, %C&A 80% → 95%". */
import { formatTime, formatPercent } from '../analysis/figures.js';
import type { Changed, EdgeAspect, ReworkAspect, StepAspect } from '../analysis/stream-changes.js';
import type { FlowEdgeModel, ReworkModel, StepModel } from '../analysis/stream-model.js';
import { escapeMarkdown, partyLabel } from './markdown-text.js';

/** How an aspect is named, and how its value reads, durations in the stream's working days. */
interface Reading<T> {
    name: string;
    value: (item: T, workdayHours: number) => string;
}

const NONE = '_none_';

function quoted(text: string | undefined): string {
    return text ? `“${escapeMarkdown(text)}”` : NONE;
}

function listed(items: string[]): string {
    return items.join(', ') || NONE;
}

/** A step's waits: their total, and who it waits on. */
function waits(step: StepModel, workdayHours: number): string {
    const on = step.waits
        .filter(wait => wait.cause)
        .map(wait => `${formatTime(wait.time, workdayHours)} on ${partyLabel(wait.cause)}`);
    return `${formatTime(step.wait, workdayHours)}${on.length > 0 ? ` including ${on.join(' and ')}` : ''}`;
}

const STEP: Record<StepAspect, Reading<StepModel>> = {
    title: { name: 'title', value: step => quoted(step.title) },
    owner: { name: 'owner', value: step => partyLabel(step.owner) },
    process: { name: 'process', value: (step, workday) => formatTime(step.process, workday) },
    wait: { name: 'wait', value: waits },
    inventory: { name: 'inventory', value: step => (step.inventory ? String(step.inventory.items) : NONE) },
    complete: { name: '%C&A', value: step => formatPercent(step.completeAccurate) },
    systems: { name: 'uses', value: step => listed(step.systems.map(partyLabel)) }
};

const EDGE: Record<EdgeAspect, Reading<FlowEdgeModel>> = {
    kind: { name: 'declared as', value: edge => `\`${edge.kind}\`` },
    carries: { name: 'carries', value: edge => listed(edge.carries.map(quoted)) },
    via: { name: 'via', value: edge => (edge.via ? partyLabel(edge.via) : NONE) },
    owner: { name: 'owner', value: edge => (edge.owner ? partyLabel(edge.owner) : NONE) },
    wait: { name: 'wait', value: (edge, workday) => formatTime(edge.wait, workday) },
    complete: { name: '%C&A', value: edge => formatPercent(edge.completeAccurate) },
    share: { name: 'share', value: edge => (edge.share === undefined ? NONE : formatPercent(edge.share)) }
};

const REWORK: Record<ReworkAspect, Reading<ReworkModel>> = {
    rate: { name: 'rate', value: rework => (rework.rate === undefined ? 'not measured' : formatPercent(rework.rate)) },
    reason: { name: 'reason', value: rework => quoted(rework.reason) },
    wait: { name: 'wait', value: (rework, workday) => formatTime(rework.wait, workday) }
};

function changeText<T, A extends string>(
    { before, after, aspects }: Changed<T, A>,
    readings: Record<A, Reading<T>>,
    workdayHours: number
): string {
    const read = (aspect: A, item: T) => readings[aspect].value(item, workdayHours);
    return aspects
        .map(aspect => `${readings[aspect].name} ${read(aspect, before)} → ${read(aspect, after)}`)
        .join(', ');
}

export function stepChangeText(change: Changed<StepModel, StepAspect>, workdayHours: number): string {
    return changeText(change, STEP, workdayHours);
}

export function edgeChangeText(change: Changed<FlowEdgeModel, EdgeAspect>, workdayHours: number): string {
    return changeText(change, EDGE, workdayHours);
}

export function reworkChangeText(change: Changed<ReworkModel, ReworkAspect>, workdayHours: number): string {
    return changeText(change, REWORK, workdayHours);
}
