/** The classic layout (Learning to See): what it places where, checked on the book's own map. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classic, ClassicText, layoutClassic, type ClassicLayout } from '../../src/diagram/classic-layout.js';
import { layoutMap, renderSvg } from '../../src/diagram/index.js';
import type { Box } from '../../src/diagram/layout-model.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { buildWorkspace } from '../helpers.js';

const ACME = readFileSync(resolve(__dirname, '../../examples/published/acme-stamping-learning-to-see.vstream'), 'utf8');

async function classic(text: string, stream?: string): Promise<ClassicLayout> {
    return layoutClassic((await buildWorkspace(text)).model(stream));
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every box of the map that must stand clear of the others: processes, data boxes, triangles, parties, totals, labels. */
function boxesOf(layout: ClassicLayout): Array<{ what: string; box: Box }> {
    return [
        ...layout.processes.flatMap(process => [
            { what: `process ${process.name}`, box: process },
            {
                what: `data box ${process.name}`,
                box: { ...process.data, y: process.data.y + 0.5, height: process.data.height - 0.5 }
            }
        ]),
        ...layout.inventories.map(inventory => ({ what: `inventory ${inventory.step}`, box: inventory.box })),
        { what: 'supplier', box: layout.supplier.icon },
        { what: 'customer', box: layout.customer.icon },
        { what: 'totals', box: layout.totals.box },
        ...layout.arrows.flatMap(arrow =>
            arrow.label ? [{ what: `label ${arrow.from}>${arrow.to}`, box: arrow.label.box }] : []
        )
    ];
}

const BRANCHED = `
team A "Alpha"
team B "Beta"
stream b {
  recipient "R" start "S" end "E"
  step a "Take in" { owner A process 1h }
  step b "Decide" { owner A process 1h wait 2h }
  step c "Usual way" { owner B process 4h wait 1d }
  step d "Rare way" { owner B process 2h wait 3h }
  step e "Check" { owner A process 1h }
  step f "Deliver" { owner A process 1h }
  flow a -> b
  handoff b -> c { share 80% carries "case" }
  handoff b -> d { share 20% carries "case" }
  handoff c -> e
  handoff d -> e
  flow e -> f
  rework e -> b { rate 15% reason "wrong way chosen" }
  rework f -> a { rate 5% }
}`;

