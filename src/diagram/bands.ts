/**
 * A map wrapped to a width: its one-row layout cut between columns into rows ("bands") stacked
 * top to bottom, each with the lanes it uses, their labels repeated, and its part of the ladder.
 * A cut runs just right of a column's boxes, before the channel's first track, so that every box
 * and the wait, kaizen and diamond beside it stay whole and a line crosses a cut only where it
 * runs across; both ends of such a line get the same letter. Nothing is moved inside the layout:
 * each band says which slice of it is drawn where, so routing, labels and the invariants stay
 * those of one row.
 */
import { Dimensions as D } from './dimensions.js';
import { columnX, type Grid } from './grid.js';
import type {
    Band,
    Box,
    Connector,
    EdgeLayout,
    Point,
    Slice,
    StepLayout,
    StreamLayout,
    WrappedLayout
} from './layout-model.js';
import { RUNGS_HEIGHT, ladderHeight } from './ladder-layout.js';
import { segmentBoxes } from './label-placement.js';

/** A band's columns and the x range of the one-row layout it shows. */
export interface BandSpan {
    first: number;
    last: number;
    start: number;
    end: number;
}

/** Where the lanes' content starts when drawn: right of the label column. */
const CONTENT_LEFT = D.margin + D.laneLabelWidth;

/** The x of the cut right of a column. */
function cutAfter(grid: Grid, column: number): number {
    return columnX(grid, column) + D.stepWidth + D.cutGap;
}

/** A band's width as drawn: the label column, its slice, room for the letters of the lines cut at its right, the margin. */
function drawnWidth(span: BandSpan, last: boolean): number {
    return CONTENT_LEFT + span.end - span.start + (last ? 0 : D.connectorRoom) + D.margin;
}

/** How wide the widest row is drawn. */
export function rowsWidth(spans: BandSpan[]): number {
    return Math.max(...spans.map((span, index) => drawnWidth(span, index === spans.length - 1)));
}

/**
 * The bands of a map of `columns` columns wrapped to `width`: as many columns in each as fit,
 * one at least. `contentRight`: how far right the last column's lines reach in the one row.
 */
export function bandSpans(grid: Grid, columns: number, contentRight: number, width: number): BandSpan[] {
    const spans: BandSpan[] = [];
    const span = (first: number, last: number): BandSpan => ({
        first,
        last,
        start: first === 0 ? CONTENT_LEFT : cutAfter(grid, first - 1),
        end: last === columns - 1 ? Math.max(cutAfter(grid, last), contentRight) : cutAfter(grid, last)
    });
    let first = 0;
    while (first < columns) {
        let last = first;
        while (last + 1 < columns && drawnWidth(span(first, last + 1), last + 1 === columns - 1) <= width) {
            last++;
        }
        spans.push(span(first, last));
        first = last + 1;
    }
    return spans;
}

/** The cuts as lines across the lanes, for edge labels to keep clear of: a label never straddles two rows. */
export function cutLines(spans: BandSpan[], lanes: Box): Box[] {
    return spans.slice(0, -1).map(span => ({ x: span.end, y: lanes.y, width: 0, height: lanes.height }));
}

/** The one-row layout's parts the bands are made of, besides its steps, lanes and edges. */
export interface RowFrame {
    /** Where the lanes end and the ladder begins, and where what is under the ladder begins. */
    lanesBottom: number;
    ladderBottom: number;
    width: number;
    height: number;
}

/**
 * Stacks the bands under the header: each band as tall as the lanes its content touches, its
 * ladder under it; the totals beside the last band's ladder when they fit in `width`, else
 * under it; what lies under the ladder in the one row, under all of them.
 */
