/**
 * Findings: the map's answers to the five questions of a value stream review, ranked so the
 * biggest problem of each kind comes first.
 */
import { countOf, formatDuration, formatPercent } from './figures.js';
import type { Finding, FlowEdgeModel, Party, StepModel, StreamModel } from './stream-model.js';

/** Enough to act on; the rest are summed up in one more finding. */
const MOST_PER_QUESTION = 5;

export function buildFindings(model: StreamModel): Finding[] {
    return [
        ...waitFindings(model),
        ...contextFindings(model),
        ...reworkFindings(model),
        ...confusionFindings(model),
        ...outsideControlFindings(model)
    ];
}

function stepLabel(step: StepModel): string {
    return step.title ?? step.name;
}

function partyLabel(party: Party): string {
    return party.title ?? party.name;
}

function edgeLabel(model: StreamModel, edge: { from: number; to: number }): string {
    return `${stepLabel(model.steps[edge.from])} → ${stepLabel(model.steps[edge.to])}`;
}

function edgeSteps(model: StreamModel, edge: { from: number; to: number }): string[] {
    return [model.steps[edge.from].name, model.steps[edge.to].name];
}

type Ranked = Finding & { rank: number };

/** The top findings by rank, and one line summing up the rest. */
function mostImportant(ranked: Ranked[], summarise: (rest: Ranked[]) => string): Finding[] {
    const sorted = [...ranked].sort((a, b) => b.rank - a.rank);
    const shown: Finding[] = sorted.slice(0, MOST_PER_QUESTION).map(({ rank: _rank, ...finding }) => finding);
    const rest = sorted.slice(MOST_PER_QUESTION);
    if (rest.length > 0) {
        shown.push({
            question: sorted[0].question,
            message: summarise(rest),
            steps: rest.flatMap(finding => finding.steps)
        });
    }
    return shown;
}

function totalHours(findings: Finding[]): number {
    return findings.reduce((total, finding) => total + (finding.hours ?? 0), 0);
}

function waitFindings(model: StreamModel): Finding[] {
    const { leadTime, processTime } = model.metrics;
    const share = (hours: number) => (leadTime > 0 ? ` (${formatPercent(hours / leadTime)} of the lead time)` : '');
    const onCriticalPath = new Set(model.criticalPath);
    const stepWaits: Ranked[] = model.steps
        .filter(step => step.waitTime > 0)
        .map(step => ({
            question: 'waits',
            message: `${stepLabel(step)} waits ${formatDuration(step.waitTime, model.workdayHours)} before it starts${onCriticalPath.has(step.index) ? share(step.waitTime) : ', off the critical path'}.`,
            steps: [step.name],
            hours: step.waitTime,
            range: step.nameRange,
            rank: step.waitTime + (onCriticalPath.has(step.index) ? leadTime : 0)
        }));
    const criticalEdges = new Set(model.criticalEdges);
    const edgeWaits: Ranked[] = model.edges
        .filter(edge => edge.waitTime > 0)
        .map(edge => ({
            question: 'waits',
            message: `Work waits ${formatDuration(edge.waitTime, model.workdayHours)} in the ${edge.kind} ${edgeLabel(model, edge)}${criticalEdges.has(edge.index) ? share(edge.waitTime) : ''}.`,
            steps: edgeSteps(model, edge),
            hours: edge.waitTime,
            range: edge.range,
            rank: edge.waitTime + (criticalEdges.has(edge.index) ? leadTime : 0)
        }));
    const waiting = leadTime - processTime;
    const summary: Finding[] =
        waiting > 0
            ? [
                  {
                      question: 'waits',
                      message: `Work waits ${formatDuration(waiting, model.workdayHours)} of the ${formatDuration(leadTime, model.workdayHours)} lead time on the critical path (${formatPercent(waiting / leadTime)}).`,
                      steps: [],
                      hours: waiting
                  }
              ]
            : [];
    return [
        ...summary,
        ...mostImportant(
            [...stepWaits, ...edgeWaits],
            rest =>
                `${countOf(rest.length, 'more wait')} ${rest.length === 1 ? 'adds' : 'add'} up to ${formatDuration(totalHours(rest), model.workdayHours)}.`
        )
    ];
}

function contextFindings(model: StreamModel): Finding[] {
    const incompleteEdges: Ranked[] = model.edges
        .filter(edge => edge.completeAccurate < 1)
        .map(edge => ({
            question: 'context',
            message: `Only ${formatPercent(edge.completeAccurate)} of what arrives through ${edgeLabel(model, edge)} is complete and accurate; the rest is chased or fixed downstream.`,
            steps: edgeSteps(model, edge),
            range: edge.range,
            rank: 1 - edge.completeAccurate
        }));
    const incompleteSteps: Ranked[] = model.steps
        .filter(step => step.completeAccurate < 1)
        .map(step => ({
            question: 'context',
            message: `Only ${formatPercent(step.completeAccurate)} of the output of ${stepLabel(step)} can be used as is by the next step.`,
            steps: [step.name],
            range: step.nameRange,
            rank: 1 - step.completeAccurate
        }));
    const silentHandoffs: Ranked[] = model.edges
        .filter(edge => edge.kind === 'handoff' && edge.carries.length === 0)
        .map(edge => ({
            question: 'context',
            message: `The handoff ${edgeLabel(model, edge)} does not say what it carries: the context the next step needs may arrive late or not at all.`,
            steps: edgeSteps(model, edge),
            range: edge.range,
            rank: 0
        }));
    return mostImportant(
        [...incompleteEdges, ...incompleteSteps, ...silentHandoffs],
        rest => `${countOf(rest.length, 'more place')} where context arrives incomplete or unstated.`
    );
}

