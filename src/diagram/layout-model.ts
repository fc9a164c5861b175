/** Positioned value stream maps: what `layoutStream` computes and `renderSvg` draws. Plain data. */
import type { Finding, SourceRange, StreamMetrics, TotalsUnits } from '../analysis/stream-model.js';
import type { ClassicLayout } from './classic-layout.js';

/** A map as laid out: in lanes (the default), or the classic map of Learning to See. */
export type MapLayout = StreamLayout | ClassicLayout;

export interface Point {
    x: number;
    y: number;
}

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface LaneLayout extends Box {
    label: string;
    /** The label as drawn: wrapped to the lane's label column, and the room those lines take. */
    labelLines: readonly string[];
    labelBox: Box;
    /** The lane of steps without an owner, drawn as a warning. */
    unowned: boolean;
}

export interface WaitMarker {
    hours: number;
    /** Hours of that wait caused by someone else, and who. */
    outside: Array<{ hours: number; cause: string }>;
    at: Point;
    /** What it says ("waits 24 h", "waits 1–3 d"), the waits on others fitted beside it, and the room the marker takes. */
    total?: string;
    outsideText?: string;
    /** The items waiting in front of the step, drawn as the classic inventory triangle with their count. */
    inventory?: { count: string; at: Point };
    box: Box;
}

export interface StepLayout extends Box {
    name: string;
    title: string;
    lane: number;
    column: number;
    processTime: number;
    waitTime: number;
    /** Process and wait time as people read them, ranges as ranges: "PT 1–3 h · WT 2 d". */
    times: string;
    completeAccurate: number;
    systems: string[];
    kaizens: string[];
    critical: boolean;
    /** On the typical path (only in a stream with decisions: without, it is the critical path). */
    typical: boolean;
    /** The step decides (each item leaves along one of its edges): the diamond at its exit, where those edges leave. */
    decision?: Box;
    wait?: WaitMarker;
    /** The text in the box as laid out: the title's lines, then the data's, each with its baseline below the box's top. */
    lines: StepLine[];
    /** The marks of the step's kaizen ideas in the notes under the map ("K1"), beside its burst. */
    kaizenMark?: string;
    range?: SourceRange;
}

/** A line of text in a step's box; `mark` names the note that holds the whole of a text cut for want of room. */
export interface StepLine {
    text: string;
    kind: 'title' | 'times' | 'quality' | 'systems' | 'outside';
    /** The baseline, below the box's top. */
    y: number;
    mark?: string;
}

export type EdgeKind = 'handoff' | 'flow' | 'rework';

export interface EdgeLayout {
    kind: EdgeKind;
    from: string;
    to: string;
    /** Orthogonal route from the source box to the target box. */
    points: Point[];
    label?: string;
    /** The full text behind a shortened label, and anything else worth a tooltip. */
    tooltip: string;
    /** The label as drawn, and where: beside the edge, overlapping nothing else. Absent when no place was free (the tooltip says so). */
    labelLines?: readonly string[];
    labelBox?: Box;
    /** Where a badge shows that the edge has an error or a warning; kept free of labels. */
    badgeAt: Point;
    critical: boolean;
    /** On the typical path (only in a stream with decisions). */
    typical: boolean;
    /** One way out of a decision: the share of items that take it (0–1), as drawn ("55%") and where, near the decision; no box when no place was free (the tooltip says so). */
    share?: { fraction: number; text: string; box?: Box };
    range?: SourceRange;
}

export interface LadderSegment {
    kind: 'wait' | 'process';
    /** The step whose wait or process time it is. */
    step: string;
    x1: number;
    x2: number;
    hours: number;
    /** The hours as the rung says them, in the unit the stream's totals of its kind read in. */
    text: string;
}

export interface LadderLayout {
    y: number;
    segments: LadderSegment[];
    /** The figures beside the ladder; a target says whether the lead time meets it. */
    totals: Array<{ label: string; value: string; verdict?: 'met' | 'missed' }>;
    /** Where the totals column starts, right of the last step, and how wide it is. */
    totalsX: number;
    totalsWidth: number;
}

export interface HeaderCard {
    box: Box;
    title: string;
    recipient?: string;
    start?: string;
    end?: string;
    measure?: string;
    improves?: string;
}

/** A part of the one-row layout drawn elsewhere: what lies in `from`, moved by `by`, and nothing outside it. */
export interface Slice {
    from: Box;
    by: Point;
}

/** One end of a line cut where a wrapped map goes on to its next row: a letter pairs it with the other end. */
export interface Connector {
    /** The edges it continues, by their place in the layout's edges: more than one where lines run together. */
    edges: number[];
    letter: string;
    /** Where the line meets the row's side, as drawn. */
    at: Point;
    side: 'left' | 'right';
    /** The line leaves the row here (an arrow points on), or comes in. */
    leaves: boolean;
    /** How many letters out from the side its letter goes: the letters of lines close together stay apart. */
    stack: number;
}

/** One row of a map wrapped to a width: a run of its columns, the lanes they use (labelled again), and their part of the ladder. */
export interface Band {
    columns: { first: number; last: number };
    lanes: { first: number; last: number };
    /** The lanes' rectangles as drawn, the label column included. */
    box: Box;
    /** Its part of the lanes (steps, edges, labels) and of the ladder, where they are drawn. */
    content: Slice;
    ladder: Slice;
    connectors: Connector[];
}

/** A map wrapped into rows: where each part of its one-row layout is drawn. */
export interface WrappedLayout {
    bands: Band[];
    /** The figures beside the ladder: beside the last row's ladder, or under it when there is no room; on the last page only. */
    totals?: Slice;
    /** What the one-row layout has under its ladder, moved under the last row; on the last page only. */
    below?: Slice;
    /** The size of the one-row layout all coordinates of steps, edges, lanes and the ladder refer to. */
    row: { width: number; height: number };
}

export interface StreamLayout {
    kind?: 'lanes';
    name: string;
    header: HeaderCard;
    /** The size of the picture as drawn: wrapped into rows when `wrapped` says how. */
    width: number;
    height: number;
    /** Absent: the map is drawn in one row, as laid out. */
    wrapped?: WrappedLayout;
    lanes: LaneLayout[];
    steps: StepLayout[];
    edges: EdgeLayout[];
    ladder: LadderLayout;
    metrics: StreamMetrics;
    /** The stream's decisions in words ("Triage decides: 80% go to Answer, 20% to Investigate"), for screen readers. */
    decisions: string[];
    /** The stream's working day, to read its durations in days and weeks. */
    workdayHours: number;
    /** The units its totals read in, as its figures are written. */
    totalsUnits: TotalsUnits;
    findings: Finding[];
    /** What the map has no room for (kaizen ideas, rework reasons, texts cut), keyed by marks on the map, under the ladder. */
    notes?: NotesLayout;
    range?: SourceRange;
}

/** The notes under the ladder: each a mark ("K1") and its text, wrapped to the map's width. */
export interface NotesLayout extends Box {
    lines: Array<{ mark?: string; text: string; x: number; y: number }>;
}
