/** `vstream metrics`: the contract's figures per stream, as a table or as JSON. */
import { formatHours, formatPercent } from '../analysis/quantities.js';
import type { StreamMetrics, StreamModel } from '../analysis/stream-model.js';
import { isStream, type Stream } from '../language/generated/ast.js';
import type { VstreamServices } from '../language/vstream-module.js';
import type { ReportedFile } from './workspace.js';

/** One stream in `metrics --json`: its name and title, the contract's figures, and the stream it improves. */
export type StreamMetricsEntry = { stream: string; title: string | null } & StreamMetrics & { improves: string | null };

interface MeasuredStream {
    model: StreamModel;
    /** The current-state stream this one improves, when it resolves. */
    baseline?: StreamModel;
}

export function measureStreams(files: ReportedFile[], services: VstreamServices): MeasuredStream[] {
    const models = services.analysis.StreamModels;
    return files
        .flatMap(file => file.document.parseResult.value.elements.filter(isStream))
        .map((stream: Stream) => {
            const baseline = stream.improves?.ref;
            return { model: models.get(stream), baseline: baseline && models.get(baseline) };
        });
}

export function metricsEntry({ model }: MeasuredStream): StreamMetricsEntry {
    const metrics = model.metrics;
    return {
        stream: model.name,
        title: model.title ?? null,
        leadTime: metrics.leadTime,
        processTime: metrics.processTime,
        flowEfficiency: metrics.flowEfficiency,
        rolledCompleteAccurate: metrics.rolledCompleteAccurate,
        effort: metrics.effort,
        handoffs: metrics.handoffs,
        waitOutsideControl: metrics.waitOutsideControl,
        expectedLeadTime: metrics.expectedLeadTime,
        criticalPath: metrics.criticalPath,
        improves: model.improves ?? null
    };
}

interface Row {
    label: string;
    value: (metrics: StreamMetrics) => number | null;
    format: (value: number) => string;
    /** Does a smaller value mean a better stream? */
    lowerIsBetter: boolean;
}

const count = (value: number) => String(value);
const ROWS: Row[] = [
    { label: 'lead time', value: m => m.leadTime, format: formatHours, lowerIsBetter: true },
    { label: 'process time', value: m => m.processTime, format: formatHours, lowerIsBetter: true },
    { label: 'flow efficiency', value: m => m.flowEfficiency, format: formatPercent, lowerIsBetter: false },
    { label: 'rolled %C&A', value: m => m.rolledCompleteAccurate, format: formatPercent, lowerIsBetter: false },
    { label: 'effort', value: m => m.effort, format: formatHours, lowerIsBetter: true },
    { label: 'handoffs', value: m => m.handoffs, format: count, lowerIsBetter: true },
    { label: 'wait outside control', value: m => m.waitOutsideControl, format: formatHours, lowerIsBetter: true },
    { label: 'expected lead time', value: m => m.expectedLeadTime, format: formatHours, lowerIsBetter: true }
];

export function formatMetricsText(streams: MeasuredStream[]): string {
    if (streams.length === 0) {
        return 'No streams found.\n';
    }
    return streams.map(formatStream).join('\n');
}

function formatStream({ model, baseline }: MeasuredStream): string {
    const heading = model.title ? `${model.name} — ${model.title}` : model.name;
    const lines = [heading];
    if (model.improves) {
        lines.push(baseline ? `  improves ${baseline.name}${baseline.title ? ` — ${baseline.title}` : ''}` : `  improves ${model.improves} (not found)`);
    }
    const width = Math.max(...ROWS.map(row => row.label.length)) + 2;
    for (const row of ROWS) {
        const value = row.value(model.metrics);
        const shown = value === null ? 'n/a' : row.format(value);
        lines.push(`  ${row.label.padEnd(width)}${shown.padStart(10)}${baseline ? comparison(row, value, row.value(baseline.metrics)) : ''}`);
    }
    lines.push(`  ${'critical path'.padEnd(width)}${model.metrics.criticalPath.join(' → ') || 'none'}`);
    return lines.join('\n') + '\n';
}

/** "was 91 h, −38 h (better)" beside a future-state figure. */
function comparison(row: Row, value: number | null, before: number | null): string {
    if (value === null || before === null) {
        return before === null ? '' : `   was ${row.format(before)}`;
    }
    const delta = value - before;
    const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
    const verdict = delta === 0 ? 'same' : (delta < 0) === row.lowerIsBetter ? 'better' : 'worse';
    const magnitude = row.format === formatPercent ? `${Number((Math.abs(delta) * 100).toFixed(1))} pts` : row.format(Math.abs(delta));
    return `   was ${row.format(before).padStart(9)}   ${sign}${magnitude} (${verdict})`;
}
