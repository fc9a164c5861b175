/** `vstream render`: the preview's picture as a standalone SVG, or an HTML page with the figures and findings. */
import { writeFileSync } from 'node:fs';
import { panelStreams, renderHtmlPage, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import { measureStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { InputError, type LoadedWorkspace } from './workspace.js';

export function renderCommand(workspace: LoadedWorkspace, args: ParsedArguments, out: (text: string) => void): number {
    const measured = measureStreams(workspace.files, workspace.services);
    const chosen = args.stream ? measured.filter(stream => stream.model.name === args.stream) : measured;
    if (args.stream && chosen.length === 0) {
        const names = measured.map(stream => stream.model.name).join(', ') || 'none';
        throw new InputError(`no stream named '${args.stream}' (streams: ${names})`);
    }
    const streams = panelStreams(chosen);
    const diagnostics = workspace.files.flatMap(file => (file.document.diagnostics ?? []).map(toDiagramDiagnostic));
    const svg = renderSvg(streams.map(stream => stream.layout), { palette: args.theme, diagnostics });
    const title = streams.map(stream => stream.layout.header.title).join(', ') || 'Value stream map';
    const content = args.output?.toLowerCase().endsWith('.html') ? renderHtmlPage(title, svg, streams, args.theme) : `${svg}\n`;
    if (!args.output) {
        out(content);
        return 0;
    }
    try {
        writeFileSync(args.output, content);
    } catch (error) {
        throw new InputError(`cannot write '${args.output}': ${error instanceof Error ? error.message : String(error)}`);
    }
    return 0;
}
