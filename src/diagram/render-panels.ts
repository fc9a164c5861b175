/**
 * The panels beside the map, as escaped HTML: each stream's figures (compared with the stream
 * it improves) and its findings, grouped by the five questions. Shared by the preview and by
 * the standalone page of `vstream render -o map.html`.
 */
import { changeWords, compareFigures, formatPercent } from '../analysis/figures.js';
import { FINDING_QUESTIONS, type FindingQuestion, type SourceRange } from '../analysis/stream-model.js';
import type { MapLayout } from './layout-model.js';
import type { StreamMetrics } from '../analysis/stream-model.js';
import { escapeXml as escapeHtml } from './svg-text.js';

export interface PanelStream {
    layout: MapLayout;
    /** The name and figures of the stream this one improves. */
    baseline?: { name: string; title?: string; metrics: StreamMetrics; workdayHours: number };
}

function rangeAttribute(range: SourceRange | undefined): string {
    return range
        ? ` data-range="${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}"`
        : '';
}

export function renderPanels(streams: PanelStream[]): string {
    return streams.map(renderStreamPanels).join('');
}

function renderStreamPanels({ layout, baseline }: PanelStream): string {
    const figures = compareFigures(layout, baseline);
    const heading = baseline
        ? `<h2>${escapeHtml(layout.header.title)} <span class="vs-muted">compared with ${escapeHtml(baseline.title ?? baseline.name)}</span></h2>`
        : `<h2>${escapeHtml(layout.header.title)}</h2>`;
    const rows = figures
        .map(
            figure =>
                `<tr><th scope="row">${escapeHtml(figure.label)}</th><td>${escapeHtml(figure.value)}</td>` +
                (baseline
                    ? `<td>${escapeHtml(figure.before ?? '')}</td><td class="vs-${figure.verdict ?? 'same'}">${escapeHtml(changeWords(figure))}</td>`
                    : '') +
                '</tr>'
        )
        .join('');
    const head = baseline ? '<thead><tr><th></th><th>now</th><th>before</th><th>change</th></tr></thead>' : '';
    return `<section class="vs-panels" data-stream="${escapeHtml(layout.name)}">${heading}<table class="vs-figures">${head}<tbody>${rows}</tbody></table>${renderPaths(layout)}${renderFindings(layout)}</section>`;
}

/** The critical path; with decisions, which mark on the map is which path, and what each decision sends where. */
function renderPaths({ metrics, decisions }: MapLayout): string {
    const path = (names: string[]) => escapeHtml(names.join(' → ') || 'none');
    if (decisions.length === 0) {
        return `<p class="vs-critical-path">Critical path: ${path(metrics.criticalPath)}</p>`;
    }
    return (
        `<p class="vs-critical-path">Critical path, the longest way (a bold border on the map): ${path(metrics.criticalPath)}</p>` +
        `<p class="vs-typical-path">Typical path, the likeliest way at each decision (highlighted on the map), taken by ${formatPercent(metrics.typicalShare)} of items: ${path(metrics.typicalPath)}</p>` +
        `<ul class="vs-decisions">${decisions.map(decision => `<li>${escapeHtml(decision)}</li>`).join('')}</ul>`
    );
}

function renderFindings(layout: MapLayout): string {
    const groups = (Object.keys(FINDING_QUESTIONS) as FindingQuestion[]).map(question => {
        const findings = layout.findings.filter(finding => finding.question === question);
        const items =
            findings.length > 0
                ? findings
                      .map(finding => `<li${rangeAttribute(finding.range)}>${escapeHtml(finding.message)}</li>`)
                      .join('')
                : '<li class="vs-muted">Nothing found.</li>';
        return `<h3>${escapeHtml(FINDING_QUESTIONS[question])}</h3><ul>${items}</ul>`;
    });
    return `<div class="vs-findings">${groups.join('')}</div>`;
}
