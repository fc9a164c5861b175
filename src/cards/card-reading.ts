/**
 * Reads a stream card back, with a real Markdown parser (markdown-it, whose block tokens carry
 * their lines), so that a card generated again loses nothing people wrote in it:
 * - under each checklist's "Agreed by the teams:", everything up to the card's next heading of
 *   its own (fenced code, tables, quotes, comments, lists, sub-headings of the team's), line
 *   for line, with the ticks set on the map's items;
 * - anywhere else, lines the generator did not write. The card ends with a record of the lines
 *   it wrote (a short hash each, in an HTML comment); a line of the earlier card that the record
 *   does not account for was written by someone, and is kept at the end of the new card.
 */
import { diffArrays } from 'diff';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import {
    AGREED_BY_THE_TEAMS,
    anchoredHandoff,
    CHECKLISTS,
    FROM_THE_MAP,
    PLACEHOLDER_ITEM,
    type ChecklistName,
    type ChecklistNotes,
    type HandoffNotes,
    type TeamNotes
} from './card-checklists.js';

/** Writing found outside the checklists, kept at the end of the new card under where it was. */
export interface KeptWriting {
    /** Where it was: "Customer onboarding › Figures". */
    place: string;
    lines: string[];
}

export interface EarlierCard {
    /** Text above the first card (front matter of a docs site, say): written by someone, kept on top. */
    preamble: string[];
    /** What the teams wrote under each handoff, by handoff key. */
    handoffs: TeamNotes;
    /** Writing kept at the end of the earlier card, then what was written elsewhere since. */
    kept: KeptWriting[];
    /** How many lines of `kept` were written elsewhere since the card was generated (not yet at its end). */
    newlyKeptLines: number;
}

/** The heading of the part of a card that keeps what has no place in it any more. */
export const KEPT_TITLE = 'Kept from the earlier card';
/** The anchor under which a piece of writing kept at the end of a card stands. */
export const KEPT_ANCHOR = '<!-- vstream kept -->';
const RECORD_START = '<!-- vstream: the lines this card was generated with';

/** One top-level block of the card: a heading, a paragraph, a list, a table, a fence, a comment… */
interface Block {
    type: string;
    /** h1…h6 for headings. */
    tag: string;
    start: number;
    /** The line after the block. */
    end: number;
    /** A heading's or paragraph's text; an HTML block's source. */
    text: string;
    token: Token;
    tokens: Token[];
    index: number;
}

/** A stretch of lines that people wrote and the card carries as is. */
interface Region {
    start: number;
    end: number;
}

interface Outline {
    lines: string[];
    preambleEnd: number;
    handoffs: TeamNotes;
    kept: KeptWriting[];
    /** Lines inside team or kept regions, or the record: not the generator's own. */
    carried: Set<number>;
    /** The hashes of the record, when the card has one. */
    record?: string[];
    /** The heading trail above each line, for naming where a line was. */
    placeOf: (line: number) => string;
}

const markdown = new MarkdownIt({ html: true });

function blocksOf(tokens: Token[]): Block[] {
    return tokens.flatMap((token, index) => {
        if (token.level !== 0 || token.nesting === -1 || !token.map) {
            return [];
        }
        const inline = token.nesting === 1 ? tokens[index + 1] : undefined;
        const text = inline?.type === 'inline' ? inline.content : token.content;
        return [
            {
                type: token.type,
                tag: token.tag,
                start: token.map[0],
                end: token.map[1],
                text: text.trim(),
                token,
                tokens,
                index
            }
        ];
    });
}

const isHeading = (block: Block, ...tags: string[]) => block.type === 'heading_open' && tags.includes(block.tag);
const isChecklistHeading = (block: Block) => isHeading(block, 'h4') && CHECKLISTS.includes(block.text as ChecklistName);
const isRecord = (block: Block) => block.type === 'html_block' && block.text.startsWith(RECORD_START);
const isAnchor = (block: Block) =>
    block.type === 'html_block' && (anchoredHandoff(block.text) !== undefined || block.text === KEPT_ANCHOR);

/** Where a carried region stops: at the card's own next heading, anchor, record, or the rule that separates two cards. */
function endsRegion(blocks: Block[], at: number): boolean {
    const block = blocks[at];
    if (isHeading(block, 'h1', 'h2', 'h3') || isChecklistHeading(block) || isAnchor(block) || isRecord(block)) {
        return true;
    }
    const next = blocks[at + 1];
    return block.type === 'hr' && (next === undefined || isHeading(next, 'h1') || isRecord(next));
}

