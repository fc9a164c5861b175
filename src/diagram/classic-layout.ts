/**
 * The classic value stream map of *Learning to See* (Rother & Shook), as plain data: the
 * supplier top left and the customer top right (factory icons; the customer's data box says
 * the demand and the takt time), the processes in one row in flow order with a data box under
 * each, inventory triangles between them with their counts and the wait they mean, push arrows
 * for handoffs and plain arrows for flows, reworks as arrows back above the row, and the
 * lead-time ladder below with its totals. The main row is the typical path (the critical path
 * without decisions); the other steps stack in rows under it, in the columns of their flow
 * rank. A long stream wraps into blocks of at most PER_ROW columns, so that the map stays
 * narrow enough to be read in a README column.
 */
import { decisionWords, formatDuration, formatPercent, formatTime, readable } from '../analysis/figures.js';
import { isRange, WORKDAYS_PER_WEEK, type TimeSpan } from '../analysis/quantities.js';
import type { Finding, SourceRange, StepModel, StreamMetrics, StreamModel } from '../analysis/stream-model.js';
import { flowColumns, headerCard } from './flow-columns.js';
import type { Box, HeaderCard, Point } from './layout-model.js';
import { fitText, wrapText } from './svg-text.js';
import { textWidth, type TextStyle } from './text-width.js';

/** The measures of the classic map: compact, so that six processes fit 880 px with text at 11 px. */
export const Classic = {
    margin: 16,
    /** Room in front of each process: its inventory triangle, and the arrow from the one before. */
    gap: 48,
    processWidth: 88,
    /** Columns per block of rows: 6 × 136 px + the margins and the customer's channel = 872 px. */
    perRow: 6,
    /** The customer's shipment line runs up right of the processes. */
    channel: 24,
    titleLine: 15,
    dataLine: 14,
    partyWidth: 150,
    /** Between two rows of one block, and between blocks. */
    gutter: 28,
    /** Height of each level of the band above a row where reworks go back. */
    reworkLevel: 15,
    /** The ladder under a block: its high rung this far under the data boxes, the low one a rise lower, their texts. */
    ladderTop: 22,
    ladderRise: 22,
    ladderHeight: 64,
    minWidth: 480
} as const;

/** The fonts of the classic map: nothing under 11 px. */
export const ClassicText = {
    title: { size: 16, weight: 'semibold' },
    process: { size: 12, weight: 'semibold' },
    data: { size: 11 },
    label: { size: 11, weight: 'semibold' },
    total: { size: 12, weight: 'semibold' }
} as const satisfies Record<string, TextStyle>;

const SLOT = Classic.gap + Classic.processWidth;
/** Where a data box's lines start, and end, inside it. */
export const DATA_INSET = 5;
const TRIANGLE = { width: 24, height: 21 };

export interface ClassicProcess extends Box {
    name: string;
    titleLines: readonly string[];
    /** The data box under the process box: the owner, then PT, WT, %C&A (below 100%) and inventory. */
    data: Box & { lines: readonly string[] };
    /** On the main row (the typical path). */
    main: boolean;
    tooltip: string;
    range?: SourceRange;
}

/** An inventory triangle in front of a process: the items waiting, and the time they stand for. */
export interface ClassicInventory {
    step: string;
    /** The triangle's box. */
    triangle: Box;
    count?: string;
    wait?: string;
    /** Where the texts' centre line is, and the room they take. */
    textX: number;
    box: Box;
}

export type ClassicArrowKind = 'push' | 'flow' | 'rework' | 'shipment';

export interface ClassicArrow {
    kind: ClassicArrowKind;
    from: string;
    to: string;
    points: Point[];
    /** A decision's share, a rework's rate: its text and where it starts (left end of its baseline). */
    label?: { text: string; at: Point; box: Box };
    tooltip: string;
    range?: SourceRange;
}

/** A supplier or customer: the factory icon with its name inside; the customer's data box. */
export interface ClassicParty {
    role: 'supplier' | 'customer';
    icon: Box;
    lines: readonly string[];
    data?: Box & { lines: readonly string[] };
    /** A truck beside its shipment line. */
    truck: Point;
    tooltip: string;
}

