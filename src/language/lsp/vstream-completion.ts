/**
 * Completion: Langium proposes keywords and the names in scope (steps after `handoff`, teams
 * after `owner`, systems after `uses`…). On top of that, units right after a number, `share`
 * with what the step's other edges leave of 100%, and no keywords where a name is expected
 * (every keyword is also a valid name in this grammar) nor clauses a body holds only to be
 * reported (a flow's body holds only a share, a rework's none).
 */
import { AstUtils, GrammarAST, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext } from 'langium/lsp';
import {
    CompletionItemKind,
    CompletionList,
    InsertTextFormat,
    type CompletionItem,
    type CompletionParams
} from 'vscode-languageserver';
import { chainSteps, outgoingLinks } from '../../analysis/build-model.js';
import { LAYOUT_NAMES, type LayoutName } from '../../analysis/stream-model.js';
import { DURATION_UNITS, type DurationUnit } from '../../analysis/quantities.js';
import * as ast from '../generated/ast.js';
import { ShareArithmetic } from '../decision-shares.js';

/** The units in the order a person most often wants them after a number. */
const UNITS_BY_USE: readonly DurationUnit[] = ['h', 'd', 'm', 'w', 's'];

/** A number just typed after a keyword that takes a duration (or a part of a range) or a percentage. */
const NUMBER_AFTER =
    /\b(process|wait|workday|target|complete|rate|share)\s+(?:[0-9]+(?:\.[0-9]+)?[smhdw]?\.\.)*([0-9]+(?:\.[0-9]+)?)$/;

/** `demand 20 per `: the periods of a demand. */
const PERIOD_AFTER = /\bdemand\s+[0-9]+(?:\.[0-9]+)?\s+per\s+$/;
const PERIODS = [
    { period: 'd', detail: 'items per working day' },
    { period: 'w', detail: 'items per working week' },
    { period: 'h', detail: 'items per working hour' }
];

/** `layout `: the layouts a map knows. */
const LAYOUT_AFTER = /\blayout\s+$/;
const LAYOUTS: Record<LayoutName, string> = {
    lanes: 'a lane per team (the default)',
    classic: 'the current-state map of Learning to See: processes in a row, data boxes, inventory triangles'
};

export class VstreamCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams
    ): Promise<CompletionList | undefined> {
        const units = this.unitsAfterNumber(document, params);
        return units ?? super.getCompletion(document, params);
    }

    /** Units after a number, the periods of a demand, and the layouts. */
    private unitsAfterNumber(document: LangiumDocument, params: CompletionParams): CompletionList | undefined {
        const line = document.textDocument.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position
        });
        if (LAYOUT_AFTER.test(line)) {
            return CompletionList.create(
                LAYOUT_NAMES.map((name, index) => ({
                    label: name,
                    kind: CompletionItemKind.EnumMember,
                    detail: LAYOUTS[name],
                    sortText: String(index)
                })),
                false
            );
        }
        if (PERIOD_AFTER.test(line)) {
            return CompletionList.create(
                PERIODS.map(({ period, detail }, index) => ({
                    label: period,
                    kind: CompletionItemKind.Unit,
                    detail,
                    sortText: String(index)
                })),
                false
            );
        }
        const match = NUMBER_AFTER.exec(line);
        if (!match) {
            return undefined;
        }
        const [, keyword, amount] = match;
        const items: CompletionItem[] =
            keyword === 'complete' || keyword === 'rate' || keyword === 'share'
                ? [
                      {
                          label: `${amount}%`,
                          kind: CompletionItemKind.Unit,
                          detail: 'percent',
                          insertText: '%',
                          sortText: '0'
                      }
                  ]
                : UNITS_BY_USE.map((unit, index) => ({
                      label: `${amount}${unit}`,
                      kind: CompletionItemKind.Unit,
                      detail: DURATION_UNITS.find(candidate => candidate.unit === unit)!.meaning,
                      insertText: unit,
                      sortText: String(index)
                  }));
        return CompletionList.create(items, false);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name ?? '';
        return (
            rule !== 'Name' && !this.reportedOnly(edgeAt(context.node), rule) && super.filterKeyword(context, keyword)
        );
    }

    /** A clause that the statement's body parses only to report it: anything but a share in a flow's, a share in a rework's. */
    private reportedOnly(statement: ast.Handoff | ast.Flow | ast.Rework | undefined, rule: string): boolean {
        if (ast.isFlow(statement)) {
            return rule !== ast.ShareClause.$type && this.astReflection.isSubtype(rule, ast.HandoffClause.$type);
        }
        return ast.isRework(statement) && rule === ast.ShareClause.$type;
    }

    protected override completionForKeyword(
        context: CompletionContext,
        keyword: GrammarAST.Keyword,
        acceptor: CompletionAcceptor
    ): MaybePromise<void> {
        const statement = edgeAt(context.node);
        if (keyword.value !== 'share' || !statement || ast.isRework(statement)) {
            return super.completionForKeyword(context, keyword, acceptor);
        }
        const share = proposedShare(statement);
        acceptor(context, {
            label: 'share',
            kind: CompletionItemKind.Keyword,
            detail: `${share}: what the other edges leave`,
            insertText: `share \${1:${share.slice(0, -1)}}%`,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '1'
        });
    }
}

/** The handoff, flow or rework a node belongs to. */
function edgeAt(node: AstNode | undefined): ast.Handoff | ast.Flow | ast.Rework | undefined {
    return AstUtils.getContainerOfType(
        node,
        (candidate): candidate is ast.Handoff | ast.Flow | ast.Rework =>
            ast.isHandoff(candidate) || ast.isFlow(candidate) || ast.isRework(candidate)
    );
}

/**
 * The share an edge would take beside the other edges of its step (a chain's first step): an
 * equal part of what their shares leave with the others still without one, 0% when nothing is left.
 */
function proposedShare(statement: ast.Handoff | ast.Flow): string {
    const step = chainSteps(statement)[0]?.ref;
    const others = ((step && outgoingLinks(step.$container.members).get(step)) ?? []).filter(
        link => link.declaration !== statement
    );
    const shares = new ShareArithmetic(others.map(link => link.share));
    const left = Math.max(0, shares.left());
    const without = others.filter(link => link.share === undefined).length;
    return shares.text(shares.apportion(left, Array<number>(without + 1).fill(1))[0]);
}
