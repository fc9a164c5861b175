/**
 * Text edits that write, change or remove the `share` of edges, touching nothing else: a share
 * goes last in an existing body, a statement without a body gets `{ share N% }`, and a body left
 * empty goes. A chain's body is every link's: where its links must end with different shares,
 * the chain is split into chains of the links that keep one share, each with the body.
 */
import { CstUtils, GrammarUtils, type CstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import { chainSteps } from '../analysis/build-model.js';
import * as ast from './generated/ast.js';

/** A share for one link of a handoff or flow; undefined removes it. */
export interface LinkShare {
    declaration: ast.Handoff | ast.Flow;
    /** The link's place in its chain. */
    position: number;
    share: string | undefined;
}

/** A change of the text between two offsets. */
interface Change {
    start: number;
    end: number;
    text: string;
}

/** The edits that give links their shares, each declaration edited once. */
export function shareEdits(document: LangiumDocument, shares: readonly LinkShare[]): TextEdit[] {
    const byDeclaration = new Map<ast.Handoff | ast.Flow, Map<number, string | undefined>>();
    for (const { declaration, position, share } of shares) {
        const changes = byDeclaration.get(declaration) ?? new Map<number, string | undefined>();
        byDeclaration.set(declaration, changes.set(position, share));
    }
    return [...byDeclaration].flatMap(([declaration, changes]) => declarationEdits(document, declaration, changes));
}

/** Removes a clause of a body, or the whole body when it holds nothing else. */
export function clauseRemoval(
    document: LangiumDocument,
    node: ast.Handoff | ast.Flow | ast.Rework,
    clause: ast.HandoffClause | ast.ReworkClause
): TextEdit {
    return textEdit(document, removal(node, clause));
}

function declarationEdits(
    document: LangiumDocument,
    declaration: ast.Handoff | ast.Flow,
    changes: Map<number, string | undefined>
): TextEdit[] {
    const written = declaration.clauses.find(ast.isShareClause)?.percentage;
    const steps = chainSteps(declaration).map(step => step.$refText);
    const shares = steps.slice(1).map((_, position) => (changes.has(position) ? changes.get(position) : written));
    if (shares.every(share => share === shares[0])) {
        return shares[0] === written ? [] : [textEdit(document, shareChange(document, declaration, shares[0]))];
    }
    const cst = declaration.$cstNode!;
    const header = headerEnd(declaration);
    const body = document.textDocument.getText().slice(header, cst.end);
    const keyword = ast.isFlow(declaration) ? 'flow' : 'handoff';
    const chains = runsOf(shares).map(({ first, last, share }) => {
        const names = steps.slice(first, last + 2).join(' -> ');
        return `${keyword} ${names}${share === written ? body : applied(body, header, shareChange(document, declaration, share))}`;
    });
    return [{ range: cst.range, newText: chains.join(`\n${' '.repeat(cst.range.start.character)}`) }];
}

/** The runs of consecutive links with one share: first and last link of each. */
function runsOf(shares: Array<string | undefined>): Array<{ first: number; last: number; share: string | undefined }> {
    const runs: Array<{ first: number; last: number; share: string | undefined }> = [];
    shares.forEach((share, position) => {
        const run = runs.at(-1);
        if (run && run.share === share) {
            run.last = position;
        } else {
            runs.push({ first: position, last: position, share });
        }
    });
    return runs;
}

/** The change that makes a declaration's share `share` (all its links'). */
function shareChange(
    document: LangiumDocument,
    declaration: ast.Handoff | ast.Flow,
    share: string | undefined
): Change {
    const clause = declaration.clauses.find(ast.isShareClause);
    if (clause && share === undefined) {
        return removal(declaration, clause);
    }
    const percentage = clause && GrammarUtils.findNodeForProperty(clause.$cstNode, 'percentage');
    if (percentage) {
        return { start: percentage.offset, end: percentage.end, text: share! };
    }
    return addition(document, declaration, `share ${share}`);
}

/** A clause added last in a body (on a line of its own in a body written over several), or a body for it. */
function addition(document: LangiumDocument, declaration: ast.Handoff | ast.Flow, clause: string): Change {
    const cst = declaration.$cstNode!;
    const open = GrammarUtils.findNodeForKeyword(cst, '{');
    if (!open) {
        return { start: cst.end, end: cst.end, text: ` { ${clause} }` };
    }
    const last = declaration.clauses.at(-1)?.$cstNode;
    if (!last) {
        const close = GrammarUtils.findNodeForKeyword(cst, '}');
        return { start: open.end, end: close?.offset ?? open.end, text: ` ${clause} ` };
    }
    if (last.range.start.line === open.range.start.line) {
        return { start: last.end, end: last.end, text: ` ${clause}` };
    }
    const line = document.textDocument.getText({
        start: { line: last.range.start.line, character: 0 },
        end: last.range.start
    });
    return { start: last.end, end: last.end, text: `\n${/^\s*/.exec(line)![0]}${clause}` };
}

/** From the token before the clause (a comment stays) to its end; the body when the clause is all it holds. */
function removal(node: ast.Handoff | ast.Flow | ast.Rework, clause: ast.HandoffClause | ast.ReworkClause): Change {
    const cst = clause.$cstNode!;
    if (node.clauses.length === 1) {
        return { start: headerEnd(node), end: node.$cstNode!.end, text: '' };
    }
    const previous = CstUtils.getPreviousNode(cst, true);
    return { start: previous?.end ?? cst.offset, end: cst.end, text: '' };
}

/** Where a statement's header ends: after its last step name. */
function headerEnd(node: ast.Handoff | ast.Flow | ast.Rework): number {
    const last: CstNode | undefined = ast.isRework(node) ? node.target?.$refNode : chainSteps(node).at(-1)?.$refNode;
    return last?.end ?? node.$cstNode!.end;
}

/** A text that starts at `offset` of the document, with a change of the document's text applied. */
function applied(text: string, offset: number, change: Change): string {
    return text.slice(0, change.start - offset) + change.text + text.slice(change.end - offset);
}

function textEdit(document: LangiumDocument, { start, end, text }: Change): TextEdit {
    const { textDocument } = document;
    return { range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, newText: text };
}
