/** What every layout of a map starts from: each step's column, its longest-path rank along the flow, and the header card. */
import { FlowGraph } from '../analysis/flow-graph.js';
import type { StreamModel } from '../analysis/stream-model.js';
import type { Box, HeaderCard } from './layout-model.js';

/** Each step's column: one more than the furthest step before it (edges that close a cycle left out); with the graph it was read from. */
export function flowColumns(model: StreamModel): { graph: FlowGraph; column: number[] } {
    const graph = new FlowGraph(model.steps.length, model.edges);
    const column = new Array<number>(model.steps.length).fill(0);
    for (const step of graph.topologicalOrder) {
        for (const edge of graph.keptOutgoing(step)) {
            const target = model.edges[edge].to;
            column[target] = Math.max(column[target], column[step] + 1);
        }
    }
    return { graph, column };
}

/** The stream's identification, as the map's header says it. */
export function headerCard(model: StreamModel, box: Box): HeaderCard {
    return {
        box,
        title: model.title ?? model.name,
        recipient: model.identification.recipient,
        start: model.identification.start,
        end: model.identification.end,
        measure: model.identification.measure,
        improves: model.improves
    };
}
