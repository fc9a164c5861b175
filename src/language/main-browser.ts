/** The language server in a Web Worker, for VS Code for the web: nothing is read from disk. */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startVstreamServer } from './vstream-server.js';

/** The worker's global scope, which posts and receives the LSP messages. */
const worker = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

startVstreamServer(createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker)), EmptyFileSystem.fileSystemProvider);
