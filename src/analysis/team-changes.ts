/**
 * What a future state changes for each team, compared with the current state it improves: the
 * steps, handoffs and rework each team gains, loses or sees changed, and the waits that go away
 * on its side. Teams update their SOPs, guides and training from it.
 */
import {
    changedShares,
    compareStreams,
    edgeName,
    type Changed,
    type EdgeAspect,
    type ReworkAspect,
    type StepAspect,
    type StreamChanges
} from './stream-changes.js';
import type { FlowEdgeModel, Party, ReworkModel, StepModel, StreamModel } from './stream-model.js';

/** A step a team takes on or gives up: new or gone, or moving from or to `other` (another team, or no owner). */
export interface StepMove {
    step: StepModel;
    /** True when the step is in both versions: it changes owner. */
    moves: boolean;
    other?: Party;
}

export type HandoffRole = 'sends' | 'receives' | 'within';

/** A handoff as one team sees it: what it sends or receives, and the team on the other side. */
export interface TeamHandoff {
    edge: FlowEdgeModel;
    from: StepModel;
    to: StepModel;
    role: HandoffRole;
    /** The team on the other side (for `within`, the team itself). */
    partner?: Party;
}

/** A rework loop, with the steps it goes from and back to. */
export interface TeamRework {
    rework: ReworkModel;
    from: StepModel;
    to: StepModel;
}

/** Waiting that shrinks or goes: before a step of the team, or in a handoff it receives. */
export type WaitGone = ({ step: StepModel } | { handoff: { from: StepModel; to: StepModel } }) & {
    before: number;
    after: number;
    /** Those the step no longer waits on. */
    noLongerOn: Party[];
};

/**
 * A way out of a step of the team's whose share changes: an edge kept with another share (or
 * none, when the step starts or stops deciding), or a new or gone way that carries one.
 */
export interface ShareChange {
    from: StepModel;
    to: StepModel;
    edge: 'changed' | 'added' | 'removed';
    before?: number;
    after?: number;
}

export interface TeamChange {
    /** Undefined for the steps without an owner. */
    team?: Party;
    steps: { gained: StepMove[]; lost: StepMove[]; changed: Array<Changed<StepModel, StepAspect>> };
    /** The handoffs changed in what they carry, how and when; their shares are the deciding team's `shares`. */
    handoffs: { gained: TeamHandoff[]; lost: TeamHandoff[]; changed: Array<Changed<TeamHandoff, EdgeAspect>> };
    /** The shares of the team's decisions (the deciding step's team: its rules decide where items go). */
    shares: ShareChange[];
    rework: { gone: TeamRework[]; added: TeamRework[]; changed: Array<Changed<TeamRework, ReworkAspect>> };
    waitsGone: WaitGone[];
}

/** Every team of either version, in the future state's order, with what changes for it (possibly nothing). */
export function teamChanges(baseline: StreamModel, future: StreamModel): TeamChange[] {
    const versions: Versions = { baseline, future, changes: compareStreams(baseline, future) };
    const teams = new Map<string, Party | undefined>();
    for (const step of [...future.steps, ...baseline.steps]) {
        teams.set(teamKey(step.owner), step.owner);
    }
    return [...teams].map(([key, team]) => ({
        team,
        steps: stepsOfTeam(versions, key),
        handoffs: handoffsOfTeam(versions, key),
        shares: sharesOfTeam(versions, key),
        rework: reworkOfTeam(versions, key),
        waitsGone: waitsGoneForTeam(versions, key)
    }));
}

/** True when nothing changes for the team. */
export function changesNothing(change: TeamChange): boolean {
    return (
        [change.steps, change.handoffs].every(
            ({ gained, lost, changed }) => gained.length + lost.length + changed.length === 0
        ) &&
        change.rework.gone.length + change.rework.added.length + change.rework.changed.length === 0 &&
        change.shares.length === 0 &&
        change.waitsGone.length === 0
    );
}

/** The two versions of the stream, and what changed between them. */
interface Versions {
    baseline: StreamModel;
    future: StreamModel;
    changes: StreamChanges;
}

function teamKey(party: Party | undefined): string {
    return party?.name ?? '';
}

function ownedBy(step: StepModel | undefined, key: string): step is StepModel {
    return step !== undefined && teamKey(step.owner) === key;
}

function stepNamed(model: StreamModel, name: string): StepModel | undefined {
    return model.steps.find(step => step.name === name);
}

function stepsOfTeam({ baseline, future, changes }: Versions, key: string): TeamChange['steps'] {
    const move = (step: StepModel, other: StepModel | undefined): StepMove => ({
        step,
        moves: other !== undefined,
        other: other?.owner
    });
    return {
        gained: future.steps
            .filter(step => ownedBy(step, key) && !ownedBy(stepNamed(baseline, step.name), key))
            .map(step => move(step, stepNamed(baseline, step.name))),
        lost: baseline.steps
            .filter(step => ownedBy(step, key) && !ownedBy(stepNamed(future, step.name), key))
            .map(step => move(step, stepNamed(future, step.name))),
        changed: changes.steps.changed.filter(({ before, after }) => ownedBy(before, key) && ownedBy(after, key))
    };
}

