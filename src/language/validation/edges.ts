/**
 * Handoffs, flows and rework: an edge from a step to itself, ownership that changes with
 * nobody accountable or nothing said, what a handoff carries and how complete it arrives, a
 * rework without a rate.
 */
import type { ValidationAcceptor } from 'langium';
import { edgeHeaderRange, flowLinks, stepOwner } from '../../analysis/build-model.js';
import type { SourceRange } from '../../analysis/stream-model.js';
import { parsePercentage } from '../../analysis/quantities.js';
import { GrammarUtils } from 'langium';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { nameOf, report, sameStep, type CheckSet } from './checks.js';

export const edgeChecks: CheckSet = {
    Handoff: [checkHandoff],
    Flow: [checkFlow],
    Rework: [checkRework]
};

function checkHandoff(handoff: ast.Handoff, accept: ValidationAcceptor): void {
    const name = `${nameOf(handoff.source)} -> ${nameOf(handoff.target)}`;
    const range = edgeHeaderRange(handoff);
    if (sameStep(handoff.source, handoff.target)) {
        report(
            accept,
            DiagnosticCodes.selfHandoff,
            `Handoff ${name} goes from step '${nameOf(handoff.source)}' to itself: point it at the next step, or use \`rework\` for work that is redone.`,
            { node: handoff, range }
        );
        return;
    }
    const source = handoff.source?.ref,
        target = handoff.target?.ref;
    if (source && target) {
        checkHandoffOwners(handoff, source, target, range, accept);
    }
    if (!handoff.clauses.some(ast.isCarriesClause)) {
        report(
            accept,
            DiagnosticCodes.handoffCarriesNothing,
            `Handoff ${name} does not say what it carries: add \`carries "…"\` with the context '${nameOf(handoff.target)}' needs.`,
            { node: handoff, range }
        );
    }
    const complete = parsePercentage(handoff.clauses.find(ast.isCompleteClause)?.percentage);
    if (complete?.hasPercentSign && complete.value < 100) {
        report(
            accept,
            DiagnosticCodes.incompleteHandoff,
            `Handoff ${name} arrives ${complete.value}% complete and accurate: ${Number((100 - complete.value).toFixed(2))}% of what '${nameOf(handoff.target)}' receives has to be chased or fixed.`,
            { node: handoff, range }
        );
    }
}

function checkHandoffOwners(
    handoff: ast.Handoff,
    source: ast.Step,
    target: ast.Step,
    range: SourceRange | undefined,
    accept: ValidationAcceptor
): void {
    const sourceOwner = stepOwner(source),
        targetOwner = stepOwner(target);
    const name = `${source.name} -> ${target.name}`;
    if (!handoff.clauses.some(ast.isOwnerClause) && (!sourceOwner || !targetOwner)) {
        const unowned = [sourceOwner ? undefined : `'${source.name}'`, targetOwner ? undefined : `'${target.name}'`]
            .filter(Boolean)
            .join(' and ');
        report(
            accept,
            DiagnosticCodes.handoffWithoutOwner,
            `Nobody is accountable for handoff ${name}: step ${unowned} ${unowned.includes(' and ') ? 'have' : 'has'} no owner. Add \`owner TEAM\` to the handoff or to the step.`,
            { node: handoff, range }
        );
    }
    if (sourceOwner && targetOwner && sourceOwner === targetOwner) {
        report(
            accept,
            DiagnosticCodes.sameOwnerHandoff,
            `Handoff ${name} stays within team '${sourceOwner.name}': if ownership does not change, \`flow ${name}\` says so.`,
            { node: handoff, range }
        );
    }
}

function checkFlow(flow: ast.Flow, accept: ValidationAcceptor): void {
    if (flowBody(flow)) {
        const header = flow.steps.map(nameOf).join(' -> ');
        report(
            accept,
            DiagnosticCodes.flowWithBody,
            `A \`flow\` has no body: only a \`handoff\` carries one (carries, via, wait, complete, owner). Write \`handoff ${header} { … }\` to give this link its data.`,
            { node: flow, range: flowBody(flow) }
        );
    }
    for (const link of flowLinks(flow)) {
        const name = `${nameOf(link.source)} -> ${nameOf(link.target)}`;
        if (sameStep(link.source, link.target)) {
            report(
                accept,
                DiagnosticCodes.selfHandoff,
                `Flow ${name} goes from step '${nameOf(link.source)}' to itself: point it at the next step, or use \`rework\` for work that is redone.`,
                { node: flow, range: link.range }
            );
            continue;
        }
        const sourceOwner = link.source.ref && stepOwner(link.source.ref);
        const targetOwner = link.target.ref && stepOwner(link.target.ref);
        if (sourceOwner && targetOwner && sourceOwner !== targetOwner) {
            report(
                accept,
                DiagnosticCodes.undeclaredHandoff,
                `Work passes from ${sourceOwner.name} to ${targetOwner.name} in flow ${name} with nothing said about it: declare \`handoff ${name} { carries "…" }\`.`,
                { node: flow, range: link.range }
            );
        }
    }
}

/** A rework may send a step back to itself (`rework a -> a`): a loop of one step, the step repeats. */
function checkRework(rework: ast.Rework, accept: ValidationAcceptor): void {
    const name = `${nameOf(rework.source)} -> ${nameOf(rework.target)}`;
    const range = edgeHeaderRange(rework);
    if (!rework.clauses.some(ast.isRateClause)) {
        report(
            accept,
            DiagnosticCodes.reworkWithoutRate,
            `Rework ${name} has no rate, so its cost is unknown: measure how often work goes back and add \`rate N%\`.`,
            { node: rework, range }
        );
    }
}

/** The braces of a flow's body, when it was written with one. */
function flowBody(flow: ast.Flow): SourceRange | undefined {
    // Nearly every flow has none: its text ends with a step's name, not a brace.
    if (!flow.$cstNode?.text.endsWith('}')) {
        return undefined;
    }
    const open = GrammarUtils.findNodeForKeyword(flow.$cstNode, '{');
    const close = GrammarUtils.findNodeForKeyword(flow.$cstNode, '}');
    return open && { start: open.range.start, end: (close ?? open).range.end };
}
