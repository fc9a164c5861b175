/**
 * The forecast on the map, as the preview shows it: under each stream a small histogram of the
 * trials' lead times with p50, p85, p95 and the target marked (and, once the stream was measured,
 * the p50 and p85 of its tracker's history), and on each step how often it was critical. Files
 * drawn by `vstream render` leave it out: a map stays the same picture of the same text, whatever
 * a forecast's trials drew.
 */
import {
    criticalityLabel,
    formatDurationsAlike,
    formatPercent,
    percentilesLine,
    reachedLabel
} from '../analysis/figures.js';
import { leadTimeHistogram, percentile, type Forecast, type LeadTimeBin } from '../analysis/forecast.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { TextStyles } from './dimensions.js';
import type { StepLayout } from './layout-model.js';
import { forecastLines } from './step-layout.js';
import { escapeXml, fitText } from './svg-text.js';
import { textWidth } from './text-width.js';

/** A stream's forecast as the map draws it: plain data, every figure in hours. */
export interface ForecastPicture {
    /** False while the forecast of a newer text runs: this one is drawn, marked as about to change. */
    current: boolean;
    trials: number;
    p50: number;
    p85: number;
    p95: number;
    target: number | null;
    chanceWithinTarget: number | null;
    /** The last bin holds the longest trials, beyond the histogram's end (the 99th percentile). */
    bins: LeadTimeBin[];
    /** The longest trial, which may lie beyond the last bin's end. */
    max: number;
    /** Per step name, the share of trials in which it was critical. */
    criticality: ReadonlyMap<string, number>;
    /** Per step name, the share of trials in which it exists (below 1 behind a decision). */
    reached: ReadonlyMap<string, number>;
    workdayHours: number;
    /** The lead time a tracker's history measured, when the stream was measured: marked beside the forecast's. */
    measured: MeasuredLeadTime | null;
}

/** The measured lead time of a stream's done items. */
export interface MeasuredLeadTime {
    p50: number;
    p85: number;
    done: number;
}

const BINS = 24;
/** The histogram ends at this percentile: a rework's rare long tail would leave the rest a few bars. */
const TAIL = 0.99;

export function forecastPicture(
    model: StreamModel,
    forecast: Forecast,
    current: boolean,
    measured: MeasuredLeadTime | null = null
): ForecastPicture {
    return {
        current,
        trials: forecast.trials,
        p50: forecast.p50,
        p85: forecast.p85,
        p95: forecast.p95,
        target: forecast.target,
        chanceWithinTarget: forecast.chanceWithinTarget,
        bins: leadTimeHistogram(forecast, BINS, percentile(forecast.leadTimes, TAIL)),
        max: forecast.max,
        criticality: new Map(model.steps.map(step => [step.name, forecast.criticality[step.index] ?? 0])),
        reached: new Map(model.steps.map(step => [step.name, forecast.reached[step.index] ?? 1])),
        workdayHours: model.workdayHours,
        measured
    };
}

/** The room the forecast takes under a stream. */
export const FORECAST_PANEL = { width: 560, height: 166 } as const;
/** The histogram inside the panel: where it starts, how wide and tall it is. */
const CHART = { x: 12, top: 66, width: 300, height: 58 } as const;
/** Where the figures in words start, right of the chart. */
const LEGEND_X = CHART.x + CHART.width + 24;

function n(value: number): string {
    return String(Math.round(value * 10) / 10);
}

/** The panel at (x, y); `picture` undefined while the stream's first forecast runs. */
export function renderForecastPanel(picture: ForecastPicture | undefined, x: number, y: number): string {
    const frame = `<rect class="vs-forecast-frame" x="${n(x)}" y="${n(y)}" width="${FORECAST_PANEL.width}" height="${FORECAST_PANEL.height}" rx="6"/>`;
    if (!picture) {
        return `<g class="vs-forecast">${frame}<text x="${n(x + 12)}" y="${n(y + 20)}" class="vs-muted">Forecast: running the trials…</text></g>`;
    }
    const heading = `Forecast of ${picture.trials.toLocaleString('en')} trials${picture.current ? '' : ' (updating…)'}`;
    const classes = ['vs-forecast', picture.current ? '' : 'vs-stale'].filter(Boolean).join(' ');
    return (
        `<g class="${classes}"><title>${escapeXml(`${heading}: lead time ${percentilesLine(picture, picture.workdayHours)}`)}</title>` +
        frame +
        `<text x="${n(x + 12)}" y="${n(y + 20)}" class="vs-forecast-title">${escapeXml(heading)}</text>` +
        `<text x="${n(x + 12)}" y="${n(y + 36)}" class="vs-muted">How often each lead time came up${picture.measured ? '; solid lines: the history' : ''}</text>` +
        renderHistogram(picture, x + CHART.x, y + CHART.top) +
        renderLegend(picture, x + LEGEND_X, y + CHART.top) +
        '</g>'
    );
}

