import { describe, expect, it } from 'vitest';
import * as ast from '../../src/language/generated/ast.js';
import { at, buildWorkspace } from '../helpers.js';

const EVERY_CONSTRUCT = `
// a line comment
/* a block
   comment */
team Sales "Sales"
system CRM "CRM"
stream current "Current state" {
    recipient "Customer"
    start "Order placed"
    end "Order delivered"
    measure lead-time
    workday 7.5h
    team Local "A local team"
    system Sheet
    step start "Take order" { owner Sales process 30m wait 1.5d wait 2h on Sheet complete 90% uses CRM, Sheet }
    step review { owner Local process 0.25w }
    step end
    handoff start -> review { carries "order", "notes" via CRM wait 4h complete 95% owner Sales }
    flow review -> end
    rework review -> start { rate 12.5% reason "missing notes" wait 1h }
    kaizen review "Checklist"
}
stream future improves current {
    recipient "Customer" start "Order placed" end "Order delivered" measure quality
    step only { owner Sales }
}
`;

describe('parsing', () => {
    it('parses every construct of the language without errors', async () => {
        const workspace = await buildWorkspace(EVERY_CONSTRUCT);
        const result = workspace.documents[0].parseResult;
        expect(result.lexerErrors).toEqual([]);
        expect(result.parserErrors).toEqual([]);
        const current = workspace.streams.get('current')!;
        const kinds = current.members.map(member => member.$type);
        expect(kinds).toEqual([
            'Recipient',
            'StartPoint',
            'EndPoint',
            'Measure',
            'Workday',
            'Team',
            'System',
            'Step',
            'Step',
            'Step',
            'Handoff',
            'Flow',
            'Rework',
            'Kaizen'
        ]);
        const step = current.members.find(ast.isStep)!;
        expect(step.name).toBe('start');
        expect(step.title).toBe('Take order');
        expect(step.clauses.map(clause => clause.$type)).toEqual([
            'OwnerClause',
            'ProcessClause',
            'StepWait',
            'StepWait',
            'CompleteClause',
            'UsesClause'
        ]);
        const handoff = current.members.find(ast.isHandoff)!;
        expect(handoff.clauses.find(ast.isCarriesClause)!.items).toEqual(['order', 'notes']);
        expect(workspace.streams.get('future')!.improves?.ref).toBe(current);
        expect(workspace.diagnostics.filter(diagnostic => diagnostic.severity === 1)).toEqual([]);
    });

    it('reads keywords used as names, decimals, minutes and weeks', async () => {
        const workspace = await buildWorkspace(EVERY_CONSTRUCT);
        const model = workspace.model('current');
        expect(model.workdayHours).toBe(7.5);
        const [take, review] = model.steps;
        expect(take.processTime).toBeCloseTo(0.5);
        expect(take.waitTime).toBeCloseTo(1.5 * 7.5 + 2);
        expect(take.completeAccurate).toBeCloseTo(0.9);
        expect(review.processTime).toBeCloseTo(0.25 * 5 * 7.5);
        expect(model.reworks[0].rate).toBeCloseTo(0.125);
    });

    it('reports a syntax error at its position with the syntax-error code', async () => {
        const workspace = await buildWorkspace('stream s {\n    step a { owner }\n}\n');
        const errors = workspace.diagnostics.filter(diagnostic => diagnostic.code === 'syntax-error');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0].range.start).toEqual({ line: 1, character: 19 });
        expect(errors[0].message).toBe('Expected a name after `owner`, but found `}`.');
    });

    it('says in plain words which kind of value is missing, on one line', async () => {
        const workspace = await buildWorkspace(
            'stream s {\n  step a { process }\n  step b { complete }\n  handoff a b\n}\n'
        );
        const messages = workspace.diagnostics
            .filter(diagnostic => diagnostic.code === 'syntax-error')
            .map(diagnostic => diagnostic.message);
        expect(messages).toEqual([
            'Expected a duration such as 4h after `process`, but found `}`.',
            'Expected a percentage such as 80% after `complete`, but found `}`.',
            'Expected `->` after `a`, but found `b`.'
        ]);
    });

    it('names the clauses a place accepts when something else is written there', async () => {
        const messages = async (text: string) =>
            (await buildWorkspace(text)).diagnostics
                .filter(diagnostic => diagnostic.code === 'syntax-error')
                .map(diagnostic => diagnostic.message);
        expect(await messages('team A\nstream s { step a { owner A lead 3d } }')).toEqual([
            '`lead` is not a clause of a step: it takes owner, process, wait, complete, uses, inventory, status or queue; or close it with }.'
        ]);
        expect(
            await messages('team A\nstream s { step a { owner A } step b { owner A } handoff a -> b { lead 3d } }')
        ).toEqual([
            '`lead` is not a clause of a handoff: it takes carries, via, wait, complete, owner or share; or close it with }.'
        ]);
        expect(
            await messages('team A\nstream s { step a { owner A } step b { owner A } rework b -> a { lead 3d } }')
        ).toEqual(['`lead` is not a clause of a rework: it takes rate, reason or wait; or close it with }.']);
        expect(
            await messages('team A\nstream s { step a { owner A } step b { owner A } flow a -> b { lead 3d } }')
        ).toEqual([
            "`lead` is not a clause of a flow (a flow's body holds only its share; a handoff has more): it takes share; or close it with }."
        ]);
        expect((await messages('stream s { lead 3d }'))[0]).toMatch(
            /^`lead` is not a statement of a stream: it takes recipient, start, end, measure, workday, demand, target, done, layout, team, system, step, handoff, flow, rework or kaizen; or close it with }\.$/
        );
    });

    it('reads seconds, ranges, inventory, demand, a target and tracker statuses', async () => {
        const workspace = await buildWorkspace(`team A
stream s {
    recipient "r" start "a" end "b"
    demand 20 per d
    target 3d
    done "Done", "Closed"
    step press { owner A process 39s wait 1h..3h inventory 40 status "Pressing" queue "To press" }
    step ship { owner A process 30m..1h..2h wait 1d..2d..8d on A }
    flow press -> ship
    rework ship -> ship { rate 10% wait 5m..15m }
}`);
        expect(workspace.diagnostics.filter(diagnostic => diagnostic.severity === 1)).toEqual([]);
        const model = workspace.model();
        expect(model.steps[0].process).toEqual({ low: 39 / 3600, likely: 39 / 3600, high: 39 / 3600 });
        expect(model.steps[0].inventory).toEqual({ items: 40, hours: 16 });
        expect(model.steps[0].wait).toEqual({ low: 17, likely: 18, high: 19 });
        expect(model.steps[1].process).toEqual({ low: 0.5, likely: 1, high: 2 });
        expect(model.steps[0].statuses).toEqual(['Pressing']);
        expect(model.steps[0].queues).toEqual(['To press']);
        expect(model.doneStatuses).toEqual(['Done', 'Closed']);
        expect(model.reworks[0].wait).toEqual({ low: 5 / 60, likely: 10 / 60, high: 15 / 60, uniform: true });
        expect(model.metrics.target).toBe(24);
    });

    it('reports an unknown character as a syntax error on its line', async () => {
        const workspace = await buildWorkspace('stream s {\n  recipient "r" start "s" end "e"\n  step a $\n}\n');
        expect(at(workspace.diagnostics, 'syntax-error')).toContain(3);
    });

    it('reports an unterminated string and block comment instead of failing', async () => {
        const unterminatedString = await buildWorkspace('stream s "open title {\n}\n');
        expect(unterminatedString.diagnostics[0].message).toBe(
            'This text is not closed: end it with " on the same line.'
        );
        const unterminatedComment = await buildWorkspace('stream s {\n /* never closed\n}\n');
        expect(unterminatedComment.diagnostics.map(diagnostic => diagnostic.message)).toContain(
            'This comment is not closed: end it with */.'
        );
    });

    it('accepts an empty file and a stream with an empty body', async () => {
        expect((await buildWorkspace('')).diagnostics).toEqual([]);
        const empty = await buildWorkspace('stream s { recipient "r" start "a" end "b" }');
        expect(empty.diagnostics).toEqual([]);
        expect(empty.model().metrics.leadTime).toBe(0);
        expect(empty.model().metrics.flowEfficiency).toBeNull();
    });
});
