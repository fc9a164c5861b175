/** Durations, ranges, percentages and counts as written in a .vstream file, turned into working hours, fractions and numbers. */

export const DEFAULT_WORKDAY_HOURS = 8;
export const WORKDAYS_PER_WEEK = 5;

export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w';

/** The units a duration takes, with what they mean, in the order messages list them. */
export const DURATION_UNITS: ReadonlyArray<{ unit: DurationUnit; meaning: string }> = [
    { unit: 's', meaning: 'seconds' },
    { unit: 'm', meaning: 'minutes' },
    { unit: 'h', meaning: 'hours' },
    { unit: 'd', meaning: 'working days' },
    { unit: 'w', meaning: 'working weeks' }
];

export interface ParsedDuration {
    amount: number;
    /** Absent when the text is a bare number, which validation reports. */
    unit?: DurationUnit;
}

const DURATION_TEXT = /^([0-9]+(?:\.[0-9]+)?)([smhdw])?$/;
const PERCENTAGE_TEXT = /^([0-9]+(?:\.[0-9]+)?)(%)?$/;

export function parseDuration(text: string | undefined): ParsedDuration | undefined {
    const match = text === undefined ? null : DURATION_TEXT.exec(text);
    if (!match) {
        return undefined;
    }
    return { amount: Number(match[1]), unit: match[2] as DurationUnit | undefined };
}

/** The parts of a duration as written: one for a fixed duration, two (low..high) or three (low..likely..high) for a range. */
export function parseDurationParts(text: string | undefined): ParsedDuration[] | undefined {
    const parts = text?.split('..').map(parseDuration);
    return parts && parts.length <= 3 && parts.every(part => part !== undefined) ? parts : undefined;
}

/** Working hours of one part of a duration; a bare number counts as nothing (validation reports it). */
export function partHours(part: ParsedDuration, workdayHours: number): number {
    switch (part.unit) {
        case 's':
            return part.amount / 3600;
        case 'm':
            return part.amount / 60;
        case 'h':
            return part.amount;
        case 'd':
            return part.amount * workdayHours;
        case 'w':
            return part.amount * workdayHours * WORKDAYS_PER_WEEK;
        case undefined:
            return 0;
    }
}

/** A time as the map gives it, in working hours: a fixed value is its own low, likely and high. */
export interface TimeSpan {
    low: number;
    /** The figure every metric uses: the middle part, or halfway between the two parts of low..high. */
    likely: number;
    high: number;
    /** A `LOW..HIGH` range: every value between is as likely (the forecast draws it so); a `LOW..LIKELY..HIGH` range peaks at LIKELY. */
    uniform?: true;
    /**
     * The unit each part was written in, in the order written (one, or two or three for a range),
     * so that the time reads as written; absent for a time computed, not written.
     */
    units?: readonly DurationUnit[];
}

export const NO_TIME: TimeSpan = { low: 0, likely: 0, high: 0 };

export function fixedTime(hours: number): TimeSpan {
    return { low: hours, likely: hours, high: hours };
}

/** A duration or a range as working hours, with the units written; unreadable text counts as nothing. */
export function timeSpan(text: string | undefined, workdayHours: number): TimeSpan {
    const parts = parseDurationParts(text);
    if (!parts) {
        return NO_TIME;
    }
    const [low, middle, high] = parts.map(part => partHours(part, workdayHours));
    const span: TimeSpan =
        parts.length === 1
            ? fixedTime(low)
            : parts.length === 2
              ? { low, likely: (low + middle) / 2, high: middle, uniform: true }
              : { low, likely: middle, high };
    const units = parts.map(part => part.unit);
    return units.every(unit => unit !== undefined) ? { ...span, units } : span;
}

/** Working hours in one of a unit. */
export function unitHours(unit: DurationUnit, workdayHours: number): number {
    return partHours({ amount: 1, unit }, workdayHours);
}

/** True when a time is a range rather than one value. */
export function isRange(span: TimeSpan): boolean {
    return span.low !== span.high;
}

/** Times added up; a sum of one time (the others nothing) is that time, as written. */
export function addSpans(spans: TimeSpan[]): TimeSpan {
    const some = spans.filter(span => span.low !== 0 || span.likely !== 0 || span.high !== 0);
    if (some.length === 1) {
        return some[0];
    }
    return some.reduce(
        (total, span) => ({
            low: total.low + span.low,
            likely: total.likely + span.likely,
            high: total.high + span.high
        }),
        NO_TIME
    );
}

/** Working hours of a duration (a range's likely value). */
export function durationHours(text: string | undefined, workdayHours: number): number {
    return timeSpan(text, workdayHours).likely;
}

export interface ParsedPercentage {
    value: number;
    /** False for a bare number without `%`, which validation reports. */
    hasPercentSign: boolean;
}

export function parsePercentage(text: string | undefined): ParsedPercentage | undefined {
    const match = text === undefined ? null : PERCENTAGE_TEXT.exec(text);
    if (!match) {
        return undefined;
    }
    return { value: Number(match[1]), hasPercentSign: match[2] === '%' };
}

/** A decision's share as written, in percent: a percentage with its sign, at most 100; otherwise undefined. */
export function sharePercentage(text: string | undefined): number | undefined {
    const share = parsePercentage(text);
    return share?.hasPercentSign && share.value <= 100 ? share.value : undefined;
}

/** A percentage as a fraction 0–1; values out of range are clamped (validation reports them). */
export function percentageFraction(text: string | undefined, fallback: number): number {
    const percentage = parsePercentage(text);
    if (!percentage?.hasPercentSign) {
        return fallback;
    }
    return Math.min(1, Math.max(0, percentage.value / 100));
}

/** A count of items as written (`inventory 40`, `demand 2.5 per h`), or undefined when it carries a unit. */
export function parseCount(text: string | undefined): number | undefined {
    return text !== undefined && /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : undefined;
}

export type DemandPeriod = 'h' | 'd' | 'w';

/** Items per working hour for a demand of `count` per hour, day or week. */
export function itemsPerHour(count: number, period: DemandPeriod, workdayHours: number): number {
    return period === 'h' ? count : period === 'd' ? count / workdayHours : count / (workdayHours * WORKDAYS_PER_WEEK);
}
