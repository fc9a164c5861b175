/**
 * `vstream render DOC.md -o OUT.md [--image svg|png]`: Markdown in, Markdown out. Each ```vstream
 * fence becomes an image of its map, written beside OUT.md under a name that stays the same
 * from run to run, with alt text that says the title and the headline figures; every other
 * byte of the document is kept (line ends, front matter, other fences). A fence that does not
 * parse stays as it is, and its problems go to standard error with their Markdown lines.
 */
import { basename, dirname, extname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Diagnostic } from 'vscode-languageserver-types';
import { summary } from '../analysis/figures.js';
import { panelStreams, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import type { MapLayout } from '../diagram/layout-model.js';
import type { LayoutName } from '../analysis/stream-model.js';
import { createStandaloneBuilder, type StandaloneBuilder } from '../language/vstream-module.js';
import { isVstreamFence } from '../markdown/vstream-fence.js';
import type { ParsedArguments } from './arguments.js';
import { embedInter } from './inter-font.js';
import { drawPng, PngRenderer } from './png.js';
import { readWholeText, writeFile } from './workspace.js';

interface Line {
    content: string;
    /** '\n', '\r\n', or nothing on a last line without one. */
    end: string;
}

/** A ```vstream fence: its lines in the document (end exclusive), its text, and what stands before its marker. */
interface Fence {
    start: number;
    end: number;
    text: string;
    prefix: string;
}

export async function renderMarkdown(args: ParsedArguments, warn: (text: string) => void): Promise<number> {
    const source = args.paths[0];
    const output = args.output!;
    const document = readWholeText(source);
    const lines = splitLines(document);
    const fences = vstreamFences(document, lines);
    const builder = createStandaloneBuilder();
    const renderer = args.image === 'png' ? new PngRenderer() : undefined;
    const images = new Map<Fence, string>();
    let status = 0;
    try {
        for (const [index, fence] of fences.entries()) {
            const drawn = drawFence(builder, fence, source, warn, args.layout);
            if (!drawn) {
                status = 1;
                continue;
            }
            const file = imageName(output, index + 1, drawn.layouts, args.image);
            const svg = renderSvg(drawn.layouts, { palette: args.theme, diagnostics: drawn.diagnostics });
            const name = `the map at ${source}:${fence.start + 1}`;
            writeFile(
                join(dirname(output), file),
                renderer
                    ? await drawPng(renderer, svg, { theme: args.theme, scale: args.scale, name }, warn)
                    : `${await embedInter(svg)}\n`
            );
            images.set(fence, `${fence.prefix}![${escapeAlt(altText(drawn.layouts))}](${file})`);
        }
    } finally {
        renderer?.close();
    }
    writeFile(output, replaceFences(lines, images));
    return status;
}

function splitLines(text: string): Line[] {
    return text.split(/(?<=\n)/).map(line => {
        const end = /\r?\n$/.exec(line)?.[0] ?? '';
        return { content: line.slice(0, line.length - end.length), end };
    });
}

/** The document's ```vstream fences, found as markdown-it finds them (in lists and quotes too). */
function vstreamFences(document: string, lines: Line[]): Fence[] {
    return new MarkdownIt()
        .parse(document, {})
        .filter(token => token.type === 'fence' && token.map && isVstreamFence(token.info))
        .map(token => {
            const [start, end] = token.map!;
            const opening = lines[start].content;
            return { start, end, text: token.content, prefix: opening.slice(0, opening.indexOf(token.markup)) };
        });
}

/** The fence's streams laid out, or undefined (its problems told) when it does not parse. */
function drawFence(
    builder: StandaloneBuilder,
    fence: Fence,
    source: string,
    warn: (text: string) => void,
    layout?: LayoutName
): { layouts: MapLayout[]; diagnostics: ReturnType<typeof toDiagramDiagnostic>[] } | undefined {
    let built;
    try {
        built = builder.build(fence.text);
    } catch (error) {
        warn(
            `${source}:${fence.start + 1}: error: this map could not be drawn: ${error instanceof Error ? error.message : String(error)}\n`
        );
        return undefined;
    }
    const report = (diagnostic: Diagnostic, severity: string) => {
        const { code, message, range } = toDiagramDiagnostic(diagnostic);
        // The fence's text starts on the line after its opening marker.
        warn(
            `${source}:${fence.start + 2 + range.start.line}:${range.start.character + 1}: ${severity}${code ? ` ${code}` : ''}: ${message}\n`
        );
    };
    const errors = built.diagnostics.filter(diagnostic => diagnostic.severity === 1);
    if (!built.parses) {
        warn(`${source}:${fence.start + 1}: this vstream fence does not parse; it is left as it is.\n`);
        errors.forEach(diagnostic => report(diagnostic, 'error'));
        return undefined;
    }
    errors.forEach(diagnostic => report(diagnostic, 'error'));
    return {
        layouts: panelStreams(built.streams, layout).map(stream => stream.layout),
        diagnostics: built.diagnostics.map(toDiagramDiagnostic)
    };
}

/** `<OUT basename>-<n>-<first stream name>.svg`: the same name for the same fence every run. */
function imageName(output: string, index: number, layouts: MapLayout[], kind: 'svg' | 'png'): string {
    const base = basename(output, extname(output));
    const stream = (layouts[0]?.name ?? 'map').replace(/[^A-Za-z0-9_-]/g, '-');
    return `${base}-${index}-${stream}.${kind}`;
}

/** "Value stream map: Support ticket — lead time 50.08 h, process time 8.08 h, flow efficiency 16.1%". */
function altText(layouts: MapLayout[]): string {
    const streams = layouts.map(layout => `${layout.header.title} — ${summary(layout)}`);
    return `Value stream map: ${streams.join('; ') || 'no stream'}`;
}

function escapeAlt(text: string): string {
    return text.replace(/\s+/g, ' ').replace(/[\\[\]]/g, character => `\\${character}`);
}

/** The document with each drawn fence's lines replaced by its image line; every other line as it was. */
function replaceFences(lines: Line[], images: Map<Fence, string>): string {
    const byStart = new Map([...images].map(([fence, image]) => [fence.start, { fence, image }]));
    const kept: string[] = [];
    for (let index = 0; index < lines.length; index++) {
        const replaced = byStart.get(index);
        if (replaced) {
            const last = Math.min(replaced.fence.end, lines.length) - 1;
            kept.push(replaced.image + lines[last].end);
            index = last;
        } else {
            kept.push(lines[index].content + lines[index].end);
        }
    }
    return kept.join('');
}
