/**
 * Answers the Web Worker language server's questions about the workspace's files (VS Code for
 * the web): it has no disk, so it reads through the editor's file system, which also reaches
 * github.dev's repositories and other virtual workspaces.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WorkspaceFileMessages, type WorkspaceFileNode } from '../protocol.js';

function node(uri: vscode.Uri, type: vscode.FileType): WorkspaceFileNode {
    return {
        uri: uri.toString(),
        isFile: (type & vscode.FileType.File) !== 0,
        isDirectory: (type & vscode.FileType.Directory) !== 0
    };
}

/** Registers the answers; call before the client starts, since the server reads the workspace as soon as it is initialised. */
export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
    const decoder = new TextDecoder();
    return [
        client.onRequest(WorkspaceFileMessages.stat, async ({ uri }) => {
            const target = vscode.Uri.parse(uri);
            return node(target, (await vscode.workspace.fs.stat(target)).type);
        }),
        client.onRequest(WorkspaceFileMessages.readFile, async ({ uri }) =>
            decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)))
        ),
        client.onRequest(WorkspaceFileMessages.readDirectory, async ({ uri }) => {
            const folder = vscode.Uri.parse(uri);
            return (await vscode.workspace.fs.readDirectory(folder)).map(([name, type]) =>
                node(vscode.Uri.joinPath(folder, name), type)
            );
        })
    ];
}
