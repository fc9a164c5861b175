/**
 * The language server as an editor runs it: a built bundle in its own process, spoken to over
 * stdio with JSON-RPC. The bench opens documents, types into them and reads the peak memory; the
 * fault tests delete files under it, flood it with edits and hand it files too large to read;
 * the CLI test starts it as `vstream lsp`, as Neovim or Helix would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
    createMessageConnection,
    StreamMessageReader,
    StreamMessageWriter,
    type MessageConnection,
    type NotificationType
} from 'vscode-jsonrpc/node';

export interface TextEdit {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    text: string;
}

export interface PublishedDiagnostics {
    uri: string;
    diagnostics: Array<{ code?: string | number; message: string; range: TextEdit['range'] }>;
}

/** How long a test waits for the server's diagnostics before it says what it waited for. */
export const DIAGNOSTICS_TIMEOUT = 20_000;

export class ServerSession {
    private readonly process: ChildProcess;
    private readonly connection: MessageConnection;
    private readonly waiting: Array<{
        uri: string;
        accept: (published: PublishedDiagnostics) => boolean;
        resolve: () => void;
    }> = [];
    private readonly publishCounts = new Map<string, number>();
    /** The diagnostics last published per document, to say what came instead when a wait fails. */
    private readonly lastPublished = new Map<string, PublishedDiagnostics>();

    /**
     * `args`: what Node runs, a built bundle and its arguments (`out/language/main.cjs --stdio`,
     * `out/cli/main.cjs lsp`); or, with `command`, that program's arguments (an installed
     * `vstream`, with `lsp`).
     */
    constructor(args: string[], command = process.execPath) {
        this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
        this.connection = createMessageConnection(
            new StreamMessageReader(this.process.stdout!),
            new StreamMessageWriter(this.process.stdin!)
        );
        this.connection.onNotification('textDocument/publishDiagnostics', (published: PublishedDiagnostics) => {
            this.lastPublished.set(published.uri, published);
            this.publishCounts.set(published.uri, this.publishedTimes(published.uri) + 1);
            for (const waiter of [...this.waiting]) {
                if (waiter.uri === published.uri && waiter.accept(published)) {
                    this.waiting.splice(this.waiting.indexOf(waiter), 1);
                    waiter.resolve();
                }
            }
        });
        this.connection.onRequest('workspace/configuration', () => [{}]);
        this.connection.listen();
    }

    /** How many times the server has published a document's diagnostics (once a build of it). */
    publishedTimes(uri: string): number {
        return this.publishCounts.get(uri) ?? 0;
    }

    /** `folder`: a workspace folder URI, whose .vstream files the server loads. */
    async initialize(folder?: string): Promise<void> {
        const workspaceFolders = folder ? [{ uri: folder, name: 'workspace' }] : null;
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: folder ?? null,
            capabilities: {},
            workspaceFolders
        });
        await this.connection.sendNotification('initialized', {});
    }

    /** The server's own messages (the preview's pictures, for one). */
    onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
        this.connection.onNotification(type, handler);
    }

    /** A notification of the protocol (typed), or of LSP by its method name. */
    notify<P>(type: NotificationType<P> | string, params: P): Promise<void> {
        return this.connection.sendNotification(typeof type === 'string' ? type : type.method, params);
    }

    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest<R>(method, params);
    }

    /** True while the server process runs. */
    get alive(): boolean {
        return this.process.exitCode === null && this.process.signalCode === null;
    }

    /**
     * Resolves when the server publishes diagnostics for `uri` that `accept` likes; `what` says
     * what that means, for the message when they do not come within `timeoutMs`.
     */
    diagnostics(
        uri: string,
        accept: (published: PublishedDiagnostics) => boolean,
        what = 'any diagnostics',
        timeoutMs = DIAGNOSTICS_TIMEOUT
    ): Promise<void> {
        return new Promise((resolveWait, reject) => {
            const waiter = {
                uri,
                accept,
                resolve: () => {
                    clearTimeout(timer);
                    resolveWait();
                }
            };
            const timer = setTimeout(() => {
                this.waiting.splice(this.waiting.indexOf(waiter), 1);
                const last = this.lastPublished.get(uri);
                const instead = last
                    ? `the last published had ${JSON.stringify(last.diagnostics.map(diagnostic => diagnostic.code))}`
                    : 'none were published';
                reject(new Error(`waited ${timeoutMs / 1000} s for ${what} of ${uri.split('/').pop()}: ${instead}`));
            }, timeoutMs);
            this.waiting.push(waiter);
        });
    }

    async open(
        uri: string,
        text: string,
        accept: (published: PublishedDiagnostics) => boolean = () => true,
        what = 'its first diagnostics'
    ): Promise<void> {
        const published = this.diagnostics(uri, accept, what);
        await this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'vstream', version: 1, text }
        });
        await published;
    }

    /** Applies one edit, as an editor sends it (the range and its new text), and resolves when diagnostics that `accept` likes arrive. */
    async change(
        uri: string,
        version: number,
        edit: TextEdit,
        accept: (published: PublishedDiagnostics) => boolean,
        what = 'the diagnostics of the changed text'
    ): Promise<void> {
        const published = this.diagnostics(uri, accept, what);
        await this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [edit]
        });
        await published;
    }

    /** The server process's peak resident memory, in MiB (Linux). */
    peakMemoryMiB(): number {
        const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
        const kiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
        return kiB / 1024;
    }

    /** Shuts the server down as an editor does, and resolves with its exit code; a server still running after 5 s is killed (null). */
    async stop(): Promise<number | null> {
        const exited = new Promise<number | null>(resolveExit => {
            if (!this.alive) {
                resolveExit(this.process.exitCode);
            }
            this.process.once('exit', code => resolveExit(code));
        });
        const timer = setTimeout(() => this.process.kill(), 5_000);
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
            return await exited;
        } finally {
            clearTimeout(timer);
            this.connection.dispose();
            this.process.kill();
        }
    }
}
