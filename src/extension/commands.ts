/** The extension's commands: the preview, a new stream, the figures and findings of a stream, measuring, and opening on startup. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import snippets from '../../syntaxes/vstream.snippets.json' with { type: 'json' };
import {
    Commands,
    StreamCardMessages,
    type FigureRow,
    type StreamCardParams,
    type StreamCardResult,
    type StreamFiguresArgument
} from '../protocol.js';
import { LANGUAGE_ID } from './client-options.js';
import { MeasureCommand } from './measure-command.js';
import { PreviewManager } from './preview-manager.js';

/** Registers the commands and the preview; call once the client is created. */
export function registerCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    const previews = new PreviewManager(context, client);
    const measure = new MeasureCommand(context, client);
    const uriOf = (argument: unknown): vscode.Uri | undefined =>
        argument instanceof vscode.Uri
            ? argument
            : typeof argument === 'string'
              ? vscode.Uri.parse(argument)
              : undefined;
    context.subscriptions.push(
        vscode.commands.registerCommand(Commands.newStream, newStream),
        vscode.commands.registerCommand(Commands.showStreamFigures, showStreamFigures),
        vscode.commands.registerCommand(Commands.openPreview, (uri?: unknown) =>
            previews.openDynamic(uriOf(uri), false)
        ),
        vscode.commands.registerCommand(Commands.openPreviewToSide, (uri?: unknown) =>
            previews.openDynamic(uriOf(uri), true)
        ),
        vscode.commands.registerCommand(Commands.openLockedPreviewToSide, (uri?: unknown) =>
            previews.openLocked(uriOf(uri))
        ),
        vscode.commands.registerCommand(Commands.togglePreviewLock, () => previews.toggleLock()),
        vscode.commands.registerCommand(Commands.generateStreamCard, (uri?: unknown) =>
            generateStreamCard(client, uriOf(uri))
        ),
        vscode.commands.registerCommand(Commands.updateStreamCard, (uri?: unknown, card?: unknown) =>
            updateStreamCard(client, uriOf(uri), uriOf(card))
        ),
        vscode.commands.registerCommand(Commands.measure, (uri?: unknown) => measure.run(uriOf(uri)))
    );
}

/** The .vstream file a card command is for: the one it was run on, or the active editor's. */
function streamFileOf(target: vscode.Uri | undefined): vscode.Uri | undefined {
    const active = vscode.window.activeTextEditor?.document;
    const uri = target ?? (active?.languageId === LANGUAGE_ID ? active.uri : undefined);
    if (!uri) {
        void vscode.window.showInformationMessage('Open a .vstream file to generate the stream card of its streams.');
    }
    return uri;
}

/** The cards of a file's streams, or undefined after saying why there are none. */
async function requestCards(
    client: BaseLanguageClient,
    uri: vscode.Uri,
    earlierCard?: StreamCardParams['earlierCard']
): Promise<StreamCardResult | undefined> {
    const params: StreamCardParams = { uri: uri.toString(), source: vscode.workspace.asRelativePath(uri), earlierCard };
    const result = await client.sendRequest(StreamCardMessages.card, params);
    if (!result.markdown) {
        void vscode.window.showWarningMessage(result.problem ?? 'No stream card could be generated.');
        return undefined;
    }
    return result;
}

/** "Value Stream: Generate Stream Card": the cards of a file's streams, as an unsaved Markdown document beside it. */
async function generateStreamCard(client: BaseLanguageClient, target: vscode.Uri | undefined): Promise<void> {
    const uri = streamFileOf(target);
    const result = uri && (await requestCards(client, uri));
    if (result) {
        const card = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
        await vscode.window.showTextDocument(card, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }
}

/**
 * "Value Stream: Update Stream Card File…": the cards generated again into a card file the teams
 * keep, carrying over what they wrote and ticked. The file is changed as an edit, unsaved, so the
 * change can be read (and undone) before it is saved.
 */
async function updateStreamCard(
    client: BaseLanguageClient,
    target: vscode.Uri | undefined,
    chosenCard: vscode.Uri | undefined
): Promise<void> {
    const uri = streamFileOf(target);
    const cardFile =
        uri &&
        (chosenCard ??
            (
                await vscode.window.showOpenDialog({
                    title: 'The stream card to update',
                    openLabel: 'Update This Card',
                    defaultUri: vscode.Uri.joinPath(uri, '..'),
                    filters: { Markdown: ['md', 'markdown'] }
                })
            )?.[0]);
    if (!uri || !cardFile) {
        return;
    }
    const card = await vscode.workspace.openTextDocument(cardFile);
    const earlier = card.getText();
    const result = await requestCards(client, uri, { name: vscode.workspace.asRelativePath(cardFile), text: earlier });
    if (!result) {
        return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(card.uri, new vscode.Range(card.positionAt(0), card.positionAt(earlier.length)), result.markdown!);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(card, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    void vscode.window.showInformationMessage(
        `Stream card updated from the map (${result.kept ?? 'nothing written by people to keep'}). Review it, then save.`
    );
}

/**
 * `vstream.openOnStartup` names a file of the workspace to open with its map beside it when the
 * window starts (`npm start` sets it for the examples).
 */
export async function openOnStartup(): Promise<void> {
    const file = vscode.workspace.getConfiguration(LANGUAGE_ID).get<string>('openOnStartup');
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!file || !folder) {
        return;
    }
    const uri = vscode.Uri.joinPath(folder.uri, file);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand(Commands.openPreviewToSide, uri);
}

/** "Value Stream: New Stream": an untitled stream from the identification-card snippet. */
async function newStream(): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.insertSnippet(new vscode.SnippetString(snippets.Stream.body.join('\n')));
}

interface FigureItem extends vscode.QuickPickItem {
    range?: FigureRow['range'];
}

/** The findings lens: the stream's figures, then its findings, as the server wrote them; picking a finding reveals it. */
async function showStreamFigures(argument: StreamFiguresArgument): Promise<void> {
    const items: FigureItem[] = argument.rows.map(row =>
        row.heading
            ? { label: row.label, kind: vscode.QuickPickItemKind.Separator }
            : { label: row.label, description: row.description, range: row.range }
    );
    const picked = await vscode.window.showQuickPick(items, {
        title: `${argument.title}: figures and findings`,
        matchOnDescription: true
    });
    if (picked?.range) {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(argument.uri));
        const { start, end } = picked.range;
        await vscode.window.showTextDocument(document, {
            selection: new vscode.Range(start.line, start.character, end.line, end.character)
        });
    }
}
