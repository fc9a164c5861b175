/**
 * A file deleted (or renamed) on disk while the editor holds it open stays a document: the
 * editor still has its text, so the server keeps answering about it (hover, diagnostics,
 * preview) until the editor closes it. Langium would drop it with the file.
 */
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver';

export class VstreamDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly textDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const stillOpen = (uri: string) => this.textDocuments.get(uri) !== undefined;
        super.didChangeWatchedFiles({
            changes: params.changes.filter(change => change.type !== FileChangeType.Deleted || !stillOpen(change.uri))
        });
    }
}