/** The handoffs a team takes part in, each keyed by its steps' names, its occurrence, the team's role and the team on the other side. */
function handoffsTouching(model: StreamModel, key: string): Map<string, TeamHandoff> {
    const touching = new Map<string, TeamHandoff>();
    const occurrences = new Map<string, number>();
    for (const edge of model.edges.filter(edge => edge.isHandoff)) {
        const name = edgeName(model, edge);
        const occurrence = (occurrences.get(name) ?? 0) + 1;
        occurrences.set(name, occurrence);
        const from = model.steps[edge.from];
        const to = model.steps[edge.to];
        const role: HandoffRole | undefined =
            ownedBy(from, key) && ownedBy(to, key)
                ? 'within'
                : ownedBy(from, key)
                  ? 'sends'
                  : ownedBy(to, key)
                    ? 'receives'
                    : undefined;
        if (role) {
            const partner = role === 'receives' ? from.owner : to.owner;
            // The partner is part of what a team knows of a handoff: sending to another team is a new handoff for it.
            touching.set(`${name} #${occurrence} ${role} ${teamKey(partner)}`, { edge, from, to, role, partner });
        }
    }
    return touching;
}

function handoffsOfTeam({ baseline, future, changes }: Versions, key: string): TeamChange['handoffs'] {
    const before = handoffsTouching(baseline, key);
    const after = handoffsTouching(future, key);
    // A share says where the deciding step sends items, not what the handoff carries: it is listed with the shares.
    const aspectsOf = new Map(
        changes.edges.changed.map(change => [change.after, change.aspects.filter(aspect => aspect !== 'share')])
    );
    return {
        gained: [...after].filter(([id]) => !before.has(id)).map(([, handoff]) => handoff),
        lost: [...before].filter(([id]) => !after.has(id)).map(([, handoff]) => handoff),
        changed: [...after]
            .filter(([id, handoff]) => before.has(id) && (aspectsOf.get(handoff.edge)?.length ?? 0) > 0)
            .map(([id, handoff]) => ({
                before: before.get(id)!,
                after: handoff,
                aspects: aspectsOf.get(handoff.edge)!
            }))
    };
}

/** The shares that change on the ways out of the team's steps: ways kept first, then new ones, then gone ones. */
function sharesOfTeam({ baseline, future, changes }: Versions, key: string): ShareChange[] {
    return changedShares(changes).flatMap(({ before, after }): ShareChange[] => {
        const [model, edge] = after ? [future, after] : [baseline, before!];
        const from = model.steps[edge.from];
        if (!ownedBy(from, key)) {
            return [];
        }
        const kind = before && after ? 'changed' : after ? 'added' : 'removed';
        return [{ from, to: model.steps[edge.to], edge: kind, before: before?.share, after: after?.share }];
    });
}

function reworkTouch(model: StreamModel, rework: ReworkModel): TeamRework {
    return { rework, from: model.steps[rework.from], to: model.steps[rework.to] };
}

/** Rework a team meets: discovered in one of its steps, or sent back to one. */
function touches(model: StreamModel, rework: ReworkModel, key: string): boolean {
    return ownedBy(model.steps[rework.from], key) || ownedBy(model.steps[rework.to], key);
}

function reworkOfTeam({ baseline, future, changes }: Versions, key: string): TeamChange['rework'] {
    const { added, removed, changed } = changes.reworks;
    return {
        gone: removed.filter(rework => touches(baseline, rework, key)).map(rework => reworkTouch(baseline, rework)),
        added: added.filter(rework => touches(future, rework, key)).map(rework => reworkTouch(future, rework)),
        changed: changed
            .filter(({ after }) => touches(future, after, key))
            .map(({ before, after, aspects }) => ({
                before: reworkTouch(baseline, before),
                after: reworkTouch(future, after),
                aspects
            }))
    };
}

/** Waits before the team's steps that shrink or go (a step kept under the team), and in the handoffs it keeps receiving. */
function waitsGoneForTeam({ baseline, future, changes }: Versions, key: string): WaitGone[] {
    const steps = baseline.steps.flatMap((before): WaitGone[] => {
        const after = stepNamed(future, before.name);
        if (!ownedBy(before, key) || !ownedBy(after, key)) {
            return [];
        }
        const causesAfter = new Set(after.waits.map(wait => wait.cause?.name));
        const noLongerOn = before.waits
            .map(wait => wait.cause)
            .filter((cause): cause is Party => cause !== undefined && !causesAfter.has(cause.name));
        return after.waitTime < before.waitTime || noLongerOn.length > 0
            ? [{ step: after, before: before.waitTime, after: after.waitTime, noLongerOn }]
            : [];
    });
    const handoffs = [...handoffsTouching(future, key).values()]
        .filter(handoff => handoff.role !== 'sends')
        .flatMap((handoff): WaitGone[] => {
            const earlier = changes.edges.changed.find(change => change.after === handoff.edge);
            return earlier && earlier.after.waitTime < earlier.before.waitTime
                ? [
                      {
                          handoff: { from: handoff.from, to: handoff.to },
                          before: earlier.before.waitTime,
                          after: earlier.after.waitTime,
                          noLongerOn: []
                      }
                  ]
                : [];
        });
    return [...steps, ...handoffs];
}
