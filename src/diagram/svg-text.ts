/**
 * Text for SVG: escaping of user text, and lines that fit their box, measured by drawn width
 * (text-width.ts). Lines break between words, or between the words of a script written
 * without spaces (CJK); a word too long for its box breaks between graphemes; text that does
 * not fit in the lines allowed ends with …, and the element's tooltip keeps it whole.
 */
import { graphemes, isSimpleText, textWidth, type TextStyle } from './text-width.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- as above, and what XML escapes
const NEEDS_ESCAPING = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escapes text for XML content and attribute values; also drops characters XML cannot carry. */
export function escapeXml(text: string): string {
    // Most texts of a map need nothing: one test instead of two replacements that copy.
    return NEEDS_ESCAPING.test(text)
        ? text.replace(NOT_IN_XML, '').replace(/[&<>"']/g, character => XML_ESCAPES[character])
        : text;
}

const ELLIPSIS = '…';

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** A stretch of text no line may break inside, and whether it is the space between words. */
export interface Run {
    text: string;
    space: boolean;
}

const WIDE_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]$/u;

/** The runs of a text: at its spaces when that is where it breaks (isSimpleText), else as the segmenter finds them. */
export function lineRuns(text: string): Run[] {
    return isSimpleText(text)
        ? text.split(/( +)/).flatMap(part => (part ? [{ text: part, space: part.startsWith(' ') }] : []))
        : segmentedRuns(text);
}

/**
 * The runs of any text. A line may break after a space, between two words with nothing between
 * them (CJK, whose words the segmenter finds by dictionary), and after CJK punctuation.
 */
export function segmentedRuns(text: string): Run[] {
    const found: Run[] = [];
    let previous: Intl.SegmentData | undefined;
    for (const segment of wordSegmenter.segment(text)) {
        const space = /^\s+$/.test(segment.segment);
        const breaks =
            previous === undefined ||
            space ||
            /^\s+$/.test(previous.segment) ||
            (segment.isWordLike === true && (previous.isWordLike === true || WIDE_END.test(previous.segment)));
        if (breaks) {
            found.push({ text: segment.segment, space });
        } else {
            found[found.length - 1].text += segment.segment;
        }
        previous = segment;
    }
    return found;
}

/** The longest start of `text` that fits `maxWidth` with … after it, cut between graphemes. */
function withEllipsis(text: string, style: TextStyle, maxWidth: number): string {
    const room = maxWidth - textWidth(ELLIPSIS, style);
    if (room < 0) {
        return '';
    }
    let kept = '';
    for (const grapheme of graphemes(text)) {
        if (textWidth(kept + grapheme, style) > room) {
            break;
        }
        kept += grapheme;
    }
    return kept.trimEnd() + ELLIPSIS;
}

/** Breaks every run into lines of at most `maxWidth`, keeping where each line starts in the text. */
function breakLines(text: string, style: TextStyle, maxWidth: number): Array<{ line: string; start: number }> {
    const lines: Array<{ line: string; start: number }> = [];
    let line = '',
        start = 0,
        offset = 0,
        pendingSpace = '';
    const close = () => {
        if (line) {
            lines.push({ line, start });
        }
        line = '';
        pendingSpace = '';
    };
    for (const run of lineRuns(text)) {
        const at = offset;
        offset += run.text.length;
        if (run.space) {
            pendingSpace = line ? run.text : '';
            continue;
        }
        if (textWidth(line + pendingSpace + run.text, style) <= maxWidth) {
            line += pendingSpace + run.text;
            pendingSpace = '';
            if (line === run.text) {
                start = at;
            }
            continue;
        }
        close();
        if (textWidth(run.text, style) <= maxWidth) {
            line = run.text;
            start = at;
            continue;
        }
        // A word wider than the box: as many graphemes as fit on each line.
        let inner = at;
        for (const grapheme of graphemes(run.text)) {
            if (line && textWidth(line + grapheme, style) > maxWidth) {
                close();
            }
            if (!line) {
                start = inner;
            }
            line += grapheme;
            inner += grapheme.length;
        }
    }
    close();
    return lines;
}

/**
 * Wraps text into at most `maxLines` lines, each at most `maxWidth` pixels wide as drawn in
 * `style`; the last line ends with … when the text goes on. No line is ever wider than its box
 * (a box narrower than one grapheme gets no line).
 */
export function wrapText(text: string, style: TextStyle, maxWidth: number, maxLines: number): readonly string[] {
    let wrapped = wrappings.get(style);
    if (!wrapped || wrapped.size >= MAX_WRAPPINGS) {
        wrapped = new Map();
        wrappings.set(style, wrapped);
    }
    const key = `${maxWidth}\u0000${maxLines}\u0000${text}`;
    let lines = wrapped.get(key);
    if (!lines) {
        lines = wrapNow(text, style, maxWidth, maxLines);
        wrapped.set(key, lines);
    }
    return lines;
}

/**
 * Texts wrapped so far, by style: a map is drawn again on every keystroke with nearly all its
 * texts as they were, and measuring them was a third of drawing 1,000 steps. Each style's
 * entries are dropped together once there are too many.
 */
const wrappings = new WeakMap<TextStyle, Map<string, readonly string[]>>();
const MAX_WRAPPINGS = 20_000;

function wrapNow(text: string, style: TextStyle, maxWidth: number, maxLines: number): readonly string[] {
    const normalized = text.normalize('NFC').replace(/\s+/g, ' ').trim();
    const lines = breakLines(normalized, style, maxWidth).filter(({ line }) => textWidth(line, style) <= maxWidth);
    if (lines.length <= maxLines) {
        return lines.map(({ line }) => line);
    }
    const kept = lines.slice(0, maxLines - 1).map(({ line }) => line);
    const last = withEllipsis(normalized.slice(lines[maxLines - 1].start), style, maxWidth);
    return last ? [...kept, last] : kept;
}

/** One line of text that fits `maxWidth`, ending with … when it had to cut. */
export function fitText(text: string, style: TextStyle, maxWidth: number): string {
    return wrapText(text, style, maxWidth, 1)[0] ?? '';
}

/** The text wrapped whole into at most `maxLines` lines of at most `maxWidth`, or nothing when it needs more. */
export function wrapWhole(
    text: string,
    style: TextStyle,
    maxWidth: number,
    maxLines: number
): readonly string[] | undefined {
    const lines = wrapText(text, style, maxWidth, Number.MAX_SAFE_INTEGER);
    return lines.length > 0 && lines.length <= maxLines ? lines : undefined;
}
