/**
 * Finds the .vstream files a command is about, loads them with their sibling files (so a
 * shared team catalogue resolves), and builds them with the language's services.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { URI, type LangiumDocument } from 'langium';
import type { Document } from '../language/generated/ast.js';
import { createVstreamCoreServices, type VstreamServices } from '../language/vstream-module.js';
import { MeasureAbortError, MeasureInputError } from '../measure/measure-model.js';

/** Bad input the user can fix: reported as one line, with exit status 2. */
export class InputError extends Error {}

/** What went wrong, for one line on standard error: the user's mistake as it is, anything else as an internal error. */
export function failureMessage(error: unknown): string {
    if (error instanceof MeasureAbortError) {
        return 'stopped (Ctrl+C) before the measurement was done; nothing was written';
    }
    return error instanceof InputError || error instanceof MeasureInputError
        ? error.message
        : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** 130 for a measurement stopped by Ctrl+C, as shells report an interrupted command; 2 for anything else. */
export function failureExitStatus(error: unknown): number {
    return error instanceof MeasureAbortError ? 130 : 2;
}

export interface ReportedFile {
    /** The path as the user would write it: the argument itself, or the folder argument joined with the file's place under it. */
    displayPath: string;
    document: LangiumDocument<Document>;
}

export interface LoadedWorkspace {
    services: VstreamServices;
    files: ReportedFile[];
}

const EXTENSION = '.vstream';

/** `-` as a path: the text of standard input, read as a file in the current folder so that its catalogue resolves. */
const STANDARD_INPUT = '-';
const STANDARD_INPUT_NAME = '<stdin>.vstream';

/**
 * `texts` gives some files (by absolute path) a text other than what the disk holds: another
 * version of the file, read among its folder's files as they are.
 */
export async function loadWorkspace(
    paths: string[],
    configure: (services: VstreamServices) => void = () => undefined,
    texts: ReadonlyMap<string, string> = new Map()
): Promise<LoadedWorkspace> {
    const reported = collectReportedFiles(paths);
    const siblings = new Set<string>();
    for (const file of reported) {
        for (const sibling of vstreamFilesIn(dirname(file.absolutePath), false)) {
            siblings.add(sibling);
        }
    }
    const { shared, Vstream } = createVstreamCoreServices(NodeFileSystem);
    configure(Vstream);
    const documents = new Map<string, LangiumDocument<Document>>();
    for (const absolutePath of new Set([...reported.map(file => file.absolutePath), ...siblings])) {
        const text =
            texts.get(absolutePath) ??
            (absolutePath === standardInputPath() ? readStandardInput() : readText(absolutePath));
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.file(absolutePath));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(absolutePath, document);
    }
    const reportedDocuments = new Set(reported.map(file => documents.get(file.absolutePath)!));
    // Siblings only serve to resolve names: they are linked but not validated.
    await shared.workspace.DocumentBuilder.build([...documents.values()], { validation: false });
    for (const document of reportedDocuments) {
        document.diagnostics = await Vstream.validation.DocumentValidator.validateDocument(document);
    }
    return {
        services: Vstream,
        files: reported.map(file => ({ displayPath: file.displayPath, document: documents.get(file.absolutePath)! }))
    };
}

/**
 * The two versions of a map that `diff` compares, each loaded with the other files of its own
 * folder, so that each resolves its catalogue. `-` reads one version from standard input as
 * another text of the other file: `git show main:x.vstream | vstream diff - x.vstream` reads
 * the earlier text among the folder of x.vstream.
 */
export async function loadVersions(before: string, after: string): Promise<[LoadedWorkspace, LoadedWorkspace]> {
    for (const path of [before, after].filter(path => path !== STANDARD_INPUT)) {
        if (isFolder(path)) {
            throw new InputError(`vstream diff compares two files, and '${path}' is a folder`);
        }
    }
    if (before === STANDARD_INPUT || after === STANDARD_INPUT) {
        const file = before === STANDARD_INPUT ? after : before;
        const piped = loadWorkspace([file], undefined, new Map([[resolve(file), readStandardInput()]]));
        const onDisk = loadWorkspace([file]);
        return before === STANDARD_INPUT ? Promise.all([piped, onDisk]) : Promise.all([onDisk, piped]);
    }
    return Promise.all([loadWorkspace([before]), loadWorkspace([after])]);
}

