/**
 * SVG to PNG for the command: the pictures go to a renderer process (rasterize.ts), started
 * once per command, and come back as PNG bytes. If that process dies, as resvg makes it do on
 * some inputs, the command reports it as one line and exits with status 2.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bundledFontDraws } from '../diagram/index.js';
import { fileColours, type FilePalette } from '../theme/theme.js';
import { interTextAsPaths } from './inter-font.js';
import { InputError } from './workspace.js';

export interface RasterRequest {
    id: number;
    svg: string;
    zoom: number;
    background: string;
    systemFonts: boolean;
}

export type RasterReply =
    { id: number; png: Uint8Array; width: number; height: number } | { id: number; error: string };

/** --scale: pixels per unit of the map. */
export const DEFAULT_SCALE = 2;
export const SCALES = { min: 0.5, max: 4 } as const;

/**
 * The largest picture drawn: 16 million pixels (a 16,000 × 1,000 map, 64 MB while it is drawn,
 * about a second). Wikis, slides and image viewers show nothing larger usefully; a wider map is
 * drawn at a smaller scale, and the command says so: SVG keeps any size.
 */
const MAX_PIXELS = 16_000_000;
/** Image viewers and browsers refuse sides much beyond this. */
const MAX_SIDE = 32_000;

/** The scale a map of `width` × `height` is drawn at: the one asked for, or less when it would be too large. */
export function fittingScale(width: number, height: number, scale: number): number {
    const byArea = Math.sqrt(MAX_PIXELS / (width * height));
    const bySide = MAX_SIDE / Math.max(width, height);
    return Math.min(scale, byArea, bySide);
}

/**
 * The tallest page of a map `width` wide that is drawn at its own size (scale 1) at least: a map
 * taller than that is drawn as pages of its rows, so that its text stays readable, never as a
 * strip scaled down to nothing.
 */
export function pageHeight(width: number): number {
    return Math.floor(Math.min(MAX_SIDE, MAX_PIXELS / width));
}

export interface PngOptions {
    theme: FilePalette;
    scale: number;
    /** Names the picture when the command has something to say about it. */
    name: string;
    /** Where Inter is (out/fonts by default). */
    fonts?: string;
}

/**
 * A map's SVG as PNG bytes, on the theme's background. Its texts are drawn as Inter's outlines
 * (resvg would shape them with Inter's ligatures, and draw an emoji it has no font for as empty
 * boxes); text Inter cannot draw brings in the system's fonts. A map too large for one picture
 * is drawn smaller (standard error says so).
 */
export async function drawPng(
    renderer: PngRenderer,
    map: string,
    options: PngOptions,
    warn: (text: string) => void
): Promise<Uint8Array> {
    const svg = await interTextAsPaths(map, false, options.fonts);
    const [width, height] = svgSize(svg);
    const zoom = fittingScale(width, height, options.scale);
    if (zoom < options.scale) {
        warn(
            `vstream: ${options.name} is ${width} × ${height}; drawn at scale ${Number(zoom.toFixed(3))} instead of ${options.scale} to stay within ${MAX_PIXELS / 1e6} million pixels (SVG keeps any size).\n`
        );
    }
    return renderer.draw(svg, zoom, fileColours(options.theme).bg, !bundledFontDraws(drawnText(svg)));
}

function svgSize(svg: string): [number, number] {
    const match = /^<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"/.exec(svg);
    return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/** The text an SVG draws: what is between its tags, titles, descriptions and styles left out. */
function drawnText(svg: string): string {
    return svg
        .replace(/<(title|desc|style)\b[^>]*>[^<]*<\/\1>/g, '')
        .replace(/<[^>]*>/g, '')
        .replace(/&(lt|gt|amp|quot|#39);/g, ' ');
}

export class PngRenderer {
    private child?: ChildProcess;
    private readonly pending = new Map<
        number,
        { resolve: (png: Uint8Array) => void; reject: (error: Error) => void }
    >();
    private next = 0;

    constructor(private readonly script = join(__dirname, 'rasterize.cjs')) {}

    draw(svg: string, zoom: number, background: string, systemFonts: boolean): Promise<Uint8Array> {
        const child = this.start();
        const id = ++this.next;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            child.send({ id, svg, zoom, background, systemFonts } satisfies RasterRequest);
        });
    }

    /** Ends the renderer process once every picture is drawn. */
    close(): void {
        this.child?.disconnect();
        this.child = undefined;
    }

    private start(): ChildProcess {
        if (this.child) {
            return this.child;
        }
        // Its standard error (a Rust panic's message) is not ours to show: the command says what happened.
        const child = fork(this.script, [], {
            serialization: 'advanced',
            stdio: ['ignore', 'ignore', 'ignore', 'ipc']
        });
        child.on('message', (reply: RasterReply) => {
            const waiting = this.pending.get(reply.id);
            this.pending.delete(reply.id);
            if ('error' in reply) {
                waiting?.reject(new InputError(`the map could not be drawn as PNG: ${reply.error}`));
            } else {
                waiting?.resolve(reply.png);
            }
        });
        child.on('exit', (code, signal) => this.failAll(signal ? `signal ${signal}` : `exit status ${code}`));
        child.on('error', error => this.failAll(error.message));
        this.child = child;
        return child;
    }

    private failAll(how: string): void {
        for (const { reject } of this.pending.values()) {
            reject(new InputError(`the map could not be drawn as PNG (the renderer stopped: ${how})`));
        }
        this.pending.clear();
        this.child = undefined;
    }
}
