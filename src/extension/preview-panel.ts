/**
 * One preview panel: a page showing the map of a document, locked to it or following the
 * active editor. It passes the server's pictures to its page, at most two at a time: while the
 * page is drawing those, what changes gathers (PageBacklog), and the page is sent the newest once
 * it has shown one, so fast typing never builds a queue.
 */
import * as vscode from 'vscode';
import type { FromWebview, LayoutChoice, RangeTuple, ToWebview } from '../protocol.js';
import { PageBacklog, type DocumentPicture } from './document-picture.js';

/** What a preview page keeps across a reload of the window (the page's own state, which it saves). */
export interface PreviewState {
    uri: string;
    locked?: boolean;
}

/** What a panel asks of whoever manages the previews. */
export interface PreviewHost {
    pictureOf(uri: vscode.Uri): DocumentPicture;
    exportMap(preview: PreviewPanel, format: 'svg' | 'png'): Promise<void>;
    /** The layout the menu shows for a document, and the one it chose. */
    layoutOf(uri: vscode.Uri): LayoutChoice;
    chooseLayout(uri: vscode.Uri, layout: LayoutChoice): void;
}

/**
 * Updates a page may hold at once. Each keystroke brings two (the map, then its forecast); with
 * one at a time, the next keystroke's map waited for the page to confirm the forecast, a round
 * trip through the editor (50–350 ms measured in code-server).
 */
const UPDATES_IN_FLIGHT = 2;

export class PreviewPanel {
    private readonly backlog = new PageBacklog();
    /** The page has said it is ready. */
    private pageReady = false;
    /** Updates sent that the page has not yet shown. */
    private inFlight = 0;
    private rasterRequests = 0;
    private readonly pendingRasters = new Map<number, (dataUrl?: string) => void>();

    constructor(
        readonly panel: vscode.WebviewPanel,
        public uri: vscode.Uri,
        public locked: boolean,
        private readonly host: PreviewHost
    ) {
        panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message));
        this.retitle();
    }

    post(message: ToWebview): void {
        void this.panel.webview.postMessage(message);
    }

    /** The server changed this panel's picture: the page is sent the change, or it waits with the others. */
    changed(update: Parameters<PageBacklog['add']>[0]): void {
        this.backlog.add(update);
        this.flush();
    }

    /** Shows another document (a dynamic preview following the editor): the page starts afresh. */
    follow(uri: vscode.Uri): void {
        this.uri = uri;
        this.retitle();
        this.restartPage();
    }

    setLocked(locked: boolean): void {
        this.locked = locked;
        this.retitle();
        this.post({ type: 'showing', uri: this.uri.toString(), locked, layout: this.host.layoutOf(this.uri) });
    }

    private retitle(): void {
        const name = this.uri.path.split('/').pop() ?? this.uri.path;
        // As VS Code's Markdown preview names its own: a locked preview's name is in brackets.
        this.panel.title = this.locked ? `[Preview] ${name}` : `Preview ${name}`;
    }

    private restartPage(): void {
        this.backlog.restart();
        this.post({
            type: 'showing',
            uri: this.uri.toString(),
            locked: this.locked,
            layout: this.host.layoutOf(this.uri)
        });
        this.flush();
    }

    private flush(): void {
        const picture = this.host.pictureOf(this.uri);
        if (!this.pageReady || this.inFlight >= UPDATES_IN_FLIGHT || this.backlog.empty || !picture.known) {
            return;
        }
        this.inFlight++;
        this.post({ type: 'update', update: picture.updateFor(this.uri.toString(), this.backlog) });
        this.backlog.clear();
    }

    private async receive(message: FromWebview): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.pageReady = true;
                this.inFlight = 0;
                this.restartPage();
                break;
            case 'shown':
                this.inFlight = Math.max(0, this.inFlight - 1);
                this.flush();
                break;
            case 'reveal':
                await selectSource(this.uri, message.range, this.panel.viewColumn);
                break;
            case 'export':
                await this.host.exportMap(this, message.format);
                break;
            case 'layout':
                this.host.chooseLayout(this.uri, message.layout);
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

/**
 * Selects the declaration of what was picked on the map, the cursor at its start (where the
 * highlight on the map follows it), in the editor that shows the document or beside the preview.
 */
async function selectSource(
    uri: vscode.Uri,
    [startLine, startCharacter, endLine, endCharacter]: RangeTuple,
    previewColumn: vscode.ViewColumn | undefined
): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
    const column =
        visible?.viewColumn ??
        (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
    editor.selection = new vscode.Selection(endLine, endCharacter, startLine, startCharacter);
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
