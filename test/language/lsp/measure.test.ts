/**
 * Measuring from the editor: the built Node language server, as the extension runs it, measures
 * an open map on the example tracker export, publishes `measured-drift` where the map is wrong,
 * and answers the update with edits of the durations that make it agree.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import {
    MeasureMessages,
    type MeasureResult,
    type MeasuredUpdateResult,
    type RangeTuple
} from '../../../src/protocol.js';
import { MeasureHandler } from '../../../src/language/lsp/vstream-measure.js';
import { lspWorkspace } from '../../lsp-helpers.js';
import { ServerSession, type PublishedDiagnostics } from '../../server-session.js';

const SERVER = resolve(__dirname, '../../../out/language/main.cjs');
const EXAMPLES = resolve(__dirname, '../../../examples');
const MAP = resolve(EXAMPLES, 'support-ticket.vstream');
const EVENTS = resolve(EXAMPLES, 'tracker/support-ticket-events.csv');
const TIMEOUT = 90_000;

const drifts = (published: PublishedDiagnostics) =>
    published.diagnostics.filter(diagnostic => diagnostic.code === 'measured-drift');

function applied(text: string, edits: Array<{ range: RangeTuple; newText: string }>): string {
    const document = TextDocument.create('file:///map.vstream', 'vstream', 1, text);
    return TextDocument.applyEdits(
        document,
        edits.map(({ range: [startLine, startCharacter, endLine, endCharacter], newText }) => ({
            range: {
                start: { line: startLine, character: startCharacter },
                end: { line: endLine, character: endCharacter }
            },
            newText
        }))
    );
}

describe('measuring in the language server', { timeout: TIMEOUT }, () => {
    it('measures the open map, publishes the drift, and offers edits that make the map agree', async () => {
        const session = new ServerSession([SERVER, '--stdio']);
        await session.initialize(pathToFileURL(EXAMPLES).toString());
        const uri = pathToFileURL(MAP).toString();
        const text = readFileSync(MAP, 'utf8');
        await session.open(uri, text);

        let published: PublishedDiagnostics | undefined;
        const drifted = session.diagnostics(
            uri,
            diagnostics => {
                published = diagnostics;
                return drifts(diagnostics).length > 0;
            },
            'measured-drift'
        );
        const result = await session.request<MeasureResult>(MeasureMessages.measure.method, {
            uri,
            events: [EVENTS]
        });
        expect(result.problem).toBeUndefined();
        expect(result.report).toMatch(/fix +1138 +1185 +6 h +16\.7 h/);
        expect(result.report).toContain('statuses no step maps: "On hold" 182 rows');
        expect(result.drifts).toEqual(['supportTicket.fix: process', 'supportTicket.confirm: wait']);
        await drifted;
        expect(drifts(published!).map(diagnostic => diagnostic.range.start.line + 1)).toHaveLength(2);

        const update = await session.request<MeasuredUpdateResult>(MeasureMessages.update.method, {
            uri,
            ranges: false
        });
        expect(update.lines).toContain('supportTicket.fix: process 2h..6h..24h → 2.09d');
        const updated = applied(text, update.edits!);
        expect(updated).toContain('process 2.09d  wait 11.7h  wait 5.83h on IT');
        expect(updated).toContain('rework confirm -> fix { rate 9.2%');

        // The editor applies the edit: the drift goes.
        await session.change(
            uri,
            2,
            {
                range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
                text: updated
            },
            diagnostics => drifts(diagnostics).length === 0,
            'no measured-drift once the map has the measured figures'
        );
        expect(await session.stop()).toBe(0);
    });

    it('says what is wrong with the history in a sentence, and keeps serving', async () => {
        const session = new ServerSession([SERVER, '--stdio']);
        await session.initialize(pathToFileURL(EXAMPLES).toString());
        const uri = pathToFileURL(MAP).toString();
        await session.open(uri, readFileSync(MAP, 'utf8'));
        const missing = await session.request<MeasureResult>(MeasureMessages.measure.method, {
            uri,
            events: [resolve(EXAMPLES, 'no-such-export.csv')]
        });
        expect(missing.problem).toContain('no-such-export.csv: no such events file');
        const update = await session.request<MeasuredUpdateResult>(MeasureMessages.update.method, {
            uri,
            ranges: false
        });
        expect(update.problem).toContain('measure it against its tracker history first');
        expect(await session.stop()).toBe(0);
    });
});

describe('reading the history from the editor', { timeout: TIMEOUT }, () => {
    const FIXTURES = resolve(__dirname, '../../fixtures/measure');

    it('refuses a history with more than 1% of its rows unreadable, naming them, and measures the rest when asked; reads the times as the settings say', async () => {
        const session = new ServerSession([SERVER, '--stdio']);
        await session.initialize(pathToFileURL(EXAMPLES).toString());
        const uri = pathToFileURL(MAP).toString();
        await session.open(uri, readFileSync(MAP, 'utf8'));
        const badRows = resolve(FIXTURES, 'events-with-bad-rows.csv');
        const refused = await session.request<MeasureResult>(MeasureMessages.measure.method, {
            uri,
            events: [badRows]
        });
        expect(refused.problem).toBeUndefined();
        expect(refused.refused).toMatch(
            /^4 of 14 rows \(29%\) cannot be read, more than 1%, so nothing was measured: /
        );
        expect(refused.refused).toContain(
            `${badRows}:10 (C-3, "2024-03-05T12:00:00Z"): 4 fields where the header has 3`
        );
        expect(refused.refused).toContain('the settings vstream.measure.timeFormat and vstream.measure.timezone');
        const anyway = await session.request<MeasureResult>(MeasureMessages.measure.method, {
            uri,
            events: [badRows],
            skipBadRows: true
        });
        expect(anyway.report).toContain('4 rows cannot be read, left out, with the other rows of their 3 items');
        const incidents = await session.request<MeasureResult>(MeasureMessages.measure.method, {
            uri,
            events: [resolve(FIXTURES, 'servicenow-incidents.csv')],
            columns: { item: 'number', status: 'incident_state', at: 'sys_updated_at' },
            timeFormat: '%d-%m-%Y %H:%M',
            timezone: 'Europe/Paris'
        });
        expect(incidents.report).toContain('25 rows of history read.');
        expect(incidents.report).not.toContain('cannot be read');
        expect(await session.stop()).toBe(0);
    });
});

describe('measuring where there is no engine (VS Code for the web)', () => {
    it('says plainly that measuring needs the desktop or the command line', async () => {
        const workspace = await lspWorkspace(
            'stream s {\n    done "Done"\n    step a "A" { owner T  process 1h  status "A" }\n}\n'
        );
        const handlers = new Map<string, (params: unknown, token: unknown) => Promise<MeasureResult>>();
        const connection = {
            onRequest: (type: { method: string }, handler: never) => handlers.set(type.method, handler)
        };
        // The server's services, with a connection that only takes the handlers.
        const services = Object.create(workspace.services, {
            shared: { value: { lsp: { Connection: connection } } }
        }) as typeof workspace.services;
        new MeasureHandler(services, undefined).listen();
        const result = await handlers.get(MeasureMessages.measure.method)!(
            { uri: workspace.textDocument.uri, events: ['/history.csv'] },
            { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }
        );
        expect(result.problem).toMatch(
            /VS Code for the web cannot run: measure in VS Code on the desktop, or with `vstream measure/
        );
    });

    it('is never part of the Web Worker language server: its bundle holds no DuckDB', () => {
        const bundle = readFileSync(resolve(__dirname, '../../../out/language/main-browser.js'), 'utf8');
        // Asserted as booleans: a failure should not print a megabyte of bundle.
        expect(bundle.includes('vstream/measure')).toBe(true);
        expect(bundle.includes('@duckdb/node-api')).toBe(false);
        expect(bundle.includes('DuckDBInstance')).toBe(false);
    });
});
