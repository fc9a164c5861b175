/**
 * The contract's metrics on a stream's flow graph: lead time along the critical path,
 * process time, flow efficiency, rolled %C&A, effort, handoffs, wait outside control and the
 * expected lead time with rework loops.
 */
import { FlowGraph } from './flow-graph.js';
import type {
    DecisionModel,
    FlowEdgeModel,
    ReworkModel,
    StepFigures,
    StepModel,
    StreamMetrics
} from './stream-model.js';

export interface FlowAnalysis {
    graph: FlowGraph;
    /** Every metric but `handoffs`, which counts declarations rather than graph edges. */
    metrics: Omit<StreamMetrics, 'handoffs'>;
    criticalPath: number[];
    criticalEdges: number[];
    /** The critical path of the typical stream (each decision's typical edge only). */
    typicalPath: number[];
    typicalEdges: number[];
    stepFigures: StepFigures[];
    /** Per rework: its loop and the hours it adds in expectation. */
    loops: Array<{ steps: number[]; edges: number[]; addedHours: number }>;
}

export function stepTime(step: StepModel): number {
    return step.waitTime + step.processTime;
}

/**
 * `target`: the stream's target lead time in hours, when it has one. The figures of the contract
 * ignore decisions (the critical path is the longest, whichever edges it takes); the typical
 * figures follow each decision's typical edge.
 */
export function analyseFlow(
    steps: StepModel[],
    edges: FlowEdgeModel[],
    reworks: ReworkModel[],
    decisions: DecisionModel[],
    target?: number
): FlowAnalysis {
    const graph = new FlowGraph(steps.length, edges);
    const critical = graph.longestPath(
        step => stepTime(steps[step]),
        edge => edges[edge].waitTime
    );
    const leadTime = critical.time;
    const processTime = sum(critical.steps.map(step => steps[step].processTime));
    const rolledCompleteAccurate =
        product(critical.steps.map(step => steps[step].completeAccurate)) *
        product(critical.edges.map(edge => edges[edge].completeAccurate));

    const expected = expectedTimes(graph, steps, edges, reworks);
    const expectedLeadTime = graph.longestPath(
        step => expected.stepTime[step],
        edge => expected.edgeTime[edge]
    ).time;

    const typical = typicalStream(graph, edges, decisions);
    const typicalPath =
        decisions.length === 0
            ? critical
            : graph.longestPath(
                  step => stepTime(steps[step]),
                  edge => edges[edge].waitTime,
                  typical.edgeTaken
              );

    const onCriticalPath = new Set(critical.steps);
    const stepFigures = steps.map((step, index): StepFigures => ({
        time: stepTime(step),
        shareOfLeadTime: leadTime > 0 ? stepTime(step) / leadTime : 0,
        onCriticalPath: onCriticalPath.has(index),
        expectedTime: expected.stepTime[index]
    }));

    return {
        graph,
        criticalPath: critical.steps,
        criticalEdges: critical.edges,
        typicalPath: typicalPath.steps,
        typicalEdges: typicalPath.edges,
        stepFigures,
        loops: expected.loops,
        metrics: {
            leadTime,
            processTime,
            flowEfficiency: leadTime > 0 ? processTime / leadTime : null,
            rolledCompleteAccurate,
            effort: sum(steps.map(step => step.processTime)),
            waitOutsideControl: sum(
                steps.flatMap(step => step.waits.filter(wait => wait.outsideControl).map(wait => wait.hours))
            ),
            expectedLeadTime,
            criticalPath: critical.steps.map(step => steps[step].name),
            bestLeadTime: graph.longestPath(
                step => steps[step].wait.low + steps[step].process.low,
                edge => edges[edge].wait.low
            ).time,
            worstLeadTime: graph.longestPath(
                step => steps[step].wait.high + steps[step].process.high,
                edge => edges[edge].wait.high
            ).time,
            target: target ?? null,
            typicalLeadTime: typicalPath.time,
            typicalPath: typicalPath.steps.map(step => steps[step].name),
            typicalShare: product(
                decisions
                    .filter(decision => typical.reached[decision.step] === 1)
                    .map(decision => edges[decision.typical].share!)
            )
        }
    };
}

/**
 * The stream without the decisions' other edges: the edges it takes (1 per edge), and the steps
 * still reached from an entry step.
 */
function typicalStream(
    graph: FlowGraph,
    edges: FlowEdgeModel[],
    decisions: DecisionModel[]
): { edgeTaken: Uint8Array; reached: Uint8Array } {
    const edgeTaken = new Uint8Array(edges.length).fill(1);
    for (const decision of decisions) {
        for (const edge of decision.edges) {
            edgeTaken[edge] = edge === decision.typical ? 1 : 0;
        }
    }
    const reached = new Uint8Array(graph.stepCount);
    graph.reachInto(reached, edgeTaken);
    return { edgeTaken, reached };
}

/**
 * Each pass through a loop repeats with probability r, so everything in it takes 1/(1−r) as
 * long in expectation; overlapping loops multiply. A rework's own wait adds r/(1−r) × w to
 * the step it returns to.
 */
function expectedTimes(graph: FlowGraph, steps: StepModel[], edges: FlowEdgeModel[], reworks: ReworkModel[]) {
    const stepFactor = new Float64Array(steps.length).fill(1);
    const edgeFactor = new Float64Array(edges.length).fill(1);
    const stepExtra = new Float64Array(steps.length);
    const loops = reworks.map(rework => {
        const loop = graph.loopBetween(rework.to, rework.from);
        if (rework.rate === undefined) {
            return { ...loop, addedHours: 0 };
        }
        const factor = 1 / (1 - rework.rate);
        const repeats = rework.rate / (1 - rework.rate);
        loop.steps.forEach(step => {
            stepFactor[step] *= factor;
        });
        loop.edges.forEach(edge => {
            edgeFactor[edge] *= factor;
        });
        stepExtra[rework.to] += repeats * rework.waitTime;
        const passTime = graph.longestLoopTime(
            loop,
            step => stepTime(steps[step]),
            edge => edges[edge].waitTime
        );
        return { ...loop, addedHours: repeats * (passTime + rework.waitTime) };
    });
    return {
        loops,
        stepTime: steps.map((step, index) => stepTime(step) * stepFactor[index] + stepExtra[index]),
        edgeTime: edges.map((edge, index) => edge.waitTime * edgeFactor[index])
    };
}

function sum(values: number[]): number {
    return values.reduce((total, value) => total + value, 0);
}

function product(values: number[]): number {
    return values.reduce((total, value) => total * value, 1);
}
