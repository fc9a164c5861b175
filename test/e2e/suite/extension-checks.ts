/**
 * Checks that run inside a real VS Code extension host: with @vscode/test-electron where VS
 * Code can be downloaded (`npm run test:electron`), and inside code-server by the real-editor
 * tests. No test framework is needed: `run` throws when a check fails, which fails the run.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'vstream.vstream';
const EXPECTED_CODES = [
    'handoff-without-owner',
    'step-without-owner',
    'invalid-percentage',
    'rework-without-rate',
    'handoff-carries-nothing'
];

async function until<T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs = 30_000
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

function fixture(name: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
        throw new Error('the tests need the fixture folder open');
    }
    return vscode.Uri.joinPath(folder.uri, name);
}

const checks: Array<[string, () => Promise<void>]> = [
    [
        'the extension activates on a .vstream file',
        async () => {
            const document = await vscode.workspace.openTextDocument(fixture('mistakes.vstream'));
            await vscode.window.showTextDocument(document);
            const extension = vscode.extensions.getExtension(EXTENSION_ID);
            await until('activation', () => (extension?.isActive ? true : undefined));
            if (document.languageId !== 'vstream') {
                throw new Error(`language is ${document.languageId}`);
            }
        }
    ],
    [
        'the fixture shows its diagnostics with their codes',
        async () => {
            const uri = fixture('mistakes.vstream');
            const codes = await until('diagnostics', () => {
                const found = vscode.languages
                    .getDiagnostics(uri)
                    .map(diagnostic =>
                        typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)
                    );
                return EXPECTED_CODES.every(code => found.includes(code)) ? found : undefined;
            });
            if (codes.includes('unresolved-reference')) {
                throw new Error('the shared teams of teams.vstream did not resolve');
            }
        }
    ],
    [
        'the commands are registered',
        async () => {
            const commands = await vscode.commands.getCommands(true);
            for (const command of ['vstream.newStream', 'vstream.showStreamFigures']) {
                if (!commands.includes(command)) {
                    throw new Error(`${command} is not registered`);
                }
            }
        }
    ],
    [
        'a code lens shows the stream figures',
        async () => {
            const lenses = await until('code lenses', async () => {
                const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
                    'vscode.executeCodeLensProvider',
                    fixture('mistakes.vstream')
                );
                return found && found.length > 0 ? found : undefined;
            });
            if (!lenses[0].command?.title.startsWith('lead time')) {
                throw new Error(`unexpected code lens: ${lenses[0].command?.title}`);
            }
        }
    ],
    [
        'hovering a step shows its figures',
        async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
                'vscode.executeHoverProvider',
                fixture('mistakes.vstream'),
                new vscode.Position(8, 11)
            );
            const text = hovers
                .flatMap(hover =>
                    hover.contents.map(content => (typeof content === 'string' ? content : content.value))
                )
                .join('\n');
            if (!text.includes('step `pack`')) {
                throw new Error(`unexpected hover: ${text}`);
            }
        }
    ]
];

export async function run(log: (line: string) => void = line => console.log(line)): Promise<void> {
    const failures: string[] = [];
    for (const [name, check] of checks) {
        try {
            await check();
            log(`✓ ${name}`);
        } catch (error) {
            failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
            log(`✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    log(`${checks.length - failures.length} passed, ${failures.length} failed`);
    if (failures.length > 0) {
        throw new Error(failures.join('\n'));
    }
}