/** The bars, the axis's two ends and the marks; a scale that holds the target too. */
function renderHistogram(picture: ForecastPicture, x: number, top: number): string {
    const { bins, target, measured } = picture;
    const others = [target, measured?.p50, measured?.p85].filter((hours): hours is number => typeof hours === 'number');
    const lowest = Math.min(bins[0]?.from ?? 0, ...others);
    const highest = Math.max(bins[bins.length - 1]?.to ?? 0, ...others);
    // All trials alike (a map without ranges): a narrow bar in the middle of the axis.
    const [from, to] = highest > lowest ? [lowest, highest] : [lowest - 1, lowest + 1];
    const at = (hours: number) => x + ((hours - from) / (to - from)) * CHART.width;
    const tallest = Math.max(1, ...bins.map(bin => bin.trials));
    // The last bin holds the rare longest trials too: its end reads "and more".
    const [start, finish] = alike(picture, [from, to]);
    const end = picture.max > to ? `${finish} and more` : finish;
    const bottom = top + CHART.height;
    const bars = bins
        .filter(bin => bin.trials > 0)
        .map(bin => {
            const height = Math.max(1, (bin.trials / tallest) * CHART.height);
            const left = at(bin.from);
            const width = Math.max(3, at(bin.to) - left - 1);
            return `<rect class="vs-forecast-bar" x="${n(left)}" y="${n(bottom - height)}" width="${n(width)}" height="${n(height)}"/>`;
        })
        .join('');
    const axis =
        `<line class="vs-forecast-axis" x1="${n(x)}" y1="${n(bottom)}" x2="${n(x + CHART.width)}" y2="${n(bottom)}"/>` +
        `<text x="${n(x)}" y="${n(bottom + 13)}" class="vs-muted">${escapeXml(start)}</text>` +
        `<text x="${n(x + CHART.width)}" y="${n(bottom + 13)}" class="vs-muted" text-anchor="end">${escapeXml(end)}</text>`;
    return bars + axis + renderMarks(marks(picture), at, top, bottom);
}

interface Mark {
    /** Shown above the chart; the measured marks have none (the legend says which they are). */
    label: string;
    /** What a pointer over the mark reads. */
    title: string;
    hours: number;
    kind: 'percentile' | 'target' | 'measured';
}

function marks({ p50, p85, p95, target, measured }: ForecastPicture): Mark[] {
    const percentile = (label: string, hours: number): Mark => ({
        label,
        title: `${label} of the trials`,
        hours,
        kind: 'percentile'
    });
    const list = [percentile('p50', p50), percentile('p85', p85), percentile('p95', p95)];
    if (target !== null) {
        list.push({ label: 'target', title: 'the target', hours: target, kind: 'target' });
    }
    if (measured) {
        list.push(
            { label: '', title: 'p50 measured in the history', hours: measured.p50, kind: 'measured' },
            { label: '', title: 'p85 measured in the history', hours: measured.p85, kind: 'measured' }
        );
    }
    return list;
}

/** A line per mark, its label above the chart; labels that would touch climb a row. */
function renderMarks(list: Mark[], at: (hours: number) => number, top: number, bottom: number): string {
    const placed: Array<{ x: number; row: number; width: number }> = [];
    return together(
        [...list].sort((a, b) => a.hours - b.hours),
        at
    )
        .map(mark => {
            const x = at(mark.hours);
            if (!mark.label) {
                return `<g class="vs-forecast-mark vs-forecast-${mark.kind}"><title>${escapeXml(mark.title)}</title><line x1="${n(x)}" y1="${n(top)}" x2="${n(x)}" y2="${n(bottom)}"/></g>`;
            }
            const width = textWidth(mark.label, TextStyles.ladder) + 6;
            const row = lowestFreeRow(placed, x, width);
            placed.push({ x, row, width });
            const labelY = top - 4 - row * 11;
            return (
                `<g class="vs-forecast-mark vs-forecast-${mark.kind}">` +
                `<line x1="${n(x)}" y1="${n(labelY + 2)}" x2="${n(x)}" y2="${n(bottom)}"/>` +
                `<text x="${n(x + 2)}" y="${n(labelY)}">${mark.label}</text></g>`
            );
        })
        .join('');
}

