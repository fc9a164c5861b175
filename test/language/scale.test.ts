import { describe, expect, it } from 'vitest';
import { generateStream } from '../bench/generate-stream.js';
import { buildWorkspace } from '../helpers.js';

describe('a stream of 20,000 steps', () => {
    it('builds, links and validates without an error, and is fully analysed', { timeout: 60_000 }, async () => {
        const workspace = await buildWorkspace(generateStream(20_000));
        expect(workspace.diagnostics.filter(diagnostic => diagnostic.severity === 1)).toEqual([]);
        const model = workspace.model();
        expect(model.steps).toHaveLength(20_000);
        expect(model.metrics.criticalPath[0]).toBe('s0');
        expect(model.metrics.criticalPath.at(-1)).toBe('s19999');
        expect(model.metrics.expectedLeadTime).toBeGreaterThan(model.metrics.leadTime);
    });
});
