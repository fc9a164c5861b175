/**
 * Completion: Langium proposes keywords and the names in scope (steps after `handoff`, teams
 * after `owner`, systems after `uses`…). On top of that, units right after a number, and no
 * keywords where a name is expected (every keyword is also a valid name in this grammar).
 */
import { AstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider, type CompletionContext } from 'langium/lsp';
import { CompletionItemKind, CompletionList, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { DURATION_UNITS, type DurationUnit } from '../../analysis/quantities.js';

/** The units in the order a person most often wants them after a number. */
const UNITS_BY_USE: readonly DurationUnit[] = ['h', 'd', 'm', 'w', 's'];

/** A number just typed after a keyword that takes a duration (or a part of a range) or a percentage. */
const NUMBER_AFTER =
    /\b(process|wait|workday|target|complete|rate)\s+(?:[0-9]+(?:\.[0-9]+)?[smhdw]?\.\.)*([0-9]+(?:\.[0-9]+)?)$/;

/** `demand 20 per `: the periods of a demand. */
const PERIOD_AFTER = /\bdemand\s+[0-9]+(?:\.[0-9]+)?\s+per\s+$/;
const PERIODS = [
    { period: 'd', detail: 'items per working day' },
    { period: 'w', detail: 'items per working week' },
    { period: 'h', detail: 'items per working hour' }
];

export class VstreamCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams
    ): Promise<CompletionList | undefined> {
        const units = this.unitsAfterNumber(document, params);
        return units ?? super.getCompletion(document, params);
    }

    /** Units after a number, and the periods of a demand. */
    private unitsAfterNumber(document: LangiumDocument, params: CompletionParams): CompletionList | undefined {
        const line = document.textDocument.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position
        });
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
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        return rule?.name !== 'Name' && super.filterKeyword(context, keyword);
    }
}
