/**
 * The value stream map's layout: one horizontal swimlane per owner, steps left to right in
 * flow order (a column per longest-path rank), edges routed orthogonally through the empty
 * channels between columns and the gutters between rows, so that no edge crosses a box. It is
 * deterministic and linear in the size of the stream, and appending a step never moves the
 * steps already placed (lanes keep their order of first appearance, columns their rank).
 */
import { FlowGraph } from '../analysis/flow-graph.js';
import { decisionWords, formatDuration, formatPercent, formatShare, formatTime } from '../analysis/figures.js';
import type { FlowEdgeModel, ReworkModel, StepModel, StreamModel } from '../analysis/stream-model.js';
import type { Box, EdgeLayout, LadderLayout, LaneLayout, Point, StepLayout, StreamLayout } from './layout-model.js';
import { placeLabels, type PendingLabel } from './label-placement.js';
import { fitText, wrapText } from './svg-text.js';
import { textWidth, type TextStyle } from './text-width.js';

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

/** The font of each kind of text on the map, as the style sheet (src/theme) draws it: what widths are measured in. */
export const TextStyles = {
    title: { size: 18, weight: 'semibold' },
    headerLine: { size: 12 },
    laneLabel: { size: 12, weight: 'semibold' },
    stepTitle: { size: 12, weight: 'semibold' },
    data: { size: 11 },
    edgeLabel: { size: 10 },
    shareLabel: { size: 10, weight: 'semibold' },
    reworkLabel: { size: 10, weight: 'semibold' },
    wait: { size: 10 },
    outside: { size: 10, weight: 'semibold' },
    ladder: { size: 10 },
    totalValue: { size: 10, weight: 'semibold' }
} as const satisfies Record<string, TextStyle>;

/** Lines of a lane's label, 15 px apart, the first baseline 22 px below the lane's top. */
const LANE_LABEL = { left: 10, baseline: 22, lineHeight: 15, maxLines: 3 } as const;
/**
 * The ways an edge label may wrap, tried in this order: two lines as wide as the channel
 * between two columns allows, then narrower and taller ones that fit beside another edge's line.
 */
const EDGE_LABEL_WRAPPINGS = [
    { width: D.columnGap - 20, lines: 2 },
    { width: 84, lines: 3 },
    { width: 60, lines: 3 }
] as const;

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
    const totals = ladderTotals(model);
    const totalsWidth = totalsColumnWidth(totals);
    const width = gridRight + totalsWidth + D.margin;
    const grid: Grid = { cells, laneTops };

    const marks = pathMarks(model);
    const steps = model.steps.map((step, index) => stepLayout(step, cells[index], grid, marks, model.workdayHours));
    const lanes: LaneLayout[] = model.lanes.map((lane, index) =>
        laneLayout(lane.owner ? (lane.owner.title ?? lane.owner.name) : undefined, {
            x: D.margin,
            y: laneTops[index],
            width: gridRight - D.margin,
            height: laneRows[index] * (D.stepHeight + D.rowGutter) + D.rowGutter
        })
    );
    const router = new Router(
        grid,
        model.edges.filter(edge => !edge.cycle),
        marks.decides
    );
    const edges = [
        ...model.edges.map(edge =>
            edge.cycle
                ? router.backward(model, edge, { kind: edge.kind, label: 'cycle', tooltip: edgeTooltip(model, edge) })
                : router.forward(model, edge, marks)
        ),
        ...model.reworks.map(rework =>
            router.backward(model, rework, {
                kind: 'rework',
                label: rework.rate === undefined ? 'rate?' : formatPercent(rework.rate),
                tooltip: reworkTooltip(model, rework)
            })
        )
    ];
    const header = {
        x: D.margin,
        y: D.margin,
        width: Math.min(width - 2 * D.margin, 760),
        height: D.headerHeight - 12
    };
    placeEdgeLabels(edges, {
        bounds: {
            x: D.margin,
            y: D.margin + D.headerHeight,
            width: gridRight - D.margin,
            height: lanesBottom - D.margin - D.headerHeight
        },
        obstacles: [header, ...lanes.map(lane => lane.labelBox), ...steps.flatMap(stepObstacles)]
    });
    const timeline = ladder(model, steps, lanesBottom, { totals, x: gridRight, width: totalsWidth });
    return {
        name: model.name,
        header: {
            box: header,
            title: model.title ?? model.name,
            recipient: model.identification.recipient,
            start: model.identification.start,
            end: model.identification.end,
            measure: model.identification.measure,
            improves: model.improves
        },
        width,
        height: lanesBottom + ladderHeight(timeline.totals.length) + D.margin,
        lanes,
        steps,
        edges,
        ladder: timeline,
        metrics: model.metrics,
        decisions: model.decisions.map(decision => decisionWords(model, decision, step => step.title ?? step.name)),
        workdayHours: model.workdayHours,
        findings: model.findings,
        range: model.range
    };
}

