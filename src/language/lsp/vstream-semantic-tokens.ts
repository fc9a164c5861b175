/**
 * Semantic tokens: what a name is (a step, a team, a system, a stream) wherever it appears,
 * which TextMate cannot tell for references, and keywords used as names coloured as names.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes, type SemanticTokensOptions } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

type Reference = { ref?: AstNode };

function typeOfTarget(target: AstNode | undefined): string | undefined {
    if (ast.isStep(target)) {
        return SemanticTokenTypes.function;
    }
    if (ast.isTeam(target)) {
        return SemanticTokenTypes.class;
    }
    if (ast.isSystem(target)) {
        return SemanticTokenTypes.interface;
    }
    if (ast.isStream(target)) {
        return SemanticTokenTypes.namespace;
    }
    return undefined;
}

export class VstreamSemanticTokenProvider extends AbstractSemanticTokenProvider {
    /**
     * With deltas: the editor asks for the tokens after every keystroke, and the whole file's
     * (32,000 numbers, 68 KB of JSON, at 1,000 steps) crossed to the editor each time. The
     * tokens are still computed whole; what changed of them, one edit around the keystroke, is
     * what is sent.
     */
    override get semanticTokensOptions(): SemanticTokensOptions {
        return { ...super.semanticTokensOptions, full: { delta: true } };
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (ast.isStep(node) || ast.isTeam(node) || ast.isSystem(node) || ast.isStream(node)) {
            acceptor({
                node,
                property: 'name',
                type: typeOfTarget(node)!,
                modifier: SemanticTokenModifiers.declaration
            });
        }
        if (ast.isStream(node) && node.improves) {
            this.highlightReference(node, 'improves', node.improves, acceptor);
        } else if (ast.isHandoff(node) || ast.isRework(node)) {
            this.highlightReference(node, 'source', node.source, acceptor);
            this.highlightReference(node, 'target', node.target, acceptor);
            if (ast.isHandoff(node)) {
                // The steps a chain goes on to: handoff a -> b -> c.
                node.onward?.forEach((step, index) => this.highlightReference(node, 'onward', step, acceptor, index));
            }
        } else if (ast.isFlow(node)) {
            node.steps.forEach((step, index) => this.highlightReference(node, 'steps', step, acceptor, index));
        } else if (ast.isKaizen(node)) {
            this.highlightReference(node, 'step', node.step, acceptor);
        } else if (ast.isOwnerClause(node)) {
            this.highlightReference(node, 'team', node.team, acceptor);
        } else if (ast.isViaClause(node)) {
            this.highlightReference(node, 'system', node.system, acceptor);
        } else if (ast.isUsesClause(node)) {
            node.systems.forEach((system, index) => this.highlightReference(node, 'systems', system, acceptor, index));
        } else if (ast.isStepWait(node) && node.cause) {
            this.highlightReference(node, 'cause', node.cause, acceptor);
        }
        if (
            (ast.isProcessClause(node) || ast.isStepWait(node) || ast.isEdgeWait(node) || ast.isTarget(node)) &&
            node.duration
        ) {
            acceptor({ node, property: 'duration', type: SemanticTokenTypes.number });
        } else if (
            (ast.isCompleteClause(node) || ast.isRateClause(node) || ast.isShareClause(node)) &&
            node.percentage
        ) {
            acceptor({ node, property: 'percentage', type: SemanticTokenTypes.number });
        } else if (ast.isWorkday(node) && node.length) {
            acceptor({ node, property: 'length', type: SemanticTokenTypes.number });
        } else if ((ast.isInventoryClause(node) || ast.isDemand(node)) && node.count) {
            acceptor({ node, property: 'count', type: SemanticTokenTypes.number });
        } else if (ast.isLayoutChoice(node) && node.kind) {
            // A layout's name is a value, not a name declared or referred to.
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.enumMember });
        }
    }

    /** Half-typed statements (`handoff a ->`) have references that are still missing. */
    private highlightReference(
        node: AstNode,
        property: string,
        reference: Reference | undefined,
        acceptor: SemanticTokenAcceptor,
        index?: number
    ): void {
        const type = typeOfTarget(reference?.ref);
        if (type) {
            acceptor({ node, property, index, type });
        }
    }
}
