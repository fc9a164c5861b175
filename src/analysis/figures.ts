/**
 * Figures as people read them: the one place that turns hours, shares and counts into words.
 * The hover, the code lens, the figures list, the map, its panels, the stream card, the
 * findings, the diagnostics and the CLI all take their figures from here, so they agree.
 */
import {
    DEFAULT_WORKDAY_HOURS,
    DURATION_UNITS,
    isRange,
    unitHours,
    WORKDAYS_PER_WEEK,
    type DurationUnit,
    type TimeSpan
} from './quantities.js';
import type { DecisionModel, StepModel, StreamMetrics, StreamModel, TotalsUnits } from './stream-model.js';

/** What a figure that cannot be computed shows (flow efficiency of a stream with no lead time). */
export const NOT_DEFINED = 'n/a';

/**
 * Durations read in the unit that reads best (39 s, 45 m, 6 h, 11.4 d, 6 w) unless the reader
 * wants hours only (the setting `vstream.figures.hoursOnly`, the CLI's `--hours`). JSON output
 * never goes through here: it stays in unrounded hours.
 */
let hoursOnly = false;

export function showHoursOnly(value: boolean): void {
    hoursOnly = value;
}

export function showsHoursOnly(): boolean {
    return hoursOnly;
}

/** A number with the digits that matter: no trailing zeros, and never 0 for a small non-zero figure. */
export function readable(value: number): string {
    const magnitude = Math.abs(value);
    const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
    const rounded = Number(value.toFixed(decimals));
    return rounded === 0 && value !== 0 ? String(Number(value.toPrecision(2))) : String(rounded);
}

/**
 * The unit a duration reads best in: the largest it fills, but days from two (a day's work
 * reads in hours) and weeks from four (a few weeks read in days).
 */
function bestUnit(hours: number, workdayHours: number): { unit: string; hours: number } {
    const units = unitsOf(workdayHours);
    return units.find(candidate => Math.abs(hours) >= candidate.hours * candidate.from) ?? units[units.length - 1];
}

/** The units of a duration, largest first, with the hours in each and from how many of them it reads best. */
function unitsOf(workdayHours: number): Array<{ unit: string; hours: number; from: number }> {
    return [
        { unit: 'w', hours: workdayHours * WORKDAYS_PER_WEEK, from: 4 },
        { unit: 'd', hours: workdayHours, from: 2 },
        { unit: 'h', hours: 1, from: 1 },
        { unit: 'm', hours: 1 / 60, from: 1 },
        { unit: 's', hours: 1 / 3600, from: 0 }
    ];
}

/** A duration given in working hours, as people say it: "39 s", "45 m", "6 h", "11.4 d"; in hours only when asked. */
export function formatDuration(hours: number, workdayHours: number = DEFAULT_WORKDAY_HOURS): string {
    if (hoursOnly || hours === 0) {
        return `${readable(hours)} h`;
    }
    const { unit, hours: size } = bestUnit(hours, workdayHours);
    return `${readable(hours / size)} ${unit}`;
}

/**
 * A total of a stream (its lead time, its process time…) in `unit`, the unit its figures are
 * written in ({@link totalsUnits}), when it reads as 1 to 999 of it: "23.6 d", "188 s";
 * otherwise, or without a unit, in the unit that reads best; in hours only when asked.
 */
export function formatTotal(hours: number, workdayHours: number, unit: DurationUnit | undefined): string {
    if (hoursOnly || unit === undefined || !readsIn(hours, unit, workdayHours)) {
        return formatDuration(hours, workdayHours);
    }
    return `${readable(hours / unitHours(unit, workdayHours))} ${unit}`;
}

/** Whether a duration reads well in a unit: at least one of it, and fewer digits than a thousand. */
function readsIn(hours: number, unit: DurationUnit, workdayHours: number): boolean {
    const amount = Math.abs(hours) / unitHours(unit, workdayHours);
    return amount >= 1 && amount < 1000;
}

/**
 * The units a stream's totals read in, as most of its figures are written: for the lead time,
 * the unit most of its steps' process times and waits and its handoffs' waits are written in
 * (each written time one vote, a range's ends sharing it; each inventory one vote for the unit
 * of the stream's demand); for the process time, the same of the process times alone. Of units
 * with as many votes, the one whose times add up to more hours wins, then the larger. Acme
 * Stamping, its work in seconds and its inventories in days, reads "lead time 23.6 d, process
 * time 188 s".
 */
