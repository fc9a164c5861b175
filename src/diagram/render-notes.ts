/** The notes under the map, in its muted text: each line's mark, if it starts a note, then its text. */
import type { NotesLayout } from './layout-model.js';
import { text } from './svg-markup.js';

export function renderNotes(notes: NotesLayout): string {
    return (
        '<g class="vs-notes">' +
        notes.lines
            .map(
                line =>
                    (line.mark ? text(notes.x, line.y, line.mark, 'vs-note-mark') : '') +
                    text(line.x, line.y, line.text, 'vs-muted')
            )
            .join('') +
        '</g>'
    );
}
