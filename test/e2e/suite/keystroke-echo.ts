/**
 * The editor's own path from a keystroke to a webview, with nothing of vstream on it: a panel
 * that shows the version of the last text change, posted by the extension host the moment the
 * change arrives. The latency scenario times a key until this page shows it, beside the time
 * until vstream's map shows it: the floor any extension's preview stands on in this editor.
 */
import * as vscode from 'vscode';
import { ECHO_COMMAND } from './keystroke-echo-command.js';

const PAGE = `<!DOCTYPE html><html><body><p id="echo">no change yet</p><script>
addEventListener('message', event => {
    if (event.data && event.data.type === 'update') {
        document.getElementById('echo').textContent = 'version ' + event.data.version;
    }
});
</script></body></html>`;

/** The command opens the echo beside the active editor, and closes it when it is open. */
export function registerKeystrokeEcho(context: vscode.ExtensionContext): void {
    let open: vscode.WebviewPanel | undefined;
    context.subscriptions.push(
        vscode.commands.registerCommand(ECHO_COMMAND, () => {
            if (open) {
                open.dispose();
                return;
            }
            const panel = vscode.window.createWebviewPanel(
                'vstreamChecks.echo',
                'Keystroke echo',
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
                { enableScripts: true }
            );
            panel.webview.html = PAGE;
            const listener = vscode.workspace.onDidChangeTextDocument(change => {
                if (change.contentChanges.length > 0) {
                    void panel.webview.postMessage({ type: 'update', version: change.document.version });
                }
            });
            open = panel;
            panel.onDidDispose(() => {
                listener.dispose();
                open = undefined;
            });
        })
    );
}
