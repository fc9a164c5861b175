/** Each step as drawn: its box, its wait marker with the inventory in front of it, its decision's diamond; and each lane's label. */
import { formatDuration, formatTime } from '../analysis/figures.js';
import type { StepModel } from '../analysis/stream-model.js';
import { Dimensions as D, TextStyles } from './dimensions.js';
import { columnX, rowY, type Cell, type Grid, type PathMarks } from './grid.js';
import type { Box, LaneLayout, Point, StepLayout } from './layout-model.js';
import { fitText, wrapText } from './svg-text.js';
import { textWidth } from './text-width.js';

/** Lines of a lane's label, 15 px apart, the first baseline 22 px below the lane's top. */
const LANE_LABEL = { left: 10, baseline: 22, lineHeight: 15, maxLines: 3 } as const;

export function stepLayout(
    step: StepModel,
    cell: Cell,
    grid: Grid,
    marks: PathMarks,
    workdayHours: number
): StepLayout {
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

export function laneLayout(owner: string | undefined, box: Box): LaneLayout {
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
export const DIAMOND = 7;

/**
 * A decision is marked as flowcharts (and BPMN's exclusive gateway) mark one: a diamond, here at
 * the step's exit, its ways leaving from under it.
 */
function decisionMark(x: number, y: number): Box {
    return { x: x + D.stepWidth - DIAMOND, y: y + D.stepHeight / 2 - DIAMOND, width: 2 * DIAMOND, height: 2 * DIAMOND };
}

/** What edge labels keep clear of around a step: its box, its wait marker, its kaizen burst, its decision's diamond. */
export function stepObstacles(step: StepLayout): Box[] {
    const kaizen =
        step.kaizens.length > 0 ? [{ x: step.x + step.width - 17, y: step.y - 15, width: 22, height: 22 }] : [];
    return [
        { x: step.x - 1, y: step.y - 1, width: step.width + 2, height: step.height + 2 },
        ...(step.wait ? [step.wait.box] : []),
        ...kaizen,
        ...(step.decision ? [step.decision] : [])
    ];
}
