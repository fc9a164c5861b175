/**
 * Ports: where on its box each edge leaves and arrives, one point per edge, so that no two
 * arrowheads stack. Forward edges leave a box's right side and enter the next's left side,
 * ordered by where their other end lies (upper ports for lines that go up), so that lines
 * cross as little as they can at the box; rework and cycles leave and enter by the bottom.
 *
 * Exits and entries sit on two interleaved ladders, half a pitch apart: a line leaving one
 * box and another entering the box beside it in the same row never meet on one height, where
 * the two would read as one line. Only an edge that runs straight from one box to the next
 * leaves and enters at the middle of both.
 */
import { Dimensions as D } from './dimensions.js';

/** How far from a box's middle a port may lie on its left or right side, and the widest spacing of ports (arrowheads side by side, apart). */
export const SIDE_REACH = D.stepHeight / 2 - 8;
export const SIDE_PITCH = 10;
/** Ports on a box's bottom: entries left of its middle, exits right of it, from this far off the middle, this far apart. */
const BOTTOM_INSET = 12;
const BOTTOM_PITCH = 12;
/** A rework of a step into itself leaves and enters its bottom this far in from the box's corners: a wide loop. */
export const SELF_LOOP_INSET = 20;
/** Two loops of one step lie this far apart, room for a badge between them. */
const SELF_LOOP_PITCH = 2 * BOTTOM_PITCH;

/**
 * The offsets from a side's middle of `count` ports spaced `pitch` apart, on the exits' ladder
 * (`half` false: whole pitches) or the entries' (half pitches); the port at `straight`, if
 * any, at the middle.
 */
export function sideOffsets(count: number, pitch: number, half: boolean, straight = -1): number[] {
    const shift = half ? pitch / 2 : 0;
    if (straight >= 0) {
        return Array.from({ length: count }, (_, index) =>
            index === straight
                ? 0
                : index < straight
                  ? -(straight - index) * pitch + shift
                  : (index - straight) * pitch - shift
        );
    }
    // Centred: an odd count of exits and an even count of entries fall on their ladder; the others move down half a pitch.
    const move = (count % 2 === 1) === half ? pitch / 2 : 0;
    return Array.from({ length: count }, (_, index) => (index - (count - 1) / 2) * pitch + move);
}

/** The spacing of side ports for a whole map: as wide as the busiest side allows, the same everywhere so that the ladders never meet. */
export function sidePitch(sides: Array<{ count: number; half: boolean; straight: number }>): number {
    let pitch = SIDE_PITCH;
    for (const { count, half, straight } of sides) {
        const reach = Math.max(0, ...sideOffsets(count, 1, half, straight).map(Math.abs));
        if (reach * pitch > SIDE_REACH) {
            pitch = SIDE_REACH / reach;
        }
    }
    return pitch;
}

/**
 * The x offsets from a box's middle of its bottom ports: `count` of one kind (entries to the
 * left, exits to the right), the nearest the middle first; self-loops at the far end.
 */
export function bottomOffsets(count: number, loops: number, exits: boolean): number[] {
    const reach = D.stepWidth / 2 - SELF_LOOP_INSET - loops * SELF_LOOP_PITCH - BOTTOM_INSET;
    const pitch = count - loops > 1 ? Math.min(BOTTOM_PITCH, reach / (count - loops - 1)) : BOTTOM_PITCH;
    const side = exits ? 1 : -1;
    return Array.from(
        { length: count },
        (_, index) =>
            side *
            (index < count - loops
                ? BOTTOM_INSET + index * pitch
                : D.stepWidth / 2 - SELF_LOOP_INSET - (index - (count - loops)) * SELF_LOOP_PITCH)
    );
}
