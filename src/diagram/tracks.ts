/**
 * Tracks: the parallel lanes of lines in a channel (the gap between two columns) or a gutter
 * (the gap between two rows). Every stretch an edge runs along a channel or a gutter claims a
 * track for an interval; two claims whose intervals overlap or come near never share a track,
 * so no two edges run along one line and none turns where another passes. When a channel or
 * a gutter has more tracks than fit, it asks for room: the grid widens it.
 */
import { Dimensions as D } from './dimensions.js';
import { columnX, gutterKey, type Grid, type TrackRoom } from './grid.js';

/** The first track's distance from a channel's left side, and the room kept free before the boxes on its right (for labels and arrowheads). */
const CHANNEL_INSET = 12;
const CHANNEL_ENTRY = 40;
/** The first track's distance below a gutter's top, and the least spacing of tracks in a gutter. */
const GUTTER_INSET = 4;
const GUTTER_PITCH = 6;
/** Claims on one track keep this far apart, so that one line's end never seems to go on as another. */
const CLEARANCE = 3 * D.track;
/** How many tracks a channel holds at its usual width, and how deep a gutter's tracks may go at its usual height. */
const CHANNEL_TRACKS = Math.floor((D.columnGap - CHANNEL_INSET - CHANNEL_ENTRY) / D.track) + 1;
const GUTTER_DEPTH = D.rowGutter / 2;

/** A stretch along a channel (`column`) or a gutter (`lane`, `row`: below that row, −1 at the lane's top), over `low`..`high` across it. */
export interface Claim {
    pool: { column: number } | { lane: number; row: number };
    low: number;
    high: number;
    /** In a gutter: how deep its line lies at least (room for an arrowhead or a loop), and the room it wants above its line (for its label). */
    depth: number;
    above: number;
    /** In a channel, the side it keeps to: −1 near the boxes it leaves, 1 near the boxes it enters. */
    side: -1 | 0 | 1;
    /** In a channel, the heights where it leaves the box on its left and enters the box on its right, if it does. */
    exit?: number;
    entry?: number;
    track: number;
    /** Where its line lies: from a channel's left side, or below a gutter's top. */
    offset: number;
}

export function claim(
    pool: Claim['pool'],
    a: number,
    b: number,
    {
        depth = 0,
        above = 0,
        side = 0,
        exit,
        entry
    }: Partial<Pick<Claim, 'depth' | 'above' | 'side' | 'exit' | 'entry'>> = {}
): Claim {
    return { pool, low: Math.min(a, b), high: Math.max(a, b), depth, above, side, exit, entry, track: 0, offset: 0 };
}

function poolKey(pool: Claim['pool']): string {
    return 'column' in pool ? `c${pool.column}` : `g${gutterKey(pool.lane, pool.row)}`;
}

/**
 * Gives each claim a track, the shortest claims first: in a channel the first track where it
 * keeps clear of every claim there, the tracks then ordered by the side their claims keep to
 * (lines leaving the boxes on the left turn near them, lines entering the boxes on the right
 * near those, and the middle stays free, for a straight line's badge); in a gutter a track
 * below every claim it comes near, so that a short loop nests inside a longer one instead of
 * crossing it, each track as deep as its claims need and with the room above they want.
 */
export function assignTracks(claims: Claim[]): void {
    const pools = new Map<string, Claim[]>();
    for (const item of claims) {
        const key = poolKey(item.pool);
        pools.set(key, [...(pools.get(key) ?? []), item]);
    }
    for (const members of pools.values()) {
        members.sort((a, b) => a.high - a.low - (b.high - b.low) || a.low - b.low);
        if ('column' in members[0].pool) {
            channelTracks(members);
        } else {
            gutterTracks(members);
        }
    }
}

