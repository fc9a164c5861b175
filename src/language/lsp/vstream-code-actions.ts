/**
 * Quick fixes for the diagnostics that have one obvious repair: name an owner, declare a
 * missing team or system, turn a silent ownership change into a handoff, fill in the
 * identification card, drop a repeated clause, give a rework a rate, write a percentage with
 * its sign (a fraction as its percentage), give a duration its unit, make a flow with a body a
 * handoff; make a decision's shares add up, give every edge of a step a share or none, and turn
 * a rework's share into its rate.
 */
import {
    AstUtils,
    CstUtils,
    GrammarUtils,
    type AstNode,
    type IndexManager,
    type LangiumDocument,
    type LinkingErrorData
} from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind,
    type CodeAction,
    type CodeActionParams,
    type Diagnostic,
    type Position,
    type TextEdit
} from 'vscode-languageserver';
import { chainSteps, flowLinks, outgoingLinks, type OutgoingLink } from '../../analysis/build-model.js';
import { DURATION_UNITS, parseCount, parseDurationParts, parsePercentage } from '../../analysis/quantities.js';
import { percentageFor } from '../validation/quantities.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import type { VstreamServices } from '../vstream-module.js';
import { ShareArithmetic } from '../decision-shares.js';
import { clauseRemoval, shareEdits, type LinkShare } from '../share-edits.js';

/** A rate to start from; the user measures the real one. */
const PLACEHOLDER_RATE = '10%';

type Fix = (diagnostic: Diagnostic, document: LangiumDocument<ast.Document>) => CodeAction[];

export class VstreamCodeActionProvider implements CodeActionProvider {
    private readonly indexManager: IndexManager;
    private readonly fixes: Partial<Record<string, Fix>>;

    constructor(services: VstreamServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.fixes = {
            [DiagnosticCodes.stepWithoutOwner]: (diagnostic, document) =>
                this.addOwner(diagnostic, document, ast.isStep),
            [DiagnosticCodes.handoffWithoutOwner]: (diagnostic, document) =>
                this.addOwner(diagnostic, document, ast.isHandoff),
            [DiagnosticCodes.unresolvedReference]: (diagnostic, document) => this.declareParty(diagnostic, document),
            [DiagnosticCodes.undeclaredHandoff]: (diagnostic, document) => this.declareHandoff(diagnostic, document),
            [DiagnosticCodes.missingIdentification]: (diagnostic, document) =>
                this.addIdentification(diagnostic, document),
            [DiagnosticCodes.duplicateProperty]: (diagnostic, document) => this.removeRepeat(diagnostic, document),
            [DiagnosticCodes.reworkWithoutRate]: (diagnostic, document) => this.addRate(diagnostic, document),
            [DiagnosticCodes.invalidPercentage]: (diagnostic, document) => this.addPercentSign(diagnostic, document),
            [DiagnosticCodes.invalidDuration]: (diagnostic, document) => this.addUnit(diagnostic, document),
            [DiagnosticCodes.flowWithBody]: (diagnostic, document) => this.makeHandoff(diagnostic, document),
            [DiagnosticCodes.sharesDoNotAddUp]: (diagnostic, document) => this.makeSharesAddUp(diagnostic, document),
            [DiagnosticCodes.mixedShares]: (diagnostic, document) => this.shareEveryEdgeOrNone(diagnostic, document),
            [DiagnosticCodes.shareOnRework]: (diagnostic, document) => this.makeShareRate(diagnostic, document)
        };
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        return params.context.diagnostics.flatMap(diagnostic => {
            const fix = this.fixes[String(diagnostic.code)];
            return fix ? fix(diagnostic, document as LangiumDocument<ast.Document>) : [];
        });
    }