export interface ClassicLadderSegment {
    kind: 'wait' | 'process';
    step: string;
    x1: number;
    x2: number;
    text: string;
}

/** One rung line per block of rows: waits up, process times down. */
export interface ClassicLadderRow {
    y: number;
    segments: ClassicLadderSegment[];
}

export interface ClassicLayout {
    kind: 'classic';
    name: string;
    header: HeaderCard;
    width: number;
    height: number;
    title: { text: string; at: Point };
    supplier: ClassicParty;
    customer: ClassicParty;
    processes: ClassicProcess[];
    inventories: ClassicInventory[];
    arrows: ClassicArrow[];
    ladder: ClassicLadderRow[];
    /** Production lead time and processing time, at the right end of the ladder. */
    totals: { box: Box; lines: Array<{ label: string; value: string }> };
    /** What the arrows carry, why work goes back, the kaizen ideas: in words under the map. */
    notes: { box: Box; lines: readonly string[] };
    metrics: StreamMetrics;
    decisions: string[];
    workdayHours: number;
    findings: Finding[];
    range?: SourceRange;
}

export function isClassic(layout: { kind?: string }): layout is ClassicLayout {
    return layout.kind === 'classic';
}

/** Where a step sits: its column (flow rank), the block of rows it falls in, its row in the block. */
interface Place {
    column: number;
    block: number;
    slot: number;
    track: number;
}

export function layoutClassic(model: StreamModel): ClassicLayout {
    const { workdayHours } = model;
    const main = model.typicalPath;
    const places = placeSteps(model, main);
    const blocks = Math.max(1, ...places.map(place => place.block + 1));
    const tracks = Array.from({ length: blocks }, (_, block) =>
        Math.max(1, ...places.filter(place => place.block === block).map(place => place.track + 1))
    );
    const slots = Math.max(1, ...places.map(place => place.slot + 1));
    const rowRight = Classic.margin + slots * SLOT;
    const width = Math.max(Classic.minWidth, rowRight + Classic.channel + Classic.margin);
    const units = readingUnits(model, main);
    const title = model.title ?? model.name;

    // The parties across the top, the title above them.
    const partyTop = Classic.margin + 26;
    const supplier = party('supplier', model.identification.start ?? 'Supplier', Classic.margin, partyTop);
    const customer = party(
        'customer',
        model.identification.recipient ?? 'Customer',
        width - Classic.margin - Classic.partyWidth,
        partyTop,
        customerData(model, units)
    );
    const partiesBottom = Math.max(bottomOf(supplier), bottomOf(customer));

    // The sizes every process shares, so that the rows line up.
    const titles = model.steps.map(step =>
        wrapText(step.title ?? step.name, ClassicText.process, Classic.processWidth - 6, 3)
    );
    const data = model.steps.map(step => dataLines(step, model, units));
    const processHeight = 14 + Math.max(2, ...titles.map(lines => lines.length)) * Classic.titleLine;
    const dataHeight = 10 + Math.max(2, ...data.map(lines => lines.length)) * Classic.dataLine;
    const trackHeight = processHeight + dataHeight;

    const backward = [
        ...model.reworks.map(rework => ({ from: rework.from, to: rework.to })),
        ...model.edges.filter(edge => edge.cycle).map(edge => ({ from: edge.from, to: edge.to }))
    ];
    const band = backward.length > 0 ? 8 + backward.length * Classic.reworkLevel : 0;
    const blockTops: number[] = [];
    const ladderYs: number[] = [];
    let y = partiesBottom + 34;
    for (let block = 0; block < blocks; block++) {
        blockTops.push(y);
        y += band + tracks[block] * trackHeight + (tracks[block] - 1) * Classic.gutter;
        ladderYs.push(y + Classic.ladderTop);
        y += Classic.ladderHeight + Classic.gutter;
    }
    const x = (place: Place) => Classic.margin + place.slot * SLOT + Classic.gap;
    const top = (place: Place) => blockTops[place.block] + band + place.track * (trackHeight + Classic.gutter);
    const mainSteps = new Set(main);
    const processes = model.steps.map((step, index): ClassicProcess => {
        const place = places[index];
        const box = { x: x(place), y: top(place), width: Classic.processWidth, height: processHeight };
        return {
            ...box,
            name: step.name,
            titleLines: titles[index],
            data: { x: box.x, y: box.y + processHeight, width: box.width, height: dataHeight, lines: data[index] },
            main: mainSteps.has(index),
            tooltip: processTooltip(step, model),
            range: step.range
        };
    });
    const inventories = model.steps.flatMap(step => inventory(step, processes[step.index], units));
    const arrows = [
        ...forwardArrows(model, places, processes, { rowRight, ladderYs }),
        ...backwardArrows(model, places, processes, { blockTops, band }),
        ...shipments(model, main, processes, supplier, customer, width)
    ];
    const ladder = ladderRows(model, main, places, processes, ladderYs, units);
    const totals = totalsBox(model, main, ladder, units, { right: rowRight, lastY: ladderYs[blocks - 1] });
    const notesTop = Math.max(y - Classic.gutter + 8, totals.box.y + totals.box.height + 12);
    const noteLines = notes(model).flatMap(note => wrapText(note, ClassicText.data, width - 2 * Classic.margin, 4));
    const notesBox = {
        x: Classic.margin,
        y: notesTop,
        width: width - 2 * Classic.margin,
        height: noteLines.length * Classic.dataLine
    };
    return {
        kind: 'classic',
        name: model.name,
        header: headerCard(model, {
            x: Classic.margin,
            y: Classic.margin,
            width: width - 2 * Classic.margin,
            height: 20
        }),
        width,
        height: notesBox.y + notesBox.height + Classic.margin,
        title: {
            text: fitText(title, ClassicText.title, width - 2 * Classic.margin),
            at: { x: Classic.margin, y: Classic.margin + 14 }
        },
        supplier,
        customer,
        processes,
        inventories,
        arrows,
        ladder,
        totals,
        notes: { box: notesBox, lines: noteLines },
        metrics: model.metrics,
        decisions: model.decisions.map(decision => decisionWords(model, decision, step => step.title ?? step.name)),
        workdayHours,
        findings: model.findings,
        range: model.range
    };
}

