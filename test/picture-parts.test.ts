import { describe, expect, it } from 'vitest';
import { joinSvgParts, PictureParts, type SvgPart } from '../src/picture-parts.js';
import type { PictureChange } from '../src/protocol.js';

const svg = (key: string, markup: string, parent = 'svg'): SvgPart => ({ key, parent, markup });
const MAP = [
    svg('svg', '<svg width="10"></svg>', ''),
    svg('title', '<title>t</title>'),
    svg('stream:s', '<g class="s"></g>'),
    svg('stream:s/step:a', '<g data-name="a"/>', 'stream:s'),
    svg('stream:s/step:b', '<g data-name="b"/>', 'stream:s'),
    svg('ladder', '<g class="ladder"></g>')
];

describe('the map in parts', () => {
    it('joins each group with its parts inside it, in drawing order', () => {
        expect(joinSvgParts(MAP)).toBe(
            '<svg width="10"><title>t</title><g class="s"><g data-name="a"/><g data-name="b"/></g><g class="ladder"></g></svg>'
        );
    });

    it('sends everything the first time, then only the parts that differ, then nothing when nothing does', () => {
        const sent = new PictureParts();
        const first = sent.diff(MAP)!;
        expect(first.layout).toHaveLength(MAP.length);
        expect(first.parts).toHaveLength(MAP.length);
        const changed = MAP.map(part =>
            part.key === 'stream:s/step:b' ? { ...part, markup: '<g data-name="b2"/>' } : part
        );
        expect(sent.diff(changed)).toEqual({ parts: [['stream:s/step:b', '<g data-name="b2"/>']] });
        expect(sent.diff(changed)).toBeUndefined();
    });

    it('sends the new arrangement when a part comes or goes, and forgets the parts that went', () => {
        const sent = new PictureParts();
        sent.diff(MAP);
        const withoutA = MAP.filter(part => part.key !== 'stream:s/step:a');
        const change = sent.diff(withoutA)!;
        expect(change.parts).toEqual([]);
        expect(change.layout!.map(([key]) => key)).not.toContain('stream:s/step:a');
        expect(sent.markupOf('stream:s/step:a')).toBeUndefined();
        // Back again, it is new: its markup comes with it.
        expect(sent.diff(MAP)!.parts).toEqual([['stream:s/step:a', '<g data-name="a"/>']]);
    });

    it('is rebuilt by whoever takes in the changes one after the other, and sent whole to a page that starts', () => {
        const sent = new PictureParts();
        const kept = new PictureParts();
        const drawings = [
            MAP,
            MAP.filter(part => part.key !== 'title'),
            [...MAP, svg('stream:s/step:c', '<g data-name="c"/>', 'stream:s')],
            MAP.map(part => ({ ...part, markup: part.markup.replace('10', '20') }))
        ];
        for (const drawing of drawings) {
            const change: PictureChange | undefined = sent.diff(drawing);
            if (change) {
                kept.apply(change);
            }
            expect(kept.svg()).toBe(joinSvgParts(drawing));
        }
        const fresh = new PictureParts();
        fresh.apply(kept.whole());
        expect(fresh.svg()).toBe(kept.svg());
    });
});