/** The region after `blocks[at]`, up to the next block that ends it (or the end of the card). */
function regionAfter(blocks: Block[], at: number, lineCount: number): { region: Region; next: number } {
    let next = at + 1;
    while (next < blocks.length && !endsRegion(blocks, next)) {
        next++;
    }
    return { region: { start: blocks[at].end, end: next < blocks.length ? blocks[next].start : lineCount }, next };
}

/** The lines without the blank lines around them. */
function withoutBlankEnds(lines: string[]): string[] {
    const taken = [...lines];
    while (taken.length > 0 && taken[0].trim() === '') {
        taken.shift();
    }
    while (taken.length > 0 && taken.at(-1)!.trim() === '') {
        taken.pop();
    }
    return taken;
}

/** The map's items a team ticked: `- [x] item` in the list after "From the map:". */
function tickedItems(block: Block, lines: string[]): string[] {
    const ticked: string[] = [];
    for (let index = block.index + 1; index < block.tokens.length && block.tokens[index].level > 0; index++) {
        const item = block.tokens[index];
        if (item.type === 'list_item_open' && item.level === 1 && item.map) {
            const text = /^\s*[-*+] \[[xX]\] (.*)$/.exec(lines[item.map[0]])?.[1];
            if (text !== undefined) {
                ticked.push(text.trim());
            }
        }
    }
    return ticked;
}

/**
 * Where the cards begin: after a docs site's front matter, at the first heading (`#` …) or
 * anchor. What stands above was written by someone and stays on top.
 */
function preambleEndOf(text: string, blocks: Block[]): number {
    const frontMatter = /^---\n[\s\S]*?\n---(?:\n|$)/.exec(text)?.[0];
    const after = frontMatter ? frontMatter.split('\n').length - 1 : 0;
    const first = blocks.find(
        block =>
            block.start >= after &&
            ((block.type === 'heading_open' && block.token.markup.startsWith('#')) ||
                isAnchor(block) ||
                isRecord(block))
    );
    return first?.start ?? text.split('\n').length;
}

/** Reads the card's structure: its regions of carried writing, its ticks, its record. */
function outline(text: string): Outline {
    const lines = text.split('\n');
    const blocks = blocksOf(markdown.parse(text, {}));
    const handoffs: TeamNotes = new Map();
    const kept: KeptWriting[] = [];
    const carried = new Set<number>();
    const carry = (region: Region) => {
        for (let line = region.start; line < region.end; line++) {
            carried.add(line);
        }
    };
    const trail: Array<{ line: number; place: string }> = [];
    const headings: string[] = [];
    let handoff: HandoffNotes | undefined;
    let checklist: ChecklistNotes | undefined;
    let record: string[] | undefined;
    let heading = '';
    const preambleEnd = preambleEndOf(text, blocks);
    for (let at = blocks.findIndex(block => block.start >= preambleEnd); at >= 0 && at < blocks.length;) {
        const block = blocks[at];
        if (block.type === 'heading_open') {
            const level = Number(block.tag.slice(1));
            headings.splice(level - 1, headings.length, block.text);
            trail.push({ line: block.start, place: headings.filter(Boolean).join(' › ') });
            heading = block.text;
            if (level <= 3) {
                handoff = undefined;
                checklist = undefined;
            } else if (handoff && isChecklistHeading(block)) {
                checklist = { lines: [], ticked: new Set() };
                handoff.checklists.set(block.text as ChecklistName, checklist);
            }
        }
        const anchor = block.type === 'html_block' ? anchoredHandoff(block.text) : undefined;
        if (anchor !== undefined) {
            handoff = {
                title: heading.replace(/^(\d+\.\s+)?/, ''),
                checklists: new Map(),
                keptAtEnd: headings[0] === KEPT_TITLE
            };
            handoffs.set(anchor, handoff);
            checklist = undefined;
        } else if (block.type === 'html_block' && block.text === KEPT_ANCHOR) {
            const { region, next } = regionAfter(blocks, at, lines.length);
            kept.push({ place: heading, lines: withoutBlankEnds(lines.slice(region.start, region.end)) });
            carry(region);
            at = next;
            continue;
        } else if (isRecord(block)) {
            record = readRecord(lines, block, carried);
        } else if (
            checklist &&
            block.type === 'paragraph_open' &&
            block.text === FROM_THE_MAP &&
            blocks[at + 1]?.type === 'bullet_list_open'
        ) {
            tickedItems(blocks[at + 1], lines).forEach(item => checklist!.ticked.add(item));
        } else if (checklist && block.type === 'paragraph_open' && block.text === AGREED_BY_THE_TEAMS) {
            const { region, next } = regionAfter(blocks, at, lines.length);
            checklist.lines = withoutBlankEnds(
                lines.slice(region.start, region.end).filter(line => line.trim() !== PLACEHOLDER_ITEM)
            );
            carry(region);
            at = next;
            continue;
        }
        at++;
    }
    const placeOf = (line: number) => trail.filter(entry => entry.line <= line).at(-1)?.place ?? 'the top of the card';
    return { lines, preambleEnd, handoffs, kept, carried, record, placeOf };
}

