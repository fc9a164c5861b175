/** `vstream doc`: the stream card of each stream as Markdown, for the documentation the teams keep. */
import { renderStreamCards } from '../markdown/stream-card.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { writeOutput, type LoadedWorkspace } from './workspace.js';

export function docCommand(workspace: LoadedWorkspace, args: ParsedArguments, out: (text: string) => void): number {
    const streams = workspace.files.flatMap(file => measureStreams([file], workspace.services).map(stream => ({ ...stream, source: file.displayPath })));
    const content = renderStreamCards(selectStreams(streams, args.stream));
    writeOutput(args.output, content, out);
    return 0;
}