    private nodeAt<T extends AstNode>(
        document: LangiumDocument,
        position: Position,
        is: (node: unknown) => node is T
    ): T | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
        return leaf && AstUtils.getContainerOfType(leaf.astNode, is);
    }

    private action(
        title: string,
        diagnostic: Diagnostic,
        document: LangiumDocument,
        edits: TextEdit[],
        isPreferred = false
    ): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred,
            edit: { changes: { [document.uri.toString()]: edits } }
        };
    }

    /** Teams visible in a stream: its own, then the shared ones of the workspace. */
    private visibleTeams(stream: ast.Stream): string[] {
        const local = stream.members.filter(ast.isTeam).map(team => team.name);
        const shared = this.indexManager
            .allElements(ast.Team.$type)
            .map(description => description.name)
            .toArray();
        return [...new Set([...local, ...shared])].sort();
    }

    private addOwner(
        diagnostic: Diagnostic,
        document: LangiumDocument,
        is: (node: unknown) => node is ast.Step | ast.Handoff
    ): CodeAction[] {
        const node = this.nodeAt(document, diagnostic.range.start, is);
        if (!node) {
            return [];
        }
        return this.visibleTeams(node.$container).map(team =>
            this.action(`Set the owner to ${team}`, diagnostic, document, [insertClause(node, `owner ${team}`)])
        );
    }

    private declareParty(diagnostic: Diagnostic, document: LangiumDocument<ast.Document>): CodeAction[] {
        const data = diagnostic.data as LinkingErrorData | undefined;
        const kinds =
            { team: ['team'], systems: ['system'], system: ['system'], cause: ['team', 'system'] }[
                data?.property ?? ''
            ] ?? [];
        if (!data || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(data.refText)) {
            return [];
        }
        const position = declarationPosition(document.parseResult.value);
        return kinds.map(kind =>
            this.action(
                `Declare ${kind} ${data.refText} at the top level`,
                diagnostic,
                document,
                [{ range: { start: position, end: position }, newText: `${kind} ${data.refText} "${data.refText}"\n` }],
                kinds.length === 1
            )
        );
    }

    private declareHandoff(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const flow = this.nodeAt(document, diagnostic.range.start, ast.isFlow);
        const links = flow ? flowLinks(flow) : [];
        const index = links.findIndex(
            link =>
                link.range?.start.line === diagnostic.range.start.line &&
                link.range.start.character === diagnostic.range.start.character
        );
        if (!flow?.$cstNode || index < 0) {
            return [];
        }
        const names = flow.steps.map(step => step.$refText);
        const indentation = ' '.repeat(flow.$cstNode.range.start.character);
        const statements = [
            index > 0 ? `flow ${names.slice(0, index + 1).join(' -> ')}` : undefined,
            `handoff ${names[index]} -> ${names[index + 1]} { carries "…" }`,
            index + 2 < names.length ? `flow ${names.slice(index + 1).join(' -> ')}` : undefined
        ].filter((statement): statement is string => statement !== undefined);
        return [
            this.action(
                `Declare the handoff ${names[index]} -> ${names[index + 1]}`,
                diagnostic,
                document,
                [{ range: flow.$cstNode.range, newText: statements.join(`\n${indentation}`) }],
                true
            )
        ];
    }

    private addIdentification(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const stream = this.nodeAt(document, diagnostic.range.start, ast.isStream);
        const open = stream && GrammarUtils.findNodeForKeyword(stream.$cstNode, '{');
        if (!stream?.$cstNode || !open) {
            return [];
        }
        const missing = [
            stream.members.some(ast.isRecipient) ? undefined : 'recipient "…"',
            stream.members.some(ast.isStartPoint) ? undefined : 'start "…"',
            stream.members.some(ast.isEndPoint) ? undefined : 'end "…"'
        ].filter((field): field is string => field !== undefined);
        const indentation = ' '.repeat(
            stream.members[0]?.$cstNode?.range.start.character ?? stream.$cstNode.range.start.character + 4
        );
        const text = missing.map(field => `\n${indentation}${field}`).join('');
        return [
            this.action(
                `Add ${missing.map(field => field.split(' ')[0]).join(', ')} to the stream`,
                diagnostic,
                document,
                [{ range: { start: open.range.end, end: open.range.end }, newText: text }],
                true
            )
        ];
    }

    private removeRepeat(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const root = document.parseResult.value.$cstNode;
        const leaf =
            root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        const clause = leaf && outermostAt(leaf.astNode, diagnostic);
        const previous = clause?.$cstNode && CstUtils.getPreviousNode(clause.$cstNode, false);
        if (!clause?.$cstNode || !previous) {
            return [];
        }
        const keyword = clause.$cstNode.text.split(/\s/)[0];
        return [
            this.action(
                `Remove the repeated \`${keyword}\``,
                diagnostic,
                document,
                [{ range: { start: previous.range.end, end: clause.$cstNode.range.end }, newText: '' }],
                true
            )
        ];
    }

    /** `complete 0.8` → 80%, `rate 20` → 20%: a fraction is read as other tools store shares. */
    private addPercentSign(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const written = coveredText(document, diagnostic);
        const value = parseCount(written);
        if (value === undefined) {
            return [];
        }
        const percentage = percentageFor(value);
        return [
            this.action(
                `Write ${percentage}`,
                diagnostic,
                document,
                [{ range: diagnostic.range, newText: percentage }],
                true
            )
        ];
    }

    /** A duration without its unit: one fix per unit, given to every part that lacks one (`1..3h` → `1h..3h`). */
    private addUnit(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const written = coveredText(document, diagnostic);
        const parts = parseDurationParts(written);
        if (!parts || parts.every(part => part.unit)) {
            return [];
        }
        return DURATION_UNITS.map(({ unit, meaning }) => {
            const fixed = written
                .split('..')
                .map(part => (/[a-z]$/.test(part) ? part : `${part}${unit}`))
                .join('..');
            return this.action(`Write ${fixed} (${meaning})`, diagnostic, document, [
                { range: diagnostic.range, newText: fixed }
            ]);
        });
    }

    /** A flow written with a body: its last link becomes a handoff that keeps the body. */
    private makeHandoff(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const flow = this.nodeAt(document, diagnostic.range.start, ast.isFlow);
        const body = flow && GrammarUtils.findNodeForKeyword(flow.$cstNode, '{');
        if (!flow?.$cstNode || !body) {
            return [];
        }
        const names = flow.steps.map(step => step.$refText);
        const indentation = ' '.repeat(flow.$cstNode.range.start.character);
        const bodyText = document.textDocument.getText({ start: body.range.start, end: flow.$cstNode.range.end });
        const handoff = `handoff ${names.at(-2)} -> ${names.at(-1)} ${bodyText}`;
        const statements = names.length > 2 ? [`flow ${names.slice(0, -1).join(' -> ')}`, handoff] : [handoff];
        return [
            this.action(
                `Make ${names.at(-2)} -> ${names.at(-1)} a handoff, which carries a body`,
                diagnostic,
                document,
                [{ range: flow.$cstNode.range, newText: statements.join(`\n${indentation}`) }],
                true
            )
        ];
    }

    /** The step whose name the diagnostic is on, and the edges leaving it. */
    private leavingEdges(
        diagnostic: Diagnostic,
        document: LangiumDocument
    ): { step?: ast.Step; links: OutgoingLink[] } {
        const step = this.nodeAt(document, diagnostic.range.start, ast.isStep);
        return { step, links: (step && outgoingLinks(step.$container.members).get(step)) ?? [] };
    }

    /** An action that gives links these shares. */
    private sharesAction(
        title: string,
        diagnostic: Diagnostic,
        document: LangiumDocument,
        shares: LinkShare[],
        isPreferred = false
    ): CodeAction {
        return this.action(title, diagnostic, document, shareEdits(document, shares), isPreferred);
    }

    /**
     * One edge takes what the others leave of 100%, one action per edge that can (not below 0%);
     * and with two edges or more, the shares scaled to 100%, each in proportion to what it says.
     */
    private makeSharesAddUp(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const { links } = this.leavingEdges(diagnostic, document);
        const shares = new ShareArithmetic(links.map(link => link.share));
        const units = links.map(link => shares.units(link.share));
        if (links.length === 0 || units.some(value => value === undefined)) {
            return [];
        }
        const remainders = links.map((_, index) => shares.left(index));
        const actions = links.flatMap((link, index) =>
            remainders[index] < 0
                ? []
                : [
                      this.sharesAction(
                          `Give the remainder to ${targetOf(link)} (${shares.text(remainders[index])})`,
                          diagnostic,
                          document,
                          [{ ...link, share: shares.text(remainders[index]) }],
                          links.length === 1
                      )
                  ]
        );
        if (links.length > 1 && (units as number[]).some(value => value > 0)) {
            const scaled = shares.apportion(shares.hundred, units as number[]);
            actions.push(
                this.sharesAction(
                    'Scale the shares to 100%',
                    diagnostic,
                    document,
                    links.map((link, index) => ({ ...link, share: shares.text(scaled[index]) }))
                )
            );
        }
        return actions;
    }

    /**
     * A decision: the edges without a share get equal parts of what the others leave (all of
     * them equal parts when nothing is left). Or parallel work: no edge keeps its share.
     */
    private shareEveryEdgeOrNone(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const { step, links } = this.leavingEdges(diagnostic, document);
        const without = links.filter(link => link.share === undefined);
        if (!step || without.length === 0) {
            return [];
        }
        const shares = new ShareArithmetic(links.map(link => link.share));
        const left = shares.left();
        const takers = left > 0 ? without : links;
        const parts = shares.apportion(
            left > 0 ? left : shares.hundred,
            takers.map(() => 1)
        );
        return [
            this.sharesAction(
                `Give every edge leaving ${step.name} a share`,
                diagnostic,
                document,
                takers.map((link, index) => ({ ...link, share: shares.text(parts[index]) }))
            ),
            this.sharesAction(
                'Remove the shares (parallel work)',
                diagnostic,
                document,
                links.filter(link => link.share !== undefined).map(link => ({ ...link, share: undefined }))
            )
        ];
    }

    /** A share written on a rework: its rate, when it has none (and a rate can be what the share says), or gone. */
    private makeShareRate(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const clause = this.nodeAt(document, diagnostic.range.start, ast.isShareClause);
        const rework = clause?.$container;
        const keyword = clause && GrammarUtils.findNodeForKeyword(clause.$cstNode, 'share');
        if (!ast.isRework(rework) || !keyword) {
            return [];
        }
        // A rate of 100% is an error of its own: the work would never get through.
        const canBeRate = !rework.clauses.some(ast.isRateClause) && parsePercentage(clause.percentage)?.value !== 100;
        const remove = this.action('Remove the share', diagnostic, document, [clauseRemoval(document, rework, clause)]);
        return canBeRate
            ? [
                  this.action(
                      "Make it the rework's rate",
                      diagnostic,
                      document,
                      [{ range: keyword.range, newText: 'rate' }],
                      true
                  ),
                  remove
              ]
            : [remove];
    }

    private addRate(diagnostic: Diagnostic, document: LangiumDocument): CodeAction[] {
        const rework = this.nodeAt(document, diagnostic.range.start, ast.isRework);
        return rework
            ? [
                  this.action(
                      `Add a rate to the rework (${PLACEHOLDER_RATE}, then measure it)`,
                      diagnostic,
                      document,
                      [insertClause(rework, `rate ${PLACEHOLDER_RATE}`)],
                      true
                  )
              ]
            : [];
    }
}

