import { describe, expect, it } from 'vitest';
import { streamCards } from '../../../src/language/lsp/vstream-stream-card.js';
import { lspWorkspace } from '../../lsp-helpers.js';

const STREAM =
    'team A\nteam B\nstream s "Orders" { step take { owner A } step check { owner B } handoff take -> check { carries "order" } }';

describe('the stream card request', () => {
    it('gives the cards of the document, named by the source given', async () => {
        const workspace = await lspWorkspace(STREAM);
        const result = streamCards(
            workspace.documents[0],
            { uri: workspace.textDocument.uri, source: 'flows/orders.vstream' },
            workspace.services
        );
        expect(result.markdown).toContain('Stream card of `s` in `flows/orders.vstream`');
        expect(result.kept).toBeUndefined();
    });

    it('carries over what the teams wrote in the card it replaces, and says how much', async () => {
        const workspace = await lspWorkspace(STREAM);
        const earlierCard =
            '### 1. take → check\n<!-- vstream handoff s: take -> check -->\n\n#### Exception paths\n\nAgreed by the teams:\n\n- [x] A wrong order goes back the same day\n';
        const result = streamCards(
            workspace.documents[0],
            {
                uri: workspace.textDocument.uri,
                source: 'orders.vstream',
                earlierCard: { name: 'cards/orders.md', text: earlierCard }
            },
            workspace.services
        );
        expect(result.markdown).toMatch(
            /#### Exception paths\n\n[^\n]+\n\nAgreed by the teams:\n\n- \[x\] A wrong order goes back the same day\n/
        );
        expect(result.kept).toBe('kept what the teams wrote under 1 handoff of cards/orders.md');
    });

    it('says why there is no card for text that does not parse', async () => {
        const workspace = await lspWorkspace('stream s { step a { owner');
        const result = streamCards(
            workspace.documents[0],
            { uri: workspace.textDocument.uri, source: 'broken.vstream' },
            workspace.services
        );
        expect(result.markdown).toBeUndefined();
        expect(result.problem).toBe(
            'broken.vstream has syntax errors: fix them (see Problems) and generate the card again.'
        );
    });
});
