/** The language server as a Node process, started by the desktop extension. */
import '../runtime-support.js';
import { startNodeServer } from './node-server.js';

startNodeServer();
