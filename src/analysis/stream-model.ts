/**
 * The StreamModel: one value stream as plain data (no Langium, no vscode), shared by the
 * validator, the CLI, the hover and the diagram.
 */

import type { TimeSpan } from './quantities.js';

/** A zero-based source range, the same shape as an LSP range. */
export interface SourceRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface Party {
    name: string;
    title?: string;
    kind: 'team' | 'system';
}

export interface StepWaitModel {
    /** The wait's likely hours. */
    hours: number;
    /** Its range, when the map gives one (low = likely = high otherwise). */
    time: TimeSpan;
    /** The team or system the step waits on, if the wait names one. */
    cause?: Party;
    /** True when the cause is someone other than the step's owner. */
    outsideControl: boolean;
    range?: SourceRange;
}

export interface StepModel {
    index: number;
    name: string;
    title?: string;
    owner?: Party;
    /** Likely process time, in hours. */
    processTime: number;
    process: TimeSpan;
    /** Likely queue time before the step: its waits, and its inventory when the stream has a demand. */
    waitTime: number;
    /** The same as a range: the waits' ranges added up, the inventory fixed. */
    wait: TimeSpan;
    waits: StepWaitModel[];
    /** Items waiting in front of the step, and the hours they stand for (0 without a demand). */
    inventory?: { items: number; hours: number };
    /** Tracker statuses of the step's work, and of the work waiting for it (measured data). */
    statuses: string[];
    queues: string[];
    /** %C&A as a fraction 0–1 (1 when not given). */
    completeAccurate: number;
    systems: Party[];
    kaizens: string[];
    range?: SourceRange;
    nameRange?: SourceRange;
}

export type FlowEdgeKind = 'handoff' | 'flow';

/** A `handoff` or one link of a `flow` chain: an edge of the flow graph. */
export interface FlowEdgeModel {
    index: number;
    kind: FlowEdgeKind;
    from: number;
    to: number;
    waitTime: number;
    wait: TimeSpan;
    completeAccurate: number;
    carries: string[];
    via?: Party;
    owner?: Party;
    /** Both steps have owners and they differ. */
    crossesOwners: boolean;
    /** Counts towards the handoffs metric: a `handoff`, or a `flow` that crosses owners. */
    isHandoff: boolean;
    /** Its `share` as a fraction 0–1, when it gives a valid one: its step may be a decision. */
    share?: number;
    /** When this edge closes a cycle: the cycle's steps, from this edge's target on. Such an edge is left out of every path computation. */
    cycle?: number[];
    range?: SourceRange;
}

/**
 * A step whose every outgoing `handoff`/`flow` edge carries a `share`: each item leaves it along
 * exactly one of them.
 */
export interface DecisionModel {
    step: number;
    /** Its outgoing edges, in declaration order. */
    edges: number[];
    /** Per edge, in the same order: the chance an item takes it (its share over the shares' sum; equal chances when they add up to nothing). */
    chances: number[];
    /** The edge with the largest share, the first declared among equal ones. */
    typical: number;
}

export interface ReworkModel {
    index: number;
    /** The step where the rework is discovered (B in `rework B -> A`). */
    from: number;
    /** The earlier step the work goes back to (A). */
    to: number;
    /** Rate as a fraction in [0, 1); undefined when absent or invalid. */
    rate?: number;
    reason?: string;
    /** The delay before the work re-enters `to`: likely hours, and as a range. */
    waitTime: number;
    wait: TimeSpan;
    /** The steps on some flow path from `to` to `from`; empty when the rework is not a loop. */
    loopSteps: number[];
    /** Hours this loop alone adds to the lead time, in expectation. */
    addedHours: number;
    range?: SourceRange;
}

export interface Lane {
    /** The owning team; undefined for the lane of steps without an owner. */
    owner?: Party;
    steps: number[];
}

export interface StreamMetrics {
    leadTime: number;
    processTime: number;
    flowEfficiency: number | null;
    rolledCompleteAccurate: number;
    effort: number;
    handoffs: number;
    waitOutsideControl: number;
    expectedLeadTime: number;
    criticalPath: string[];
    /** The lead time with every range at its low, and at its high (no rework). */
    bestLeadTime: number;
    worstLeadTime: number;
    /** The stream's `target` in hours, or null. */
    target: number | null;
    /** The lead time and critical path of the typical stream: each decision's typical edge only. */
    typicalLeadTime: number;
    typicalPath: string[];
    /** How often an item meets the typical choice at every decision on its way (1 without decisions). */
    typicalShare: number;
}

export interface StepFigures {
    /** WT + PT of the step. */
    time: number;
    /** Its share of the lead time (0 when the lead time is 0). */
    shareOfLeadTime: number;
    onCriticalPath: boolean;
    /** WT + PT with rework loops inflating it, in expectation. */
    expectedTime: number;
}

export type FindingQuestion = 'waits' | 'context' | 'rework' | 'confusion' | 'outside-control';

export const FINDING_QUESTIONS: Record<FindingQuestion, string> = {
    waits: 'Where does work wait?',
    context: 'Where does context arrive late or incomplete?',
    rework: 'Where does rework happen?',
    confusion: 'Which handoffs create confusion?',
    'outside-control': "Which delays sit outside the step owner's control?"
};

export interface Finding {
    question: FindingQuestion;
    message: string;
    /** Names of the steps the finding is about. */
    steps: string[];
    /** Hours at stake, when the finding is about time. */
    hours?: number;
    range?: SourceRange;
}

export interface Identification {
    recipient?: string;
    start?: string;
    end?: string;
    measure?: string;
    teams: Party[];
    systems: Party[];
}

/** How a map can be drawn: a lane per team, or the classic map of *Learning to See*. */
export const LAYOUT_NAMES = ['lanes', 'classic'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export interface StreamModel {
    name: string;
    title?: string;
    improves?: string;
    workdayHours: number;
    /** The stream's `layout`, when it names one the map knows. */
    layout?: LayoutName;
    /** Items arriving per working hour, when the stream gives its `demand`. */
    demandPerHour?: number;
    /** Tracker statuses meaning the work is done (measured data). */
    doneStatuses: string[];
    identification: Identification;
    steps: StepModel[];
    edges: FlowEdgeModel[];
    /** The steps that decide, in the order of their steps. */
    decisions: DecisionModel[];
    reworks: ReworkModel[];
    lanes: Lane[];
    metrics: StreamMetrics;
    /** Step indices of the critical path, entry to exit. */
    criticalPath: number[];
    /** Edge indices of the critical path. */
    criticalEdges: number[];
    /** Step and edge indices of the typical stream's critical path (the critical path's without decisions). */
    typicalPath: number[];
    typicalEdges: number[];
    stepFigures: StepFigures[];
    findings: Finding[];
    range?: SourceRange;
    nameRange?: SourceRange;
}