interface Grid {
    cells: Cell[];
    laneTops: number[];
}

/** Which steps and edges are on the critical path and on the typical one, and which steps decide. */
interface PathMarks {
    critical: { steps: ReadonlySet<number>; edges: ReadonlySet<number> };
    /** Empty without decisions: the typical path is then the critical path, and marking it twice says nothing. */
    typical: { steps: ReadonlySet<number>; edges: ReadonlySet<number> };
    decides: ReadonlySet<number>;
}

function pathMarks(model: StreamModel): PathMarks {
    const withDecisions = model.decisions.length > 0;
    return {
        critical: { steps: new Set(model.criticalPath), edges: new Set(model.criticalEdges) },
        typical: {
            steps: new Set(withDecisions ? model.typicalPath : []),
            edges: new Set(withDecisions ? model.typicalEdges : [])
        },
        decides: new Set(model.decisions.map(decision => decision.step))
    };
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

function stepLayout(step: StepModel, cell: Cell, grid: Grid, marks: PathMarks, workdayHours: number): StepLayout {
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
        times: `PT ${formatTime(step.process, workdayHours)} · WT ${formatTime(step.wait, workdayHours)}`,
        completeAccurate: step.completeAccurate,
        systems: step.systems.map(system => system.title ?? system.name),
        kaizens: step.kaizens,
        critical: marks.critical.steps.has(step.index),
        typical: marks.typical.steps.has(step.index),
        decision: marks.decides.has(step.index) ? decisionMark(x, y) : undefined,
        // The wait marker sits in the lower part of the gutter above the box; edges keep to its upper part.
        wait:
            step.waitTime > 0 || step.inventory ? waitMarker(step, outside, { x, y: y - 19 }, workdayHours) : undefined,
        range: step.range
    };
}

function laneLayout(owner: string | undefined, box: Box): LaneLayout {
    const label = owner ?? 'No owner';
    const lines = wrapText(label, TextStyles.laneLabel, D.laneLabelWidth - 2 * LANE_LABEL.left, LANE_LABEL.maxLines);
    // A lane without an owner says what to do under its label.
    const drawn = owner === undefined ? [...lines, 'add an owner'] : lines;
    return {
        ...box,
        label,
        labelLines: lines,
        labelBox: {
            x: box.x + LANE_LABEL.left,
            y: box.y + LANE_LABEL.baseline - 13,
            width: Math.max(...drawn.map(line => textWidth(line, TextStyles.laneLabel))),
            height: drawn.length * LANE_LABEL.lineHeight + 2
        },
        unowned: owner === undefined
    };
}

/**
 * "waits 24 h", the inventory triangle with its count, then the waits on others in what room
 * the step's width leaves.
 */
