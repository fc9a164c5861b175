/**
 * `--watch`: a command runs, then runs again whenever a .vstream file under its paths, or a file
 * it names (a Markdown document given to render), changes,
 * until Ctrl+C. A broken file prints its diagnostics and the watch goes on; only Ctrl+C ends it,
 * with status 0. Each run is framed by a line with the time, which a VS Code background task
 * reads as its beginning and end.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { failureMessage, InputError, isFolder } from './workspace.js';

/** Saving a file often writes it several times in a row: one run for them all. */
const SETTLE_MS = 100;

interface WatchedFolder {
    folder: string;
    recursive: boolean;
    /** The file named in this folder, watched whatever its kind. */
    named?: string;
}

export function watchAndRun(
    command: string,
    paths: string[],
    run: () => Promise<number>,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<number> {
    const watchers = foldersOf(paths).map(folder => watchFolder(folder, changed));
    let timer: NodeJS.Timeout | undefined;
    let running = runOnce(command, run, out, warn);
    function changed(): void {
        clearTimeout(timer);
        timer = setTimeout(() => {
            running = running.then(() => runOnce(command, run, out, warn));
        }, SETTLE_MS);
    }
    return new Promise(stopped => {
        process.once('SIGINT', () => {
            clearTimeout(timer);
            watchers.forEach(watcher => watcher.close());
            void running.then(() => stopped(0));
        });
    });
}

/** A file's folder (its siblings make its catalogue), or a folder and everything under it. */
function foldersOf(paths: string[]): WatchedFolder[] {
    return paths.map(path => {
        if (path === '-') {
            throw new InputError('--watch reads files, not standard input');
        }
        const absolute = resolve(path);
        return isFolder(path)
            ? { folder: absolute, recursive: true }
            : { folder: dirname(absolute), recursive: false, named: basename(absolute) };
    });
}

function watchFolder({ folder, recursive, named }: WatchedFolder, changed: () => void): FSWatcher {
    try {
        return watch(folder, { recursive }, (_event, name) => {
            // Some platforms do not say which file changed.
            if (name === null || extname(name) === '.vstream' || name === named) {
                changed();
            }
        });
    } catch (error) {
        throw new InputError(`cannot watch '${folder}': ${error instanceof Error ? error.message : String(error)}`);
    }
}

async function runOnce(
    command: string,
    run: () => Promise<number>,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<void> {
    out(`[${clock()}] vstream ${command}\n`);
    try {
        await run();
    } catch (error) {
        warn(`vstream: ${failureMessage(error)}\n`);
    }
    out(`[${clock()}] watching for changes (Ctrl+C to stop)\n`);
}

function clock(): string {
    return new Date().toTimeString().slice(0, 8);
}
