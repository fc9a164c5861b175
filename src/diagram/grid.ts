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

export function columnX(column: number): number {
    return D.margin + D.laneLabelWidth + D.columnGap + column * (D.stepWidth + D.columnGap);
}

export function rowY(grid: Grid, lane: number, row: number): number {
    return grid.laneTops[lane] + D.rowGutter + row * (grid.stepHeight + D.rowGutter);
}
