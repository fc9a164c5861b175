/** Starts the language server on a connection; shared by the Node process and the Web Worker. */
import { startLanguageServer, type DefaultSharedModuleContext } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { MeasureEngine } from './lsp/vstream-measure.js';
import { createVstreamServices } from './vstream-module.js';

export function startVstreamServer(
    connection: Connection,
    fileSystemProvider: DefaultSharedModuleContext['fileSystemProvider'],
    measure?: MeasureEngine
): void {
    const { shared, Vstream } = createVstreamServices({ connection, fileSystemProvider, measure });
    // vstream's own messages (the preview, the stream cards, measuring) and the settings it follows.
    Object.values(Vstream.handlers).forEach(handler => handler.listen());
    startLanguageServer(shared);
}
