/** Durations and percentages as written: a unit or a percent sign missing, a share above 100%, a working day that cannot be. */
import type { ValidationAcceptor } from 'langium';
import { parseDuration, parsePercentage } from '../../analysis/quantities.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { report, type CheckSet } from './checks.js';

export const quantityChecks: CheckSet = {
    ProcessClause: [checkDuration],
    StepWait: [checkDuration],
    EdgeWait: [checkDuration],
    Workday: [checkWorkday],
    CompleteClause: [checkPercentage],
    RateClause: [checkPercentage]
};

function checkDuration(clause: ast.ProcessClause | ast.StepWait | ast.EdgeWait, accept: ValidationAcceptor): void {
    const duration = parseDuration(clause.duration);
    if (duration && !duration.unit) {
        report(
            accept,
            DiagnosticCodes.invalidDuration,
            `The duration ${clause.duration} has no unit: write ${clause.duration}m, ${clause.duration}h, ${clause.duration}d or ${clause.duration}w.`,
            { node: clause, property: 'duration' }
        );
    }
}

function checkWorkday(workday: ast.Workday, accept: ValidationAcceptor): void {
    const length = parseDuration(workday.length);
    if (!length) {
        return;
    }
    const hours = length.unit === 'h' ? length.amount : length.unit === 'm' ? length.amount / 60 : undefined;
    if (hours === undefined || hours <= 0 || hours > 24) {
        report(
            accept,
            DiagnosticCodes.invalidDuration,
            `A working day of ${workday.length} is not possible: give its length in hours (or minutes), more than 0h and at most 24h, as in \`workday 7.5h\`.`,
            { node: workday, property: 'length' }
        );
    }
}

function checkPercentage(clause: ast.CompleteClause | ast.RateClause, accept: ValidationAcceptor): void {
    const percentage = parsePercentage(clause.percentage);
    if (!percentage) {
        return;
    }
    const keyword = ast.isRateClause(clause) ? 'rate' : 'complete';
    if (!percentage.hasPercentSign) {
        report(
            accept,
            DiagnosticCodes.invalidPercentage,
            `\`${keyword} ${clause.percentage}\` needs a percent sign: write ${clause.percentage}%.`,
            { node: clause, property: 'percentage' }
        );
    } else if (percentage.value > 100) {
        report(
            accept,
            DiagnosticCodes.invalidPercentage,
            `${clause.percentage} is above 100%: a ${keyword === 'rate' ? 'rework rate' : '%C&A'} is a share between 0% and 100%.`,
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
