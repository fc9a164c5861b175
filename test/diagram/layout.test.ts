import { describe, expect, it } from 'vitest';
import type { Box, Point, StreamLayout } from '../../src/diagram/layout-model.js';
import { layoutStream, TextStyles } from '../../src/diagram/layout.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { generateStream } from '../bench/generate-stream.js';
import { buildWorkspace } from '../helpers.js';

/** A small deterministic random generator, so that failures reproduce. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1664525 + 1013904223) % 4294967296;
        return state / 4294967296;
    };
}

/** A random stream: steps in a few lanes (some unowned), forward edges of both kinds, rework. */
function randomStream(seed: number, size: number): string {
    const next = random(seed);
    const lines = ['team A "Alpha"', 'team B "Beta"', 'team C "Gamma"', 'stream r {'];
    for (let step = 0; step < size; step++) {
        const owner = next() < 0.15 ? '' : `owner ${'ABC'[Math.floor(next() * 3)]}`;
        lines.push(
            `  step s${step} "Step number ${step} with a long title" { ${owner} process ${1 + Math.floor(next() * 8)}h wait ${Math.floor(next() * 3)}d }`
        );
    }
    for (let step = 1; step < size; step++) {
        const from = Math.floor(next() * step);
        lines.push(
            next() < 0.5 ? `  handoff s${from} -> s${step} { carries "item ${step}" }` : `  flow s${from} -> s${step}`
        );
        if (next() < 0.3) {
            lines.push(`  flow s${Math.floor(next() * step)} -> s${step}`);
        }
        if (next() < 0.1 && step > 2) {
            lines.push(`  rework s${step} -> s${Math.floor(next() * step)} { rate 10% }`);
        }
    }
    lines.push('}');
    return lines.join('\n');
}

