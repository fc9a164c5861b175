/** `vstream render`: the preview's picture as a self-contained SVG or a PNG, or an HTML page with the figures and findings. */
import { isClassic, pages, panelStreams, renderHtmlPage, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import type { MapLayout } from '../diagram/layout-model.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { ParsedArguments } from './arguments.js';
import { embedInter, interTextAsPaths } from './inter-font.js';
import { drawPng, fittingScale, pageHeight, PngRenderer } from './png.js';
import { writeFile, writeOutput, type LoadedWorkspace } from './workspace.js';

export async function renderCommand(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<number> {
    const streams = panelStreams(selectStreams(measureStreams(workspace.files, workspace.services), args.stream), {
        layout: args.layout,
        width: args.width
    });
    const diagnostics = workspace.files.flatMap(file => (file.document.diagnostics ?? []).map(toDiagramDiagnostic));
    const svg = renderSvg(
        streams.map(stream => stream.layout),
        { palette: args.theme, diagnostics }
    );
    const title = streams.map(stream => stream.layout.header.title).join(', ') || 'Value stream map';
    const output = args.output?.toLowerCase() ?? '';
    if (output.endsWith('.png')) {
        await writePngPages(
            streams.map(stream => stream.layout),
            svg,
            (layouts: MapLayout[]) => renderSvg(layouts, { palette: args.theme, diagnostics }),
            args,
            warn
        );
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

/**
 * The map as PNG: one picture, or, when it cannot be one at its own size at least, a page per
 * run of its rows: OUT.png, OUT-2.png, … (standard error says so).
 */
async function writePngPages(
    layouts: MapLayout[],
    svg: string,
    draw: (layouts: MapLayout[]) => string,
    args: ParsedArguments,
    warn: (text: string) => void
): Promise<void> {
    const width = Math.max(...layouts.map(layout => layout.width), 0);
    const height = layouts.reduce((total, layout) => total + layout.height, 0);
    const fits = fittingScale(width, height, args.scale) >= 1;
    const pictures = fits
        ? [svg]
        : layouts
              .flatMap((layout): MapLayout[] => (isClassic(layout) ? [layout] : pages(layout, pageHeight(width))))
              .map(page => draw([page]));
    const output = args.output!;
    const names = pictures.map((_, index) => (index === 0 ? output : output.replace(/(\.png)$/i, `-${index + 1}$1`)));
    if (pictures.length > 1) {
        warn(
            `vstream: the map is too large for one picture at its own size: drawn on ${pictures.length} pages of its rows, ${names[0]} to ${names[names.length - 1]}, each at the largest scale up to ${args.scale} within 16 million pixels.\n`
        );
    }
    const renderer = new PngRenderer();
    try {
        for (const [index, picture] of pictures.entries()) {
            const options = { theme: args.theme, scale: args.scale, name: 'the map' };
            // Pages are drawn as large as they may be, which the line above said.
            writeFile(names[index], await drawPng(renderer, picture, options, pictures.length > 1 ? () => {} : warn));
        }
    } finally {
        renderer.close();
    }
}
