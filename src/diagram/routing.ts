/** How each edge runs: forward edges through the channels between columns, rework and cycles back along the gutters. */
import { formatDuration, formatPercent } from '../analysis/figures.js';
import type { FlowEdgeModel, ReworkModel, StreamModel } from '../analysis/stream-model.js';
import { Dimensions as D } from './dimensions.js';
import { columnX, rowY, type Grid, type PathMarks } from './grid.js';
import type { EdgeLayout, Point } from './layout-model.js';
import { DIAMOND } from './step-layout.js';

/** The point `distance` along a route from its start: where an edge's badge sits. */
function alongRoute(points: Point[], distance: number): Point {
    let left = distance;
    for (let index = 1; index < points.length; index++) {
        const [from, to] = [points[index - 1], points[index]];
        const length = Math.abs(to.x - from.x) + Math.abs(to.y - from.y);
        if (length >= left) {
            return { x: from.x + Math.sign(to.x - from.x) * left, y: from.y + Math.sign(to.y - from.y) * left };
        }
        left -= length;
    }
    return points[points.length - 1];
}

export function edgeTooltip(model: StreamModel, edge: FlowEdgeModel): string {
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
    if (edge.share !== undefined) {
        parts.push(`${formatPercent(edge.share)} of the items take this way`);
    }
    if (edge.cycle) {
        parts.push('closes a flow cycle');
    }
    return parts.join(' · ');
}

export function reworkTooltip(model: StreamModel, rework: ReworkModel): string {
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
export class Router {
    private readonly channelUse = new Map<number, number>();
    private readonly gutterUse = new Map<string, number>();
    private readonly outgoingUsed = new Map<number, number>();
    private readonly incomingUsed = new Map<number, number>();
    private readonly outgoingCount = new Map<number, number>();
    private readonly incomingCount = new Map<number, number>();

    constructor(
        private readonly grid: Grid,
        forwardEdges: FlowEdgeModel[],
        /** Steps that decide: their ways leave from one point, under the diamond, and fork in the channel. */
        private readonly decides: ReadonlySet<number>
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
        const top = row < 0 ? this.grid.laneTops[lane] : rowY(this.grid, lane, row) + this.grid.stepHeight;
        // The lower half of a gutter holds the wait markers of the row below it.
        const tracks = Math.max(1, Math.floor((D.rowGutter / 2 - 4) / 6));
        return top + 4 + (slot % tracks) * 6;
    }

    /** Spreads the edges leaving (or entering) one side of a box around its middle. */
    private port(used: Map<number, number>, counts: Map<number, number>, step: number): number {
        const slot = used.get(step) ?? 0;
        used.set(step, slot + 1);
        const count = counts.get(step) ?? 1;
        return ((slot % 7) - (Math.min(count, 7) - 1) / 2) * 8;
    }

    forward(model: StreamModel, edge: FlowEdgeModel, marks: PathMarks): EdgeLayout {
        const source = this.grid.cells[edge.from],
            target = this.grid.cells[edge.to];
        const decision = this.decides.has(edge.from);
        const exit = decision ? 0 : this.port(this.outgoingUsed, this.outgoingCount, edge.from);
        const entry = this.port(this.incomingUsed, this.incomingCount, edge.to);
        const start: Point = {
            x: columnX(source.column) + D.stepWidth,
            y: rowY(this.grid, source.lane, source.row) + this.grid.stepHeight / 2 + exit
        };
        const end: Point = {
            x: columnX(target.column),
            y: rowY(this.grid, target.lane, target.row) + this.grid.stepHeight / 2 + entry
        };
        const points: Point[] = [start];
        const firstTrack = this.channelTrack(source.column + 1);
        if (target.column === source.column + 1) {
            points.push({ x: firstTrack, y: start.y }, { x: firstTrack, y: end.y });
        } else {
            // A long edge runs along the gutter above its target's row.
            const gutterY = this.gutterTrack(target.lane, target.row - 1);
            const lastTrack = this.channelTrack(target.column);
            points.push(
                { x: firstTrack, y: start.y },
                { x: firstTrack, y: gutterY },
                { x: lastTrack, y: gutterY },
                { x: lastTrack, y: end.y }
            );
        }
        points.push(end);
        const route = simplify(points);
        return {
            kind: edge.kind,
            from: model.steps[edge.from].name,
            to: model.steps[edge.to].name,
            points: route,
            label: edge.kind === 'handoff' ? handoffLabel(edge) : undefined,
            tooltip: edgeTooltip(model, edge),
            badgeAt: alongRoute(route, badgeDistance(route, decision)),
            critical: marks.critical.edges.has(edge.index),
            typical: marks.typical.edges.has(edge.index),
            share:
                decision && edge.share !== undefined
                    ? { fraction: edge.share, text: formatPercent(edge.share) }
                    : undefined,
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
        const start: Point = { x: sourceBox.x + D.stepWidth / 2 + 14, y: sourceBox.y + this.grid.stepHeight };
        const end: Point = { x: targetBox.x + D.stepWidth / 2 - 14, y: targetBox.y + this.grid.stepHeight };
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
            badgeAt: alongRoute(points, BADGE_OFFSET),
            critical: false,
            typical: false,
            range: edge.range
        };
    }
}

/** How far along its route from the source an edge's badge sits: off the box, before the first turn. */
const BADGE_OFFSET = 10;

/** A decision's ways share their first stretch, under the diamond: the badge of each goes where it has left the others. */
function badgeDistance(route: Point[], decision: boolean): number {
    if (!decision) {
        return BADGE_OFFSET;
    }
    return route.length > 2 ? route[1].x - route[0].x + BADGE_OFFSET : DIAMOND + BADGE_OFFSET;
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