function channelTracks(members: Claim[]): void {
    const tracks: Claim[][] = [];
    for (const item of members) {
        let track = 0;
        while (tracks[track]?.some(other => near(other, item))) {
            track++;
        }
        (tracks[track] ??= []).push(item);
    }
    const slots = Math.max(tracks.length + 2, CHANNEL_TRACKS);
    const score = (track: Claim[]) => track.reduce((sum, item) => sum + item.side, 0) / track.length;
    // A line that passes a box's exit keeps right of that exit's turn (and one that passes an entry, left of its turn), so
    // that it crosses no stub near a box, where it would seem to come from it; among equals, longer lines further left.
    const exits = members.flatMap(item => (item.exit === undefined ? [] : [item.exit]));
    const entries = members.flatMap(item => (item.entry === undefined ? [] : [item.entry]));
    const passes = (track: Claim[], ports: number[]) =>
        Math.max(...track.map(item => ports.filter(port => port > item.low && port < item.high).length));
    const length = (track: Claim[]) => Math.max(...track.map(item => item.high - item.low));
    const left = tracks
        .filter(track => score(track) <= 0)
        .sort((a, b) => score(a) - score(b) || passes(a, exits) - passes(b, exits) || length(b) - length(a));
    const right = tracks
        .filter(track => score(track) > 0)
        .sort((a, b) => score(b) - score(a) || passes(a, entries) - passes(b, entries) || length(a) - length(b));
    const place = (track: Claim[], slot: number) =>
        track.forEach(item => {
            item.track = slot;
            item.offset = CHANNEL_INSET + slot * D.track;
        });
    left.forEach((track, slot) => place(track, slot));
    right.forEach((track, index) => place(track, slots - 1 - index));
}

function gutterTracks(members: Claim[]): void {
    const tracks: Claim[][] = [];
    for (const item of members) {
        // Below every shorter claim it comes near: loops nest, none runs through another.
        item.track = Math.max(
            0,
            ...tracks
                .flat()
                .filter(other => near(other, item))
                .map(other => other.track + 1)
        );
        (tracks[item.track] ??= []).push(item);
    }
    let offset = GUTTER_INSET - GUTTER_PITCH;
    for (const track of tracks) {
        offset = Math.max(
            offset + GUTTER_PITCH,
            ...(track ?? []).map(item => Math.max(item.depth, offset + item.above))
        );
        track?.forEach(item => (item.offset = offset));
    }
}

/** Claims that cannot share a track: near each other, or keeping to different sides of a channel. */
function near(a: Claim, b: Claim): boolean {
    return a.side > 0 !== b.side > 0 || (a.low - CLEARANCE <= b.high && b.low <= a.high + CLEARANCE);
}

function channelLeft(grid: Grid, column: number): number {
    return columnX(grid, column) - D.columnGap - (grid.room.channels.get(column) ?? 0);
}

/** Where a channel's free room begins and ends, left to right. */
export function channelSpan(grid: Grid, column: number): [number, number] {
    return [channelLeft(grid, column), columnX(grid, column)];
}

export function gutterTop(grid: Grid, lane: number, row: number): number {
    return row < 0 ? grid.laneTops[lane] : grid.rowYs[lane][row] + grid.stepHeight;
}

/** The part of a gutter its tracks take (the rest holds the wait markers of the row below). */
export function gutterSpan(grid: Grid, lane: number, row: number): [number, number] {
    const top = gutterTop(grid, lane, row);
    return [top, top + GUTTER_DEPTH + (grid.room.gutters.get(gutterKey(lane, row)) ?? 0)];
}

/** Where a claim's track lies: its x in a channel, its y in a gutter. */
export function trackPosition(grid: Grid, item: Claim): number {
    const { pool } = item;
    return ('column' in pool ? channelLeft(grid, pool.column) : gutterTop(grid, pool.lane, pool.row)) + item.offset;
}

/** The room each channel and gutter needs beyond the usual gap for the tracks its claims took. */
export function roomFor(claims: Claim[]): TrackRoom {
    const room: TrackRoom = { channels: new Map(), gutters: new Map() };
    const widen = <K>(map: Map<K, number>, key: K, extra: number) => {
        if (extra > (map.get(key) ?? 0)) {
            map.set(key, extra);
        }
    };
    for (const { pool, track, offset } of claims) {
        if ('column' in pool) {
            widen(room.channels, pool.column, (track + 1 - CHANNEL_TRACKS) * D.track);
        } else {
            widen(room.gutters, gutterKey(pool.lane, pool.row), offset - GUTTER_DEPTH);
        }
    }
    return room;
}

/** Does `wanted` ask for more room anywhere than `given`? */
export function needsMoreRoom(given: TrackRoom, wanted: TrackRoom): boolean {
    return (
        [...wanted.channels].some(([key, extra]) => extra > (given.channels.get(key) ?? 0)) ||
        [...wanted.gutters].some(([key, extra]) => extra > (given.gutters.get(key) ?? 0))
    );
}
