/**
 * Durations, ranges, percentages and counts as written: a unit or a percent sign missing, a
 * range out of order, a share above 100%, a working day that cannot be, a count that is not a
 * number of items, a demand not per hour, day or week.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { streamWorkdayHours } from '../../analysis/build-model.js';
import {
    DEFAULT_WORKDAY_HOURS,
    DURATION_UNITS,
    parseCount,
    parseDuration,
    parseDurationParts,
    partHours,
    parsePercentage,
    type ParsedDuration
} from '../../analysis/quantities.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { report, type CheckSet } from './checks.js';

type TimedClause = ast.ProcessClause | ast.StepWait | ast.EdgeWait | ast.Target;

export const quantityChecks: CheckSet = {
    ProcessClause: [checkDuration],
    StepWait: [checkDuration],
    EdgeWait: [checkDuration],
    Target: [checkDuration, checkOneDuration],
    Workday: [checkWorkday],
    CompleteClause: [checkPercentage],
    RateClause: [checkPercentage],
    ShareClause: [checkPercentage],
    InventoryClause: [checkInventory],
    Demand: [checkDemand]
};

/** "39s, 39m, 39h, 39d or 39w (seconds, minutes, hours, working days or working weeks)". */
export function withEachUnit(amount: string): string {
    const written = DURATION_UNITS.map(({ unit }) => `${amount}${unit}`);
    const meanings = DURATION_UNITS.map(({ meaning }) => meaning);
    return `${written.slice(0, -1).join(', ')} or ${written.at(-1)} (${meanings.slice(0, -1).join(', ')} or ${meanings.at(-1)})`;
}

function checkDuration(clause: TimedClause, accept: ValidationAcceptor): void {
    const parts = parseDurationParts(clause.duration);
    if (!parts) {
        return;
    }
    const missing = parts.find(part => !part.unit);
    if (missing) {
        const what =
            parts.length === 1
                ? `The duration ${clause.duration}`
                : `The part ${missing.amount} of the range ${clause.duration}`;
        report(
            accept,
            DiagnosticCodes.invalidDuration,
            `${what} has no unit: write ${withEachUnit(String(missing.amount))}.`,
            {
                node: clause,
                property: 'duration'
            }
        );
        return;
    }
    checkRangeOrder(clause, parts, accept);
}

/** LOW ≤ LIKELY ≤ HIGH, compared in hours of the stream's working day (`4h..1d` is in order in an 8-hour day). */
function checkRangeOrder(clause: TimedClause, parts: ParsedDuration[], accept: ValidationAcceptor): void {
    if (parts.length < 2) {
        return;
    }
    const hours = parts.map(part => partHours(part, workdayOf(clause)));
    const outOfOrder = hours.some((value, index) => index > 0 && value < hours[index - 1]);
    if (outOfOrder) {
        const order = parts.length === 2 ? 'LOW..HIGH' : 'LOW..LIKELY..HIGH';
        report(
            accept,
            DiagnosticCodes.invalidRange,
            `The range ${clause.duration} is not in order: write it ${order}, each part at least the one before it.`,
            { node: clause, property: 'duration' }
        );
    }
}

/** The working day of the clause's stream, found once per stream and validation: a stream may have thousands of ranges. */
const workdays = new WeakMap<ast.StreamMember[], number>();

function workdayOf(clause: TimedClause): number {
    const members = AstUtils.getContainerOfType(clause, ast.isStream)?.members;
    if (!members) {
        return DEFAULT_WORKDAY_HOURS;
    }
    let hours = workdays.get(members);
    if (hours === undefined) {
        hours = streamWorkdayHours(members);
        workdays.set(members, hours);
    }
    return hours;
}

/** A target is the one lead time the stream should reach, not a range. */
function checkOneDuration(target: ast.Target, accept: ValidationAcceptor): void {
    if ((parseDurationParts(target.duration)?.length ?? 1) > 1) {
        report(
            accept,
            DiagnosticCodes.invalidDuration,
            `A target is one duration, not a range: write the lead time to reach, as in \`target 5d\`.`,
            {
                node: target,
                property: 'duration'
            }
        );
    }
}