/**
 * Columns by longest-path rank along the flow, as the lanes have them; the main path takes the
 * first row, every other step the first row below it that is free in its column, preferring
 * the row of the step before it, so that a branch stays on one row.
 */
function placeSteps(model: StreamModel, main: readonly number[]): Place[] {
    const { graph, column } = flowColumns(model);
    const track = new Array<number>(model.steps.length).fill(-1);
    const taken = new Set<string>();
    const take = (step: number, row: number) => {
        track[step] = row;
        taken.add(`${column[step]}:${row}`);
    };
    main.forEach(step => take(step, 0));
    for (const step of graph.topologicalOrder) {
        if (track[step] >= 0) {
            continue;
        }
        const before = graph.incoming[step].map(edge => track[model.edges[edge].from]).filter(row => row > 0);
        const preferred = before.find(row => !taken.has(`${column[step]}:${row}`));
        let row = preferred ?? 1;
        while (taken.has(`${column[step]}:${row}`)) {
            row++;
        }
        take(step, row);
    }
    return column.map((at, step) => ({
        column: at,
        block: Math.floor(at / Classic.perRow),
        slot: at % Classic.perRow,
        track: track[step]
    }));
}

/** The units the map reads its times in: the one most waits read best in, the one most process times do. */
interface Units {
    wait: string;
    process: string;
    workdayHours: number;
}

function readingUnits(model: StreamModel, main: readonly number[]): Units {
    const steps = main.length > 0 ? main.map(index => model.steps[index]) : model.steps;
    return {
        wait: commonUnit(
            steps.map(step => step.waitTime),
            model.workdayHours
        ),
        process: commonUnit(
            steps.map(step => step.processTime),
            model.workdayHours
        ),
        workdayHours: model.workdayHours
    };
}

