import { describe, expect, it } from 'vitest';
import type { Box, EdgeLayout, Point, StreamLayout } from '../../src/diagram/layout-model.js';
import { Dimensions, TextStyles } from '../../src/diagram/dimensions.js';
import { pages } from '../../src/diagram/bands.js';
import { layoutStream, type LayoutOptions } from '../../src/diagram/layout.js';
import { DEFAULT_SCALE, fittingScale, pageHeight } from '../../src/cli/png.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { generateStream } from '../bench/generate-stream.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE } from '../fixtures.js';
import { buildWorkspace } from '../helpers.js';

/** A small deterministic random generator, so that failures reproduce. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1664525 + 1013904223) % 4294967296;
        return state / 4294967296;
    };
}

/**
 * A random stream: steps in a few lanes (some unowned), forward edges of both kinds, rework;
 * with `decisions`, about half the steps with several edges out decide between them (a share
 * of 0% among them now and then).
 */
function randomStream(seed: number, size: number, decisions = false): string {
    const next = random(seed);
    const lines = ['team A "Alpha"', 'team B "Beta"', 'team C "Gamma"', 'stream r {'];
    for (let step = 0; step < size; step++) {
        const owner = next() < 0.15 ? '' : `owner ${'ABC'[Math.floor(next() * 3)]}`;
        lines.push(
            `  step s${step} "Step number ${step} with a long title" { ${owner} process ${1 + Math.floor(next() * 8)}h wait ${Math.floor(next() * 3)}d }`
        );
    }
    const edges: Array<{ from: number; to: number; carries?: string }> = [];
    for (let step = 1; step < size; step++) {
        const from = Math.floor(next() * step);
        edges.push(next() < 0.5 ? { from, to: step, carries: `item ${step}` } : { from, to: step });
        if (next() < 0.3) {
            edges.push({ from: Math.floor(next() * step), to: step });
        }
        if (next() < 0.1 && step > 2) {
            lines.push(`  rework s${step} -> s${Math.floor(next() * step)} { rate 10% }`);
        }
    }
    const shares = decisions ? randomShares(edges, next) : new Map<number, number>();
    edges.forEach(({ from, to, carries }, index) => {
        const share = shares.has(index) ? `share ${shares.get(index)}%` : '';
        lines.push(
            carries
                ? `  handoff s${from} -> s${to} { carries "${carries}" ${share} }`
                : `  flow s${from} -> s${to}${share ? ` { ${share} }` : ''}`
        );
    });
    lines.push('}');
    return lines.join('\n');
}

/** Shares (whole percentages adding up to 100) for the edges out of some steps with several. */
function randomShares(edges: Array<{ from: number }>, next: () => number): Map<number, number> {
    const shares = new Map<number, number>();
    const outOf = new Map<number, number[]>();
    edges.forEach((edge, index) => outOf.set(edge.from, [...(outOf.get(edge.from) ?? []), index]));
    for (const out of outOf.values()) {
        if (out.length < 2 || next() < 0.5) {
            continue;
        }
        let left = 100;
        out.forEach((edge, position) => {
            const share = position === out.length - 1 ? left : Math.floor(next() * (left + 1));
            shares.set(edge, share);
            left -= share;
        });
    }
    return shares;
}

async function layoutOf(text: string, options?: LayoutOptions): Promise<StreamLayout> {
    return layoutStream((await buildWorkspace(text)).model(), options);
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
    checkWrapped(layout);
}

/**
 * A map wrapped into rows (to the default width unless `width`) fits that width; every part of
 * the one row is drawn whole in one row (a step, a label, a share: none straddles a cut), every
 * line wholly in the rows it runs through, and each line a cut crosses has a letter at both ends.
 */
