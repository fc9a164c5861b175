/**
 * The language server in a Node process: for the desktop extension (IPC or stdio) and `vstream
 * lsp` (stdio). It measures tracker histories with DuckDB, loaded only when asked to measure.
 */
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { measure } from '../measure/measure.js';
import { startVstreamServer } from './vstream-server.js';

/**
 * Connects over what the command line names (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=P`).
 * With `--stdio`, vscode-languageserver sends `console` output to the client's log, so that
 * nothing but the protocol reaches standard output.
 */
export function startNodeServer(): void {
    startVstreamServer(createConnection(ProposedFeatures.all), NodeFileSystem.fileSystemProvider, measure);
}
