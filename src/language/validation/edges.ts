/**
 * Handoffs, flows and rework: an edge from a step to itself, ownership that changes with
 * nobody accountable or nothing said, what a handoff carries and how complete it arrives, a
 * rework without a rate.
 */
import type { ValidationAcceptor } from 'langium';
import { edgeHeaderRange, flowLinks, handoffLinks, stepOwner, type FlowLink } from '../../analysis/build-model.js';
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
    const links = handoffLinks(handoff);
    for (const link of links) {
        checkHandoffLink(handoff, link, accept);
    }
    const name = links.length > 0 ? handoffName(handoff) : '?';
    const range = edgeHeaderRange(handoff);
    const target = nameOf(links.at(-1)?.target);
    if (!handoff.clauses.some(ast.isCarriesClause)) {
        report(
            accept,
            DiagnosticCodes.handoffCarriesNothing,
            `Handoff ${name} does not say what it carries: add \`carries "…"\` with the context '${target}' needs.`,
            { node: handoff, range }
        );
    }
    const complete = parsePercentage(handoff.clauses.find(ast.isCompleteClause)?.percentage);
    if (complete?.hasPercentSign && complete.value < 100) {
        report(
            accept,
            DiagnosticCodes.incompleteHandoff,
            `Handoff ${name} arrives ${complete.value}% complete and accurate: ${Number((100 - complete.value).toFixed(2))}% of what '${target}' receives has to be chased or fixed.`,
            { node: handoff, range }
        );
    }
}

/** `a -> b`, or `a -> b -> c` for a chain. */
function handoffName(handoff: ast.Handoff): string {
    return [handoff.source, handoff.target, ...(handoff.onward ?? [])].map(nameOf).join(' -> ');
}

/** One link of a handoff (a chain has several): a step to itself, and who is accountable. */
function checkHandoffLink(handoff: ast.Handoff, link: FlowLink, accept: ValidationAcceptor): void {
    if (sameStep(link.source, link.target)) {
        report(
            accept,
            DiagnosticCodes.selfHandoff,
            `Handoff ${nameOf(link.source)} -> ${nameOf(link.target)} goes from step '${nameOf(link.source)}' to itself: point it at the next step, or use \`rework\` for work that is redone.`,
            { node: handoff, range: link.range }
        );
        return;
    }
    const source = link.source.ref,
        target = link.target.ref;
    if (source && target) {
        checkHandoffOwners(handoff, source, target, link.range, accept);
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
    const body = flowBody(flow);
    // A flow's body holds its share in a decision, and nothing else.
    if (body && (flow.clauses.length === 0 || !flow.clauses.every(ast.isShareClause))) {
        const header = flow.steps.map(nameOf).join(' -> ');
        report(
            accept,
            DiagnosticCodes.flowWithBody,
            `A \`flow\`'s body holds only a \`share\`: only a \`handoff\` carries more (carries, via, wait, complete, owner). Write \`handoff ${header} { … }\` to give this link its data.`,
            { node: flow, range: body }
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
    for (const share of rework.clauses.filter(ast.isShareClause)) {
        report(
            accept,
            DiagnosticCodes.shareOnRework,
            `A rework has no share: the work that goes back from '${nameOf(rework.source)}' does so at its rate. ${rework.clauses.some(ast.isRateClause) ? 'Remove the share.' : `Write \`rate ${share.percentage}\`.`}`,
            { node: share }
        );
    }
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
