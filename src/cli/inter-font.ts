/**
 * The bundled Inter (out/fonts, copied by esbuild.js) for the files the command writes: the
 * subset a map's texts use, embedded in its SVG (embedded-font.ts), or its glyphs' outlines
 * (text-paths.ts). Both by HarfBuzz (harfbuzzjs, WebAssembly): hb-subset makes the subset, with
 * no layout feature left in it (no ligature, no contextual alternate: a typed `->` stays two
 * glyphs; no kerning: the text is as wide as the layout measured it), and HarfBuzz's font
 * functions give each glyph and its outline.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { usedCharacters, withEmbeddedFont, type EmbeddedFace } from '../diagram/embedded-font.js';
import { textAsPaths, type GlyphSource } from '../diagram/text-paths.js';
import type { FontWeight } from '../diagram/text-width.js';
import { woffFromTrueType } from './woff.js';

/** The bundled fonts, beside the CLI's bundle. */
export const FONTS = join(__dirname, '..', 'fonts');

const FONT_FILES: Record<FontWeight, string> = { regular: 'Inter-Regular.ttf', semibold: 'Inter-SemiBold.ttf' };
const WEIGHTS = ['regular', 'semibold'] as const;

/** The SVG with the subset of Inter its texts use embedded as @font-face rules. */
export async function embedInter(svg: string, fonts = FONTS): Promise<string> {
    const characters = usedCharacters(svg);
    const subsetter = await loadSubsetter();
    const faces: EmbeddedFace[] = WEIGHTS.filter(weight => characters[weight].length > 0).map(weight => ({
        weight,
        woff: Buffer.from(woffFromTrueType(subsetter(fontBytes(fonts, weight), characters[weight]))).toString('base64')
    }));
    return withEmbeddedFont(svg, faces);
}

/** The SVG with its texts drawn as Inter's outlines (the texts kept, invisible, when `keepText`). */
export async function interTextAsPaths(svg: string, keepText: boolean, fonts = FONTS): Promise<string> {
    return textAsPaths(svg, await glyphSource(fonts), { keepText });
}

const bytesByFile = new Map<string, Uint8Array>();

function fontBytes(fonts: string, weight: FontWeight): Uint8Array {
    const file = join(fonts, FONT_FILES[weight]);
    let bytes = bytesByFile.get(file);
    if (!bytes) {
        bytes = new Uint8Array(readFileSync(file));
        bytesByFile.set(file, bytes);
    }
    return bytes;
}

/** hb-subset's exports (harfbuzzjs ships it as a WebAssembly module of its own, with no imports). */
interface HbSubset {
    memory: WebAssembly.Memory;
    _initialize(): void;
    malloc(size: number): number;
    free(pointer: number): void;
    hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
    hb_blob_destroy(blob: number): void;
    hb_blob_get_data(blob: number, length: number): number;
    hb_blob_get_length(blob: number): number;
    hb_face_create(blob: number, index: number): number;
    hb_face_destroy(face: number): void;
    hb_face_reference_blob(face: number): number;
    hb_set_add(set: number, value: number): void;
    hb_set_clear(set: number): void;
    hb_subset_input_create_or_fail(): number;
    hb_subset_input_destroy(input: number): void;
    hb_subset_input_get_flags(input: number): number;
    hb_subset_input_set_flags(input: number, flags: number): void;
    hb_subset_input_set(input: number, which: number): number;
    hb_subset_input_unicode_set(input: number): number;
    hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'kern', 'morx'].map(tag =>
    [...tag].reduce((value, character) => value * 256 + character.charCodeAt(0), 0)
);
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

type Subsetter = (font: Uint8Array, characters: readonly number[]) => Uint8Array;

let subsetter: Promise<Subsetter> | undefined;

function loadSubsetter(): Promise<Subsetter> {
    subsetter ??= (async () => {
        const wasm = readFileSync(createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
        const { instance } = await WebAssembly.instantiate(wasm);
        const hb = instance.exports as unknown as HbSubset;
        hb._initialize();
        return (font, characters) => subsetWith(hb, font, characters);
    })();
    return subsetter;
}

/** The glyphs of `characters` as a TrueType font without hinting and without layout features. */
function subsetWith(hb: HbSubset, font: Uint8Array, characters: readonly number[]): Uint8Array {
    const input = hb.hb_subset_input_create_or_fail();
    const data = hb.malloc(font.byteLength);
    new Uint8Array(hb.memory.buffer).set(font, data);
    const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    try {
        // No layout feature kept, and the layout tables dropped: nothing for a shaper to substitute or move.
        hb.hb_set_clear(hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
        const dropped = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (const table of LAYOUT_TABLES) {
            hb.hb_set_add(dropped, table);
        }
        hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING);
        const unicodes = hb.hb_subset_input_unicode_set(input);
        for (const character of characters) {
            hb.hb_set_add(unicodes, character);
        }
        const subset = hb.hb_subset_or_fail(face, input);
        if (subset === 0) {
            throw new Error('HarfBuzz could not subset the bundled font');
        }
        const result = hb.hb_face_reference_blob(subset);
        const start = hb.hb_blob_get_data(result, 0);
        const bytes = new Uint8Array(hb.memory.buffer).slice(start, start + hb.hb_blob_get_length(result));
        hb.hb_blob_destroy(result);
        hb.hb_face_destroy(subset);
        return bytes;
    } finally {
        hb.hb_subset_input_destroy(input);
        hb.hb_face_destroy(face);
        hb.free(data);
    }
}

const glyphSources = new Map<string, Promise<GlyphSource>>();

function glyphSource(fonts: string): Promise<GlyphSource> {
    let source = glyphSources.get(fonts);
    if (!source) {
        source = loadGlyphSource(fonts);
        glyphSources.set(fonts, source);
    }
    return source;
}

async function loadGlyphSource(fonts: string): Promise<GlyphSource> {
    // An ES module with top-level await: imported when first needed, never bundled (esbuild.js).
    const hb = await import('harfbuzzjs');
    const faces = new Map(
        WEIGHTS.map(weight => {
            const face = new hb.Face(new hb.Blob(fontBytes(fonts, weight)), 0);
            return [weight, { face, font: new hb.Font(face), outlines: new Map<number, string>() }] as const;
        })
    );
    const of = (weight: FontWeight) => faces.get(weight)!;
    return {
        unitsPerEm: of('regular').face.upem,
        glyph: (weight, codePoint) => of(weight).font.nominalGlyph(codePoint) || undefined,
        advance: (weight, glyph) => of(weight).font.glyphHAdvance(glyph),
        outline: (weight, glyph) => {
            const { font, outlines } = of(weight);
            let outline = outlines.get(glyph);
            if (outline === undefined) {
                outline = font.glyphToPath(glyph);
                outlines.set(glyph, outline);
            }
            return outline;
        }
    };
}
