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
    staleIgnore: 'stale-ignore',
    // A status of the map that a measured history never has.
    unseenStatus: 'unseen-status',
    // The third version's codes: decisions, and a map far from its history.
    mixedShares: 'mixed-shares',
    sharesDoNotAddUp: 'shares-do-not-add-up',
    mapDisagrees: 'map-disagrees',
    // Extension of the third version: a share written on a rework, which goes back at its rate.
    shareOnRework: 'share-on-rework',
    // A `layout` the map does not know.
    unknownLayout: 'unknown-layout'
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
    'stale-ignore': 'hint',
    'unseen-status': 'info',
    'mixed-shares': 'error',
    'shares-do-not-add-up': 'error',
    'map-disagrees': 'info',
    'share-on-rework': 'error',
    'unknown-layout': 'error'
};

/**
 * What each code means and what fixes it, in Markdown, for readers outside the editor (SARIF
 * rules for code scanning). The table of docs/language.md says the same, word for word: a test
 * holds them together.
 */
export const DIAGNOSTIC_HELP: Record<DiagnosticCode, { when: string; fix: string }> = {
    'syntax-error': {
        when: 'text that does not parse',
        fix: 'the message names what was expected where; a quote or brace left open is the usual cause'
    },
    'unresolved-reference': {
        when: 'a name that is not declared where it is used',
        fix: 'declare the team or system (at the top level to share it; quick fix), or correct the name'
    },
    'duplicate-name': {
        when: 'two steps of a stream, two teams or systems of one scope, or two top-level declarations of the workspace share a name',
        fix: 'rename or remove one (the message says where the other is)'
    },
    'duplicate-property': {
        when: "a clause given twice in one body (`owner`, `process`, `complete`, `uses`, `carries`, `via`, `rate`, `reason`, a handoff's or rework's `wait`; `recipient`, `start`, `end`, `measure`, `workday`, `layout` of a stream). A step's `wait` may repeat",
        fix: 'keep one (quick fix: remove the repeat); list several items in one `carries` or `uses`, separated by commas'
    },
    'self-handoff': {
        when: 'a `handoff` or `flow` from a step to itself (a `rework` of a step into itself is a loop of one step: the step repeats)',
        fix: 'point it at the next step, or, for work that is redone, write it as `rework`'
    },
    'flow-cycle': {
        when: '`handoff`/`flow` edges that form a cycle',
        fix: 'the edge that goes back is rework: write `rework LATER -> EARLIER { rate N% }` instead (the message names it)'
    },
    'invalid-percentage': {
        when: 'a number without `%`, a percentage above 100%, or a rework rate of 100%',
        fix: 'write a share from 0% to 100% (below 100% for a rate)'
    },
    'invalid-duration': {
        when: 'a duration without a unit, or a `workday` that is not more than 0 and at most 24 hours',
        fix: 'add the unit (`3h`, `2d`); give the workday in hours'
    },
    'file-too-large': {
        when: 'a file of more than 5 million characters: it is not read',
        fix: 'split it into several files (the teams in a shared catalogue, one stream per file)'
    },
    'unreadable-text': {
        when: 'characters that could not be decoded (shown as �): a file saved in an encoding other than UTF-8',
        fix: 'save the file as UTF-8'
    },
    'step-without-owner': {
        when: 'a step with no `owner`',
        fix: 'add `owner TEAM` (quick fix: one per team)'
    },
    'handoff-without-owner': {
        when: 'a `handoff` without `owner` where the sending or the receiving step has no owner',
        fix: 'add `owner TEAM` to the handoff or to the step'
    },
    'disconnected-step': {
        when: 'in a stream of two or more steps, a step with no edge at all',
        fix: 'join it with a `handoff` or `flow`, or remove it'
    },
    'rework-without-rate': {
        when: 'a `rework` with no `rate`: its cost is unknown',
        fix: 'measure how often work goes back and add `rate N%` (quick fix)'
    },
    'rework-not-a-loop': {
        when: 'a `rework B -> A` where no flow path leads from A to B',
        fix: 'rework goes from a later step back to an earlier one: check its direction'
    },
    'missing-identification': {
        when: 'a stream without `recipient`, `start` or `end` (one diagnostic naming those missing)',
        fix: 'add them (quick fix)'
    },
    'undeclared-handoff': {
        when: 'a `flow` between steps of different owners',
        fix: 'declare it as a `handoff` and say what it carries (quick fix)'
    },
    'same-owner-handoff': {
        when: 'a `handoff` whose two steps have the same owner',
        fix: 'a `flow` says it plainly, unless the transfer matters'
    },
    'handoff-carries-nothing': {
        when: 'a `handoff` without `carries`',
        fix: 'say what context travels: `carries "…"`'
    },
    'incomplete-handoff': {
        when: 'a `handoff` below 100% complete and accurate',
        fix: 'what the receiving step has to chase: a candidate for a checklist or a kaizen'
    },
    'wait-outside-control': {
        when: 'a step waits `on` a team or system other than its owner',
        fix: 'a delay the owner cannot fix alone: a topic for the teams involved'
    },
    'low-flow-efficiency': {
        when: 'a stream whose flow efficiency is below the threshold (25% unless the setting `vstream.flowEfficiencyThreshold` or `--flow-efficiency-threshold` says otherwise)',
        fix: 'the findings show where work waits'
    },
    'invalid-range': {
        when: 'a range whose parts are not in order LOW ≤ LIKELY ≤ HIGH',
        fix: 'write the parts from the lowest to the highest'
    },
    'invalid-count': {
        when: 'an `inventory` that is not a whole number of items, a `demand` that is not more than 0 or not per `h`, `d` or `w`',
        fix: 'write the count without a unit: `inventory 40`, `demand 20 per d`'
    },
    'flow-with-body': {
        when: 'a `flow` whose body holds anything but its `share` (or nothing)',
        fix: 'only a `handoff` carries more: quick fix, make the link a handoff that keeps the body'
    },
    'target-missed': {
        when: "the stream's lead time is above its `target`",
        fix: 'the findings show where work waits; or the target is not yet realistic'
    },
    'inventory-without-demand': {
        when: 'a step with `inventory` in a stream without `demand`: the inventory counts for no time',
        fix: 'add `demand N per d` to the stream'
    },
    'measured-drift': {
        when: "(with `vstream check --events`) a mapped time far from what the tracker's history measures",
        fix: 'update the map from the measurement (`vstream measure --update`)'
    },
    'stale-ignore': {
        when: 'a `// vstream-ignore` comment that quiets nothing, or names no code of vstream',
        fix: 'remove it, or correct the code'
    },
    'unseen-status': {
        when: '(with `vstream check --events`, or after measuring in the editor) a status of a `status`, `queue` or `done` clause that no row of the history has',
        fix: 'write it as the tracker spells it (statuses are compared exactly, case included), or remove it'
    },
    'mixed-shares': {
        when: 'some but not all outgoing `handoff`/`flow` edges of a step carry `share`',
        fix: 'give every outgoing edge a share (a decision: each item takes one of them) or none (parallel: each item takes them all); a quick fix does either'
    },
    'shares-do-not-add-up': {
        when: "a decision's shares do not add up to 100% (the message gives their sum)",
        fix: 'correct them (quick fix: give the remainder to one edge, or scale them to 100%)'
    },
    'map-disagrees': {
        when: "(with `vstream check --events`) the map's forecast p50 or p85 outside [0.8, 1.25] × the measured one",
        fix: 'update the map from its history (`vstream measure --update --ranges`): times per visit, rework rates and decision shares'
    },
    'share-on-rework': {
        when: 'a `share` on a `rework`',
        fix: 'a rework goes back at its `rate`: write `rate N%` (quick fix: make it the rate, or remove it)'
    },
    'unknown-layout': {
        when: 'a `layout` other than `lanes` or `classic`',
        fix: 'write `layout lanes` (a lane per team, the default) or `layout classic` (the map of *Learning to See*)'
    }
};
