/**
 * Draws the classic map (classic-layout.ts) as SVG parts, with the icons of *Learning to See*:
 * factory-shaped supplier and customer, trucks on the shipments, process boxes over data boxes,
 * inventory triangles with an I, striped push arrows, the ladder and its totals. Every user
 * text is escaped; processes and arrows carry their source range, so that a click reveals it.
 */
import type { SvgPart } from '../picture-parts.js';
import type { ClassicArrow, ClassicInventory, ClassicLayout, ClassicParty, ClassicProcess } from './classic-layout.js';
import { Classic, DATA_INSET } from './classic-layout.js';
import type { Box, Point } from './layout-model.js';
import { renderForecastPanel, type ForecastPicture } from './render-forecast.js';
import { escapeXml } from './svg-text.js';
import { boxAttributes, n, rangeAttribute, text } from './svg-markup.js';

type Part = (key: string, markup: string, parent?: string) => SvgPart;

/**
 * The parts of one classic map, in drawing order; `ids` starts the ids of the arrowheads. With
 * the preview's forecasts, the stream's goes under the map, as on the lanes.
 */
export function classicParts(
    layout: ClassicLayout,
    part: Part,
    ids: string,
    forecasts?: ReadonlyMap<string, ForecastPicture>
): SvgPart[] {
    return [
        part('title', text(layout.title.at.x, layout.title.at.y, layout.title.text, 'vs-classic-title')),
        part('supplier', renderParty(layout.supplier)),
        part('customer', renderParty(layout.customer)),
        ...layout.arrows.map(arrow => part(`arrow:${arrow.kind}:${arrow.from}>${arrow.to}`, renderArrow(arrow, ids))),
        ...layout.processes.map(process => part(`process:${process.name}`, renderProcess(process))),
        ...layout.inventories.map(inventory => part(`inventory:${inventory.step}`, renderInventory(inventory))),
        part('ladder', renderLadder(layout)),
        ...(layout.notes.lines.length > 0 ? [part('notes', renderNotes(layout.notes))] : []),
        ...(forecasts
            ? [part('forecast', renderForecastPanel(forecasts.get(layout.name), Classic.margin, layout.height))]
            : [])
    ];
}

/** A factory: a sawtooth roof of three teeth over a body that holds the name. */
function renderParty(party: ClassicParty): string {
    const { x, y, width, height } = party.icon;
    const roof = 14;
    const tooth = width / 3;
    const outline =
        `M${n(x)} ${n(y + height)}V${n(y + roof)}` +
        [0, 1, 2].map(index => `L${n(x + tooth * index + tooth)} ${n(y)}V${n(y + roof)}`).join('') +
        `V${n(y + height)}Z`;
    const lines = party.lines
        .map((line, index) => text(x + width / 2, y + roof + 15 + index * 13, line, '', ' text-anchor="middle"'))
        .join('');
    const data = party.data
        ? `<rect class="vs-party-data" ${boxAttributes(party.data)}/>` +
          party.data.lines
              .map((line, index) => text(party.data!.x + 6, party.data!.y + 15 + index * Classic.dataLine, line))
              .join('')
        : '';
    return (
        `<g class="vs-party vs-${party.role}"><title>${escapeXml(party.tooltip)}</title>` +
        `<path d="${outline}"/>${lines}${data}${truck(party.truck)}</g>`
    );
}

/** The book's truck: a box, a cab, two wheels. */
function truck({ x, y }: Point): string {
    return (
        `<g class="vs-truck"><rect x="${n(x)}" y="${n(y)}" width="22" height="11"/>` +
        `<path d="M${n(x + 22)} ${n(y + 11)}V${n(y + 3)}h6l4 4v4z"/>` +
        `<circle cx="${n(x + 6)}" cy="${n(y + 13)}" r="2.5"/><circle cx="${n(x + 26)}" cy="${n(y + 13)}" r="2.5"/></g>`
    );
}

function renderProcess(process: ClassicProcess): string {
    const { data } = process;
    return (
        `<g class="vs-step vs-classic-process${process.main ? ' vs-main' : ''}" data-kind="step" data-name="${escapeXml(process.name)}"${rangeAttribute(process.range)}>` +
        `<title>${escapeXml(process.tooltip)}</title>` +
        `<rect ${boxAttributes(process)}/>` +
        process.titleLines
            .map((line, index) =>
                text(
                    process.x + process.width / 2,
                    process.y + 19 + index * Classic.titleLine,
                    line,
                    'vs-step-title',
                    ' text-anchor="middle"'
                )
            )
            .join('') +
        `<rect class="vs-data-box" ${boxAttributes(data)}/>` +
        data.lines
            .map((line, index) =>
                text(data.x + DATA_INSET, data.y + 16 + index * Classic.dataLine, line, 'vs-classic-data')
            )
            .join('') +
        '</g>'
    );
}

