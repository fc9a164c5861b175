/**
 * Decisions: the outgoing edges of a step either all carry a `share` (each item takes one of
 * them) or none does (each item takes them all), and the shares of a decision add up to 100%.
 */
import type { ValidationAcceptor } from 'langium';
import { outgoingLinks, type OutgoingLink } from '../../analysis/build-model.js';
import { sharePercentage } from '../../analysis/quantities.js';
import type * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { report, type CheckSet } from './checks.js';

/** Shares add up when their sum is within this many percentage points of 100 (and the sum's rounding error). */
export const SHARE_SUM_TOLERANCE = 0.01 + 1e-9;

export const decisionChecks: CheckSet = {
    Stream: [checkDecisions]
};

function checkDecisions(stream: ast.Stream, accept: ValidationAcceptor): void {
    for (const [step, links] of outgoingLinks(stream.members)) {
        const shared = links.filter(link => link.share !== undefined);
        if (shared.length === 0) {
            continue;
        }
        if (shared.length < links.length) {
            reportMixedShares(step, links, accept);
        } else {
            checkSum(step, links, accept);
        }
    }
}

function reportMixedShares(step: ast.Step, links: OutgoingLink[], accept: ValidationAcceptor): void {
    const names = (some: OutgoingLink[]) => some.map(link => link.name).join(', ');
    const without = links.filter(link => link.share === undefined);
    report(
        accept,
        DiagnosticCodes.mixedShares,
        `Step '${step.name}' gives a share to ${names(links.filter(link => link.share !== undefined))} but not to ${names(without)}: give every edge leaving it a share (a decision: each item takes one of them) or none (parallel: each item takes them all).`,
        { node: step, property: 'name' }
    );
}

/** A share that is not a valid percentage is reported as such; the sum waits until every share reads. */
function checkSum(step: ast.Step, links: OutgoingLink[], accept: ValidationAcceptor): void {
    const values = links.map(link => sharePercentage(link.share));
    if (values.some(value => value === undefined)) {
        return;
    }
    const sum = values.reduce((total: number, value) => total + value!, 0);
    if (Math.abs(sum - 100) <= SHARE_SUM_TOLERANCE) {
        return;
    }
    const parts = links.map(link => `${link.name} ${link.share}`).join(', ');
    report(
        accept,
        DiagnosticCodes.sharesDoNotAddUp,
        links.length === 1
            ? `The one edge leaving step '${step.name}' has a share of ${`${Number(sum.toFixed(2))}%`}: every item leaves by it, so its share is 100% (or remove it).`
            : `The shares of the edges leaving step '${step.name}' add up to ${`${Number(sum.toFixed(2))}%`}, not 100% (${parts}): each item leaves by exactly one of them.`,
        { node: step, property: 'name' }
    );
}
