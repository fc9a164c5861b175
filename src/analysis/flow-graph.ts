/**
 * The flow graph of a stream: steps are nodes 0..n-1, handoff and flow links are edges in
 * declaration order. Edges that close a cycle are set aside so that every path computation
 * runs on an acyclic graph and always terminates.
 */

export interface GraphEdge {
    from: number;
    to: number;
}

export interface Path {
    time: number;
    steps: number[];
    edges: number[];
}

/** The kept edges as flat arrays, made once and read by every path computation. */
interface KeptEdges {
    /** The topological order. */
    order: Int32Array;
    /** The kept outgoing edges of step s are `edges[start[s]]` up to `edges[start[s + 1]]`, excluded. */
    start: Int32Array;
    edges: Int32Array;
    /** The target step of every edge, kept or not. */
    targets: Int32Array;
    /** Steps without a kept incoming edge, in declaration order. */
    entries: Int32Array;
}

/** Sums of decimal hours differ in the last bits; closer than this counts as a tie. */
const TIE_TOLERANCE = 1e-9;

function isGreater(a: number, b: number): boolean {
    return a - b > TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

export class FlowGraph {
    readonly outgoing: number[][];
    readonly incoming: number[][];
    /**
     * The edges that close a cycle (found by a depth-first search in declaration order), each
     * with the steps of its cycle from the edge's target on. They are left out of every path.
     */
    readonly cycles = new Map<number, number[]>();
    /** The steps in an order where every kept edge goes forward. */
    readonly topologicalOrder: number[];

    constructor(
        readonly stepCount: number,
        readonly edges: readonly GraphEdge[]
    ) {
        this.outgoing = Array.from({ length: stepCount }, () => []);
        this.incoming = Array.from({ length: stepCount }, () => []);
        edges.forEach((edge, index) => {
            this.outgoing[edge.from].push(index);
            this.incoming[edge.to].push(index);
        });
        this.topologicalOrder = this.searchDepthFirst();
    }

    isKept(edge: number): boolean {
        return !this.cycles.has(edge);
    }

    keptOutgoing(step: number): number[] {
        return this.outgoing[step].filter(edge => this.isKept(edge));
    }

    keptIncoming(step: number): number[] {
        return this.incoming[step].filter(edge => this.isKept(edge));
    }

    /** Marks cycle-closing edges and returns the reverse post-order. Iterative: deep chains must not overflow the stack. */
    private searchDepthFirst(): number[] {
        const unvisited = 0,
            onStack = 1,
            done = 2;
        const state = new Uint8Array(this.stepCount);
        const postOrder: number[] = [];
        const stack: number[] = [];
        const nextEdge: number[] = new Array<number>(this.stepCount).fill(0);
        for (let root = 0; root < this.stepCount; root++) {
            if (state[root] !== unvisited) {
                continue;
            }
            stack.push(root);
            state[root] = onStack;
            while (stack.length > 0) {
                const step = stack[stack.length - 1];
                const out = this.outgoing[step];
                if (nextEdge[step] < out.length) {
                    const edge = out[nextEdge[step]++];
                    const target = this.edges[edge].to;
                    if (state[target] === onStack) {
                        this.cycles.set(edge, stack.slice(stack.lastIndexOf(target)));
                    } else if (state[target] === unvisited) {
                        state[target] = onStack;
                        stack.push(target);
                    }
                } else {
                    stack.pop();
                    state[step] = done;
                    postOrder.push(step);
                }
            }
        }
        return postOrder.reverse();
    }

    /** Steps without a kept incoming edge, in declaration order. */
    entrySteps(): number[] {
        return [...this.kept.entries];
    }

    /**
     * The path of largest time from an entry step to an exit step. Ties go to the path that
     * comes first in declaration order: compared step by step, the earlier-declared step wins,
     * then the earlier-declared edge.
     */
    longestPath(stepTime: (step: number) => number, edgeTime: (edge: number) => number, edgeTaken?: Uint8Array): Path {
        const best = new Float64Array(this.stepCount);
        const bestEdge = new Int32Array(this.stepCount);
        const start = this.longestPathInto(
            Float64Array.from({ length: this.stepCount }, (_, step) => stepTime(step)),
            Float64Array.from({ length: this.edges.length }, (_, edge) => edgeTime(edge)),
            best,
            bestEdge,
            edgeTaken
        );
        if (start < 0) {
            return { time: 0, steps: [], edges: [] };
        }
        const steps = [start];
        const edges: number[] = [];
        for (let edge = bestEdge[start]; edge >= 0; edge = bestEdge[this.edges[edge].to]) {
            edges.push(edge);
            steps.push(this.edges[edge].to);
        }
        return { time: best[start], steps, edges };
    }

    /**
     * The longest path as `longestPath` finds it, into arrays the caller owns, allocating
     * nothing: a forecast runs it once per trial. Fills each step's time to an exit (`best`)
     * and the edge it leaves by on that path (`bestEdge`, -1 at an exit); returns the entry
     * step the path starts at, or -1 when there is none.
     *
     * With `edgeTaken`, only the edges marked 1 in it lead anywhere (the choices of a decision
     * not taken are 0): the path still starts at an entry step of the whole graph, so a step
     * that only an edge not taken leads to is on no path.
     */
    longestPathInto(
        stepTime: ArrayLike<number>,
        edgeTime: ArrayLike<number>,
        best: Float64Array,
        bestEdge: Int32Array,
        edgeTaken?: Uint8Array
    ): number {
        const { order, start, edges, targets, entries } = this.kept;
        for (let i = order.length - 1; i >= 0; i--) {
            const step = order[i];
            let tail = 0;
            let chosen = -1;
            for (let k = start[step]; k < start[step + 1]; k++) {
                const edge = edges[k];
                if (edgeTaken !== undefined && edgeTaken[edge] === 0) {
                    continue;
                }
                const candidate = edgeTime[edge] + best[targets[edge]];
                if (
                    chosen < 0 ||
                    isGreater(candidate, tail) ||
                    (!isGreater(tail, candidate) && this.isEarlier(edge, chosen))
                ) {
                    tail = candidate;
                    chosen = edge;
                }
            }
            bestEdge[step] = chosen;
            best[step] = stepTime[step] + tail;
        }
        let first = -1;
        for (const entry of entries) {
            if (first < 0 || isGreater(best[entry], best[first])) {
                first = entry;
            }
        }
        return first;
    }

    private get kept(): KeptEdges {
        if (!this.keptCache) {
            const start = new Int32Array(this.stepCount + 1);
            const edges: number[] = [];
            const entries: number[] = [];
            for (let step = 0; step < this.stepCount; step++) {
                edges.push(...this.keptOutgoing(step));
                start[step + 1] = edges.length;
                if (this.keptIncoming(step).length === 0) {
                    entries.push(step);
                }
            }
            this.keptCache = {
                order: Int32Array.from(this.topologicalOrder),
                start,
                edges: Int32Array.from(edges),
                targets: Int32Array.from(this.edges, edge => edge.to),
                entries: Int32Array.from(entries)
            };
        }
        return this.keptCache;
    }
    private keptCache?: KeptEdges;

    private isEarlier(edge: number, than: number): boolean {
        const target = this.edges[edge].to,
            otherTarget = this.edges[than].to;
        return target !== otherTarget ? target < otherTarget : edge < than;
    }

    /**
     * Into `reached` (1 or 0 per step): the steps a path from an entry step reaches through kept
     * edges, only those marked in `edgeTaken` when it is given.
     */
    reachInto(reached: Uint8Array, edgeTaken?: Uint8Array): void {
        const { order, start, edges, targets } = this.kept;
        reached.fill(0);
        for (const entry of this.kept.entries) {
            reached[entry] = 1;
        }
        for (const step of order) {
            if (reached[step] === 0) {
                continue;
            }
            for (let k = start[step]; k < start[step + 1]; k++) {
                const edge = edges[k];
                if (edgeTaken === undefined || edgeTaken[edge] === 1) {
                    reached[targets[edge]] = 1;
                }
            }
        }
    }

    /** Position of each step in the topological order. */
    private get positions(): Int32Array {
        if (!this.positionCache) {
            this.positionCache = new Int32Array(this.stepCount);
            this.topologicalOrder.forEach((step, position) => {
                this.positionCache![step] = position;
            });
        }
        return this.positionCache;
    }
    private positionCache?: Int32Array;

    /**
     * The loop of a rework `from -> to`: every step and kept edge on some flow path from `to`
     * back to `from`, both included. Empty when no such path exists. Only steps between the two
     * in topological order can lie on such a path, which keeps local loops cheap in big streams.
     */
    loopBetween(to: number, from: number): { steps: number[]; edges: number[] } {
        const position = this.positions;
        const first = position[to],
            last = position[from];
        if (first > last) {
            return { steps: [], edges: [] };
        }
        const ahead = this.reach(to, step =>
            this.keptOutgoing(step)
                .map(edge => this.edges[edge].to)
                .filter(next => position[next] <= last)
        );
        if (!ahead.has(from)) {
            return { steps: [], edges: [] };
        }
        const behind = this.reach(from, step =>
            this.keptIncoming(step)
                .map(edge => this.edges[edge].from)
                .filter(previous => position[previous] >= first)
        );
        const steps = [...ahead].filter(step => behind.has(step)).sort((a, b) => position[a] - position[b]);
        // An edge leaving a loop step lies on a loop path exactly when its target still reaches `from`.
        const edges = steps.flatMap(step => this.keptOutgoing(step).filter(edge => behind.has(this.edges[edge].to)));
        return { steps, edges };
    }

    /** Time of the longest path through a loop (steps in topological order, as `loopBetween` gives them). */
    longestLoopTime(
        loop: { steps: number[]; edges: number[] },
        stepTime: (step: number) => number,
        edgeTime: (edge: number) => number
    ): number {
        const arrival = new Map<number, number>();
        const inLoop = new Set(loop.edges);
        for (const step of loop.steps) {
            const time = (arrival.get(step) ?? 0) + stepTime(step);
            arrival.set(step, time);
            for (const edge of this.outgoing[step]) {
                if (inLoop.has(edge)) {
                    const target = this.edges[edge].to;
                    arrival.set(target, Math.max(arrival.get(target) ?? 0, time + edgeTime(edge)));
                }
            }
        }
        return loop.steps.length > 0 ? arrival.get(loop.steps[loop.steps.length - 1])! : 0;
    }

    private reach(origin: number, next: (step: number) => number[]): Set<number> {
        const seen = new Set<number>([origin]);
        const queue = [origin];
        while (queue.length > 0) {
            for (const neighbour of next(queue.pop()!)) {
                if (!seen.has(neighbour)) {
                    seen.add(neighbour);
                    queue.push(neighbour);
                }
            }
        }
        return seen;
    }
}