function waitMarker(
    step: StepModel,
    outside: Array<{ hours: number; cause: string }>,
    at: Point,
    workdayHours: number
): StepLayout['wait'] {
    const total = step.waitTime > 0 ? `waits ${formatTime(step.wait, workdayHours)}` : undefined;
    let right = at.x + (total ? 20 + textWidth(total, TextStyles.wait) : 0);
    const inventory = step.inventory && {
        count: String(step.inventory.items),
        at: { x: right + (total ? 8 : 0), y: at.y }
    };
    if (inventory) {
        right = inventory.at.x + INVENTORY_TRIANGLE + 3 + textWidth(inventory.count, TextStyles.wait);
    }
    const outsideText = outside.length
        ? fitText(
              outside.map(wait => `${formatDuration(wait.hours, workdayHours)} on ${wait.cause}`).join(', '),
              TextStyles.outside,
              at.x + D.stepWidth - 8 - right
          ) || undefined
        : undefined;
    const width = right - at.x + (outsideText ? 8 + textWidth(outsideText, TextStyles.outside) : 0);
    return {
        hours: step.waitTime,
        outside,
        at,
        total,
        outsideText,
        inventory,
        box: { x: at.x, y: at.y - 1, width, height: 16 }
    };
}

/** The width of the inventory triangle drawn before its count. */
export const INVENTORY_TRIANGLE = 14;

/** Half the width of a decision's diamond, which sits astride the middle of its step's right side. */
const DIAMOND = 7;

/**
 * A decision is marked as flowcharts (and BPMN's exclusive gateway) mark one: a diamond, here at
 * the step's exit, its ways leaving from under it.
 */
function decisionMark(x: number, y: number): Box {
    return { x: x + D.stepWidth - DIAMOND, y: y + D.stepHeight / 2 - DIAMOND, width: 2 * DIAMOND, height: 2 * DIAMOND };
}

/** What edge labels keep clear of around a step: its box, its wait marker, its kaizen burst, its decision's diamond. */
function stepObstacles(step: StepLayout): Box[] {
    const kaizen =
        step.kaizens.length > 0 ? [{ x: step.x + step.width - 17, y: step.y - 15, width: 22, height: 22 }] : [];
    return [
        { x: step.x - 1, y: step.y - 1, width: step.width + 2, height: step.height + 2 },
        ...(step.wait ? [step.wait.box] : []),
        ...kaizen,
        ...(step.decision ? [step.decision] : [])
    ];
}

/**
 * The shares of decisions first, near their decision where each way has left the others (short,
 * and what a decision says), then the labels of handoffs (the longest), then rework rates; one
 * that finds no room stays in the tooltip.
 */
