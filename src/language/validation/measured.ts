/**
 * Checks against a tracker's measured history (`vstream check --events`, or the editor's
 * measure command): a step whose figure is far from what was measured, and a status the
 * history never has. Without a measurement of the stream, they say nothing.
 */
import type { ValidationAcceptor } from 'langium';
import { outgoingLinks, reworkBetween } from '../../analysis/build-model.js';
import { countOf, formatHoursAlike, formatPercent } from '../../analysis/figures.js';
import type { StreamModel } from '../../analysis/stream-model.js';
import { disagreementWords } from '../../measure/drift.js';
import type { ChanceDrift, TimeDrift } from '../../measure/measure-model.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import type { MapDisagreement, Measurements } from '../measurements.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamServices } from '../vstream-module.js';
import { report, type CheckSet } from './checks.js';

type StatusClause = ast.Done | ast.StatusClause | ast.QueueClause;

export class MeasuredChecks {
    private readonly streamModels: StreamModels;
    private readonly measurements: Measurements;

    readonly checks: CheckSet = {
        Stream: [(stream, accept) => this.checkDrift(stream, accept)],
        Done: [(clause, accept) => this.checkStatuses(clause, accept)],
        StatusClause: [(clause, accept) => this.checkStatuses(clause, accept)],
        QueueClause: [(clause, accept) => this.checkStatuses(clause, accept)]
    };

    constructor(services: VstreamServices) {
        this.streamModels = services.analysis.StreamModels;
        this.measurements = services.analysis.Measurements;
    }

    private checkDrift(stream: ast.Stream, accept: ValidationAcceptor): void {
        if (!this.measurements.has(stream.name)) {
            return;
        }
        const model = this.streamModels.get(stream);
        const steps = new Map(stream.members.filter(ast.isStep).map(step => [step.name, step]));
        for (const drift of this.measurements.drift(model)) {
            if (drift.kind !== 'time') {
                reportChanceDrift(drift, stream, accept);
                continue;
            }
            const step = steps.get(drift.step);
            if (step) {
                reportDrift(drift, step, model, accept);
            }
        }
        const disagreement = this.measurements.disagreement(model);
        if (disagreement) {
            reportDisagreement(disagreement, stream, model, accept);
        }
    }

    private checkStatuses(clause: StatusClause, accept: ValidationAcceptor): void {
        const stream = clause.$container.$type === 'Stream' ? clause.$container : clause.$container.$container;
        clause.statuses.forEach((status, index) => {
            if (!this.measurements.occurs(stream.name, status)) {
                report(
                    accept,
                    DiagnosticCodes.unseenStatus,
                    `Status "${status}" never occurs in the tracker's history that was measured: the tracker may spell it otherwise (statuses are compared exactly, case included).`,
                    { node: clause, property: 'statuses', index }
                );
            }
        });
    }
}

function reportDrift(drift: TimeDrift, step: ast.Step, model: StreamModel, accept: ValidationAcceptor): void {
    // In one unit, so that "6 h" reads against "18 h", not against "2.25 d".
    const [mapped, p50, p85] = formatHoursAlike([drift.mapped, drift.p50, drift.p85], model.workdayHours);
    const spread = drift.p85 === null ? '' : ` (p85 ${p85})`;
    const history = `the tracker's history measures a median of ${p50}${spread} over ${countOf(drift.samples, 'visit')}`;
    const update = 'update the figure, or write the measured ones with `vstream measure --update`';
    const measured = model.steps.find(candidate => candidate.name === drift.step);
    // Without queue statuses the history cannot tell the wait: updating would not help, naming them would.
    const message =
        drift.measure === 'process'
            ? `Step '${step.name}' is mapped at ${mapped} of process time; ${history}: ${update}.`
            : measured?.queues.length === 0
              ? `Step '${step.name}' is mapped to wait ${mapped}, but it names no \`queue\` status, so the tracker's history measures no wait for it: name the statuses in which work waits for it (\`queue "…"\`).`
              : `Step '${step.name}' is mapped to wait ${mapped}; ${history} in its queue statuses: ${update}.`;
    // On the clause that drifts, where the step has one; otherwise on the step's name.
    const clause = step.clauses.find(drift.measure === 'process' ? ast.isProcessClause : ast.isStepWait) as
        ast.ProcessClause | ast.StepWait | undefined;
    if (clause) {
        report(accept, DiagnosticCodes.measuredDrift, message, { node: clause, property: 'duration' });
    } else {
        report(accept, DiagnosticCodes.measuredDrift, message, { node: step, property: 'name' });
    }
}

/** A share or rate far from the measured one: on its clause. */
function reportChanceDrift(drift: ChanceDrift, stream: ast.Stream, accept: ValidationAcceptor): void {
    const clause = drift.kind === 'share' ? shareClause(stream, drift) : rateClause(stream, drift);
    if (!clause) {
        return;
    }
    const measured = formatPercent(drift.measured);
    const message =
        drift.kind === 'share'
            ? `${formatPercent(drift.mapped)} of the work leaving '${drift.from}' is mapped to go to '${drift.to}'; the tracker's history measures ${measured} over ${countOf(drift.samples, 'visit')}: update the share, or write the measured ones with \`vstream measure --update\`.`
            : `Rework ${drift.from} -> ${drift.to} is mapped at ${formatPercent(drift.mapped)}; the tracker's history measures ${measured} of the visits to '${drift.from}'${drift.afterEarlierStep ? ` after one to '${drift.to}'` : ''} (${countOf(drift.samples, 'visit')}): update the rate, or write the measured ones with \`vstream measure --update\`.`;
    report(accept, DiagnosticCodes.measuredDrift, message, { node: clause, property: 'percentage' });
}

function shareClause(stream: ast.Stream, { from, to }: ChanceDrift): ast.ShareClause | undefined {
    for (const [step, links] of outgoingLinks(stream.members)) {
        const index = step.name === from ? links.findIndex(link => link.name === `${from} -> ${to}`) : -1;
        if (index >= 0) {
            return links[index].clause;
        }
    }
    return undefined;
}

function rateClause(stream: ast.Stream, { from, to }: ChanceDrift): ast.RateClause | undefined {
    return reworkBetween(stream.members, from, to)?.clauses.find(ast.isRateClause);
}

/** The map's forecast far from the measured lead time: on the stream's name. */
function reportDisagreement(
    { forecast, measured, off }: MapDisagreement,
    stream: ast.Stream,
    model: StreamModel,
    accept: ValidationAcceptor
): void {
    const [mapped50, mapped85, measured50, measured85] = formatHoursAlike(
        [forecast.p50, forecast.p85, measured.p50, measured.p85],
        model.workdayHours
    );
    const ratios = disagreementWords(forecast, measured, off);
    const how = forecast.p85 === 0 ? ratios : `${ratios} the measured, outside 0.8–1.25`;
    report(
        accept,
        DiagnosticCodes.mapDisagrees,
        `The map of stream '${stream.name}' does not agree with its tracker's history: the map forecasts p50 ${mapped50} and p85 ${mapped85}, the history measures p50 ${measured50} and p85 ${measured85} (${how}). Update it from the history with \`vstream measure --update --ranges\`: times per visit, rework rates and the shares of decisions.`,
        { node: stream, property: 'name' }
    );
}
