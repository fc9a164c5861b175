/** The examples a new user opens first: free of errors and warnings, with the figures the README states. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutStream } from '../src/diagram/layout.js';
import { isStream } from '../src/language/generated/ast.js';
import { buildWorkspace } from './helpers.js';

const folder = resolve(__dirname, '../examples');
const files = readdirSync(folder)
    .filter(file => file.endsWith('.vstream'))
    .sort();
const texts = files.map(file => readFileSync(resolve(folder, file), 'utf8'));

/** stream → [lead time, process time, flow efficiency, rolled %C&A, effort, handoffs, wait outside control, expected lead time] */
const FIGURES: Record<string, number[]> = {
    onboarding: [91, 15, 15 / 91, 0.56, 16, 5, 8, 113.6667],
    onboardingNext: [38, 14, 14 / 38, 0.855, 15, 5, 0, 39.6316],
    newHire: [106.5, 14.5, 14.5 / 106.5, 0.68, 14.5, 4, 7.5, 122.8235],
    purchase: [123.75, 7.75, 7.75 / 123.75, 0.455, 7.75, 4, 24, 164.8846],
    supportTicket: [50.0833, 8.0833, 8.0833 / 50.0833, 0.45, 8.5833, 5, 8, 58.5212]
};

describe('examples', () => {
    it('have no errors or warnings', async () => {
        const workspace = await buildWorkspace(...texts);
        for (const document of workspace.documents) {
            const serious = (document.diagnostics ?? []).filter(diagnostic => diagnostic.severity! <= 2);
            expect(serious, document.uri.toString()).toEqual([]);
        }
    });

    it('have the figures stated in the README', async () => {
        const workspace = await buildWorkspace(...texts);
        const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
        const measured = new Map<string, number[]>();
        for (const document of workspace.documents) {
            for (const element of document.parseResult.value.elements) {
                if (element.$type === 'Stream') {
                    const m = workspace.services.analysis.StreamModels.get(element).metrics;
                    measured.set(element.name, [
                        m.leadTime,
                        m.processTime,
                        m.flowEfficiency ?? 0,
                        m.rolledCompleteAccurate,
                        m.effort,
                        m.handoffs,
                        m.waitOutsideControl,
                        m.expectedLeadTime
                    ]);
                }
            }
        }
        expect([...measured.keys()].sort()).toEqual(Object.keys(FIGURES).sort());
        for (const [stream, expected] of Object.entries(FIGURES)) {
            measured
                .get(stream)!
                .forEach((value, index) => expect(value, `${stream} figure ${index}`).toBeCloseTo(expected[index], 3));
            expect(readme, `README row for ${stream}`).toContain(
                `| \`${stream}\` | ${Number(expected[0].toFixed(2))} h |`
            );
        }
    });

    it('draw every edge label on their maps', async () => {
        const workspace = await buildWorkspace(...texts);
        const streams = workspace.documents.flatMap(document => document.parseResult.value.elements.filter(isStream));
        expect(streams).toHaveLength(Object.keys(FIGURES).length);
        for (const stream of streams) {
            const model = workspace.services.analysis.StreamModels.get(stream);
            const hidden = layoutStream(model).edges.filter(edge => edge.label && !edge.labelBox);
            expect(hidden.map(edge => `${stream.name}: ${edge.from} -> ${edge.to}`)).toEqual([]);
        }
    });
});

describe('the README', () => {
    it('states the right figures for its short example', async () => {
        const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
        const example = /## A short example\s+```vstream\n([\s\S]*?)```/.exec(readme)![1];
        const workspace = await buildWorkspace(example);
        const metrics = workspace.model('quote').metrics;
        expect([
            metrics.leadTime,
            metrics.processTime,
            metrics.rolledCompleteAccurate,
            metrics.effort,
            metrics.handoffs,
            metrics.expectedLeadTime
        ]).toEqual([57, 5, 0.9, 5, 1, 68.75]);
        expect(workspace.diagnostics.map(diagnostic => diagnostic.code)).toEqual(['low-flow-efficiency']);
    });
});
