import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { randomMap } from '../../analysis/random-maps.js';
import { applyEdits, lspWorkspace, type LspWorkspace } from '../../lsp-helpers.js';

const CATALOGUE = 'team Sales "Sales"\nteam Ops "Operations"\n';

/** The quick fixes offered for the first diagnostic with `code` in the first file. */
async function fixesFor(code: string, text: string, ...others: string[]) {
    const workspace = await lspWorkspace(text, ...others);
    const document = workspace.documents[0];
    const diagnostic = (document.diagnostics ?? []).find(candidate => candidate.code === code);
    expect(diagnostic, `a ${code} diagnostic`).toBeDefined();
    const actions = await codeActions(workspace, diagnostic!);
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

async function codeActions(workspace: LspWorkspace, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return ((await workspace.services.lsp.CodeActionProvider!.getCodeActions(workspace.documents[0], {
        textDocument: workspace.textDocument,
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] }
    })) ?? []) as CodeAction[];
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

describe('quick fixes of decisions', () => {
    const DECISION = (shares: string) =>
        `team Desk\nstream s {\n    step triage { owner Desk }\n    step answer { owner Desk }\n    step escalate { owner Desk }\n    step close { owner Desk }\n${shares}    flow answer -> close\n    flow escalate -> close\n}`;

    it('give the remainder to one edge, one action per edge', async () => {
        const text = DECISION(
            '    flow triage -> answer { share 80% }\n    handoff triage -> escalate { carries "x" share 30% }\n'
        );
        const fixes = await fixesFor('shares-do-not-add-up', text);
        expect(fixes.titles).toEqual([
            'Give the remainder to answer (70%)',
            'Give the remainder to escalate (20%)',
            'Scale the shares to 100%'
        ]);
        const { text: fixed, diagnostics } = await fixes.apply('Give the remainder to escalate (20%)');
        expect(fixed).toContain(
            '    flow triage -> answer { share 80% }\n    handoff triage -> escalate { carries "x" share 20% }\n'
        );
        expect(errors(diagnostics)).toEqual([]);
    });

    it('scale the shares to 100% in proportion, adding up exactly (a remainder below 0% is no fix)', async () => {
        const text = DECISION(
            '    flow triage -> answer { share 80% }\n    flow triage -> escalate { share 50% }\n    flow triage -> close { share 40% }\n'
        );
        const fixes = await fixesFor('shares-do-not-add-up', text);
        expect(fixes.titles).toEqual(['Give the remainder to answer (10%)', 'Scale the shares to 100%']);
        const { text: fixed, diagnostics } = await fixes.apply('Scale the shares to 100%');
        // 47.06, 29.41 and 23.53 rounded, the largest fraction rounded up: 47 + 29 + 24.
        expect(fixed).toContain(
            '    flow triage -> answer { share 47% }\n    flow triage -> escalate { share 29% }\n    flow triage -> close { share 24% }\n'
        );
        expect(errors(diagnostics)).toEqual([]);
    });

    it('give the one edge of a step all of it', async () => {
        const fixes = await fixesFor('shares-do-not-add-up', DECISION('    flow triage -> answer { share 60.5% }\n'));
        expect(fixes.titles).toEqual(['Give the remainder to answer (100%)']);
    });

    it('give the edges without a share equal parts of what is left, keeping the decimals written', async () => {
        const text = DECISION(
            '    flow triage -> answer { share 55.5% }\n    flow triage -> escalate\n    handoff triage -> close {\n        carries "x"\n    }\n'
        );
        const fixes = await fixesFor('mixed-shares', text);
        expect(fixes.titles).toEqual(['Give every edge leaving triage a share', 'Remove the shares (parallel work)']);
        const shared = await fixes.apply('Give every edge leaving triage a share');
        expect(shared.text).toContain(
            '    flow triage -> answer { share 55.5% }\n    flow triage -> escalate { share 22.3% }\n    handoff triage -> close {\n        carries "x"\n        share 22.2%\n    }\n'
        );
        expect(errors(shared.diagnostics)).toEqual([]);
        const parallel = await fixes.apply('Remove the shares (parallel work)');
        expect(parallel.text).toContain('    flow triage -> answer\n    flow triage -> escalate\n');
        expect(errors(parallel.diagnostics)).toEqual([]);
    });

    it('give every edge an equal part when the shares written already make 100%', async () => {
        const text = DECISION(
            '    flow triage -> answer { share 100% }\n    flow triage -> escalate\n    flow triage -> close\n'
        );
        const { text: fixed, diagnostics } = await (
            await fixesFor('mixed-shares', text)
        ).apply('Give every edge leaving triage a share');
        expect(fixed).toContain(
            '    flow triage -> answer { share 34% }\n    flow triage -> escalate { share 33% }\n    flow triage -> close { share 33% }\n'
        );
        expect(errors(diagnostics)).toEqual([]);
    });

    it('split a chain whose links must not all change, each part keeping the body', async () => {
        const steps = '    step a\n    step b\n    step c\n    step d\n    step e\n';
        const handoffs = await fixesFor(
            'shares-do-not-add-up',
            `stream s {\n${steps}    handoff a -> b -> c { carries "x" share 50% }\n    flow b -> d { share 50% }\n}`
        );
        const handoff = await handoffs.apply('Give the remainder to b (100%)');
        expect(handoff.text).toContain(
            '    handoff a -> b { carries "x" share 100% }\n    handoff b -> c { carries "x" share 50% }\n    flow b -> d'
        );
        expect(errors(handoff.diagnostics)).toEqual([]);
        const flows = await fixesFor(
            'mixed-shares',
            `stream s {\n${steps}    flow a -> b -> c -> d { share 100% }\n    flow b -> e\n}`
        );
        const parallel = await flows.apply('Remove the shares (parallel work)');
        expect(parallel.text).toContain(
            '    flow a -> b { share 100% }\n    flow b -> c\n    flow c -> d { share 100% }\n    flow b -> e\n'
        );
        expect(errors(parallel.diagnostics)).toEqual([]);
    });

    it('make a share written on a rework its rate, or remove it', async () => {
        const text = (rework: string) => `stream s {\n    step a\n    step b\n    flow a -> b\n    ${rework}\n}`;
        const fixes = await fixesFor('share-on-rework', text('rework b -> a { share 20% reason "why" }'));
        expect(fixes.titles).toEqual(["Make it the rework's rate", 'Remove the share']);
        const rate = await fixes.apply("Make it the rework's rate");
        expect(rate.text).toContain('rework b -> a { rate 20% reason "why" }');
        expect(errors(rate.diagnostics)).toEqual([]);
        expect((await fixes.apply('Remove the share')).text).toContain('rework b -> a { reason "why" }');
        // A rework with a rate, or a share of 100% (a rate that never lets the work through): only removed.
        const withRate = await fixesFor('share-on-rework', text('rework b -> a { rate 10% share 20% }'));
        expect(withRate.titles).toEqual(['Remove the share']);
        expect((await withRate.apply('Remove the share')).text).toContain('rework b -> a { rate 10% }');
        const whole = await fixesFor('share-on-rework', text('rework b -> a { share 100% }'));
        expect(whole.titles).toEqual(['Remove the share']);
        expect((await whole.apply('Remove the share')).text).toContain('    rework b -> a\n');
    });
});