export function wrapBands(
    layout: Pick<StreamLayout, 'lanes' | 'steps' | 'edges' | 'ladder'>,
    spans: BandSpan[],
    frame: RowFrame,
    width: number
): WrappedLayout & { width: number; height: number } {
    let cursor = D.margin + D.headerHeight;
    const used = lanesUsed(layout, spans);
    const bands: Band[] = spans.map((span, index) => {
        const last = index === spans.length - 1;
        const lanes = used[index];
        // A stream without steps has no lanes: its row is empty.
        const [upper, lower] = [layout.lanes[lanes.first], layout.lanes[lanes.last]];
        const top = upper?.y ?? frame.lanesBottom;
        const bottom = lower ? lower.y + lower.height : frame.lanesBottom;
        const dx = CONTENT_LEFT - span.start;
        const content: Slice = {
            from: { x: span.start, y: top, width: span.end - span.start, height: bottom - top },
            by: { x: dx, y: cursor - top }
        };
        // The first band's ladder takes in the label column, where the legend is.
        const ladderLeft = index === 0 ? 0 : span.start;
        const ladder: Slice = {
            from: { x: ladderLeft, y: frame.lanesBottom, width: span.end - ladderLeft, height: RUNGS_HEIGHT },
            by: { x: dx, y: cursor + bottom - top - frame.lanesBottom }
        };
        const box = {
            x: D.margin,
            y: cursor,
            width: drawnWidth(span, last) - 2 * D.margin,
            height: bottom - top
        };
        cursor += bottom - top + RUNGS_HEIGHT + (last ? 0 : D.bandGap);
        return { columns: { first: span.first, last: span.last }, lanes, box, content, ladder, connectors: [] };
    });
    connect(layout.edges, spans, bands);
    const lastBand = bands[bands.length - 1];
    const { totalsX, totalsWidth } = layout.ladder;
    const totalsHeight = ladderHeight(layout.ladder.totals.length);
    const beside = lastBand.box.x + lastBand.box.width + totalsWidth + D.margin <= width;
    const ladderTop = cursor - RUNGS_HEIGHT;
    const totals: Slice = {
        from: { x: totalsX, y: frame.lanesBottom, width: totalsWidth, height: totalsHeight },
        by: beside
            ? { x: lastBand.box.x + lastBand.box.width - totalsX, y: ladderTop - frame.lanesBottom }
            : { x: D.margin - totalsX, y: cursor - frame.lanesBottom }
    };
    cursor = beside ? Math.max(cursor, ladderTop + totalsHeight) : cursor + totalsHeight;
    const belowHeight = Math.max(0, frame.height - D.margin - frame.ladderBottom);
    const below: Slice = {
        from: { x: 0, y: frame.ladderBottom, width: frame.width, height: belowHeight },
        by: { x: 0, y: cursor - frame.ladderBottom }
    };
    return {
        bands,
        totals,
        below,
        row: { width: frame.width, height: frame.height },
        width: Math.max(
            ...bands.map(band => band.box.x + band.box.width + D.margin),
            totals.from.x + totals.by.x + totalsWidth + D.margin
        ),
        height: cursor + belowHeight + D.margin
    };
}

/** The bands whose x range a box (or a segment) overlaps, first and last: a binary search over the spans. */
function bandsOver(spans: ReadonlyArray<{ end: number }>, box: Box): [number, number] {
    const after = (x: number) => {
        let low = 0,
            high = spans.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (spans[middle].end <= x) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    };
    return [after(box.x), Math.min(spans.length - 1, after(box.x + box.width))];
}

/**
 * The lanes, first to last, that hold anything of each band: its steps, the lines across it,
 * their labels. One pass over the steps and the segments, each to the bands it overlaps.
 */
function lanesUsed(layout: Pick<StreamLayout, 'lanes' | 'steps' | 'edges'>, spans: BandSpan[]): Array<Band['lanes']> {
    const top = spans.map(() => Infinity),
        bottom = spans.map(() => -Infinity);
    const take = (box: Box) => {
        const [first, last] = bandsOver(spans, box);
        for (let band = first; band <= last; band++) {
            top[band] = Math.min(top[band], box.y);
            bottom[band] = Math.max(bottom[band], box.y + box.height);
        }
    };
    layout.steps.forEach(take);
    for (const edge of layout.edges) {
        segmentBoxes(edge.points).forEach(take);
        [edge.labelBox, edge.share?.box].forEach(label => label && take(label));
    }
    return spans.map((_, band) => {
        const touched = layout.lanes.flatMap((lane, index) =>
            lane.y + lane.height > top[band] && lane.y < bottom[band] ? [index] : []
        );
        return touched.length > 0
            ? { first: touched[0], last: touched[touched.length - 1] }
            : { first: 0, last: layout.lanes.length - 1 };
    });
}

/**
 * The two ends of every line a cut crosses: at the right side of the band before the cut and at
 * the left side of the band after it, with one letter, A, B, … from the top at each cut.
 */
function connect(edges: EdgeLayout[], spans: BandSpan[], bands: Band[]): void {
    const crossings = spans.map((): Array<{ edge: number; y: number; rightward: boolean }> => []);
    edges.forEach((edge, index) =>
        edge.points.slice(1).forEach((point, at) => {
            const previous = edge.points[at];
            if (point.y !== previous.y) {
                return;
            }
            const [low, high] = [Math.min(point.x, previous.x), Math.max(point.x, previous.x)];
            const [first, last] = bandsOver(spans, { x: low, y: point.y, width: high - low, height: 0 });
            for (let band = first; band <= last && band < spans.length - 1; band++) {
                if (low < spans[band].end && high > spans[band].end) {
                    crossings[band].push({ edge: index, y: point.y, rightward: point.x > previous.x });
                }
            }
        })
    );
    crossings.forEach((atCut, band) => {
        const cut = spans[band].end;
        const [before, after] = [bands[band], bands[band + 1]];
        // Lines that cross at one height are one line there (a decision's ways before they part): one letter.
        const heights = new Map<number, typeof atCut>();
        for (const crossing of atCut.sort((a, b) => a.y - b.y || a.edge - b.edge)) {
            heights.set(crossing.y, [...(heights.get(crossing.y) ?? []), crossing]);
        }
        const placed: Array<{ y: number; stack: number }> = [];
        [...heights].forEach(([y, lines], order) => {
            const near = new Set(placed.filter(other => y - other.y < LETTER_SPACING).map(other => other.stack));
            let stack = 0;
            while (near.has(stack)) {
                stack++;
            }
            placed.push({ y, stack });
            const end = (side: Connector['side'], held: Band, leaves: boolean): Connector => ({
                edges: lines.map(line => line.edge),
                letter: connectorLetter(order),
                at: { x: side === 'right' ? cut + held.content.by.x : CONTENT_LEFT, y: y + held.content.by.y },
                side,
                leaves,
                stack
            });
            before.connectors.push(end('right', before, lines[0].rightward));
            after.connectors.push(end('left', after, !lines[0].rightward));
        });
    });
}

