/**
 * What every check shares: the shape of a check, the reporting of a diagnostic with the
 * severity its code has, and how a half-typed edge is named.
 */
import type { AstNode, DiagnosticInfo, Reference, ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { SEVERITY_OF, type DiagnosticCode } from '../diagnostic-codes.js';

/** A check of one kind of node; all of them are synchronous. */
export type Check<N extends AstNode> = (node: N, accept: ValidationAcceptor) => void;

/** The checks of one concern, by the node type each applies to. */
export type CheckSet = { [T in keyof ast.VstreamAstType]?: Array<Check<ast.VstreamAstType[T]>> };

/** Reports a diagnostic with the severity the contract gives its code. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor,
    code: DiagnosticCode,
    message: string,
    info: Omit<DiagnosticInfo<N>, 'code'>
): void {
    accept(SEVERITY_OF[code], message, { ...info, code });
}

/** Half-typed statements have references that are still missing. */
export function sameStep(a: Reference<ast.Step> | undefined, b: Reference<ast.Step> | undefined): boolean {
    if (!a || !b) {
        return false;
    }
    return a.ref && b.ref ? a.ref === b.ref : a.$refText === b.$refText;
}

export function nameOf(reference: Reference | undefined): string {
    return reference?.$refText || '?';
}
