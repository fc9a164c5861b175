/**
 * The example export (examples/tracker/support-ticket-events.csv) measured against the
 * support-ticket map: it was made to drift on two steps and to hold the kinds of bad input
 * the command reports.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftFindings } from '../../src/measure/drift.js';
import { measure } from '../../src/measure/measure.js';
import { measureMapOf } from '../../src/language/measurements.js';
import { buildWorkspace } from '../helpers.js';
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
            { step: 'fix', which: 'process', mapped: 6, p50: 18 },
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
