/**
 * The value stream map's layout: one horizontal swimlane per owner, steps left to right in
 * flow order (a column per longest-path rank), edges routed orthogonally through the empty
 * channels between columns and the gutters between rows, so that no edge crosses a box. It is
 * deterministic and linear in the size of the stream, and appending a step never moves the
 * steps already placed (lanes keep their order of first appearance, columns their rank).
 */
import { FlowGraph } from '../analysis/flow-graph.js';
import { formatDuration, formatPercent, formatShare } from '../analysis/figures.js';
import type { FlowEdgeModel, ReworkModel, StepModel, StreamModel } from '../analysis/stream-model.js';
import type { EdgeLayout, LadderLayout, LaneLayout, Point, StepLayout, StreamLayout } from './layout-model.js';

export const Dimensions = {
    margin: 16,
    headerHeight: 84,
    laneLabelWidth: 150,
    columnGap: 132,
    stepWidth: 176,
    stepHeight: 96,
    rowGutter: 40,
    ladderHeight: 96,
    totalsWidth: 230,
    /** Spacing of parallel edge segments in a channel or a gutter. */
    track: 8
} as const;

const D = Dimensions;

/** Where each step sits on the grid. */
interface Cell {
    lane: number;
    column: number;
    row: number;
}

export function layoutStream(model: StreamModel): StreamLayout {
    const cells = placeSteps(model);
    const laneRows = model.lanes.map(lane => Math.max(1, ...lane.steps.map(step => cells[step].row + 1)));
    const laneTops: number[] = [];
    let y = D.margin + D.headerHeight;
    for (const rows of laneRows) {
        laneTops.push(y);
        y += rows * (D.stepHeight + D.rowGutter) + D.rowGutter;
    }
    const lanesBottom = y;
    const columns = Math.max(1, ...cells.map(cell => cell.column + 1));
    // The grid ends with one more channel, where rework into the last column can turn.
    const gridRight = columnX(columns);
    const width = gridRight + D.totalsWidth + D.margin;
    const grid: Grid = { cells, laneTops };

    const critical = new Set(model.criticalPath);
    const steps = model.steps.map((step, index) => stepLayout(step, cells[index], grid, critical.has(index)));
    const lanes: LaneLayout[] = model.lanes.map((lane, index) => ({
        label: lane.owner ? (lane.owner.title ?? lane.owner.name) : 'No owner',
        unowned: !lane.owner,
        x: D.margin,
        y: laneTops[index],
        width: gridRight - D.margin,
        height: laneRows[index] * (D.stepHeight + D.rowGutter) + D.rowGutter
    }));
    const criticalEdges = new Set(model.criticalEdges);
    const router = new Router(
        grid,
        model.edges.filter(edge => !edge.cycle)
    );
    const edges = [
        ...model.edges.map(edge =>
            edge.cycle
                ? router.backward(model, edge, { kind: edge.kind, label: 'cycle', tooltip: edgeTooltip(model, edge) })
                : router.forward(model, edge, criticalEdges.has(edge.index))
        ),
        ...model.reworks.map(rework =>
            router.backward(model, rework, {
                kind: 'rework',
                label: rework.rate === undefined ? 'rate?' : formatPercent(rework.rate),
                tooltip: reworkTooltip(model, rework)
            })
        )
    ];
    return {
        name: model.name,
        header: {
            title: model.title ?? model.name,
            recipient: model.identification.recipient,
            start: model.identification.start,
            end: model.identification.end,
            measure: model.identification.measure,
            improves: model.improves
        },
        width,
        height: lanesBottom + D.ladderHeight + D.margin,
        lanes,
        steps,
        edges,
        ladder: ladder(model, steps, lanesBottom, gridRight),
        metrics: model.metrics,
        workdayHours: model.workdayHours,
        findings: model.findings,
        range: model.range
    };
}

interface Grid {
    cells: Cell[];
    laneTops: number[];
}

