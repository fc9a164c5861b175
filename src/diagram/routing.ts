/** How each edge runs: forward edges through the channels between columns, rework and cycles back along the gutters. */
import { formatDuration, formatPercent } from '../analysis/figures.js';
import type { FlowEdgeModel, ReworkModel, StreamModel } from '../analysis/stream-model.js';
import { Dimensions as D } from './dimensions.js';
import { placeBadges } from './badge-placement.js';
import { LABEL_ROOM } from './label-placement.js';
import { withMark } from './notes-layout.js';
import { columnX, rowY, type Cell, type Grid, type PathMarks, type TrackRoom } from './grid.js';
import type { Box, EdgeLayout, Point } from './layout-model.js';
import { bottomOffsets, SIDE_PITCH, SIDE_REACH, sideOffsets, sidePitch } from './ports.js';
import {
    assignTracks,
    channelSpan,
    claim,
    gutterSpan,
    needsMoreRoom,
    roomFor,
    trackPosition,
    type Claim
} from './tracks.js';

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

/** How far below a box its rework lines turn: room for the arrowhead on a straight stem. */
const REWORK_DEPTH = 16;
/** How far below its box a self-loop turns: room inside the loop for its rate. */
const SELF_LOOP_DEPTH = 28;
/** How often the router widens the grid and routes again: the tracks a claim takes depend only on the order of things, so once is enough. */
const ROUNDS = 3;

/** One line to draw: a forward edge (a handoff or flow), or a backward one (a rework, or an edge that closes a cycle). */
interface Line {
    from: number;
    to: number;
    backward: boolean;
    draw(points: Point[]): EdgeLayout;
}

/** A line's route before its tracks are known: its claims, and its points once they are. */
interface Draft {
    claims: Claim[];
    points(): Point[];
}

/**
 * Routes every edge through channels (the gaps between columns) and gutters (the gaps between
 * rows), which hold no boxes: forward edges from a box's right side through the channel after
 * it, along the gutter above their target's row when they skip columns, into the target's
 * left side; rework and cycles from a box's bottom along its gutter, up the channel before
 * their target, into its bottom. Makes the grid (`gridFor`) with the room the tracks need.
 */
export function routeEdges(
    model: StreamModel,
    { marks, reworkMarks }: { marks: PathMarks; reworkMarks: Array<string | undefined> },
    gridFor: (room: TrackRoom) => Grid
): { grid: Grid; edges: EdgeLayout[] } {
    const lines = linesOf(model, marks, reworkMarks);
    let grid = gridFor({ channels: new Map(), gutters: new Map() });
    for (let round = 1; ; round++) {
        const drafts = draftRoutes(grid, lines, marks.decides);
        const claims = drafts.flatMap(draft => draft.claims);
        assignTracks(claims);
        const wanted = roomFor(claims);
        if (round < ROUNDS && needsMoreRoom(grid.room, wanted)) {
            grid = gridFor(wanted);
            continue;
        }
        const edges = lines.map((line, index) => line.draw(simplify(drafts[index].points())));
        placeBadges(edges, stepBoxes(grid));
        return { grid, edges };
    }
}

/** The model's edges and reworks as lines; a rework's rate carries its mark in the notes, when it has one. */
function linesOf(model: StreamModel, marks: PathMarks, reworkMarks: Array<string | undefined>): Line[] {
    return [
        ...model.edges.map(edge => ({
            from: edge.from,
            to: edge.to,
            backward: edge.cycle !== undefined,
            draw: (points: Point[]) =>
                edge.cycle
                    ? backwardLayout(model, edge, points, {
                          kind: edge.kind,
                          label: 'cycle',
                          tooltip: edgeTooltip(model, edge)
                      })
                    : forwardLayout(model, edge, points, marks)
        })),
        ...model.reworks.map((rework, index) => ({
            from: rework.from,
            to: rework.to,
            backward: true,
            draw: (points: Point[]) =>
                backwardLayout(model, rework, points, {
                    kind: 'rework' as const,
                    label: withMark(
                        rework.rate === undefined ? 'rate?' : formatPercent(rework.rate),
                        reworkMarks[index]
                    ),
                    tooltip: reworkTooltip(model, rework)
                })
        }))
    ];
}

function forwardLayout(model: StreamModel, edge: FlowEdgeModel, points: Point[], marks: PathMarks): EdgeLayout {
    const decision = marks.decides.has(edge.from);
    return {
        kind: edge.kind,
        from: model.steps[edge.from].name,
        to: model.steps[edge.to].name,
        points,
        label: edge.kind === 'handoff' ? handoffLabel(edge) : undefined,
        tooltip: edgeTooltip(model, edge),
        badgeAt: points[0],
        critical: marks.critical.edges.has(edge.index),
        typical: marks.typical.edges.has(edge.index),
        share:
            decision && edge.share !== undefined
                ? { fraction: edge.share, text: formatPercent(edge.share) }
                : undefined,
        range: edge.range
    };
}

