/** Text for SVG: escaping of user text, and wrapping by an estimate of glyph widths. */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XML content and attribute values; also drops characters XML cannot carry. */
export function escapeXml(text: string): string {
    return (
        text
            // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 cannot carry
            .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
            .replace(/[&<>"']/g, character => XML_ESCAPES[character])
    );
}

/** Average advance of a glyph, as a share of the font size, for a sans-serif UI font. */
const AVERAGE_GLYPH = 0.56;

export function fitsIn(fontSize: number, width: number): number {
    return Math.max(1, Math.floor(width / (fontSize * AVERAGE_GLYPH)));
}

/** Wraps text into at most `maxLines` lines of `maxChars`, ending with … when it had to cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if (candidate.length <= maxChars) {
            current = candidate;
            continue;
        }
        if (current) {
            lines.push(current);
        }
        current = word;
        if (lines.length === maxLines) {
            break;
        }
    }
    if (current && lines.length < maxLines) {
        lines.push(current);
    }
    const shown = lines
        .slice(0, maxLines)
        .map(line => (line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line));
    const complete = shown.join(' ') === words.join(' ');
    if (!complete && shown.length > 0) {
        const last = shown[shown.length - 1];
        shown[shown.length - 1] = last.endsWith('…') ? last : `${last.slice(0, Math.max(0, maxChars - 1))}…`;
    }
    return shown;
}
