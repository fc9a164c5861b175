/**
 * How wide a text is drawn, before it is drawn: per grapheme (what a reader sees as one
 * character), from the advances of the bundled font (Inter, the PNG's font) and rules for what
 * it lacks. Pure, with no Node API: the layout runs in the CLI, the Node server, the Web Worker
 * server and the extension host alike.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { INTER_ADVANCES } from './font-advances.generated.js';

export type FontWeight = 'regular' | 'semibold';

export interface TextStyle {
    /** In pixels. */
    size: number;
    weight?: FontWeight;
}

/** Widths in thousandths of an em of what the bundled font lacks. */
const WIDE = 1000; // CJK ideographs, kana, Hangul, fullwidth forms: one em in every CJK font
const EMOJI = 1250; // one emoji grapheme, however many code points (ZWJ sequences, skin tones, flags)
const RIGHT_TO_LEFT = 550; // Arabic, Hebrew and their kin, shaped by a system font: a generous average
const OTHER = 700; // any other script the bundled font lacks: conservative

/**
 * Widths are measured in Inter and drawn in whatever font the viewer has when it is not
 * Inter: the editor's own font in the preview, a browser's sans-serif for a file. That font
 * may run some 8% wider, so every width carries that much room.
 */
const SLACK = 1.08;

const EMOJI_START = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})/u;
/** What turns a character into an emoji picture: the emoji variation selector, a joiner, a skin tone. */
const EMOJI_PRESENTATION = /\uFE0F|\u200D|\p{Emoji_Modifier}/u;
const INVISIBLE = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}]+$/u;
const RIGHT_TO_LEFT_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * Latin with its accents, punctuation, currency, arrows, mathematical signs and dingbats
 * (· – → ≈ ✓): every character of such a text is a grapheme of its own, already normalised,
 * and a line breaks in it only at spaces (test/diagram/text-width.test.ts checks this against
 * Intl.Segmenter). Nearly every text of a map is such, and is measured without the segmenter,
 * which takes far longer.
 */
const SIMPLE =
    /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u017f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u22ff\u2700-\u27bf]*$/;

/** Is every character of `text` a grapheme of its own, with a line break only at its spaces? */
export function isSimpleText(text: string): boolean {
    return SIMPLE.test(text);
}

function decode(runs: string): Map<number, number> {
    const advances = new Map<number, number>();
    for (const run of runs.split(';')) {
        const [start, widths] = run.split(':');
        let character = parseInt(start, 36);
        for (const width of widths.split(',')) {
            advances.set(character++, parseInt(width, 36));
        }
    }
    return advances;
}

const ADVANCES: Record<FontWeight, Map<number, number>> = {
    regular: decode(INTER_ADVANCES.regular),
    semibold: decode(INTER_ADVANCES.semibold)
};

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
    return SIMPLE.test(text) ? text.split('') : Array.from(graphemeSegmenter.segment(text), segment => segment.segment);
}

/** Is the grapheme an emoji picture (a ZWJ sequence, a flag, a skin tone, © asked to be an emoji)? */
export function isEmoji(grapheme: string): boolean {
    // A letter with combining marks takes its letter's width; © stays text unless asked to be an emoji.
    return (
        EMOJI_START.test(grapheme) &&
        (!ADVANCES.regular.has(grapheme.codePointAt(0)!) || EMOJI_PRESENTATION.test(grapheme))
    );
}

/** The width the layout gives a grapheme, in pixels (with the slack every width carries). */
export function graphemeWidthOf(grapheme: string, style: TextStyle): number {
    return (graphemeWidth(grapheme, ADVANCES[style.weight ?? 'regular']) * style.size * SLACK) / 1000;
}

/** One grapheme's width in thousandths of an em. */
function graphemeWidth(grapheme: string, advances: Map<number, number>): number {
    const base = grapheme.codePointAt(0)!;
    const known = advances.get(base);
    if (isEmoji(grapheme)) {
        return EMOJI;
    }
    if (known !== undefined) {
        return known;
    }
    if (eastAsianWidth(base) === 2) {
        return WIDE;
    }
    if (INVISIBLE.test(grapheme)) {
        return 0;
    }
    return RIGHT_TO_LEFT_SCRIPT.test(grapheme) ? RIGHT_TO_LEFT : OTHER;
}

/** The drawn width of a text in pixels, with the slack every width carries. */
export function textWidth(text: string, style: TextStyle): number {
    const advances = ADVANCES[style.weight ?? 'regular'];
    let thousandths = 0;
    if (PRINTABLE_ASCII.test(text)) {
        for (let index = 0; index < text.length; index++) {
            thousandths += advances.get(text.charCodeAt(index))!;
        }
    } else if (SIMPLE.test(text)) {
        for (const character of text) {
            thousandths += graphemeWidth(character, advances);
        }
    } else {
        for (const grapheme of graphemes(text.normalize('NFC'))) {
            thousandths += graphemeWidth(grapheme, advances);
        }
    }
    return (thousandths * style.size * SLACK) / 1000;
}

/** Does the bundled font draw every visible character of `text`? (When not, a PNG needs the system's fonts too.) */
export function bundledFontDraws(text: string): boolean {
    for (const character of text) {
        const code = character.codePointAt(0)!;
        if (
            !ADVANCES.regular.has(code) &&
            !/^[\s\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}]$/u.test(character)
        ) {
            return false;
        }
    }
    return true;
}
