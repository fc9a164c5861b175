/** The stable diagnostic codes of the contract (plus the language's own extensions), with their severities. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DiagnosticCodes = {
    // The contract's table.
    unresolvedReference: 'unresolved-reference',
    duplicateName: 'duplicate-name',
    duplicateProperty: 'duplicate-property',
    selfHandoff: 'self-handoff',
    flowCycle: 'flow-cycle',
    invalidPercentage: 'invalid-percentage',
    handoffWithoutOwner: 'handoff-without-owner',
    stepWithoutOwner: 'step-without-owner',
    disconnectedStep: 'disconnected-step',
    reworkWithoutRate: 'rework-without-rate',
    reworkNotALoop: 'rework-not-a-loop',
    missingIdentification: 'missing-identification',
    undeclaredHandoff: 'undeclared-handoff',
    sameOwnerHandoff: 'same-owner-handoff',
    handoffCarriesNothing: 'handoff-carries-nothing',
    incompleteHandoff: 'incomplete-handoff',
    waitOutsideControl: 'wait-outside-control',
    lowFlowEfficiency: 'low-flow-efficiency',
    // Extensions: text that does not parse, quantities written without their unit, a file too
    // large to read, characters that could not be decoded.
    syntaxError: 'syntax-error',
    invalidDuration: 'invalid-duration',
    fileTooLarge: 'file-too-large',
    unreadableText: 'unreadable-text',
    // The second version's codes.
    invalidRange: 'invalid-range',
    inventoryWithoutDemand: 'inventory-without-demand',
    targetMissed: 'target-missed',
    measuredDrift: 'measured-drift',
    // Extensions of the second version: a count that is not a number of items, a flow written with
    // a body, and an ignore comment that quiets nothing.
    invalidCount: 'invalid-count',
    flowWithBody: 'flow-with-body',
    staleIgnore: 'stale-ignore'
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

export const SEVERITY_OF: Record<DiagnosticCode, Severity> = {
    'unresolved-reference': 'error',
    'duplicate-name': 'error',
    'duplicate-property': 'error',
    'self-handoff': 'error',
    'flow-cycle': 'error',
    'invalid-percentage': 'error',
    'handoff-without-owner': 'warning',
    'step-without-owner': 'warning',
    'disconnected-step': 'warning',
    'rework-without-rate': 'warning',
    'rework-not-a-loop': 'warning',
    'missing-identification': 'warning',
    'undeclared-handoff': 'info',
    'same-owner-handoff': 'hint',
    'handoff-carries-nothing': 'info',
    'incomplete-handoff': 'info',
    'wait-outside-control': 'info',
    'low-flow-efficiency': 'info',
    'syntax-error': 'error',
    'invalid-duration': 'error',
    'file-too-large': 'error',
    'unreadable-text': 'warning',
    'invalid-range': 'error',
    'inventory-without-demand': 'info',
    'target-missed': 'warning',
    'measured-drift': 'info',
    'invalid-count': 'error',
    'flow-with-body': 'error',
    'stale-ignore': 'hint'
};