describe('quick fixes of decisions on random maps', () => {
    const CODES = ['mixed-shares', 'shares-do-not-add-up', 'share-on-rework'];

    const message = ({ message }: Diagnostic) => (typeof message === 'string' ? message : message.value);

    /** The diagnostics about the same thing: of a step (its name in the message), or any share on a rework. */
    const sameAs = (diagnostic: Diagnostic) => (other: Diagnostic) =>
        other.code === diagnostic.code &&
        /step '[^']+'/.exec(message(other))?.[0] === /step '[^']+'/.exec(message(diagnostic))?.[0];

    /** The errors of `after` that `before` does not have (by code and message: positions move). */
    function newErrors(before: Diagnostic[], after: Diagnostic[]): string[] {
        const described = (diagnostics: Diagnostic[]) =>
            diagnostics
                .filter(diagnostic => diagnostic.severity === 1)
                .map(diagnostic => `${String(diagnostic.code)}: ${message(diagnostic)}`);
        const left = described(before);
        return described(after).filter(error => {
            const found = left.indexOf(error);
            return found < 0 || left.splice(found, 1).length === 0;
        });
    }

    it('take away what they fix and add no error, whichever is applied (property)', async () => {
        let applied = 0;
        await fc.assert(
            fc.asyncProperty(fc.nat(1_000_000), async seed => {
                const workspace = await lspWorkspace(randomMap(seed, { decisions: true, brokenShares: true }));
                const document = workspace.documents[0];
                const before = document.diagnostics ?? [];
                for (const diagnostic of before.filter(candidate => CODES.includes(String(candidate.code)))) {
                    const actions = await codeActions(workspace, diagnostic);
                    expect(actions.length, message(diagnostic)).toBeGreaterThan(0);
                    for (const action of actions) {
                        const fixed = applyEdits(document, action.edit!.changes![workspace.textDocument.uri]);
                        const after = (await lspWorkspace(fixed)).documents[0].diagnostics ?? [];
                        const context = `${action.title} for ${message(diagnostic)}\n${fixed}`;
                        expect(after.filter(sameAs(diagnostic)).length, context).toBe(
                            before.filter(sameAs(diagnostic)).length - 1
                        );
                        expect(newErrors(before, after), context).toEqual([]);
                        applied++;
                    }
                }
            }),
            { numRuns: 60, seed: 49 }
        );
        expect(applied).toBeGreaterThan(100);
    }, 60_000);
});
