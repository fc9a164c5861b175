/**
 * What happens on disk to a file the editor holds open does not change its document: the
 * editor's text is the document, and the editor sends its own changes. A file deleted (or
 * renamed) stays a document, so the server keeps answering about it (hover, diagnostics,
 * preview) until the editor closes it; Langium would drop it with the file. A file saved (by
 * hand or by auto save, a second after typing) is not built again; Langium would rebuild it and
 * what uses it, 0.1–0.2 s at 1,000 steps, holding up the next keystroke's build.
 */
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';

export class VstreamDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly textDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const onDiskOnly = params.changes.filter(change => this.textDocuments.get(change.uri) === undefined);
        if (onDiskOnly.length > 0) {
            super.didChangeWatchedFiles({ changes: onDiskOnly });
        }
    }
}
