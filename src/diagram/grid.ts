/** The map's grid: a column per flow rank, lanes of rows; where each step sits and where each column and row begins. */
import type { StreamModel } from '../analysis/stream-model.js';
import { Dimensions as D } from './dimensions.js';

/** Where each step sits on the grid. */
export interface Cell {
    lane: number;
    column: number;
    row: number;
}

export interface Grid {
    cells: Cell[];
    laneTops: number[];
    /** Every step box's height: the tallest text's (step-layout.ts stepBoxes). */
    stepHeight: number;
    /** Each lane's height, its rows and gutters with the room the router asked for. */
    laneHeights: number[];
    /** The x of each column's boxes; one more: the right end of the last channel. */
    columnXs: number[];
    /** The y of each row's boxes, per lane. */
    rowYs: number[][];
    room: TrackRoom;
}

/**
 * Room the router asks for beyond the usual gaps, in px, when a channel or a gutter has more
 * tracks than fit: per channel (channel c lies left of column c), and per gutter, by
 * `gutterKey` (the gutter below a row; row −1 is the gutter at the lane's top).
 */
export interface TrackRoom {
    channels: Map<number, number>;
    gutters: Map<string, number>;
}

export function gutterKey(lane: number, row: number): string {
    return `${lane}:${row}`;
}

/** Lanes stacked from `top`, columns from the lane labels: each gap as wide as usual plus the room asked for. */
export function makeGrid(
    cells: Cell[],
    laneRows: number[],
    { top, stepHeight }: { top: number; stepHeight: number },
    room: TrackRoom
): Grid {
    const columns = Math.max(1, ...cells.map(cell => cell.column + 1));
    const columnXs: number[] = [];
    let x = D.margin + D.laneLabelWidth;
    for (let column = 0; column <= columns; column++) {
        x += D.columnGap + (room.channels.get(column) ?? 0);
        columnXs.push(x);
        x += D.stepWidth;
    }
    const laneTops: number[] = [],
        laneHeights: number[] = [],
        rowYs: number[][] = [];
    let y = top;
    laneRows.forEach((rows, lane) => {
        laneTops.push(y);
        const ys: number[] = [];
        let rowTop = y + D.rowGutter + (room.gutters.get(gutterKey(lane, -1)) ?? 0);
        for (let row = 0; row < rows; row++) {
            ys.push(rowTop);
            rowTop += stepHeight + D.rowGutter + (room.gutters.get(gutterKey(lane, row)) ?? 0);
        }
        rowYs.push(ys);
        laneHeights.push(rowTop - y);
        y = rowTop;
    });
    return { cells, laneTops, stepHeight, laneHeights, columnXs, rowYs, room };
}

/** Which steps and edges are on the critical path and on the typical one, and which steps decide. */
export interface PathMarks {
    critical: { steps: ReadonlySet<number>; edges: ReadonlySet<number> };
    /** Empty without decisions: the typical path is then the critical path, and marking it twice says nothing. */
    typical: { steps: ReadonlySet<number>; edges: ReadonlySet<number> };
    decides: ReadonlySet<number>;
}

export function pathMarks(model: StreamModel): PathMarks {
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

export function columnX(grid: Grid, column: number): number {
    return grid.columnXs[column];
}

export function rowY(grid: Grid, lane: number, row: number): number {
    return grid.rowYs[lane][row];
}
