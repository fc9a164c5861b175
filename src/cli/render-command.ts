/** `vstream render`: the preview's picture as a self-contained SVG or a PNG, or an HTML page with the figures and findings. */
import { panelStreams, renderHtmlPage, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { embedInter, interTextAsPaths } from './inter-font.js';
import { drawPng, PngRenderer } from './png.js';
import { writeFile, writeOutput, type LoadedWorkspace } from './workspace.js';

export async function renderCommand(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<number> {
    const streams = panelStreams(
        selectStreams(measureStreams(workspace.files, workspace.services), args.stream),
        args.layout
    );
    const diagnostics = workspace.files.flatMap(file => (file.document.diagnostics ?? []).map(toDiagramDiagnostic));
    const svg = renderSvg(
        streams.map(stream => stream.layout),
        { palette: args.theme, diagnostics }
    );
    const title = streams.map(stream => stream.layout.header.title).join(', ') || 'Value stream map';
    const output = args.output?.toLowerCase() ?? '';
    if (output.endsWith('.png')) {
        const renderer = new PngRenderer();
        try {
            const png = await drawPng(renderer, svg, { theme: args.theme, scale: args.scale, name: 'the map' }, warn);
            writeFile(args.output!, png);
        } finally {
            renderer.close();
        }
        return 0;
    }
    const drawn = args.text === 'paths' ? await interTextAsPaths(svg, true) : await embedInter(svg);
    writeOutput(
        args.output,
        output.endsWith('.html') ? renderHtmlPage(title, drawn, streams, args.theme) : `${drawn}\n`,
        out
    );
    return 0;
}
