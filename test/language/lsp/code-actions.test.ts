import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { applyEdits, lspWorkspace } from '../../lsp-helpers.js';

const CATALOGUE = 'team Sales "Sales"\nteam Ops "Operations"\n';

/** The quick fixes offered for the first diagnostic with `code` in the first file. */
async function fixesFor(code: string, text: string, ...others: string[]) {
    const workspace = await lspWorkspace(text, ...others);
    const document = workspace.documents[0];
    const diagnostic = (document.diagnostics ?? []).find(candidate => candidate.code === code);
    expect(diagnostic, `a ${code} diagnostic`).toBeDefined();
    const actions = ((await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: workspace.textDocument,
        range: diagnostic!.range,
        context: { diagnostics: [diagnostic!] }
    })) ?? []) as CodeAction[];
    return {
        titles: actions.map(action => action.title),
        /** The text after applying the fix with this title, and its diagnostics when built again with the other files. */
        async apply(title: string) {
            const action = actions.find(candidate => candidate.title === title);
            expect(action, title).toBeDefined();
            const fixed = applyEdits(document, action!.edit!.changes![document.uri.toString()]);
            const rebuilt = await lspWorkspace(fixed, ...others);
            return { text: fixed, diagnostics: rebuilt.documents[0].diagnostics ?? [] };
        }
    };
}

function errors(diagnostics: Array<{ severity?: number }>) {
    return diagnostics.filter(diagnostic => diagnostic.severity === 1);
}

