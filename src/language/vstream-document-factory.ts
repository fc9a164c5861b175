/**
 * Guards the parser against files too large to edit: beyond MAX_DOCUMENT_CHARACTERS a document
 * parses as empty with one error that says so, so the server keeps answering and the preview
 * says why there is no map instead of freezing on a text nobody could read as a map anyway.
 */
import { DefaultLangiumDocumentFactory, type AstNode, type ParseResult, type ParserOptions, type URI } from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';

/** About 50,000 steps: several times the largest stream the benchmark keeps responsive. */
export const MAX_DOCUMENT_CHARACTERS = 5_000_000;

/** Parse results that stand for a file too large to read; the document validator gives them their own code. */
const tooLarge = new WeakSet<ParseResult>();

export function isTooLarge(parseResult: ParseResult): boolean {
    return tooLarge.has(parseResult);
}

export class VstreamDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        return text.length > MAX_DOCUMENT_CHARACTERS
            ? this.tooLargeResult(uri, text.length)
            : super.parse(uri, text, options);
    }

    protected override parseAsync<T extends AstNode>(
        uri: URI,
        text: string,
        cancellationToken: CancellationToken
    ): Promise<ParseResult<T>> {
        return text.length > MAX_DOCUMENT_CHARACTERS
            ? Promise.resolve(this.tooLargeResult(uri, text.length))
            : super.parseAsync(uri, text, cancellationToken);
    }

    private tooLargeResult<T extends AstNode>(uri: URI, characters: number): ParseResult<T> {
        const empty = super.parse<T>(uri, '');
        const megabytes = (characters / 1_000_000).toFixed(1);
        const result: ParseResult<T> = {
            ...empty,
            lexerErrors: [
                {
                    offset: 0,
                    line: 1,
                    column: 1,
                    length: 0,
                    message: `This file is too large to read as a value stream map: ${megabytes} million characters, more than ${MAX_DOCUMENT_CHARACTERS / 1_000_000} million. Split it into several .vstream files (the teams in one, each stream in its own).`
                }
            ]
        };
        tooLarge.add(result);
        return result;
    }
}
