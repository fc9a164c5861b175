/**
 * Writes src/diagram/font-advances.generated.ts: the advance width of every character of the
 * bundled Inter TTFs (Regular and SemiBold, from @expo-google-fonts/inter), in thousandths of
 * an em, so that the layout measures text without a font parser at run time (it also runs in a
 * Web Worker). Run `npm run generate:advances` after changing the fonts;
 * test/diagram/font-advances.test.ts checks that the committed file is what this writes.
 *
 * The reader is the few tables a TrueType font needs for advances: head (units per em), hhea
 * (how many glyphs have their own metrics), hmtx (the advances) and cmap format 4 (characters
 * of the Basic Multilingual Plane to glyphs; Inter has nothing vstream draws beyond it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The fonts the PNG is drawn with (esbuild.js copies the same files into out/fonts). */
export const BUNDLED_FONTS = {
    regular: 'node_modules/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
    semibold: 'node_modules/@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'
} as const;

export const GENERATED_FILE = 'src/diagram/font-advances.generated.ts';

function tables(font: DataView): Map<string, number> {
    const offsets = new Map<string, number>();
    const count = font.getUint16(4);
    for (let index = 0; index < count; index++) {
        const record = 12 + 16 * index;
        const tag = String.fromCharCode(...[0, 1, 2, 3].map(byte => font.getUint8(record + byte)));
        offsets.set(tag, font.getUint32(record + 8));
    }
    return offsets;
}

/** The glyph of each character, from the Windows Unicode BMP subtable (format 4). */
function characterGlyphs(font: DataView, cmap: number): Map<number, number> {
    const subtables = font.getUint16(cmap + 2);
    let subtable: number | undefined;
    for (let index = 0; index < subtables; index++) {
        const record = cmap + 4 + 8 * index;
        if (font.getUint16(record) === 3 && font.getUint16(record + 2) === 1) {
            subtable = cmap + font.getUint32(record + 4);
        }
    }
    if (subtable === undefined || font.getUint16(subtable) !== 4) {
        throw new Error('the font has no Unicode BMP character map (platform 3, encoding 1, format 4)');
    }
    const segments = font.getUint16(subtable + 6) / 2;
    const ends = subtable + 14,
        starts = ends + 2 * segments + 2,
        deltas = starts + 2 * segments,
        rangeOffsets = deltas + 2 * segments;
    const glyphs = new Map<number, number>();
    for (let segment = 0; segment < segments; segment++) {
        const start = font.getUint16(starts + 2 * segment),
            end = font.getUint16(ends + 2 * segment);
        const delta = font.getInt16(deltas + 2 * segment);
        const rangeOffsetAt = rangeOffsets + 2 * segment;
        const rangeOffset = font.getUint16(rangeOffsetAt);
        for (let character = start; character <= end && character !== 0xffff; character++) {
            let glyph: number;
            if (rangeOffset === 0) {
                glyph = (character + delta) & 0xffff;
            } else {
                const raw = font.getUint16(rangeOffsetAt + rangeOffset + 2 * (character - start));
                glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
            }
            if (glyph !== 0) {
                glyphs.set(character, glyph);
            }
        }
    }
    return glyphs;
}

/** Advance of each character the font draws, in thousandths of an em. */
export function readAdvances(bytes: Uint8Array): Map<number, number> {
    const font = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const offsets = tables(font);
    const table = (tag: string) => {
        const offset = offsets.get(tag);
        if (offset === undefined) {
            throw new Error(`the font has no '${tag}' table`);
        }
        return offset;
    };
    const unitsPerEm = font.getUint16(table('head') + 18);
    const metrics = font.getUint16(table('hhea') + 34);
    const hmtx = table('hmtx');
    const advanceOf = (glyph: number) => font.getUint16(hmtx + 4 * Math.min(glyph, metrics - 1));
    const advances = new Map<number, number>();
    for (const [character, glyph] of characterGlyphs(font, table('cmap'))) {
        // Control characters are never drawn.
        if (character >= 0x20 && !(character >= 0x7f && character < 0xa0)) {
            advances.set(character, Math.round((advanceOf(glyph) * 1000) / unitsPerEm));
        }
    }
    return advances;
}

/** Runs of consecutive characters, base 36: "start:width,width,…;start:…". */
export function encodeAdvances(advances: Map<number, number>): string {
    const characters = [...advances.keys()].sort((a, b) => a - b);
    const runs: string[] = [];
    let run: number[] = [];
    let start = 0;
    characters.forEach((character, index) => {
        if (index > 0 && character !== characters[index - 1] + 1) {
            runs.push(`${start.toString(36)}:${run.map(width => width.toString(36)).join(',')}`);
            run = [];
        }
        if (run.length === 0) {
            start = character;
        }
        run.push(advances.get(character)!);
    });
    runs.push(`${start.toString(36)}:${run.map(width => width.toString(36)).join(',')}`);
    return runs.join(';');
}

/** The generated module's text. */
export function generatedAdvances(): string {
    const encoded = (path: string) => encodeAdvances(readAdvances(readFileSync(join(root, path))));
    return `// Generated by scripts/font-advances.ts from the bundled Inter TTFs; do not edit (npm run generate:advances).
// Advance widths in thousandths of an em, as runs of consecutive characters in base 36: "start:width,width,…;…".
export const INTER_ADVANCES = {
    regular: '${encoded(BUNDLED_FONTS.regular)}',
    semibold: '${encoded(BUNDLED_FONTS.semibold)}'
};
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    writeFileSync(join(root, GENERATED_FILE), generatedAdvances());
    console.log(`wrote ${GENERATED_FILE}`);
}