function checkWrapped(layout: StreamLayout, width: number = Dimensions.pictureWidth): void {
    const { bands, totals } = layout.wrapped!;
    expect(totals, 'a map in one picture has its totals').toBeDefined();
    const inside = (box: Box, slice: Box) =>
        box.x >= slice.x - 0.01 &&
        box.x + box.width <= slice.x + slice.width + 0.01 &&
        box.y >= slice.y - 0.01 &&
        box.y + box.height <= slice.y + slice.height + 0.01;
    expect(layout.width, 'the map fits the width').toBeLessThanOrEqual(width);
    expect(totals!.from.x + totals!.by.x + totals!.from.width).toBeLessThanOrEqual(layout.width);
    const bandOf = (box: Box) => bands.find(band => inside(box, band.content.from));
    for (const step of layout.steps) {
        const band = bandOf(step);
        expect(band, `${step.name} is drawn whole in one row`).toBeDefined();
        expect(step.column).toBeGreaterThanOrEqual(band!.columns.first);
        expect(step.column).toBeLessThanOrEqual(band!.columns.last);
        for (const obstacle of [step.wait?.box, step.decision].filter(box => box !== undefined)) {
            expect(inside(obstacle, band!.content.from), `what is beside ${step.name} is in its row`).toBe(true);
        }
    }
    for (const { name, box } of labelsOf(layout)) {
        expect(bandOf(box), `the ${name} is drawn whole in one row`).toBeDefined();
    }
    for (const edge of layout.edges) {
        for (let index = 1; index < edge.points.length; index++) {
            const [p, q] = [edge.points[index - 1], edge.points[index]];
            const segment = {
                x: Math.min(p.x, q.x),
                y: Math.min(p.y, q.y),
                width: Math.abs(p.x - q.x),
                height: Math.abs(p.y - q.y)
            };
            for (const band of bands) {
                const slice = band.content.from;
                const left = Math.max(segment.x, slice.x),
                    right = Math.min(segment.x + segment.width, slice.x + slice.width);
                if (left < right || (segment.width === 0 && left === right)) {
                    expect(
                        inside({ ...segment, x: left, width: right - left }, slice),
                        `${edge.kind} ${edge.from}->${edge.to} is drawn whole in the rows it runs through`
                    ).toBe(true);
                }
            }
        }
    }
    bands.slice(1).forEach((band, index) => {
        const before = bands[index].connectors.filter(connector => connector.side === 'right');
        const after = band.connectors.filter(connector => connector.side === 'left');
        expect(after.map(connector => `${connector.letter} ${connector.edges.join(',')} ${!connector.leaves}`)).toEqual(
            before.map(connector => `${connector.letter} ${connector.edges.join(',')} ${connector.leaves}`)
        );
    });
}

/** Every label drawn beside an edge: its text and handoff labels, and the shares of decisions. */
function labelsOf(layout: StreamLayout): Array<{ name: string; box: Box }> {
    return layout.edges.flatMap(edge => [
        ...(edge.labelBox ? [{ name: `label of ${edge.kind} ${edge.from}->${edge.to}`, box: edge.labelBox }] : []),
        ...(edge.share?.box ? [{ name: `share of ${edge.from}->${edge.to}`, box: edge.share.box }] : [])
    ]);
}

/**
 * No edge label or share overlaps another, a step, a wait marker, a decision's diamond, a lane
 * label or the header, and no segment of any edge runs through it (its own edge runs beside
 * it); its lines fit its box. A label that found no room is named in its edge's tooltip.
 */
