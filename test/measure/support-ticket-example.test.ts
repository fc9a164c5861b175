/**
 * The example export (examples/tracker/support-ticket-events.csv) measured against the
 * support-ticket map: it was made to drift on two steps and to hold the kinds of bad input
 * the command reports.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { forecastStream } from '../../src/analysis/forecast.js';
import { measuredUpdate } from '../../src/language/measured-update.js';
import { driftFindings } from '../../src/measure/drift.js';
import { measure } from '../../src/measure/measure.js';
import { measureMapOf } from '../../src/language/measurements.js';
import { buildWorkspace } from '../helpers.js';
import { eventLog } from './event-logs.js';
import { SUPPORT_TICKET_MAP } from './support-ticket-map.js';

const events = resolve(__dirname, '../../examples/tracker/support-ticket-events.csv');

describe('the support-ticket example export', async () => {
    const report = await measure(SUPPORT_TICKET_MAP, { events: [events], calendar: 'workweek' });

    it("drifts on fix's process (longer than mapped) and confirm's wait (shorter), nowhere else", () => {
        const drift = driftFindings(report).map(({ step, measure: which, mapped, p50 }) => ({
            step,
            which,
            mapped,
            p50: Math.round(p50)
        }));
        expect(drift).toEqual([
            { step: 'fix', which: 'process', mapped: 6, p50: 17 },
            { step: 'confirm', which: 'wait', mapped: 8, p50: 3 }
        ]);
    });

    it('has tickets still open and reports its bad rows', () => {
        const [stream] = report.streams;
        // 2,000 tickets, of which the four with an unreadable row are left out.
        expect(stream.items).toBe(1996);
        expect(stream.wip).toBeGreaterThan(50);
        expect(report.unreadableRows.count).toBe(4);
        expect(report.itemsLeftOut).toBe(4);
        expect(report.unmappedStatuses.map(({ status }) => status)).toEqual(['On hold']);
        expect(report.missingStatuses).toEqual([]);
        expect(report.rowsRead).toBe(readFileSync(events, 'utf8').trimEnd().split('\n').length - 1);
    });

    it('has the figures docs/measure.md states', () => {
        const docs = readFileSync(resolve(__dirname, '../../docs/measure.md'), 'utf8');
        const hours = (value: number | null) => value!.toFixed(2);
        for (const step of report.streams[0].steps) {
            const row = [
                step.items,
                step.visits,
                hours(step.process.mapped),
                hours(step.process.p50),
                hours(step.process.p85),
                hours(step.wait.mapped),
                hours(step.wait.p50),
                hours(step.wait.p85)
            ];
            // The drifting medians are in bold.
            expect(docs.replaceAll('**', ''), step.step).toContain(`| \`${step.step}\` | ${row.join(' | ')} |`);
        }
        const { leadTime } = report.streams[0];
        expect(docs).toContain(
            `Lead time p50 ${hours(leadTime.p50)} h, p85 ${hours(leadTime.p85)} h, p95 ${hours(leadTime.p95)} h`
        );
    });

    it('stays under 1 MB', () => {
        expect(readFileSync(events).length).toBeLessThan(1_000_000);
    });
});

describe('the support-ticket example map', () => {
    it('names the statuses the measurement tests use: its clauses are those of the export', async () => {
        const text = readFileSync(resolve(__dirname, '../../examples/support-ticket.vstream'), 'utf8');
        const teams = readFileSync(resolve(__dirname, '../../examples/teams.vstream'), 'utf8');
        const workspace = await buildWorkspace(text, teams);
        expect(measureMapOf([workspace.model('supportTicket')])).toEqual(SUPPORT_TICKET_MAP);
    });
});

describe('the support-ticket example, updated from its own history', () => {
    /** The example map updated from its export (as `measure --update`, with or without ranges), and its forecast. */
    async function updatedForecast(ranges: boolean) {
        const text = readFileSync(resolve(__dirname, '../../examples/support-ticket.vstream'), 'utf8');
        const teams = readFileSync(resolve(__dirname, '../../examples/teams.vstream'), 'utf8');
        const workspace = await buildWorkspace(text, teams);
        const report = await measure(measureMapOf([workspace.model('supportTicket')]), {
            events: [events],
            calendar: 'workweek'
        });
        const [document] = workspace.documents;
        const update = measuredUpdate(
            document,
            () => report.streams[0],
            stream => workspace.services.analysis.StreamModels.get(stream),
            { ranges }
        );
        const updated = TextDocument.applyEdits(document.textDocument, update.edits);
        return { forecast: forecastStream((await buildWorkspace(updated, teams)).model('supportTicket')), report };
    }

    it('forecasts within 15% of the measured p50 and p85 with ranges, as docs/measure.md and the README state', async () => {
        const { forecast, report } = await updatedForecast(true);
        const { p50, p85 } = report.streams[0].leadTime;
        expect(Math.abs(forecast.p50 / p50! - 1)).toBeLessThanOrEqual(0.15);
        expect(Math.abs(forecast.p85 / p85! - 1)).toBeLessThanOrEqual(0.15);
        const docs = readFileSync(resolve(__dirname, '../../docs/measure.md'), 'utf8');
        const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
        const percent = (ratio: number) => `${ratio >= 0 ? '+' : '−'}${Math.abs(ratio * 100).toFixed(1)}%`;
        const row = `| after \`--update --ranges\` | **${forecast.p50.toFixed(2)} h** | **${forecast.p85.toFixed(2)} h** | **${percent(forecast.p50 / p50! - 1)} / ${percent(forecast.p85 / p85! - 1)}** |`;
        expect(docs).toContain(row);
        expect(readme).toContain(`p50 ${forecast.p50.toFixed(1)} h and p85 ${forecast.p85.toFixed(1)} h`);
        const medians = (await updatedForecast(false)).forecast;
        expect(docs).toContain(`| after \`--update\` | ${medians.p50.toFixed(2)} h | ${medians.p85.toFixed(2)} h |`);
    }, 60_000);
});

describe('the worked example of visits in docs/measure.md', () => {
    it('gives the figures the page states', async () => {
        const docs = readFileSync(resolve(__dirname, '../../docs/measure.md'), 'utf8');
        const section = /\*\*A worked example\.\*\*([\s\S]*?)\*\*`measured-drift`\*\*/.exec(docs)![1];
        const map = /```vstream\n([\s\S]*?)```/.exec(section)![1];
        const log = /```csv\n([\s\S]*?)```/.exec(section)![1];
        const workspace = await buildWorkspace(map);
        const report = await measure(measureMapOf([workspace.model('ticket')]), {
            events: [eventLog('visits-example.csv', ...log.trimEnd().split('\n'))],
            calendar: 'workweek'
        });
        const [stream] = report.streams;
        const step = (name: string) => stream.steps.find(candidate => candidate.step === name)!;
        expect(step('triage')).toMatchObject({ items: 3, visits: 4, process: { p50: 2 }, wait: { p50: 0.75 } });
        expect(step('reproduce')).toMatchObject({ visits: 4, process: { p50: 2.5 } });
        expect(step('reproduce').process.p85).toBeCloseTo(10.7, 9);
        expect(step('fix')).toMatchObject({ items: 2, visits: 1 });
        expect(stream.branches.map(branch => [branch.samples, branch.measured])).toEqual([
            [3, null],
            [3, null]
        ]);
        expect(stream.rework).toMatchObject([{ samples: 4, measured: null }]);
        expect(stream.leadTime.p50).toBe(17.5);
        expect(section).toContain('**3 items and 4 visits**');
        expect(section).toContain('p50 **2.5 h** and p85\n**10.7 h**');
    });
});
