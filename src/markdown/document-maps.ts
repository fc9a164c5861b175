/**
 * The ```vstream fences of a Markdown document, found as CommonMark finds them, and the document
 * written again with each one drawn: by its image alone (a copy of the document), or, rewriting
 * the document itself, by its image with the fence kept under it in a collapsed
 * `<details>`, from which the next rewrite draws it again. Pure text: no files.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isVstreamFence } from './vstream-fence.js';

export interface Line {
    content: string;
    /** '\n', '\r\n', or nothing on a last line without one. */
    end: string;
}

/**
 * A ```vstream fence: its lines (end exclusive), its text, and what stands before its marker (a
 * list item's marker, a quote's `>`). `block` is the lines it stands for: its own, or, for a
 * fence a rewrite kept under its image, the image, the `<details>` and the fence.
 */
export interface Fence {
    start: number;
    end: number;
    text: string;
    prefix: string;
    /** Its opening marker: ``` or ~~~, or longer. */
    markup: string;
    block: { start: number; end: number; prefix: string };
}

/** The line that opens the collapsed source of a map rewritten in place. */
export const SOURCE_DETAILS = '<details><summary>vstream source</summary>';
const DETAILS_END = '</details>';

export function splitLines(text: string): Line[] {
    return text.split(/(?<=\n)/).map(line => {
        const end = /\r?\n$/.exec(line)?.[0] ?? '';
        return { content: line.slice(0, line.length - end.length), end };
    });
}

/**
 * The document's ```vstream fences (in lists and quotes too), as CommonMark reads the document:
 * raw HTML is HTML, so a fence inside an HTML comment or another HTML block is no fence, while
 * a fence inside a fence is text.
 */
export function vstreamFences(document: string, lines: Line[]): Fence[] {
    const tokens = new MarkdownIt({ html: true }).parse(document, {});
    return tokens.flatMap((token, index) => {
        if (token.type !== 'fence' || !token.map || !isVstreamFence(token.info)) {
            return [];
        }
        const [start, end] = token.map;
        const prefix = prefixOf(lines[start], token.markup);
        return [
            {
                start,
                end,
                text: token.content,
                prefix,
                markup: token.markup,
                block: keptBlock(tokens, index, lines) ?? { start, end, prefix }
            }
        ];
    });
}

/**
 * The lines of a fence an earlier rewrite kept: an image of a map (when it is still there), then
 * the `<details>` holding the fence; undefined for a fence that stands alone.
 */
function keptBlock(tokens: Token[], index: number, lines: Line[]): Fence['block'] | undefined {
    const [before, after] = [tokens[index - 1], tokens[index + 1]];
    if (
        before?.type !== 'html_block' ||
        before.content.trim() !== SOURCE_DETAILS ||
        after?.type !== 'html_block' ||
        !after.content.startsWith(DETAILS_END)
    ) {
        return undefined;
    }
    const image = tokens[index - 3];
    const drawn =
        tokens[index - 4]?.type === 'paragraph_open' &&
        tokens[index - 2]?.type === 'paragraph_close' &&
        image?.type === 'inline' &&
        image.children?.length === 1 &&
        image.children[0].type === 'image' &&
        /-\d+-[A-Za-z0-9_-]+\.(svg|png)$/.test(image.children[0].attrGet('src') ?? '');
    const start = (drawn ? tokens[index - 4] : before).map![0];
    return { start, end: after.map![0] + 1, prefix: prefixOf(lines[start], drawn ? '![' : '<details') };
}

/** What stands before a block's first mark on its line: a list item's marker, a quote's `>`, indentation. */
function prefixOf(line: Line, mark: string): string {
    return line.content.slice(0, line.content.indexOf(mark));
}

/**
 * The lines that stand for a drawn fence: its image, where the fence stood; rewriting in place,
 * also the fence itself, unchanged, in a collapsed `<details>` under the image (closed if it ran
 * to the end of its container; followed by a blank line where the next line would otherwise run
 * on in the raw HTML).
 */
export function drawnLines(fence: Fence, lines: Line[], image: string, keepSource: boolean): string {
    const { prefix } = fence.block;
    if (!keepSource) {
        return `${prefix}${image}`;
    }
    // The lines after a list item's marker are indented as far; a quote's stay quoted.
    const inside = prefix.replace(/[^>\s]/g, ' ');
    const blank = inside.trimEnd();
    const newline = lines[fence.start].end || '\n';
    const [opening, ...rest] = lines.slice(fence.start, fence.end);
    const fenceLines = [{ ...opening, content: inside + opening.content.slice(fence.prefix.length) }, ...rest];
    if (rest.length === 0 || !closes(rest[rest.length - 1].content, fence.markup)) {
        fenceLines.push({ content: `${inside}${fence.markup}`, end: newline });
    }
    const next = lines[fence.block.end];
    const after = next !== undefined && next.content.replace(/^[>\s]*/, '') !== '' ? [blank] : [];
    return (
        [`${prefix}${image}`, blank, `${inside}${SOURCE_DETAILS}`, blank, ''].join(newline) +
        fenceLines.map(line => line.content + (line.end || newline)).join('') +
        [blank, `${inside}${DETAILS_END}`, ...after].join(newline)
    );
}

/** Whether a line closes a fence opened with `markup`: as many of its characters or more, alone on the line. */
function closes(line: string, markup: string): boolean {
    const closing = /^[>\s]*(`{3,}|~{3,})\s*$/.exec(line)?.[1];
    return closing !== undefined && closing[0] === markup[0] && closing.length >= markup.length;
}

/** The document with each drawn fence's block replaced by its lines; every other line as it was. */
export function replaceBlocks(lines: Line[], drawn: Map<Fence, string>): string {
    const byStart = new Map([...drawn].map(([fence, replacement]) => [fence.block.start, { fence, replacement }]));
    const kept: string[] = [];
    for (let index = 0; index < lines.length; index++) {
        const found = byStart.get(index);
        if (found) {
            const last = Math.min(found.fence.block.end, lines.length) - 1;
            kept.push(found.replacement + lines[last].end);
            index = last;
        } else {
            kept.push(lines[index].content + lines[index].end);
        }
    }
    return kept.join('');
}
