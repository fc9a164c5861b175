/**
 * What changed between two versions of a stream: its steps by name, its edges and rework loops by
 * the names of their two steps. `vstream diff` lists it for a pull request; the card of a future
 * state turns it into what changes for each team.
 */
import type { TimeSpan } from './quantities.js';
import type { FlowEdgeModel, Party, ReworkModel, StepModel, StreamModel } from './stream-model.js';

/** What a step says in its title and body; a step is changed when any of these means something else. */
export type StepAspect = 'title' | 'owner' | 'process' | 'wait' | 'inventory' | 'complete' | 'systems';

/** What an edge says: whether it is a handoff or a flow, and its body (its share, when it is a way of a decision). */
export type EdgeAspect = 'kind' | 'carries' | 'via' | 'owner' | 'wait' | 'complete' | 'share';

/** What a rework loop says in its body. */
export type ReworkAspect = 'rate' | 'reason' | 'wait';

export interface Changed<T, A> {
    before: T;
    after: T;
    aspects: A[];
}

export interface Changes<T, A> {
    /** In the order the later version declares them. */
    added: T[];
    /** In the order the earlier version declared them. */
    removed: T[];
    changed: Array<Changed<T, A>>;
}

export interface StreamChanges {
    steps: Changes<StepModel, StepAspect>;
    /** `handoff` edges and the links of `flow` chains. */
    edges: Changes<FlowEdgeModel, EdgeAspect>;
    reworks: Changes<ReworkModel, ReworkAspect>;
}

/**
 * The changes from `before` to `after`; a side that is missing (a stream found in one version
 * only) has no steps, so everything of the other side is added or removed.
 */
export function compareStreams(before: StreamModel | undefined, after: StreamModel | undefined): StreamChanges {
    const named = <T extends { from: number; to: number }>(
        model: StreamModel | undefined,
        items: (model: StreamModel) => T[]
    ) => (model ? items(model).map(item => [edgeName(model, item), item] as [string, T]) : []);
    return {
        steps: pair(
            (before?.steps ?? []).map(step => [step.name, step]),
            (after?.steps ?? []).map(step => [step.name, step]),
            stepAspects
        ),
        edges: pair(
            named(before, model => model.edges),
            named(after, model => model.edges),
            edgeAspects
        ),
        reworks: pair(
            named(before, model => model.reworks),
            named(after, model => model.reworks),
            reworkAspects
        )
    };
}

/** True when nothing of the stream's steps, edges or rework loops changed. */
export function isUnchanged(changes: StreamChanges): boolean {
    return [changes.steps, changes.edges, changes.reworks].every(
        ({ added, removed, changed }) => added.length + removed.length + changed.length === 0
    );
}

/** An edge whose share changes: kept with another share (or none), or added or removed carrying one; the side it lacks is undefined. */
export interface ShareChanged {
    before?: FlowEdgeModel;
    after?: FlowEdgeModel;
}

/** The edges whose share changes: those kept first, then those added, then those removed. */
export function changedShares({ edges }: StreamChanges): ShareChanged[] {
    return [
        ...edges.changed
            .filter(change => change.aspects.includes('share'))
            .map(({ before, after }) => ({ before, after })),
        ...edges.added.filter(edge => edge.share !== undefined).map(after => ({ after })),
        ...edges.removed.filter(edge => edge.share !== undefined).map(before => ({ before }))
    ];
}

/** `a -> b`, by the names of the two steps, as the map writes an edge. */
export function edgeName(model: StreamModel, edge: { from: number; to: number }): string {
    return `${model.steps[edge.from]?.name ?? '?'} -> ${model.steps[edge.to]?.name ?? '?'}`;
}

/**
 * Pairs the items of two versions by their keys; a key repeated (two edges between the same
 * steps) pairs its occurrences in order. Paired items that differ in some aspect are changed.
 */
function pair<T, A>(
    before: Array<[string, T]>,
    after: Array<[string, T]>,
    aspectsOf: (before: T, after: T) => A[]
): Changes<T, A> {
    const waiting = new Map<string, T[]>();
    for (const [key, item] of before) {
        waiting.set(key, [...(waiting.get(key) ?? []), item]);
    }
    const changes: Changes<T, A> = { added: [], removed: [], changed: [] };
    const kept = new Set<T>();
    for (const [key, item] of after) {
        const earlier = waiting.get(key)?.shift();
        if (earlier === undefined) {
            changes.added.push(item);
            continue;
        }
        kept.add(earlier);
        const aspects = aspectsOf(earlier, item);
        if (aspects.length > 0) {
            changes.changed.push({ before: earlier, after: item, aspects });
        }
    }
    changes.removed = before.map(([, item]) => item).filter(item => !kept.has(item));
    return changes;
}

/** The aspects whose values differ, each value read as a comparable text. */
function differing<A extends string>(values: Record<A, (side: 'before' | 'after') => unknown>): A[] {
    return (Object.keys(values) as A[]).filter(
        aspect => JSON.stringify(values[aspect]('before')) !== JSON.stringify(values[aspect]('after'))
    );
}

/** Durations compared by their value: `1d` and `8h` are the same wait; rounding hides float noise (`20m`). */
function hours(value: number): number {
    return Number(value.toFixed(6));
}

/** A range compared by its three values: `1h..3h` and `2h` share their likely value, yet differ. */
function span({ low, likely, high }: TimeSpan): number[] {
    return [hours(low), hours(likely), hours(high)];
}

function partyName(party: Party | undefined): string | null {
    return party?.name ?? null;
}

/** Clauses in any order: waits and systems compare as sorted lists. */
function stepAspects(before: StepModel, after: StepModel): StepAspect[] {
    const sides = { before, after };
    return differing<StepAspect>({
        title: side => sides[side].title ?? null,
        owner: side => partyName(sides[side].owner),
        process: side => span(sides[side].process),
        wait: side =>
            sides[side].waits.map(wait => `${span(wait.time).join('..')} ${partyName(wait.cause) ?? ''}`).sort(),
        inventory: side => sides[side].inventory?.items ?? null,
        complete: side => sides[side].completeAccurate,
        systems: side => sides[side].systems.map(system => system.name).sort()
    });
}

function edgeAspects(before: FlowEdgeModel, after: FlowEdgeModel): EdgeAspect[] {
    const sides = { before, after };
    return differing<EdgeAspect>({
        kind: side => sides[side].kind,
        carries: side => [...sides[side].carries].sort(),
        via: side => partyName(sides[side].via),
        owner: side => partyName(sides[side].owner),
        wait: side => span(sides[side].wait),
        complete: side => sides[side].completeAccurate,
        share: side => sides[side].share ?? null
    });
}

function reworkAspects(before: ReworkModel, after: ReworkModel): ReworkAspect[] {
    const sides = { before, after };
    return differing<ReworkAspect>({
        rate: side => sides[side].rate ?? null,
        reason: side => sides[side].reason ?? null,
        wait: side => span(sides[side].wait)
    });
}