export function totalsUnits(
    { steps, edges }: Pick<StreamModel, 'steps' | 'edges'>,
    demandUnit: DurationUnit | undefined
): TotalsUnits {
    const process = steps.flatMap(step => votes(step.process));
    const waits = [
        ...steps.flatMap(step => [
            ...step.waits.flatMap(wait => votes(wait.time)),
            ...(step.inventory && demandUnit ? [{ unit: demandUnit, vote: 1, hours: step.inventory.hours }] : [])
        ]),
        ...edges.flatMap(edge => votes(edge.wait))
    ];
    return { leadTime: unitOfMost([...process, ...waits]), processTime: unitOfMost(process) };
}

interface Vote {
    unit: DurationUnit;
    /** 1 for a time, shared among a range's ends. */
    vote: number;
    hours: number;
}

/** A written time's vote, by the units of its ends. */
function votes(time: TimeSpan): Vote[] {
    const ends = time.units ? writtenEnds(time, time.units) : [];
    return ends.map(end => ({ ...end, vote: 1 / ends.length }));
}

/** A written time's value, or a range's low and high ends, each with the unit written. */
function writtenEnds(time: TimeSpan, units: readonly DurationUnit[]): Array<{ hours: number; unit: DurationUnit }> {
    return isRange(time)
        ? [
              { hours: time.low, unit: units[0] },
              { hours: time.high, unit: units[units.length - 1] }
          ]
        : [{ hours: time.likely, unit: units[0] }];
}

function unitOfMost(cast: Vote[]): DurationUnit | undefined {
    const tally = (unit: DurationUnit) => {
        const mine = cast.filter(vote => vote.unit === unit);
        return {
            votes: mine.reduce((sum, vote) => sum + vote.vote, 0),
            hours: mine.reduce((sum, vote) => sum + vote.hours, 0)
        };
    };
    const more = (a: DurationUnit, b: DurationUnit) => {
        const [x, y] = [tally(a), tally(b)];
        return x.votes > y.votes || (x.votes === y.votes && x.hours > y.hours);
    };
    // Largest unit first: of units equal in votes and hours, the larger wins.
    const units = DURATION_UNITS.map(({ unit }) => unit).reverse();
    const most = units.reduce((best, unit) => (more(unit, best) ? unit : best));
    return tally(most).votes > 0 ? most : undefined;
}

/**
 * Durations to be read side by side in one unit: the one the smallest of them reads best in, so
 * that "16 h → 14.5 h (−1.5 h)" never reads "2 d → 14.5 h", or the stream's own unit for such
 * a total when the smallest reads well in it. Only the first `deciding` choose the unit (a
 * small change reads in the unit of the values it separates: "4 h → 4.5 h (+0.5 h)").
 */
export function formatDurationsAlike(
    durations: ReadonlyArray<{ hours: number; workdayHours: number }>,
    deciding = durations.length,
    totalsUnit?: DurationUnit
): string[] {
    const nonZero = durations.slice(0, deciding).filter(duration => duration.hours !== 0);
    if (hoursOnly || nonZero.length === 0) {
        return durations.map(duration => `${readable(duration.hours)} h`);
    }
    const smallest = nonZero.reduce((a, b) => (Math.abs(b.hours) < Math.abs(a.hours) ? b : a));
    const unit =
        totalsUnit !== undefined && readsIn(smallest.hours, totalsUnit, smallest.workdayHours)
            ? totalsUnit
            : bestUnit(smallest.hours, smallest.workdayHours).unit;
    return durations.map(({ hours, workdayHours }) => {
        const size = unitsOf(workdayHours).find(candidate => candidate.unit === unit)?.hours ?? 1;
        return `${readable(hours / size)} ${unit}`;
    });
}

/** Durations of one stream side by side, as {@link formatDurationsAlike} reads them; a figure that is missing reads as a dash. */
export function formatHoursAlike(hours: ReadonlyArray<number | null>, workdayHours: number): string[] {
    const known = hours.filter((value): value is number => value !== null);
    const formatted = formatDurationsAlike(known.map(value => ({ hours: value, workdayHours })));
    return hours.map(value => (value === null ? '—' : formatted.shift()!));
}

