/** Each step as drawn: its box and the text in it, its wait marker with the inventory in front of it, its kaizen mark, its decision's diamond; and each lane's label. */
import { formatPercent, formatTime } from '../analysis/figures.js';
import type { StepModel, StreamModel } from '../analysis/stream-model.js';
import type { TimeSpan } from '../analysis/quantities.js';
import { Dimensions as D, TextStyles } from './dimensions.js';
import { columnX, rowY, type Cell, type Grid, type PathMarks } from './grid.js';
import type { Box, LaneLayout, Point, StepLayout, StepLine } from './layout-model.js';
import type { Note } from './notes-layout.js';
import { wrapText, wrapWhole } from './svg-text.js';
import { textWidth, type TextStyle } from './text-width.js';

/** Lines of a lane's label, 15 px apart, the first baseline 22 px below the lane's top. */
const LANE_LABEL = { left: 10, baseline: 22, lineHeight: 15, bottom: 8 } as const;
const LANE_LABEL_WIDTH = D.laneLabelWidth - 2 * LANE_LABEL.left;

/**
 * The text in a step's box, 8 px in: the title's lines from the top, then the data's, each kind
 * on lines of its own. Every box keeps room for two lines of title and three of data, so that
 * boxes and their data line up; a box needing more makes every box of the map taller (the grid
 * stays regular).
 */
const BOX = {
    left: 8,
    titleTop: TextStyles.stepTitle.size + 5,
    titleLine: TextStyles.stepTitle.size + 3,
    dataGap: TextStyles.stepTitle.size + 11,
    dataLine: TextStyles.data.size + 4,
    bottom: 11,
    titleLines: 2,
    dataLines: 3,
    /** At most so many lines of title, and of each kind of data; the rest goes to the notes under the map. */
    maxTitleLines: 4,
    maxDataLines: 3
} as const;

const ROOM = D.stepWidth - 2 * BOX.left;

/** A mark keying a cut text to its note (semibold, to stand apart from the text it follows). */
export const MARK_STYLE: TextStyle = { size: TextStyles.data.size, weight: 'semibold' };

type LineKind = StepLine['kind'];

/** What a step's box and the line above it say, before the step has a place. */
interface StepText {
    groups: Array<{ kind: LineKind; lines: readonly string[]; mark?: string }>;
    /** The waits on others, when they fit whole beside the wait above the box. */
    outsideAbove?: string;
    kaizenMark?: string;
}

/** Every step's text, the height of every box (the tallest's), and the notes of what was cut. */
export interface StepBoxes {
    height: number;
    texts: StepText[];
    notes: Note[];
}

/**
 * What each step's box says, all steps first: the box that needs the most lines sets the height
 * of every box. Nothing is cut where there is room; what the most lines allowed cannot hold
 * ends with … and a mark, and goes whole to the notes.
 */
export function stepBoxes(model: StreamModel, kaizenMarks: Array<string | undefined>): StepBoxes {
    const notes: Note[] = [];
    const texts = model.steps.map(step =>
        stepText(step, kaizenMarks[step.index], model.workdayHours, (text: string) => {
            const mark = `S${notes.length + 1}`;
            notes.push({ mark, text });
            return mark;
        })
    );
    return { height: Math.max(D.stepHeight, ...texts.map(textHeight)), texts, notes };
}

/** The height a box's text needs, with room for two lines of title and three of data at least. */
function textHeight(text: StepText): number {
    const dataLines = text.groups.slice(1).reduce((sum, group) => sum + group.lines.length, 0);
    return dataTop(text) + (Math.max(BOX.dataLines, dataLines) - 1) * BOX.dataLine + BOX.bottom;
}

/** The first data line's baseline below the box's top, under its title. */
function dataTop(text: StepText): number {
    return BOX.titleTop + (Math.max(BOX.titleLines, text.groups[0].lines.length) - 1) * BOX.titleLine + BOX.dataGap;
}

function stepText(
    step: StepModel,
    kaizenMark: string | undefined,
    workdayHours: number,
    note: (text: string) => string
): StepText {
    const title = step.title ?? step.name;
    const outside = outsideWaits(step, workdayHours);
    const above = outside && fitsAbove(step, outside, kaizenMark, workdayHours) ? outside : undefined;
    const times = [`PT ${formatTime(step.process, workdayHours)}`, `WT ${formatTime(step.wait, workdayHours)}`];
    const data = (kind: LineKind, text: string, style: TextStyle, whole: string) =>
        wrapped(kind, text, style, BOX.maxDataLines, () => note(whole));
    return {
        groups: [
            wrapped('title', title, TextStyles.stepTitle, BOX.maxTitleLines, () => note(title)),
            timesGroup(times, (text: string) => data('times', text, TextStyles.data, `${title}: ${text}`)),
            { kind: 'quality', lines: [`C&A ${formatPercent(step.completeAccurate)}`] },
            ...(outside && !above ? [data('outside', outside, OUTSIDE_IN_BOX, `${title} waits ${outside}`)] : []),
            ...(step.systems.length > 0
                ? [data('systems', systemsText(step), TextStyles.data, `${title} ${systemsText(step)}`)]
                : [])
        ],
        outsideAbove: above,
        kaizenMark
    };
}