function renderInventory(inventory: ClassicInventory): string {
    const { triangle: box } = inventory;
    const points = `${n(box.x)},${n(box.y + box.height)} ${n(box.x + box.width / 2)},${n(box.y)} ${n(box.x + box.width)},${n(box.y + box.height)}`;
    const below = box.y + box.height + 14;
    const centred = ' text-anchor="middle"';
    return (
        `<g class="vs-classic-inventory"><polygon points="${points}"/>` +
        text(box.x + box.width / 2, box.y + box.height - 4, 'I', 'vs-inventory-mark', centred) +
        (inventory.count ? text(inventory.textX, below, inventory.count, 'vs-classic-count', centred) : '') +
        (inventory.wait
            ? text(inventory.textX, below + (inventory.count ? Classic.dataLine : 0), inventory.wait, '', centred)
            : '') +
        '</g>'
    );
}

function renderArrow(arrow: ClassicArrow, ids: string): string {
    const classes = { push: 'vs-push', flow: 'vs-flow', rework: 'vs-rework', shipment: 'vs-shipment' }[arrow.kind];
    const body =
        arrow.kind === 'push'
            ? pushArrow(arrow.points)
            : `<path d="${pathOf(arrow.points)}" marker-end="url(#${ids}-arrow-${arrow.kind === 'rework' ? 'rework' : 'flow'})"/>`;
    const label = arrow.label ? text(arrow.label.at.x, arrow.label.at.y, arrow.label.text, 'vs-classic-label') : '';
    return (
        `<g class="vs-edge ${classes}" data-kind="${arrow.kind}" data-from="${escapeXml(arrow.from)}" data-to="${escapeXml(arrow.to)}"${rangeAttribute(arrow.range)}>` +
        `<title>${escapeXml(arrow.tooltip)}</title>${body}${label}</g>`
    );
}

function pathOf(points: Point[]): string {
    return `M${points.map(point => `${n(point.x)} ${n(point.y)}`).join('L')}`;
}

const HEAD = 9;

/**
 * The book's push arrow: a broad striped body and a solid head. A push arrow that turns keeps
 * its head; its body is a plain line, since stripes do not turn corners.
 */
function pushArrow(points: Point[]): string {
    const end = points[points.length - 1];
    const head = `<polygon class="vs-push-head" points="${n(end.x - HEAD)},${n(end.y - 7)} ${n(end.x)},${n(end.y)} ${n(end.x - HEAD)},${n(end.y + 7)}"/>`;
    const start = points[0];
    if (points.length > 2 || end.x - start.x < 2 * HEAD) {
        return `<path d="${pathOf([...points.slice(0, -1), { x: end.x - HEAD, y: end.y }])}"/>${head}`;
    }
    const body: Box = { x: start.x + 2, y: start.y - 4, width: end.x - HEAD - start.x - 2, height: 8 };
    const stripes = Array.from({ length: Math.floor(body.width / 6) }, (_, index) => body.x + 2 + index * 6)
        .map(x => `<rect class="vs-push-stripe" x="${n(x)}" y="${n(body.y)}" width="3" height="${n(body.height)}"/>`)
        .join('');
    return `<rect class="vs-push-body" ${boxAttributes(body)}/>${stripes}${head}`;
}

function renderLadder(layout: ClassicLayout): string {
    const rows = layout.ladder
        .map(row => {
            const high = row.y,
                low = row.y + Classic.ladderRise;
            const points = row.segments.flatMap(segment => {
                const level = segment.kind === 'wait' ? high : low;
                return [`${n(segment.x1)},${n(level)}`, `${n(segment.x2)},${n(level)}`];
            });
            const labels = row.segments
                .filter(segment => segment.text)
                .map(segment =>
                    text(
                        (segment.x1 + segment.x2) / 2,
                        segment.kind === 'wait' ? high - 5 : low + 15,
                        segment.text,
                        '',
                        ' text-anchor="middle"'
                    )
                )
                .join('');
            return `<polyline points="${points.join(' ')}"/>${labels}`;
        })
        .join('');
    const { box, lines } = layout.totals;
    const totals =
        `<g class="vs-classic-totals"><rect ${boxAttributes(box)}/>` +
        lines
            .map(
                (line, index) =>
                    `<text x="${n(box.x + 6)}" y="${n(box.y + 19 + index * 17)}">${escapeXml(line.label)} <tspan class="vs-total-value">${escapeXml(line.value)}</tspan></text>`
            )
            .join('') +
        '</g>';
    return `<g class="vs-classic-ladder">${rows}${totals}</g>`;
}

function renderNotes(notes: ClassicLayout['notes']): string {
    return `<g class="vs-classic-notes">${notes.lines
        .map((line, index) => text(notes.box.x, notes.box.y + 11 + index * Classic.dataLine, line))
        .join('')}</g>`;
}