/**
 * A time as the language writes it, for edits of a map: `18h`, `2.5d`, or a range with each part
 * in the unit it reads best in, `20m..45m..1.2d` (a part of 0 in the unit of the smallest other
 * part). Whatever the reader's setting, a map keeps units that read well.
 */
export function durationLiteral(time: TimeSpan, workdayHours: number): string {
    const parts = isRange(time) ? [time.low, time.likely, time.high] : [time.likely];
    const nonZero = parts.filter(hours => hours > 0);
    const zeroUnit = nonZero.length === 0 ? 'h' : bestUnit(Math.min(...nonZero), workdayHours).unit;
    return parts
        .map(hours => {
            if (hours === 0) {
                return `0${zeroUnit}`;
            }
            const { unit, hours: size } = bestUnit(hours, workdayHours);
            return `${readable(hours / size)}${unit}`;
        })
        .join('..');
}

/**
 * A time that may be a range, a range from its low to its high end (the figures use its likely
 * value, which the hover gives). As written, when it is: "62 s", "1–3 h", "1–8 d" (the unit once
 * when both ends share it), "20 m–1.5 h". A time computed reads "2 h", or "1–3 h" in the unit of
 * its high end, or of `totalsUnit` (a total's, {@link formatTotal}). In hours only when asked:
 * "0.33–1.5 h".
 */
export function formatTime(
    time: TimeSpan,
    workdayHours: number = DEFAULT_WORKDAY_HOURS,
    totalsUnit?: DurationUnit
): string {
    if (time.units) {
        return asWritten(time, time.units, workdayHours);
    }
    if (!isRange(time)) {
        return formatTotal(time.likely, workdayHours, totalsUnit);
    }
    const { unit, hours: size } = hoursOnly
        ? { unit: 'h', hours: 1 }
        : totalsUnit !== undefined && readsIn(time.high, totalsUnit, workdayHours)
          ? { unit: totalsUnit, hours: unitHours(totalsUnit, workdayHours) }
          : bestUnit(time.high, workdayHours);
    return `${readable(time.low / size)}–${readable(time.high / size)} ${unit}`;
}

/** A written time's value, or a range's low and high ends, each in the unit written; the unit once when they share it. */
function asWritten(time: TimeSpan, units: readonly DurationUnit[], workdayHours: number): string {
    const parts = writtenEnds(time, units).map(({ hours, unit: written }) => {
        const unit = hoursOnly ? 'h' : written;
        return { amount: readable(hours / unitHours(unit, workdayHours)), unit };
    });
    return parts.every(part => part.unit === parts[0].unit)
        ? `${parts.map(part => part.amount).join('–')} ${parts[0].unit}`
        : parts.map(part => `${part.amount} ${part.unit}`).join('–');
}

/** A share (0–1) as a percentage: one decimal, more for a share below 1% ("0.014%"). */
export function formatPercent(fraction: number): string {
    const percent = fraction * 100;
    return `${Math.abs(percent) >= 1 ? Number(percent.toFixed(1)) : Number(percent.toPrecision(2))}%`;
}

/** A share that may not be defined. */
export function formatShare(fraction: number | null): string {
    return fraction === null ? NOT_DEFINED : formatPercent(fraction);
}

/** A stream as the command line heads its figures: its name, and its title after a dash. */
export function streamHeading({ name, title }: { name: string; title?: string }): string {
    return title ? `${name} — ${title}` : name;
}

/** "1 more wait", "3 more waits": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : plural}`;
}

/** What reading a stream's figures takes: its working day, and the units its totals read in. */
type Reading = Pick<Measured, 'workdayHours' | 'totalsUnits'>;

/** One figure of a stream: how it is named, read, formatted, and which way is better. */
export interface StreamFigure {
    label: string;
    value: (metrics: StreamMetrics) => number | null;
    format: (value: number, reading: Reading) => string;
    /** How a difference of two values reads ("8 h", "20.4 pts"). */
    formatChange: (delta: number, reading: Reading) => string;
    /** Does a smaller value mean a better stream? Undefined: neither way is (a change has no verdict). */
    lowerIsBetter?: boolean;
    /** Whether a stream shows this figure at all (a target only when it has one). */
    shown?: (metrics: StreamMetrics) => boolean;
    /** A duration, and the total whose unit it reads in: compared values read in one unit. */
    total?: keyof TotalsUnits;
}