function checkWorkday(workday: ast.Workday, accept: ValidationAcceptor): void {
    const length = parseDuration(workday.length);
    const hours = length?.unit === 'h' ? length.amount : length?.unit === 'm' ? length.amount / 60 : undefined;
    if (hours === undefined || hours <= 0 || hours > 24) {
        report(
            accept,
            DiagnosticCodes.invalidDuration,
            `A working day of ${workday.length} is not possible: give its length in hours (or minutes), more than 0h and at most 24h, as in \`workday 7.5h\`.`,
            { node: workday, property: 'length' }
        );
    }
}

const PERCENTAGE_MEANING = { rate: 'rework rate', complete: '%C&A', share: 'share of a decision' } as const;

function checkPercentage(
    clause: ast.CompleteClause | ast.RateClause | ast.ShareClause,
    accept: ValidationAcceptor
): void {
    const percentage = parsePercentage(clause.percentage);
    if (!percentage) {
        return;
    }
    const keyword = ast.isRateClause(clause) ? 'rate' : ast.isShareClause(clause) ? 'share' : 'complete';
    if (!percentage.hasPercentSign) {
        report(
            accept,
            DiagnosticCodes.invalidPercentage,
            missingPercentSign(keyword, percentage.value, clause.percentage),
            {
                node: clause,
                property: 'percentage'
            }
        );
    } else if (percentage.value > 100) {
        report(
            accept,
            DiagnosticCodes.invalidPercentage,
            `${clause.percentage} is above 100%: a ${PERCENTAGE_MEANING[keyword]} is a percentage between 0% and 100%.`,
            { node: clause, property: 'percentage' }
        );
    } else if (keyword === 'rate' && percentage.value === 100) {
        report(
            accept,
            DiagnosticCodes.invalidPercentage,
            `A rework rate of 100% means the work never gets through: give the share that goes back, below 100%.`,
            { node: clause, property: 'percentage' }
        );
    }
}

/** A number at most 1 is a fraction, as other tools store shares: 0.8 means 80%. */
export function percentageFor(value: number): string {
    return value <= 1 ? `${Number((value * 100).toFixed(4))}%` : `${value}%`;
}

function missingPercentSign(keyword: string, value: number, written: string): string {
    return value <= 1
        ? `\`${keyword} ${written}\` reads as a fraction: a percentage is written with %, here ${percentageFor(value)}.`
        : `\`${keyword} ${written}\` needs a percent sign: write ${percentageFor(value)}.`;
}

function checkInventory(clause: ast.InventoryClause, accept: ValidationAcceptor): void {
    const items = parseCount(clause.count);
    if (items === undefined) {
        report(
            accept,
            DiagnosticCodes.invalidCount,
            `An inventory counts items and has no unit: write \`inventory ${clause.count.replace(/[^0-9.]/g, '')}\`.`,
            {
                node: clause,
                property: 'count'
            }
        );
    } else if (!Number.isInteger(items)) {
        report(
            accept,
            DiagnosticCodes.invalidCount,
            `An inventory counts whole items: write \`inventory ${Math.round(items)}\`.`,
            {
                node: clause,
                property: 'count'
            }
        );
    }
}

function checkDemand(demand: ast.Demand, accept: ValidationAcceptor): void {
    const count = parseCount(demand.count);
    if (count === undefined || count <= 0) {
        report(
            accept,
            DiagnosticCodes.invalidCount,
            `A demand is the number of items that arrive per working hour, day or week, more than 0: write \`demand 20 per d\`.`,
            { node: demand, property: 'count' }
        );
    }
    if (demand.period && !['h', 'd', 'w'].includes(demand.period)) {
        report(
            accept,
            DiagnosticCodes.invalidCount,
            `A demand is per h, d or w (working hour, day or week), not per '${demand.period}': write \`demand ${demand.count} per d\`.`,
            { node: demand, property: 'period' }
        );
    }
}
