/// <reference lib="webworker" />
/** The language server in a Web Worker, for VS Code for the web: the workspace's files are read through the editor. */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { ClientFileSystemProvider } from './client-file-system.js';
import { startVstreamServer } from './vstream-server.js';

/** The worker's global scope, which posts and receives the LSP messages. */
const worker = self as DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
startVstreamServer(connection, () => new ClientFileSystemProvider(connection));
