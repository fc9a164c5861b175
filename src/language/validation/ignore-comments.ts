/**
 * Quieting on purpose: `// vstream-ignore CODE[, CODE…]` on the line before a statement quiets
 * those diagnostics on that statement (and everything in it). A comment that quiets nothing, or
 * names no code of vstream, is reported itself, as a hint, so that ignores do not outlive their
 * reason.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes, SEVERITY_OF } from '../diagnostic-codes.js';

const IGNORE_COMMENT = /^(\s*)\/\/\s*vstream-ignore\b(.*)$/;

interface IgnoreComment {
    line: number;
    character: number;
    length: number;
    codes: string[];
    /** The statements it applies to: those that start on the next line holding one. */
    targets: Array<NonNullable<ast.Document['$cstNode']>['range']>;
}

const SEVERITY_NUMBER = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** Statements: what a file, a stream or a body lists one after another. */
function isStatement(
    node: unknown
): node is ast.TopLevelElement | ast.StreamMember | ast.StepClause | ast.HandoffClause | ast.ReworkClause {
    return (
        ast.isTopLevelElement(node) ||
        ast.isStreamMember(node) ||
        ast.isStepClause(node) ||
        ast.isHandoffClause(node) ||
        ast.isReworkClause(node)
    );
}

function ignoreComments(document: LangiumDocument<ast.Document>): IgnoreComment[] {
    const lines = document.textDocument.getText().split(/\r?\n/);
    const comments = lines.flatMap((text, line): IgnoreComment[] => {
        const match = IGNORE_COMMENT.exec(text);
        return match
            ? [
                  {
                      line,
                      character: match[1].length,
                      length: text.length - match[1].length,
                      codes: match[2].split(/[\s,]+/).filter(Boolean),
                      targets: []
                  }
              ]
            : [];
    });
    if (comments.length === 0) {
        return [];
    }
    const statementsByLine = new Map<number, IgnoreComment['targets']>();
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const range = node.$cstNode?.range;
        if (range && isStatement(node)) {
            statementsByLine.set(range.start.line, [...(statementsByLine.get(range.start.line) ?? []), range]);
        }
    }
    for (const comment of comments) {
        const next = [...statementsByLine.keys()].filter(line => line > comment.line).sort((a, b) => a - b)[0];
        // Only blank lines or other comments may stand between the comment and its statement.
        const between = lines
            .slice(comment.line + 1, next)
            .every(text => text.trim() === '' || text.trim().startsWith('//'));
        comment.targets = next !== undefined && between ? statementsByLine.get(next)! : [];
    }
    return comments;
}

function within(range: IgnoreComment['targets'][number], diagnostic: Diagnostic): boolean {
    const { line, character } = diagnostic.range.start;
    const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
    const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
    return afterStart && beforeEnd;
}

/** The diagnostics no comment quiets, and a hint for each code of a comment that quiets nothing. */
export function applyIgnoreComments(document: LangiumDocument<ast.Document>, diagnostics: Diagnostic[]): Diagnostic[] {
    const comments = ignoreComments(document);
    if (comments.length === 0) {
        return diagnostics;
    }
    const quieted = new Set<Diagnostic>();
    const hints: Diagnostic[] = [];
    for (const comment of comments) {
        for (const code of comment.codes) {
            const matching = diagnostics.filter(
                diagnostic => diagnostic.code === code && comment.targets.some(target => within(target, diagnostic))
            );
            matching.forEach(diagnostic => quieted.add(diagnostic));
            if (matching.length === 0) {
                hints.push(staleIgnore(comment, code));
            }
        }
    }
    return [...diagnostics.filter(diagnostic => !quieted.has(diagnostic)), ...hints];
}

function staleIgnore(comment: IgnoreComment, code: string): Diagnostic {
    const known = Object.keys(SEVERITY_OF).includes(code);
    const message = !known
        ? `'${code}' is not a diagnostic code of vstream: this ignore comment quiets nothing. Correct the code or remove it.`
        : comment.targets.length === 0
          ? `This ignore comment stands before no statement, so it quiets nothing: put it on the line just before the statement, or remove it.`
          : `Nothing here reports ${code} any more: remove \`${code}\` from this ignore comment.`;
    return {
        range: {
            start: { line: comment.line, character: comment.character },
            end: { line: comment.line, character: comment.character + comment.length }
        },
        severity: SEVERITY_NUMBER[SEVERITY_OF[DiagnosticCodes.staleIgnore]],
        code: DiagnosticCodes.staleIgnore,
        message,
        source: 'vstream'
    };
}
