/** What a body says, and what a stream must say: clauses given twice, and the identification card. */
import type { ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { nameOf, report, type CheckSet } from './checks.js';
import { LAYOUT_NAMES } from '../../analysis/stream-model.js';

type Clause = ast.StepClause | ast.HandoffClause | ast.ReworkClause | ast.StreamProperty;

const CLAUSE_KEYWORD: Record<Clause['$type'], string> = {
    OwnerClause: 'owner',
    ProcessClause: 'process',
    StepWait: 'wait',
    CompleteClause: 'complete',
    UsesClause: 'uses',
    CarriesClause: 'carries',
    ViaClause: 'via',
    EdgeWait: 'wait',
    RateClause: 'rate',
    ShareClause: 'share',
    ReasonClause: 'reason',
    Recipient: 'recipient',
    StartPoint: 'start',
    EndPoint: 'end',
    Measure: 'measure',
    Workday: 'workday',
    Demand: 'demand',
    Target: 'target',
    Done: 'done',
    LayoutChoice: 'layout',
    InventoryClause: 'inventory',
    StatusClause: 'status',
    QueueClause: 'queue'
};

export const clauseChecks: CheckSet = {
    Stream: [
        (stream, accept) =>
            checkDuplicateClauses(stream.members.filter(ast.isStreamProperty), `stream '${stream.name}'`, accept),
        checkIdentification,
        checkInventoryHasDemand
    ],
    LayoutChoice: [checkLayoutName],
    // A step may wait for several reasons; every other clause says one thing once.
    Step: [(step, accept) => checkDuplicateClauses(step.clauses, `step '${step.name}'`, accept, ['StepWait'])],
    Handoff: [
        (handoff, accept) =>
            checkDuplicateClauses(
                handoff.clauses,
                `handoff ${nameOf(handoff.source)} -> ${nameOf(handoff.target)}`,
                accept
            )
    ],
    Flow: [
        (flow, accept) => checkDuplicateClauses(flow.clauses, `flow ${flow.steps.map(nameOf).join(' -> ')}`, accept)
    ],
    Rework: [
        (rework, accept) =>
            checkDuplicateClauses(rework.clauses, `rework ${nameOf(rework.source)} -> ${nameOf(rework.target)}`, accept)
    ]
};

function checkDuplicateClauses(
    clauses: Clause[],
    owner: string,
    accept: ValidationAcceptor,
    repeatable: ReadonlyArray<Clause['$type']> = []
): void {
    const seen = new Set<string>();
    for (const clause of clauses) {
        if (repeatable.includes(clause.$type)) {
            continue;
        }
        if (seen.has(clause.$type)) {
            report(
                accept,
                DiagnosticCodes.duplicateProperty,
                `\`${CLAUSE_KEYWORD[clause.$type]}\` is given twice for ${owner}: keep one and remove this repeat.`,
                { node: clause }
            );
        }
        seen.add(clause.$type);
    }
}

function checkIdentification(stream: ast.Stream, accept: ValidationAcceptor): void {
    const missing = [
        stream.members.some(ast.isRecipient) ? undefined : 'recipient',
        stream.members.some(ast.isStartPoint) ? undefined : 'start',
        stream.members.some(ast.isEndPoint) ? undefined : 'end'
    ].filter((field): field is string => field !== undefined);
    if (missing.length > 0) {
        report(
            accept,
            DiagnosticCodes.missingIdentification,
            `Stream '${stream.name}' does not say ${missing.map(field => `\`${field}\``).join(', ')}: add ${missing.map(field => `${field} "…"`).join(', ')} so the map says who receives the value and where the stream begins and ends.`,
            { node: stream, property: 'name' }
        );
    }
}

/** Without a demand, inventory cannot be turned into waiting time (Little's law): it counts for nothing. */
function checkInventoryHasDemand(stream: ast.Stream, accept: ValidationAcceptor): void {
    if (stream.members.some(ast.isDemand)) {
        return;
    }
    for (const step of stream.members.filter(ast.isStep)) {
        for (const inventory of step.clauses.filter(ast.isInventoryClause)) {
            report(
                accept,
                DiagnosticCodes.inventoryWithoutDemand,
                `The inventory of step '${step.name}' adds no waiting time: stream '${stream.name}' gives no demand. Add \`demand N per d\` (items arriving per working day) and ${inventory.count} items in front of '${step.name}' wait ${inventory.count} / N days.`,
                { node: inventory }
            );
        }
    }
}

/** A layout the map does not know is drawn in lanes, and said so. */
function checkLayoutName(choice: ast.LayoutChoice, accept: ValidationAcceptor): void {
    if (choice.kind && !(LAYOUT_NAMES as readonly string[]).includes(choice.kind)) {
        report(
            accept,
            DiagnosticCodes.unknownLayout,
            `There is no layout '${choice.kind}': write \`layout lanes\` (a lane per team, the default) or \`layout classic\` (the map of Learning to See).`,
            { node: choice, property: 'kind' }
        );
    }
}