function columnX(column: number): number {
    return D.margin + D.laneLabelWidth + D.columnGap + column * (D.stepWidth + D.columnGap);
}

function rowY(grid: Grid, lane: number, row: number): number {
    return grid.laneTops[lane] + D.rowGutter + row * (D.stepHeight + D.rowGutter);
}

/** Columns by longest-path rank along the flow; rows stack the steps of one lane and column. */
function placeSteps(model: StreamModel): Cell[] {
    const graph = new FlowGraph(model.steps.length, model.edges);
    const column = new Array<number>(model.steps.length).fill(0);
    for (const step of graph.topologicalOrder) {
        for (const edge of graph.keptOutgoing(step)) {
            const target = model.edges[edge].to;
            column[target] = Math.max(column[target], column[step] + 1);
        }
    }
    const laneOf = new Array<number>(model.steps.length).fill(0);
    model.lanes.forEach((lane, index) =>
        lane.steps.forEach(step => {
            laneOf[step] = index;
        })
    );
    const used = new Map<string, number>();
    return model.steps.map((_, step) => {
        const key = `${laneOf[step]}:${column[step]}`;
        const row = used.get(key) ?? 0;
        used.set(key, row + 1);
        return { lane: laneOf[step], column: column[step], row };
    });
}

function stepLayout(step: StepModel, cell: Cell, grid: Grid, critical: boolean): StepLayout {
    const x = columnX(cell.column),
        y = rowY(grid, cell.lane, cell.row);
    const outside = step.waits
        .filter(wait => wait.outsideControl && wait.cause)
        .map(wait => ({ hours: wait.hours, cause: wait.cause!.title ?? wait.cause!.name }));
    return {
        name: step.name,
        title: step.title ?? step.name,
        lane: cell.lane,
        column: cell.column,
        x,
        y,
        width: D.stepWidth,
        height: D.stepHeight,
        processTime: step.processTime,
        waitTime: step.waitTime,
        completeAccurate: step.completeAccurate,
        systems: step.systems.map(system => system.title ?? system.name),
        kaizens: step.kaizens,
        critical,
        // The wait marker sits in the lower part of the gutter above the box; edges keep to its upper part.
        wait: step.waitTime > 0 ? { hours: step.waitTime, outside, at: { x, y: y - 19 } } : undefined,
        range: step.range
    };
}

function edgeTooltip(model: StreamModel, edge: FlowEdgeModel): string {
    const from = model.steps[edge.from],
        to = model.steps[edge.to];
    const parts = [`${edge.kind} ${from.name} → ${to.name}`];
    if (edge.carries.length > 0) {
        parts.push(`carries ${edge.carries.join(', ')}`);
    }
    if (edge.via) {
        parts.push(`via ${edge.via.title ?? edge.via.name}`);
    }
    if (edge.waitTime > 0) {
        parts.push(`waits ${formatDuration(edge.waitTime, model.workdayHours)}`);
    }
    if (edge.completeAccurate < 1) {
        parts.push(`${formatPercent(edge.completeAccurate)} complete and accurate`);
    }
    if (edge.cycle) {
        parts.push('closes a flow cycle');
    }
    return parts.join(' · ');
}

function reworkTooltip(model: StreamModel, rework: ReworkModel): string {
    const parts = [`rework ${model.steps[rework.from].name} → ${model.steps[rework.to].name}`];
    parts.push(rework.rate === undefined ? 'rate not measured' : `${formatPercent(rework.rate)} of the work goes back`);
    if (rework.reason) {
        parts.push(rework.reason);
    }
    if (rework.addedHours > 0) {
        parts.push(`adds about ${formatDuration(rework.addedHours, model.workdayHours)} in expectation`);
    }
    return parts.join(' · ');
}

/**
 * Routes edges through channels (the gaps between columns) and gutters (the gaps between
 * rows), which hold no boxes. Parallel segments take successive tracks so they stay apart.
 */