/** "PT 1 h · WT 2 d" on one line where it fits, else PT and WT on a line each, else as many as it takes. */
function timesGroup(times: string[], wrap: (text: string) => StepText['groups'][number]): StepText['groups'][number] {
    const [line, apart] = [times.join(' · '), times.every(part => wrapWhole(part, TextStyles.data, ROOM, 1))];
    return wrapWhole(line, TextStyles.data, ROOM, 1)
        ? { kind: 'times', lines: [line] }
        : apart
          ? { kind: 'times', lines: times }
          : wrap(line);
}

/** The waits on others inside the box: as the data, in the semibold of the waits on others above it. */
const OUTSIDE_IN_BOX: TextStyle = { size: TextStyles.data.size, weight: TextStyles.outside.weight };

/** The font of each kind of line in a box. */
export function lineStyle(kind: LineKind): TextStyle {
    return kind === 'title' ? TextStyles.stepTitle : kind === 'outside' ? OUTSIDE_IN_BOX : TextStyles.data;
}

/** Where the forecast writes on a step, right-aligned: its criticality on the C&A line, how often it was reached under it. */
export function forecastLines(step: StepLayout): { critical: number; reached: number } {
    const quality = step.lines.find(line => line.kind === 'quality')!.y;
    return { critical: quality, reached: quality + BOX.dataLine };
}

function systemsText(step: StepModel): string {
    return `uses ${step.systems.map(system => system.title ?? system.name).join(', ')}`;
}

/** A text on as many lines as it takes up to `maxLines`; past them, cut, with the mark of the note that holds it whole. */
function wrapped(
    kind: LineKind,
    text: string,
    style: TextStyle,
    maxLines: number,
    note: () => string
): StepText['groups'][number] {
    const whole = wrapWhole(text, style, ROOM, maxLines);
    if (whole) {
        return { kind, lines: whole };
    }
    const mark = note();
    // Every line leaves room for the mark: wrapped at one width, the lines read evenly.
    return { kind, lines: wrapText(text, style, ROOM - markWidth(mark, style), maxLines), mark };
}

/** The room a mark takes after a line of text in `style`: a space, then the mark. */
export function markWidth(mark: string, style: TextStyle): number {
    return textWidth(' ', style) + textWidth(mark, MARK_STYLE);
}

/** The step's waits on others: how long, on whom. */
function waitsOnOthers(step: StepModel): Array<{ hours: number; time: TimeSpan; cause: string }> {
    return step.waits
        .filter(wait => wait.outsideControl && wait.cause)
        .map(wait => ({ hours: wait.hours, time: wait.time, cause: wait.cause!.title ?? wait.cause!.name }));
}

/** "8 h on IT service desk, 2 h on Legal": the step's waits on others in words, or nothing. */
function outsideWaits(step: StepModel, workdayHours: number): string | undefined {
    const outside = waitsOnOthers(step);
    // As written: `wait 1d on Billing` says 1 d, not 8 h.
    return outside.length > 0
        ? outside.map(wait => `${formatTime(wait.time, workdayHours)} on ${wait.cause}`).join(', ')
        : undefined;
}

export function stepLayout(
    step: StepModel,
    cell: Cell,
    grid: Grid,
    marks: PathMarks,
    boxes: StepBoxes,
    workdayHours: number
): StepLayout {
    const x = columnX(grid, cell.column),
        y = rowY(grid, cell.lane, cell.row);
    const text = boxes.texts[step.index];
    const outside = waitsOnOthers(step);
    return {
        name: step.name,
        title: step.title ?? step.name,
        lane: cell.lane,
        column: cell.column,
        x,
        y,
        width: D.stepWidth,
        height: boxes.height,
        processTime: step.processTime,
        waitTime: step.waitTime,
        times: `PT ${formatTime(step.process, workdayHours)} · WT ${formatTime(step.wait, workdayHours)}`,
        completeAccurate: step.completeAccurate,
        systems: step.systems.map(system => system.title ?? system.name),
        kaizens: step.kaizens,
        critical: marks.critical.steps.has(step.index),
        typical: marks.typical.steps.has(step.index),
        decision: marks.decides.has(step.index) ? decisionMark(x, y, boxes.height) : undefined,
        // The wait marker sits in the lower part of the gutter above the box; edges keep to its upper part.
        wait:
            step.waitTime > 0 || step.inventory
                ? waitMarker(step, outside, text.outsideAbove, { x, y: y - 19 }, workdayHours)
                : undefined,
        lines: boxLines(text),
        kaizenMark: text.kaizenMark,
        range: step.range
    };
}

