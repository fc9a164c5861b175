/**
 * Draws laid-out value streams as one SVG string. Every user text is escaped; every element
 * that comes from the source carries its range (data-range) so that a click can reveal it;
 * its colours come from the theme (src/theme): a fixed palette for files, the editor's in the
 * preview.
 */
import { countOf, formatPercent, headline } from '../analysis/figures.js';
import type { SourceRange } from '../analysis/stream-model.js';
import { Dimensions, TextStyles } from './dimensions.js';
import { TOTAL_LINE, TOTALS_VALUE_X } from './ladder-layout.js';
import type {
    Band,
    Box,
    Connector,
    EdgeLayout,
    LadderLayout,
    LadderSegment,
    LaneLayout,
    MapLayout,
    Point,
    Slice,
    StepLayout,
    StreamLayout,
    WrappedLayout
} from './layout-model.js';
import { isClassic } from './classic-layout.js';
import { classicParts } from './render-classic.js';
import { FORECAST_PANEL, renderForecastPanel, stepForecast, type ForecastPicture } from './render-forecast.js';
import { partsByBand, routeWithin } from './bands.js';
import { markers, renderEdge, shareWeight } from './render-edges.js';
import { renderNotes } from './render-notes.js';
import { diamond, outline, renderStep } from './render-steps.js';
import { svgStyleSheet, type Palette } from '../theme/theme.js';
import { escapeXml, fitText } from './svg-text.js';
import { boxAttributes, n, rangeAttribute, startKey, text } from './svg-markup.js';
import { joinSvgParts, type SvgPart } from '../picture-parts.js';

/** A diagnostic to show on the element it is about (by source range). */
export interface DiagramDiagnostic {
    range: SourceRange;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

const SEVERITY_NAMES: Record<number, DiagramDiagnostic['severity']> = {
    1: 'error',
    2: 'warning',
    3: 'info',
    4: 'hint'
};

/** A diagnostic as the language server reports it (an LSP Diagnostic, by its shape). */
export interface ReportedDiagnostic {
    range: SourceRange;
    severity?: number;
    code?: string | number;
    message: string | { value: string };
}

export function toDiagramDiagnostic(diagnostic: ReportedDiagnostic): DiagramDiagnostic {
    return {
        range: diagnostic.range,
        severity: SEVERITY_NAMES[diagnostic.severity ?? 1],
        code: String(diagnostic.code ?? ''),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
    };
}

export interface RenderOptions {
    palette: Palette;
    diagnostics?: DiagramDiagnostic[];
    /** Starts every id in the SVG, so that several maps can share one page (a Markdown file with two fences). */
    idPrefix?: string;
    /**
     * The preview's forecasts by stream name: given, every stream has room for one under it (a
     * stream without one yet says it is running), so the map does not jump when it arrives.
     */
    forecasts?: ReadonlyMap<string, ForecastPicture>;
}

/** Vertical space between two streams of one file. */
const STREAM_GAP = 48;

export function renderSvg(layouts: MapLayout[], options: RenderOptions): string {
    return joinSvgParts(renderSvgParts(layouts, options));
}

/** The map as its parts, in drawing order: the SVG element, then what it holds, each group before its parts. */
export function renderSvgParts(layouts: MapLayout[], options: RenderOptions): SvgPart[] {
    const panel = options.forecasts ? FORECAST_PANEL : { width: 0, height: 0 };
    const width = Math.max(320, panel.width + 2 * Dimensions.margin, ...layouts.map(layout => layout.width));
    const ids = escapeXml(options.idPrefix ?? 'vs');
    const diagnostics = diagnosticsByStart(options.diagnostics ?? []);
    const keys = new UniqueKeys();
    const parts: SvgPart[] = [];
    const add = (key: string, parent: string, markup: string) => parts.push({ key: keys.of(key), parent, markup });
    let offset = 0;
    const streams: SvgPart[] = [];
    for (const layout of layouts) {
        const group = keys.of(`stream:${layout.name}`);
        streams.push({
            key: group,
            parent: 'svg',
            markup: `<g class="vs-stream" data-stream="${escapeXml(layout.name)}" transform="translate(0 ${offset})"></g>`
        });
        streams.push(
            ...(isClassic(layout)
                ? classicParts(layout, partsOf(keys, group), ids, options.forecasts)
                : streamParts(layout, group, { diagnostics, ids, keys, forecasts: options.forecasts }))
        );
        offset += layout.height + panel.height + STREAM_GAP;
    }
    const height = Math.max(120, offset - STREAM_GAP);
    const titles = layouts.map(layout => layout.header.title).join(', ') || 'no stream';
    const description = layouts.map(describe).join(' ') || 'The file declares no stream.';
    add(
        'svg',
        '',
        `<svg xmlns="http://www.w3.org/2000/svg" id="${ids}" class="vs-map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${ids}-map-title ${ids}-map-desc"></svg>`
    );
    add('title', 'svg', `<title id="${ids}-map-title">Value stream map: ${escapeXml(titles)}</title>`);
    add('desc', 'svg', `<desc id="${ids}-map-desc">${escapeXml(description)}</desc>`);
    // In the editor the page brings the style sheet (its CSP admits no inline style); a file carries its own.
    if (options.palette !== 'editor') {
        add('style', 'svg', `<style>${svgStyleSheet(options.palette, ids)}</style>`);
    }
    add('markers', 'svg', markers(ids, options.palette));
    add('background', 'svg', `<rect class="vs-background" x="0" y="0" width="${width}" height="${height}"/>`);
    parts.push(...streams);
    if (layouts.length === 0) {
        add(
            'empty',
            'svg',
            `<text x="24" y="60" class="vs-muted">This file declares no stream yet: start one with stream NAME { … }.</text>`
        );
    }
    return parts;
}

/** Keys made unique by a count after the first: two steps may share a name while the text is wrong. */
class UniqueKeys {
    private readonly seen = new Map<string, number>();

