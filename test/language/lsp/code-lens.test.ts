import { describe, expect, it } from 'vitest';
import type { StreamFiguresArgument } from '../../../src/protocol.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE } from '../../fixtures.js';
import { lspWorkspace } from '../../lsp-helpers.js';

describe('the code lenses of a stream', () => {
    it('show the headline figures, and the findings with every figure as rows ready to show', async () => {
        const workspace = await lspWorkspace(WORKED_EXAMPLE);
        const lenses = await workspace.services.lsp.CodeLensProvider!.provideCodeLens(workspace.documents[0], {
            textDocument: workspace.textDocument
        });
        expect(lenses?.map(lens => lens.command?.title)).toEqual([
            'lead time 11.4 d · process time 15 h · flow efficiency 16.5% · 5 handoffs',
            expect.stringMatching(/^\d+ findings$/)
        ]);
        const argument = lenses![1].command!.arguments![0] as StreamFiguresArgument;
        expect(argument.title).toBe('Customer onboarding');
        expect(argument.rows.slice(0, 4)).toEqual([
            { label: 'Figures', heading: true },
            { label: 'lead time: 11.4 d' },
            { label: 'process time: 15 h' },
            { label: 'flow efficiency: 16.5%' }
        ]);
        expect(argument.rows).toContainEqual({
            label: 'Critical path',
            description: 'sign → kickoff → provision → configure → firstRun'
        });
        expect(argument.rows).toContainEqual({ label: 'Where does work wait?', heading: true });
        const finding = argument.rows.find(row => row.label.startsWith('Kickoff call waits 3 d'));
        expect(finding?.range?.start.line).toBe(
            WORKED_EXAMPLE.split('\n').findIndex(line => line.includes('step kickoff'))
        );
    });

    it('add the typical lead time to the headline of a stream that decides, and its figures to the list', async () => {
        const workspace = await lspWorkspace(DECISION_EXAMPLE);
        const lenses = await workspace.services.lsp.CodeLensProvider!.provideCodeLens(workspace.documents[0], {
            textDocument: workspace.textDocument
        });
        expect(lenses?.[0].command?.title).toBe(
            'lead time 30 h · process time 8 h · flow efficiency 26.7% · 2 handoffs · typical 10 h'
        );
        const argument = lenses![1].command!.arguments![0] as StreamFiguresArgument;
        expect(argument.rows).toContainEqual({ label: 'typical lead time: 10 h' });
        expect(argument.rows).toContainEqual({ label: 'typical share: 80%' });
    });
});