/**
 * The hashes of a card's record: its first line says what it is, rows of hashes follow, then
 * `-->`. Those lines are the generator's; any other line found inside was written by someone.
 */
function readRecord(lines: string[], block: Block, carried: Set<number>): string[] {
    const hashes: string[] = [];
    for (let line = block.start; line < block.end; line++) {
        const text = lines[line].trim();
        const row = line > block.start && /^[0-9a-z]{1,7}( [0-9a-z]{1,7})*$/.test(text);
        if (line === block.start || row || text === '-->' || text === '') {
            carried.add(line);
        }
        if (row) {
            hashes.push(...text.split(' '));
        }
    }
    return hashes;
}

/** A line's short hash (FNV-1a, 32 bits, base 36): enough to recognise the lines a card was generated with. */
function lineHash(line: string): string {
    let hash = 0x811c9dc5;
    for (const unit of line.trimEnd().replace(/^(\s*[-*+] )\[[xX]\]/, '$1[ ]')) {
        hash = Math.imul(hash ^ unit.charCodeAt(0), 0x01000193) >>> 0;
    }
    return hash.toString(36);
}

/** The generator's own lines of a card: outside the carried regions, not blank. */
function ownLines({ lines, carried, preambleEnd }: Outline): number[] {
    return lines.flatMap((line, index) =>
        index >= preambleEnd && !carried.has(index) && line.trim() !== '' ? [index] : []
    );
}

/** The record that ends a generated card: a hash of each line it was generated with. */
export function cardRecord(card: string): string {
    const generated = outline(card);
    const hashes = ownLines(generated).map(index => lineHash(generated.lines[index]));
    const rows: string[] = [];
    for (let index = 0; index < hashes.length; index += 12) {
        rows.push(hashes.slice(index, index + 12).join(' '));
    }
    return `${RECORD_START} (so that what people add is kept when it is generated again)\n${rows.join('\n')}\n-->\n`;
}

/** The card without the record of its own lines at its end. */
export function withoutRecord(card: string): string {
    const at = card.indexOf(RECORD_START);
    return at < 0 ? card : card.slice(0, at);
}

/** The lines of the earlier card that its record does not account for: written by someone. */
function writtenLines(card: Outline): number[] {
    if (!card.record) {
        // A card without a record (written before vstream kept one): only the checklists are known to be the teams'.
        return [];
    }
    const own = ownLines(card);
    const hashes = own.map(index => card.lines[index]).map(lineHash);
    const changes = diffArrays(card.record, hashes, { timeout: 2_000 });
    if (!changes) {
        // Too different to align in time: whatever is not in the record at all.
        const recorded = new Set(card.record);
        return own.filter((_, position) => !recorded.has(hashes[position]));
    }
    const written: number[] = [];
    let position = 0;
    for (const change of changes) {
        if (change.removed) {
            continue;
        }
        if (change.added) {
            written.push(...own.slice(position, position + change.count));
        }
        position += change.count;
    }
    return written;
}

/** Written lines in runs: each run, with the blank lines inside it, is kept as one piece under where it was. */
function writtenPieces(card: Outline, written: number[]): KeptWriting[] {
    const pieces: KeptWriting[] = [];
    let run: number[] = [];
    const flush = () => {
        if (run.length > 0) {
            pieces.push({ place: card.placeOf(run[0]), lines: card.lines.slice(run[0], run.at(-1)! + 1) });
        }
        run = [];
    };
    for (const line of written) {
        const previous = run.at(-1);
        // Anything but blank lines between two written lines (the generator's or the teams' carried writing) splits them.
        if (
            previous !== undefined &&
            card.lines
                .slice(previous + 1, line)
                .some((text, gap) => text.trim() !== '' || card.carried.has(previous + 1 + gap))
        ) {
            flush();
        }
        run.push(line);
    }
    flush();
    return pieces;
}

