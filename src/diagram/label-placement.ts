/**
 * Edge labels placed after routing, where they overlap nothing: for each labelled edge, the
 * first free place among candidates along its own route (beside the horizontal segment nearest
 * the end the label keeps to first — its target, or for a decision's share its source — then
 * its other segments, above or below a horizontal one, left or right of a vertical one). Free
 * means clear of every step, wait marker, kaizen burst, decision diamond, lane label, the
 * header, every arrowhead and badge spot, every label placed before, and every segment of every
 * edge: a label sits beside its own edge but no line runs through it, and every other edge keeps
 * farther from it than its own. A label with no free place
 * is left to the edge's tooltip. A grid of cells keeps each test local, so placement stays
 * linear in the size of the map.
 */
import type { Box, EdgeLayout, Point } from './layout-model.js';
import { textWidth, type TextStyle } from './text-width.js';

/** Gap between a label and the segment it sits beside. */
const GAP = 3;
/** Every other edge keeps farther from a label than its own: the label reads as its own line's. */
const OTHERS_CLEARANCE = GAP + 2;
/** Room around a label's text, so that strokes never touch its glyphs. */
const PADDING = 1;
/** Height of a line of 11 px label text (its ascent and descent, 13.3 px, and a little), and where its baseline sits below the line's top. */
export const LABEL_LINE_HEIGHT = 14;
export const LABEL_BASELINE = 11;
/** The room a line of label needs beside its own line, clear of every other: what a router leaves for it. */
export const LABEL_ROOM = GAP + LABEL_LINE_HEIGHT + 2 * PADDING + OTHERS_CLEARANCE;
/** How far apart the places tried along a long segment are. */
const SLIDE = 36;
const SLIDES = 8;

/** A label to place: the edge it names, the ways to wrap it, widest first, and the end of the edge it keeps near. */
export interface PendingLabel {
    edge: EdgeLayout;
    wrappings: Array<readonly string[]>;
    style: TextStyle;
    near: 'source' | 'target';
    /** Near the source, the segments to leave out first (a decision's ways share their first stretch). */
    skip?: number;
}

/** Where a label went: its box and the wrapping that fits there. */
export interface PlacedLabel {
    box: Box;
    lines: readonly string[];
}

/** Boxes and segments in a uniform grid of cells, each with the edge it belongs to (−1: none). */
export class SpatialIndex {
    private static readonly CELL = 64;
    private readonly cells = new Map<number, Array<{ box: Box; owner: number }>>();

    add(box: Box, owner = -1): void {
        this.forCells(box, key => {
            const items = this.cells.get(key);
            if (items) {
                items.push({ box, owner });
            } else {
                this.cells.set(key, [{ box, owner }]);
            }
        });
    }

    /**
     * Does anything (but what belongs to edge `except`) overlap the inside of `box`? A segment
     * (a box of no width or height) along its edge does not.
     */
    overlaps(box: Box, except = -2): boolean {
        let found = false;
        this.forCells(box, key => {
            found ||= this.cells.get(key)?.some(item => item.owner !== except && intersects(item.box, box)) ?? false;
        });
        return found;
    }

    private forCells(box: Box, visit: (key: number) => void): void {
        const { CELL } = SpatialIndex;
        const [left, right] = [Math.floor(box.x / CELL), Math.floor((box.x + box.width) / CELL)];
        const [top, bottom] = [Math.floor(box.y / CELL), Math.floor((box.y + box.height) / CELL)];
        for (let column = left; column <= right; column++) {
            for (let row = top; row <= bottom; row++) {
                // Maps are far less than a million cells wide; rows go below zero only in no map.
                visit(column * 1_000_003 + row);
            }
        }
    }
}

/** The lines of edges, their arrowheads and badge spots, each with its edge's index. */
export function lineIndex(edges: EdgeLayout[]): SpatialIndex {
    const index = new SpatialIndex();
    edges.forEach((edge, owner) => {
        segmentBoxes(edge.points).forEach(box => index.add(box, owner));
        index.add(arrowheadBox(edge.points), owner);
    });
    return index;
}