const hoursFigure = (
    label: string,
    value: (metrics: StreamMetrics) => number,
    total: keyof TotalsUnits = 'leadTime'
): StreamFigure => {
    const format = (hours: number, { workdayHours, totalsUnits }: Reading) =>
        formatTotal(hours, workdayHours, totalsUnits?.[total]);
    return { label, value, format, formatChange: format, lowerIsBetter: true, total };
};
const shareFigure = (label: string, value: (metrics: StreamMetrics) => number | null): StreamFigure => ({
    label,
    value,
    format: formatPercent,
    // Points with the decimals of the percentages they separate.
    formatChange: delta => `${formatPercent(delta).slice(0, -1)} pts`,
    lowerIsBetter: false
});

/** Every figure of a stream, in the order the map, the card and the CLI list them. */
export const STREAM_FIGURES: readonly StreamFigure[] = [
    hoursFigure('lead time', metrics => metrics.leadTime),
    hoursFigure('process time', metrics => metrics.processTime, 'processTime'),
    shareFigure('flow efficiency', metrics => metrics.flowEfficiency),
    shareFigure('rolled %C&A', metrics => metrics.rolledCompleteAccurate),
    hoursFigure('effort', metrics => metrics.effort, 'processTime'),
    {
        label: 'handoffs',
        value: metrics => metrics.handoffs,
        format: String,
        formatChange: String,
        lowerIsBetter: true
    },
    hoursFigure('wait outside control', metrics => metrics.waitOutsideControl),
    hoursFigure('expected lead time', metrics => metrics.expectedLeadTime),
    // With ranges, the lead time at their lows and at their highs.
    { ...hoursFigure('best lead time', metrics => metrics.bestLeadTime), shown: hasRanges },
    { ...hoursFigure('worst lead time', metrics => metrics.worstLeadTime), shown: hasRanges },
    { ...hoursFigure('target', () => 0), value: metrics => metrics.target, shown: metrics => metrics.target !== null },
    // With decisions, the lead time along each decision's likeliest edge, and how often items take them all.
    { ...hoursFigure('typical lead time', metrics => metrics.typicalLeadTime), shown: hasDecisions },
    // More items on the typical path is no better nor worse a stream: a change of it has no verdict.
    { ...shareFigure('typical share', metrics => metrics.typicalShare), lowerIsBetter: undefined, shown: hasDecisions }
];

function hasRanges(metrics: StreamMetrics): boolean {
    return metrics.bestLeadTime !== metrics.worstLeadTime;
}

/** Whether a stream's decisions make its typical figures differ from the others (a share of 100% does not). */
export function hasDecisions(metrics: StreamMetrics): boolean {
    return metrics.typicalShare !== 1 || metrics.typicalLeadTime !== metrics.leadTime;
}

/** A stream's figures with the working day its durations are counted in, and the units its totals read in. */
export interface Measured {
    metrics: StreamMetrics;
    workdayHours: number;
    totalsUnits?: TotalsUnits;
}

/** The figures of a stream's headline, by their labels: the code lens, the map's header, the table atop `vstream diff`. */
export const HEADLINE_FIGURES: readonly string[] = ['lead time', 'process time', 'flow efficiency', 'handoffs'];

/** The headline in words: lead time · process time · flow efficiency · handoffs. */
export function headline(measured: Measured): string {
    return `${times(measured, ' · ')} · flow efficiency ${formatShare(measured.metrics.flowEfficiency)} · ${countOf(measured.metrics.handoffs, 'handoff')}`;
}

/** The three figures that say most about a stream, as a phrase: for alt text and screen readers. */
export function summary(measured: Measured): string {
    return `${times(measured, ', ')}, flow efficiency ${formatShare(measured.metrics.flowEfficiency)}`;
}

/** "lead time 23.6 d, process time 188 s", each in its total's unit. */
function times({ metrics, workdayHours, totalsUnits }: Measured, separator: string): string {
    return [
        `lead time ${formatTotal(metrics.leadTime, workdayHours, totalsUnits?.leadTime)}`,
        `process time ${formatTotal(metrics.processTime, workdayHours, totalsUnits?.processTime)}`
    ].join(separator);
}