async function layoutOf(text: string): Promise<StreamLayout> {
    return layoutStream((await buildWorkspace(text)).model());
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Does the axis-aligned segment p–q cross the inside of the box (its border excluded)? */
function crosses(p: Point, q: Point, box: Box): boolean {
    const inner = { x1: box.x + 0.5, y1: box.y + 0.5, x2: box.x + box.width - 0.5, y2: box.y + box.height - 0.5 };
    const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
    const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
    return x1 < inner.x2 && x2 > inner.x1 && y1 < inner.y2 && y2 > inner.y1;
}

function onBorder(point: Point, box: Box): boolean {
    const withinX = point.x >= box.x - 0.01 && point.x <= box.x + box.width + 0.01;
    const withinY = point.y >= box.y - 0.01 && point.y <= box.y + box.height + 0.01;
    const onVertical = Math.abs(point.x - box.x) < 0.01 || Math.abs(point.x - box.x - box.width) < 0.01;
    const onHorizontal = Math.abs(point.y - box.y) < 0.01 || Math.abs(point.y - box.y - box.height) < 0.01;
    return withinX && withinY && (onVertical || onHorizontal);
}

function checkInvariants(layout: StreamLayout): void {
    const { steps, lanes, edges } = layout;
    for (let i = 0; i < steps.length; i++) {
        for (let j = i + 1; j < steps.length; j++) {
            expect(overlaps(steps[i], steps[j]), `${steps[i].name} and ${steps[j].name} overlap`).toBe(false);
        }
        const lane = lanes[steps[i].lane];
        expect(
            steps[i].y >= lane.y && steps[i].y + steps[i].height <= lane.y + lane.height,
            `${steps[i].name} sits in its lane`
        ).toBe(true);
    }
    const byName = new Map(steps.map(step => [step.name, step]));
    for (const edge of edges) {
        const source = byName.get(edge.from)!,
            target = byName.get(edge.to)!;
        expect(onBorder(edge.points[0], source), `${edge.kind} ${edge.from}->${edge.to} starts on its source`).toBe(
            true
        );
        expect(
            onBorder(edge.points[edge.points.length - 1], target),
            `${edge.kind} ${edge.from}->${edge.to} ends on its target`
        ).toBe(true);
        for (let index = 1; index < edge.points.length; index++) {
            const [p, q] = [edge.points[index - 1], edge.points[index]];
            expect(p.x === q.x || p.y === q.y, 'segments are orthogonal').toBe(true);
            for (const step of steps) {
                expect(crosses(p, q, step), `${edge.kind} ${edge.from}->${edge.to} runs through ${step.name}`).toBe(
                    false
                );
            }
        }
        if (edge.kind !== 'rework' && !edge.tooltip.includes('cycle')) {
            expect(target.column, `${edge.from}->${edge.to} goes left to right`).toBeGreaterThan(source.column);
        }
    }
    checkLabels(layout);
    checkCanvas(layout);
}

/**
 * No edge label overlaps another label, a step, a wait marker, a lane label or the header, and
 * no segment of any edge runs through it (its own edge runs beside it); its lines fit its box.
 * A label that found no room is named in its edge's tooltip.
 */
function checkLabels(layout: StreamLayout): void {
    const obstacles: Array<{ what: string; box: Box }> = [
        { what: 'the header', box: layout.header.box },
        ...layout.steps.map(step => ({ what: `step ${step.name}`, box: step })),
        ...layout.steps.flatMap(step => (step.wait ? [{ what: `the wait of ${step.name}`, box: step.wait.box }] : [])),
        ...layout.lanes.map(lane => ({ what: `lane label ${lane.label}`, box: lane.labelBox }))
    ];
    const labelled = layout.edges.filter(edge => edge.labelBox);
    for (const edge of layout.edges.filter(candidate => candidate.label)) {
        const name = `label of ${edge.kind} ${edge.from}->${edge.to}`;
        const box = edge.labelBox;
        if (!box) {
            expect(edge.tooltip, `${name} is in the tooltip`).toContain(`label "${edge.label}" not drawn`);
            continue;
        }
        for (const line of edge.labelLines!) {
            const style = edge.kind === 'rework' ? TextStyles.reworkLabel : TextStyles.edgeLabel;
            expect(textWidth(line, style), `${name}: "${line}" fits`).toBeLessThanOrEqual(box.width);
        }
        for (const obstacle of obstacles) {
            expect(overlaps(box, obstacle.box), `${name} overlaps ${obstacle.what}`).toBe(false);
        }
        for (const other of labelled.filter(candidate => candidate !== edge)) {
            expect(overlaps(box, other.labelBox!), `${name} overlaps the label of ${other.from}->${other.to}`).toBe(
                false
            );
        }
        for (const crossing of layout.edges) {
            for (let index = 1; index < crossing.points.length; index++) {
                expect(
                    crosses(crossing.points[index - 1], crossing.points[index], box),
                    `${crossing.kind} ${crossing.from}->${crossing.to} runs through the ${name}`
                ).toBe(false);
            }
        }
        expect(box.y, `${name} stays below the header`).toBeGreaterThanOrEqual(layout.lanes[0].y);
        expect(box.y + box.height, `${name} stays above the ladder`).toBeLessThanOrEqual(
            layout.lanes.at(-1)!.y + layout.lanes.at(-1)!.height
        );
    }
}

/**
 * Everything lies on the canvas, arrowheads included: resvg aborts the whole process on a
 * marker drawn wholly off it (and the map has no element with opacity, the other case).
 */
function checkCanvas(layout: StreamLayout): void {
    const onCanvas = (point: Point) =>
        point.x >= 8 && point.x <= layout.width - 8 && point.y >= 8 && point.y <= layout.height - 8;
    for (const edge of layout.edges) {
        for (const point of edge.points) {
            expect(onCanvas(point), `${edge.from}->${edge.to} stays on the canvas`).toBe(true);
        }
    }
    for (const step of layout.steps) {
        expect(onCanvas(step) && onCanvas({ x: step.x + step.width, y: step.y + step.height })).toBe(true);
    }
}

describe('layout', () => {
    it('keeps its invariants on the generated benchmark stream', { timeout: 30_000 }, async () => {
        checkInvariants(await layoutOf(generateStream(300)));
    });

    for (const seed of Array.from({ length: 24 }, (_, index) => index + 1)) {
        it(`keeps its invariants on random stream ${seed}`, async () => {
            checkInvariants(await layoutOf(randomStream(seed, 40)));
        });
    }

    // Random streams are denser than real ones: a channel of eight or more parallel lines, 8 px apart, leaves no room between them.
    it('finds room for nearly every edge label of random streams', async () => {
        let labels = 0,
            drawn = 0;
        for (const seed of [31, 32, 33, 34, 35]) {
            const { edges } = await layoutOf(randomStream(seed, 60));
            labels += edges.filter(edge => edge.label).length;
            drawn += edges.filter(edge => edge.labelBox).length;
        }
        expect(drawn / labels).toBeGreaterThan(0.85);
    });

    it('puts each owner in one lane, in order of first appearance, and unowned steps last', async () => {
        const layout = await layoutOf(randomStream(7, 30));
        expect(layout.lanes.map(lane => lane.label)).toEqual(
            expect.arrayContaining(['Alpha', 'Beta', 'Gamma', 'No owner'])
        );
        expect(layout.lanes.at(-1)).toMatchObject({ label: 'No owner', unowned: true });
    });

    it('does not move the steps already placed when a step is appended', async () => {
        const base = randomStream(8, 30).replace(/\n}$/, '');
        const before = await layoutOf(`${base}\n}`);
        const after = await layoutOf(`${base}\n  step extra { owner A process 1h }\n  flow s29 -> extra\n}`);
        for (const step of before.steps) {
            const moved = after.steps.find(candidate => candidate.name === step.name)!;
            expect({ x: moved.x, y: moved.y }, step.name).toEqual({ x: step.x, y: step.y });
        }
    });

    it('is deterministic', async () => {
        const text = randomStream(9, 30);
        expect(JSON.stringify(await layoutOf(text))).toBe(JSON.stringify(await layoutOf(text)));
    });

    it('lays out a flow cycle and a self-handoff without failing', async () => {
        const layout = await layoutOf(
            'team A\nstream s { step a { owner A } step b { owner A } flow a -> b -> a  handoff b -> b }'
        );
        expect(layout.edges.map(edge => edge.label)).toEqual([undefined, 'cycle', 'cycle']);
        checkInvariants(layout);
    });

    it('draws the critical path along the ladder, waits up and process time down', async () => {
        const layout = await layoutOf(
            'team A\nstream s { step a { owner A process 2h wait 1h } step b { owner A process 3h } handoff a -> b { carries "x" wait 4h } }'
        );
        expect(layout.ladder.segments.map(segment => `${segment.kind} ${segment.hours}`)).toEqual([
            'wait 1',
            'process 2',
            'wait 4',
            'process 3'
        ]);
        expect(layout.ladder.totals[0]).toEqual({ label: 'Lead time', value: '10 h' });
    });
});
