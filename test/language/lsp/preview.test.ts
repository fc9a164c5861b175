import { describe, expect, it } from 'vitest';
import { MAX_PREVIEW_STEPS, previewUpdate } from '../../../src/language/lsp/vstream-preview.js';
import { lspWorkspace } from '../../lsp-helpers.js';

const GOOD =
    'team A "Alpha"\nstream s "Orders" { recipient "r" start "a" end "b"  step a { owner A process 1h }  step b { owner A }  flow a -> b }';

describe('the preview update', () => {
    it('carries the picture in the editor palette, the panels and the document version', async () => {
        const workspace = await lspWorkspace(GOOD);
        const update = previewUpdate(workspace.documents[0], workspace.services);
        expect(update.uri).toBe(workspace.documents[0].uri.toString());
        expect(update.version).toBe(workspace.documents[0].textDocument.version);
        expect(update.svg).toContain('data-name="a"');
        expect(update.svg).not.toContain('<style>');
        expect(update.panels).toContain('<h2>Orders</h2>');
        expect(update.problems).toEqual([]);
    });

    it('sends no picture, only what is wrong, when the text does not parse', async () => {
        const workspace = await lspWorkspace(GOOD.replace('step b {', 'step b {{'));
        const update = previewUpdate(workspace.documents[0], workspace.services);
        expect(update.svg).toBeUndefined();
        expect(update.problems[0]).toMatch(/^Line 2: `{` is not a clause of a step: it takes owner, process/);
    });

    it('still draws a stream with unresolved names, and lists the errors', async () => {
        const workspace = await lspWorkspace(GOOD.replace('step b { owner A }', 'step b { owner Nobody }'));
        const update = previewUpdate(workspace.documents[0], workspace.services);
        expect(update.svg).toContain('data-name="b"');
        expect(update.problems).toEqual([expect.stringContaining("Line 2: Unknown team 'Nobody'")]);
    });

    it('says a file has too many steps to draw instead of drawing it', { timeout: 60_000 }, async () => {
        const steps = Array.from({ length: MAX_PREVIEW_STEPS + 1 }, (_, index) => `step s${index}`).join('\n');
        const workspace = await lspWorkspace(`stream big {\n${steps}\n}\n`);
        const update = previewUpdate(workspace.documents[0], workspace.services);
        expect(update.svg).toBeUndefined();
        expect(update.problems[0]).toBe(
            'This file has 20,001 steps, too many to draw here (the preview draws up to 20,000).'
        );
    });
});
