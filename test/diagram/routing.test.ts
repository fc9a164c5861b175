/**
 * The routed lines say one thing each (issue 25): every edge ends at its own port, no two edges
 * run along one stretch (only a decision's ways share their first, under the diamond), no edge
 * touches another's ends or turns on another's line, none runs through a box, a badge covers
 * no line, each label sits nearer its own line than any other, and a self-loop is a loop with
 * room for its arrowhead and its rate. Checked on generated streams, the examples, the
 * published maps and a fixture of the cases once drawn ambiguously.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dimensions as D } from '../../src/diagram/dimensions.js';
import { ARROWHEAD, arrowheadBox, badgeBox, LABEL_LINE_HEIGHT } from '../../src/diagram/label-placement.js';
import type { Box, EdgeLayout, Point, StreamLayout } from '../../src/diagram/layout-model.js';
import { layoutStream } from '../../src/diagram/layout.js';
import { generateStream } from '../bench/generate-stream.js';
import { DECISION_EXAMPLE } from '../fixtures.js';
import { buildWorkspace } from '../helpers.js';

const root = resolve(__dirname, '../..');
const TANGLED = readFileSync(resolve(root, 'test/fixtures/tangled-lines.vstream'), 'utf8');

/** The layouts of a file's streams; the examples' teams are declared in a file of their own. */
async function layoutsOf(text: string, ...others: string[]): Promise<StreamLayout[]> {
    const workspace = await buildWorkspace(text, ...others);
    return [...workspace.streams.keys()].map(name => layoutStream(workspace.model(name)));
}

interface Segment {
    from: Point;
    to: Point;
}

function segmentsOf(edge: EdgeLayout): Segment[] {
    return edge.points.slice(1).map((to, index) => ({ from: edge.points[index], to }));
}

const horizontal = (segment: Segment) => segment.from.y === segment.to.y;

/** The length two axis-parallel segments run along each other (0 when they only cross or touch at a point). */
function sharedLength(a: Segment, b: Segment): number {
    if (horizontal(a) !== horizontal(b)) {
        return 0;
    }
    const [along, across] = horizontal(a) ? (['x', 'y'] as const) : (['y', 'x'] as const);
    if (a.from[across] !== b.from[across]) {
        return 0;
    }
    const low = Math.max(Math.min(a.from[along], a.to[along]), Math.min(b.from[along], b.to[along]));
    const high = Math.min(Math.max(a.from[along], a.to[along]), Math.max(b.from[along], b.to[along]));
    return Math.max(0, high - low);
}

function onSegment(point: Point, { from, to }: Segment): boolean {
    return (
        point.x >= Math.min(from.x, to.x) &&
        point.x <= Math.max(from.x, to.x) &&
        point.y >= Math.min(from.y, to.y) &&
        point.y <= Math.max(from.y, to.y)
    );
}

