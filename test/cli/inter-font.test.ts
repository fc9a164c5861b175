/**
 * The bundled Inter in the files the command writes: the embedded subset (no layout features,
 * so no ligature), text as outlines (a typed `->` stays two glyphs; an emoji becomes ○ in the
 * room the layout gave it), and the PNG of a title with a ZWJ emoji and a flag, whose
 * placeholders leave the next word alone.
 */
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { embedInter, interTextAsPaths } from '../../src/cli/inter-font.js';
import { drawPng, PngRenderer } from '../../src/cli/png.js';
import { drawnTexts } from '../../src/diagram/drawn-texts.js';
import { EMOJI_PLACEHOLDER } from '../../src/diagram/text-paths.js';
import { textWidth } from '../../src/diagram/text-width.js';

const root = resolve(__dirname, '../..');
const fonts = resolve(root, 'out/fonts');
const renderer = new PngRenderer(resolve(root, 'out/cli/rasterize.cjs'));

afterAll(() => renderer.close());

/** A map's SVG as renderSvg writes it, cut down to one title (semibold, 12 px) on a white background. */
function titleSvg(title: string): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" id="vs" class="vs-map" width="300" height="40" viewBox="0 0 300 40"><style>#vs .vs-step .vs-step-title { font-weight: 600; }</style><rect class="vs-background" x="0" y="0" width="300" height="40" fill="#ffffff"/><g class="vs-step"><text x="10" y="24" class="vs-step-title">${title}</text></g></svg>`;
}

/** The glyphs an outlined SVG places: each use's glyph id and x in font units. */
function placedGlyphs(svg: string): Array<{ glyph: string; x: number }> {
    return [...svg.matchAll(/<use href="#vs-glyph-(\w+)" x="(-?\d+)"\/>/g)].map(([, glyph, x]) => ({
        glyph,
        x: Number(x)
    }));
}

describe('the embedded subset of Inter', () => {
    it('carries a WOFF per weight used, with the glyphs of the texts and no layout tables (no ligature)', async () => {
        const svg = await embedInter(titleSvg('Ship it -&gt; done'), fonts);
        const faces = [...svg.matchAll(/font-weight: (\d+); src: url\(data:font\/woff;base64,([^)]+)\)/g)];
        expect(faces.map(face => face[1])).toEqual(['600']);
        const woff = Buffer.from(faces[0][2], 'base64');
        expect(woff.subarray(0, 4).toString('latin1')).toBe('wOFF');
        const tags = Array.from({ length: woff.readUInt16BE(12) }, (_, index) =>
            woff.subarray(44 + 20 * index, 48 + 20 * index).toString('latin1')
        );
        expect(tags).toContain('glyf');
        expect(tags).toContain('cmap');
        expect(tags).not.toContain('GSUB');
        expect(tags).not.toContain('GPOS');
        // Under 8 KB for a title's dozen characters.
        expect(woff.length).toBeLessThan(8_000);
    });

    it('is not there when nothing is drawn', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" id="vs" class="vs-map"><style></style></svg>';
        expect(await embedInter(svg, fonts)).toBe(svg);
    });
});

