import { describe, expect, it } from 'vitest';
import { InsertTextFormat } from 'vscode-languageserver';
import { lspWorkspace } from '../../lsp-helpers.js';

const CATALOGUE = 'team Sales "Sales"\nteam Ops "Operations"\nsystem CRM "CRM"\n';

async function itemsAt(text: string, ...others: string[]) {
    const workspace = await lspWorkspace(text, ...others);
    const list = await workspace.services.lsp.CompletionProvider!.getCompletion(workspace.documents[0], {
        textDocument: workspace.textDocument,
        position: workspace.cursor
    });
    return list?.items ?? [];
}

async function labelsAt(text: string, ...others: string[]): Promise<string[]> {
    return (await itemsAt(text, ...others)).map(item => item.label);
}

describe('completion', () => {
    it('offers the teams in scope after `owner`, and no keywords', async () => {
        const labels = await labelsAt('stream s {\n  team Local\n  step a { owner <|> }\n}', CATALOGUE);
        expect(labels).toEqual(expect.arrayContaining(['Local', 'Sales', 'Ops']));
        expect(labels).not.toContain('process');
        expect(labels).not.toContain('CRM');
    });

    it('offers the steps of the same stream after `handoff` and `->`', async () => {
        const text = 'stream s {\n  step alpha\n  step beta\n  handoff alpha -> <|>\n}\nstream other { step gamma }';
        const labels = await labelsAt(text);
        expect(labels).toEqual(expect.arrayContaining(['alpha', 'beta']));
        expect(labels).not.toContain('gamma');
    });

    it('offers steps after `flow`, `rework` and `kaizen`', async () => {
        for (const statement of ['flow <|>', 'rework <|>', 'kaizen <|>']) {
            expect(await labelsAt(`stream s {\n  step alpha\n  ${statement}\n}`)).toContain('alpha');
        }
    });

    it('offers systems after `uses` and `via`, teams and systems after `on`', async () => {
        expect(await labelsAt('stream s { step a { uses <|> } }', CATALOGUE)).toEqual(['CRM']);
        expect(await labelsAt('stream s { step a  step b  handoff a -> b { via <|> } }', CATALOGUE)).toEqual(['CRM']);
        expect(await labelsAt('stream s { step a { wait 1d on <|> } }', CATALOGUE)).toEqual(
            expect.arrayContaining(['Sales', 'Ops', 'CRM'])
        );
    });

    it('offers units right after a number', async () => {
        expect(await labelsAt('stream s { step a { process 4<|> } }')).toEqual(['4h', '4d', '4m', '4w', '4s']);
        expect(await labelsAt('stream s { step a { complete 80<|> } }')).toEqual(['80%']);
        expect(await labelsAt('stream s { target 3<|> }')).toEqual(['3h', '3d', '3m', '3w', '3s']);
    });

    it('offers units for each part of a range, and the periods of a demand', async () => {
        expect(await labelsAt('stream s { step a { wait 1d..2<|> } }')).toEqual(['2h', '2d', '2m', '2w', '2s']);
        expect(await labelsAt('stream s { step a { process 1h..2h..4<|> } }')).toContain('4h');
        expect(await labelsAt('stream s { demand 20 per <|> }')).toEqual(['d', 'w', 'h']);
    });

    it('offers the layouts after `layout`', async () => {
        expect(await labelsAt('stream s { layout <|> }')).toEqual(['lanes', 'classic']);
    });

    it('offers the statements of a stream body', async () => {
        const labels = await labelsAt('stream s {\n  <|>\n}');
        expect(labels).toEqual(
            expect.arrayContaining([
                'step',
                'handoff',
                'flow',
                'rework',
                'kaizen',
                'recipient',
                'start',
                'end',
                'measure',
                'workday',
                'demand',
                'target',
                'done',
                'layout',
                'team',
                'system'
            ])
        );
    });

    it('offers the new clauses of a step', async () => {
        expect(await labelsAt('stream s { step a { <|> } }')).toEqual(
            expect.arrayContaining(['owner', 'process', 'wait', 'inventory', 'status', 'queue'])
        );
    });

    it('offers `share` in a handoff’s body, only `share` in a flow’s, and no `share` in a rework’s', async () => {
        const stream = (statement: string) => `stream s {\n  step a\n  step b\n  ${statement}\n}`;
        expect(await labelsAt(stream('handoff a -> b { carries "x" <|> }'))).toEqual(
            expect.arrayContaining(['via', 'wait', 'complete', 'owner', 'share'])
        );
        expect(await labelsAt(stream('flow a -> b { <|> }'))).toEqual(['share']);
        expect(await labelsAt(stream('flow a -> b -> a { sh<|> }'))).toEqual(['share']);
        expect(await labelsAt(stream('rework b -> a { <|> }'))).toEqual(['rate', 'reason', 'wait']);
        expect(await labelsAt(stream('flow a -> b { share 45<|> }'))).toEqual(['45%']);
    });

    it('proposes as a share what the other edges of the step leave of 100%', async () => {
        const snippet = async (text: string) => {
            const share = (await itemsAt(text)).find(item => item.label === 'share');
            return [share?.insertText, share?.insertTextFormat];
        };
        const steps = 'stream s {\n  step a\n  step b\n  step c\n  step d\n';
        expect(await snippet(`${steps}  flow a -> b { share 55% }\n  flow a -> c { <|> }\n}`)).toEqual([
            'share ${1:45}%',
            InsertTextFormat.Snippet
        ]);
        // Equal parts of what is left with the other edge still without a share.
        expect(
            (await snippet(`${steps}  flow a -> b { share 40% }\n  flow a -> c\n  handoff a -> d { <|> }\n}`))[0]
        ).toBe('share ${1:30}%');
        expect((await snippet(`${steps}  flow a -> b { <|> }\n}`))[0]).toBe('share ${1:100}%');
        expect((await snippet(`${steps}  flow a -> b { share 100% }\n  flow a -> c { <|> }\n}`))[0]).toBe(
            'share ${1:0}%'
        );
    });
});
