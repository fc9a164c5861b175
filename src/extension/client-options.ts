/** What the desktop and the web client share: the language and the documents the server sees. */
import type { LanguageClientOptions } from 'vscode-languageclient';

export const LANGUAGE_ID = 'vstream';

export function clientOptions(): LanguageClientOptions {
    return {
        // Any scheme: untitled files and virtual workspaces too; nothing is executed from them.
        documentSelector: [{ language: LANGUAGE_ID }],
        synchronize: { configurationSection: LANGUAGE_ID }
    };
}
