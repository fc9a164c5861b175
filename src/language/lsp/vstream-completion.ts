/**
 * Completion: Langium proposes keywords and the names in scope (steps after `handoff`, teams
 * after `owner`, systems after `uses`…). On top of that, units right after a number, and no
 * keywords where a name is expected (every keyword is also a valid name in this grammar).
 */
import { AstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider, type CompletionContext } from 'langium/lsp';
import { CompletionItemKind, CompletionList, type CompletionItem, type CompletionParams } from 'vscode-languageserver';

const DURATION_UNITS = [
    { unit: 'h', detail: 'hours' },
    { unit: 'd', detail: 'working days' },
    { unit: 'm', detail: 'minutes' },
    { unit: 'w', detail: 'working weeks' }
];

/** A number just typed after a keyword that takes a duration or a percentage. */
const NUMBER_AFTER = /\b(process|wait|workday|complete|rate)\s+([0-9]+(?:\.[0-9]+)?)$/;

export class VstreamCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams
    ): Promise<CompletionList | undefined> {
        const units = this.unitsAfterNumber(document, params);
        return units ?? super.getCompletion(document, params);
    }

    private unitsAfterNumber(document: LangiumDocument, params: CompletionParams): CompletionList | undefined {
        const line = document.textDocument.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position
        });
        const match = NUMBER_AFTER.exec(line);
        if (!match) {
            return undefined;
        }
        const [, keyword, amount] = match;
        const items: CompletionItem[] =
            keyword === 'complete' || keyword === 'rate'
                ? [
                      {
                          label: `${amount}%`,
                          kind: CompletionItemKind.Unit,
                          detail: 'percent',
                          insertText: '%',
                          sortText: '0'
                      }
                  ]
                : DURATION_UNITS.map(({ unit, detail }, index) => ({
                      label: `${amount}${unit}`,
                      kind: CompletionItemKind.Unit,
                      detail,
                      insertText: unit,
                      sortText: String(index)
                  }));
        return CompletionList.create(items, false);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        return rule?.name !== 'Name' && super.filterKeyword(context, keyword);
    }
}
