/**
 * How documents are parsed. A change inside one member of a stream parses that member alone
 * (member-reparse.ts) rather than the whole text. And the parser is guarded against files too
 * large to edit: beyond MAX_DOCUMENT_CHARACTERS a document parses as empty with one error that
 * says so, so the server keeps answering and the preview says why there is no map instead of
 * freezing on a text nobody could read as a map anyway.
 */
import {
    DefaultLangiumDocumentFactory,
    type AstNode,
    type LangiumDocument,
    type ParseResult,
    type ParserOptions,
    type URI
} from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { Document } from './generated/ast.js';
import { reparseEditedMember } from './member-reparse.js';

/** About 50,000 steps: several times the largest stream the benchmark keeps responsive. */
export const MAX_DOCUMENT_CHARACTERS = 5_000_000;

/** Parse results that stand for a file too large to read; the document validator gives them their own code. */
const tooLarge = new WeakSet<ParseResult>();

export function isTooLarge(parseResult: ParseResult): boolean {
    return tooLarge.has(parseResult);
}

export class VstreamDocumentFactory extends DefaultLangiumDocumentFactory {
    /**
     * The parse each document being updated had, for parseAsync to reuse (update parses through
     * it). Should updates of one document overlap, the parse found may be an older one: the
     * reparse compares the new text with the text that parse was made of, so it stays right.
     */
    private readonly updating = new Map<string, ParseResult>();

    override async update<T extends AstNode = AstNode>(
        document: LangiumDocument<T>,
        cancellationToken: CancellationToken
    ): Promise<LangiumDocument<T>> {
        const uri = document.uri.toString();
        this.updating.set(uri, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.updating.delete(uri);
        }
    }

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
        if (text.length > MAX_DOCUMENT_CHARACTERS) {
            return Promise.resolve(this.tooLargeResult(uri, text.length));
        }
        const previous = this.updating.get(uri.toString());
        const reparsed =
            previous &&
            reparseEditedMember(previous as ParseResult<Document>, text, {
                parser: this.serviceRegistry.getServices(uri).parser.LangiumParser,
                linker: this.serviceRegistry.getServices(uri).references.Linker
            });
        return reparsed
            ? Promise.resolve(reparsed as ParseResult<AstNode> as ParseResult<T>)
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
