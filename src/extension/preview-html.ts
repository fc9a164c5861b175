/** The preview page: a strict Content-Security-Policy, one nonce'd script, resources only from the extension. */
import type * as vscode from 'vscode';

export function nonce(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from({ length: 32 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

export function previewHtml(
    webview: vscode.Webview,
    extensionUri: vscode.Uri,
    joinPath: (base: vscode.Uri, ...segments: string[]) => vscode.Uri
): string {
    const scriptNonce = nonce();
    const script = webview.asWebviewUri(joinPath(extensionUri, 'out', 'webview', 'preview.js')).toString();
    const style = webview.asWebviewUri(joinPath(extensionUri, 'media', 'preview.css')).toString();
    const csp = [
        "default-src 'none'",
        `img-src ${webview.cspSource} data: blob:`,
        `style-src ${webview.cspSource} 'nonce-${scriptNonce}'`,
        `script-src 'nonce-${scriptNonce}'`,
        `font-src ${webview.cspSource}`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Value stream preview</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Map">
    <button type="button" data-action="zoom-out" title="Zoom out (Ctrl+-)" aria-label="Zoom out">−</button>
    <span class="zoom" aria-live="polite">100%</span>
    <button type="button" data-action="zoom-in" title="Zoom in (Ctrl+=)" aria-label="Zoom in">+</button>
    <button type="button" data-action="fit" title="Fit to width">Fit width</button>
    <select class="layout" data-action="layout" title="Layout of the map (the file's own, or one for viewing)" aria-label="Layout">
        <option value="file">Layout: as the file says</option>
        <option value="lanes">Layout: lanes</option>
        <option value="classic">Layout: classic</option>
    </select>
    <span class="spacer"></span>
    <button type="button" data-action="export-svg" title="Save the map as SVG">Export SVG</button>
    <button type="button" data-action="export-png" title="Save the map as PNG">Export PNG</button>
</div>
<div class="banner" role="alert" hidden></div>
<div class="viewport" tabindex="0" aria-label="Value stream map"><div class="map"><div class="picture"><p class="placeholder">Drawing the map…</p></div></div></div>
<div class="panels"></div>
<script nonce="${scriptNonce}" src="${script}"></script>
</body>
</html>`;
}