    of(key: string): string {
        const count = this.seen.get(key) ?? 0;
        this.seen.set(key, count + 1);
        return count === 0 ? key : `${key}#${count}`;
    }
}

/** Diagnostics by where they start, so that each edge finds its own without reading them all. */
function diagnosticsByStart(diagnostics: DiagramDiagnostic[]): Map<string, DiagramDiagnostic[]> {
    const byStart = new Map<string, DiagramDiagnostic[]>();
    for (const diagnostic of diagnostics) {
        const key = startKey(diagnostic.range);
        byStart.set(key, (byStart.get(key) ?? []).concat(diagnostic));
    }
    return byStart;
}

/** A sentence for screen readers; with decisions, the typical path and what each decision sends where. */
function describe(layout: MapLayout): string {
    const { metrics } = layout;
    const placed = isClassic(layout)
        ? `${countOf(layout.processes.length, 'step')} in flow order`
        : `${countOf(layout.steps.length, 'step')} in ${countOf(layout.lanes.length, 'lane')}`;
    // Commas, not the middle dots of the headline: a screen reader reads them as pauses.
    const sentence = `${layout.header.title}: ${placed}; ${headline(layout).replace(/ · /g, ', ')}; critical path ${pathWords(metrics.criticalPath)}`;
    if (layout.decisions.length === 0) {
        return `${sentence}.`;
    }
    const named = layout.decisions.slice(0, NAMED_DECISIONS);
    const more = layout.decisions.length - named.length;
    return `${sentence}; typical path ${pathWords(metrics.typicalPath)}, taken by ${formatPercent(metrics.typicalShare)} of items; ${[...named, ...(more > 0 ? [countOf(more, 'more decision')] : [])].join('; ')}.`;
}

/** A long path by its ends, and only so many decisions: nobody listens to a thousand names (and the description goes with every figure typed). */
const NAMED_PATH_STEPS = 12;
const NAMED_DECISIONS = 12;

function pathWords(path: string[]): string {
    return path.length > NAMED_PATH_STEPS
        ? `of ${path.length} steps, from ${path[0]} to ${path[path.length - 1]}`
        : path.join(', ');
}

/** What the parts of every stream are drawn with. */
interface PartContext {
    diagnostics: Map<string, DiagramDiagnostic[]>;
    ids: string;
    keys: UniqueKeys;
    forecasts?: ReadonlyMap<string, ForecastPicture>;
}

type PartMaker = (key: string, markup: string, parent?: string) => SvgPart;

function streamParts(layout: StreamLayout, group: string, context: PartContext): SvgPart[] {
    const { diagnostics, ids, keys, forecasts } = context;
    const part = partsOf(keys, group);
    const forecast = forecasts?.get(layout.name);
    const drawn: DrawnParts = {
        edge: (edge, parent) =>
            part(`edge:${edge.kind}:${edge.from}>${edge.to}`, renderEdge(edge, diagnostics, ids), parent),
        step: (step, parent) =>
            part(`step:${step.name}`, renderStep(step, forecast && stepForecast(forecast, step.name)), parent)
    };
    return [
        part('header', renderHeader(layout)),
        ...(layout.wrapped
            ? wrappedParts(layout, layout.wrapped, part, drawn)
            : [
                  ...layout.lanes.map((lane, index) => part(`lane:${index}`, renderLane(lane, index))),
                  ...layout.edges.map(edge => drawn.edge(edge)),
                  ...layout.steps.map(step => drawn.step(step)),
                  ...ladderParts(layout.ladder, part),
                  ...(layout.decisions.length > 0 ? [part('legend', renderLegend(layout))] : []),
                  ...(layout.notes ? [part('notes', renderNotes(layout.notes))] : [])
              ]),
        ...(forecasts ? [part('forecast', renderForecastPanel(forecast, Dimensions.margin, layout.height))] : [])
    ];
}

/** Makes the parts of one stream's group, each key unique. */
function partsOf(keys: UniqueKeys, group: string): PartMaker {
    return (key, markup, parent = group) => ({ key: keys.of(`${group}/${key}`), parent, markup });
}

/** How a step and an edge are drawn, into the group given. */
interface DrawnParts {
    edge: (edge: EdgeLayout, parent?: string) => SvgPart;
    step: (step: StepLayout, parent?: string) => SvgPart;
}

/**
 * A map wrapped into rows: each row's lanes with their labels, then its slice of the one-row
 * layout (steps, edges, labels) and of the ladder, each moved into place and clipped to its
 * slice, then the letters where lines go on; the totals and the legend moved beside the ladder.
 */
function wrappedParts(layout: StreamLayout, wrapped: WrappedLayout, part: PartMaker, drawn: DrawnParts): SvgPart[] {
    const { bands } = wrapped;
    const held = partsByBand(layout, bands);
    return [
        ...bands.flatMap((band, index) => {
            const group = part(`band:${index}`, '<g class="vs-band"></g>');
            const content = part(`band:${index}/content`, sliceGroup(band.content), group.key);
            const ladder = part(`band:${index}/ladder`, sliceGroup(band.ladder, 'vs-ladder'), group.key);
            const lanes = layout.lanes.slice(band.lanes.first, band.lanes.last + 1);
            return [
                group,
                ...lanes.map((lane, at) => {
                    const laneIndex = band.lanes.first + at;
                    return part(`lane:${laneIndex}`, renderLane(laneInBand(lane, band), laneIndex), group.key);
                }),
                content,
                ...held.edges[index].flatMap(edge =>
                    routeWithin(edge.points, band.content.from).map(points =>
                        drawn.edge(edgePiece(edge, points, band.content.from), content.key)
                    )
                ),
                ...held.steps[index].map(step => drawn.step(step, content.key)),
                ladder,
                ...bandLadderParts(layout, band.ladder.from, part, ladder.key),
                ...band.connectors.map(connector =>
                    part(
                        `connector:${connector.side}:${connector.letter}`,
                        renderConnector(
                            connector,
                            connector.edges.map(edge => layout.edges[edge])
                        ),
                        group.key
                    )
                )
            ];
        }),
        ...(wrapped.totals
            ? [part('ladder/totals', sliceGroup(wrapped.totals, 'vs-ladder', renderTotals(layout.ladder)))]
            : []),
        // The legend sits left of the first row's ladder, under the lanes' labels.
        ...(layout.decisions.length > 0 && bands[0].columns.first === 0
            ? [part('legend', renderLegend(layout, bands[0].ladder.by))]
            : []),
        // The notes lie under the one-row ladder: the slice below it moves them under the last row.
        ...(layout.notes && wrapped.below
            ? [part('notes', sliceGroup(wrapped.below, '', renderNotes(layout.notes)))]
            : [])
    ];
}

function translate({ x, y }: { x: number; y: number }): string {
    return `translate(${n(x)} ${n(y)})`;
}

/**
 * A group that draws what lies in a slice where the slice goes. Nothing is clipped (resvg draws
 * each clipped group on a layer as large as the picture): what a row draws lies in its slice.
 */
function sliceGroup(slice: Slice, className = '', content = ''): string {
    const moved = slice.by.x !== 0 || slice.by.y !== 0 ? ` transform="${translate(slice.by)}"` : '';
    return `<g${className ? ` class="${className}"` : ''}${moved}>${content}</g>`;
}

/**
 * The part of an edge a row draws: its route there, its label and share where they are in the
 * row. Only the part that ends at the edge's target ends in its arrowhead there; one that ends
 * at the row's side points on (an arrowhead never lies off the picture, which resvg cannot draw).
 */
function edgePiece(edge: EdgeLayout, points: Point[], slice: Box): EdgeLayout {
    const within = (box: Box | undefined) => box && box.x >= slice.x && box.x + box.width <= slice.x + slice.width;
    // A badge elsewhere is drawn again where this part starts: the line's problem shows in every row.
    const badgeHere = within({ ...edge.badgeAt, width: 0, height: 0 });
    return {
        ...edge,
        points,
        badgeAt: badgeHere ? edge.badgeAt : besideStart(points),
        labelBox: within(edge.labelBox) ? edge.labelBox : undefined,
        share: edge.share && { ...edge.share, box: within(edge.share.box) ? edge.share.box : undefined }
    };
}

/** A point on a route's first segment, a badge's offset from its start. */
function besideStart([from, to]: Point[]): Point {
    const along = Math.min(10, Math.abs(to.x - from.x) + Math.abs(to.y - from.y));
    return { x: from.x + Math.sign(to.x - from.x) * along, y: from.y + Math.sign(to.y - from.y) * along };
}

/** A lane as a row draws it: as tall as in the one row, as wide as the row, its label at its left. */
function laneInBand(lane: LaneLayout, band: Band): LaneLayout {
    const dy = band.content.by.y;
    return {
        ...lane,
        x: band.box.x,
        y: lane.y + dy,
        width: band.box.width,
        labelBox: { ...lane.labelBox, y: lane.labelBox.y + dy }
    };
}

/** How far apart the letters of lines close together stand. */
const CONNECTOR_STACK = 12;

/**
 * Where a line goes on in another row: an arrow and a letter where it leaves, the same letter
 * where it comes in, in the line's colours, its tooltip saying so.
 */
function renderConnector(connector: Connector, edges: EdgeLayout[]): string {
    const { at, side, leaves, letter, stack } = connector;
    const [edge] = edges;
    const outward = side === 'right' ? 1 : -1;
    const where = side === 'right' ? 'the next row' : 'the row before';
    const lines = edges.map(line => `${line.kind} ${line.from} → ${line.to}`).join(', ');
    return (
        `<g class="vs-connector vs-${edge.kind}" data-kind="${edge.kind}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}"${rangeAttribute(edge.range)}>` +
        `<title>${escapeXml(`${lines}: ${leaves ? 'goes on at' : 'comes from'} ${letter} in ${where}`)}</title>` +
        text(
            at.x + (4 + stack * CONNECTOR_STACK) * outward,
            at.y + 4,
            letter,
            'vs-edge-label',
            side === 'left' ? ' text-anchor="end"' : ''
        ) +
        '</g>'
    );
}

function renderHeader(layout: StreamLayout): string {
    const { header } = layout;
    const { box } = header;
    const lines = [
        header.recipient ? `For ${header.recipient}` : undefined,
        header.start || header.end ? `${header.start ?? '?'} → ${header.end ?? '?'}` : undefined,
        [
            header.measure ? `Primary measure: ${header.measure}` : undefined,
            header.improves ? `Future state of ${header.improves}` : undefined
        ]
            .filter(Boolean)
            .join(' · ') || undefined
    ].filter((line): line is string => line !== undefined);
    const room = box.width - 24;
    return (
        `<g class="vs-header"${rangeAttribute(layout.range)}><title>${escapeXml([header.title, ...lines].join('\n'))}</title>` +
        `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="6"/>` +
        text(box.x + 12, box.y + 24, fitText(header.title, TextStyles.title, room), 'vs-title') +
        lines
            .map((line, index) =>
                text(box.x + 12, box.y + 42 + index * 14, fitText(line, TextStyles.headerLine, room), 'vs-muted')
            )
            .join('') +
        '</g>'
    );
}

function renderLane(lane: LaneLayout, index: number): string {
    const classes = ['vs-lane', index % 2 === 1 ? 'vs-alternate' : '', lane.unowned ? 'vs-unowned' : '']
        .filter(Boolean)
        .join(' ');
    const { x, y } = lane.labelBox;
    const baseline = (row: number) => y + 13 + row * 15;
    return (
        `<g class="${classes}"><title>${escapeXml(lane.label)}</title><rect x="${n(lane.x)}" y="${n(lane.y)}" width="${n(lane.width)}" height="${n(lane.height)}"/>` +
        lane.labelLines.map((line, row) => text(x, baseline(row), line, 'vs-lane-label')).join('') +
        (lane.unowned ? text(x, baseline(lane.labelLines.length), 'add an owner', 'vs-muted') : '') +
        '</g>'
    );
}

/**
 * What the marks of a map with decisions mean, in the room left of the ladder: the critical
 * path's border, the typical path's highlight, a decision's diamond, drawn as on the steps, and
 * the lighter line of a way few items take.
 */
function renderLegend(layout: StreamLayout, moved?: Slice['by']): string {
    const x = Dimensions.margin + 8;
    const row = (index: number, mark: string, words: string) =>
        mark +
        text(x + 22, layout.ladder.y - 4 + index * TOTAL_LINE, fitText(words, TextStyles.ladder, LEGEND_WIDTH - 22));
    const sample = (index: number): Box => ({ x, y: layout.ladder.y - 12 + index * TOTAL_LINE, width: 14, height: 9 });
    return (
        `<g class="vs-legend"${moved && (moved.x !== 0 || moved.y !== 0) ? ` transform="${translate(moved)}"` : ''}>` +
        row(0, `<rect class="vs-legend-critical" ${boxAttributes(sample(0))} rx="2"/>`, 'critical path (longest)') +
        row(
            1,
            `<path class="vs-typical-halo" d="${outline(sample(1), 2.5)}"/><rect ${boxAttributes(sample(1))} rx="2"/>`,
            'typical path'
        ) +
        row(
            2,
            `<polygon class="vs-decision" points="${diamond({ ...sample(2), x: x + 2, width: 10 })}"/>`,
            'decision'
        ) +
        row(
            3,
            `<path class="vs-legend-rare" d="M${n(x)} ${n(sample(3).y + 4.5)}h14" stroke-opacity="${shareWeight(0)}"/>`,
            'lighter: fewer items'
        ) +
        '</g>'
    );
}

/** The legend fits left of the ladder, which starts past the lanes' label column. */
const LEGEND_WIDTH = Dimensions.laneLabelWidth - 8;

/**
 * The timeline as a group of parts: its line, each step's wait and process time, the totals. A
 * figure typed into one step changes its two labels and the totals, not the whole timeline
 * (at 1,000 steps the timeline is most of the map's text).
 */
function ladderParts(ladder: LadderLayout, part: PartMaker): SvgPart[] {
    const group = part('ladder', '<g class="vs-ladder"></g>');
    return [
        group,
        ...rungParts(ladder, ladder.segments, part, group.key),
        part('ladder/totals', renderTotals(ladder), group.key)
    ];
}

/** A row's part of the ladder: the segments that reach into its slice, with the line between them. */
function bandLadderParts(layout: StreamLayout, slice: Box, part: PartMaker, parent: string): SvgPart[] {
    const { segments } = layout.ladder;
    const first = Math.max(0, segments.findIndex(segment => segment.x2 > slice.x) - 1);
    let last = first;
    while (last + 1 < segments.length && segments[last + 1].x1 < slice.x + slice.width) {
        last++;
    }
    const inSlice = segments.slice(first, Math.min(segments.length, last + 2));
    return rungParts(layout.ladder, inSlice, part, parent, slice);
}

/** The ladder's line through `segments` and their labels; in a row, the line's part and the labels within its slice. */
function rungParts(
    ladder: LadderLayout,
    segments: LadderSegment[],
    part: PartMaker,
    parent: string,
    slice?: Box
): SvgPart[] {
    const high = ladder.y,
        low = ladder.y + 26;
    const child = (key: string, markup: string) => part(`ladder/${key}`, markup, parent);
    const line = segments.flatMap(segment => {
        const y = segment.kind === 'wait' ? high : low;
        return [
            { x: segment.x1, y },
            { x: segment.x2, y }
        ];
    });
    const pieces = slice ? routeWithin(line, slice) : [line];
    const points = pieces.flatMap(piece => piece.map(point => `${n(point.x)},${n(point.y)}`));
    const labelled = (segment: LadderSegment) => {
        const middle = (segment.x1 + segment.x2) / 2;
        return !slice || (middle >= slice.x && middle < slice.x + slice.width);
    };
    const labels = segments
        .filter(labelled)
        .map(segment =>
            child(
                `${segment.kind}:${segment.step}`,
                text(
                    (segment.x1 + segment.x2) / 2,
                    segment.kind === 'wait' ? high - 5 : low + 13,
                    fitText(segment.text, TextStyles.ladder, segment.x2 - segment.x1 - 4),
                    '',
                    ' text-anchor="middle"'
                )
            )
        );
    return [...(points.length > 0 ? [child('line', `<polyline points="${points.join(' ')}"/>`)] : []), ...labels];
}

/** The figures beside the ladder. */
function renderTotals(ladder: LadderLayout): string {
    const high = ladder.y;
    const totals = ladder.totals
        .map(
            (total, index) =>
                text(
                    ladder.totalsX + 8,
                    high - 4 + index * TOTAL_LINE,
                    fitText(`${total.label}:`, TextStyles.ladder, 116)
                ) +
                text(
                    ladder.totalsX + TOTALS_VALUE_X,
                    high - 4 + index * TOTAL_LINE,
                    fitText(total.value, TextStyles.totalValue, ladder.totalsWidth - TOTALS_VALUE_X - 8),
                    total.verdict ? `vs-total-value vs-target-${total.verdict}` : 'vs-total-value'
                )
        )
        .join('');
    return `<g class="vs-totals">${totals}</g>`;
}
