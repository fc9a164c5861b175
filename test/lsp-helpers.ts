/** The language server's features on an in-memory workspace, with `<|>` marking the cursor in a text. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver';
import type { Document } from '../src/language/generated/ast.js';
import { createVstreamServices } from '../src/language/vstream-module.js';

export const CURSOR = '<|>';

export interface LspWorkspace {
    services: ReturnType<typeof createVstreamServices>['Vstream'];
    documents: Array<LangiumDocument<Document>>;
    /** Where `<|>` was in the first text (removed before parsing). */
    cursor: Position;
    textDocument: { uri: string };
}

export async function lspWorkspace(...texts: string[]): Promise<LspWorkspace> {
    const { shared, Vstream } = createVstreamServices(EmptyFileSystem);
    let cursor: Position = { line: 0, character: 0 };
    const documents = texts.map((text, index) => {
        const offset = text.indexOf(CURSOR);
        const clean = offset >= 0 && index === 0 ? text.slice(0, offset) + text.slice(offset + CURSOR.length) : text;
        if (offset >= 0 && index === 0) {
            cursor = TextDocument.create('x', 'vstream', 0, clean).positionAt(offset);
        }
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(
            clean,
            URI.parse(`file:///workspace/file${index + 1}.vstream`)
        );
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services: Vstream, documents, cursor, textDocument: { uri: documents[0].uri.toString() } };
}

export function applyEdits(document: LangiumDocument, edits: TextEdit[]): string {
    return TextDocument.applyEdits(document.textDocument, edits);
}
