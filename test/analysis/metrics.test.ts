import { describe, expect, it } from 'vitest';
import { FlowGraph } from '../../src/analysis/flow-graph.js';
import { buildWorkspace } from '../helpers.js';

async function metricsOf(body: string, extra = '') {
    const workspace = await buildWorkspace(`team A\nteam B\nsystem S\n${extra}stream s {\n${body}\n}`);
    return workspace.model('s').metrics;
}

describe('metrics', () => {
    it('takes the longest of two branches', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h wait 1h }
            step b { owner A process 2h }
            step c { owner A process 5h wait 1h }
            step d { owner A process 1h }
            flow a -> b -> d
            flow a -> c -> d`);
        expect(metrics.leadTime).toBe(9);
        expect(metrics.processTime).toBe(7);
        expect(metrics.effort).toBe(9);
        expect(metrics.flowEfficiency).toBeCloseTo(7 / 9, 12);
        expect(metrics.criticalPath).toEqual(['a', 'c', 'd']);
    });

    it('measures from any entry to any exit, counting edge waits', async () => {
        const metrics = await metricsOf(`
            step x1 { owner A process 1h wait 3h }
            step x2 { owner A process 2h }
            step m { owner A process 1h }
            step y1 { owner A process 1h }
            step y2 { owner A process 1h wait 2h }
            flow x1 -> m
            handoff x2 -> m { carries "x" wait 3h complete 50% }
            flow m -> y1
            flow m -> y2`);
        expect(metrics.leadTime).toBe(9);
        expect(metrics.criticalPath).toEqual(['x2', 'm', 'y2']);
        expect(metrics.processTime).toBe(4);
        expect(metrics.rolledCompleteAccurate).toBe(0.5);
    });

    it('breaks ties in favour of the path that comes first in declaration order', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h }
            step b { owner A process 2h }
            step c { owner A process 2h }
            step d { owner A process 1h }
            flow a -> c -> d
            flow a -> b -> d`);
        expect(metrics.criticalPath).toEqual(['a', 'b', 'd']);
    });

    it('inflates overlapping rework loops multiplicatively and adds each rework wait once', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h }
            step b { owner A process 2h }
            step c { owner A process 3h }
            step d { owner A process 4h }
            flow a -> b -> c -> d
            rework c -> a { rate 50% }
            rework d -> b { rate 20% wait 5h }`);
        expect(metrics.leadTime).toBe(10);
        // a ×2; b ×2×1.25 + 0.25×5; c ×2×1.25; d ×1.25
        expect(metrics.expectedLeadTime).toBeCloseTo(2 + 6.25 + 7.5 + 5, 12);
    });

    it('inflates edge waits inside a loop but not the steps beside it', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h }
            step b { owner B process 1h }
            step side { owner A process 1h }
            step c { owner A process 1h }
            handoff a -> b { carries "x" wait 2h }
            flow b -> c
            flow a -> side
            rework b -> a { rate 50% }`);
        // a, the edge and b double: 2 + 4 + 2, then c.
        expect(metrics.expectedLeadTime).toBeCloseTo(9, 12);
    });

    it('ignores a rework without a valid rate', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h }
            step b { owner A process 1h }
            flow a -> b
            rework b -> a { wait 3h }
            rework b -> a { rate 100% }`);
        expect(metrics.expectedLeadTime).toBe(metrics.leadTime);
    });

    it('uses the stream workday for days and weeks', async () => {
        const metrics = await metricsOf(`
            workday 6h
            step a { owner A process 30m wait 1d }
            step b { owner A process 1w }
            flow a -> b`);
        expect(metrics.leadTime).toBeCloseTo(0.5 + 6 + 30, 12);
    });

    it('counts handoffs as declarations plus flows that change owner', async () => {
        const metrics = await metricsOf(`
            step a { owner A }
            step b { owner B }
            step c { owner B }
            step d
            step e { owner A }
            handoff a -> b { carries "x" }
            handoff b -> c { carries "x" }
            flow c -> d -> e
            flow c -> e`);
        expect(metrics.handoffs).toBe(3);
    });

    it('sums waits on others, whoever owns the step', async () => {
        const metrics = await metricsOf(`
            step a { owner A wait 1h on B wait 2h on S wait 4h on A }
            step b { wait 8h on A }
            flow a -> b`);
        expect(metrics.waitOutsideControl).toBe(11);
    });

    it('compares a future state with the stream it improves', async () => {
        const workspace = await buildWorkspace(`team A