/** A box grown by `by` on every side. */
export function inflate(box: Box, by: number): Box {
    return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/**
 * Strict overlap: boxes that only touch do not intersect. A segment is a box of no width (or
 * height), so it intersects a box only when it runs strictly inside its span: along its border, not.
 */
export function intersects(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The segments of a route, as boxes of no width (vertical) or no height (horizontal). */
export function segmentBoxes(points: Point[]): Box[] {
    return points.slice(1).map((point, index) => {
        const previous = points[index];
        return {
            x: Math.min(previous.x, point.x),
            y: Math.min(previous.y, point.y),
            width: Math.abs(point.x - previous.x),
            height: Math.abs(point.y - previous.y)
        };
    });
}

/** An arrowhead's size in px, the same on every line (so that side by side they stay apart), and the room it takes at the end of a route, with a margin. */
export const ARROWHEAD = { length: 10, width: 8 } as const;

export function arrowheadBox(points: Point[]): Box {
    const end = points[points.length - 1];
    return { x: end.x - 8, y: end.y - 8, width: 16, height: 16 };
}

export function badgeBox(at: Point): Box {
    return { x: at.x - 7, y: at.y - 7, width: 14, height: 14 };
}

export interface PlacementArea {
    /** Where labels may go: the lanes. */
    bounds: Box;
    /** Everything labels must keep clear of, besides the edges. */
    obstacles: Box[];
}

/** Places every label it can, in order (undefined: no room anywhere). */
export function placeLabels(
    area: PlacementArea,
    edges: EdgeLayout[],
    labels: PendingLabel[]
): Array<PlacedLabel | undefined> {
    const obstacles = new SpatialIndex();
    area.obstacles.forEach(box => obstacles.add(box));
    const lines = lineIndex(edges);
    edges.forEach((edge, owner) => lines.add(badgeBox(edge.badgeAt), owner));
    const owners = new Map(edges.map((edge, owner) => [edge, owner]));
    return labels.map(({ edge, wrappings, style, near, skip = 0 }) => {
        const sizes = wrappings.map(lines => labelSize(lines, style));
        const owner = owners.get(edge) ?? -1;
        // Candidates run from a route's end: walked backwards, the source is that end.
        const route = near === 'target' ? edge.points : edge.points.slice(skip).reverse();
        const free = candidates(route, sizes).find(
            ({ box }) =>
                inside(box, area.bounds) &&
                !obstacles.overlaps(box) &&
                !lines.overlaps(box) &&
                !lines.overlaps(inflate(box, OTHERS_CLEARANCE), owner)
        );
        if (free) {
            obstacles.add(free.box);
        }
        return free && { box: free.box, lines: wrappings[free.wrapping] };
    });
}

interface Size {
    width: number;
    height: number;
}

interface Segment {
    from: Point;
    to: Point;
}

function labelSize(lines: readonly string[], style: TextStyle): Size {
    return {
        width: Math.ceil(Math.max(...lines.map(line => textWidth(line, style)))) + 2 * PADDING,
        height: lines.length * LABEL_LINE_HEIGHT + 2 * PADDING
    };
}

function inside(box: Box, bounds: Box): boolean {
    return (
        box.x >= bounds.x &&
        box.y >= bounds.y &&
        box.x + box.width <= bounds.x + bounds.width &&
        box.y + box.height <= bounds.y + bounds.height
    );
}

/**
 * Places to try, best first: horizontal segments from the target back, then vertical ones;
 * beside each segment, every wrapping, widest first (a narrower one fits between two lines).
 */
function candidates(points: Point[], sizes: Size[]): Array<{ box: Box; wrapping: number }> {
    const segments = points
        .slice(1)
        .map((to, index) => ({ from: points[index], to }))
        .reverse();
    const beside = (segment: Segment, place: (segment: Segment, size: Size) => Box[]) =>
        sizes.flatMap((size, wrapping) => place(segment, size).map(box => ({ box, wrapping })));
    return [
        ...segments.filter(({ from, to }) => from.y === to.y).flatMap(segment => beside(segment, besideHorizontal)),
        ...segments.filter(({ from, to }) => from.x === to.x).flatMap(segment => beside(segment, besideVertical))
    ];
}

/** Above, then below, a horizontal segment: at its end (clear of an arrowhead), sliding back to its start, and at its middle. */
function besideHorizontal({ from, to }: Segment, size: Size): Box[] {
    const rightward = to.x >= from.x;
    const [low, high] = [Math.min(from.x, to.x), Math.max(from.x, to.x)];
    const atEnd = rightward ? high - 12 - size.width : low + 12;
    const atStart = rightward ? low + GAP : high - GAP - size.width;
    const xs = [...slide(atEnd, atStart), (low + high - size.width) / 2];
    return xs.flatMap(x => [
        { x, y: from.y - GAP - size.height, ...size },
        { x, y: from.y + GAP, ...size }
    ]);
}

/** Right, then left, of a vertical segment: near its end, sliding back to its start, and at its middle. */
function besideVertical({ from, to }: Segment, size: Size): Box[] {
    const downward = to.y >= from.y;
    const [top, bottom] = [Math.min(from.y, to.y), Math.max(from.y, to.y)];
    const atEnd = downward ? bottom - 12 - size.height : top + 12;
    const atStart = downward ? top + GAP : bottom - GAP - size.height;
    const ys = [...slide(atEnd, atStart), (top + bottom - size.height) / 2];
    return [from.x + GAP, from.x - GAP - size.width].flatMap(x => ys.map(y => ({ x, y, ...size })));
}

/** From `atEnd` towards `atStart` in steps of SLIDE, both included. */
function slide(atEnd: number, atStart: number): number[] {
    const direction = Math.sign(atStart - atEnd);
    const places = [atEnd];
    for (let step = 1; step <= SLIDES && (atEnd + step * SLIDE * direction - atStart) * direction < 0; step++) {
        places.push(atEnd + step * SLIDE * direction);
    }
    return [...places, atStart];
}
