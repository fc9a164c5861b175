/**
 * The handoff checklists of a stream card are the part the teams write. Generating the card
 * again from a changed map must not lose that: this reads an earlier card back into what the
 * teams wrote under each handoff (everything after "Agreed by the teams:", and which of the
 * map's items they ticked), so the new card can carry it over.
 */

export const CHECKLISTS = ['Intake rules', 'Quality checks', 'Exception paths'] as const;
export type ChecklistName = typeof CHECKLISTS[number];

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
}

/** What the teams wrote in an earlier card, by handoff key (see handoffKey). */
export type TeamNotes = Map<string, HandoffNotes>;

const ANCHOR = /^<!-- vstream handoff (.+) -->$/;

/**
 * The comment that follows each handoff's heading: which handoff of which stream it is, by
 * names, so that renaming a title or reordering the map keeps each checklist with its handoff.
 */
export function handoffAnchor(key: string): string {
    return `<!-- vstream handoff ${key} -->`;
}

/** `stream: from -> to`, with `#2`, `#3` for further edges between the same two steps. */
export function handoffKey(stream: string, from: string, to: string, occurrence: number): string {
    return `${stream}: ${from} -> ${to}${occurrence > 1 ? ` #${occurrence}` : ''}`;
}

type Part = 'description' | 'map' | 'team';

/** Reads an earlier card back; text that is not a card gives no notes. */
export function readTeamNotes(card: string): TeamNotes {
    const notes: TeamNotes = new Map();
    let handoff: HandoffNotes | undefined;
    let checklist: ChecklistNotes | undefined;
    let part: Part = 'description';
    let heading = '';
    for (const line of card.split(/\r?\n/)) {
        const anchor = ANCHOR.exec(line.trim());
        if (anchor) {
            handoff = { title: heading.replace(/^#+\s+(\d+\.\s+)?/, ''), checklists: new Map() };
            notes.set(anchor[1], handoff);
            checklist = undefined;
            continue;
        }
        if (/^#{1,4}\s/.test(line) || line.trim() === '---') {
            heading = line;
            const name = /^####\s+(.*)$/.exec(line)?.[1].trim();
            if (handoff && CHECKLISTS.includes(name as ChecklistName)) {
                checklist = { lines: [], ticked: new Set() };
                handoff.checklists.set(name as ChecklistName, checklist);
                part = 'description';
                continue;
            }
            if (!line.startsWith('####')) {
                handoff = undefined;
                checklist = undefined;
                continue;
            }
            // A heading of the teams' own inside a checklist: theirs, kept with what follows it.
            part = checklist ? 'team' : part;
        }
        if (checklist) {
            part = noteLine(checklist, part, line);
        }
    }
    notes.forEach(handoffNotes => handoffNotes.checklists.forEach(trimBlankLines));
    return notes;
}

function noteLine(checklist: ChecklistNotes, part: Part, line: string): Part {
    if (line.trim() === FROM_THE_MAP) {
        return 'map';
    }
    if (line.trim() === AGREED_BY_THE_TEAMS) {
        return 'team';
    }
    if (part === 'map') {
        const ticked = /^\s*[-*+] \[[xX]\] (.*)$/.exec(line)?.[1];
        if (ticked !== undefined) {
            checklist.ticked.add(ticked.trim());
        }
    } else if (part === 'team' && line.trim() !== PLACEHOLDER_ITEM) {
        checklist.lines.push(line);
    }
    return part;
}

function trimBlankLines(checklist: ChecklistNotes): void {
    while (checklist.lines.length > 0 && checklist.lines[0].trim() === '') {
        checklist.lines.shift();
    }
    while (checklist.lines.length > 0 && checklist.lines.at(-1)!.trim() === '') {
        checklist.lines.pop();
    }
}

/** True when the teams wrote something under this handoff that a new card must not drop. */
export function hasWriting(handoff: HandoffNotes): boolean {
    return [...handoff.checklists.values()].some(checklist => checklist.lines.length > 0);
}

/** How many handoffs of an earlier card hold writing of the teams. */
export function handoffsWritten(notes: TeamNotes): number {
    return [...notes.values()].filter(hasWriting).length;
}