function backwardLayout(
    model: StreamModel,
    edge: { from: number; to: number; range?: EdgeLayout['range'] },
    points: Point[],
    drawn: Pick<EdgeLayout, 'kind' | 'label' | 'tooltip'>
): EdgeLayout {
    return {
        ...drawn,
        from: model.steps[edge.from].name,
        to: model.steps[edge.to].name,
        points,
        badgeAt: points[0],
        critical: false,
        typical: false,
        range: edge.range
    };
}

/** Where each line leaves and enters its boxes, then its route through the tracks it claims. */
function draftRoutes(grid: Grid, lines: Line[], decides: ReadonlySet<number>): Draft[] {
    const box = (step: number) => {
        const cell = grid.cells[step];
        return { x: columnX(grid, cell.column), y: rowY(grid, cell.lane, cell.row), cell };
    };
    const { ports, straightOut, straightIn } = linePorts(grid, lines, decides);
    return lines.map((line, index) => {
        const [source, target] = [box(line.from), box(line.to)];
        const { exit, entry } = ports[index];
        if (!line.backward) {
            // Beside a straight line, another keeps its stub short, so that the straight one has room for its badge.
            const side = (Number(straightIn.has(line.to)) - Number(straightOut.has(line.from))) as Claim['side'];
            return forwardDraft(
                grid,
                { x: source.x + D.stepWidth, y: source.y + grid.stepHeight / 2 + exit },
                { x: target.x, y: target.y + grid.stepHeight / 2 + entry },
                { source: source.cell, target: target.cell, side }
            );
        }
        return backwardDraft(
            grid,
            { x: source.x + D.stepWidth / 2 + exit, y: source.y + grid.stepHeight },
            { x: target.x + D.stepWidth / 2 + entry, y: target.y + grid.stepHeight },
            source.cell,
            target.cell,
            line.from === line.to
        );
    });
}

function forwardDraft(
    grid: Grid,
    start: Point,
    end: Point,
    { source, target, side }: { source: Cell; target: Cell; side: Claim['side'] }
): Draft {
    const firstChannel = source.column + 1;
    if (target.column === firstChannel) {
        if (start.y === end.y) {
            return { claims: [], points: () => [start, end] };
        }
        const channel = claim({ column: firstChannel }, start.y, end.y, { side, exit: start.y, entry: end.y });
        return {
            claims: [channel],
            points: () => {
                const x = trackPosition(grid, channel);
                return [start, { x, y: start.y }, { x, y: end.y }, end];
            }
        };
    }
    // A long edge runs along the gutter above its target's row; until its track is known, it may reach anywhere in it.
    const [gutterLow, gutterHigh] = gutterSpan(grid, target.lane, target.row - 1);
    const first = claim({ column: firstChannel }, start.y, start.y < gutterLow ? gutterHigh : gutterLow, {
        side: -1,
        exit: start.y
    });
    const last = claim({ column: target.column }, gutterLow, end.y, { side: 1, entry: end.y });
    const gutter = claim(
        { lane: target.lane, row: target.row - 1 },
        channelSpan(grid, firstChannel)[0],
        channelSpan(grid, target.column)[1]
    );
    return {
        claims: [first, gutter, last],
        points: () => {
            const [x1, y, x2] = [trackPosition(grid, first), trackPosition(grid, gutter), trackPosition(grid, last)];
            return [start, { x: x1, y: start.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: end.y }, end];
        }
    };
}

function backwardDraft(grid: Grid, start: Point, end: Point, source: Cell, target: Cell, loop: boolean): Draft {
    // The line back into the target carries the label: room above it in the gutter.
    const back = { depth: loop ? SELF_LOOP_DEPTH : REWORK_DEPTH, above: LABEL_ROOM };
    if (source.lane === target.lane && source.row === target.row) {
        const gutter = claim({ lane: source.lane, row: source.row }, start.x, end.x, back);
        return {
            claims: [gutter],
            points: () => {
                const y = trackPosition(grid, gutter);
                return [start, { x: start.x, y }, { x: end.x, y }, end];
            }
        };
    }
    const [channelLow, channelHigh] = channelSpan(grid, target.column);
    const sourceGutter = gutterSpan(grid, source.lane, source.row);
    const targetGutter = gutterSpan(grid, target.lane, target.row);
    const out = claim(
        { lane: source.lane, row: source.row },
        Math.min(start.x, channelLow),
        Math.max(start.x, channelHigh)
    );
    const channel = claim(
        { column: target.column },
        Math.min(sourceGutter[0], targetGutter[0]),
        Math.max(sourceGutter[1], targetGutter[1])
    );
    const into = claim(
        { lane: target.lane, row: target.row },
        Math.min(end.x, channelLow),
        Math.max(end.x, channelHigh),
        back
    );
    return {
        claims: [out, channel, into],
        points: () => {
            const [y1, x, y2] = [trackPosition(grid, out), trackPosition(grid, channel), trackPosition(grid, into)];
            return [start, { x: start.x, y: y1 }, { x, y: y1 }, { x, y: y2 }, { x: end.x, y: y2 }, end];
        }
    };
}