/** The lines of a box with their baselines: the title from the top, the data under it. */
function boxLines(text: StepText): StepLine[] {
    const [title, ...data] = text.groups;
    let y = dataTop(text);
    return [
        ...groupLines(title, BOX.titleTop, BOX.titleLine),
        ...data.flatMap(group => {
            const lines = groupLines(group, y, BOX.dataLine);
            y += group.lines.length * BOX.dataLine;
            return lines;
        })
    ];
}

/** A group's lines from baseline `top`, `spacing` apart, its mark after the last. */
function groupLines({ kind, lines, mark }: StepText['groups'][number], top: number, spacing: number): StepLine[] {
    return lines.map((text, index) => ({
        text,
        kind,
        y: top + index * spacing,
        ...(mark && index === lines.length - 1 ? { mark } : {})
    }));
}

export function laneLayout(owner: string | undefined, box: Box): LaneLayout {
    const label = owner ?? 'No owner';
    // A lane without an owner says what to do under its label.
    const extra = owner === undefined ? 1 : 0;
    const room = Math.floor((box.height - LANE_LABEL.baseline - LANE_LABEL.bottom) / LANE_LABEL.lineHeight) + 1;
    const lines = wrapText(label, TextStyles.laneLabel, LANE_LABEL_WIDTH, Math.max(1, room - extra));
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

/** Whether a lane's label was cut: its lane had not the lines it needs. */
export function laneLabelCut(lane: LaneLayout): boolean {
    return !wrapWhole(lane.label, TextStyles.laneLabel, LANE_LABEL_WIDTH, lane.labelLines.length);
}

/** The wait marker's line above the box, measured from its left end: where the waits on others would start. */
function waitLine(step: StepModel, workdayHours: number): { total?: string; inventoryAt?: number; right: number } {
    const total = step.waitTime > 0 ? `waits ${formatTime(step.wait, workdayHours)}` : undefined;
    let right = total ? 20 + textWidth(total, TextStyles.wait) : 0;
    const inventoryAt = step.inventory ? right + (total ? 8 : 0) : undefined;
    if (inventoryAt !== undefined) {
        right = inventoryAt + INVENTORY_TRIANGLE + 3 + textWidth(String(step.inventory!.items), TextStyles.wait);
    }
    return { total, inventoryAt, right };
}

/** Whether the waits on others fit whole beside the wait above the box, left of the kaizen burst and its mark. */
function fitsAbove(step: StepModel, outside: string, kaizenMark: string | undefined, workdayHours: number): boolean {
    const end = kaizenMark
        ? D.stepWidth - KAIZEN_MARK_RIGHT - textWidth(kaizenMark, TextStyles.outside) - 6
        : D.stepWidth - 8;
    return waitLine(step, workdayHours).right + 8 + textWidth(outside, TextStyles.outside) <= end;
}

/** "waits 24 h", the inventory triangle with its count, then the waits on others when they fit there whole. */
function waitMarker(
    step: StepModel,
    outside: Array<{ hours: number; cause: string }>,
    outsideText: string | undefined,
    at: Point,
    workdayHours: number
): StepLayout['wait'] {
    const { total, inventoryAt, right } = waitLine(step, workdayHours);
    const inventory = inventoryAt !== undefined && {
        count: String(step.inventory!.items),
        at: { x: at.x + inventoryAt, y: at.y }
    };
    const width = right + (outsideText ? 8 + textWidth(outsideText, TextStyles.outside) : 0);
    return {
        hours: step.waitTime,
        outside,
        at,
        total,
        outsideText,
        inventory: inventory || undefined,
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
function decisionMark(x: number, y: number, height: number): Box {
    return { x: x + D.stepWidth - DIAMOND, y: y + height / 2 - DIAMOND, width: 2 * DIAMOND, height: 2 * DIAMOND };
}

/** What edge labels keep clear of around a step: its box, its wait marker, its kaizen burst and mark, its decision's diamond. */
export function stepObstacles(step: StepLayout): Box[] {
    const kaizen =
        step.kaizens.length > 0 ? [{ x: step.x + step.width - 17, y: step.y - 15, width: 22, height: 22 }] : [];
    return [
        { x: step.x - 1, y: step.y - 1, width: step.width + 2, height: step.height + 2 },
        ...(step.wait ? [step.wait.box] : []),
        ...kaizen,
        ...(step.kaizenMark ? [kaizenMarkBox(step, step.kaizenMark)] : []),
        ...(step.decision ? [step.decision] : [])
    ];
}

/** Where a step's kaizen mark is drawn: left of its burst, on the wait marker's line. */
export function kaizenMarkBox(step: Pick<StepLayout, 'x' | 'y' | 'width'>, mark: string): Box {
    const width = textWidth(mark, TextStyles.outside);
    return { x: step.x + step.width - KAIZEN_MARK_RIGHT - width, y: step.y - 18, width, height: 16 };
}

/** Where a kaizen mark ends, left of the burst at the box's top right corner. */
export const KAIZEN_MARK_RIGHT = 20;
