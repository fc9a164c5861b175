/** Who is accountable: a step without an owner, and a wait caused by someone other than the owner. */
import type { ValidationAcceptor } from 'langium';
import { stepOwner } from '../../analysis/build-model.js';
import * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { report, type CheckSet } from './checks.js';

export const ownershipChecks: CheckSet = {
    Step: [checkStepOwner],
    StepWait: [checkWaitOutsideControl]
};

function checkStepOwner(step: ast.Step, accept: ValidationAcceptor): void {
    if (!step.clauses.some(ast.isOwnerClause)) {
        report(
            accept,
            DiagnosticCodes.stepWithoutOwner,
            `Step '${step.name}' has no owner: add \`owner TEAM\` so the map shows who is accountable for it.`,
            { node: step, property: 'name' }
        );
    }
}

function checkWaitOutsideControl(wait: ast.StepWait, accept: ValidationAcceptor): void {
    const cause = wait.cause?.ref;
    const step = wait.$container;
    const owner = stepOwner(step);
    if (cause && cause !== owner) {
        const kind = ast.isTeam(cause) ? 'team' : 'system';
        report(
            accept,
            DiagnosticCodes.waitOutsideControl,
            `Step '${step.name}' waits ${wait.duration} on ${kind} '${cause.name}', outside ${owner ? `${owner.name}'s` : "its owner's"} control.`,
            { node: wait }
        );
    }
}