/**
 * Each line's ports, as offsets from the middle of the side it leaves and the side it enters.
 * A decision's ways all leave from the middle of its right side, under the diamond.
 */
function linePorts(
    grid: Grid,
    lines: Line[],
    decides: ReadonlySet<number>
): { ports: Array<{ exit: number; entry: number }>; straightOut: Set<number>; straightIn: Set<number> } {
    const ports = lines.map(() => ({ exit: 0, entry: 0 }));
    const group = (pick: (line: Line) => number | undefined) => {
        const sides = new Map<number, number[]>();
        lines.forEach((line, index) => {
            const step = pick(line);
            if (step !== undefined) {
                sides.set(step, [...(sides.get(step) ?? []), index]);
            }
        });
        return sides;
    };
    // The one edge from a box to the box beside it, in the same row, runs straight at the middle of both.
    const straight = new Set<number>();
    const straightPairs = new Set<string>();
    const [straightOut, straightIn] = [new Set<number>(), new Set<number>()];
    lines.forEach((line, index) => {
        const [source, target] = [grid.cells[line.from], grid.cells[line.to]];
        const key = `${line.from}>${line.to}`;
        if (
            !line.backward &&
            target.column === source.column + 1 &&
            target.lane === source.lane &&
            target.row === source.row &&
            !straightPairs.has(key)
        ) {
            straight.add(index);
            straightPairs.add(key);
        }
    });
    // Where a line heads from a side: a long edge to the gutter above its target's row, a short one to its other box.
    const heading = (line: Line, exits: boolean) => {
        const [source, target] = [grid.cells[line.from], grid.cells[line.to]];
        const other = exits ? target : source;
        return target.column > source.column + 1
            ? rowY(grid, target.lane, target.row) - D.rowGutter
            : rowY(grid, other.lane, other.row) + other.column / 1e3;
    };
    const sideGroups = [
        ...[...group(line => (line.backward || decides.has(line.from) ? undefined : line.from)).values()].map(
            members => ({ members, exits: true })
        ),
        ...[...group(line => (line.backward ? undefined : line.to)).values()].map(members => ({
            members,
            exits: false
        }))
    ].map(({ members, exits }) => ({
        sorted: [...members].sort((a, b) => heading(lines[a], exits) - heading(lines[b], exits) || a - b),
        exits,
        half: !exits
    }));
    // A straight line off the middle of a busy side would push the others off the box: it bends a little instead.
    for (const { sorted, half } of sideGroups) {
        const index = sorted.findIndex(line => straight.has(line));
        const reach = (at: number) => Math.max(...sideOffsets(sorted.length, SIDE_PITCH, half, at).map(Math.abs));
        if (index >= 0 && reach(index) > Math.max(SIDE_REACH, reach(-1))) {
            straight.delete(sorted[index]);
        }
    }
    const sides = sideGroups.map(side => ({
        ...side,
        count: side.sorted.length,
        straight: side.sorted.findIndex(index => straight.has(index))
    }));
    for (const index of straight) {
        straightOut.add(lines[index].from);
        straightIn.add(lines[index].to);
    }
    const pitch = sidePitch(sides);
    for (const { sorted, exits, half, straight: middle } of sides) {
        sideOffsets(sorted.length, pitch, half, middle).forEach((offset, position) => {
            ports[sorted[position]][exits ? 'exit' : 'entry'] = offset;
        });
    }
    // Under a box: lines back leave right of the middle and enter left of it; a self-loop takes the outermost of both.
    for (const exits of [true, false]) {
        for (const members of group(line => (line.backward ? (exits ? line.from : line.to) : undefined)).values()) {
            const sorted = [...members].sort(
                (a, b) => Number(lines[a].from === lines[a].to) - Number(lines[b].from === lines[b].to) || a - b
            );
            const loops = sorted.filter(index => lines[index].from === lines[index].to).length;
            bottomOffsets(sorted.length, loops, exits).forEach((offset, position) => {
                ports[sorted[position]][exits ? 'exit' : 'entry'] = offset;
            });
        }
    }
    return { ports, straightOut, straightIn };
}

function stepBoxes(grid: Grid): Box[] {
    return grid.cells.map(cell => ({
        x: columnX(grid, cell.column),
        y: rowY(grid, cell.lane, cell.row),
        width: D.stepWidth,
        height: grid.stepHeight
    }));
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
