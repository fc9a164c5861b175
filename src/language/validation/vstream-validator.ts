/**
 * The checks of the diagnostic table, registered in one place. Each concern has its file (names,
 * clauses, ownership, edges, quantities, the flow graph, text); each diagnostic carries its
 * stable code, sits on the offending element and says what would fix it.
 */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import type { VstreamServices } from '../vstream-module.js';
import type { Check, CheckSet } from './checks.js';
import { clauseChecks } from './clauses.js';
import { decisionChecks } from './decisions.js';
import { edgeChecks } from './edges.js';
import { FlowGraphChecks } from './flow-graph.js';
import { MeasuredChecks } from './measured.js';
import { NameChecks } from './names.js';
import { ownershipChecks } from './ownership.js';
import { quantityChecks } from './quantities.js';
import { textChecks } from './text.js';

/**
 * Registers one check on the document that walks it once and calls the checks of each node
 * directly. Registered one by one, Langium would await every check of every node (and yield
 * for cancellation at each), which is a third of the time of a keystroke in a long stream.
 */
export function registerValidationChecks(services: VstreamServices): void {
    const validator = services.validation.VstreamValidator;
    services.validation.ValidationRegistry.register<ast.VstreamAstType>({
        Document: (document, accept) => validator.checkDocument(document, accept)
    });
}

export class VstreamValidator {
    /** The checks of each node type, every concern's together. */
    private readonly checks = new Map<string, Array<Check<AstNode>>>();

    constructor(services: VstreamServices) {
        const concerns: CheckSet[] = [
            textChecks,
            new NameChecks(services).checks,
            clauseChecks,
            ownershipChecks,
            edgeChecks,
            decisionChecks,
            quantityChecks,
            new FlowGraphChecks(services).checks,
            new MeasuredChecks(services).checks
        ];
        for (const concern of concerns) {
            for (const [type, checks] of Object.entries(concern)) {
                this.checks.set(type, [...(this.checks.get(type) ?? []), ...(checks as Array<Check<AstNode>>)]);
            }
        }
    }

    /** Runs the checks of every node of the document; a failing check does not stop the others. */
    checkDocument(document: ast.Document, accept: ValidationAcceptor): void {
        for (const node of AstUtils.streamAst(document)) {
            for (const check of this.checks.get(node.$type) ?? []) {
                try {
                    check(node, accept);
                } catch (error) {
                    console.error(`vstream: a ${node.$type} check failed:`, error);
                }
            }
        }
    }
}