describe('the classic layout of Acme Stamping (Learning to See, current state)', () => {
    it('puts the six processes in one row in flow order', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.processes.map(process => process.name)).toEqual([
            'stamping',
            'weld1',
            'weld2',
            'assy1',
            'assy2',
            'ship'
        ]);
        expect(new Set(layout.processes.map(process => process.y)).size).toBe(1);
        const xs = layout.processes.map(process => process.x);
        expect(xs).toEqual([...xs].sort((a, b) => a - b));
        expect(layout.processes.every(process => process.main)).toBe(true);
    });

    it('writes the data box under each process: owner, PT, WT and inventory, in the units most figures use', async () => {
        const layout = await classic(ACME, 'acme_current');
        const weld1 = layout.processes.find(process => process.name === 'weld1')!;
        expect(weld1.data.y).toBe(weld1.y + weld1.height);
        expect(weld1.data.lines).toEqual(['Spot welding', 'PT 39 s', 'WT 7.61 d', 'Inv 7,000']);
        // 62 s stays seconds, as the book writes it (not 1.03 m); shipping has no C/T, and says none.
        expect(layout.processes.find(process => process.name === 'assy1')!.data.lines).toContain('PT 62 s');
        expect(layout.processes.find(process => process.name === 'ship')!.data.lines).toEqual([
            'Shipping',
            'WT 4.5 d',
            'Inv 4,140'
        ]);
    });

    it('names the supplier and the customer from start and recipient, with demand and takt time', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.supplier.lines.join(' ')).toBe('Steel coil received from Michigan Steel Co.');
        expect(layout.customer.lines.join(' ')).toBe('State Street Vehicle Assembly Plant');
        // Takt = available time / demand: a 16 h workday is 57,600 s; 57,600 s / 920 = 62.6 s.
        expect(layout.customer.data!.lines).toEqual(['Demand 920 / day', 'Takt 62.6 s', 'Workday 16 h']);
        expect(layout.supplier.icon.x).toBeLessThan(layout.processes[0].x);
        expect(layout.customer.icon.x + layout.customer.icon.width).toBeGreaterThan(
            layout.processes[5].x + layout.processes[5].width
        );
    });

    it('puts an inventory triangle in front of each process that has items or a wait, with its count and the wait it means', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.inventories.map(inventory => [inventory.step, inventory.count, inventory.wait])).toEqual([
            ['stamping', undefined, '5 d'],
            ['weld1', '7,000', '7.61 d'],
            ['weld2', '1,700', '1.85 d'],
            ['assy1', '2,450', '2.66 d'],
            ['assy2', '1,840', '2 d'],
            ['ship', '4,140', '4.5 d']
        ]);
        layout.inventories.forEach(inventory => {
            const index = layout.processes.findIndex(process => process.name === inventory.step);
            const before = layout.processes[index - 1];
            expect(inventory.triangle.x).toBeGreaterThanOrEqual(before ? before.x + before.width : Classic.margin);
            expect(inventory.triangle.x + inventory.triangle.width).toBeLessThanOrEqual(layout.processes[index].x);
            // Between the data boxes, as in the book.
            expect(inventory.triangle.y).toBeGreaterThanOrEqual(layout.processes[index].data.y);
        });
    });

    it('draws handoffs as push arrows and flows as plain ones, and ships from the supplier and to the customer', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.arrows.map(arrow => `${arrow.kind} ${arrow.from}>${arrow.to}`)).toEqual([
            'push stamping>weld1',
            'flow weld1>weld2',
            'push weld2>assy1',
            'flow assy1>assy2',
            'push assy2>ship',
            'shipment supplier>stamping',
            'shipment ship>customer'
        ]);
    });

    it('has the ladder of the book: waits up, process times down, 23.6 days and 188 s at its end', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.ladder).toHaveLength(1);
        expect(layout.ladder[0].segments.map(segment => segment.text)).toEqual([
            '5 d',
            '1 s',
            '7.61 d',
            '39 s',
            '1.85 d',
            '46 s',
            '2.66 d',
            '62 s',
            '2 d',
            '40 s',
            '4.5 d',
            ''
        ]);
        expect(layout.totals.lines).toEqual([
            { label: 'Production lead time', value: '23.6 d' },
            { label: 'Processing time', value: '188 s' }
        ]);
    });

    it('fits an 880 px README column with every text at 11 px or more, nothing overlapping', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.width).toBeLessThanOrEqual(880);
        expect(Math.min(...Object.values(ClassicText).map(style => style.size))).toBeGreaterThanOrEqual(11);
        expectNothingOverlaps(layout);
        expectTextsFit(layout);
    });

    it('lists what the handoffs carry under the map', async () => {
        const layout = await classic(ACME, 'acme_current');
        expect(layout.notes.lines).toContain('Stamping → Spot Weld #1 carries stamped brackets (LH, RH).');
    });
});

function expectNothingOverlaps(layout: ClassicLayout): void {
    const boxes = boxesOf(layout);
    const clashes = boxes.flatMap((a, index) =>
        boxes
            .slice(index + 1)
            .filter(b => overlaps(a.box, b.box))
            .map(b => `${a.what} × ${b.what}`)
    );
    expect(clashes).toEqual([]);
    for (const { what, box } of boxes) {
        expect(box.x, what).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, what).toBeLessThanOrEqual(layout.width);
        expect(box.y + box.height, what).toBeLessThanOrEqual(layout.height);
    }
}

function expectTextsFit(layout: ClassicLayout): void {
    for (const process of layout.processes) {
        process.titleLines.forEach(line =>
            expect(textWidth(line, ClassicText.process), line).toBeLessThanOrEqual(process.width)
        );
        process.data.lines.forEach(line =>
            expect(textWidth(line, ClassicText.data), line).toBeLessThanOrEqual(process.width)
        );
    }
    for (const inventory of layout.inventories) {
        [inventory.count, inventory.wait].forEach(line =>
            expect(textWidth(line ?? '', ClassicText.data), line).toBeLessThanOrEqual(Classic.gap)
        );
    }
}

