/**
 * Reparses only the stream member a keystroke falls in. Langium parses a whole document again
 * on every change; at 1,000 steps that is the largest part of a keystroke's time (and of the
 * garbage it leaves). Nearly every keystroke in a map lands inside one step's, handoff's, flow's
 * or rework's body: that member's text is parsed alone, with its grammar rule as the entry, and
 * put in place of the old one; the rest of the tree is kept, its positions moved by the edit.
 *
 * It is taken only where the result is sure to be the tree a full parse gives: the document
 * parsed without errors before, the edit lies strictly inside a member that ends with its
 * closing brace and stands between whitespace (so the tokens around it and the parser's
 * decisions at its ends cannot change), and the member's new text parses without an error as
 * one member whose very last token is that brace (not a `//` comment that swallowed it, and
 * would swallow what follows it in the whole text). Anything else (an error, an edit across
 * members, at a member's edge, in a stream's properties) is parsed whole, as before.
 *
 * The document and the stream get new AST nodes (the other members and streams are kept), so
 * that nothing computed for the old tree and cached by node, in the moment between a change
 * and its parse, is taken for the new one.
 */
import {
    CstUtils,
    isLeafCstNode,
    type CompositeCstNode,
    type CstNode,
    type LangiumParser,
    type LeafCstNode,
    type Linker,
    type ParseResult
} from 'langium';
import {
    isFlow,
    isHandoff,
    isRework,
    isStep,
    isStream,
    type Document,
    type Stream,
    type StreamMember
} from './generated/ast.js';

