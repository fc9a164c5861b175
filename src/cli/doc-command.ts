/** `vstream doc`: the stream card of each stream as Markdown, for the documentation the teams keep. */
import { existsSync, readFileSync } from 'node:fs';
import { keptSummary, streamCardsOver } from '../cards/stream-card.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { InputError, writeOutput, type LoadedWorkspace } from './workspace.js';

export function docCommand(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): number {
    const streams = workspace.files.flatMap(file =>
        measureStreams([file], workspace.services).map(stream => ({ ...stream, source: file.displayPath }))
    );
    const cards = streamCardsOver(selectStreams(streams, args.stream), earlierCard(args.output));
    const kept = keptSummary(cards, args.output!);
    if (kept) {
        warn(`vstream: ${kept}.\n`);
    }
    writeOutput(args.output, cards.markdown, out);
    return 0;
}

/** The card a `-o` file already holds, whose writing the new one carries over. */
function earlierCard(output: string | undefined): string | undefined {
    if (output === undefined || !existsSync(output)) {
        return undefined;
    }
    try {
        return readFileSync(output, 'utf8');
    } catch (error) {
        throw new InputError(
            `cannot read the earlier card '${output}': ${error instanceof Error ? error.message : String(error)}`
        );
    }
}
