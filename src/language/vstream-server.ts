/** Starts the language server on a connection; shared by the Node process and the Web Worker. */
import { startLanguageServer, type DefaultSharedModuleContext, type LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { PreviewPublisher } from './lsp/vstream-preview.js';
import { serveStreamCards } from './lsp/vstream-stream-card.js';
import { createVstreamServices, type VstreamLspServices } from './vstream-module.js';

export function startVstreamServer(connection: Connection, fileSystemProvider: DefaultSharedModuleContext['fileSystemProvider']): void {
    const { shared, Vstream } = createVstreamServices({ connection, fileSystemProvider });
    followSettings(shared, Vstream);
    new PreviewPublisher(shared, Vstream, connection);
    serveStreamCards(shared, Vstream, connection);
    startLanguageServer(shared);
}

/** `vstream.flowEfficiencyThreshold` (percent) drives `low-flow-efficiency`; a change revalidates every document. */
export function followSettings(shared: LangiumSharedServices, services: VstreamLspServices): void {
    const configuration = shared.workspace.ConfigurationProvider;
    const apply = async (threshold: unknown) => {
        const fraction = typeof threshold === 'number' && threshold >= 0 && threshold <= 100 ? threshold / 100 : undefined;
        if (fraction === undefined || fraction === services.analysis.Settings.flowEfficiencyThreshold) {
            return;
        }
        services.analysis.Settings.flowEfficiencyThreshold = fraction;
        await shared.workspace.WorkspaceLock.write(token =>
            shared.workspace.DocumentBuilder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: true }, token));
    };
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === 'vstream') {
            void apply((update.configuration as Record<string, unknown> | undefined)?.flowEfficiencyThreshold);
        }
    });
    void configuration.getConfiguration('vstream', 'flowEfficiencyThreshold').then(apply);
}