/** The steps and edges each band draws: its columns' steps, and the edges whose route reaches into its slice. */
export function partsByBand(
    layout: Pick<StreamLayout, 'steps' | 'edges'>,
    bands: Band[]
): { steps: StepLayout[][]; edges: EdgeLayout[][] } {
    const spans = bands.map(band => ({ end: band.content.from.x + band.content.from.width }));
    // A page holds some rows only: what lies outside them is on another page.
    const [left, right] = [bands[0].content.from.x, spans[spans.length - 1].end];
    const steps = bands.map((): StepLayout[] => []);
    const edges = bands.map((): EdgeLayout[] => []);
    for (const step of layout.steps) {
        if (step.x >= left && step.x < right) {
            steps[bandsOver(spans, step)[0]].push(step);
        }
    }
    for (const edge of layout.edges) {
        const xs = edge.points.map(point => point.x);
        const [low, high] = [Math.min(...xs), Math.max(...xs)];
        if (high < left || low >= right) {
            continue;
        }
        const [first, last] = bandsOver(spans, { x: low, y: 0, width: high - low, height: 0 });
        for (let band = first; band <= last; band++) {
            edges[band].push(edge);
        }
    }
    return { steps, edges };
}

/**
 * The parts of a route within the x range of a slice, each a route of its own: one drawn in a
 * row ends at the row's side where the line goes on, its arrowhead there pointing on.
 */
export function routeWithin(points: Point[], slice: Box): Point[][] {
    const [left, right] = [slice.x, slice.x + slice.width];
    // Where a segment (a slanted one too: the ladder's) meets a side.
    const at = (from: Point, to: Point, x: number): Point =>
        from.x === to.x ? { x, y: from.y } : { x, y: from.y + ((to.y - from.y) * (x - from.x)) / (to.x - from.x) };
    const clamp = (from: Point, to: Point, point: Point): Point =>
        point.x < left ? at(from, to, left) : point.x > right ? at(from, to, right) : point;
    const pieces: Point[][] = [];
    points.slice(1).forEach((to, index) => {
        const from = points[index];
        if (Math.max(from.x, to.x) < left || Math.min(from.x, to.x) > right) {
            return;
        }
        const [a, b] = [clamp(from, to, from), clamp(from, to, to)];
        if (a.x === b.x && a.y === b.y) {
            return;
        }
        const piece = pieces[pieces.length - 1];
        const last = piece?.[piece.length - 1];
        if (last && last.x === a.x && last.y === a.y) {
            piece.push(b);
        } else {
            pieces.push([a, b]);
        }
    });
    return pieces;
}

/** Letters nearer each other than a line of text stand side by side. */
const LETTER_SPACING = 13;

/** A, B, … Z, AA, AB, …: short, and each names one line at its cut. */
export function connectorLetter(order: number): string {
    const letter = String.fromCharCode(65 + (order % 26));
    return order < 26 ? letter : connectorLetter(Math.floor(order / 26) - 1) + letter;
}

/**
 * A wrapped map too tall for one picture, as pages of whole rows at most `height` tall (one row
 * at least), each under the map's header; the totals and what is under the ladder on the last.
 */
export function pages(layout: StreamLayout, height: number): StreamLayout[] {
    const { wrapped } = layout;
    if (!wrapped || layout.height <= height) {
        return [layout];
    }
    const top = D.margin + D.headerHeight;
    const bottomOf = (band: Band) => band.box.y + band.box.height + RUNGS_HEIGHT;
    const groups: Band[][] = [];
    for (const band of wrapped.bands) {
        const group = groups[groups.length - 1];
        if (group && bottomOf(band) - group[0].box.y + top + D.margin <= height) {
            group.push(band);
        } else {
            groups.push([band]);
        }
    }
    return groups.map((group, index) => {
        const last = index === groups.length - 1;
        const up = group[0].box.y - top;
        const moved = (slice: Slice): Slice => ({ from: slice.from, by: { x: slice.by.x, y: slice.by.y - up } });
        const bands = group.map(band => ({
            ...band,
            box: { ...band.box, y: band.box.y - up },
            content: moved(band.content),
            ladder: moved(band.ladder),
            connectors: band.connectors.map(connector => ({
                ...connector,
                at: { ...connector.at, y: connector.at.y - up }
            }))
        }));
        return {
            ...layout,
            height: last ? layout.height - up : bottomOf(group[group.length - 1]) - up + D.margin,
            wrapped: {
                ...wrapped,
                bands,
                totals: last && wrapped.totals ? moved(wrapped.totals) : undefined,
                below: last && wrapped.below ? moved(wrapped.below) : undefined
            }
        };
    });
}