export function isFolder(path: string): boolean {
    try {
        return statSync(path).isDirectory();
    } catch (error) {
        throw new InputError(`cannot read '${path}': ${describeError(error)}`);
    }
}

interface FileArgument {
    absolutePath: string;
    displayPath: string;
}

function collectReportedFiles(paths: string[]): FileArgument[] {
    const files = new Map<string, FileArgument>();
    for (const path of paths) {
        if (path === STANDARD_INPUT) {
            files.set(standardInputPath(), { absolutePath: standardInputPath(), displayPath: '<stdin>' });
            continue;
        }
        const absolute = resolve(path);
        let isFolder: boolean;
        try {
            isFolder = statSync(absolute).isDirectory();
        } catch (error) {
            throw new InputError(`cannot read '${path}': ${describeError(error)}`);
        }
        if (!isFolder && extname(absolute) !== EXTENSION) {
            throw new InputError(
                `'${path}' is not a map: vstream reads ${EXTENSION} files (and \`vstream render\` a Markdown file's vstream blocks)`
            );
        }
        const found = isFolder
            ? vstreamFilesIn(absolute, true).map(file => ({
                  absolutePath: file,
                  displayPath: join(path, file.slice(absolute.length + 1))
              }))
            : [{ absolutePath: absolute, displayPath: path }];
        for (const file of found) {
            if (!files.has(file.absolutePath)) {
                files.set(file.absolutePath, file);
            }
        }
    }
    return [...files.values()];
}

/** The .vstream files of a folder in a stable order; recursive searches skip dependencies and hidden folders. */
function vstreamFilesIn(folder: string, recursive: boolean): string[] {
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
        throw new InputError(`cannot read folder '${folder}': ${describeError(error)}`);
    }
    const files: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = join(folder, entry.name);
        if (entry.isFile() && extname(entry.name) === EXTENSION) {
            files.push(path);
        } else if (recursive && entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
            files.push(...vstreamFilesIn(path, true));
        }
    }
    return files;
}

function standardInputPath(): string {
    return resolve(STANDARD_INPUT_NAME);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** For a file written back with changes: a byte order mark is kept as the text's first character. */
const utf8KeepingMark = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readText(absolutePath: string): string {
    return decode(readBytes(absolutePath, `'${absolutePath}'`), `'${absolutePath}'`);
}

/** A text file to write back changed in places only: every byte else kept, a byte order mark too. */
export function readWholeText(path: string): string {
    try {
        return utf8KeepingMark.decode(readBytes(path, `'${path}'`));
    } catch (error) {
        throw error instanceof InputError ? error : new InputError(`cannot read '${path}': it is not UTF-8 text`);
    }
}

function readStandardInput(): string {
    return decode(readBytes(0, 'standard input'), 'standard input');
}

/** `described` names the source in messages: a quoted path, or 'standard input'. */
function readBytes(source: string | number, described: string): Buffer {
    try {
        return readFileSync(source);
    } catch (error) {
        throw new InputError(`cannot read ${described}: ${describeError(error)}`);
    }
}

function decode(bytes: Buffer, described: string): string {
    try {
        // TextDecoder drops a leading byte order mark.
        return utf8.decode(bytes);
    } catch {
        throw new InputError(`cannot read ${described}: it is not UTF-8 text`);
    }
}

/** A command's result goes where the user chose with -o, and nowhere else; without -o, to standard output. */
export function writeOutput(path: string | undefined, content: string, out: (text: string) => void): void {
    if (path === undefined) {
        out(content);
    } else {
        writeFile(path, content);
    }
}

/** Writes a file the command makes (a picture, a page), or says in one line why it cannot. */
export function writeFile(path: string, content: string | Uint8Array): void {
    try {
        writeFileSync(path, content);
    } catch (error) {
        throw new InputError(`cannot write '${path}': ${describeError(error)}`);
    }
}

function describeError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case 'ENOENT':
            return 'no such file or folder';
        case 'EACCES':
            return 'permission denied';
        case 'EISDIR':
            return 'it is a folder';
        default:
            return error instanceof Error ? error.message : String(error);
    }
}
