/**
 * The same SVG file looks the same in Chromium and in resvg (the CLI's PNG renderer): every
 * example, light and dark, is drawn both ways at the same scale with the same font (Inter,
 * given to Chromium by @font-face as the PNG renderer loads it), and the pixels compared. Both
 * pictures and an image of their differences are saved under test-output/pictures to look at.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PngRenderer } from '../../src/cli/png.js';
import { panelStreams, renderSvg } from '../../src/diagram/index.js';
import { isStream } from '../../src/language/generated/ast.js';
import { fileColours } from '../../src/theme/theme.js';
import { buildWorkspace } from '../helpers.js';
import { BROWSER_START_TIMEOUT, BROWSER_TEST_TIMEOUT, launchChromium } from './chromium.js';

const root = resolve(__dirname, '../..');
const examples = resolve(root, 'examples');
const pictures = resolve(root, 'test-output/pictures');
const files = readdirSync(examples)
    .filter(file => file.endsWith('.vstream') && file !== 'teams.vstream')
    .sort();

/**
 * A pixel differs when a channel differs by more than a quarter of its range: both renderers
 * anti-alias edges and glyphs their own way (Skia against tiny-skia, HarfBuzz against
 * rustybuzz, hinting), which moves edge pixels by less than that. Real differences (a colour
 * lost, a marker pointing the wrong way, text in another font or place) differ by more.
 */
const CHANNEL_TOLERANCE = 64;
/** At most 1% of the pixels may differ: the examples differ by 0.08–0.13%, on glyph and line edges. */
const MAX_DIFFERING = 0.01;

let browser: Browser;
const renderer = new PngRenderer(resolve(root, 'out/cli/rasterize.cjs'));

function fontFace(file: string, weight: number): string {
    const data = readFileSync(resolve(root, 'out/fonts', file)).toString('base64');
    return `@font-face { font-family: 'Inter'; font-weight: ${weight}; src: url(data:font/ttf;base64,${data}) format('truetype'); }`;
}

beforeAll(async () => {
    mkdirSync(pictures, { recursive: true });
    browser = await launchChromium();
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
    renderer.close();
    await browser?.close();
});

async function drawnByChromium(svg: string, width: number, height: number): Promise<PNG> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    try {
        await page.setContent(
            `<!DOCTYPE html><style>${fontFace('Inter-Regular.ttf', 400)} ${fontFace('Inter-SemiBold.ttf', 600)} body { margin: 0 }</style>${svg}`
        );
        await page.evaluate(async () => {
            await Promise.all([document.fonts.load('12px Inter'), document.fonts.load('600 12px Inter')]);
            await document.fonts.ready;
        });
        return PNG.sync.read(await page.screenshot({ clip: { x: 0, y: 0, width, height } }));
    } finally {
        await page.close();
    }
}

/** The share of pixels that differ beyond the tolerance, and an image of them: red on a faded copy. */
function compare(a: PNG, b: PNG): { share: number; image: PNG } {
    const image = new PNG({ width: a.width, height: a.height });
    let differing = 0;
    for (let index = 0; index < a.data.length; index += 4) {
        const difference = Math.max(
            ...[0, 1, 2].map(channel => Math.abs(a.data[index + channel] - b.data[index + channel]))
        );
        const grey = (a.data[index] + a.data[index + 1] + a.data[index + 2]) / 3;
        const faded = 255 - (255 - grey) / 4;
        const differs = difference > CHANNEL_TOLERANCE;
        differing += differs ? 1 : 0;
        image.data.set(differs ? [255, 0, 0, 255] : [faded, faded, faded, 255], index);
    }
    return { share: differing / (a.width * a.height), image };
}

describe('the same SVG in Chromium and in resvg', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    for (const file of files) {
        for (const theme of ['light', 'dark'] as const) {
            it(`${file} (${theme})`, async () => {
                const catalogue = readFileSync(resolve(examples, 'teams.vstream'), 'utf8');
                const workspace = await buildWorkspace(readFileSync(resolve(examples, file), 'utf8'), catalogue);
                const streams = workspace.documents[0].parseResult.value.elements.filter(isStream);
                const layouts = panelStreams(
                    streams.map(stream => workspace.services.analysis.StreamModels.withBaseline(stream))
                ).map(stream => stream.layout);
                const svg = renderSvg(layouts, { palette: theme });
                const [width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
                const resvg = PNG.sync.read(Buffer.from(await renderer.draw(svg, 1, fileColours(theme).bg, false)));
                const chromium = await drawnByChromium(svg, width, height);
                expect([resvg.width, resvg.height]).toEqual([chromium.width, chromium.height]);
                const { share, image } = compare(chromium, resvg);
                const name = `${file.replace('.vstream', '')}-${theme}`;
                writeFileSync(resolve(pictures, `${name}-chromium.png`), PNG.sync.write(chromium));
                writeFileSync(resolve(pictures, `${name}-resvg.png`), PNG.sync.write(resvg));
                writeFileSync(resolve(pictures, `${name}-diff.png`), PNG.sync.write(image));
                writeFileSync(resolve(pictures, `${name}-differing.txt`), `${(share * 100).toFixed(3)}%\n`);
                expect(share, `${(share * 100).toFixed(3)}% of the pixels differ`).toBeLessThan(MAX_DIFFERING);
            });
        }
    }
});