/** The step an edge goes to, as written. */
function targetOf(link: OutgoingLink): string {
    return chainSteps(link.declaration)[link.position + 1].$refText;
}

/** The text a diagnostic covers. */
function coveredText(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

/** Inserts a clause first in a body, or gives the statement a body. */
function insertClause(node: ast.Step | ast.Handoff | ast.Rework, clause: string): TextEdit {
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    if (open) {
        return { range: { start: open.range.end, end: open.range.end }, newText: ` ${clause}` };
    }
    const end = node.$cstNode!.range.end;
    return { range: { start: end, end }, newText: ` { ${clause} }` };
}

/** New top-level declarations go after the last shared team or system, or at the top of the file. */
function declarationPosition(root: ast.Document): Position {
    const last = root.elements.filter(element => ast.isTeam(element) || ast.isSystem(element)).at(-1)?.$cstNode;
    return last ? { line: last.range.end.line + 1, character: 0 } : { line: 0, character: 0 };
}

/** The clause whose range the diagnostic covers. */
function outermostAt(node: AstNode, diagnostic: Diagnostic): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current) {
        const range = current.$cstNode?.range;
        if (
            range &&
            range.start.line === diagnostic.range.start.line &&
            range.start.character === diagnostic.range.start.character &&
            range.end.line === diagnostic.range.end.line &&
            range.end.character === diagnostic.range.end.character
        ) {
            return current;
        }
        current = current.$container;
    }
    return undefined;
}
