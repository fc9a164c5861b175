/**
 * Where a saved stream card differs from the card its map gives now, so that CI can keep the
 * cards current (`vstream doc PATH --check card.md`): each place, the section it is in, and the
 * lines of both.
 */
import { structuredPatch } from 'diff';
import { withoutRecord } from './card-reading.js';

export interface CardDifference {
    /** The line of the saved card where it starts (1-based). */
    line: number;
    /** The headings above it: "Customer onboarding › Figures". */
    section: string;
    /** The saved card's lines, `-` first, then the lines the map gives now, `+`. */
    lines: string[];
}

/** Nothing when the two are the same text. */
export function cardDifferences(saved: string, generated: string): CardDifference[] {
    if (saved === generated) {
        return [];
    }
    const [before, after] = [saved, generated].map(card => withoutRecord(card).replace(/\r\n/g, '\n'));
    const savedLines = before.split('\n');
    const hunks = structuredPatch('saved', 'generated', before, after, '', '', { context: 0 }).hunks;
    if (hunks.length === 0) {
        // Only the record at the end differs: someone edited it.
        return [{ line: savedLines.length, section: 'the record of the lines it was generated with', lines: [] }];
    }
    return hunks.map(hunk => ({
        line: hunk.oldStart,
        section: sectionAt(savedLines, hunk.oldStart - 1),
        // Not the "\ No newline at end of file" notes.
        lines: hunk.lines.filter(text => !text.startsWith('\\'))
    }));
}

/** The headings (levels 1 to 3) above a line, outside fenced code. */
function sectionAt(lines: string[], index: number): string {
    const trail: string[] = [];
    let fence: string | undefined;
    for (const line of lines.slice(0, index + 1)) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
        if (marker && (fence === undefined || marker.startsWith(fence))) {
            fence = fence === undefined ? marker : undefined;
            continue;
        }
        const heading = fence === undefined ? /^(#{1,3}) (.*)$/.exec(line) : null;
        if (heading) {
            trail.splice(heading[1].length - 1, trail.length, heading[2].trim());
        }
    }
    return trail.filter(Boolean).join(' › ') || 'the top of the card';
}
