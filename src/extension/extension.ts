/** The desktop extension: starts the Node language server and registers the commands. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../protocol.js';
import { clientOptions, LANGUAGE_ID } from './client-options.js';
import { openOnStartup, registerCommands } from './commands.js';
import { markdownPreviewApi, type MarkdownPreviewApi } from './markdown-preview.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MarkdownPreviewApi> {
    const module = context.asAbsolutePath('out/language/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
        debug: {
            module,
            transport: TransportKind.ipc,
            options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] }
        }
    };
    client = new LanguageClient(LANGUAGE_ID, 'Value Stream', serverOptions, clientOptions());
    await client.start();
    registerCommands(context, client);
    await openOnStartup();
    return markdownPreviewApi;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
