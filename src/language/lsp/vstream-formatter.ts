/**
 * The formatter: one declaration per line, stream bodies indented, single spaces inside a
 * statement. A body written on one line stays on one line and a body written over several
 * lines stays that way, so formatting never fights the author's layout, only its spacing.
 */
import { CstUtils, type AstNode, type CstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingContext, type NodeFormatter } from 'langium/lsp';
import * as ast from '../generated/ast.js';

const oneSpace = Formatting.oneSpace();
const noSpace = Formatting.noSpace();

/** Did the author put this token on the same line as the token before it? */
function sharesLineWithPrevious(node: CstNode | undefined): boolean {
    const previous = node && CstUtils.getPreviousNode(node, false);
    return !previous || previous.range.end.line === node.range.start.line;
}

/** The parts of each statement that follow a word and take one space before them. */
const SPACED_PROPERTIES: Partial<Record<string, string[]>> = {
    Team: ['name', 'title'],
    System: ['name', 'title'],
    Stream: ['name', 'title', 'improves'],
    Step: ['name', 'title'],
    Recipient: ['value'],
    StartPoint: ['value'],
    EndPoint: ['value'],
    Measure: ['kind'],
    Workday: ['length'],
    Demand: ['count', 'period'],
    Target: ['duration'],
    Done: ['statuses'],
    LayoutChoice: ['kind'],
    OwnerClause: ['team'],
    ProcessClause: ['duration'],
    StepWait: ['duration', 'cause'],
    CompleteClause: ['percentage'],
    InventoryClause: ['count'],
    StatusClause: ['statuses'],
    QueueClause: ['statuses'],
    // Of a list, only the first item: the others follow a comma or an arrow, which space themselves.
    UsesClause: ['systems'],
    Handoff: ['source'],
    CarriesClause: ['items'],
    ViaClause: ['system'],
    EdgeWait: ['duration'],
    Flow: ['steps'],
    Rework: ['source'],
    RateClause: ['percentage'],
    ShareClause: ['percentage'],
    ReasonClause: ['text'],
    Kaizen: ['step', 'idea']
};

export class VstreamFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        if (ast.isDocument(node)) {
            this.formatTopLevel(node);
        } else if (ast.isStream(node)) {
            this.formatStream(node);
        } else if (ast.isStep(node) || ast.isHandoff(node) || ast.isRework(node) || ast.isFlow(node)) {
            this.formatBody(node);
        }
        const formatter = this.getNodeFormatter(node);
        const spaced = SPACED_PROPERTIES[node.$type];
        for (const property of spaced ?? []) {
            formatter.property(property, 0).prepend(oneSpace);
        }
        formatter.keywords('improves', 'on', 'per').prepend(oneSpace);
        this.formatPunctuation(formatter);
    }

    private formatTopLevel(document: ast.Document): void {
        const formatter = this.getNodeFormatter(document);
        document.elements.forEach((element, index) => {
            formatter
                .node(element)
                .prepend(index === 0 ? Formatting.noIndent() : Formatting.newLine({ allowMore: true }));
        });
    }

    private formatStream(stream: ast.Stream): void {
        const formatter = this.getNodeFormatter(stream);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(oneSpace);
        formatter.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
        for (const member of stream.members) {
            formatter.node(member).prepend(Formatting.indent({ allowMore: true }));
        }
        close.prepend(Formatting.newLine());
    }

    /** A clause stays on the line it shares with the previous token, or on its own indented line. */
    private formatBody(node: ast.Step | ast.Handoff | ast.Rework | ast.Flow): void {
        const formatter = this.getNodeFormatter(node);
        formatter.keyword('{').prepend(oneSpace);
        node.clauses.forEach((clause, index) => {
            formatter
                .property('clauses', index)
                .prepend(sharesLineWithPrevious(clause.$cstNode) ? oneSpace : Formatting.indent());
        });
        const close = formatter.keyword('}');
        close.prepend(sharesLineWithPrevious(close.nodes[0]) ? oneSpace : Formatting.newLine());
    }

    /** Single spaces between the words of a statement; commas hug what comes before them. */
    private formatPunctuation(formatter: NodeFormatter<AstNode>): void {
        formatter.keywords('->').surround(oneSpace);
        formatter.keywords(',').prepend(noSpace).append(oneSpace);
    }

    /** A byte order mark before the first comment is not indentation. */
    protected override getExistingIndentationCharacterCount(text: string, context: FormattingContext): number {
        return super.getExistingIndentationCharacterCount(text.replace(/^\uFEFF/, ''), context);
    }
}