describe('text as outlines', () => {
    it('draws a typed -> as two glyphs, the hyphen and the greater-than, each at its own advance', async () => {
        const arrow = placedGlyphs(await interTextAsPaths(titleSvg('-&gt;'), false, fonts));
        const hyphen = placedGlyphs(await interTextAsPaths(titleSvg('-'), false, fonts));
        const greater = placedGlyphs(await interTextAsPaths(titleSvg('&gt;'), false, fonts));
        expect(arrow.map(placed => placed.glyph)).toEqual([hyphen[0].glyph, greater[0].glyph]);
        expect(arrow[1].x).toBeGreaterThan(0);
    });

    it('keeps the text, invisible, for screen readers and search; hides the outlines from them', async () => {
        const svg = await interTextAsPaths(titleSvg('Ship it'), true, fonts);
        expect(svg).toContain('<text fill-opacity="0" x="10" y="24" class="vs-step-title">Ship it</text>');
        expect(svg).toMatch(/<g class="vs-step-title vs-glyphs" aria-hidden="true"/);
        expect(drawnTexts(svg).map(text => text.runs.map(run => run.content).join(''))).toEqual(['Ship it']);
    });

    it('draws a tspan in its own weight after the text it continues, never its markup', async () => {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" id="vs" class="vs-map" width="300" height="40"><g class="vs-classic-totals"><text x="10" y="24">Lead time <tspan class="vs-total-value" dx="4">23.6 d</tspan></text></g></svg>`;
        const [text] = drawnTexts(svg);
        expect(text.runs.map(({ content, weight, dx }) => ({ content, weight, dx }))).toEqual([
            { content: 'Lead time ', weight: 'regular', dx: 0 },
            { content: '23.6 d', weight: 'semibold', dx: 4 }
        ]);
        const outlined = await interTextAsPaths(svg, false, fonts);
        expect(outlined).not.toContain('tspan');
        const weights = placedGlyphs(outlined).map(({ glyph }) => glyph[0]);
        expect(weights.slice(0, 'Leadtime'.length).every(weight => weight === 'r')).toBe(true);
        expect(weights.slice(-'23.6d'.length).every(weight => weight === 's')).toBe(true);
    });

    it('puts ○ for each emoji, inside the room the layout measured for it, and the next word after that room', async () => {
        const title = 'A 👩‍💻🇩🇪 code';
        const svg = await interTextAsPaths(titleSvg(title), false, fonts);
        const placed = placedGlyphs(svg);
        const scale = 12 / 2048;
        const style = { size: 12, weight: 'semibold' as const };
        // A, two placeholders, then c o d e.
        expect(placed).toHaveLength(7);
        const placeholder = placed[1].glyph;
        expect(placed[2].glyph).toBe(placeholder);
        const before = textWidth('A ', style);
        const room = textWidth('👩‍💻🇩🇪', style);
        expect(placed[1].x * scale).toBeGreaterThanOrEqual(before * 0.92 - 0.5);
        expect(placed[3].x * scale).toBeGreaterThanOrEqual(before * 0.92 + room - 0.5);
        expect(svg).not.toContain('<text');
        expect(EMOJI_PLACEHOLDER).toBe('○');
    });
});

/** The columns of a PNG row band that hold ink (darker than mid-grey). */
function inkedColumns(png: PNG): boolean[] {
    return Array.from({ length: png.width }, (_, x) =>
        Array.from({ length: png.height }, (_, y) => 4 * (y * png.width + x)).some(
            index => (png.data[index] + png.data[index + 1] + png.data[index + 2]) / 3 < 128
        )
    );
}

describe('the PNG of a title with emoji', () => {
    it('draws a ZWJ emoji and a flag as placeholders that end before the next word', async () => {
        const title = 'A 👩‍💻🇩🇪 code';
        const options = { theme: 'light' as const, scale: 1, name: 'the title', fonts };
        const png = PNG.sync.read(Buffer.from(await drawPng(renderer, titleSvg(title), options, () => {})));
        const columns = inkedColumns(png);
        // Where the outlines put the placeholders and the c of "code" (font units at 12 px, from x = 10).
        const placed = placedGlyphs(await interTextAsPaths(titleSvg(title), false, fonts));
        const at = (index: number) => 10 + (placed[index].x * 12) / 2048;
        const space = textWidth(' ', { size: 12, weight: 'semibold' }) / 1.08;
        expect(columns.slice(Math.floor(at(1)), Math.ceil(at(3) - space)).some(Boolean), 'placeholders drawn').toBe(
            true
        );
        // The space before "code" stays blank: nothing of the emoji reaches the next word.
        expect(columns.slice(Math.ceil(at(3) - space), Math.floor(at(3))).some(Boolean), 'ink in the space').toBe(
            false
        );
    });
});