/** The fields of Langium's CST nodes that positions live in (its CST is built to be read, not edited). */
interface MovableLeaf {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface ResettableComposite {
    content: Array<LeafCstNode | CompositeCstNode>;
    container?: CompositeCstNode;
    _astNode?: unknown;
    _rangeCache?: unknown;
}
interface RootWithText {
    _text: string;
}

/** Where a text changed: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextEdit {
    start: number;
    oldEnd: number;
    newEnd: number;
}

/** The smallest span that differs between two texts (common prefix and suffix taken off). */
export function changedSpan(oldText: string, newText: string): TextEdit {
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) {
        start++;
    }
    let suffix = 0;
    while (
        suffix < shorter - start &&
        oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
    ) {
        suffix++;
    }
    return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** The language's parser, and its linker, which makes the references of the stream's new node. */
export interface Reparser {
    parser: LangiumParser;
    linker: Linker;
}

/**
 * The previous parse with the edited member parsed again, or undefined when the whole text must
 * be parsed. The previous tree's CST and its unchanged nodes are reused and changed in place:
 * call it only with the parse result the new one replaces.
 */
export function reparseEditedMember(
    previous: ParseResult<Document>,
    text: string,
    { parser, linker }: Reparser
): ParseResult<Document> | undefined {
    const root = previous.value.$cstNode?.root;
    const errors =
        previous.lexerErrors.length + previous.parserErrors.length + (previous.lexerReport?.diagnostics.length ?? 0);
    if (!root || errors > 0) {
        return undefined;
    }
    const oldText = root.fullText;
    const edit = changedSpan(oldText, text);
    const found = editedMember(previous.value, oldText, edit);
    if (!found) {
        return undefined;
    }
    const { stream, index, cst } = found;
    const delta = text.length - oldText.length;
    const memberText = text.slice(cst.offset, cst.end + delta);
    const reparsed = parser.parse<StreamMember>(memberText, { rule: 'StreamMember' });
    const last = lastLeaf(reparsed.value.$cstNode);
    if (
        reparsed.lexerErrors.length > 0 ||
        reparsed.parserErrors.length > 0 ||
        (reparsed.lexerReport?.diagnostics.length ?? 0) > 0 ||
        !isBracedMember(reparsed.value) ||
        last?.hidden !== false ||
        last.end !== memberText.length
    ) {
        return undefined;
    }
    spliceMember(cst, reparsed.value, delta);
    (root as unknown as RootWithText)._text = text;
    return { ...previous, value: withMember(previous.value, stream, index, reparsed.value, linker) };
}

/** The last leaf of a tree, hidden or not. */
function lastLeaf(node: CstNode | undefined): CstNode | undefined {
    let last = node;
    while (last && !isLeafCstNode(last)) {
        const { content } = last as CompositeCstNode;
        last = content[content.length - 1];
    }
    return last;
}

/** A step, handoff, flow or rework written with its body: its closing brace ends it whatever follows. */
function isBracedMember(member: StreamMember | undefined): boolean {
    return (
        (isStep(member) || isHandoff(member) || isFlow(member) || isRework(member)) &&
        member.$cstNode?.text.endsWith('}') === true
    );
}

/** The member whose text holds the edit strictly inside, ends with its brace and stands between whitespace. */
function editedMember(
    document: Document,
    oldText: string,
    edit: TextEdit
): { stream: Stream; index: number; cst: CompositeCstNode } | undefined {
    const stream = document.elements.find(
        (element): element is Stream =>
            isStream(element) &&
            element.$cstNode !== undefined &&
            element.$cstNode.offset < edit.start &&
            edit.oldEnd < element.$cstNode.end
    );
    if (!stream) {
        return undefined;
    }
    const index = memberAt(stream.members, edit.start);
    const cst = stream.members[index]?.$cstNode as CompositeCstNode | undefined;
    const inside = cst !== undefined && cst.offset < edit.start && edit.oldEnd < cst.end;
    if (!inside || !isBracedMember(stream.members[index])) {
        return undefined;
    }
    const spaced = (offset: number) => offset < 0 || offset >= oldText.length || /\s/.test(oldText[offset]);
    return spaced(cst.offset - 1) && spaced(cst.end) ? { stream, index, cst } : undefined;
}

/** The last member that starts before `offset` (members are in the text's order). */
function memberAt(members: StreamMember[], offset: number): number {
    let low = 0;
    let high = members.length - 1;
    let found = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if ((members[middle].$cstNode?.offset ?? Number.POSITIVE_INFINITY) < offset) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return found;
}

/**
 * Puts the reparsed member's CST in place of the old one's: moved to the old member's position,
 * every leaf after it moved by the edit, every cached range dropped.
 */
function spliceMember(cst: CompositeCstNode, member: StreamMember, delta: number): void {
    const start = cst.range.start;
    const oldEnd = cst.range.end;
    const oldEndOffset = cst.end;
    const subtree = member.$cstNode!;
    const last = subtree.range.end;
    const newEnd = {
        line: start.line + last.line,
        character: last.line === 0 ? start.character + last.character : last.character
    };
    for (const node of CstUtils.streamCst(cst.root)) {
        if (isLeafCstNode(node)) {
            if (node.offset >= oldEndOffset) {
                moveLeaf(node, delta, oldEnd.line, newEnd.line - oldEnd.line, newEnd.character - oldEnd.character);
            }
        } else {
            (node as unknown as ResettableComposite)._rangeCache = undefined;
        }
    }
    for (const node of CstUtils.streamCst(subtree)) {
        if (isLeafCstNode(node)) {
            moveLeaf(node, cst.offset, 0, start.line, start.character);
        } else {
            (node as unknown as ResettableComposite)._rangeCache = undefined;
        }
    }
    const target = cst as unknown as ResettableComposite;
    target.content = (subtree as unknown as ResettableComposite).content;
    for (const child of target.content) {
        (child as unknown as ResettableComposite).container = cst;
    }
    target._astNode = member;
    target._rangeCache = undefined;
}

/**
 * The document with `member` in place of the stream's member at `index`: new nodes for the
 * document and the stream, which the kept nodes move into.
 */
function withMember(document: Document, stream: Stream, index: number, member: StreamMember, linker: Linker): Document {
    const old = stream.members[index];
    const members = [...stream.members];
    members[index] = member;
    const newStream: Stream = { ...stream, members };
    if (stream.improves) {
        // A reference resolves from the node that holds it: the new stream, not the old one.
        newStream.improves = linker.buildReference(
            newStream,
            'improves',
            stream.improves.$refNode,
            stream.improves.$refText
        ) as Stream['improves'];
    }
    Object.assign(member, {
        $containerProperty: old.$containerProperty,
        $containerIndex: old.$containerIndex,
        $cstNode: old.$cstNode
    });
    const elements = document.elements.map(element => (element === stream ? newStream : element));
    const newDocument: Document = { ...document, elements };
    adopt(newDocument, elements);
    adopt(newStream, members);
    return newDocument;
}

/** Makes `container` the container of its `children`, in the AST and in the CST. */
function adopt(container: Document | Stream, children: Array<{ $container?: unknown }>): void {
    for (const child of children) {
        child.$container = container;
    }
    (container.$cstNode as unknown as ResettableComposite)._astNode = container;
}

/**
 * Moves a leaf by `offsetDelta`. Its positions on line `fromLine` move by `lineDelta` lines and
 * `columnDelta` columns; positions on later lines only by `lineDelta` (the text before them on
 * their line did not change). For the reparsed member, fromLine 0 is the line it starts on.
 */
function moveLeaf(
    leaf: LeafCstNode,
    offsetDelta: number,
    fromLine: number,
    lineDelta: number,
    columnDelta: number
): void {
    const movable = leaf as unknown as MovableLeaf;
    movable._offset += offsetDelta;
    if (movable._startLine === fromLine) {
        movable._startColumn += columnDelta;
    }
    movable._startLine += lineDelta;
    if (movable._endLine === fromLine) {
        movable._endColumn += columnDelta;
    }
    movable._endLine += lineDelta;
}
