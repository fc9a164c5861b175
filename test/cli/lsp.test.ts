/**
 * `vstream lsp` as an editor other than VS Code runs it (Neovim's `cmd = { 'vstream', 'lsp' }`,
 * Helix's `command = "vstream"`, `args = ["lsp"]`): the built command in its own process, spoken
 * to over stdio, through a session from initialize to exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ServerSession, type PublishedDiagnostics } from '../server-session.js';

const CLI = resolve(__dirname, '../../out/cli/main.cjs');

/** Starting the server and building its workspace takes a few seconds on a loaded machine. */
const LSP_TIMEOUT = 60_000;

const codes = (published: PublishedDiagnostics) => published.diagnostics.map(diagnostic => diagnostic.code);

describe('vstream lsp', { timeout: LSP_TIMEOUT }, () => {
    it('serves a session as Neovim would: initialize, open, diagnostics, change, hover, shutdown, exit', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'vstream-lsp-'));
        writeFileSync(join(folder, 'teams.vstream'), 'team Ops "Operations"\n');
        const uri = pathToFileURL(join(folder, 'support.vstream')).toString();
        const text =
            'stream support { recipient "r" start "a" end "b"\n  step triage { owner Ops process 1h }\n  step solve { owner Nobody process 2h }\n  flow triage -> solve\n}\n';
        writeFileSync(join(folder, 'support.vstream'), text);

        const session = new ServerSession([CLI, 'lsp']);
        await session.initialize(pathToFileURL(folder).toString());
        let published: PublishedDiagnostics | undefined;
        await session.open(
            uri,
            text,
            diagnostics => {
                published = diagnostics;
                return codes(diagnostics).includes('unresolved-reference');
            },
            'unresolved-reference for Nobody'
        );
        // The shared catalogue of the workspace folder resolves Ops; only Nobody is unknown.
        expect(published!.diagnostics.filter(diagnostic => diagnostic.code === 'unresolved-reference')).toEqual([
            expect.objectContaining({ message: expect.stringContaining("Unknown team 'Nobody'") as unknown })
        ]);

        await session.change(
            uri,
            2,
            { range: { start: { line: 2, character: 21 }, end: { line: 2, character: 27 } }, text: 'Ops' },
            diagnostics => !codes(diagnostics).includes('unresolved-reference'),
            'the diagnostics once Nobody is Ops'
        );

        const hover = await session.request<{ contents: { kind: string; value: string } } | null>(
            'textDocument/hover',
            { textDocument: { uri }, position: { line: 1, character: 8 } }
        );
        expect(hover?.contents.kind).toBe('markdown');
        expect(hover?.contents.value).toContain('Operations');

        expect(await session.stop()).toBe(0);
    });

    it('writes nothing but the protocol to standard output, and takes the --stdio editors add', async () => {
        const server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const output: Buffer[] = [];
        server.stdout.on('data', (chunk: Buffer) => output.push(chunk));
        const message = (body: object) => {
            const json = JSON.stringify({ jsonrpc: '2.0', ...body });
            return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
        };
        server.stdin.write(
            message({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }) +
                message({ method: 'initialized', params: {} }) +
                message({ id: 2, method: 'shutdown', params: null })
        );
        // As an editor does: exit once the server has answered shutdown.
        await new Promise<void>(answered =>
            server.stdout.on('data', () => {
                if (Buffer.concat(output).toString('utf8').includes('"id":2')) {
                    answered();
                }
            })
        );
        server.stdin.write(message({ method: 'exit', params: null }));
        const code = await new Promise<number | null>(resolveExit => server.once('exit', resolveExit));
        expect(code).toBe(0);
        // Every byte belongs to a framed message.
        let rest = Buffer.concat(output).toString('utf8');
        const ids: unknown[] = [];
        while (rest.length > 0) {
            const header = /^Content-Length: (\d+)\r\n\r\n/.exec(rest);
            expect(header, `not a message: ${rest.slice(0, 80)}`).not.toBeNull();
            const body = rest.slice(header![0].length, header![0].length + Number(header![1]));
            ids.push((JSON.parse(body) as { id?: unknown }).id);
            rest = rest.slice(header![0].length + Number(header![1]));
        }
        expect(ids).toEqual(expect.arrayContaining([1, 2]));
    });

    it('takes no paths', () => {
        const result = spawn(process.execPath, [CLI, 'lsp', 'x.vstream'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const errors: Buffer[] = [];
        result.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
        return new Promise<void>(done =>
            result.once('exit', code => {
                expect(code).toBe(2);
                expect(Buffer.concat(errors).toString()).toContain('vstream lsp takes no paths');
                done();
            })
        );
    });
});
