import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedShares, compareStreams, edgeName, isUnchanged } from '../../src/analysis/stream-changes.js';
import { changesNothing, teamChanges, type TeamChange } from '../../src/analysis/team-changes.js';
import type { StreamModel } from '../../src/analysis/stream-model.js';
import { buildWorkspace } from '../helpers.js';

const examples = resolve(__dirname, '../../examples');

/** The model of the only stream of a text, with teams A, B, C and system S declared beside it. */
async function modelOf(body: string): Promise<StreamModel> {
    const workspace = await buildWorkspace(`team A team B team C system S\nstream s {\n${body}\n}`);
    return workspace.model('s');
}

function names(model: StreamModel, edges: Array<{ from: number; to: number }>): string[] {
    return edges.map(edge => edgeName(model, edge));
}

describe('compareStreams', () => {
    it('reads the meaning of a step: clauses in any order, durations by their value', async () => {
        const before = await modelOf(
            'step a "A" { owner A process 1d wait 4h on S uses S complete 90% } step b { owner B } flow a -> b'
        );
        const after = await modelOf(
            'step a "A" { complete 90% uses S wait 240m on S process 8h owner A } step b { owner B } flow a -> b'
        );
        const changes = compareStreams(before, after);
        expect(isUnchanged(changes)).toBe(true);
    });

    it('names what changed in a step, and which steps were added or removed', async () => {
        const before = await modelOf(
            'step a { owner A process 1h } step b "Bee" { owner B wait 2h } step c { owner C } flow a -> b -> c'
        );
        const after = await modelOf(
            'step a { owner B process 2h complete 80% } step b "Be" { owner B wait 2h wait 1h } step d { owner C } flow a -> b -> d'
        );
        const { steps, edges } = compareStreams(before, after);
        expect(steps.added.map(step => step.name)).toEqual(['d']);
        expect(steps.removed.map(step => step.name)).toEqual(['c']);
        expect(steps.changed.map(change => [change.after.name, change.aspects])).toEqual([
            ['a', ['owner', 'process', 'complete']],
            ['b', ['title', 'wait']]
        ]);
        expect(names(after, edges.added)).toEqual(['b -> d']);
        expect(names(before, edges.removed)).toEqual(['b -> c']);
    });

    it('pairs edges by their steps, repeated ones in order, and reads what their bodies say', async () => {
        const before = await modelOf(
            'step a { owner A } step b { owner B } handoff a -> b { carries "x", "y" wait 1d } flow a -> b rework b -> a { rate 10% }'
        );
        const after = await modelOf(
            'step a { owner A } step b { owner B } handoff a -> b { carries "y", "x" wait 8h } handoff a -> b { via S } rework b -> a { rate 5% }'
        );
        const { edges, reworks } = compareStreams(before, after);
        expect(names(after, edges.added)).toEqual([]);
        expect(edges.changed.map(change => change.aspects)).toEqual([['kind', 'via']]);
        expect(reworks.changed.map(change => change.aspects)).toEqual([['rate']]);
    });

    it('reads a share as what an edge says, and lists the edges whose share changes', async () => {
        const steps = 'step a { owner A } step b { owner B } step c { owner C } step d { owner C }';
        const before = await modelOf(
            `${steps} flow a -> b { share 80% } handoff a -> c { share 20% } flow b -> d flow c -> d`
        );
        const after = await modelOf(
            `${steps} flow a -> b { share 90% } handoff a -> d { share 10% } flow b -> d { share 100% } flow c -> d`
        );
        const changes = compareStreams(before, after);
        expect(changes.edges.changed.map(change => [edgeName(after, change.after), change.aspects])).toEqual([
            ['a -> b', ['share']],
            ['b -> d', ['share']]
        ]);
        expect(
            changedShares(changes).map(({ before: earlier, after: later }) => [
                earlier && edgeName(before, earlier),
                later && edgeName(after, later),
                earlier?.share,
                later?.share
            ])
        ).toEqual([
            ['a -> b', 'a -> b', 0.8, 0.9],
            ['b -> d', 'b -> d', undefined, 1],
            [undefined, 'a -> d', undefined, 0.1],
            ['a -> c', undefined, 0.2, undefined]
        ]);
    });

    it('lists everything as added or removed when one side has no such stream', async () => {
        const model = await modelOf('step a { owner A } step b { owner B } handoff a -> b');
        const added = compareStreams(undefined, model);
        expect(added.steps.added.map(step => step.name)).toEqual(['a', 'b']);
        expect(names(model, added.edges.added)).toEqual(['a -> b']);
        const removed = compareStreams(model, undefined);
        expect(removed.steps.removed.map(step => step.name)).toEqual(['a', 'b']);
        expect(names(model, removed.edges.removed)).toEqual(['a -> b']);
    });
});

