/**
 * The preview panels, as VS Code's Markdown preview has them: one dynamic preview that follows
 * whichever .vstream editor is in front, and locked previews that each keep their document. The
 * extension host only routes: it tells the language server which documents to follow, keeps
 * each document's picture and passes what changed to the pages, selects in the text what was
 * picked on the map, highlights on the map what is under the cursor, and saves exports where
 * the user chooses.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewMessages, type LayoutChoice, type PreviewLayout, type RenderParams } from '../protocol.js';
import { LANGUAGE_ID } from './client-options.js';
import { DocumentPicture } from './document-picture.js';
import { previewHtml } from './preview-html.js';
import { PreviewPanel, type PreviewHost, type PreviewState } from './preview-panel.js';

export const PREVIEW_VIEW_TYPE = 'vstream.preview';
/** True while a vstream preview is the active panel: the lock toggle applies to it. */
const PREVIEW_FOCUS_CONTEXT = 'vstreamPreviewFocus';

export class PreviewManager implements vscode.WebviewPanelSerializer<PreviewState>, PreviewHost {
    private readonly previews = new Set<PreviewPanel>();
    /** The picture of each document some preview shows. */
    private readonly pictures = new Map<string, DocumentPicture>();
    private activePreview?: PreviewPanel;
    /** The layout each document is shown in where the preview's menu chose one over the file's. */
    private readonly layouts = new Map<string, PreviewLayout>();

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: BaseLanguageClient
    ) {
        context.subscriptions.push(
            client.onNotification(PreviewMessages.update, update => {
                this.pictures.get(update.uri)?.apply(update);
                this.previewsOf(update.uri).forEach(preview => preview.changed(update));
            }),
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
            vscode.window.onDidChangeTextEditorSelection(event => this.highlight(event.textEditor)),
            vscode.window.onDidChangeActiveTextEditor(editor => this.followEditor(editor))
        );
    }

    /** "Open Preview" and "Open Preview to the Side": the dynamic preview, showing this document. */
    async openDynamic(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
        const target = this.targetOf(uri);
        const dynamic = [...this.previews].find(preview => !preview.locked);
        if (!target) {
            return;
        }
        if (dynamic) {
            this.show(dynamic, target);
            dynamic.panel.reveal(undefined, true);
        } else {
            this.create(target, false, toSide);
        }
    }

    /** "Open Locked Preview to the Side": a preview that keeps this document whatever editor is in front. */
    async openLocked(uri: vscode.Uri | undefined): Promise<void> {
        const target = this.targetOf(uri);
        const existing = [...this.previews].find(
            preview => preview.locked && preview.uri.toString() === target?.toString()
        );
        if (existing) {
            existing.panel.reveal(undefined, true);
        } else if (target) {
            this.create(target, true, true);
        }
    }

    /** "Toggle Preview Lock" on the active preview; a preview unlocked replaces the dynamic one there was. */
    toggleLock(): void {
        const preview = this.activePreview;
        if (!preview) {
            return;
        }
        if (preview.locked) {
            [...this.previews].find(other => !other.locked)?.panel.dispose();
        }
        preview.setLocked(!preview.locked);
    }

    /** Restores a preview after a reload of the window: locked as it was, or the dynamic one if there is none yet. */
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
        if (!state?.uri) {
            panel.dispose();
            return;
        }
        const locked = state.locked === true || [...this.previews].some(preview => !preview.locked);
        panel.webview.options = this.options();
        this.attach(panel, vscode.Uri.parse(state.uri), locked);
    }

    layoutOf(uri: vscode.Uri): LayoutChoice {
        return this.layouts.get(uri.toString()) ?? 'file';
    }

    /** The menu chose a layout for a document: the server draws it so, in every preview of it. */
    chooseLayout(uri: vscode.Uri, layout: LayoutChoice): void {
        const key = uri.toString();
        if (layout === 'file') {
            this.layouts.delete(key);
        } else {
            this.layouts.set(key, layout);
        }
        void this.client.sendNotification(PreviewMessages.layout, { uri: key, layout: this.layouts.get(key) });
    }

    pictureOf(uri: vscode.Uri): DocumentPicture {
        return this.pictures.get(uri.toString()) ?? new DocumentPicture();
    }

    private targetOf(uri: vscode.Uri | undefined): vscode.Uri | undefined {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!target) {
            void vscode.window.showInformationMessage('Open a .vstream file to preview its map.');
        }
        return target;
    }

    private create(uri: vscode.Uri, locked: boolean, toSide: boolean): void {
        const column = toSide
            ? vscode.ViewColumn.Beside
            : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
        const panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            'Preview',
            { viewColumn: column, preserveFocus: toSide },
            this.options()
        );
        this.attach(panel, uri, locked);
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

    private attach(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): void {
        panel.webview.html = previewHtml(panel.webview, this.context.extensionUri, (base, ...segments) =>
            vscode.Uri.joinPath(base, ...segments)
        );
        panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'vstream-icon.svg');
        const preview = new PreviewPanel(panel, uri, locked, this);
        this.previews.add(preview);
        this.follow(uri);
        panel.onDidChangeViewState(({ webviewPanel }) => {
            if (webviewPanel.active) {
                this.activePreview = preview;
            } else if (this.activePreview === preview) {
                this.activePreview = undefined;
            }
            void vscode.commands.executeCommand('setContext', PREVIEW_FOCUS_CONTEXT, this.activePreview !== undefined);
        });
        panel.onDidDispose(() => {
            this.previews.delete(preview);
            this.unfollow(preview.uri);
            if (this.activePreview === preview) {
                this.activePreview = undefined;
                void vscode.commands.executeCommand('setContext', PREVIEW_FOCUS_CONTEXT, false);
            }
        });
        this.highlightFor(preview);
    }

    /** The dynamic preview shows the .vstream document now in front; other editors leave it as it is. */
    private followEditor(editor: vscode.TextEditor | undefined): void {
        const dynamic = [...this.previews].find(preview => !preview.locked);
        if (dynamic && editor?.document.languageId === LANGUAGE_ID) {
            this.show(dynamic, editor.document.uri);
        }
    }

    private show(preview: PreviewPanel, uri: vscode.Uri): void {
        if (preview.uri.toString() === uri.toString()) {
            return;
        }
        const previous = preview.uri;
        this.follow(uri);
        preview.follow(uri);
        this.unfollow(previous);
        this.highlightFor(preview);
    }

    /** A preview of `uri` opened: the server follows the document (once, however many previews show it). */
    private follow(uri: vscode.Uri): void {
        const key = uri.toString();
        if (!this.pictures.has(key)) {
            this.pictures.set(key, new DocumentPicture());
        }
        void this.client.sendNotification(PreviewMessages.open, { uri: key });
        if (this.layouts.has(key)) {
            void this.client.sendNotification(PreviewMessages.layout, { uri: key, layout: this.layouts.get(key) });
        }
    }

    private unfollow(uri: vscode.Uri): void {
        const key = uri.toString();
        if (this.previewsOf(key).length === 0) {
            this.pictures.delete(key);
        }
        void this.client.sendNotification(PreviewMessages.close, { uri: key });
    }

    private previewsOf(uri: string): PreviewPanel[] {
        return [...this.previews].filter(preview => preview.uri.toString() === uri);
    }

    /** The element under the cursor is highlighted on the map, and stays so while the map changes. */
    private highlight(editor: vscode.TextEditor): void {
        const { line, character } = editor.selection.active;
        this.previewsOf(editor.document.uri.toString()).forEach(preview =>
            preview.post({ type: 'highlight', line, character })
        );
    }

    private highlightFor(preview: PreviewPanel): void {
        const editor = vscode.window.visibleTextEditors.find(
            visible => visible.document.uri.toString() === preview.uri.toString()
        );
        if (editor) {
            const { line, character } = editor.selection.active;
            preview.post({ type: 'highlight', line, character });
        }
    }

    /** Saves the map where the user chooses: SVG as a file would have it, PNG rasterised by the page. */
    async exportMap(preview: PreviewPanel, format: 'svg' | 'png'): Promise<void> {
        const dark = [vscode.ColorThemeKind.Dark, vscode.ColorThemeKind.HighContrast].includes(
            vscode.window.activeColorTheme.kind
        );
        const params: RenderParams = {
            uri: preview.uri.toString(),
            palette: dark ? 'dark' : 'light',
            layout: this.layouts.get(preview.uri.toString())
        };
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

    private async pngBytes(preview: PreviewPanel, svg: string): Promise<Uint8Array | undefined> {
        const dataUrl = await preview.rasterize(svg);
        const base64 = dataUrl?.replace(/^data:image\/png;base64,/, '');
        return base64 ? Uint8Array.from(atob(base64), character => character.charCodeAt(0)) : undefined;
    }
}