function reworkFindings(model: StreamModel): Finding[] {
    const reworks: Ranked[] = model.reworks.map(rework => {
        const label = edgeLabel(model, rework);
        const reason = rework.reason ? ` (${rework.reason})` : '';
        const steps = edgeSteps(model, rework);
        if (rework.rate === undefined) {
            return {
                question: 'rework',
                message: `Work goes back ${label}${reason} at a rate nobody measured: give the rework a rate.`,
                steps,
                range: rework.range,
                rank: 0
            };
        }
        if (rework.loopSteps.length === 0) {
            return {
                question: 'rework',
                message: `Rework ${label}${reason} has no flow path from ${stepLabel(model.steps[rework.to])} to ${stepLabel(model.steps[rework.from])}, so it loops over nothing.`,
                steps,
                range: rework.range,
                rank: 0
            };
        }
        return {
            question: 'rework',
            message: `${formatPercent(rework.rate)} of the work leaving ${stepLabel(model.steps[rework.from])} goes back to ${stepLabel(model.steps[rework.to])}${reason}, repeating ${countOf(rework.loopSteps.length, 'step')}: about ${formatDuration(rework.addedHours, model.workdayHours)} more per item in expectation.`,
            steps,
            hours: rework.addedHours,
            range: rework.range,
            rank: rework.addedHours
        };
    });
    return mostImportant(
        reworks,
        rest =>
            `${countOf(rest.length, 'more rework loop')} ${rest.length === 1 ? 'adds' : 'add'} about ${formatDuration(totalHours(rest), model.workdayHours)}.`
    );
}

function confusionFindings(model: StreamModel): Finding[] {
    const owned = (step: StepModel) => (step.owner ? ` (${partyLabel(step.owner)})` : ' (no owner)');
    const describe = (edge: FlowEdgeModel) =>
        `${stepLabel(model.steps[edge.from])}${owned(model.steps[edge.from])} → ${stepLabel(model.steps[edge.to])}${owned(model.steps[edge.to])}`;
    const unaccountable: Ranked[] = model.edges
        .filter(
            edge =>
                edge.kind === 'handoff' && !edge.owner && (!model.steps[edge.from].owner || !model.steps[edge.to].owner)
        )
        .map(edge => ({
            question: 'confusion',
            message: `Nobody is accountable for the handoff ${describe(edge)}: a side has no owner and the handoff names none.`,
            steps: edgeSteps(model, edge),
            range: edge.range,
            rank: 2
        }));
    const undeclared: Ranked[] = model.edges
        .filter(edge => edge.kind === 'flow' && edge.crossesOwners)
        .map(edge => ({
            question: 'confusion',
            message: `Work changes hands ${describe(edge)} with nothing said about it: declare the handoff and what it carries.`,
            steps: edgeSteps(model, edge),
            range: edge.range,
            rank: 1
        }));
    return mostImportant(
        [...unaccountable, ...undeclared],
        rest => `${countOf(rest.length, 'more handoff')} without an owner or a declaration.`
    );
}

function outsideControlFindings(model: StreamModel): Finding[] {
    const waits: Ranked[] = model.steps.flatMap(step =>
        step.waits
            .filter(wait => wait.outsideControl && wait.cause)
            .map(wait => ({
                question: 'outside-control' as const,
                message: `${stepLabel(step)} waits ${formatDuration(wait.hours, model.workdayHours)} on ${wait.cause!.kind} ${partyLabel(wait.cause!)}, outside the control of ${step.owner ? partyLabel(step.owner) : 'its (missing) owner'}.`,
                steps: [step.name],
                hours: wait.hours,
                range: wait.range,
                rank: wait.hours
            }))
    );
    const total = model.metrics.waitOutsideControl;
    const summary: Finding[] =
        waits.length > 1
            ? [
                  {
                      question: 'outside-control',
                      message: `${formatDuration(total, model.workdayHours)} of waiting sits outside the step owners' control.`,
                      steps: [],
                      hours: total
                  }
              ]
            : [];
    return [
        ...summary,
        ...mostImportant(
            waits,
            rest =>
                `${countOf(rest.length, 'more wait')} on others ${rest.length === 1 ? 'adds' : 'add'} up to ${formatDuration(totalHours(rest), model.workdayHours)}.`
        )
    ];
}