describe('teamChanges of the onboarding example (onboarding → onboardingNext)', async () => {
    const workspace = await buildWorkspace(
        readFileSync(resolve(examples, 'customer-onboarding.vstream'), 'utf8'),
        readFileSync(resolve(examples, 'teams.vstream'), 'utf8')
    );
    const changes = teamChanges(workspace.model('onboarding'), workspace.model('onboardingNext'));
    const of = (team: string) => changes.find(change => change.team?.name === team)!;
    const handoffs = (list: TeamChange['handoffs']['gained']) =>
        list.map(handoff => `${handoff.role} ${handoff.from.name} -> ${handoff.to.name}`);

    it('has every team of either version, in the future state order', () => {
        expect(changes.map(change => change.team?.name)).toEqual(['Sales', 'CS', 'Impl', 'Billing']);
    });

    it('gives Customer success the intake form instead of the kickoff call, with their handoffs', () => {
        const cs = of('CS');
        expect(cs.steps.gained.map(move => [move.step.name, move.moves])).toEqual([['intake', false]]);
        expect(cs.steps.lost.map(move => [move.step.name, move.moves])).toEqual([['kickoff', false]]);
        expect(handoffs(cs.handoffs.gained)).toEqual(['receives sign -> intake', 'sends intake -> provision']);
        expect(handoffs(cs.handoffs.lost)).toEqual(['receives sign -> kickoff', 'sends kickoff -> provision']);
        expect(cs.handoffs.changed.map(handoff => [handoff.after.from.name, handoff.aspects])).toEqual([
            ['configure', ['wait']]
        ]);
        expect(cs.rework.gone.map(loop => `${loop.from.name} -> ${loop.to.name}`)).toEqual(['configure -> kickoff']);
        expect(cs.rework.added.map(loop => `${loop.from.name} -> ${loop.to.name}`)).toEqual(['configure -> intake']);
    });

    it('takes the wait on Billing away from Implementation, and billing off its handoffs', () => {
        const impl = of('Impl');
        expect(impl.waitsGone.map(wait => ['step' in wait && wait.step.name, wait.before, wait.after])).toEqual([
            ['provision', 24, 8],
            ['configure', 8, 4]
        ]);
        expect(impl.waitsGone[0].noLongerOn.map(party => party.name)).toEqual(['Billing']);
        expect(handoffs(impl.handoffs.lost)).toEqual(['receives kickoff -> provision', 'sends provision -> invoice']);
        expect(handoffs(of('Billing').handoffs.gained)).toEqual(['receives sign -> invoice']);
    });

    it('moves a step between teams: one gains it, the other loses it', async () => {
        const before = await modelOf('step a { owner A } step b { owner B } handoff a -> b');
        const after = await modelOf('step a { owner A } step b { owner C } handoff a -> b');
        const [a, b, c] = ['A', 'B', 'C'].map(team =>
            teamChanges(before, after).find(change => change.team?.name === team)!
        );
        expect(c.steps.gained.map(move => [move.step.name, move.moves, move.other?.name])).toEqual([['b', true, 'B']]);
        expect(b.steps.lost.map(move => [move.step.name, move.moves, move.other?.name])).toEqual([['b', true, 'C']]);
        // A still sends a -> b, but to another team: a handoff it gains, and one it loses.
        expect(a.handoffs.gained.map(handoff => [handoff.role, handoff.partner?.name])).toEqual([['sends', 'C']]);
        expect(a.handoffs.lost.map(handoff => [handoff.role, handoff.partner?.name])).toEqual([['sends', 'B']]);
        expect(changesNothing(a)).toBe(false);
    });

    it('gives the shares that change to the team whose step decides, not as a change of its handoffs', async () => {
        const steps = 'step a { owner A } step b { owner B } step c { owner C }';
        const before = await modelOf(`${steps} handoff a -> b { carries "x" share 80% } handoff a -> c { share 20% }`);
        const after = await modelOf(`${steps} handoff a -> b { carries "x" share 90% } handoff a -> c { share 10% }`);
        const [a, b, c] = ['A', 'B', 'C'].map(team =>
            teamChanges(before, after).find(change => change.team?.name === team)!
        );
        expect(
            a.shares.map(({ from, to, edge, before: was, after: is }) => [from.name, to.name, edge, was, is])
        ).toEqual([
            ['a', 'b', 'changed', 0.8, 0.9],
            ['a', 'c', 'changed', 0.2, 0.1]
        ]);
        expect(a.handoffs.changed).toEqual([]);
        expect(changesNothing(a)).toBe(false);
        expect([b, c].every(changesNothing)).toBe(true);
    });

    it('says when nothing changes for a team', async () => {
        const model = await modelOf('step a { owner A } step b { owner B } handoff a -> b');
        expect(teamChanges(model, model).every(changesNothing)).toBe(true);
    });
});