function checkLabels(layout: StreamLayout): void {
    const obstacles: Array<{ what: string; box: Box }> = [
        { what: 'the header', box: layout.header.box },
        ...layout.steps.map(step => ({ what: `step ${step.name}`, box: step })),
        ...layout.steps.flatMap(step => (step.wait ? [{ what: `the wait of ${step.name}`, box: step.wait.box }] : [])),
        ...layout.steps.flatMap(step =>
            step.decision ? [{ what: `the diamond of ${step.name}`, box: step.decision }] : []
        ),
        ...layout.lanes.map(lane => ({ what: `lane label ${lane.label}`, box: lane.labelBox }))
    ];
    for (const edge of layout.edges.filter(candidate => candidate.label && !candidate.labelBox)) {
        expect(edge.tooltip, `the label of ${edge.from}->${edge.to} is in the tooltip`).toContain(
            `label "${edge.label}" not drawn`
        );
    }
    for (const edge of layout.edges.filter(candidate => candidate.share && !candidate.share.box)) {
        expect(edge.tooltip, `the share of ${edge.from}->${edge.to} is in the tooltip`).toContain(
            `share "${edge.share!.text}" not drawn`
        );
    }
    for (const edge of layout.edges.filter(candidate => candidate.labelBox)) {
        for (const line of edge.labelLines!) {
            const style = edge.kind === 'rework' ? TextStyles.reworkLabel : TextStyles.edgeLabel;
            expect(textWidth(line, style), `${edge.from}->${edge.to}: "${line}" fits`).toBeLessThanOrEqual(
                edge.labelBox!.width
            );
        }
    }
    for (const edge of layout.edges.filter(candidate => candidate.share?.box)) {
        expect(textWidth(edge.share!.text, TextStyles.shareLabel)).toBeLessThanOrEqual(edge.share!.box!.width);
    }
    const labels = labelsOf(layout);
    for (const { name, box } of labels) {
        for (const obstacle of obstacles) {
            expect(overlaps(box, obstacle.box), `${name} overlaps ${obstacle.what}`).toBe(false);
        }
        for (const other of labels.filter(candidate => candidate.box !== box)) {
            expect(overlaps(box, other.box), `${name} overlaps the ${other.name}`).toBe(false);
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
    // A wrapped map's parts are laid out in one row, then drawn in rows: that row is their canvas.
    const { width, height } = layout.wrapped?.row ?? layout;
    const onCanvas = (point: Point) => point.x >= 8 && point.x <= width - 8 && point.y >= 8 && point.y <= height - 8;
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

    for (const seed of Array.from({ length: 12 }, (_, index) => index + 101)) {
        it(`keeps its invariants on random stream ${seed} with decisions`, async () => {
            const layout = await layoutOf(randomStream(seed, 40, true));
            expect(layout.edges.some(edge => edge.share)).toBe(true);
            checkInvariants(layout);
        });
    }

    // Random streams are denser than real ones: a channel of eight or more parallel lines, 8 px apart, leaves no room between them.
    it('finds room for nearly every edge label of random streams, in one row and wrapped', async () => {
        const drawnShare = async (options: LayoutOptions) => {
            let labels = 0,
                drawn = 0;
            for (const seed of [31, 32, 33, 34, 35]) {
                const { edges } = await layoutOf(randomStream(seed, 60), options);
                labels += edges.filter(edge => edge.label).length;
                drawn += edges.filter(edge => edge.labelBox).length;
            }
            return drawn / labels;
        };
        expect(await drawnShare({ width: Infinity })).toBeGreaterThan(0.85);
        // Wrapped, a label keeps off the cuts between rows too.
        expect(await drawnShare({})).toBeGreaterThan(0.8);
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

    it('finds room for the share of nearly every way out of a decision of random streams', async () => {
        let shares = 0,
            drawn = 0;
        for (const seed of [131, 132, 133, 134, 135]) {
            const { edges } = await layoutOf(randomStream(seed, 60, true));
            shares += edges.filter(edge => edge.share).length;
            drawn += edges.filter(edge => edge.share?.box).length;
        }
        expect(shares).toBeGreaterThan(20);
        expect(drawn / shares).toBeGreaterThan(0.9);
    });
});

describe('a map wrapped into rows', () => {
    it('wraps a long stream to the width asked, and to one row when asked for none', async () => {
        const text = generateStream(40);
        const narrow = await layoutOf(text, { width: 600 });
        expect(narrow.width).toBeLessThanOrEqual(600);
        expect(narrow.wrapped!.bands.every(band => band.columns.first === band.columns.last)).toBe(true);
        checkWrapped(narrow, 600);
        const wide = await layoutOf(text, { width: 3000 });
        checkWrapped(wide, 3000);
        expect(wide.wrapped!.bands.length).toBeLessThan(narrow.wrapped!.bands.length);
        expect((await layoutOf(text, { width: Infinity })).wrapped!.bands).toHaveLength(1);
    });

    it(
        'draws a 1,000-step map as pages of its rows, each drawn at its own size at least',
        { timeout: 60_000 },
        async () => {
            const layout = await layoutOf(generateStream(1000));
            const height = pageHeight(layout.width);
            const drawn = pages(layout, height);
            expect(drawn.length).toBeGreaterThan(1);
            for (const page of drawn) {
                expect(
                    fittingScale(page.width, page.height, DEFAULT_SCALE),
                    'a page is drawn at scale 1 or more'
                ).toBeGreaterThanOrEqual(1);
                expect(page.width).toBeLessThanOrEqual(Dimensions.pictureWidth);
            }
            expect(drawn.flatMap(page => page.wrapped!.bands.map(band => band.columns.first))).toEqual(
                layout.wrapped!.bands.map(band => band.columns.first)
            );
            expect(drawn.map(page => page.wrapped!.totals !== undefined)).toEqual(
                drawn.map((_, index) => index === drawn.length - 1)
            );
        }
    );
});

describe('decisions on the map', () => {
    it('labels each way out of a decision with its share, near the decision, overlapping nothing', async () => {
        const layout = await layoutOf(DECISION_EXAMPLE);
        const ways = layout.edges.filter(edge => edge.share);
        expect(ways.map(edge => [edge.to, edge.share!.text])).toEqual([
            ['answer', '80%'],
            ['escalate', '20%']
        ]);
        const triage = layout.steps.find(step => step.name === 'triage')!;
        for (const way of ways) {
            // In the channel right of the deciding step, before the steps it leads to.
            expect(way.share!.box!.x).toBeGreaterThan(triage.x + triage.width);
            expect(way.share!.box!.x).toBeLessThan(triage.x + triage.width + Dimensions.columnGap / 2);
        }
        expect(layout.edges.find(edge => edge.from === 'escalate')!.share).toBeUndefined();
        checkInvariants(layout);
    });

    it('marks a deciding step by a diamond at its exit, from under which its ways leave', async () => {
        const layout = await layoutOf(DECISION_EXAMPLE);
        const triage = layout.steps.find(step => step.name === 'triage')!;
        const diamond = triage.decision!;
        expect(diamond.x + diamond.width / 2).toBe(triage.x + triage.width);
        expect(diamond.y + diamond.height / 2).toBe(triage.y + triage.height / 2);
        const starts = layout.edges.filter(edge => edge.from === 'triage').map(edge => edge.points[0]);
        expect(starts).toEqual([starts[0], starts[0]]);
        expect(starts[0]).toEqual({ x: triage.x + triage.width, y: triage.y + triage.height / 2 });
        expect(layout.steps.filter(step => step.decision).map(step => step.name)).toEqual(['triage']);
    });

    it('marks the typical path apart from the critical path, and only in a stream with decisions', async () => {
        const layout = await layoutOf(DECISION_EXAMPLE);
        const names = (marked: Array<{ name: string }>) => marked.map(step => step.name);
        expect(names(layout.steps.filter(step => step.critical))).toEqual(['triage', 'escalate', 'close']);
        expect(names(layout.steps.filter(step => step.typical))).toEqual(['triage', 'answer', 'close']);
        const edges = (marked: EdgeLayout[]) => marked.map(edge => `${edge.from}->${edge.to}`);
        expect(edges(layout.edges.filter(edge => edge.critical))).toEqual(['triage->escalate', 'escalate->close']);
        expect(edges(layout.edges.filter(edge => edge.typical))).toEqual(['triage->answer', 'answer->close']);
        expect(layout.decisions).toEqual([
            'Triage decides: 80% go to Answer from the knowledge base, 20% to Investigate in engineering'
        ]);
        expect(layout.ladder.totals.slice(-2)).toEqual([
            { label: 'Typical lead time', value: '10 h' },
            { label: 'Typical share', value: '80%' }
        ]);

        const without = await layoutOf(WORKED_EXAMPLE);
        expect(without.steps.filter(step => step.typical || step.decision)).toEqual([]);
        expect(without.edges.filter(edge => edge.typical || edge.share)).toEqual([]);
        expect(without.ladder.totals.map(total => total.label)).not.toContain('Typical lead time');
    });

    it('draws a way nobody takes, a decision behind another, ways that rejoin and a handoff chain', async () => {
        const layout = await layoutOf(`team A\nteam B
stream s {
    step a { owner A }  step b { owner A }  step c { owner B }  step d { owner B }  step e { owner A }  step f { owner B }
    flow a -> b { share 100% }
    flow b -> c { share 70% }
    flow b -> d { share 30% }
    flow c -> e { share 0% }
    flow c -> f { share 100% }
    handoff d -> e -> f { carries "x" }
}`);
        expect(layout.steps.filter(step => step.decision).map(step => step.name)).toEqual(['a', 'b', 'c']);
        expect(layout.edges.filter(edge => edge.share).map(edge => edge.share!.text)).toEqual([
            '100%',
            '70%',
            '30%',
            '0%',
            '100%'
        ]);
        expect(layout.edges.filter(edge => edge.share).every(edge => edge.share!.box)).toBe(true);
        checkInvariants(layout);
    });
});
