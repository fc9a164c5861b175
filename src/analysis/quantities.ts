/** Durations and percentages as written in a .vstream file, turned into working hours and fractions. */

export const DEFAULT_WORKDAY_HOURS = 8;
export const WORKDAYS_PER_WEEK = 5;

export type DurationUnit = 'm' | 'h' | 'd' | 'w';

export interface ParsedDuration {
    amount: number;
    /** Absent when the text is a bare number, which validation reports. */
    unit?: DurationUnit;
}

const DURATION_TEXT = /^([0-9]+(?:\.[0-9]+)?)([mhdw])?$/;
const PERCENTAGE_TEXT = /^([0-9]+(?:\.[0-9]+)?)(%)?$/;

export function parseDuration(text: string | undefined): ParsedDuration | undefined {
    const match = text === undefined ? null : DURATION_TEXT.exec(text);
    if (!match) {
        return undefined;
    }
    return { amount: Number(match[1]), unit: match[2] as DurationUnit | undefined };
}

/** Working hours of a duration; a bare number or unreadable text counts as nothing. */
export function durationHours(text: string | undefined, workdayHours: number): number {
    const duration = parseDuration(text);
    if (!duration?.unit) {
        return 0;
    }
    switch (duration.unit) {
        case 'm':
            return duration.amount / 60;
        case 'h':
            return duration.amount;
        case 'd':
            return duration.amount * workdayHours;
        case 'w':
            return duration.amount * workdayHours * WORKDAYS_PER_WEEK;
    }
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

/** A percentage as a fraction 0–1; values out of range are clamped (validation reports them). */
export function percentageFraction(text: string | undefined, fallback: number): number {
    const percentage = parsePercentage(text);
    if (!percentage?.hasPercentSign) {
        return fallback;
    }
    return Math.min(1, Math.max(0, percentage.value / 100));
}
