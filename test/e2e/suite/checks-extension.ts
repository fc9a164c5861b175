/**
 * The extension-host checks as a tiny extension of their own, for editors that have no test
 * runner to launch them with (code-server): it runs the checks once the window has started and
 * writes what they printed to the file named by VSTREAM_CHECKS_RESULT. It also brings the
 * keystroke echo the latency scenario measures the editor's own path with.
 */
import { writeFileSync } from 'node:fs';
import type * as vscode from 'vscode';
import { run } from './extension-checks.js';
import { registerKeystrokeEcho } from './keystroke-echo.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    registerKeystrokeEcho(context);
    const target = process.env.VSTREAM_CHECKS_RESULT;
    if (!target) {
        return;
    }
    const lines: string[] = [];
    let passed = true;
    try {
        await run(line => lines.push(line));
    } catch {
        passed = false;
    }
    writeFileSync(target, JSON.stringify({ passed, lines }));
}
