/**
 * The same map in every viewer, on a machine without Inter: the SVG files the command writes
 * (with the subset of Inter embedded, and with `--text paths`) are drawn by Chromium, librsvg
 * and resvg (given no font: as a tool elsewhere draws a file), and every step title's drawn
 * extent stays inside its box. The inputs: the examples, the published maps, and a map whose
 * titles hold a ZWJ emoji, a flag and a typed `->`.
 *
 * Chromium measures each title's box (getBoundingClientRect) against its step's rectangle.
 * librsvg and resvg draw the map with only the step titles shown, in black on white; every
 * inked pixel must then lie inside a step's rectangle, and every rectangle must hold ink.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_START_TIMEOUT, BROWSER_TEST_TIMEOUT, launchChromium } from './chromium.js';
import { assertBuilt, CLI_TIMEOUT, vstream } from '../cli/built-command.js';
import { drawnByLibrsvg, ensureLibrsvg } from './librsvg.js';

const root = resolve(__dirname, '../..');
const pictures = resolve(root, 'test-output/viewers');

const EMOJI_MAP = `team Dev "Development"
team Ops "Operations"

stream glyphs "Glyphs" {
    recipient "Users"
    start "Idea"
    end "Shipped"
    step review "Review 👩‍💻 code 🇩🇪 now" { owner Dev  process 1h }
    step ship "Ship it -> done" { owner Ops  process 1h  wait 2h }
    step wide "Überprüfung der Lieferantenqualifikation -> ok" { owner Ops  process 1h }
    flow review -> ship
    flow ship -> wide
}
`;

interface Input {
    name: string;
    file: string;
}

let browser: Browser;
let folder: string;
const inputs: Input[] = [];

function vstreamFiles(directory: string): Input[] {
    return readdirSync(directory)
        .filter(file => file.endsWith('.vstream') && file !== 'teams.vstream')
        .sort()
        .map(file => ({ name: file.replace('.vstream', ''), file: join(directory, file) }));
}

beforeAll(async () => {
    assertBuilt();
    ensureLibrsvg();
    mkdirSync(pictures, { recursive: true });
    folder = mkdtempSync(join(tmpdir(), 'vstream-viewers-'));
    writeFileSync(join(folder, 'glyphs.vstream'), EMOJI_MAP);
    inputs.push(...vstreamFiles(resolve(root, 'examples')), ...vstreamFiles(resolve(root, 'examples/published')), {
        name: 'glyphs',
        file: join(folder, 'glyphs.vstream')
    });
    browser = await launchChromium();
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
    await browser?.close();
    if (folder) {
        rmSync(folder, { recursive: true, force: true });
    }
});

interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/**
 * The rectangle of every step, in the SVG's coordinates: each group's translation (a stream's
 * offset, a wrapped map's row) added to the rectangles in it.
 */
function stepBoxes(svg: string): Box[] {
    const boxes: Box[] = [];
    const moves: Array<{ x: number; y: number }> = [{ x: 0, y: 0 }];
    const found =
        /<g class="vs-step\b[^>]*>(?:<title>[^<]*<\/title>)?(?:<path class="vs-typical-halo"[^>]*\/>)?<rect x="([0-9.-]+)" y="([0-9.-]+)" width="([0-9.]+)" height="([0-9.]+)"|<g\b([^>]*)>|<\/g>/g;
    for (const match of svg.matchAll(found)) {
        const here = moves[moves.length - 1];
        if (match[0] === '</g>') {
            moves.pop();
        } else if (match[1] !== undefined) {
            const [x, y, width, height] = match.slice(1, 5).map(Number);
            boxes.push({ x: x + here.x, y: y + here.y, width, height });
            // The step's own group is open.
            moves.push(here);
        } else {
            const by = /transform="translate\(([0-9.-]+) ([0-9.-]+)\)"/.exec(match[5]);
            moves.push(by ? { x: here.x + Number(by[1]), y: here.y + Number(by[2]) } : here);
        }
    }
    return boxes;
}

/** The SVG with nothing shown but the step titles, black (its text, or its outlines). */
function titlesOnly(svg: string): string {
    const id = /^<svg[^>]*\sid="([^"]+)"/.exec(svg)![1];
    // The glyphs an outlined title uses are defined in <defs> (librsvg styles them where they are defined).
    const rules = `#${id} * { visibility: hidden; } #${id} .vs-step .vs-step-title, #${id} .vs-step .vs-step-title *, #${id} defs * { visibility: visible; fill: #000000; }`;
    const end = svg.lastIndexOf('</style>');
    // librsvg takes a used glyph's visibility from its definition: the other outlined texts go.
    return `${svg.slice(0, end)}${rules}${svg.slice(end)}`.replace(
        /<g class="([^"]*)\bvs-glyphs"[^>]*>.*?<\/g>/g,
        (group, classes: string) => (classes.split(' ').includes('vs-step-title') ? group : '')
    );
}

