/**
 * Text as outlines (`render --text paths`, and every PNG): each text of the SVG becomes the
 * outlines of Inter's glyphs, placed one after another by their advances, as the layout
 * measured them (text-width.ts) — no kerning, no ligature, no contextual alternate, so a typed
 * `->` stays two glyphs. Every viewer then draws the same picture, whatever fonts it has.
 * Each glyph is written once (in <defs>) and used where it stands.
 *
 * What Inter cannot draw: an emoji becomes a clear placeholder (○) in the room the layout gave
 * it — a PNG renderer without an emoji font would draw a ZWJ sequence as a row of empty boxes
 * over the next word; any other script stays text, at the place the layout measured for it,
 * for the viewer's own fonts.
 *
 * Pure: the font's glyphs come from the caller (the command reads them, src/cli/inter-font.ts).
 */
import { drawnTexts, type DrawnText, type TextRun } from './drawn-texts.js';
import { escapeXml } from './svg-text.js';
import { graphemes, graphemeWidthOf, isEmoji, type FontWeight } from './text-width.js';

/** The glyphs of the bundled font, in both weights. */
export interface GlyphSource {
    unitsPerEm: number;
    /** The glyph of a character, or undefined when the font has none. */
    glyph(weight: FontWeight, codePoint: number): number | undefined;
    /** In font units. */
    advance(weight: FontWeight, glyph: number): number;
    /** SVG path data in font units, y upwards. */
    outline(weight: FontWeight, glyph: number): string;
}

export interface TextPathOptions {
    /**
     * Keep each text, invisible, under its outlines: it stays what a screen reader reads and what
     * a search or a copy finds. A PNG has no use for it.
     */
    keepText: boolean;
}

/** What stands for an emoji where no emoji font can be counted on. */
export const EMOJI_PLACEHOLDER = '○';

/** A stretch of one text in one font: glyphs of the font (x in pixels from the text's start), or characters left to the viewer's fonts. */
type Piece =
    | { weight: FontWeight; size: number; glyphs: Array<{ glyph: number; x: number }> }
    | { weight: FontWeight; size: number; text: string; x: number };

/** The SVG with every text drawn as outlines of `font`. */
export function textAsPaths(svg: string, font: GlyphSource, options: TextPathOptions): string {
    const texts = drawnTexts(svg);
    if (texts.length === 0) {
        return svg;
    }
    const ids = /^<svg\b[^>]*?\sid="([^"]*)"/.exec(svg)?.[1] ?? 'vs';
    const used: Record<FontWeight, Set<number>> = { regular: new Set(), semibold: new Set() };
    const parts: string[] = [];
    let at = 0;
    for (const text of texts) {
        parts.push(svg.slice(at, text.start));
        if (options.keepText) {
            parts.push(svg.slice(text.start, text.end).replace(/^<text\b/, '<text fill-opacity="0"'));
        }
        parts.push(outlined(text, font, ids, used));
        at = text.end;
    }
    parts.push(svg.slice(at));
    return withGlyphDefinitions(parts.join(''), glyphDefinitions(font, ids, used));
}

function glyphId(ids: string, weight: FontWeight, glyph: number): string {
    return `${ids}-glyph-${weight === 'semibold' ? 's' : 'r'}${glyph}`;
}

