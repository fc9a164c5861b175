/**
 * Checks against a tracker's measured history (`vstream check --events`, or the editor's
 * measure command): a step whose figure is far from what was measured, and a status the
 * history never has. Without a measurement of the stream, they say nothing.
 */
import type { ValidationAcceptor } from 'langium';
import { formatHoursAlike } from '../../analysis/figures.js';
import type { StreamModel } from '../../analysis/stream-model.js';
import type { MeasuredDrift } from '../../measure/measure-model.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import type { Measurements } from '../measurements.js';
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
            const step = steps.get(drift.step);
            if (step) {
                reportDrift(drift, step, model, accept);
            }
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

function reportDrift(drift: MeasuredDrift, step: ast.Step, model: StreamModel, accept: ValidationAcceptor): void {
    // In one unit, so that "6 h" reads against "18 h", not against "2.25 d".
    const [mapped, p50, p85] = formatHoursAlike([drift.mapped, drift.p50, drift.p85], model.workdayHours);
    const spread = drift.p85 === null ? '' : ` (p85 ${p85})`;
    const history = `the tracker's history measures a median of ${p50}${spread} over ${drift.samples} items`;
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