function placeEdgeLabels(edges: EdgeLayout[], area: Parameters<typeof placeLabels>[0]): void {
    const shares = edges.flatMap(edge => (edge.share ? [{ edge, share: edge.share }] : []));
    const labelled = edges.flatMap(edge => (edge.label ? [{ edge, label: edge.label }] : []));
    const pending: PendingLabel[] = [
        ...shares.map(({ edge, share }) => ({
            edge,
            wrappings: [[share.text]],
            style: TextStyles.shareLabel,
            near: 'source' as const,
            // A way that turns shares its first stretch with the others: its share goes where it has left them.
            skip: edge.points.length > 2 ? 1 : 0
        })),
        ...labelled.flatMap(({ edge, label }) => {
            const style = edge.kind === 'rework' ? TextStyles.reworkLabel : TextStyles.edgeLabel;
            const wrappings = EDGE_LABEL_WRAPPINGS.map(({ width, lines }) =>
                wrapText(label, style, width, lines)
            ).filter(
                (lines, index, all) =>
                    lines.length > 0 && all.findIndex(other => other.join('\n') === lines.join('\n')) === index
            );
            return wrappings.length > 0 ? [{ edge, wrappings, style, near: 'target' as const }] : [];
        })
    ];
    placeLabels(area, edges, pending).forEach((placed, index) => {
        const { edge } = pending[index];
        if (index < shares.length) {
            edge.share!.box = placed?.box;
            if (!placed) {
                edge.tooltip += ` · share "${edge.share!.text}" not drawn: no room beside the arrow`;
            }
        } else if (placed) {
            edge.labelLines = placed.lines;
            edge.labelBox = placed.box;
        } else {
            edge.tooltip += ` · label "${edge.label}" not drawn: no room beside the arrow`;
        }
    });
}

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
    if (edge.share !== undefined) {
        parts.push(`${formatPercent(edge.share)} of the items take this way`);
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
        const top = row < 0 ? this.grid.laneTops[lane] : rowY(this.grid, lane, row) + D.stepHeight;
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
            y: rowY(this.grid, source.lane, source.row) + D.stepHeight / 2 + exit
        };
        const end: Point = {
            x: columnX(target.column),
            y: rowY(this.grid, target.lane, target.row) + D.stepHeight / 2 + entry
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

/** The timeline along the bottom: waits up, process time down, for the steps of the critical path. */
function ladder(
    model: StreamModel,
    steps: StepLayout[],
    top: number,
    column: Pick<LadderLayout, 'totals'> & { x: number; width: number }
): LadderLayout {
    const segments: LadderLayout['segments'] = [];
    model.criticalPath.forEach((index, position) => {
        const step = steps[index];
        const edge = position > 0 ? model.edges[model.criticalEdges[position - 1]] : undefined;
        const waiting = step.waitTime + (edge?.waitTime ?? 0);
        segments.push({ kind: 'wait', step: step.name, x1: step.x - D.columnGap + 8, x2: step.x, hours: waiting });
        segments.push({
            kind: 'process',
            step: step.name,
            x1: step.x,
            x2: step.x + step.width,
            hours: step.processTime
        });
    });
    return { y: top + 16, segments, totals: column.totals, totalsX: column.x, totalsWidth: column.width };
}

/**
 * The figures beside the ladder; with ranges, the lead time at best and worst; with decisions,
 * the typical lead time and the share of items it holds for; with a target, whether it is met.
 */
function ladderTotals({ metrics, workdayHours, decisions }: StreamModel): LadderLayout['totals'] {
    const duration = (hours: number) => formatDuration(hours, workdayHours);
    const totals: LadderLayout['totals'] = [
        { label: 'Lead time', value: duration(metrics.leadTime) },
        { label: 'Process time', value: duration(metrics.processTime) },
        { label: 'Flow efficiency', value: formatShare(metrics.flowEfficiency) },
        { label: 'Rolled %C&A', value: formatPercent(metrics.rolledCompleteAccurate) },
        { label: 'Expected lead time', value: duration(metrics.expectedLeadTime) }
    ];
    if (metrics.bestLeadTime !== metrics.worstLeadTime) {
        totals.push({
            label: 'Best to worst',
            value: formatTime(
                { low: metrics.bestLeadTime, likely: metrics.leadTime, high: metrics.worstLeadTime },
                workdayHours
            )
        });
    }
    if (decisions.length > 0) {
        totals.push(
            { label: 'Typical lead time', value: duration(metrics.typicalLeadTime) },
            { label: 'Typical share', value: formatPercent(metrics.typicalShare) }
        );
    }
    if (metrics.target !== null) {
        const met = metrics.leadTime <= metrics.target + 1e-9;
        totals.push({
            label: 'Target',
            value: `${duration(metrics.target)} ${met ? '✓ met' : `✗ missed by ${duration(metrics.leadTime - metrics.target)}`}`,
            verdict: met ? 'met' : 'missed'
        });
    }
    return totals;
}

/** The column beside the ladder: as wide as its longest figure (a missed target says by how much), never narrower than the default. */
function totalsColumnWidth(totals: LadderLayout['totals']): number {
    const widest = Math.max(...totals.map(total => textWidth(total.value, TextStyles.totalValue)));
    return Math.max(D.totalsWidth, Math.ceil(TOTALS_VALUE_X + widest + 8));
}

/** Where a figure's value starts in the totals column, after its label. */
export const TOTALS_VALUE_X = 128;

/** The ladder's height: its two rungs, and a line for each figure beside it. */
function ladderHeight(totals: number): number {
    return Math.max(D.ladderHeight, 24 + totals * TOTAL_LINE);
}

/** The lines of the figures beside the ladder. */
export const TOTAL_LINE = 14;