describe('quick fixes', () => {
    it('set a step’s owner, one action per declared team', async () => {
        const fixes = await fixesFor(
            'step-without-owner',
            'stream s {\n    team Local\n    step a { process 1h }\n}',
            CATALOGUE
        );
        expect(fixes.titles).toEqual(['Set the owner to Local', 'Set the owner to Ops', 'Set the owner to Sales']);
        const { text, diagnostics } = await fixes.apply('Set the owner to Ops');
        expect(text).toContain('step a { owner Ops process 1h }');
        expect(diagnostics.map(diagnostic => diagnostic.code)).not.toContain('step-without-owner');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('give a body to a step without one', async () => {
        const fixes = await fixesFor('step-without-owner', 'stream s { step a }', CATALOGUE);
        expect((await fixes.apply('Set the owner to Sales')).text).toBe('stream s { step a { owner Sales } }');
    });

    it('set the owner of a handoff with an unowned side', async () => {
        const text = 'stream s {\n    step a { owner Sales }\n    step b\n    handoff a -> b { carries "x" }\n}';
        const { text: fixed, diagnostics } = await (
            await fixesFor('handoff-without-owner', text, CATALOGUE)
        ).apply('Set the owner to Sales');
        expect(fixed).toContain('handoff a -> b { owner Sales carries "x" }');
        expect(diagnostics.map(diagnostic => diagnostic.code)).not.toContain('handoff-without-owner');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('declare an unknown team at the top level', async () => {
        const fixes = await fixesFor('unresolved-reference', 'team A\n\nstream s { step a { owner Finance } }');
        expect(fixes.titles).toEqual(['Declare team Finance at the top level']);
        const { text, diagnostics } = await fixes.apply('Declare team Finance at the top level');
        expect(text).toBe('team A\nteam Finance "Finance"\n\nstream s { step a { owner Finance } }');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('offer a team or a system for an unknown wait cause', async () => {
        const fixes = await fixesFor('unresolved-reference', 'stream s { step a { wait 1d on Legal } }');
        expect(fixes.titles).toEqual(['Declare team Legal at the top level', 'Declare system Legal at the top level']);
        expect(errors((await fixes.apply('Declare system Legal at the top level')).diagnostics)).toEqual([]);
    });

    it('turn a flow that changes owner into a handoff, splitting a chain', async () => {
        const text =
            'stream s {\n    step a { owner Sales }\n    step b { owner Sales }\n    step c { owner Ops }\n    step d { owner Ops }\n    flow a -> b -> c -> d\n}';
        const { text: fixed, diagnostics } = await (
            await fixesFor('undeclared-handoff', text, CATALOGUE)
        ).apply('Declare the handoff b -> c');
        expect(fixed).toContain('    flow a -> b\n    handoff b -> c { carries "…" }\n    flow c -> d\n');
        expect(diagnostics.map(diagnostic => diagnostic.code)).not.toContain('undeclared-handoff');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('add the missing identification fields', async () => {
        const text = 'stream s {\n    start "a"\n    step a\n}';
        const { text: fixed, diagnostics } = await (
            await fixesFor('missing-identification', text)
        ).apply('Add recipient, end to the stream');
        expect(fixed).toBe('stream s {\n    recipient "…"\n    end "…"\n    start "a"\n    step a\n}');
        expect(diagnostics.map(diagnostic => diagnostic.code)).not.toContain('missing-identification');
    });

    it('remove a repeated clause', async () => {
        const text = 'stream s { step a { owner Sales process 1h process 2h } }';
        const { text: fixed, diagnostics } = await (
            await fixesFor('duplicate-property', text, CATALOGUE)
        ).apply('Remove the repeated `process`');
        expect(fixed).toBe('stream s { step a { owner Sales process 1h } }');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('give a rework a rate', async () => {
        const text = 'stream s {\n    step a\n    step b\n    flow a -> b\n    rework b -> a\n}';
        const fixes = await fixesFor('rework-without-rate', text);
        const { text: fixed, diagnostics } = await fixes.apply(fixes.titles[0]);
        expect(fixed).toContain('rework b -> a { rate 10% }');
        expect(diagnostics.map(diagnostic => diagnostic.code)).not.toContain('rework-without-rate');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('write a fraction as its percentage, and a bare number with its percent sign', async () => {
        const fraction = await fixesFor(
            'invalid-percentage',
            'stream s { step a { owner Sales complete 0.8 } }',
            CATALOGUE
        );
        expect(fraction.titles).toEqual(['Write 80%']);
        expect((await fraction.apply('Write 80%')).text).toBe('stream s { step a { owner Sales complete 80% } }');
        const number = await fixesFor(
            'invalid-percentage',
            'stream s { step a step b flow a -> b rework b -> a { rate 20 } }',
            CATALOGUE
        );
        expect(number.titles).toEqual(['Write 20%']);
    });

    it('give a duration its unit, one fix per unit, to every part of a range that lacks one', async () => {
        const single = await fixesFor('invalid-duration', 'stream s { step a { owner Sales process 39 } }', CATALOGUE);
        expect(single.titles).toEqual([
            'Write 39s (seconds)',
            'Write 39m (minutes)',
            'Write 39h (hours)',
            'Write 39d (working days)',
            'Write 39w (working weeks)'
        ]);
        expect((await single.apply('Write 39s (seconds)')).text).toBe(
            'stream s { step a { owner Sales process 39s } }'
        );
        const range = await fixesFor(
            'invalid-duration',
            'stream s { step a { owner Sales process 1..3h } }',
            CATALOGUE
        );
        const { text, diagnostics } = await range.apply('Write 1h..3h (hours)');
        expect(text).toBe('stream s { step a { owner Sales process 1h..3h } }');
        expect(errors(diagnostics)).toEqual([]);
    });

    it('make the last link of a flow written with a body a handoff that keeps the body', async () => {
        const text =
            'stream s {\n    step a { owner Sales }\n    step b { owner Sales }\n    step c { owner Ops }\n    flow a -> b -> c { wait 5h carries "order" }\n}';
        const fixes = await fixesFor('flow-with-body', text, CATALOGUE);
        const { text: fixed, diagnostics } = await fixes.apply('Make b -> c a handoff, which carries a body');
        expect(fixed).toContain('    flow a -> b\n    handoff b -> c { wait 5h carries "order" }\n}');
        expect(errors(diagnostics)).toEqual([]);
    });
});
