/**
 * "What changes for each team" in the card of a future state: per team, what it gains, loses or
 * sees changed, the checklists to write, retire or review, and the waits and rework that go
 * away. When a team improves a stream, its SOPs, guides and training follow from this list.
 */
import { formatDurationsAlike, formatPercent } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import {
    changesNothing,
    teamChanges,
    type ShareChange,
    type StepMove,
    type TeamChange,
    type TeamHandoff,
    type TeamRework,
    type WaitGone
} from '../analysis/team-changes.js';
import { edgeChangeText, reworkChangeText, stepChangeText } from './change-text.js';
import { partyLabel, stepLabel } from './markdown-text.js';

export const TEAM_CHANGES_HEADING = '## What changes for each team';

export function teamChangesSection(baseline: StreamModel, future: StreamModel, baselineLabel: string): string {
    return [
        TEAM_CHANGES_HEADING,
        `What this future state changes for each team, compared with ${baselineLabel}: steps by their names, handoffs and rework by the names of their two steps. Update the teams' SOPs, guides and training from it.`,
        // Durations read in the future state's working days, on both sides of an arrow.
        ...teamChanges(baseline, future).map(change => teamSection(change, future.workdayHours))
    ].join('\n\n');
}

function teamSection(change: TeamChange, workdayHours: number): string {
    const heading = `### ${change.team ? partyLabel(change.team) : 'Steps without an owner'}`;
    if (changesNothing(change)) {
        return `${heading}\n\n_Nothing changes for this team._`;
    }
    const { steps, handoffs, rework } = change;
    const items: Array<[string, string[]]> = [
        ['Steps gained', steps.gained.map(move => moved(move, 'new', 'from'))],
        ['Steps lost', steps.lost.map(move => moved(move, 'gone', 'to'))],
        [
            'Steps changed',
            steps.changed.map(step => `${stepLabel(step.after)} (${stepChangeText(step, workdayHours)})`)
        ],
        ['Handoffs gained', handoffs.gained.map(handoffText)],
        ['Handoffs lost', handoffs.lost.map(handoffText)],
        [
            'Handoffs changed',
            handoffs.changed.map(
                handoff =>
                    `${handoffText(handoff.after)} (${edgeChangeText({ before: handoff.before.edge, after: handoff.after.edge, aspects: handoff.aspects }, workdayHours)})`
            )
        ],
        ['Decisions that change', change.shares.map(shareText)],
        ['Checklists to write (under Handoffs below)', handoffs.gained.map(handoffName)],
        ['Checklists to retire (in the card of the current state)', handoffs.lost.map(handoffName)],
        ['Checklists to review', handoffs.changed.map(handoff => handoffName(handoff.after))],
        ['Waits that go away', change.waitsGone.map(wait => waitGoneText(wait, workdayHours))],
        ['Rework that goes away', rework.gone.map(reworkText)],
        [
            'Rework that changes',
            rework.changed.map(
                loop =>
                    `${reworkText(loop.after)}: ${reworkChangeText({ before: loop.before.rework, after: loop.after.rework, aspects: loop.aspects }, workdayHours)}`
            )
        ],
        ['New rework', rework.added.map(reworkText)]
    ];
    return [
        heading,
        items
            .filter(([, listed]) => listed.length > 0)
            .map(([label, listed]) => `- **${label}:** ${listed.join('; ')}`)
            .join('\n')
    ].join('\n\n');
}

function moved({ step, moves, other }: StepMove, alone: string, direction: 'from' | 'to'): string {
    return `${stepLabel(step)} (${moves ? `${direction} ${partyLabel(other)}` : alone})`;
}

function handoffName({ from, to }: { from: TeamHandoff['from']; to: TeamHandoff['to'] }): string {
    return `${stepLabel(from)} → ${stepLabel(to)}`;
}

function handoffText(handoff: TeamHandoff): string {
    switch (handoff.role) {
        case 'sends':
            return `sends ${handoffName(handoff)} to ${partyLabel(handoff.partner)}`;
        case 'receives':
            return `receives ${handoffName(handoff)} from ${partyLabel(handoff.partner)}`;
        case 'within':
            return `${handoffName(handoff)}, within the team`;
    }
}

/** "Triage → Escalate: share 20% → 10%"; a way new or gone says so. */
function shareText({ from, to, edge, before, after }: ShareChange): string {
    const share = (value: number | undefined) => (value === undefined ? '_none_' : formatPercent(value));
    const change = {
        changed: `share ${share(before)} → ${share(after)}`,
        added: `new way, share ${share(after)}`,
        removed: `way removed, its share was ${share(before)}`
    };
    return `${handoffName({ from, to })}: ${change[edge]}`;
}

function reworkText({ rework, from, to }: TeamRework): string {
    const rate = rework.rate === undefined ? 'rate not measured' : formatPercent(rework.rate);
    return `${stepLabel(from)} back to ${stepLabel(to)} (${rate})`;
}

function waitGoneText(wait: WaitGone, workdayHours: number): string {
    const place = 'step' in wait ? stepLabel(wait.step) : `the handoff ${handoffName(wait.handoff)}`;
    const noLonger =
        wait.noLongerOn.length > 0
            ? `, no longer on ${wait.noLongerOn.map(party => partyLabel(party)).join(', ')}`
            : '';
    const [before, after] = formatDurationsAlike([
        { hours: wait.before, workdayHours },
        { hours: wait.after, workdayHours }
    ]);
    return `${place}: ${before} → ${after}${noLonger}`;
}