/** The unit most of these durations read best in (the larger of two as common); hours when none is given. */
function commonUnit(hours: number[], workdayHours: number): string {
    const counts = new Map<string, number>();
    for (const value of hours.filter(value => value > 0)) {
        const unit = unitOf(formatDuration(value, workdayHours));
        counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
    let best = 'h';
    let most = 0;
    for (const unit of ['w', 'd', 'h', 'm', 's']) {
        if ((counts.get(unit) ?? 0) > most) {
            best = unit;
            most = counts.get(unit)!;
        }
    }
    return best;
}

function unitOf(formatted: string): string {
    return formatted.slice(formatted.lastIndexOf(' ') + 1);
}

function unitHours(unit: string, workdayHours: number): number {
    const hours: Record<string, number> = {
        s: 1 / 3600,
        m: 1 / 60,
        h: 1,
        d: workdayHours,
        w: workdayHours * WORKDAYS_PER_WEEK
    };
    return hours[unit] ?? 1;
}

/** A duration in the given unit ("1.85 d", "62 s"); a range as a range in that unit ("16–48 h"). */
export function durationIn(time: TimeSpan | number, unit: string, workdayHours: number): string {
    const size = unitHours(unit, workdayHours);
    if (typeof time !== 'number' && isRange(time)) {
        return `${readable(time.low / size)}–${readable(time.high / size)} ${unit}`;
    }
    const hours = typeof time === 'number' ? time : time.likely;
    return `${readable(hours / size)} ${unit}`;
}

/** Takt time: the working time of a day over the items demanded in it, that is an hour over the demand per hour. */
export function taktHours(model: StreamModel): number | undefined {
    return model.demandPerHour && model.demandPerHour > 0 ? 1 / model.demandPerHour : undefined;
}

function customerData(model: StreamModel, units: Units): string[] {
    const takt = taktHours(model);
    if (takt === undefined) {
        return ['Demand: not given', `Workday ${durationIn(model.workdayHours, 'h', model.workdayHours)}`];
    }
    const perDay = model.demandPerHour! * model.workdayHours;
    const taktUnit =
        units.process === 'h' && takt < 1 ? unitOf(formatDuration(takt, model.workdayHours)) : units.process;
    return [
        `Demand ${readable(perDay).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} / day`,
        `Takt ${durationIn(takt, taktUnit, model.workdayHours)}`,
        `Workday ${durationIn(model.workdayHours, 'h', model.workdayHours)}`
    ];
}

const ICON_ROOF = 14;
const ICON_BODY = 46;

function party(role: ClassicParty['role'], name: string, x: number, y: number, lines?: string[]): ClassicParty {
    const icon = { x, y, width: Classic.partyWidth, height: ICON_ROOF + ICON_BODY };
    const dataWidth = Classic.partyWidth - Classic.channel;
    const data = lines && {
        x,
        y: icon.y + icon.height,
        width: dataWidth,
        height: 8 + lines.length * Classic.dataLine,
        lines: lines.map(line => fitText(line, ClassicText.data, dataWidth - 12))
    };
    const bottom = data ? data.y + data.height : icon.y + icon.height;
    return {
        role,
        icon,
        lines: wrapText(name, ClassicText.data, Classic.partyWidth - 14, 3),
        data,
        truck: role === 'supplier' ? { x: x + 22, y: bottom + 6 } : { x: x + Classic.partyWidth - 50, y: bottom + 6 },
        tooltip: `${role === 'supplier' ? 'Supplier (start)' : 'Customer (recipient)'}: ${name}${lines ? `\n${lines.join('\n')}` : ''}`
    };
}

function bottomOf(party: ClassicParty): number {
    return party.data ? party.data.y + party.data.height : party.icon.y + party.icon.height;
}

function dataLines(step: StepModel, model: StreamModel, units: Units): string[] {
    const room = Classic.processWidth - 2 * DATA_INSET;
    const owner = step.owner ? wrapText(step.owner.title ?? step.owner.name, ClassicText.data, room, 2) : ['no owner'];
    // A time of nothing says nothing (the book's shipping has no C/T).
    return [
        ...owner,
        ...(step.processTime > 0
            ? [fitText(`PT ${durationIn(step.process, units.process, model.workdayHours)}`, ClassicText.data, room)]
            : []),
        ...(step.waitTime > 0
            ? [fitText(`WT ${durationIn(step.wait, units.wait, model.workdayHours)}`, ClassicText.data, room)]
            : []),
        ...(step.completeAccurate < 1
            ? [fitText(`%C&A ${formatPercent(step.completeAccurate)}`, ClassicText.data, room)]
            : []),
        ...(step.inventory ? [fitText(`Inv ${count(step.inventory.items)}`, ClassicText.data, room)] : [])
    ];
}

function count(items: number): string {
    return items.toLocaleString('en');
}

function processTooltip(step: StepModel, model: StreamModel): string {
    const workday = model.workdayHours;
    return [
        `${step.title ?? step.name} (${step.name})`,
        `owner ${step.owner ? (step.owner.title ?? step.owner.name) : 'none'}`,
        `PT ${formatTime(step.process, workday)} · WT ${formatTime(step.wait, workday)} · %C&A ${formatPercent(step.completeAccurate)}`,
        ...(step.inventory ? [`${count(step.inventory.items)} items in front of it`] : []),
        ...step.systems.map(system => `uses ${system.title ?? system.name}`),
        ...step.kaizens.map(idea => `kaizen: ${idea}`)
    ].join('\n');
}

/** The triangle in front of a process, between the data boxes: its count over the wait it means. */
function inventory(step: StepModel, process: ClassicProcess, units: Units): ClassicInventory[] {
    if (step.waitTime <= 0 && !step.inventory) {
        return [];
    }
    const centre = process.x - Classic.gap / 2;
    const top = process.data.y + 4;
    const texts = [
        ...(step.inventory ? [count(step.inventory.items)] : []),
        ...(step.waitTime > 0 ? [durationIn(step.wait, units.wait, units.workdayHours)] : [])
    ];
    const textWidthMax = Math.max(...texts.map(line => textWidth(line, ClassicText.data)));
    const room = Classic.gap - 4;
    const fit = (line: string) => fitText(line, ClassicText.data, room);
    return [
        {
            step: step.name,
            triangle: { x: centre - TRIANGLE.width / 2, y: top, width: TRIANGLE.width, height: TRIANGLE.height },
            count: step.inventory ? fit(count(step.inventory.items)) : undefined,
            wait: step.waitTime > 0 ? fit(durationIn(step.wait, units.wait, units.workdayHours)) : undefined,
            textX: centre,
            box: {
                x: centre - Math.min(room, Math.max(TRIANGLE.width, textWidthMax)) / 2,
                y: top,
                width: Math.min(room, Math.max(TRIANGLE.width, textWidthMax)),
                height: TRIANGLE.height + 4 + texts.length * Classic.dataLine
            }
        }
    ];
}

function arrowY(process: Box): number {
    return process.y + process.height / 2;
}

/**
 * Handoffs as push arrows, flows as plain ones: straight along a row, turning down or up in the
 * left part of the gap in front of the step they reach, and round the block's end into the
 * next block of rows.
 */
function forwardArrows(
    model: StreamModel,
    places: Place[],
    processes: ClassicProcess[],
    frame: { rowRight: number; ladderYs: number[] }
): ClassicArrow[] {
    const turnsInGap = new Map<number, number>();
    const acrossBlocks = { count: 0 };
    const forward = model.edges.filter(edge => !edge.cycle);
    const ports = portOffsets(forward, places);
    return forward.map((edge, index) => {
        const source = processes[edge.from];
        const target = processes[edge.to];
        const [from, to] = [places[edge.from], places[edge.to]];
        const start = { x: source.x + source.width, y: arrowY(source) + ports[index].out };
        const end = { x: target.x, y: arrowY(target) + ports[index].in };
        let points: Point[];
        if (from.block !== to.block) {
            const turn = acrossBlocks.count++;
            const under = frame.ladderYs[from.block] + Classic.ladderRise + 22 + (turn % 3) * 4;
            const outside = start.x + 6 + (turn % 3) * 3;
            const left = 4 + (turn % 3) * 3;
            points = [
                start,
                { x: outside, y: start.y },
                { x: outside, y: under },
                { x: left, y: under },
                { x: left, y: end.y },
                end
            ];
        } else if (from.track === to.track && !blockedBetween(places, from, to)) {
            points = [start, end];
        } else {
            const used = turnsInGap.get(edge.to) ?? 0;
            turnsInGap.set(edge.to, used + 1);
            const turn = target.x - Classic.gap + 4 + used * 4;
            points = [start, { x: turn, y: start.y }, { x: turn, y: end.y }, end];
        }
        const carried = edge.carries.length > 0 ? ` carries ${edge.carries.join(', ')}` : '';
        const names = `${stepTitle(model, edge.from)} → ${stepTitle(model, edge.to)}`;
        return {
            kind: edge.kind === 'handoff' ? ('push' as const) : ('flow' as const),
            from: model.steps[edge.from].name,
            to: model.steps[edge.to].name,
            points,
            label: edge.share === undefined ? undefined : shareLabel(formatPercent(edge.share), points),
            tooltip: `${edge.kind} ${names}${carried}${edge.share === undefined ? '' : ` · ${formatPercent(edge.share)} of items`}`,
            range: edge.range
        };
    });
}

/**
 * Where each arrow leaves its step's right side and reaches the next's left side, from the
 * middle: the one along the row in the middle, the others towards the row they go to, a port
 * each, so that no two share a stretch or an arrowhead.
 */
function portOffsets(edges: StreamModel['edges'], places: Place[]): Array<{ out: number; in: number }> {
    const offsets = edges.map(() => ({ out: 0, in: 0 }));
    const spread = (
        side: 'out' | 'in',
        step: (edge: (typeof edges)[number]) => number,
        other: (edge: (typeof edges)[number]) => number
    ) => {
        const byStep = new Map<number, number[]>();
        edges.forEach((edge, index) => byStep.set(step(edge), [...(byStep.get(step(edge)) ?? []), index]));
        for (const [at, indices] of byStep) {
            const row = (index: number) => places[other(edges[index])].track - places[at].track;
            const straight = indices.filter(index => row(index) === 0);
            const down = indices.filter(index => row(index) > 0).sort((a, b) => row(a) - row(b));
            const up = indices.filter(index => row(index) < 0).sort((a, b) => row(b) - row(a));
            const first = straight.length > 0 ? 1 : 0;
            straight.forEach(
                (index, order) => (offsets[index][side] = (order % 2 === 0 ? 1 : -1) * Math.ceil(order / 2) * PORT)
            );
            down.forEach(
                (index, order) => (offsets[index][side] = (order + first + (straight.length > 1 ? 1 : 0)) * PORT)
            );
            up.forEach(
                (index, order) => (offsets[index][side] = -(order + first + (straight.length > 1 ? 1 : 0)) * PORT)
            );
        }
    };
    spread(
        'out',
        edge => edge.from,
        edge => edge.to
    );
    spread(
        'in',
        edge => edge.to,
        edge => edge.from
    );
    return offsets;
}

const PORT = 10;

/** Is a step in the row between two places of one row? Then the arrow between them goes round. */
function blockedBetween(places: Place[], from: Place, to: Place): boolean {
    return places.some(
        place =>
            place.block === from.block &&
            place.track === from.track &&
            place.column > from.column &&
            place.column < to.column
    );
}

function shareLabel(text: string, points: Point[]): ClassicArrow['label'] {
    const width = textWidth(text, ClassicText.label);
    // Above the stretch that leaves the step when it goes straight on; else above the stretch
    // that reaches the next step, past the turns, where the gap holds nothing else at that height.
    const [from, to] =
        points.length === 2 ? [points[0], points[1]] : [points[points.length - 2], points[points.length - 1]];
    const at = { x: Math.min(from.x + 3, to.x - width - 10), y: from.y - 5 };
    return { text, at, box: { x: at.x, y: at.y - 11, width, height: 14 } };
}

/**
 * Reworks (and edges that close a cycle) go back above the row, each on a level of its own
 * in the band over its block, so that no two share a stretch or an arrowhead; the longest
 * goes highest. Their rate is written on their level, next to where they leave.
 */
function backwardArrows(
    model: StreamModel,
    places: Place[],
    processes: ClassicProcess[],
    frame: { blockTops: number[]; band: number }
): ClassicArrow[] {
    const backs = [
        ...model.reworks.map(rework => ({
            from: rework.from,
            to: rework.to,
            text: rework.rate === undefined ? 'rate?' : formatPercent(rework.rate),
            tooltip: `rework ${stepTitle(model, rework.from)} → ${stepTitle(model, rework.to)}: ${rework.rate === undefined ? 'rate not given' : formatPercent(rework.rate)}${rework.reason ? ` (${rework.reason})` : ''}`,
            range: rework.range
        })),
        ...model.edges
            .filter(edge => edge.cycle)
            .map(edge => ({
                from: edge.from,
                to: edge.to,
                text: 'cycle',
                tooltip: `${edge.kind} ${stepTitle(model, edge.from)} → ${stepTitle(model, edge.to)} closes a cycle: write it as rework`,
                range: edge.range
            }))
    ];
    const span = (back: { from: number; to: number }) => Math.abs(places[back.from].column - places[back.to].column);
    const order = backs.map((_, index) => index).sort((a, b) => span(backs[b]) - span(backs[a]) || a - b);
    const ports = new Map<number, number>();
    const port = (step: number, side: 1 | -1) => {
        const used = ports.get(step * 2 + (side > 0 ? 1 : 0)) ?? 0;
        ports.set(step * 2 + (side > 0 ? 1 : 0), used + 1);
        const box = processes[step];
        return box.x + box.width / 2 + side * (10 + used * 9);
    };
    return order.map((index, level) => {
        const back = backs[index];
        const source = processes[back.from];
        const target = processes[back.to];
        const levelY = (block: number) => frame.blockTops[block] + 10 + level * Classic.reworkLevel;
        const out = { x: port(back.from, 1), y: source.y };
        const into = { x: port(back.to, -1), y: target.y };
        const up = (from: Point, step: number): Point[] => {
            const place = places[step];
            if (place.track === 0) {
                return [from, { x: from.x, y: levelY(place.block) }];
            }
            // From a lower row: up into the gutter, to the gap in front of the step, and up there.
            const gapX = processes[step].x - Classic.gap + 5 + (level % 4) * 4;
            const gutter = processes[step].y - 8;
            return [from, { x: from.x, y: gutter }, { x: gapX, y: gutter }, { x: gapX, y: levelY(place.block) }];
        };
        const leaving = up(out, back.from);
        const arriving = up(into, back.to).reverse();
        const [fromBlock, toBlock] = [places[back.from].block, places[back.to].block];
        const across =
            fromBlock === toBlock
                ? []
                : [
                      { x: 2 + (level % 4) * 3, y: levelY(fromBlock) },
                      { x: 2 + (level % 4) * 3, y: levelY(toBlock) }
                  ];
        const points = [...leaving, ...across, ...arriving];
        const width = textWidth(back.text, ClassicText.label);
        const self = back.from === back.to;
        const at = { x: self ? out.x + 4 : leaving[leaving.length - 1].x - width - 4, y: levelY(fromBlock) - 3 };
        return {
            kind: 'rework' as const,
            from: model.steps[back.from].name,
            to: model.steps[back.to].name,
            points,
            label: { text: back.text, at, box: { x: at.x, y: at.y - 11, width, height: 14 } },
            tooltip: back.tooltip,
            range: back.range
        };
    });
}

/** From the supplier down into the first process; from the last process up to the customer. */
function shipments(
    model: StreamModel,
    main: readonly number[],
    processes: ClassicProcess[],
    supplier: ClassicParty,
    customer: ClassicParty,
    width: number
): ClassicArrow[] {
    if (main.length === 0) {
        return [];
    }
    const first = processes[main[0]];
    const last = processes[main[main.length - 1]];
    const down = supplier.icon.x + 12;
    const up = width - Classic.margin - Classic.channel / 2;
    return [
        {
            kind: 'shipment',
            from: 'supplier',
            to: first.name,
            points: [
                { x: down, y: supplier.icon.y + supplier.icon.height },
                { x: down, y: arrowY(first) - 6 },
                { x: first.x, y: arrowY(first) - 6 }
            ],
            tooltip: `From the supplier: ${model.identification.start ?? 'not given (start)'}`
        },
        {
            kind: 'shipment',
            from: last.name,
            to: 'customer',
            points: [
                { x: last.x + last.width, y: arrowY(last) },
                { x: up, y: arrowY(last) },
                { x: up, y: customer.icon.y + customer.icon.height }
            ],
            tooltip: `To the customer: ${model.identification.end ?? 'not given (end)'}`
        }
    ];
}

/** Waits up, process times down, along the main row; a block of rows has its own line. */
function ladderRows(
    model: StreamModel,
    main: readonly number[],
    places: Place[],
    processes: ClassicProcess[],
    ladderYs: number[],
    units: Units
): ClassicLadderRow[] {
    const rows: ClassicLadderRow[] = ladderYs.map(y => ({ y, segments: [] }));
    const typical = model.decisions.length > 0 ? model.typicalEdges : model.criticalEdges;
    main.forEach((index, position) => {
        const step = model.steps[index];
        const box = processes[index];
        const edge = position > 0 ? model.edges[typical[position - 1]] : undefined;
        const waiting = step.waitTime + (edge?.waitTime ?? 0);
        const row = rows[places[index].block];
        row.segments.push(
            {
                kind: 'wait',
                step: step.name,
                x1: box.x - Classic.gap,
                x2: box.x,
                text:
                    waiting > 0
                        ? fitText(
                              durationIn(waiting, units.wait, model.workdayHours),
                              ClassicText.data,
                              Classic.gap + 8
                          )
                        : ''
            },
            {
                kind: 'process',
                step: step.name,
                x1: box.x,
                x2: box.x + box.width,
                text:
                    step.processTime > 0
                        ? fitText(
                              durationIn(step.processTime, units.process, model.workdayHours),
                              ClassicText.data,
                              box.width
                          )
                        : ''
            }
        );
    });
    return rows.filter(row => row.segments.length > 0);
}

/** The totals of the ladder, in the units of its rungs; beside its end when there is room, else under it. */
function totalsBox(
    model: StreamModel,
    main: readonly number[],
    ladder: ClassicLadderRow[],
    units: Units,
    frame: { right: number; lastY: number }
): ClassicLayout['totals'] {
    const segments = ladder.flatMap(row => row.segments);
    const hours = (kind: 'wait' | 'process') =>
        main.reduce((sum, index, position) => {
            const step = model.steps[index];
            if (kind === 'process') {
                return sum + step.processTime;
            }
            const typical = model.decisions.length > 0 ? model.typicalEdges : model.criticalEdges;
            return sum + step.waitTime + (position > 0 ? model.edges[typical[position - 1]].waitTime : 0);
        }, 0);
    const processing = hours('process');
    const lead = hours('wait') + processing;
    const path = model.decisions.length > 0 ? ' (typical path)' : '';
    const lines = [
        { label: `Production lead time${path}`, value: durationIn(lead, units.wait, model.workdayHours) },
        { label: 'Processing time', value: durationIn(processing, units.process, model.workdayHours) }
    ];
    const width = Math.ceil(
        12 + Math.max(...lines.map(line => textWidth(`${line.label} ${line.value}`, ClassicText.total)))
    );
    const height = 10 + lines.length * 17;
    const end = Math.max(
        Classic.margin,
        ...segments.filter(segment => ladder[ladder.length - 1]?.segments.includes(segment)).map(segment => segment.x2)
    );
    const beside = end + 12 + width <= frame.right + Classic.channel;
    return {
        box: beside
            ? { x: end + 12, y: frame.lastY - 12, width, height }
            : { x: frame.right + Classic.channel - width, y: frame.lastY + Classic.ladderRise + 22, width, height },
        lines
    };
}

function stepTitle(model: StreamModel, index: number): string {
    const step = model.steps[index];
    return step.title ?? step.name;
}

/** What the picture has no room for beside its arrows and boxes, in words. */
function notes(model: StreamModel): string[] {
    return [
        ...model.edges
            .filter(edge => edge.carries.length > 0)
            .map(
                edge =>
                    `${stepTitle(model, edge.from)} → ${stepTitle(model, edge.to)} carries ${edge.carries.join(', ')}.`
            ),
        ...model.reworks
            .filter(rework => rework.reason)
            .map(
                rework => `Rework ${stepTitle(model, rework.from)} → ${stepTitle(model, rework.to)}: ${rework.reason}.`
            ),
        ...model.steps.flatMap(step => step.kaizens.map(idea => `Kaizen at ${step.title ?? step.name}: ${idea}`))
    ];
}
