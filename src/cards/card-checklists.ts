/**
 * The handoff checklists of a stream card are the part the teams write: each has the map's
 * items under "From the map:" (the teams tick those that hold) and the teams' own under "Agreed
 * by the teams:". What they wrote is carried from card to card by handoff (card-reading.ts).
 */

export const CHECKLISTS = ['Intake rules', 'Quality checks', 'Exception paths'] as const;
export type ChecklistName = (typeof CHECKLISTS)[number];

/** The lead-ins of a checklist's two parts, as the card writes them. */
export const FROM_THE_MAP = 'From the map:';
export const AGREED_BY_THE_TEAMS = 'Agreed by the teams:';
/** The empty item that shows where to write; not something a team wrote. */
export const PLACEHOLDER_ITEM = '- [ ] _…_';

export interface ChecklistNotes {
    /** The lines the teams wrote, as written. */
    lines: string[];
    /** The map's items they ticked, by their text. */
    ticked: Set<string>;
}

export interface HandoffNotes {
    /** The handoff's heading in the earlier card, "Triage → Reproduce", to name it if the map lost it. */
    title: string;
    checklists: Map<ChecklistName, ChecklistNotes>;
    /** True when the earlier card already kept it at its end, the map having lost the handoff before. */
    keptAtEnd: boolean;
}

/** What the teams wrote in an earlier card, by handoff key (see handoffKey). */
export type TeamNotes = Map<string, HandoffNotes>;

/**
 * The comment that follows each handoff's heading: which handoff of which stream it is, by
 * names, so that renaming a title or reordering the map keeps each checklist with its handoff.
 */
export function handoffAnchor(key: string): string {
    return `<!-- vstream handoff ${key} -->`;
}

/** The handoff key an anchor comment names, if it is one. */
export function anchoredHandoff(comment: string): string | undefined {
    return /^<!-- vstream handoff (.+) -->$/.exec(comment)?.[1];
}

/** `stream: from -> to`, with `#2`, `#3` for further edges between the same two steps. */
export function handoffKey(stream: string, from: string, to: string, occurrence: number): string {
    return `${stream}: ${from} -> ${to}${occurrence > 1 ? ` #${occurrence}` : ''}`;
}

/** True when the teams wrote something under this handoff that a new card must not drop. */
export function hasWriting(handoff: HandoffNotes): boolean {
    return [...handoff.checklists.values()].some(checklist => checklist.lines.length > 0);
}

/** How many lines the teams wrote under a handoff. */
export function linesWritten(handoff: HandoffNotes): number {
    return [...handoff.checklists.values()].reduce(
        (sum, checklist) => sum + checklist.lines.filter(line => line.trim() !== '').length,
        0
    );
}
