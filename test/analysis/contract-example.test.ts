import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../helpers.js';
import { WORKED_EXAMPLE as example } from '../fixtures.js';

describe('the contract worked example', () => {
    it('has the figures of the contract', async () => {
        const workspace = await buildWorkspace(example);
        const metrics = workspace.model('onboarding').metrics;
        expect(metrics.leadTime).toBeCloseTo(91, 9);
        expect(metrics.processTime).toBeCloseTo(15, 9);
        expect(metrics.flowEfficiency).toBeCloseTo(15 / 91, 12);
        expect(metrics.rolledCompleteAccurate).toBeCloseTo(0.56, 12);
        expect(metrics.effort).toBeCloseTo(16, 9);
        expect(metrics.handoffs).toBe(5);
        expect(metrics.waitOutsideControl).toBeCloseTo(8, 9);
        expect(metrics.expectedLeadTime).toBeCloseTo(91 + (68 * 0.25) / 0.75, 9);
        expect(metrics.criticalPath).toEqual(['sign', 'kickoff', 'provision', 'configure', 'firstRun']);
    });

    it('parses and links without errors', async () => {
        const workspace = await buildWorkspace(example);
        expect(workspace.documents[0].parseResult.lexerErrors).toEqual([]);
        expect(workspace.documents[0].parseResult.parserErrors).toEqual([]);
        expect(workspace.diagnostics.filter(diagnostic => diagnostic.severity === 1)).toEqual([]);
    });
});
