/** `vstream render`: the preview's picture as a standalone SVG, or an HTML page with the figures and findings. */
import { panelStreams, renderHtmlPage, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { writeOutput, type LoadedWorkspace } from './workspace.js';

export function renderCommand(workspace: LoadedWorkspace, args: ParsedArguments, out: (text: string) => void): number {
    const streams = panelStreams(selectStreams(measureStreams(workspace.files, workspace.services), args.stream));
    const diagnostics = workspace.files.flatMap(file => (file.document.diagnostics ?? []).map(toDiagramDiagnostic));
    const svg = renderSvg(
        streams.map(stream => stream.layout),
        { palette: args.theme, diagnostics }
    );
    const title = streams.map(stream => stream.layout.header.title).join(', ') || 'Value stream map';
    const content = args.output?.toLowerCase().endsWith('.html')
        ? renderHtmlPage(title, svg, streams, args.theme)
        : `${svg}\n`;
    writeOutput(args.output, content, out);
    return 0;
}