describe('the classic layout of a stream with a decision and reworks', () => {
    it('keeps the typical path on the main row and stacks the other way under it, joined where they rejoin', async () => {
        const layout = await classic(BRANCHED);
        const byName = new Map(layout.processes.map(process => [process.name, process]));
        expect(['a', 'b', 'c', 'e', 'f'].map(name => byName.get(name)!.y)).toEqual(Array(5).fill(byName.get('a')!.y));
        const rare = byName.get('d')!;
        expect(rare.main).toBe(false);
        expect(rare.y).toBeGreaterThan(byName.get('c')!.data.y + byName.get('c')!.data.height);
        expect(rare.x).toBe(byName.get('c')!.x);
        const join = layout.arrows.find(arrow => arrow.from === 'd' && arrow.to === 'e')!;
        expect(join.points.at(-1)!.x).toBe(byName.get('e')!.x);
    });

    it("writes each decision's share on its arrow, and each rework's rate on its own arrow back", async () => {
        const layout = await classic(BRANCHED);
        const label = (from: string, to: string, kind: string) =>
            layout.arrows.find(arrow => arrow.from === from && arrow.to === to && arrow.kind === kind)?.label?.text;
        expect(label('b', 'c', 'push')).toBe('80%');
        expect(label('b', 'd', 'push')).toBe('20%');
        expect(label('e', 'b', 'rework')).toBe('15%');
        expect(label('f', 'a', 'rework')).toBe('5%');
        expect(layout.notes.lines).toContain('Rework Check → Decide: wrong way chosen.');
    });

    it('gives every arrow its own ends and stretches: no two share a port or a level', async () => {
        const layout = await classic(BRANCHED);
        const ends = layout.arrows.map(arrow => JSON.stringify(arrow.points.at(-1)));
        expect(new Set(ends).size).toBe(ends.length);
        const starts = layout.arrows.map(arrow => JSON.stringify(arrow.points[0]));
        expect(new Set(starts).size).toBe(starts.length);
        const reworkLevels = layout.arrows.filter(arrow => arrow.kind === 'rework').map(arrow => arrow.points[1].y);
        expect(new Set(reworkLevels).size).toBe(reworkLevels.length);
        expectNothingOverlaps(layout);
        expectTextsFit(layout);
    });

    it('says the totals are of the typical path', async () => {
        const layout = await classic(BRANCHED);
        expect(layout.totals.lines[0].label).toBe('Production lead time (typical path)');
    });
});

describe('a long classic map', () => {
    const long = (steps: number) =>
        [
            'team T "Team"',
            'stream long {',
            '  recipient "R" start "S" end "E"',
            ...Array.from(
                { length: steps },
                (_, index) => `  step s${index} "Step ${index}" { owner T process 1h wait 2h }`
            ),
            `  flow ${Array.from({ length: steps }, (_, index) => `s${index}`).join(' -> ')}`,
            '}'
        ].join('\n');

    it('wraps twelve steps into two rows, each with its ladder, within 880 px', async () => {
        const layout = await classic(long(12));
        expect(new Set(layout.processes.map(process => process.y)).size).toBe(2);
        expect(layout.processes.filter(process => process.y === layout.processes[0].y)).toHaveLength(Classic.perRow);
        expect(layout.ladder).toHaveLength(2);
        expect(layout.width).toBeLessThanOrEqual(880);
        const across = layout.arrows.find(arrow => arrow.from === 's5' && arrow.to === 's6')!;
        expect(across.points.at(-1)!.y).toBeGreaterThan(across.points[0].y);
        expectNothingOverlaps(layout);
    });
});

describe('choosing the layout', () => {
    it('follows the stream’s `layout classic`, and a choice for the picture over it', async () => {
        const model = (await buildWorkspace('stream s { layout classic step a }')).model();
        expect(model.layout).toBe('classic');
        expect(layoutMap(model).kind).toBe('classic');
        expect(layoutMap(model, 'lanes').kind).not.toBe('classic');
        const plain = (await buildWorkspace('stream s { step a }')).model();
        expect(layoutMap(plain).kind).not.toBe('classic');
        expect(layoutMap(plain, 'classic').kind).toBe('classic');
    });

    it('draws a stream without identification, demand or edges without failing', async () => {
        const layout = await classic('stream s { step a step b }');
        expect(layout.supplier.lines).toEqual(['Supplier']);
        expect(layout.customer.data!.lines[0]).toBe('Demand: not given');
        expect(renderSvg([layout], { palette: 'dark' })).toContain('class="vs-party vs-customer"');
    });

    it('escapes what the author wrote', async () => {
        const layout = await classic('stream s { recipient "<b>&" start "\\"x\\"" step a "<i>" }');
        const svg = renderSvg([layout], { palette: 'light' });
        expect(svg).not.toContain('<b>');
        expect(svg).not.toContain('<i>');
        expect(svg).toContain('&lt;i&gt;');
    });
});