function distanceToSegment(box: Box, { from, to }: Segment): number {
    const dx = Math.max(0, Math.min(from.x, to.x) - (box.x + box.width), box.x - Math.max(from.x, to.x));
    const dy = Math.max(0, Math.min(from.y, to.y) - (box.y + box.height), box.y - Math.max(from.y, to.y));
    return Math.hypot(dx, dy);
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A segment as a box, a hair wide, so that a box touching it overlaps it. */
function segmentBox({ from, to }: Segment): Box {
    const x = Math.min(from.x, to.x),
        y = Math.min(from.y, to.y);
    return { x: x - 0.5, y: y - 0.5, width: Math.abs(to.x - from.x) + 1, height: Math.abs(to.y - from.y) + 1 };
}

const name = (edge: EdgeLayout) => `${edge.kind} ${edge.from}->${edge.to}`;

/** Two ways out of one decision: they leave from one point under the diamond and share their first stretch. */
function decisionSiblings(layout: StreamLayout, a: EdgeLayout, b: EdgeLayout): boolean {
    const deciding = layout.steps.find(step => step.name === a.from)?.decision !== undefined;
    return deciding && a.from === b.from && a.kind !== 'rework' && b.kind !== 'rework' && !!a.share && !!b.share;
}

function checkEnds(layout: StreamLayout): void {
    const key = (point: Point) => `${point.x},${point.y}`;
    const ends = new Map<string, EdgeLayout>();
    for (const edge of layout.edges) {
        const end = key(edge.points.at(-1)!);
        expect(ends.get(end) && name(ends.get(end)!), `${name(edge)} ends at its own port`).toBeUndefined();
        ends.set(end, edge);
    }
    const starts = new Map<string, EdgeLayout>();
    for (const edge of layout.edges) {
        const start = key(edge.points[0]);
        const other = starts.get(start);
        if (other && !decisionSiblings(layout, edge, other)) {
            expect.fail(`${name(edge)} starts where ${name(other)} starts`);
        }
        expect(ends.get(start) && name(ends.get(start)!), `${name(edge)} starts where no edge ends`).toBeUndefined();
        starts.set(start, edge);
    }
}

/** No stretch shared, no end or turn of one edge on another's line (a junction says the line comes from there). */
function checkNoSharing(layout: StreamLayout): void {
    const edges = layout.edges;
    for (let i = 0; i < edges.length; i++) {
        for (let j = 0; j < edges.length; j++) {
            if (i === j) {
                continue;
            }
            const [a, b] = [edges[i], edges[j]];
            const siblings = decisionSiblings(layout, a, b);
            const aSegments = segmentsOf(a);
            segmentsOf(b).forEach((segment, index) => {
                aSegments.forEach((other, otherIndex) => {
                    if (!(siblings && index === 0 && otherIndex === 0)) {
                        expect(sharedLength(segment, other), `${name(b)} runs along ${name(a)}`).toBe(0);
                    }
                });
            });
            b.points.forEach((point, index) => {
                // A decision's way turns off the shared first stretch of its siblings.
                const ownStretch = siblings && index <= 1;
                aSegments.forEach((segment, segmentIndex) => {
                    if (!(ownStretch && segmentIndex === 0) && onSegment(point, segment)) {
                        expect.fail(`${name(b)} has a point (${point.x}, ${point.y}) on the line of ${name(a)}`);
                    }
                });
            });
        }
    }
}

function checkBoxes(layout: StreamLayout): void {
    for (const edge of layout.edges) {
        for (const { from, to } of segmentsOf(edge)) {
            for (const step of layout.steps) {
                const inner = { x: step.x + 0.5, y: step.y + 0.5, width: step.width - 1, height: step.height - 1 };
                expect(overlaps(segmentBox({ from, to }), inner), `${name(edge)} runs through ${step.name}`).toBe(
                    false
                );
            }
        }
        // The arrowhead sits on a straight stem, not on a turn.
        const [before, end] = edge.points.slice(-2);
        expect(
            Math.abs(end.x - before.x) + Math.abs(end.y - before.y),
            `the arrowhead of ${name(edge)} has a stem`
        ).toBeGreaterThanOrEqual(ARROWHEAD.length + 2);
    }
}

/** A badge, on its line or touching it, covers no other edge's line or arrowhead, no box, and no other badge. */
function checkBadges(layout: StreamLayout): void {
    for (const edge of layout.edges) {
        const badge = badgeBox(edge.badgeAt);
        for (const other of layout.edges.filter(candidate => candidate !== edge)) {
            for (const segment of segmentsOf(other)) {
                expect(overlaps(badge, segmentBox(segment)), `the badge of ${name(edge)} covers ${name(other)}`).toBe(
                    false
                );
            }
            expect(
                overlaps(badge, arrowheadBox(other.points)),
                `the badge of ${name(edge)} covers the arrowhead of ${name(other)}`
            ).toBe(false);
            expect(
                overlaps(badge, badgeBox(other.badgeAt)),
                `the badge of ${name(edge)} covers the badge of ${name(other)}`
            ).toBe(false);
        }
        for (const step of layout.steps) {
            expect(overlaps(badge, step), `the badge of ${name(edge)} covers ${step.name}`).toBe(false);
        }
        const at = { ...edge.badgeAt, width: 0, height: 0 };
        const own = Math.min(...segmentsOf(edge).map(segment => distanceToSegment(at, segment)));
        expect(own, `the badge of ${name(edge)} touches its line`).toBeLessThan(badge.width / 2);
        for (const other of layout.edges.filter(candidate => candidate !== edge)) {
            for (const segment of segmentsOf(other)) {
                expect(
                    distanceToSegment(at, segment),
                    `the badge of ${name(edge)} is nearer its line than ${name(other)}`
                ).toBeGreaterThan(own);
            }
        }
    }
}

/** Each label and share is nearer its own line than any other line (a sibling's shared stretch counts as its own). */
function checkLabelsNearest(layout: StreamLayout): void {
    for (const edge of layout.edges) {
        const own = segmentsOf(edge);
        for (const box of [edge.labelBox, edge.share?.box].filter((candidate): candidate is Box => !!candidate)) {
            const nearest = Math.min(...own.map(segment => distanceToSegment(box, segment)));
            for (const other of layout.edges.filter(candidate => candidate !== edge)) {
                const theirs = segmentsOf(other).filter(segment => !own.some(mine => sharedLength(mine, segment) > 0));
                for (const segment of theirs) {
                    expect(
                        distanceToSegment(box, segment),
                        `the label of ${name(edge)} is nearer ${name(other)} than its own line`
                    ).toBeGreaterThan(nearest);
                }
            }
        }
    }
}

/** A rework of a step into itself is a loop under the box, wide and deep enough for its arrowhead and its rate. */
function checkSelfLoops(layout: StreamLayout): void {
    for (const edge of layout.edges.filter(candidate => candidate.from === candidate.to)) {
        const step = layout.steps.find(candidate => candidate.name === edge.from)!;
        const xs = edge.points.map(point => point.x),
            ys = edge.points.map(point => point.y);
        expect(Math.max(...xs) - Math.min(...xs), `the loop of ${step.name} is wide`).toBeGreaterThanOrEqual(
            step.width / 2
        );
        expect(Math.max(...ys) - (step.y + step.height), `the loop of ${step.name} is deep`).toBeGreaterThanOrEqual(
            ARROWHEAD.length + LABEL_LINE_HEIGHT
        );
        expect(edge.labelBox, `the rate of the loop of ${step.name} is drawn`).toBeDefined();
    }
}

function checkLines(layout: StreamLayout): void {
    checkEnds(layout);
    checkNoSharing(layout);
    checkBoxes(layout);
    checkBadges(layout);
    checkLabelsNearest(layout);
    checkSelfLoops(layout);
}

/**
 * A random stream for the property: steps in up to four lanes, forward edges (handoffs with
 * labels, flows), a hub that many edges enter, reworks (some from one step to two others, some
 * of a step into itself), and now and then a decision.
 */
const streams = fc
    .record({
        size: fc.integer({ min: 2, max: 14 }),
        owners: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 14, maxLength: 14 }),
        links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 24 }),
        reworks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        hub: fc.boolean(),
        decide: fc.boolean()
    })
    .map(({ size, owners, links, reworks, hub, decide }) => {
        const lines = ['team A', 'team B', 'team C', 'team D', 'stream r { recipient "r" start "a" end "b"'];
        for (let step = 0; step < size; step++) {
            lines.push(`  step s${step} "Step ${step}" { owner ${'ABCD'[owners[step]]} process 1h wait 2h }`);
        }
        const edges = new Set<string>();
        for (let step = 1; step < size; step++) {
            edges.add(`${step - 1} ${step}`);
        }
        for (const [a, b] of links) {
            const [from, to] = [a % size, b % size].sort((x, y) => x - y);
            if (from !== to) {
                edges.add(`${from} ${to}`);
            }
        }
        if (hub) {
            for (let step = 0; step < size - 1; step++) {
                edges.add(`${step} ${size - 1}`);
            }
        }
        const byFrom = new Map<number, number[]>();
        [...edges].forEach((edge, index) => {
            const [from, to] = edge.split(' ').map(Number);
            byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
            if (!decide || (byFrom.get(from)?.length ?? 0) > 1) {
                lines.push(
                    index % 2 === 0
                        ? `  handoff s${from} -> s${to} { carries "item ${index}" }`
                        : `  flow s${from} -> s${to}`
                );
            }
        });
        if (decide) {
            // Each step with several ways out decides between them, evenly.
            for (const [from, targets] of byFrom) {
                const share = (index: number) =>
                    index === targets.length - 1
                        ? 100 - Math.floor(100 / targets.length) * (targets.length - 1)
                        : Math.floor(100 / targets.length);
                lines.push(
                    ...(targets.length > 1
                        ? targets.map((to, index) => `  flow s${from} -> s${to} { share ${share(index)}% }`)
                        : [`  flow s${from} -> s${targets[0]}`])
                );
            }
        }
        // One rework per pair of steps (two loops of one step are allowed, but say nothing two reworks would not).
        for (const [a, b] of new Map(reworks.map(([a, b]) => [`${a % size} ${b % size}`, [a, b]])).values()) {
            lines.push(`  rework s${a % size} -> s${b % size} { rate ${5 + (a % 20)}% }`);
        }
        lines.push('}');
        return lines.join('\n');
    });