/** Inked pixels (darker than mid-grey) outside every box, and boxes without ink. */
function inkOutsideBoxes(png: PNG, boxes: Box[], scale: number): { outside: string[]; blank: number } {
    const inked = new Array<number>(boxes.length).fill(0);
    const outside: string[] = [];
    for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
            const index = 4 * (y * png.width + x);
            const alpha = png.data[index + 3] / 255;
            const luma = 255 - alpha * (255 - (png.data[index] + png.data[index + 1] + png.data[index + 2]) / 3);
            if (luma >= 128) {
                continue;
            }
            const [ux, uy] = [(x + 0.5) / scale, (y + 0.5) / scale];
            const box = boxes.findIndex(b => ux >= b.x && ux <= b.x + b.width && uy >= b.y && uy <= b.y + b.height);
            if (box < 0) {
                outside.push(`(${ux.toFixed(1)}, ${uy.toFixed(1)})`);
            } else {
                inked[box]++;
            }
        }
    }
    return { outside, blank: inked.filter(count => count === 0).length };
}

function expectTitlesInside(png: PNG, svg: string, what: string): void {
    const boxes = stepBoxes(svg);
    expect(boxes.length, 'steps found in the SVG').toBeGreaterThan(0);
    const { outside, blank } = inkOutsideBoxes(png, boxes, png.width / Number(/width="([0-9.]+)"/.exec(svg)![1]));
    expect(outside.slice(0, 10), `${what}: title ink outside every step box`).toEqual([]);
    expect(blank, `${what}: step boxes with no title drawn`).toBe(0);
}

function renderedSvg(input: Input, text: 'font' | 'paths'): string {
    const output = join(folder, `${input.name}-${text}.svg`);
    const result = vstream(['render', input.file, '-o', output, '--text', text], root);
    expect(result.stderr).toBe('');
    return readFileSync(output, 'utf8');
}

/** The horizontal overflow of each step title past its box in Chromium, in pixels (none when they fit). */
async function chromiumOverflows(svg: string): Promise<{ overflows: string[]; interLoaded: boolean }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
    try {
        await page.setContent(`<!DOCTYPE html><body style="margin:0">${svg}</body>`);
        await page.evaluate(() => document.fonts.ready);
        return await page.evaluate(() => {
            const overflows: string[] = [];
            for (const step of document.querySelectorAll('.vs-step')) {
                const box = step.querySelector('rect')!.getBoundingClientRect();
                const titles = step.querySelectorAll('text.vs-step-title:not([fill-opacity="0"]), g.vs-step-title');
                for (const title of titles) {
                    const drawn = title.getBoundingClientRect();
                    const past = Math.max(box.left - drawn.left, drawn.right - box.right);
                    if (past > 0.5) {
                        overflows.push(`${step.getAttribute('data-name')}: ${past.toFixed(1)} px`);
                    }
                }
            }
            return { overflows, interLoaded: document.fonts.check('600 12px Inter') };
        });
    } finally {
        await page.close();
    }
}

describe('every step title stays inside its box in every viewer, without Inter installed', () => {
    it('this machine has no Inter installed (else the test proves nothing)', () => {
        const families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
        expect(families).not.toMatch(/\bInter\b/);
    });

    const names = [
        ...vstreamFiles(resolve(root, 'examples')).map(input => input.name),
        ...vstreamFiles(resolve(root, 'examples/published')).map(input => input.name),
        'glyphs'
    ];
    for (const name of names) {
        for (const text of ['font', 'paths'] as const) {
            it(
                `${name}, --text ${text}: Chromium, librsvg, resvg`,
                { timeout: BROWSER_TEST_TIMEOUT + CLI_TIMEOUT },
                async () => {
                    const input = inputs.find(candidate => candidate.name === name)!;
                    const svg = renderedSvg(input, text);
                    const chromium = await chromiumOverflows(svg);
                    expect(chromium.overflows, 'titles past their boxes in Chromium').toEqual([]);
                    if (text === 'font') {
                        expect(chromium.interLoaded, 'Chromium draws the embedded Inter').toBe(true);
                    }
                    const titles = titlesOnly(svg);
                    const librsvg = PNG.sync.read(drawnByLibrsvg(titles));
                    writeFileSync(join(pictures, `${name}-${text}-librsvg.png`), PNG.sync.write(librsvg));
                    expectTitlesInside(librsvg, svg, 'librsvg');
                    const resvg = PNG.sync.read(
                        new Resvg(titles, { background: '#ffffff', font: { loadSystemFonts: true } }).render().asPng()
                    );
                    writeFileSync(join(pictures, `${name}-${text}-resvg.png`), PNG.sync.write(resvg));
                    expectTitlesInside(resvg, svg, 'resvg');
                }
            );
        }
    }
});
