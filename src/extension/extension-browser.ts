/** The web extension (VS Code for the web): the language server runs in a Web Worker. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, LANGUAGE_ID } from './client-options.js';
import { openOnStartup, registerCommands } from './commands.js';
import { markdownPreviewApi, type MarkdownPreviewApi } from './markdown-preview.js';

/** The Web Worker constructor of the browser host (the DOM typings are not part of this build). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MarkdownPreviewApi> {
    const serverUri = vscode.Uri.joinPath(context.extensionUri, 'out/language/main-browser.js');
    const worker = new Worker(serverUri.toString(true));
    client = new LanguageClient(LANGUAGE_ID, 'Value Stream', clientOptions(), worker);
    await client.start();
    registerCommands(context, client);
    await openOnStartup();
    return markdownPreviewApi;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
