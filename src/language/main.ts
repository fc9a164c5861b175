/** The language server as a Node process, started by the desktop extension. */
import '../runtime-support.js';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startVstreamServer } from './vstream-server.js';

startVstreamServer(createConnection(ProposedFeatures.all), NodeFileSystem.fileSystemProvider);
