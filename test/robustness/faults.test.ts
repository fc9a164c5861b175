/**
 * Faults the editor meets: files deleted or renamed under an open one, a file far too large,
 * typing faster than the server builds, a file that is not UTF-8. The built server runs in its
 * own process, spoken to over stdio, as VS Code runs it.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CHARACTERS } from '../../src/language/vstream-document-factory.js';
import { PictureParts } from '../../src/picture-parts.js';
import { PreviewMessages, type PreviewUpdate } from '../../src/protocol.js';
import { ServerSession, type PublishedDiagnostics } from '../server-session.js';

const SERVER = resolve(__dirname, '../../out/language/main.cjs');

let folder: string;
let session: ServerSession;

const uriOf = (name: string) => pathToFileURL(join(folder, name)).toString();
const codes = (published: PublishedDiagnostics) => published.diagnostics.map(diagnostic => diagnostic.code);
const unresolved = (published: PublishedDiagnostics) => codes(published).includes('unresolved-reference');

const STREAM =
    'stream support { recipient "r" start "a" end "b"\n  step triage { owner Ops process 1h }\n  step solve { owner Ops process 2h }\n  flow triage -> solve\n}\n';

/** Each test starts the server in its own process; on a loaded machine that alone takes seconds. */
const SERVER_TEST_TIMEOUT = 30_000;

beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vstream-faults-'));
    writeFileSync(join(folder, 'teams.vstream'), 'team Ops "Operations"\n');
    session = new ServerSession([SERVER, '--stdio']);
    await session.initialize(pathToFileURL(folder).toString());
}, SERVER_TEST_TIMEOUT);

afterEach(async () => {
    expect(session.alive).toBe(true);
    await session.stop();
    rmSync(folder, { recursive: true, force: true });
}, SERVER_TEST_TIMEOUT);

/** What an editor says when files change on disk. */
function filesChanged(changes: Array<{ name: string; type: 1 | 2 | 3 }>): Promise<void> {
    return session.notify('workspace/didChangeWatchedFiles', {
        changes: changes.map(change => ({ uri: uriOf(change.name), type: change.type }))
    });
}

async function hoverAnswers(uri: string): Promise<void> {
    const hover = await session.request<{ contents: unknown } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 8 }
    });
    expect(hover).not.toBeNull();
}

describe('files deleted or renamed while a stream that uses them is open', { timeout: SERVER_TEST_TIMEOUT }, () => {
    it('reports the names that no longer resolve, and resolves them again when the file comes back under a new name', async () => {
        const stream = uriOf('support.vstream');
        writeFileSync(join(folder, 'support.vstream'), STREAM);
        await session.open(
            stream,
            STREAM,
            published => !unresolved(published),
            'diagnostics without unresolved-reference'
        );

        rmSync(join(folder, 'teams.vstream'));
        const broken = session.diagnostics(stream, unresolved, 'unresolved-reference once the catalogue is deleted');
        await filesChanged([{ name: 'teams.vstream', type: 3 }]);
        await broken;

        writeFileSync(join(folder, 'catalogue.vstream'), 'team Ops "Operations"\n');
        const mended = session.diagnostics(
            stream,
            published => !unresolved(published),
            'no unresolved-reference once the catalogue is back under a new name'
        );
        await filesChanged([{ name: 'catalogue.vstream', type: 1 }]);
        await mended;

        renameSync(join(folder, 'catalogue.vstream'), join(folder, 'renamed.vstream'));
        const stillMended = session.diagnostics(
            stream,
            published => !unresolved(published),
            'no unresolved-reference after the rename'
        );
        await filesChanged([
            { name: 'catalogue.vstream', type: 3 },
            { name: 'renamed.vstream', type: 1 }
        ]);
        await stillMended;
        await hoverAnswers(stream);
    });

    it('does not build an open file again when it is saved: the editor has sent its text already', async () => {
        const stream = uriOf('support.vstream');
        writeFileSync(join(folder, 'support.vstream'), STREAM);
        await session.open(stream, STREAM);
        const builds = session.publishedTimes(stream);
        await filesChanged([{ name: 'support.vstream', type: 2 }]);
        // A new file that the stream does not use is built after the save's build, had there been one.
        writeFileSync(join(folder, 'other.vstream'), 'team Other\n');
        const other = session.diagnostics(uriOf('other.vstream'), () => true, 'the new file built');
        await filesChanged([{ name: 'other.vstream', type: 1 }]);
        await other;
        expect(session.publishedTimes(stream)).toBe(builds);
    });

    it('keeps serving when the open file itself is deleted', async () => {
        const stream = uriOf('support.vstream');
        writeFileSync(join(folder, 'support.vstream'), STREAM);
        await session.open(stream, STREAM);
        rmSync(join(folder, 'support.vstream'));
        await filesChanged([{ name: 'support.vstream', type: 3 }]);
        // The editor still holds the text: the server keeps answering about it.
        await hoverAnswers(stream);
        await session.notify('textDocument/didClose', { textDocument: { uri: stream } });
        const other = uriOf('other.vstream');
        await session.open(other, STREAM);
        await hoverAnswers(other);
    });
});

