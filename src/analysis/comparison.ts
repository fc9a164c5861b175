/** The figures of a stream as rows for people, and the comparison of a future state with its current state. */
import { formatHours, formatPercent } from './quantities.js';
import type { StreamMetrics } from './stream-model.js';

export interface MetricRow {
    label: string;
    value: (metrics: StreamMetrics) => number | null;
    format: (value: number) => string;
    /** Does a smaller value mean a better stream? */
    lowerIsBetter: boolean;
}

export const METRIC_ROWS: MetricRow[] = [
    { label: 'lead time', value: m => m.leadTime, format: formatHours, lowerIsBetter: true },
    { label: 'process time', value: m => m.processTime, format: formatHours, lowerIsBetter: true },
    { label: 'flow efficiency', value: m => m.flowEfficiency, format: formatPercent, lowerIsBetter: false },
    { label: 'rolled %C&A', value: m => m.rolledCompleteAccurate, format: formatPercent, lowerIsBetter: false },
    { label: 'effort', value: m => m.effort, format: formatHours, lowerIsBetter: true },
    { label: 'handoffs', value: m => m.handoffs, format: value => String(value), lowerIsBetter: true },
    { label: 'wait outside control', value: m => m.waitOutsideControl, format: formatHours, lowerIsBetter: true },
    { label: 'expected lead time', value: m => m.expectedLeadTime, format: formatHours, lowerIsBetter: true }
];

export interface ComparedFigure {
    label: string;
    value: string;
    before?: string;
    /** "−53 h", "+20.4 pts", "±0". */
    change?: string;
    verdict?: 'better' | 'worse' | 'same';
}

/** Every figure of `metrics`, with the change from `baseline` when there is one. */
export function compareFigures(metrics: StreamMetrics, baseline?: StreamMetrics): ComparedFigure[] {
    return METRIC_ROWS.map(row => {
        const value = row.value(metrics);
        const figure: ComparedFigure = { label: row.label, value: value === null ? 'n/a' : row.format(value) };
        const before = baseline && row.value(baseline);
        if (before === undefined || before === null) {
            return figure;
        }
        figure.before = row.format(before);
        if (value !== null) {
            const delta = value - before;
            const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
            const magnitude = row.format === formatPercent ? `${Number((Math.abs(delta) * 100).toFixed(1))} pts` : row.format(Math.abs(delta));
            figure.change = `${sign}${magnitude}`;
            figure.verdict = delta === 0 ? 'same' : (delta < 0) === row.lowerIsBetter ? 'better' : 'worse';
        }
        return figure;
    });
}
