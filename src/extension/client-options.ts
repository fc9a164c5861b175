/** What the desktop and the web client share: the language and the documents the server sees. */
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';

export const LANGUAGE_ID = 'vstream';

export function clientOptions(): LanguageClientOptions {
    // The workspace's documents (on disk, or in a virtual workspace's file system) and untitled
    // ones; not the other side of a diff, a refactor preview or a file's history, whose texts
    // would declare every name of the map a second time.
    const schemes = new Set([
        'file',
        'untitled',
        ...(vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri.scheme)
    ]);
    return {
        documentSelector: [...schemes].map(scheme => ({ language: LANGUAGE_ID, scheme })),
        synchronize: { configurationSection: LANGUAGE_ID }
    };
}
