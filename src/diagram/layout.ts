/**
 * The value stream map's layout: one horizontal swimlane per owner, steps left to right in
 * flow order (a column per longest-path rank), edges routed orthogonally through the empty
 * channels between columns and the gutters between rows, so that no edge crosses a box. It is
 * deterministic and linear in the size of the stream, and appending a step never moves the
 * steps already placed (lanes keep their order of first appearance, columns their rank) unless
 * its text needs taller boxes.
 */
import { decisionWords } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { bandSpans, cutLines, rowsWidth, wrapBands } from './bands.js';
import { Dimensions as D, TextStyles } from './dimensions.js';
import { flowColumns, headerCard } from './flow-columns.js';
import { columnX, makeGrid, pathMarks, type Cell, type TrackRoom } from './grid.js';
import type { EdgeLayout, LaneLayout, StreamLayout } from './layout-model.js';
import { ladder, ladderHeight, ladderTotals, totalsColumnWidth } from './ladder-layout.js';
import { placeLabels, type PendingLabel } from './label-placement.js';
import { routeEdges } from './routing.js';
import { laneLayout, stepBoxes, stepLayout, stepObstacles } from './step-layout.js';
import { laneNotes, layoutNotes, noteMarks, placeHandoffMarks } from './notes-layout.js';
import { wrapWhole } from './svg-text.js';

/**
 * The ways an edge label may wrap, whole, tried in this order: lines as wide as the channel
 * between two columns allows, then narrower and taller ones that fit beside another edge's line.
 */
const EDGE_LABEL_WRAPPINGS = [
    { width: D.columnGap - 20, lines: 6 },
    { width: 84, lines: 7 },
    { width: 60, lines: 8 }
] as const;

/** How to lay a map out. */
export interface LayoutOptions {
    /**
     * The width, in px, to wrap the map into rows to (the default: a README's column); Infinity:
     * one row, as wide as the stream is long. A row holds one column at least.
     */
    width?: number;
}

export function layoutStream(model: StreamModel, options: LayoutOptions = {}): StreamLayout {
    const wrapWidth = options.width ?? D.pictureWidth;
    const cells = placeSteps(model);
    const notes = noteMarks(model);
    const boxes = stepBoxes(model, notes.kaizens);
    const laneRows = model.lanes.map(lane => Math.max(1, ...lane.steps.map(step => cells[step].row + 1)));
    const marks = pathMarks(model);
    // The router widens a channel or a gutter that has more tracks than fit, so it makes the grid.
    const { grid, edges } = routeEdges(model, { marks, reworkMarks: notes.reworks }, (room: TrackRoom) =>
        makeGrid(cells, laneRows, { top: D.margin + D.headerHeight, stepHeight: boxes.height }, room)
    );
    const lanesBottom = grid.laneTops.at(-1)! + grid.laneHeights.at(-1)!;
    const columns = Math.max(1, ...cells.map(cell => cell.column + 1));
    // The grid ends with one more channel, where rework into the last column can turn.
    const gridRight = columnX(grid, columns);
    const totals = ladderTotals(model);
    const totalsWidth = totalsColumnWidth(totals);
    const width = gridRight + totalsWidth + D.margin;

    const steps = model.steps.map((step, index) =>
        stepLayout(step, cells[index], grid, marks, boxes, model.workdayHours)
    );
    const lanes: LaneLayout[] = model.lanes.map((lane, index) =>
        laneLayout(lane.owner ? (lane.owner.title ?? lane.owner.name) : undefined, {
            x: D.margin,
            y: grid.laneTops[index],
            width: gridRight - D.margin,
            height: grid.laneHeights[index]
        })
    );
    const header = {
        x: D.margin,
        y: D.margin,
        width: Math.min(Math.min(width, wrapWidth) - 2 * D.margin, 760),
        height: D.headerHeight - 12
    };
    const lanesArea = {
        x: D.margin + D.laneLabelWidth,
        y: D.margin + D.headerHeight,
        width: gridRight - D.margin - D.laneLabelWidth,
        height: lanesBottom - D.margin - D.headerHeight
    };
    const spans = bandSpans(grid, columns, rightmost(edges), wrapWidth);
    const area = {
        // Labels keep to the lanes right of their labels and to the last row's width.
        bounds: { ...lanesArea, width: spans[spans.length - 1].end - lanesArea.x },
        obstacles: [
            header,
            ...lanes.map(lane => lane.labelBox),
            ...steps.flatMap(stepObstacles),
            ...cutLines(spans, lanesArea)
        ]
    };
    placeEdgeLabels(edges, area);
    const handoffNotes = placeHandoffMarks(model, edges, area);
    const timeline = ladder(model, steps, lanesBottom, { totals, x: gridRight, width: totalsWidth });
    const ladderBottom = lanesBottom + ladderHeight(timeline.totals.length);
    // The notes go under the last row: as wide as a row.
    const notesBlock = layoutNotes([...notes.notes, ...handoffNotes, ...boxes.notes, ...laneNotes(lanes)], {
        x: D.margin,
        y: ladderBottom,
        width: Math.min(width, rowsWidth(spans)) - 2 * D.margin
    });
    const height = ladderBottom + (notesBlock?.height ?? 0) + D.margin;
    const wrapped = wrapBands(
        { lanes, steps, edges, ladder: timeline },
        spans,
        { lanesBottom, ladderBottom, width, height },
        wrapWidth
    );
    return {
        name: model.name,
        header: headerCard(model, header),
        width: Math.max(wrapped.width, header.x + header.width + D.margin),
        height: wrapped.height,
        wrapped: { bands: wrapped.bands, totals: wrapped.totals, below: wrapped.below, row: wrapped.row },
        lanes,
        steps,
        edges,
        ladder: timeline,
        metrics: model.metrics,
        decisions: model.decisions.map(decision => decisionWords(model, decision, step => step.title ?? step.name)),
        workdayHours: model.workdayHours,
        totalsUnits: model.totalsUnits,
        findings: model.findings,
        notes: notesBlock,
        range: model.range
    };
}

/** How far right any line reaches: the last row takes it in. */
function rightmost(edges: EdgeLayout[]): number {
    let right = 0;
    for (const edge of edges) {
        for (const point of edge.points) {
            right = Math.max(right, point.x + D.track);
        }
    }
    return right;
}

/** Columns by longest-path rank along the flow; rows stack the steps of one lane and column. */
function placeSteps(model: StreamModel): Cell[] {
    const { column } = flowColumns(model);
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
            const wrappings = EDGE_LABEL_WRAPPINGS.flatMap(({ width, lines }) => {
                const whole = wrapWhole(label, style, width, lines);
                return whole ? [whole] : [];
            }).filter((lines, index, all) => all.findIndex(other => other.join('\n') === lines.join('\n')) === index);
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
