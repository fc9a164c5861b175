import { describe, expect, it } from 'vitest';
import * as ast from '../../src/language/generated/ast.js';
import { at, buildWorkspace } from '../helpers.js';

const CATALOGUE = `
team Sales "Sales"
team Ops "Operations"
system CRM "CRM"
`;

describe('linking', () => {
    it('resolves teams and systems from another file of the workspace', async () => {
        const workspace = await buildWorkspace(
            `
stream s {
    recipient "r" start "a" end "b"
    step a { owner Sales uses CRM wait 1d on Ops }
    step b { owner Ops }
    handoff a -> b { carries "order" via CRM }
}`,
            CATALOGUE
        );
        expect(at(workspace.diagnostics, 'unresolved-reference')).toEqual([]);
        const step = workspace.streams.get('s')!.members.find(ast.isStep)!;
        const owner = step.clauses.find(ast.isOwnerClause)!.team.ref!;
        expect(owner.title).toBe('Sales');
        expect(owner.$container).toBe(workspace.documents[1].parseResult.value);
    });

    it('prefers a team declared in the stream over the shared one', async () => {
        const workspace = await buildWorkspace(
            `
stream s {
    team Sales "Local sales"
    step a { owner Sales }
}`,
            CATALOGUE
        );
        expect(workspace.model().steps[0].owner?.title).toBe('Local sales');
    });

    it('does not see a stream-local team from another stream', async () => {
        const workspace = await buildWorkspace(`
stream one { team Local  step a { owner Local } }
stream two { step b { owner Local } }`);
        expect(at(workspace.diagnostics, 'unresolved-reference')).toEqual([3]);
    });

    it('resolves steps only within their own stream', async () => {
        const workspace = await buildWorkspace(`
stream one { step a  step b  flow a -> b }
stream two { step c  flow c -> a }`);
        const unresolved = workspace.diagnostics.filter(diagnostic => diagnostic.code === 'unresolved-reference');
        expect(unresolved.map(diagnostic => diagnostic.range.start)).toEqual([{ line: 2, character: 31 }]);
        expect(unresolved[0].message).toContain("Unknown step 'a' in stream 'two'");
        expect(unresolved[0].severity).toBe(1);
    });

    it('lets a wait be on a team or a system, and says which kinds of name fit when neither resolves', async () => {
        const workspace = await buildWorkspace(
            `
stream s {
    step a { owner Sales wait 1d on CRM wait 2h on Ops wait 1h on Nobody }
}`,
            CATALOGUE
        );
        const unresolved = workspace.diagnostics.filter(diagnostic => diagnostic.code === 'unresolved-reference');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0].message).toContain("team or system 'Nobody'");
        expect(workspace.model().steps[0].waits.map(wait => wait.cause?.kind)).toEqual(['system', 'team', undefined]);
    });

    it('names the missing team and says how to declare it', async () => {
        const workspace = await buildWorkspace('stream s { step a { owner Finance } }');
        const [unresolved] = workspace.diagnostics.filter(diagnostic => diagnostic.code === 'unresolved-reference');
        expect(unresolved.message).toContain("Unknown team 'Finance'");
        expect(unresolved.message).toContain('team Finance');
    });

    it('resolves `improves` across files', async () => {
        const workspace = await buildWorkspace('stream next improves current { step a }', 'stream current { step a }');
        expect(workspace.streams.get('next')!.improves?.ref?.name).toBe('current');
        expect(workspace.model('next').improves).toBe('current');
    });

    it('links a long stream in one pass of hashed lookups', async () => {
        const steps = Array.from({ length: 3000 }, (_, index) => `step s${index} { owner Sales }`).join('\n');
        const flows = Array.from({ length: 2999 }, (_, index) => `flow s${index} -> s${index + 1}`).join('\n');
        const workspace = await buildWorkspace(`stream long {\n${steps}\n${flows}\n}`, CATALOGUE);
        expect(at(workspace.diagnostics, 'unresolved-reference')).toEqual([]);
        expect(workspace.model().metrics.criticalPath).toHaveLength(3000);
    });
});