class Router {
    private readonly channelUse = new Map<number, number>();
    private readonly gutterUse = new Map<string, number>();
    private readonly outgoingUsed = new Map<number, number>();
    private readonly incomingUsed = new Map<number, number>();
    private readonly outgoingCount = new Map<number, number>();
    private readonly incomingCount = new Map<number, number>();

    constructor(
        private readonly grid: Grid,
        forwardEdges: FlowEdgeModel[]
    ) {
        for (const edge of forwardEdges) {
            this.outgoingCount.set(edge.from, (this.outgoingCount.get(edge.from) ?? 0) + 1);
            this.incomingCount.set(edge.to, (this.incomingCount.get(edge.to) ?? 0) + 1);
        }
    }

    private channelTrack(column: number): number {
        const slot = this.channelUse.get(column) ?? 0;
        this.channelUse.set(column, slot + 1);
        const tracks = Math.floor((D.columnGap - 40) / D.track);
        return columnX(column) - D.columnGap + 12 + (slot % tracks) * D.track;
    }

    /** A track in the gutter below row `row` of lane `lane` (row −1: the gutter at the lane's top). */
    private gutterTrack(lane: number, row: number): number {
        const key = `${lane}:${row}`;
        const slot = this.gutterUse.get(key) ?? 0;
        this.gutterUse.set(key, slot + 1);
        const top = row < 0 ? this.grid.laneTops[lane] : rowY(this.grid, lane, row) + D.stepHeight;
        // The lower half of a gutter holds the wait markers of the row below it.
        const tracks = Math.max(1, Math.floor((D.rowGutter / 2 - 4) / 6));
        return top + 4 + (slot % tracks) * 6;
    }

    /** Spreads the edges leaving (or entering) one side of a box around its middle. */
    private port(
        used: Map<number, number>,
        counts: Map<number, number>,
        step: number
    ): { offset: number; slot: number; count: number } {
        const slot = used.get(step) ?? 0;
        used.set(step, slot + 1);
        const count = counts.get(step) ?? 1;
        return { offset: ((slot % 7) - (Math.min(count, 7) - 1) / 2) * 8, slot, count };
    }

    forward(model: StreamModel, edge: FlowEdgeModel, critical: boolean): EdgeLayout {
        const source = this.grid.cells[edge.from],
            target = this.grid.cells[edge.to];
        const exit = this.port(this.outgoingUsed, this.outgoingCount, edge.from);
        const entry = this.port(this.incomingUsed, this.incomingCount, edge.to);
        const start: Point = {
            x: columnX(source.column) + D.stepWidth,
            y: rowY(this.grid, source.lane, source.row) + D.stepHeight / 2 + exit.offset
        };
        const end: Point = {
            x: columnX(target.column),
            y: rowY(this.grid, target.lane, target.row) + D.stepHeight / 2 + entry.offset
        };
        const points: Point[] = [start];
        const firstTrack = this.channelTrack(source.column + 1);
        const label = edge.kind === 'handoff' ? handoffLabel(edge) : undefined;
        let labelAt: Point | undefined;
        if (target.column === source.column + 1) {
            points.push({ x: firstTrack, y: start.y }, { x: firstTrack, y: end.y });
            // Entering labels: the first above its line, the last below it; those between only in the tooltip.
            if (entry.slot === 0) {
                labelAt = { x: firstTrack + 6, y: end.y - 6 };
            } else if (entry.slot === entry.count - 1) {
                labelAt = { x: firstTrack + 6, y: end.y + 22 };
            }
        } else {
            // A long edge runs along the gutter above its target's row, and is labelled there.
            const gutterY = this.gutterTrack(target.lane, target.row - 1);
            const lastTrack = this.channelTrack(target.column);
            points.push(
                { x: firstTrack, y: start.y },
                { x: firstTrack, y: gutterY },
                { x: lastTrack, y: gutterY },
                { x: lastTrack, y: end.y }
            );
            labelAt = { x: firstTrack + 6, y: gutterY + 11 };
        }
        points.push(end);
        return {
            kind: edge.kind,
            from: model.steps[edge.from].name,
            to: model.steps[edge.to].name,
            points: simplify(points),
            label,
            tooltip: edgeTooltip(model, edge),
            labelAt: label ? labelAt : undefined,
            critical,
            range: edge.range
        };
    }

