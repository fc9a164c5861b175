/**
 * `vstream render DOC.md -o OUT.md [--image svg|png]`: Markdown in, Markdown out. Each ```vstream
 * fence becomes an image of its map, written beside OUT.md under a name that stays the same
 * from run to run, with alt text that says the title and the headline figures; every other
 * byte of the document is kept (line ends, front matter, other fences). A fence that does not
 * parse stays as it is, and its problems go to standard error with their Markdown lines.
 */
import { mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { summary } from '../analysis/figures.js';
import type { LayoutName, StreamModel } from '../analysis/stream-model.js';
import { escapeMarkdown } from '../cards/markdown-text.js';
import { panelStreams, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import type { MapLayout } from '../diagram/layout-model.js';
import { createStandaloneBuilder, type StandaloneBuilder } from '../language/vstream-module.js';
import { drawnLines, replaceBlocks, splitLines, vstreamFences, type Fence } from '../markdown/document-maps.js';
import { UsageError, type ParsedArguments } from './arguments.js';
import { embedInter } from './inter-font.js';
import { drawPng, PngRenderer } from './png.js';
import { InputError, readWholeText, writeFile } from './workspace.js';

/** A drawn fence: its map's SVG, the image file it becomes, and the alt text. */
interface Picture {
    fence: Fence;
    file: string;
    svg: string;
    alt: string;
}

export async function renderMarkdown(args: ParsedArguments, warn: (text: string) => void): Promise<number> {
    const source = args.paths[0];
    const output = outputOf(args);
    const document = readWholeText(source);
    const lines = splitLines(document);
    const builder = createStandaloneBuilder();
    const pictures: Picture[] = [];
    let status = 0;
    for (const [index, fence] of vstreamFences(document, lines).entries()) {
        const map = drawFence(builder, fence, source, warn, { layout: args.layout, width: args.width });
        if (!map) {
            status = 1;
            continue;
        }
        pictures.push({
            fence,
            file: imageName(output, index + 1, map.layouts, args.image),
            svg: renderSvg(map.layouts, { palette: args.theme, diagnostics: map.diagnostics }),
            alt: altText(map.models)
        });
    }
    const folder = dirname(output);
    makeFolder(folder);
    if (args.image === 'png') {
        await writePngs(pictures, { args, source, folder }, warn);
    } else {
        for (const picture of pictures) {
            writeFile(join(folder, picture.file), `${await embedInter(picture.svg)}\n`);
        }
    }
    const drawn = new Map(
        pictures.map(({ fence, file, alt }) => [
            fence,
            drawnLines(fence, lines, imageMarkdown(alt, file), args.inPlace)
        ])
    );
    writeFile(output, replaceBlocks(lines, drawn));
    return status;
}

/**
 * The pictures as PNG files, drawn by a renderer process per core (each taking the next picture
 * when done), as rasterizing is nearly all of the time; what is said of a picture is said in
 * the document's order.
 */
async function writePngs(
    pictures: Picture[],
    { args, source, folder }: { args: ParsedArguments; source: string; folder: string },
    warn: (text: string) => void
): Promise<void> {
    const renderers = Array.from(
        { length: Math.min(pictures.length, availableParallelism()) },
        () => new PngRenderer()
    );
    const said = pictures.map(() => [] as string[]);
    let next = 0;
    const drawEach = async (renderer: PngRenderer) => {
        for (let index = next++; index < pictures.length; index = next++) {
            const { fence, file, svg } = pictures[index];
            const name = `the map at ${source}:${fence.start + 1}`;
            const options = { theme: args.theme, scale: args.scale, name };
            writeFile(join(folder, file), await drawPng(renderer, svg, options, text => said[index].push(text)));
        }
    };
    try {
        await Promise.all(renderers.map(drawEach));
    } finally {
        renderers.forEach(renderer => renderer.close());
        said.flat().forEach(warn);
    }
}

/**
 * The file to write: the document itself with --in-place, else -o, which must not be the
 * document by another name (its fences, drawn, would be gone from it).
 */
function outputOf({ paths: [source], output, inPlace }: ParsedArguments): string {
    const same = output === undefined || sameFile(source, output);
    if (inPlace && !same) {
        throw new UsageError(
            `--in-place rewrites ${source} itself: leave out -o '${output}', or render to it without --in-place`
        );
    }
    if (!inPlace && same) {
        throw new UsageError(
            `-o '${output}' is ${source} itself, whose vstream blocks the images would replace: use --in-place to rewrite it, keeping each block's source`
        );
    }
    return output ?? source;
}

/** The same file, by any spelling of its path or through a link. */
function sameFile(a: string, b: string): boolean {
    if (resolve(a) === resolve(b)) {
        return true;
    }
    try {
        const [first, second] = [statSync(a), statSync(b)];
        return first.dev === second.dev && first.ino === second.ino;
    } catch {
        return false;
    }
}

function makeFolder(folder: string): void {
    try {
        mkdirSync(folder, { recursive: true });
    } catch (error) {
        throw new InputError(`cannot create the folder '${folder}': ${(error as Error).message}`);
    }
}

/** The fence's streams laid out, or undefined (its problems told) when it does not parse. */
function drawFence(
    builder: StandaloneBuilder,
    fence: Fence,
    source: string,
    warn: (text: string) => void,
    options: { layout?: LayoutName; width?: number }
): { models: StreamModel[]; layouts: MapLayout[]; diagnostics: ReturnType<typeof toDiagramDiagnostic>[] } | undefined {
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
        models: built.streams.map(stream => stream.model),
        layouts: panelStreams(built.streams, options).map(stream => stream.layout),
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
function altText(models: StreamModel[]): string {
    const streams = models.map(model => `${model.title ?? model.name} — ${summary(model)}`);
    return `Value stream map: ${streams.join('; ') || 'no stream'}`;
}

/**
 * `![ALT](FILE)`: the alt text reads as the words given (what Markdown would take for markup
 * escaped), the file name as a link target even with spaces or parentheses in it.
 */
export function imageMarkdown(alt: string, file: string): string {
    const target = encodeURIComponent(file).replace(
        /[!'()*]/g,
        character => `%${character.charCodeAt(0).toString(16).toUpperCase()}`
    );
    return `![${escapeMarkdown(alt)}](${target})`;
}
