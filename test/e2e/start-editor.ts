/**
 * `npm start`: the editor with the extension and the examples, from a fresh clone. It installs
 * code-server into a cache on first use, installs the packaged extension, and serves a VS Code
 * workbench on 127.0.0.1 with examples/ open and trusted, the first example open and its map
 * beside it. Ctrl+C stops everything it started. `--port N` chooses the port; `--dry-run` stops
 * as soon as the editor answers (CI uses it so the command cannot rot).
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installCodeServer, installExtension, packThisExtension, startCodeServer } from './code-server.js';
import { timedPhase } from './phase.js';

const root = resolve(__dirname, '../..');
const cache =
    process.env.VSTREAM_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vstream-e2e');
const DEFAULT_PORT = 8765;
const FIRST_EXAMPLE = 'customer-onboarding.vstream';

function parseArguments(argv: string[]): { port: number; dryRun: boolean } {
    const portIndex = argv.findIndex(argument => argument === '--port' || argument.startsWith('--port='));
    const portText =
        portIndex < 0 ? undefined : argv[portIndex].includes('=') ? argv[portIndex].split('=')[1] : argv[portIndex + 1];
    const port = portText === undefined ? DEFAULT_PORT : Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`--port takes a port number from 1 to 65535, not '${portText}'`);
    }
    return { port, dryRun: argv.includes('--dry-run') };
}

async function ensureFree(port: number): Promise<void> {
    await new Promise<void>((resolveFree, reject) => {
        const probe = createServer();
        probe.once('error', () =>
            reject(
                new Error(
                    `port ${port} on 127.0.0.1 is taken: stop what uses it, or choose another with \`npm start -- --port N\``
                )
            )
        );
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree()));
    });
}

async function main(): Promise<void> {
    const { port, dryRun } = parseArguments(process.argv.slice(2));
    await ensureFree(port);
    const vsix = packThisExtension();
    const installation = installCodeServer(cache);
    const extensions = mkdtempSync(join(tmpdir(), 'vstream-start-extensions-'));
    timedPhase('installing the packaged extension into the editor', () =>
        installExtension(installation, vsix, extensions)
    );
    const server = await startCodeServer(installation, {
        folder: resolve(root, 'examples'),
        extensionsFolder: extensions,
        port,
        outputFolder: resolve(root, 'test-output/start'),
        settings: { 'vstream.openOnStartup': FIRST_EXAMPLE }
    });
    const page = await fetch(server.url);
    if (!page.ok || !(await page.text()).includes('<html')) {
        await server.stop();
        throw new Error(`code-server answered ${page.status} at ${server.url}; see ${server.logFile}`);
    }
    if (dryRun) {
        console.log(`vstream: the editor answered at ${server.url}; stopping (--dry-run).`);
        await server.stop();
        return;
    }
    console.log(
        `\nvstream: the editor is ready at ${server.url}\n         examples/ is open, with ${FIRST_EXAMPLE} and its map. Ctrl+C stops it.\n`
    );
    const stop = async () => {
        console.log('\nvstream: stopping the editor…');
        await server.stop();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
}

main().catch(error => {
    console.error(`vstream: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