    /** Rework and cycle-closing edges: down into the source's gutter, back along it, up into the target from below. */
    backward(
        model: StreamModel,
        edge: { from: number; to: number; range?: EdgeLayout['range'] },
        drawn: Pick<EdgeLayout, 'kind' | 'label' | 'tooltip'>
    ): EdgeLayout {
        const source = this.grid.cells[edge.from],
            target = this.grid.cells[edge.to];
        const sourceBox = { x: columnX(source.column), y: rowY(this.grid, source.lane, source.row) };
        const targetBox = { x: columnX(target.column), y: rowY(this.grid, target.lane, target.row) };
        const start: Point = { x: sourceBox.x + D.stepWidth / 2 + 14, y: sourceBox.y + D.stepHeight };
        const end: Point = { x: targetBox.x + D.stepWidth / 2 - 14, y: targetBox.y + D.stepHeight };
        const sourceGutter = this.gutterTrack(source.lane, source.row);
        const targetGutter =
            source.lane === target.lane && source.row === target.row
                ? sourceGutter
                : this.gutterTrack(target.lane, target.row);
        const channel = this.channelTrack(target.column);
        const points = simplify([
            start,
            { x: start.x, y: sourceGutter },
            { x: channel, y: sourceGutter },
            { x: channel, y: targetGutter },
            { x: end.x, y: targetGutter },
            end
        ]);
        return {
            ...drawn,
            from: model.steps[edge.from].name,
            to: model.steps[edge.to].name,
            points,
            labelAt: { x: Math.min(start.x, channel) + 4, y: sourceGutter - 3 },
            critical: false,
            range: edge.range
        };
    }
}

function handoffLabel(edge: FlowEdgeModel): string | undefined {
    return edge.carries.length > 0 ? edge.carries.join(', ') : undefined;
}

/** Drops points that repeat or lie on a straight line between their neighbours. */
function simplify(points: Point[]): Point[] {
    const result: Point[] = [];
    for (const point of points) {
        const last = result[result.length - 1];
        if (last && last.x === point.x && last.y === point.y) {
            continue;
        }
        const before = result[result.length - 2];
        if (
            before &&
            last &&
            ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))
        ) {
            result[result.length - 1] = point;
            continue;
        }
        result.push(point);
    }
    return result;
}

/** The timeline along the bottom: waits up, process time down, for the steps of the critical path. */
function ladder(model: StreamModel, steps: StepLayout[], top: number, gridRight: number): LadderLayout {
    const segments: LadderLayout['segments'] = [];
    model.criticalPath.forEach((index, position) => {
        const step = steps[index];
        const edge = position > 0 ? model.edges[model.criticalEdges[position - 1]] : undefined;
        const waiting = step.waitTime + (edge?.waitTime ?? 0);
        segments.push({ kind: 'wait', x1: step.x - D.columnGap + 8, x2: step.x, hours: waiting });
        segments.push({ kind: 'process', x1: step.x, x2: step.x + step.width, hours: step.processTime });
    });
    const { metrics } = model;
    return {
        y: top + 16,
        segments,
        totals: [
            { label: 'Lead time', value: formatDuration(metrics.leadTime, model.workdayHours) },
            { label: 'Process time', value: formatDuration(metrics.processTime, model.workdayHours) },
            { label: 'Flow efficiency', value: formatShare(metrics.flowEfficiency) },
            { label: 'Rolled %C&A', value: formatPercent(metrics.rolledCompleteAccurate) },
            { label: 'Expected lead time', value: formatDuration(metrics.expectedLeadTime, model.workdayHours) }
        ],
        totalsX: gridRight
    };
}
