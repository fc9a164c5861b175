/** `vstream doc`: the stream card of each stream as Markdown, for the documentation the teams keep. */
import { existsSync, readFileSync } from 'node:fs';
import { countOf } from '../analysis/quantities.js';
import { handoffsWritten, readTeamNotes, type TeamNotes } from '../markdown/card-checklists.js';
import { renderStreamCards } from '../markdown/stream-card.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { InputError, writeOutput, type LoadedWorkspace } from './workspace.js';

export function docCommand(workspace: LoadedWorkspace, args: ParsedArguments, out: (text: string) => void, warn: (text: string) => void): number {
    const streams = workspace.files.flatMap(file => measureStreams([file], workspace.services).map(stream => ({ ...stream, source: file.displayPath })));
    const notes = earlierNotes(args.output);
    const written = handoffsWritten(notes);
    if (written > 0) {
        warn(`vstream: kept what the teams wrote under ${countOf(written, 'handoff')} of ${args.output}.\n`);
    }
    writeOutput(args.output, renderStreamCards(selectStreams(streams, args.stream), notes), out);
    return 0;
}

/** A card written over an earlier one keeps the checklists the teams filled in. */
function earlierNotes(output: string | undefined): TeamNotes {
    if (output === undefined || !existsSync(output)) {
        return new Map();
    }
    try {
        return readTeamNotes(readFileSync(output, 'utf8'));
    } catch (error) {
        throw new InputError(`cannot read the earlier card '${output}': ${error instanceof Error ? error.message : String(error)}`);
    }
}