describe('a file far too large to read', () => {
    it(
        'is refused with one error, the server keeps answering and the preview says why there is no map',
        { timeout: 60_000 },
        async () => {
            const step = '    step s0000000 { owner Ops process 1h wait 2h }\n';
            const text = `stream huge {\n${step.repeat(Math.ceil(50_000_000 / step.length))}}\n`;
            expect(text.length).toBeGreaterThan(MAX_DOCUMENT_CHARACTERS);
            const updates: PreviewUpdate[] = [];
            session.onNotification(PreviewMessages.update, update => updates.push(update));
            const huge = uriOf('huge.vstream');
            let published: PublishedDiagnostics | undefined;
            await session.open(
                huge,
                text,
                diagnostics => (published = diagnostics).diagnostics.length > 0,
                'file-too-large'
            );
            expect(codes(published!)).toEqual(['file-too-large']);
            expect(published!.diagnostics[0].message).toMatch(
                /^This file is too large to read as a value stream map: 50\.\d million characters/
            );

            const small = uriOf('support.vstream');
            await session.open(small, STREAM);
            await hoverAnswers(small);

            await session.notify(PreviewMessages.open, { uri: huge });
            await waitFor(() => updates.some(update => update.uri === huge), 'a preview update of huge.vstream');
            const update = updates.find(candidate => candidate.uri === huge)!;
            expect(update.picture).toBeUndefined();
            expect(update.undrawn).toBe(true);
            expect(update.problems[0]).toMatch(/too large to read as a value stream map/);
        }
    );
});

describe('typing faster than the server builds', () => {
    it(
        'cancels stale builds and publishes pictures in the order typed, ending with the last text',
        { timeout: 60_000 },
        async () => {
            // Long enough that a build takes longer than the gap between two keystrokes.
            const steps = Array.from(
                { length: 1500 },
                (_, index) => `  step s${index} { owner Ops process 1h }\n`
            ).join('');
            const flows = Array.from({ length: 1499 }, (_, index) => `  flow s${index} -> s${index + 1}\n`).join('');
            const opening = `stream long { recipient "r" start "a" end "b"\n${steps}${flows}`;
            const uri = uriOf('long.vstream');
            await session.open(uri, `${opening}}\n`);
            const updates: PreviewUpdate[] = [];
            session.onNotification(PreviewMessages.update, update => updates.push(update));
            await session.notify(PreviewMessages.open, { uri });
            await waitFor(() => updates.length > 0, 'the first picture of long.vstream');
            // A new step typed one key at a time, without waiting: most texts in between do not parse.
            const typed = '  step typed { owner Ops }\n';
            for (let length = 1; length <= typed.length; length++) {
                void session.notify('textDocument/didChange', {
                    textDocument: { uri, version: length + 1 },
                    contentChanges: [{ text: `${opening}${typed.slice(0, length)}}\n` }]
                });
            }
            const lastVersion = typed.length + 1;
            await waitFor(
                () => updates.at(-1)?.version === lastVersion,
                `the picture of version ${lastVersion}, the last text typed`,
                40_000
            );
            const versions = updates.map(update => update.version);
            expect(versions).toEqual([...versions].sort((a, b) => a - b));
            expect(new Set(versions).size).toBe(versions.length);
            expect(versions.length).toBeLessThan(lastVersion);
            // The changes, taken in one after the other as the extension host does, make the last text's map.
            const picture = new PictureParts();
            updates.forEach(update => update.picture && picture.apply(update.picture));
            expect(picture.svg()).toContain('data-name="typed"');
        }
    );
});

describe('a .vstream file that is not UTF-8', { timeout: SERVER_TEST_TIMEOUT }, () => {
    it('is read without stopping the server, and says what is wrong with it once open', async () => {
        const bytes = Buffer.from('team Caf\xe9 "Caf\xe9 cr\xe8me"\nstream s { step a { owner Ops } }\n', 'latin1');
        writeFileSync(join(folder, 'latin1.vstream'), bytes);
        const stream = uriOf('support.vstream');
        await session.open(
            stream,
            STREAM,
            published => !unresolved(published),
            'diagnostics without unresolved-reference'
        );
        await hoverAnswers(stream);
        // The editor decodes it as UTF-8, as the server did from disk: the bytes it cannot read become U+FFFD.
        let published: PublishedDiagnostics | undefined;
        await session.open(
            uriOf('latin1.vstream'),
            bytes.toString('utf8'),
            diagnostics => (published = diagnostics).diagnostics.length > 0,
            'unreadable-text'
        );
        const warning = published!.diagnostics.find(diagnostic => diagnostic.code === 'unreadable-text');
        expect(warning?.message).toMatch(/^This file holds 3 characters that could not be read .*Save it as UTF-8/);
        expect(warning?.range.start).toEqual({ line: 0, character: 8 });
    });
});

/** Waits for `condition`; `what` names it in the failure. */
async function waitFor(condition: () => boolean, what: string, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`waited ${timeout / 1000} s for ${what}`);
        }
        await new Promise(resolveWait => setTimeout(resolveWait, 20));
    }
}
