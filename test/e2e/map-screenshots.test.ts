/**
 * The examples' maps in a real browser, and maps with decisions: every step is drawn, no two
 * boxes and no two edge labels overlap on screen, and a screenshot of each is saved under
 * test-output/screenshots to look at.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassic, panelStreams, renderHtmlPage, renderSvg } from '../../src/diagram/index.js';
import { isStream } from '../../src/language/generated/ast.js';
import { buildWorkspace } from '../helpers.js';
import { BROWSER_START_TIMEOUT, BROWSER_TEST_TIMEOUT, launchChromium } from './chromium.js';

const examples = resolve(__dirname, '../../examples');
const screenshots = resolve(__dirname, '../../test-output/screenshots');
const fixtures = resolve(__dirname, '../fixtures');
/** Each map by the name of its screenshot: the examples, and the maps that draw decisions (none of the examples decides). */
const maps = [
    ...readdirSync(examples)
        .filter(file => file.endsWith('.vstream') && file !== 'teams.vstream')
        .sort()
        .map(file => ({ file, path: resolve(examples, file) })),
    ...['decision-example.vstream', 'decisions-drawn.vstream'].map(file => ({ file, path: resolve(fixtures, file) }))
];

let browser: Browser;

beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await launchChromium();
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
    await browser?.close();
});

describe('the examples drawn in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    for (const { file, path } of maps) {
        for (const theme of ['light', 'dark'] as const) {
            it(`${file} (${theme})`, async () => {
                const catalogue = readFileSync(resolve(examples, 'teams.vstream'), 'utf8');
                const workspace = await buildWorkspace(readFileSync(path, 'utf8'), catalogue);
                const streams = workspace.documents[0].parseResult.value.elements.filter(isStream);
                const laidOut = panelStreams(
                    streams.map(stream => workspace.services.analysis.StreamModels.withBaseline(stream))
                );
                const svg = renderSvg(
                    laidOut.map(stream => stream.layout),
                    { palette: theme }
                );
                const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
                await page.setContent(renderHtmlPage(file, svg, laidOut, theme));
                const boxes = await page.$$eval('.vs-step rect', rects =>
                    rects.map(rect => {
                        const box = rect.getBoundingClientRect();
                        return {
                            name: rect.parentElement!.getAttribute('data-name'),
                            x: box.x,
                            y: box.y,
                            width: box.width,
                            height: box.height
                        };
                    })
                );
                const expected = laidOut.flatMap(({ layout }) =>
                    (isClassic(layout) ? layout.processes : layout.steps).map(step => step.name)
                );
                expect(boxes.map(box => box.name)).toEqual(expected);
                for (const box of boxes) {
                    expect(box.width * box.height, `${box.name} is visible`).toBeGreaterThan(0);
                }
                for (let i = 0; i < boxes.length; i++) {
                    for (let j = i + 1; j < boxes.length; j++) {
                        const [a, b] = [boxes[i], boxes[j]];
                        const overlap =
                            a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
                        expect(overlap, `${a.name} and ${b.name} overlap on screen`).toBe(false);
                    }
                }
                const labels = await page.$$eval('.vs-edge-label, .vs-share-label', texts =>
                    texts.map(text => {
                        const box = text.getBoundingClientRect();
                        return { text: text.textContent, x: box.x, y: box.y, width: box.width, height: box.height };
                    })
                );
                for (let i = 0; i < labels.length; i++) {
                    for (let j = i + 1; j < labels.length; j++) {
                        const [a, b] = [labels[i], labels[j]];
                        const overlap =
                            a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
                        expect(overlap, `labels "${a.text}" and "${b.text}" overlap on screen`).toBe(false);
                    }
                }
                await page.screenshot({
                    path: resolve(screenshots, `${file.replace('.vstream', '')}-${theme}.png`),
                    fullPage: true
                });
                await page.close();
            });
        }
    }
});