/** One text as groups of glyphs (and texts for what the font lacks), placed as its anchor says. */
function outlined(text: DrawnText, font: GlyphSource, ids: string, used: Record<FontWeight, Set<number>>): string {
    const { pieces, width } = layPieces(text, font);
    const left = text.x - (text.anchor === 'end' ? width : text.anchor === 'middle' ? width / 2 : 0);
    const classes = `${text.classes} vs-glyphs`.trim();
    return pieces
        .map(piece => {
            if ('text' in piece) {
                const font = ` style="font-size:${piece.size}px;font-weight:${piece.weight === 'semibold' ? 600 : 400}"`;
                return `<text x="${round(left + piece.x)}" y="${round(text.y)}"${text.classes ? ` class="${text.classes}"` : ''}${font}>${escapeXml(piece.text)}</text>`;
            }
            const scale = piece.size / font.unitsPerEm;
            // A space has no outline: nothing to draw.
            const inked = piece.glyphs.filter(({ glyph }) => font.outline(piece.weight, glyph) !== '');
            const uses = inked.map(({ glyph, x }) => {
                used[piece.weight].add(glyph);
                return `<use href="#${glyphId(ids, piece.weight, glyph)}" x="${Math.round(x / scale)}"/>`;
            });
            return `<g class="${classes}" aria-hidden="true" transform="translate(${round(left)} ${round(text.y)}) scale(${round(scale, 6)} ${round(-scale, 6)})">${uses.join('')}</g>`;
        })
        .join('');
}

/** The text's runs as glyphs and runs of other characters, each at its x from the text's start (pixels), and the width of all. */
function layPieces(text: DrawnText, font: GlyphSource): { pieces: Piece[]; width: number } {
    const pieces: Piece[] = [];
    let x = 0;
    for (const run of text.runs) {
        x += run.dx;
        x = layRun(run, font, x, pieces);
    }
    return { pieces: pieces.filter(piece => !('glyphs' in piece) || piece.glyphs.length > 0), width: x };
}

/** Adds one run's pieces from `x` on; returns where the run ends. */
function layRun(run: TextRun, font: GlyphSource, start: number, pieces: Piece[]): number {
    const { size, weight } = run;
    const scale = size / font.unitsPerEm;
    const glyphs: Array<{ glyph: number; x: number }> = [];
    pieces.push({ weight, size, glyphs });
    let x = start;
    let previousWasText = false;
    const place = (glyph: number, at: number) => glyphs.push({ glyph, x: at });
    for (const grapheme of graphemes(run.content.normalize('NFC'))) {
        const drawn = [...grapheme].map(character => font.glyph(weight, character.codePointAt(0)!));
        if (isEmoji(grapheme)) {
            const slot = graphemeWidthOf(grapheme, run);
            const placeholder = font.glyph(weight, EMOJI_PLACEHOLDER.codePointAt(0)!);
            if (placeholder !== undefined) {
                place(placeholder, x + (slot - font.advance(weight, placeholder) * scale) / 2);
            }
            x += slot;
        } else if (drawn[0] !== undefined) {
            // A letter and its marks; what the font lacks in it (a variation selector) is invisible.
            for (const glyph of drawn) {
                if (glyph !== undefined) {
                    place(glyph, x);
                    x += font.advance(weight, glyph) * scale;
                }
            }
        } else {
            const last = pieces[pieces.length - 1];
            if ('text' in last && previousWasText) {
                last.text += grapheme;
            } else {
                pieces.push({ weight, size, text: grapheme, x });
            }
            x += graphemeWidthOf(grapheme, run);
        }
        previousWasText = !isEmoji(grapheme) && drawn[0] === undefined;
    }
    return x;
}

function glyphDefinitions(font: GlyphSource, ids: string, used: Record<FontWeight, Set<number>>): string {
    const paths = (['regular', 'semibold'] as const).flatMap(weight =>
        [...used[weight]]
            .sort((a, b) => a - b)
            .map(glyph => `<path id="${glyphId(ids, weight, glyph)}" d="${font.outline(weight, glyph)}"/>`)
    );
    return paths.length > 0 ? `<defs>${paths.join('')}</defs>` : '';
}

/** The glyphs' definitions after the style sheet (or at the start of the SVG). */
function withGlyphDefinitions(svg: string, definitions: string): string {
    const after = svg.indexOf('</style>');
    const at = after >= 0 ? after + '</style>'.length : svg.indexOf('>') + 1;
    return svg.slice(0, at) + definitions + svg.slice(at);
}

function round(value: number, digits = 2): string {
    return String(Number(value.toFixed(digits)));
}