export interface ComparedFigure {
    label: string;
    value: string;
    before?: string;
    /** "−53 h", "+20.4 pts", "±0 h". */
    change?: string;
    verdict?: 'better' | 'worse' | 'same';
}

/** A figure's change as the tables write it: "−53 h (better)", "+10 pts" (no verdict), or nothing. */
export function changeWords({ change, verdict }: Pick<ComparedFigure, 'change' | 'verdict'>): string {
    return change ? `${change}${verdict ? ` (${verdict})` : ''}` : '';
}

/** Every figure of a stream, with the change from `baseline` (the stream it improves) when there is one. */
export function compareFigures(measured: Measured, baseline?: Measured): ComparedFigure[] {
    const { metrics } = measured;
    const shown = STREAM_FIGURES.filter(
        figure => (figure.shown?.(metrics) ?? true) || (baseline && figure.shown?.(baseline.metrics))
    );
    return shown.map(figure => {
        const value = figure.value(metrics);
        const compared: ComparedFigure = {
            label: figure.label,
            value: value === null ? NOT_DEFINED : figure.format(value, measured)
        };
        const before = baseline && figure.value(baseline.metrics);
        if (before === undefined) {
            return compared;
        }
        if (before === null) {
            compared.before = NOT_DEFINED;
            return compared;
        }
        compared.before = figure.format(before, baseline!);
        if (value === null) {
            return compared;
        }
        const delta = value - before;
        const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
        compared.change = `${sign}${figure.formatChange(Math.abs(delta), measured)}`;
        if (figure.lowerIsBetter !== undefined) {
            compared.verdict = delta === 0 ? 'same' : delta < 0 === figure.lowerIsBetter ? 'better' : 'worse';
        }
        if (figure.total) {
            const { workdayHours } = measured;
            const [earlier, later, change] = formatDurationsAlike(
                [
                    { hours: before, workdayHours: baseline!.workdayHours },
                    { hours: value, workdayHours },
                    { hours: Math.abs(delta), workdayHours }
                ],
                2,
                measured.totalsUnits?.[figure.total]
            );
            Object.assign(compared, { before: earlier, value: later, change: `${sign}${change}` });
        }
        return compared;
    });
}

/** A forecast's percentiles of the lead time, in hours. */
export interface Percentiles {
    p50: number;
    p85: number;
    p95: number;
}

/** "p50 9 d · p85 12 d · p95 14.5 d": the forecast's lead time as the code lens, the hover and the map read it. */
export function percentilesLine({ p50, p85, p95 }: Percentiles, workdayHours: number): string {
    return `p50 ${formatDuration(p50, workdayHours)} · p85 ${formatDuration(p85, workdayHours)} · p95 ${formatDuration(p95, workdayHours)}`;
}

/** How often a step was on the longest path: "critical 62%", "never critical". */
export function criticalityLabel(share: number): string {
    return share === 0 ? 'never critical' : `critical ${formatPercent(share)}`;
}

/** How often a step existed in the forecast's trials (a way of a decision): "reached 20%", "never reached". */
export function reachedLabel(share: number): string {
    return share === 0 ? 'never reached' : `reached ${formatPercent(share)}`;
}

/**
 * A decision in words, the likeliest way first: "Triage decides: 80% go to Answer, 20% to
 * Investigate". The shares are the map's own (every edge of a decision has one); `name` writes
 * a step as the caller's medium needs it (escaped for Markdown, as it is for SVG text).
 */
export function decisionWords(
    model: Pick<StreamModel, 'steps' | 'edges'>,
    decision: DecisionModel,
    name: (step: StepModel) => string
): string {
    const ways = waysOf(model, decision).map(
        (way, index) => `${formatPercent(way.share)} ${index === 0 ? 'go to' : 'to'} ${name(way.to)}`
    );
    return `${name(model.steps[decision.step])} decides: ${ways.join(', ')}`;
}

/** A decision's ways as people read them: the likeliest first, equal shares in the order the map declares them. */
export function waysOf(
    model: Pick<StreamModel, 'steps' | 'edges'>,
    decision: DecisionModel
): Array<{ to: StepModel; share: number }> {
    return decision.edges
        .map(edge => model.edges[edge])
        .map(edge => ({ to: model.steps[edge.to], share: edge.share! }))
        .sort((a, b) => b.share - a.share);
}
