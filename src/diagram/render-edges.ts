/** Each edge as drawn: its line and arrowhead, its label and share, its badge when it has a problem. */
import type { Palette } from '../theme/theme.js';
import { paletteColour } from '../theme/theme.js';
import type { EdgeLayout, Point } from './layout-model.js';
import { ARROWHEAD, LABEL_BASELINE, LABEL_LINE_HEIGHT } from './label-placement.js';
import type { DiagramDiagnostic } from './render-svg.js';
import { escapeXml } from './svg-text.js';
import { n, rangeAttribute, startKey, text } from './svg-markup.js';

/**
 * Arrowheads, one colour each, one size in px whatever the line's width (a thick critical line's
 * arrowhead would cover its neighbours' at a busy box); `orient="auto"` (not
 * auto-start-reverse, which resvg ignores) is all marker-end needs.
 */
export function markers(ids: string, palette: Palette): string {
    const { length, width } = ARROWHEAD;
    return `<defs>${(['handoff', 'flow', 'rework', 'critical', 'error'] as const)
        .map(
            kind =>
                `<marker id="${ids}-arrow-${kind}" viewBox="0 0 ${length} ${width}" refX="${length - 1}" refY="${width / 2}" markerUnits="userSpaceOnUse" markerWidth="${length}" markerHeight="${width}" orient="auto"><path d="M0 0L${length} ${width / 2}L0 ${width}z" fill="${paletteColour(palette, kind)}"/></marker>`
        )
        .join('')}</defs>`;
}

export function renderEdge(edge: EdgeLayout, diagnostics: Map<string, DiagramDiagnostic[]>, ids: string): string {
    const issues = ((edge.range && diagnostics.get(startKey(edge.range))) ?? []).filter(
        diagnostic => diagnostic.severity !== 'hint'
    );
    // Errors and warnings colour the edge and put a badge on it (a shape and a glyph, not colour alone); every diagnostic about it shows in its tooltip.
    const worst = (['error', 'warning'] as const).find(severity => issues.some(issue => issue.severity === severity));
    const classes = [
        'vs-edge',
        `vs-${edge.kind}`,
        edge.critical ? 'vs-critical' : '',
        edge.typical ? 'vs-typical' : '',
        worst ? `vs-has-${worst}` : ''
    ]
        .filter(Boolean)
        .join(' ');
    const marker = worst === 'error' ? 'error' : edge.critical ? 'critical' : edge.kind;
    const path = `M${edge.points.map((point: Point) => `${n(point.x)} ${n(point.y)}`).join('L')}`;
    const tooltip = [edge.tooltip, ...issues.map(issue => `${issue.code}: ${issue.message}`)].join('\n');
    const box = edge.labelBox;
    // A way few items take is drawn lighter (never invisible); stroke-opacity, not opacity, which makes resvg paint a layer.
    const weight = edge.share ? ` stroke-opacity="${shareWeight(edge.share.fraction)}"` : '';
    return (
        `<g class="${classes}" data-kind="${edge.kind}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}"${rangeAttribute(edge.range)}>` +
        `<title>${escapeXml(tooltip)}</title>` +
        (edge.typical ? `<path class="vs-typical-halo" d="${path}"/>` : '') +
        `<path d="${path}"${weight} marker-end="url(#${ids}-arrow-${marker})"/>` +
        (box && edge.labelLines
            ? edge.labelLines
                  .map((line, index) =>
                      text(box.x + 1, box.y + 1 + LABEL_BASELINE + index * LABEL_LINE_HEIGHT, line, 'vs-edge-label')
                  )
                  .join('')
            : '') +
        (edge.share?.box
            ? text(edge.share.box.x + 1, edge.share.box.y + 1 + LABEL_BASELINE, edge.share.text, 'vs-share-label')
            : '') +
        (worst ? renderBadge(edge.badgeAt, worst) : '') +
        '</g>'
    );
}

/** The stroke opacity of a decision's way: its share, from a floor at which a way nobody takes still shows. */
export function shareWeight(share: number): number {
    return Number((RAREST_WEIGHT + (1 - RAREST_WEIGHT) * share).toFixed(2));
}

const RAREST_WEIGHT = 0.35;

/** A severity badge: a circle with × for an error, a triangle with ! for a warning. */
function renderBadge(at: Point, severity: 'error' | 'warning'): string {
    const shape =
        severity === 'error'
            ? `<circle class="vs-badge-error" cx="${n(at.x)}" cy="${n(at.y)}" r="6.5"/>`
            : `<polygon class="vs-badge-warning" points="${n(at.x)},${n(at.y - 7)} ${n(at.x + 7)},${n(at.y + 6)} ${n(at.x - 7)},${n(at.y + 6)}"/>`;
    const glyph = severity === 'error' ? '×' : '!';
    return `<g class="vs-badge">${shape}${text(at.x, at.y + (severity === 'error' ? 3.5 : 4.5), glyph, '', ' text-anchor="middle"')}</g>`;
}
