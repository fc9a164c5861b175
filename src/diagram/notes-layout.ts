/**
 * The notes under the map: what a picture must show but has no room for on the map itself —
 * kaizen ideas (K1), rework reasons (R1), the items of a handoff whose label found no room
 * whole (H1), a step's text too long for its box (S1), a lane's label too long for its lane —
 * each keyed to a mark on the map. A PNG or an <img> shows no tooltip: these are read here.
 */
import { formatPercent } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { TextStyles } from './dimensions.js';
import { placeLabels, type PlacementArea } from './label-placement.js';
import type { Box, EdgeLayout, LaneLayout, NotesLayout } from './layout-model.js';
import { laneLabelCut, MARK_STYLE } from './step-layout.js';
import { wrapWhole } from './svg-text.js';
import { textWidth } from './text-width.js';

/** A note: its mark on the map ("K1"; none for a lane, whose label says whose it is) and what it says. */
export interface Note {
    mark?: string;
    text: string;
}

/** The notes' text, the map's data's (their marks are as in the steps' boxes). */
export const NOTE_STYLE = TextStyles.data;

/** Lines of notes, and the room above and below them. */
const NOTE_LINE = NOTE_STYLE.size + 4;
const PADDING = 8;

/** The marks known before anything is placed: each step's kaizen ideas, each rework's reason. */
export interface NoteMarks {
    /** Per step, the mark of its ideas on the map: "K1", or "K1–K3" for several. */
    kaizens: Array<string | undefined>;
    /** Per rework with a reason, its mark, written after its rate. */
    reworks: Array<string | undefined>;
    notes: Note[];
}

export function noteMarks(model: StreamModel): NoteMarks {
    const notes: Note[] = [];
    const titleOf = (index: number) => model.steps[index].title ?? model.steps[index].name;
    const kaizens = model.steps.map(step => {
        const first = notes.length + 1;
        step.kaizens.forEach(idea =>
            notes.push({ mark: `K${notes.length + 1}`, text: `Kaizen at ${titleOf(step.index)}: ${idea}` })
        );
        const last = notes.length;
        return last < first ? undefined : last === first ? `K${first}` : `K${first}–K${last}`;
    });
    let reasons = 0;
    const reworks = model.reworks.map(rework => {
        if (!rework.reason) {
            return undefined;
        }
        const mark = `R${++reasons}`;
        const rate = rework.rate === undefined ? '' : `, ${formatPercent(rework.rate)}`;
        notes.push({
            mark,
            text: `Rework ${titleOf(rework.from)} → ${titleOf(rework.to)}${rate}: ${rework.reason}`
        });
        return mark;
    });
    return { kaizens, reworks, notes };
}

/** A rework's label: its rate, and the mark of its reason's note. */
export function withMark(label: string, mark: string | undefined): string {
    return mark ? `${label} ${mark}` : label;
}

/**
 * The handoffs whose items found no room whole beside their line (placeLabels, already run):
 * each gets a mark ("H1") beside its line where one fits, and a note with its items.
 */
export function placeHandoffMarks(model: StreamModel, edges: EdgeLayout[], area: PlacementArea): Note[] {
    const dropped = model.edges
        .filter((edge, index) => edge.carries.length > 0 && !edge.cycle && !edges[index].labelBox)
        .map((edge, index) => ({ edge: edges[edge.index], mark: `H${index + 1}`, carries: edge.carries }));
    const placed = edges.flatMap(edge => [edge.labelBox, edge.share?.box].filter((box): box is Box => !!box));
    const pending = dropped.map(({ edge, mark }) => ({
        edge,
        wrappings: [[mark]],
        style: TextStyles.edgeLabel,
        near: 'target' as const
    }));
    placeLabels({ ...area, obstacles: [...area.obstacles, ...placed] }, edges, pending).forEach((spot, index) => {
        const { edge, mark } = dropped[index];
        edge.tooltip += ` · its items are in the notes under the map, ${mark}`;
        if (spot) {
            edge.labelLines = spot.lines;
            edge.labelBox = spot.box;
        }
    });
    const titles = new Map(model.steps.map(step => [step.name, step.title ?? step.name]));
    return dropped.map(({ edge, mark, carries }) => ({
        mark,
        text: `Handoff ${titles.get(edge.from)} → ${titles.get(edge.to)} carries ${carries.join(', ')}`
    }));
}

/** A lane's label its lane had no room for whole. */
export function laneNotes(lanes: LaneLayout[]): Note[] {
    return lanes.flatMap(lane => (laneLabelCut(lane) ? [{ text: `Lane ${lane.label}` }] : []));
}

/** The notes' block from `top`, as wide as the map's content; nothing when there are none. */
export function layoutNotes(notes: Note[], at: { x: number; y: number; width: number }): NotesLayout | undefined {
    if (notes.length === 0) {
        return undefined;
    }
    const markColumn =
        Math.ceil(Math.max(...notes.map(note => (note.mark ? textWidth(note.mark, MARK_STYLE) : 0)))) + 8;
    const room = at.width - markColumn;
    const lines: NotesLayout['lines'] = [];
    let y = at.y + PADDING + NOTE_STYLE.size;
    for (const note of notes) {
        // Whole: as many lines as it takes (a note is where nothing is cut).
        const wrapped = wrapWhole(note.text, NOTE_STYLE, room, Number.MAX_SAFE_INTEGER) ?? [note.text];
        wrapped.forEach((text, index) => {
            lines.push({ mark: index === 0 ? note.mark : undefined, text, x: at.x + markColumn, y });
            y += NOTE_LINE;
        });
    }
    return { x: at.x, y: at.y, width: at.width, height: lines.length * NOTE_LINE + 2 * PADDING, lines };
}
