/**
 * vstream as a library, for docs sites and tools: a map's text in, its self-contained SVG out,
 * with its diagnostics and each stream's figures as people read them. No file system, no
 * editor: the text's teams and systems are its own (as in a Markdown fence).
 */
import { compareFigures } from '../analysis/figures.js';
import { panelStreams, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import { createStandaloneBuilder, type StandaloneBuilder } from '../language/vstream-module.js';

export interface RenderMapOptions {
    /** The palette written into the SVG (default 'light'). */
    theme?: 'light' | 'dark';
    /** Starts every id of the SVG, and scopes its style sheet: give each map on a page its own (default 'vs'). */
    idPrefix?: string;
}

export interface MapDiagnostic {
    /** One-based, within the text. */
    line: number;
    column: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

export interface RenderedMap {
    /** The map, or undefined when the text does not parse (the diagnostics say why). */
    svg?: string;
    diagnostics: MapDiagnostic[];
    streams: Array<{ name: string; title: string; figures: Record<string, string> }>;
}

let builder: StandaloneBuilder | undefined;

export function renderMap(text: string, options: RenderMapOptions = {}): RenderedMap {
    builder ??= createStandaloneBuilder();
    const built = builder.build(text);
    const diagnostics = built.diagnostics.map(toDiagramDiagnostic);
    const streams = panelStreams(built.streams);
    return {
        svg: built.parses
            ? renderSvg(
                  streams.map(stream => stream.layout),
                  { palette: options.theme ?? 'light', diagnostics, idPrefix: options.idPrefix }
              )
            : undefined,
        diagnostics: diagnostics.map(({ range, severity, code, message }) => ({
            line: range.start.line + 1,
            column: range.start.character + 1,
            severity,
            code,
            message
        })),
        streams: streams.map(({ layout }) => ({
            name: layout.name,
            title: layout.header.title,
            figures: Object.fromEntries(compareFigures(layout).map(figure => [figure.label, figure.value]))
        }))
    };
}
