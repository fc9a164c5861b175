/** `vstream doc`: the stream card of each stream as Markdown, for the documentation the teams keep. */
import { existsSync, readFileSync } from 'node:fs';
import { countOf } from '../analysis/figures.js';
import { cardDifferences } from '../cards/card-check.js';
import { keptSummary, streamCardsOver, type CardStream } from '../cards/stream-card.js';
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
    if (args.card !== undefined) {
        return checkCard(selectStreams(streams, args.stream), args, out, warn);
    }
    const cards = streamCardsOver(selectStreams(streams, args.stream), earlierCard(args.output));
    const kept = keptSummary(cards, args.output!);
    if (kept) {
        warn(`vstream: ${kept}.\n`);
    }
    writeOutput(args.output, cards.markdown, out);
    return 0;
}

/**
 * `--check card.md`: the card generated over the saved one (keeping what the teams wrote) must
 * be the saved text; else exit 1, saying on standard error where they differ.
 */
function checkCard(
    streams: CardStream[],
    { card, paths }: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): number {
    if (card === undefined || !existsSync(card)) {
        throw new InputError(`cannot read the card '${card}': no such file`);
    }
    const saved = earlierCard(card)!;
    const differences = cardDifferences(saved, streamCardsOver(streams, saved).markdown);
    if (differences.length === 0) {
        out(`${card} matches its map.\n`);
        return 0;
    }
    const lines = differences.reduce((sum, difference) => sum + difference.lines.length, 0);
    warn(
        `vstream: ${card} does not match its map (${countOf(differences.length, 'place')}, ${countOf(lines, 'line')}); vstream doc ${paths.join(' ')} -o ${card} writes it again, keeping what the teams wrote.\n`
    );
    for (const difference of differences) {
        warn(
            `@@ line ${difference.line}, in ${difference.section} @@\n${difference.lines.map(line => `${line}\n`).join('')}`
        );
    }
    return 1;
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
