/** User text inside Markdown: it must read as the words written, never as markup or raw HTML. */

/**
 * Backslash-escapes what Markdown (and the HTML it allows) would interpret inside a line. Line
 * starts need nothing: the card never begins a line with user text.
 */
export function escapeMarkdown(text: string): string {
    return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, character => `\\${character}`);
}

/** A table of two columns, the first a label; every cell is already Markdown. */
export function fieldTable(rows: Array<[string, string]>): string {
    return ['| | |', '|---|---|', ...rows.map(([label, value]) => `| ${label} | ${value} |`)].join('\n');
}

/** Cells cannot hold line breaks: items of a list in a cell are separated by `<br>`. */
export function cellList(items: string[], none: string): string {
    return items.length > 0 ? items.join('<br>') : `_${none}_`;
}
