/**
 * The language server bundle for VS Code for the web, run as a real Web Worker in headless
 * Chromium: it answers `initialize`, publishes diagnostics for an opened document, and reads the
 * workspace's other files through the client (it has no disk), so a shared catalogue resolves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_START_TIMEOUT, BROWSER_TEST_TIMEOUT, launchChromium } from './chromium.js';

const WORKER_BUNDLE = resolve(__dirname, '../../out/language/main-browser.js');

let browser: Browser;

beforeAll(async () => {
    if (!existsSync(WORKER_BUNDLE)) {
        throw new Error(`${WORKER_BUNDLE} is missing: run \`npm run build\` first (npm test does)`);
    }
    browser = await launchChromium();
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
    await browser?.close();
});

describe('the web worker language server', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    it('initialises and publishes diagnostics with their codes', async () => {
        const page = await browser.newPage();
        const result = await page.evaluate(
            async source => {
                const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
                const received: Array<{
                    id?: number;
                    method?: string;
                    params?: { diagnostics?: Array<{ code: string }> };
                    result?: { capabilities: Record<string, unknown> };
                }> = [];
                const next = (match: (message: (typeof received)[number]) => boolean, what: string) =>
                    new Promise<(typeof received)[number]>((resolveMessage, reject) => {
                        const timer = setTimeout(
                            () =>
                                reject(
                                    new Error(
                                        `waited 30 s for ${what} from the worker; it sent ${JSON.stringify(received.map(message => message.method ?? `the answer to ${message.id}`))}`
                                    )
                                ),
                            30_000
                        );
                        const check = () => {
                            const found = received.find(match);
                            if (found) {
                                clearTimeout(timer);
                                resolveMessage(found);
                            } else {
                                setTimeout(check, 20);
                            }
                        };
                        check();
                    });
                worker.onmessage = (event: MessageEvent<(typeof received)[number]>) => received.push(event.data);
                worker.postMessage({
                    jsonrpc: '2.0',
                    id: 1,
                    method: 'initialize',
                    params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null }
                });
                const initialized = await next(message => message.id === 1, 'the answer to initialize');
                worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
                worker.postMessage({
                    jsonrpc: '2.0',
                    method: 'textDocument/didOpen',
                    params: {
                        textDocument: {
                            uri: 'vscode-vfs://github/team/maps/orders.vstream',
                            languageId: 'vstream',
                            version: 1,
                            text: 'stream s {\n  step a { process 1h }\n}\n'
                        }
                    }
                });
                const published = await next(
                    message => message.method === 'textDocument/publishDiagnostics',
                    'the diagnostics of orders.vstream'
                );
                worker.terminate();
                return {
                    capabilities: Object.keys(initialized.result?.capabilities ?? {}),
                    codes: (published.params?.diagnostics ?? []).map(diagnostic => diagnostic.code)
                };
            },
            readFileSync(WORKER_BUNDLE, 'utf8')
        );
        expect(result.capabilities).toEqual(
            expect.arrayContaining([
                'hoverProvider',
                'completionProvider',
                'codeActionProvider',
                'codeLensProvider',
                'documentFormattingProvider',
                'renameProvider'
            ])
        );
        expect(result.codes).toEqual(expect.arrayContaining(['step-without-owner', 'missing-identification']));
    });

    it('reads the workspace through the client, so that teams declared in another file resolve', async () => {
        const page = await browser.newPage();
        const result = await page.evaluate(
            async source => {
                const files: Record<string, string> = {
                    'vscode-vfs://github/team/maps/teams.vstream': 'team Sales "Sales"\nteam Ops "Operations"\n',
                    'vscode-vfs://github/team/maps/orders.vstream':
                        'stream orders { recipient "r" start "a" end "b"\n  step take { owner Sales process 1h }\n  step ship { owner Ops process 2h }\n  handoff take -> ship { carries "order" owner Sales }\n}\n'
                };
                const folder = 'vscode-vfs://github/team/maps';
                const asked: string[] = [];
                const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
                type Message = {
                    id?: number;
                    method?: string;
                    params?: { uri?: string; diagnostics?: Array<{ code: string }> };
                };
                const published = new Promise<Message>((resolvePublished, reject) => {
                    const timer = setTimeout(
                        () =>
                            reject(
                                new Error(
                                    `waited 30 s for the diagnostics of orders.vstream; the server asked for ${JSON.stringify(asked)}`
                                )
                            ),
                        30_000
                    );
                    worker.onmessage = ({ data }: { data: Message }) => {
                        const answer = (result: unknown) => worker.postMessage({ jsonrpc: '2.0', id: data.id, result });
                        if (data.method === 'vstream/workspace/readDirectory') {
                            asked.push(`${data.method} ${data.params!.uri}`);
                            answer(Object.keys(files).map(uri => ({ uri, isFile: true, isDirectory: false })));
                        } else if (data.method === 'vstream/workspace/readFile') {
                            asked.push(`${data.method} ${data.params!.uri}`);
                            answer(files[data.params!.uri!]);
                        } else if (data.method === 'vstream/workspace/stat') {
                            answer({ uri: data.params!.uri, isFile: true, isDirectory: false });
                        } else if (data.method !== undefined && data.id !== undefined) {
                            answer(data.method === 'workspace/configuration' ? [{}] : null);
                        } else if (
                            data.method === 'textDocument/publishDiagnostics' &&
                            data.params!.uri!.endsWith('orders.vstream')
                        ) {
                            clearTimeout(timer);
                            resolvePublished(data);
                        }
                    };
                });
                worker.postMessage({
                    jsonrpc: '2.0',
                    id: 1,
                    method: 'initialize',
                    params: {
                        processId: null,
                        rootUri: folder,
                        capabilities: {},
                        workspaceFolders: [{ uri: folder, name: 'maps' }]
                    }
                });
                worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
                worker.postMessage({
                    jsonrpc: '2.0',
                    method: 'textDocument/didOpen',
                    params: {
                        textDocument: {
                            uri: `${folder}/orders.vstream`,
                            languageId: 'vstream',
                            version: 1,
                            text: files[`${folder}/orders.vstream`]
                        }
                    }
                });
                const diagnostics = (await published).params!.diagnostics!.map(diagnostic => diagnostic.code);
                worker.terminate();
                return { diagnostics, asked };
            },
            readFileSync(WORKER_BUNDLE, 'utf8')
        );
        expect(result.asked).toContain('vstream/workspace/readDirectory vscode-vfs://github/team/maps');
        expect(result.asked).toContain('vstream/workspace/readFile vscode-vfs://github/team/maps/teams.vstream');
        expect(result.diagnostics).not.toContain('unresolved-reference');
    });
});
