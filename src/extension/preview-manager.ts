/**
 * The preview panels: one per document, beside the text or in its place. The extension host
 * only routes: it tells the language server which documents to follow, passes pictures to the
 * page, reveals clicked elements in the text, highlights the element under the cursor and
 * saves exports where the user chooses.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
    PreviewMessages,
    type FromWebview,
    type PreviewUpdate,
    type RangeTuple,
    type RenderParams,
    type ToWebview
} from '../protocol.js';
import { previewHtml } from './preview-html.js';

export const PREVIEW_VIEW_TYPE = 'vstream.preview';

interface PreviewState {
    uri: string;
}

class Preview {
    private lastUpdate?: PreviewUpdate;
    /** Flow control: one picture on its way to the page at a time; newer ones replace the waiting one. */
    private awaitingShown = false;
    private waiting?: PreviewUpdate;
    private rasterRequests = 0;
    private readonly pendingRasters = new Map<number, (dataUrl?: string) => void>();

    constructor(
        readonly panel: vscode.WebviewPanel,
        readonly uri: vscode.Uri,
        private readonly manager: PreviewManager
    ) {
        panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message));
    }

    post(message: ToWebview): void {
        void this.panel.webview.postMessage(message);
    }

    /**
     * Latest wins: a picture of an older version never replaces a newer one, and while the page
     * is still drawing, only the newest picture waits, so fast typing never builds a backlog.
     */
    show(update: PreviewUpdate): void {
        if (this.lastUpdate && update.version < this.lastUpdate.version) {
            return;
        }
        this.lastUpdate = update;
        if (this.awaitingShown) {
            this.waiting = update;
            return;
        }
        this.send(update);
    }

    private send(update: PreviewUpdate): void {
        this.awaitingShown = true;
        this.waiting = undefined;
        this.post({ type: 'update', update });
    }

    private async receive(message: FromWebview): Promise<void> {
        switch (message.type) {
            case 'ready':
                if (this.lastUpdate) {
                    this.send(this.lastUpdate);
                }
                break;
            case 'shown':
                this.awaitingShown = false;
                if (this.waiting) {
                    this.send(this.waiting);
                }
                break;
            case 'reveal':
                await reveal(this.uri, message.range, this.panel.viewColumn);
                break;
            case 'export':
                await this.manager.exportMap(this, message.format);
                break;
            case 'rasterized':
                this.pendingRasters.get(message.requestId)?.(message.dataUrl);
                this.pendingRasters.delete(message.requestId);
                break;
        }
    }

    rasterize(svg: string): Promise<string | undefined> {
        const requestId = ++this.rasterRequests;
        return new Promise(resolve => {
            this.pendingRasters.set(requestId, resolve);
            this.post({ type: 'rasterize', svg, requestId });
        });
    }
}

async function reveal(
    uri: vscode.Uri,
    [startLine, startCharacter, endLine, endCharacter]: RangeTuple,
    previewColumn: vscode.ViewColumn | undefined
): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
    const column =
        visible?.viewColumn ??
        (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const selection = new vscode.Range(startLine, startCharacter, endLine, endCharacter);
    await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
}

export class PreviewManager implements vscode.WebviewPanelSerializer<PreviewState> {
    private readonly previews = new Set<Preview>();

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: BaseLanguageClient
    ) {
        context.subscriptions.push(
            client.onNotification(PreviewMessages.update, update => {
                for (const preview of this.previews) {
                    if (preview.uri.toString() === update.uri) {
                        preview.show(update);
                    }
                }
            }),
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
            vscode.window.onDidChangeTextEditorSelection(event => this.highlight(event.textEditor))
        );
    }

    /** Opens (or reveals) the preview of a document, beside the text or in its place. */
    async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!target) {
            void vscode.window.showInformationMessage('Open a .vstream file to preview its map.');
            return;
        }
        const existing = [...this.previews].find(preview => preview.uri.toString() === target.toString());
        if (existing) {
            existing.panel.reveal(undefined, true);
            return;
        }
        const column = toSide
            ? vscode.ViewColumn.Beside
            : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
        const panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            this.title(target),
            { viewColumn: column, preserveFocus: toSide },
            this.options()
        );
        this.attach(panel, target);
    }

    /** Restores a preview after a reload of the window. */
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
        if (!state?.uri) {
            panel.dispose();
            return;
        }
        panel.webview.options = this.options();
        this.attach(panel, vscode.Uri.parse(state.uri));
    }

    private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
        return {
            enableScripts: true,
            enableFindWidget: true,
            // The page loads only its own script and style sheet.
            localResourceRoots: [
                vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview'),
                vscode.Uri.joinPath(this.context.extensionUri, 'media')
            ]
        };
    }

    private title(uri: vscode.Uri): string {
        return `Map: ${uri.path.split('/').pop() ?? uri.path}`;
    }

    private attach(panel: vscode.WebviewPanel, uri: vscode.Uri): void {
        panel.webview.html = previewHtml(panel.webview, this.context.extensionUri, (base, ...segments) =>
            vscode.Uri.joinPath(base, ...segments)
        );
        panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'vstream-icon.svg');
        const preview = new Preview(panel, uri, this);
        this.previews.add(preview);
        void this.client.sendNotification(PreviewMessages.open, { uri: uri.toString() });
        panel.onDidDispose(() => {
            this.previews.delete(preview);
            void this.client.sendNotification(PreviewMessages.close, { uri: uri.toString() });
        });
    }

    private highlight(editor: vscode.TextEditor): void {
        const position = editor.selection.active;
        for (const preview of this.previews) {
            if (preview.uri.toString() === editor.document.uri.toString()) {
                preview.post({ type: 'highlight', line: position.line, character: position.character });
            }
        }
    }

    /** Saves the map where the user chooses: SVG as a file would have it, PNG rasterised by the page. */
    async exportMap(preview: Preview, format: 'svg' | 'png'): Promise<void> {
        const dark = [vscode.ColorThemeKind.Dark, vscode.ColorThemeKind.HighContrast].includes(
            vscode.window.activeColorTheme.kind
        );
        const params: RenderParams = { uri: preview.uri.toString(), palette: dark ? 'dark' : 'light' };
        const result = await this.client.sendRequest(PreviewMessages.render, params);
        if (!result.svg) {
            void vscode.window.showErrorMessage(
                `The map cannot be exported: ${result.problem ?? 'it could not be drawn'}`
            );
            return;
        }
        const base = preview.uri.path.replace(/\.vstream$/, '');
        const target = await vscode.window.showSaveDialog({
            defaultUri: preview.uri.with({ path: `${base}.${format}` }),
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            title: `Export the map as ${format.toUpperCase()}`
        });
        if (!target) {
            return;
        }
        const bytes =
            format === 'svg' ? new TextEncoder().encode(result.svg) : await this.pngBytes(preview, result.svg);
        if (!bytes) {
            void vscode.window.showErrorMessage('The map could not be turned into a PNG image.');
            return;
        }
        await vscode.workspace.fs.writeFile(target, bytes);
        void vscode.window.showInformationMessage(`Map saved to ${target.path.split('/').pop()}.`);
    }

    private async pngBytes(preview: Preview, svg: string): Promise<Uint8Array | undefined> {
        const dataUrl = await preview.rasterize(svg);
        const base64 = dataUrl?.replace(/^data:image\/png;base64,/, '');
        return base64 ? Uint8Array.from(atob(base64), character => character.charCodeAt(0)) : undefined;
    }
}
