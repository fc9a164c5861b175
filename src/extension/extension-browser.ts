/// <reference lib="webworker" />
/** The web extension (VS Code for the web): the language server runs in a Web Worker and reads the workspace through the editor. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, LANGUAGE_ID } from './client-options.js';
import { openOnStartup, registerCommands } from './commands.js';
import { markdownPreviewApi, type MarkdownPreviewApi } from './markdown-preview.js';
import { serveWorkspaceFiles } from './workspace-files.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MarkdownPreviewApi> {
    const worker = await serverWorker(vscode.Uri.joinPath(context.extensionUri, 'out/language/main-browser.js'));
    client = new LanguageClient(LANGUAGE_ID, 'Value Stream', worker, clientOptions());
    context.subscriptions.push(...serveWorkspaceFiles(client));
    await client.start();
    registerCommands(context, client);
    await openOnStartup();
    return markdownPreviewApi;
}

/**
 * The server's Web Worker, started from its script's text: the web worker extension host refuses
 * a worker from an extension served by a remote host (code-server, Codespaces), and the host's
 * `fetch` reaches the script wherever the extension is served from.
 */
async function serverWorker(script: vscode.Uri): Promise<Worker> {
    const response = await fetch(script.toString(true));
    if (!response.ok) {
        throw new Error(
            `the language server's script could not be read (${response.status} at ${script.toString(true)})`
        );
    }
    return new Worker(URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' })));
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
