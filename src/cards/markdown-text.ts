/** User text inside Markdown: it must read as the words written, never as markup or raw HTML. */
import type { Party, StepModel } from '../analysis/stream-model.js';

/**
 * User text as the words written: one line (line breaks would end a table row or a list item),
 * what Markdown and the HTML it allows would interpret inside a line backslash-escaped, and a
 * start that would open a block (a heading, a list, a quote) escaped too, since the text may
 * follow a list marker or open a line.
 */
export function escapeMarkdown(text: string | undefined): string {
    // The AST's types promise names that half-typed text (`stream ` alone) does not have.
    return (text ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[\\`*_[\]<>|~&]/g, character => `\\${character}`)
        .replace(/^[#+-]|^(\d+)([.)])/, (marker, digits?: string, delimiter?: string) =>
            digits ? `${digits}\\${delimiter}` : `\\${marker}`
        );
}

/** A table of two columns, the first a label; every cell is already Markdown. */
export function fieldTable(rows: Array<[string, string]>): string {
    return ['| | |', '|---|---|', ...rows.map(([label, value]) => `| ${label} | ${value} |`)].join('\n');
}

/** Cells cannot hold line breaks: items of a list in a cell are separated by `<br>`. */
export function cellList(items: string[], none: string): string {
    return items.length > 0 ? items.join('<br>') : `_${none}_`;
}

/** A step as people know it: its title, or its name. */
export function stepLabel(step: StepModel): string {
    return escapeMarkdown(step.title ?? step.name);
}

export function partyLabel(party: Party | undefined): string {
    return party ? escapeMarkdown(party.title ?? party.name) : '_no owner_';
}
