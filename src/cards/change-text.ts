/** What changed in a step, an edge or a rework loop, in words for Markdown: "wait 24 h → 8 h, %C&A 80% → 95%". */
import { formatHours, formatPercent } from '../analysis/figures.js';
import type { Changed, EdgeAspect, ReworkAspect, StepAspect } from '../analysis/stream-changes.js';
import type { FlowEdgeModel, ReworkModel, StepModel } from '../analysis/stream-model.js';
import { escapeMarkdown, partyLabel } from './markdown-text.js';

/** How an aspect is named, and how its value reads. */
interface Reading<T> {
    name: string;
    value: (item: T) => string;
}

const NONE = '_none_';

function quoted(text: string | undefined): string {
    return text ? `“${escapeMarkdown(text)}”` : NONE;
}

function listed(items: string[]): string {
    return items.join(', ') || NONE;
}

/** A step's waits: their total, and who it waits on. */
function waits(step: StepModel): string {
    const on = step.waits
        .filter(wait => wait.cause)
        .map(wait => `${formatHours(wait.hours)} on ${partyLabel(wait.cause)}`);
    return `${formatHours(step.waitTime)}${on.length > 0 ? ` including ${on.join(' and ')}` : ''}`;
}

const STEP: Record<StepAspect, Reading<StepModel>> = {
    title: { name: 'title', value: step => quoted(step.title) },
    owner: { name: 'owner', value: step => partyLabel(step.owner) },
    process: { name: 'process', value: step => formatHours(step.processTime) },
    wait: { name: 'wait', value: waits },
    complete: { name: '%C&A', value: step => formatPercent(step.completeAccurate) },
    systems: { name: 'uses', value: step => listed(step.systems.map(partyLabel)) }
};

const EDGE: Record<EdgeAspect, Reading<FlowEdgeModel>> = {
    kind: { name: 'declared as', value: edge => `\`${edge.kind}\`` },
    carries: { name: 'carries', value: edge => listed(edge.carries.map(quoted)) },
    via: { name: 'via', value: edge => (edge.via ? partyLabel(edge.via) : NONE) },
    owner: { name: 'owner', value: edge => (edge.owner ? partyLabel(edge.owner) : NONE) },
    wait: { name: 'wait', value: edge => formatHours(edge.waitTime) },
    complete: { name: '%C&A', value: edge => formatPercent(edge.completeAccurate) }
};

const REWORK: Record<ReworkAspect, Reading<ReworkModel>> = {
    rate: { name: 'rate', value: rework => (rework.rate === undefined ? 'not measured' : formatPercent(rework.rate)) },
    reason: { name: 'reason', value: rework => quoted(rework.reason) },
    wait: { name: 'wait', value: rework => formatHours(rework.waitTime) }
};

function changeText<T, A extends string>(
    { before, after, aspects }: Changed<T, A>,
    readings: Record<A, Reading<T>>
): string {
    return aspects
        .map(aspect => `${readings[aspect].name} ${readings[aspect].value(before)} → ${readings[aspect].value(after)}`)
        .join(', ');
}

export function stepChangeText(change: Changed<StepModel, StepAspect>): string {
    return changeText(change, STEP);
}

export function edgeChangeText(change: Changed<FlowEdgeModel, EdgeAspect>): string {
    return changeText(change, EDGE);
}

export function reworkChangeText(change: Changed<ReworkModel, ReworkAspect>): string {
    return changeText(change, REWORK);
}