/** A line of the card's own structure: a heading of a card, stream section or handoff, a checklist's heading, an anchor, the record. */
const STRUCTURE_LINE = new RegExp(
    `^(#{1,3} |#### (${CHECKLISTS.join('|')})\\s*$|${KEPT_ANCHOR}$|<!-- vstream handoff .+ -->$|${RECORD_START})`
);

/** What ends an HTML block that only its own end marker ends (CommonMark's kinds 1 to 5). */
function htmlBlockCloser(firstLine: string): string | undefined {
    const raw = /^\s*<(script|pre|style|textarea)\b/i.exec(firstLine)?.[1];
    return raw
        ? `</${raw.toLowerCase()}>`
        : /^\s*<!--/.test(firstLine)
          ? '-->'
          : /^\s*<\?/.test(firstLine)
            ? '?>'
            : /^\s*<!\[CDATA\[/.test(firstLine)
              ? ']]>'
              : /^\s*<![A-Za-z]/.test(firstLine)
                ? '>'
                : undefined;
}

/**
 * A fence or an HTML comment someone opened and never closed runs on over the card's own
 * headings and anchors (to its end, or to the `-->` of the next anchor), taking them for its
 * text. Such a block gets the line that closes it, just before the first line of the card's own
 * it would swallow, so that what it held stays with whoever wrote it and the card reads as a card.
 */
function closeRunawayBlocks(text: string): string {
    let lines = text.split('\n');
    for (let repairs = 0; repairs < lines.length; repairs++) {
        const runaway = blocksOf(markdown.parse(lines.join('\n'), {}))
            .map(block => runawayBlock(block, lines))
            .find(found => found !== undefined);
        if (!runaway) {
            break;
        }
        lines = [...lines.slice(0, runaway.at), runaway.closer, ...lines.slice(runaway.at)];
    }
    return lines.join('\n');
}

/** Where a block that was never closed should have ended, and with what, if it is one. */
function runawayBlock(block: Block, lines: string[]): { at: number; closer: string } | undefined {
    const inside = lines.slice(block.start + 1, block.end);
    const structure = inside.findIndex(line => STRUCTURE_LINE.test(line));
    const at = structure < 0 ? block.end : block.start + 1 + structure;
    if (block.type === 'fence') {
        const closed =
            new RegExp(`^ {0,3}${block.token.markup[0] === '`' ? '`' : '~'}{${block.token.markup.length},}\\s*$`).test(
                lines[block.end - 1] ?? ''
            ) && block.end - 1 > block.start;
        return closed ? undefined : { at, closer: block.token.markup };
    }
    const closer =
        block.type === 'html_block' && !isAnchor(block) && !isRecord(block)
            ? htmlBlockCloser(lines[block.start])
            : undefined;
    // Closed by an anchor's `-->` or the record's, or not at all: it ran on.
    const ranOn =
        structure >= 0 ||
        !lines
            .slice(block.start, block.end)
            .join('\n')
            .includes(closer ?? '');
    return closer && ranOn ? { at, closer } : undefined;
}

/** Reads an earlier card back. Text that is not a card at all is kept whole, above the new cards. */
export function readEarlierCard(text: string): EarlierCard {
    const card = outline(closeRunawayBlocks(text.replace(/\r\n?/g, '\n')));
    const loose = writtenPieces(card, writtenLines(card));
    return {
        preamble: withoutBlankEnds(card.lines.slice(0, card.preambleEnd)),
        handoffs: card.handoffs,
        kept: [...card.kept, ...loose],
        newlyKeptLines: loose.reduce((sum, piece) => sum + piece.lines.filter(line => line.trim() !== '').length, 0)
    };
}

/**
 * Carried writing that leaves a block open (a fence or an HTML comment never closed) would
 * swallow the rest of the new card: such writing gets the line that closes it.
 */
export function closeOpenBlock(lines: string[]): string[] {
    const probe = (candidate: string[]) =>
        markdown
            .parse(`${candidate.join('\n')}\n\n# probe\n`, {})
            .some(token => token.type === 'inline' && token.content === 'probe' && token.level === 1);
    if (lines.length === 0 || probe(lines)) {
        return lines;
    }
    const fence = markdown
        .parse(lines.join('\n'), {})
        .filter(token => token.type === 'fence' && token.level === 0)
        .at(-1)?.markup;
    const closers = [
        ...(fence ? [fence] : []),
        '-->',
        '?>',
        ']]>',
        '>',
        '</script>',
        '</pre>',
        '</style>',
        '</textarea>'
    ];
    const closer = closers.find(candidate => probe([...lines, candidate]));
    return closer ? [...lines, closer] : lines;
}
