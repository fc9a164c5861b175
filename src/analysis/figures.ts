/**
 * Figures as people read them: the one place that turns hours, shares and counts into words.
 * The hover, the code lens, the figures list, the map, its panels, the stream card, the
 * findings, the diagnostics and the CLI all take their figures from here, so they agree.
 */
import type { StreamMetrics } from './stream-model.js';

/** What a figure that cannot be computed shows (flow efficiency of a stream with no lead time). */
export const NOT_DEFINED = 'n/a';

/** Hours for people: at most two decimals, no trailing zeros. */
export function formatHours(hours: number): string {
    return `${Number(hours.toFixed(2))} h`;
}

/** A share (0–1) as a percentage with at most one decimal. */
export function formatPercent(fraction: number): string {
    return `${Number((fraction * 100).toFixed(1))}%`;
}

/** A share that may not be defined. */
export function formatShare(fraction: number | null): string {
    return fraction === null ? NOT_DEFINED : formatPercent(fraction);
}

/** "1 more wait", "3 more waits": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : plural}`;
}

/** One figure of a stream: how it is named, read, formatted, and which way is better. */
export interface StreamFigure {
    label: string;
    value: (metrics: StreamMetrics) => number | null;
    format: (value: number) => string;
    /** How a difference of two values reads ("8 h", "20.4 pts"). */
    formatChange: (delta: number) => string;
    /** Does a smaller value mean a better stream? */
    lowerIsBetter: boolean;
}

const hoursFigure = (label: string, value: (metrics: StreamMetrics) => number): StreamFigure => ({
    label,
    value,
    format: formatHours,
    formatChange: formatHours,
    lowerIsBetter: true
});
const shareFigure = (label: string, value: (metrics: StreamMetrics) => number | null): StreamFigure => ({
    label,
    value,
    format: formatPercent,
    formatChange: delta => `${Number((delta * 100).toFixed(1))} pts`,
    lowerIsBetter: false
});

/** Every figure of a stream, in the order the map, the card and the CLI list them. */
export const STREAM_FIGURES: readonly StreamFigure[] = [
    hoursFigure('lead time', metrics => metrics.leadTime),
    hoursFigure('process time', metrics => metrics.processTime),
    shareFigure('flow efficiency', metrics => metrics.flowEfficiency),
    shareFigure('rolled %C&A', metrics => metrics.rolledCompleteAccurate),
    hoursFigure('effort', metrics => metrics.effort),
    {
        label: 'handoffs',
        value: metrics => metrics.handoffs,
        format: String,
        formatChange: String,
        lowerIsBetter: true
    },
    hoursFigure('wait outside control', metrics => metrics.waitOutsideControl),
    hoursFigure('expected lead time', metrics => metrics.expectedLeadTime)
];

/** The figures of a stream's headline, by their labels: the code lens, the map's header, the table atop `vstream diff`. */
export const HEADLINE_FIGURES: readonly string[] = ['lead time', 'process time', 'flow efficiency', 'handoffs'];

/** The headline in words: lead time · process time · flow efficiency · handoffs. */
export function headline(metrics: StreamMetrics): string {
    return `lead time ${formatHours(metrics.leadTime)} · process time ${formatHours(metrics.processTime)} · flow efficiency ${formatShare(metrics.flowEfficiency)} · ${countOf(metrics.handoffs, 'handoff')}`;
}

export interface ComparedFigure {
    label: string;
    value: string;
    before?: string;
    /** "−53 h", "+20.4 pts", "±0 h". */
    change?: string;
    verdict?: 'better' | 'worse' | 'same';
}

/** Every figure of `metrics`, with the change from `baseline` (the stream it improves) when there is one. */
export function compareFigures(metrics: StreamMetrics, baseline?: StreamMetrics): ComparedFigure[] {
    return STREAM_FIGURES.map(figure => {
        const value = figure.value(metrics);
        const compared: ComparedFigure = {
            label: figure.label,
            value: value === null ? NOT_DEFINED : figure.format(value)
        };
        const before = baseline && figure.value(baseline);
        if (before === undefined) {
            return compared;
        }
        if (before === null) {
            compared.before = NOT_DEFINED;
            return compared;
        }
        compared.before = figure.format(before);
        if (value !== null) {
            const delta = value - before;
            const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
            compared.change = `${sign}${figure.formatChange(Math.abs(delta))}`;
            compared.verdict = delta === 0 ? 'same' : delta < 0 === figure.lowerIsBetter ? 'better' : 'worse';
        }
        return compared;
    });
}
