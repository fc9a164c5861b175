/** Positioned value stream maps: what `layoutStream` computes and `renderSvg` draws. Plain data. */
import type { Finding, SourceRange, StreamMetrics } from '../analysis/stream-model.js';

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
    /** The lane of steps without an owner, drawn as a warning. */
    unowned: boolean;
}

export interface WaitMarker {
    hours: number;
    /** Hours of that wait caused by someone else, and who. */
    outside: Array<{ hours: number; cause: string }>;
    at: Point;
}

export interface StepLayout extends Box {
    name: string;
    title: string;
    lane: number;
    column: number;
    processTime: number;
    waitTime: number;
    completeAccurate: number;
    systems: string[];
    kaizens: string[];
    critical: boolean;
    wait?: WaitMarker;
    range?: SourceRange;
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
    labelAt?: Point;
    critical: boolean;
    range?: SourceRange;
}

export interface LadderSegment {
    kind: 'wait' | 'process';
    x1: number;
    x2: number;
    hours: number;
}

export interface LadderLayout {
    y: number;
    segments: LadderSegment[];
    totals: Array<{ label: string; value: string }>;
    /** Where the totals column starts, right of the last step. */
    totalsX: number;
}

export interface HeaderCard {
    title: string;
    recipient?: string;
    start?: string;
    end?: string;
    measure?: string;
    improves?: string;
}

export interface StreamLayout {
    name: string;
    header: HeaderCard;
    width: number;
    height: number;
    lanes: LaneLayout[];
    steps: StepLayout[];
    edges: EdgeLayout[];
    ladder: LadderLayout;
    metrics: StreamMetrics;
    /** The stream's working day, to read its durations in days and weeks. */
    workdayHours: number;
    findings: Finding[];
    range?: SourceRange;
}
