/**
 * The layout choice, measured: ELK's layered algorithm (elkjs) against vstream's lane grid on
 * the same graphs. ELK has no swimlane constraint (its partitions order columns, not rows), so
 * it is timed on the bare graph, which is the least it would have to do.
 */
import elkBundle from 'elkjs/lib/elk.bundled.js';
import type { StreamModel } from '../../src/analysis/stream-model.js';
import { Dimensions } from '../../src/diagram/dimensions.js';

export async function elkLayout(model: StreamModel): Promise<void> {
    // The bundle is CommonJS: its `module.exports` is the ELK class.
    const ELK = elkBundle as unknown as new () => { layout(graph: unknown): Promise<unknown> };
    const elk = new ELK();
    await elk.layout({
        id: 'root',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'ORTHOGONAL' },
        children: model.steps.map(step => ({
            id: `s${step.index}`,
            width: Dimensions.stepWidth,
            height: Dimensions.stepHeight
        })),
        edges: model.edges
            .filter(edge => !edge.cycle)
            .map(edge => ({ id: `e${edge.index}`, sources: [`s${edge.from}`], targets: [`s${edge.to}`] }))
    });
}
