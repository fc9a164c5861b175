import { describe, expect, it } from 'vitest';
import { Dimensions } from '../../src/diagram/dimensions.js';
import { renderSvg } from '../../src/diagram/index.js';
import { layoutNotes, NOTE_STYLE, placeHandoffMarks } from '../../src/diagram/notes-layout.js';
import { MARK_STYLE } from '../../src/diagram/step-layout.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { buildWorkspace } from '../helpers.js';
import { drawnTexts, layoutOf, overlaps } from './picture-helpers.js';

const ITEMS = ['purchase order', 'framework agreement', 'budget sheet', 'cost centre approval', 'supplier quote'];

const STREAM = `team A "Order desk"
team B "Finance"
stream s {
    step a "Request" { owner A process 1h }
    step b "Approve" { owner B process 1h wait 1d }
    step c "Order" { owner A process 2h }
    handoff a -> b { carries ${ITEMS.map(item => `"${item}"`).join(', ')} }
    handoff b -> c { carries "approval" }
    rework b -> a { rate 20% reason "budget sheet <missing> & late" }
    kaizen b "One form for all"
}`;

describe('the notes under the map', () => {
    it('show every item a handoff carries, five of five, on the map or in the notes', async () => {
        const layout = await layoutOf(STREAM);
        const drawn = drawnTexts(renderSvg([layout], { palette: 'light' })).join(' ');
        const handoff = layout.edges.find(edge => edge.from === 'a' && edge.to === 'b')!;
        const label = handoff.labelLines?.join(' ') ?? '';
        for (const item of ITEMS) {
            expect(label.includes(item) || drawn.includes(item), item).toBe(true);
        }
        expect(drawn).not.toContain('…');
    });

    it('list a handoff whose items find no room beside its line, keyed by a mark', async () => {
        const layout = await layoutOf(STREAM);
        const handoff = layout.edges.find(edge => edge.from === 'a' && edge.to === 'b')!;
        handoff.labelLines = undefined;
        handoff.labelBox = undefined;
        const model = (await buildWorkspace(STREAM)).model();
        // An area with room for nothing: the mark finds no place either, and the note still names the handoff.
        const notes = placeHandoffMarks(model, layout.edges, {
            bounds: { x: 0, y: 0, width: 0, height: 0 },
            obstacles: []
        });
        expect(notes).toEqual([{ mark: 'H1', text: `Handoff Request → Approve carries ${ITEMS.join(', ')}` }]);
        expect(handoff.tooltip).toContain('H1');
    });

    it('write kaizen ideas and rework reasons as text of the picture, keyed to marks on the map, escaped', async () => {
        const layout = await layoutOf(STREAM);
        const svg = renderSvg([layout], { palette: 'light' });
        const drawn = drawnTexts(svg);
        expect(drawn).toContain('Kaizen at Approve: One form for all');
        expect(drawn).toContain('Rework Approve → Request, 20%: budget sheet <missing> & late');
        expect(svg).toContain('budget sheet &lt;missing&gt; &amp; late');
        expect(drawn).toContain('K1');
        expect(drawn).toContain('20% R1');
        expect(layout.steps[1].kaizenMark).toBe('K1');
    });

    it('are part of the layout: under the ladder, inside the map, each line as wide as the map allows', async () => {
        const layout = await layoutOf(STREAM.replace('One form for all', 'One form for all '.repeat(30).trim()));
        const notes = layout.notes!;
        const lanesBottom = Math.max(...layout.lanes.map(lane => lane.y + lane.height));
        expect(notes.y).toBeGreaterThanOrEqual(lanesBottom);
        expect(notes.y + notes.height).toBeLessThanOrEqual(layout.height);
        expect(notes.x + notes.width).toBeLessThanOrEqual(layout.width - Dimensions.margin);
        expect(notes.lines.length).toBeGreaterThan(2);
        const things = [...layout.steps, ...layout.lanes, layout.header.box];
        for (const line of notes.lines) {
            expect(line.x + textWidth(line.text, NOTE_STYLE)).toBeLessThanOrEqual(notes.x + notes.width);
            expect(line.y).toBeLessThanOrEqual(notes.y + notes.height);
            const box = {
                x: line.x,
                y: line.y - NOTE_STYLE.size,
                width: textWidth(line.text, NOTE_STYLE),
                height: NOTE_STYLE.size
            };
            for (const thing of things) {
                expect(overlaps(box, thing), `"${line.text}" overlaps the map`).toBe(false);
            }
        }
        // The totals beside the ladder end above the notes.
        expect(layout.ladder.y + layout.ladder.totals.length * 14).toBeLessThanOrEqual(notes.y);
    });

    it('leave room for the widest mark before their text', () => {
        const notes = layoutNotes(
            [
                { mark: 'K1', text: 'one' },
                { mark: 'H12', text: 'two' }
            ],
            { x: 16, y: 100, width: 400 }
        )!;
        expect(notes.lines[0].x).toBeGreaterThanOrEqual(16 + textWidth('H12', MARK_STYLE));
        expect(notes.lines[1].y - notes.lines[0].y).toBeGreaterThanOrEqual(NOTE_STYLE.size);
        expect(layoutNotes([], { x: 0, y: 0, width: 100 })).toBeUndefined();
    });

    it('are absent from a map that needs none', async () => {
        const layout = await layoutOf('team A\nstream s { step a { owner A process 1h } }');
        expect(layout.notes).toBeUndefined();
    });
});
