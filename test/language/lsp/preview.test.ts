import { describe, expect, it } from 'vitest';
import { FollowedDocument, MAX_PREVIEW_STEPS, previewDrawing } from '../../../src/language/lsp/vstream-preview.js';
import { joinSvgParts } from '../../../src/picture-parts.js';
import { lspWorkspace } from '../../lsp-helpers.js';

const GOOD =
    'team A "Alpha"\nstream s "Orders" { recipient "r" start "a" end "b"  step a { owner A process 1h }  step b { owner A }  flow a -> b }';

async function drawingOf(text: string) {
    const workspace = await lspWorkspace(text);
    return previewDrawing(workspace.documents[0], workspace.services);
}

describe('the preview drawing', () => {
    it('carries the picture in parts in the editor palette, and the panels', async () => {
        const drawing = await drawingOf(GOOD);
        const svg = joinSvgParts(drawing.parts!);
        expect(svg).toContain('data-name="a"');
        expect(svg).not.toContain('<style>');
        expect(drawing.panels).toContain('<h2>Orders</h2>');
        expect(drawing.problems).toEqual([]);
    });

    it('draws the layout the menu chose over the file’s, and the file’s without a choice', async () => {
        const workspace = await lspWorkspace(GOOD);
        const drawn = (layout?: 'lanes' | 'classic') =>
            joinSvgParts(
                previewDrawing(workspace.documents[0], workspace.services, 'editor', undefined, layout).parts!
            );
        expect(drawn()).toContain('class="vs-lane');
        expect(drawn('classic')).toContain('class="vs-party vs-customer"');
        expect(drawn('classic')).not.toContain('class="vs-lane');
        const classicFile = await lspWorkspace(GOOD.replace('{', '{ layout classic'));
        const file = (layout?: 'lanes' | 'classic') =>
            joinSvgParts(
                previewDrawing(classicFile.documents[0], classicFile.services, 'editor', undefined, layout).parts!
            );
        expect(file()).toContain('class="vs-party vs-customer"');
        expect(file('lanes')).toContain('class="vs-lane');
    });

    it('draws no picture, only what is wrong, when the text does not parse', async () => {
        const drawing = await drawingOf(GOOD.replace('step b {', 'step b {{'));
        expect(drawing.parts).toBeUndefined();
        expect(drawing.problems[0]).toMatch(/^Line 2: `{` is not a clause of a step: it takes owner, process/);
    });

    it('still draws a stream with unresolved names, and lists the errors', async () => {
        const drawing = await drawingOf(GOOD.replace('step b { owner A }', 'step b { owner Nobody }'));
        expect(joinSvgParts(drawing.parts!)).toContain('data-name="b"');
        expect(drawing.problems).toEqual([expect.stringContaining("Line 2: Unknown team 'Nobody'")]);
    });

    it('says a file has too many steps to draw instead of drawing it', { timeout: 60_000 }, async () => {
        const steps = Array.from({ length: MAX_PREVIEW_STEPS + 1 }, (_, index) => `step s${index}`).join('\n');
        const drawing = await drawingOf(`stream big {\n${steps}\n}\n`);
        expect(drawing.parts).toBeUndefined();
        expect(drawing.problems[0]).toBe(
            'This file has 20,001 steps, too many to draw here (the preview draws up to 20,000).'
        );
    });
});

describe('the updates sent to the previews of a document', () => {
    it('send the whole picture first, then only the parts a keystroke changed', async () => {
        const followed = new FollowedDocument();
        const first = followed.update('u', 1, await drawingOf(GOOD))!;
        expect(first.picture!.layout!.length).toBe(first.picture!.parts.length);
        expect(first.panels).toContain('<h2>Orders</h2>');
        const second = followed.update('u', 2, await drawingOf(GOOD.replace('process 1h', 'process 2h')))!;
        expect(second.version).toBe(2);
        expect(second.picture!.layout).toBeUndefined();
        const changed = second.picture!.parts.map(([key]) => key);
        expect(changed).toContain('stream:s/step:a');
        expect(changed).not.toContain('stream:s/step:b');
        expect(changed.length).toBeLessThan(first.picture!.parts.length / 2);
    });

    it('send nothing when a build draws the same map', async () => {
        const followed = new FollowedDocument();
        followed.update('u', 1, await drawingOf(GOOD));
        expect(followed.update('u', 2, await drawingOf(`${GOOD}\n// a comment`))).toBeUndefined();
    });

    it('send the new arrangement when a step comes, and keep the last good picture while the text does not parse', async () => {
        const followed = new FollowedDocument();
        followed.update('u', 1, await drawingOf(GOOD));
        const broken = followed.update('u', 2, await drawingOf(GOOD.replace('step b {', 'step b {{')))!;
        expect(broken).toMatchObject({ undrawn: true });
        expect(broken.picture).toBeUndefined();
        const added = followed.update('u', 3, await drawingOf(GOOD.replace('flow a -> b', 'step c { owner A }')))!;
        expect(added.undrawn).toBeUndefined();
        expect(added.picture!.layout!.map(([key]) => key)).toContain('stream:s/step:c');
        expect(added.picture!.layout!.map(([key]) => key)).not.toContain('stream:s/edge:flow:a>b');
    });
});