const examples = [
    ...readdirSync(resolve(root, 'examples')).map(file => `examples/${file}`),
    ...readdirSync(resolve(root, 'examples/published')).map(file => `examples/published/${file}`)
].filter(file => file.endsWith('.vstream') && !file.endsWith('teams.vstream'));
const TEAMS = readFileSync(resolve(root, 'examples/teams.vstream'), 'utf8');

describe('routed lines', () => {
    it('keep apart on generated streams (property)', { timeout: 120_000 }, async () => {
        await fc.assert(
            fc.asyncProperty(streams, async text => {
                for (const layout of await layoutsOf(text)) {
                    checkLines(layout);
                }
            }),
            { numRuns: 50, seed: 25, endOnFailure: true }
        );
    });

    it('keep apart on the generated benchmark stream', { timeout: 60_000 }, async () => {
        for (const layout of await layoutsOf(generateStream(200))) {
            checkLines(layout);
        }
    });

    for (const file of examples) {
        it(`keep apart on ${file}`, async () => {
            const layouts = await layoutsOf(readFileSync(resolve(root, file), 'utf8'), TEAMS);
            expect(layouts.every(layout => layout.lanes.every(lane => !lane.unowned))).toBe(true);
            for (const layout of layouts) {
                checkLines(layout);
            }
        });
    }

    it('keep apart on the decision example', async () => {
        for (const layout of await layoutsOf(DECISION_EXAMPLE)) {
            checkLines(layout);
        }
    });

    describe('the tangled fixture', () => {
        it('keeps every line apart', async () => {
            const [layout] = await layoutsOf(TANGLED);
            checkLines(layout);
        });

        it('gives each of the eight edges into Release an arrowhead of its own, side by side on its left side', async () => {
            const [layout] = await layoutsOf(TANGLED);
            const release = layout.steps.find(step => step.name === 'release')!;
            const ends = layout.edges.filter(edge => edge.to === 'release').map(edge => edge.points.at(-1)!);
            expect(ends).toHaveLength(8);
            // Apart by at least an arrowhead's width: side by side, not stacked.
            const ys = ends.map(end => end.y).sort((a, b) => a - b);
            ys.slice(1).forEach((y, index) => expect(y - ys[index]).toBeGreaterThanOrEqual(ARROWHEAD.width));
            for (const end of ends) {
                expect(end.x).toBe(release.x);
                expect(end.y).toBeGreaterThan(release.y);
                expect(end.y).toBeLessThan(release.y + release.height);
            }
        });

        it('keeps the two reworks out of Test apart, each with its own rate beside it', async () => {
            const [layout] = await layoutsOf(TANGLED);
            const reworks = layout.edges.filter(edge => edge.kind === 'rework' && edge.from === 'test');
            // Each rate with the mark of its reason in the notes.
            expect(reworks.map(edge => [edge.to, edge.label])).toEqual([
                ['build', '20% R1'],
                ['design', '15% R2']
            ]);
            const [toBuild, toDesign] = reworks.map(segmentsOf);
            for (const segment of toBuild) {
                for (const other of toDesign) {
                    expect(sharedLength(segment, other)).toBe(0);
                }
            }
            expect(reworks.every(edge => edge.labelBox)).toBe(true);
        });

        it('draws the rework of Build into itself as a loop under its box', async () => {
            const [layout] = await layoutsOf(TANGLED);
            const loop = layout.edges.find(edge => edge.from === 'build' && edge.to === 'build')!;
            const build = layout.steps.find(step => step.name === 'build')!;
            const bottom = build.y + build.height;
            expect(loop.points[0].y).toBe(bottom);
            expect(loop.points.at(-1)!.y).toBe(bottom);
            // Out at the right, back in at the left.
            expect(loop.points[0].x).toBeGreaterThan(loop.points.at(-1)!.x);
            checkSelfLoops(layout);
        });
    });

    it('widens a gutter that more reworks run along than it has tracks for, and only that one', async () => {
        const reworks = Array.from({ length: 6 }, (_, index) => `rework s${index + 6} -> s${index} { rate 5% }`);
        const text = `team A\nteam B\nstream s { recipient "r" start "a" end "b"
${Array.from({ length: 12 }, (_, index) => `step s${index} { owner A process 1h }`).join('\n')}
step other { owner B process 1h }
${Array.from({ length: 11 }, (_, index) => `flow s${index} -> s${index + 1}`).join('\n')}
handoff s11 -> other { carries "x" }
${reworks.join('\n')}
}`;
        const [layout] = await layoutsOf(text);
        checkLines(layout);
        const [laneA, laneB] = layout.lanes;
        const usual = layout.steps[0].height + 2 * D.rowGutter;
        expect(laneA.height).toBeGreaterThan(usual);
        expect(laneB.height).toBe(usual);
    });
});