stream now { step a { owner A process 1h wait 9h } }
stream next improves now { step a { owner A process 1h wait 1h } }`);
        expect(workspace.model('next').improves).toBe('now');
        expect(workspace.model('now').metrics.leadTime).toBe(10);
        expect(workspace.model('next').metrics.leadTime).toBe(2);
    });

    it('survives a flow cycle: the closing edge is set aside', async () => {
        const workspace = await buildWorkspace(`team A
stream s {
    step a { owner A process 1h }
    step b { owner A process 2h }
    step c { owner A process 3h }
    flow a -> b -> c -> a
    rework c -> a { rate 50% }
}`);
        const model = workspace.model('s');
        expect(model.metrics.leadTime).toBe(6);
        expect(model.edges.filter(edge => edge.cycle).map(edge => model.steps[edge.to].name)).toEqual(['a']);
        expect(model.metrics.expectedLeadTime).toBe(12);
    });

    it('skips edges whose steps do not resolve', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h }
            handoff a -> ghost { carries "x" }
            flow ghost -> a`);
        expect(metrics.leadTime).toBe(1);
        expect(metrics.handoffs).toBe(1);
    });
});

describe('the second version: seconds, ranges, inventory, targets, rework to the same step', () => {
    it('uses the likely value of every range, and gives the best and worst lead time', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 1h..3h wait 2h }
            step b { owner A process 30m..1h..4h wait 1d..2d..8d }
            step c { owner A process 10h }
            handoff a -> b { wait 1h..2h carries "x" }
            flow a -> c
            rework b -> a { rate 50% }`);
        // Likely: a 2 + 2 = 4, the handoff 1.5, b 16 + 1 = 17 → 22.5; a → c: 4 + 10 = 14.
        expect(metrics.leadTime).toBeCloseTo(22.5, 12);
        expect(metrics.processTime).toBeCloseTo(3, 12);
        // Best: a 1 + 2, handoff 1, b 8 + 0.5 → 12.5 against a → c 3 + 10 = 13. Worst: a 3 + 2, 2, b 64 + 4 → 75.
        expect(metrics.bestLeadTime).toBeCloseTo(13, 12);
        expect(metrics.worstLeadTime).toBeCloseTo(75, 12);
        expect(metrics.target).toBeNull();
    });

    it('counts seconds, and a target in hours', async () => {
        const metrics = await metricsOf(`
            target 1d
            step a { owner A process 39s wait 21s }`);
        expect(metrics.leadTime).toBeCloseTo(60 / 3600, 12);
        expect(metrics.target).toBe(8);
    });

    it("turns inventory into waiting time with the demand (Little's law), per hour, day or week", async () => {
        for (const [demand, hours] of [
            ['20 per d', 16],
            ['2.5 per h', 16],
            ['100 per w', 16]
        ] as const) {
            const metrics = await metricsOf(`
                demand ${demand}
                step a { owner A process 1h inventory 40 }`);
            expect(metrics.leadTime, demand).toBeCloseTo(hours + 1, 12);
        }
        const without = await metricsOf(`
            step a { owner A process 1h inventory 40 }`);
        expect(without.leadTime).toBe(1);
    });

    it('repeats a step that is reworked into itself', async () => {
        const metrics = await metricsOf(`
            step a { owner A process 2h wait 2h }
            step b { owner A process 1h }
            flow a -> b
            rework a -> a { rate 50% wait 1h }`);
        // The loop is a alone: 4 h × 1 / (1 − 0.5) = 8, plus 0.5 / 0.5 × 1 h of the rework's wait, plus b.
        expect(metrics.leadTime).toBe(5);
        expect(metrics.expectedLeadTime).toBeCloseTo(8 + 1 + 1, 12);
    });
});

describe('the flow graph', () => {
    it('handles a chain far deeper than the call stack', { timeout: 30_000 }, () => {
        const length = 200_000;
        const edges = Array.from({ length: length - 1 }, (_, index) => ({ from: index, to: index + 1 }));
        const graph = new FlowGraph(length, edges);
        const path = graph.longestPath(
            () => 1,
            () => 0
        );
        expect(path.time).toBe(length);
        expect(graph.loopBetween(10, length - 10).steps).toHaveLength(length - 19);
    });

    it('finds no loop for a rework that points forward', () => {
        const graph = new FlowGraph(3, [
            { from: 0, to: 1 },
            { from: 1, to: 2 }
        ]);
        expect(graph.loopBetween(2, 0)).toEqual({ steps: [], edges: [] });
        expect(graph.loopBetween(0, 2)).toEqual({ steps: [0, 1, 2], edges: [0, 1] });
    });
});