/** Labelled marks of one kind that fall on one place of the axis (a map without ranges: p50, p85 and p95 alike) read as one: "p50 · p85 · p95". */
function together(sorted: Mark[], at: (hours: number) => number): Mark[] {
    const merged: Mark[] = [];
    for (const mark of sorted) {
        const last = merged.at(-1);
        if (last?.label && mark.label && last.kind === mark.kind && Math.abs(at(last.hours) - at(mark.hours)) < 1) {
            merged[merged.length - 1] = { ...last, label: `${last.label} · ${mark.label}` };
        } else {
            merged.push(mark);
        }
    }
    return merged;
}

function lowestFreeRow(placed: Array<{ x: number; row: number; width: number }>, x: number, width: number): number {
    let row = 0;
    while (placed.some(other => other.row === row && x < other.x + other.width && other.x < x + width)) {
        row++;
    }
    return row;
}

/** Durations of the panel in one unit, so that they compare at a glance. */
function alike(picture: ForecastPicture, hours: number[]): string[] {
    return formatDurationsAlike(hours.map(value => ({ hours: value, workdayHours: picture.workdayHours })));
}

/** The figures beside the chart, in words. */
function renderLegend(picture: ForecastPicture, x: number, top: number): string {
    const { p50, p85, p95, target, max } = picture;
    const [half, most, nearlyAll, longest, goal] = alike(picture, [p50, p85, p95, max, target ?? p50]);
    const lines = [
        `half of the trials within ${half}`,
        `85% within ${most}`,
        `95% within ${nearlyAll}`,
        `the longest trial ${longest}`
    ];
    if (target !== null) {
        lines.push(`${formatPercent(picture.chanceWithinTarget ?? 0)} within the target of ${goal}`);
    }
    const width = FORECAST_PANEL.width - LEGEND_X - 8;
    const text = lines
        .map(
            (line, index) =>
                `<text x="${n(x)}" y="${n(top + 4 + index * 16)}">${escapeXml(fitText(line, TextStyles.headerLine, width))}</text>`
        )
        .join('');
    if (!picture.measured) {
        return text;
    }
    // The history's lead time, in the colour of its marks on the chart.
    const [history50, history85] = alike(picture, [picture.measured.p50, picture.measured.p85]);
    const history = `measured: p50 ${history50}, p85 ${history85}`;
    return (
        text +
        `<text x="${n(x)}" y="${n(top + 4 + lines.length * 16)}" class="vs-forecast-history">${escapeXml(fitText(history, TextStyles.headerLine, width))}</text>`
    );
}

/** What the forecast says of one step: the share of trials in which it was critical, and in which it was reached. */
export interface StepForecast {
    critical: number;
    reached: number;
}

/** The step's forecast as the picture holds it. */
export function stepForecast(picture: ForecastPicture, step: string): StepForecast {
    return { critical: picture.criticality.get(step) ?? 0, reached: picture.reached.get(step) ?? 1 };
}

/** How often a step was reached, in words, when some trials did not reach it (a way of a decision); else nothing. */
export function reachedText({ reached }: StepForecast): string | undefined {
    return reached < 1 ? reachedLabel(reached) : undefined;
}

/**
 * On a step: a bar along its foot as long as its share of critical trials, and that share in
 * words; behind a decision, how often it was reached, in the room its systems' line leaves.
 */
export function renderStepForecast(step: StepLayout, forecast: StepForecast): string {
    const width = (step.width - 2) * forecast.critical;
    const reached = reachedText(forecast);
    const right = (y: number, words: string) =>
        `<text x="${n(step.x + step.width - 8)}" y="${n(step.y + y)}" class="vs-data vs-muted" text-anchor="end">${escapeXml(words)}</text>`;
    return (
        (width > 0
            ? `<rect class="vs-criticality" x="${n(step.x + 1)}" y="${n(step.y + step.height - 5)}" width="${n(width)}" height="4"/>`
            : '') +
        right(forecastLines(step).critical, criticalityLabel(forecast.critical)) +
        (reached ? right(forecastLines(step).reached, reached) : '')
    );
}
