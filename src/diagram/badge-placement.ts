/**
 * Where each edge's badge would sit, should the edge have an error or a warning: on its own
 * line, as near its source as it can, where it covers no other edge's line or arrowhead, no
 * box and no other badge. The layout does not know which edges will have a problem, so every
 * edge gets a spot of its own.
 */
import type { Box, EdgeLayout, Point } from './layout-model.js';
import { badgeBox, inflate, lineIndex, SpatialIndex } from './label-placement.js';

/** The nearest a badge sits to its source, and the spacing of the spots tried further along. */
const FIRST_SPOT = 10;
const STEP = 2;
/** A badge keeps this far from its own arrowhead's point. */
const BEFORE_END = 16;

export function placeBadges(edges: EdgeLayout[], boxes: Box[]): void {
    const lines = lineIndex(edges);
    const taken = new SpatialIndex();
    boxes.forEach(box => taken.add(box));
    const free = (at: Point, offset: number, owner: number) => {
        const badge = inflate(badgeBox(at), 1 + Math.abs(offset) / 2);
        return !lines.overlaps(badge, owner) && !taken.overlaps(badge);
    };
    edges.forEach((edge, owner) => {
        edge.badgeAt = firstFree(edge.points, (at, offset) => free(at, offset, owner));
        taken.add(badgeBox(edge.badgeAt));
    });
}

/** The first spot along a route where `free` says a badge fits: on the line if it can, else just beside it. */
function firstFree(points: Point[], free: (at: Point, offset: number) => boolean): Point {
    for (const offset of [0, ASIDE, -ASIDE]) {
        for (const spot of spotsAlong(points)) {
            const at = aside(spot, offset);
            if (free(at, offset)) {
                return at;
            }
        }
    }
    const [first] = spotsAlong(points);
    return first?.at ?? points[0];
}

/** How far beside its line a badge may sit, when no place on it is free: its edge still touches it. */
const ASIDE = 6;

function aside({ at, across }: Spot, offset: number): Point {
    return { x: at.x + across.x * offset, y: at.y + across.y * offset };
}

/** A place along a route, and the direction across the route there. */
interface Spot {
    at: Point;
    across: Point;
}

/** Points along a route from FIRST_SPOT on, STEP apart, up to BEFORE_END before its end. */
function* spotsAlong(points: Point[]): Generator<Spot, void> {
    let walked = 0;
    const length = points.slice(1).reduce((sum, to, index) => sum + distance(points[index], to), 0);
    for (let index = 1; index < points.length; index++) {
        const [from, to] = [points[index - 1], points[index]];
        const span = distance(from, to);
        for (let along = Math.max(0, FIRST_SPOT - walked); along <= span; along += STEP) {
            if (walked + along > length - BEFORE_END) {
                return;
            }
            const [dx, dy] = [Math.sign(to.x - from.x), Math.sign(to.y - from.y)];
            yield { at: { x: from.x + dx * along, y: from.y + dy * along }, across: { x: dy, y: dx } };
        }
        walked += span;
    }
}

function distance(from: Point, to: Point): number {
    return Math.abs(to.x - from.x) + Math.abs(to.y - from.y);
}
