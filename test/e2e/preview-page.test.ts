/**
 * The preview page in Chromium, as the webview runs it: the page from previewHtml with the
 * built script, messages from the extension host in, messages to it out.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { panelStreams, renderPanels, renderSvg, renderSvgParts } from '../../src/diagram/index.js';
import { PictureParts } from '../../src/picture-parts.js';
import { previewHtml } from '../../src/extension/preview-html.js';
import type { FromWebview, PreviewUpdate, ToWebview } from '../../src/protocol.js';
import { buildWorkspace } from '../helpers.js';
import type { LayoutName } from '../../src/analysis/stream-model.js';
import { BROWSER_START_TIMEOUT, BROWSER_TEST_TIMEOUT, launchChromium } from './chromium.js';

const root = resolve(__dirname, '../..');
const ORIGIN = 'https://webview.test';

/** A stand-in for the VS Code webview: resources come from the extension folder under one origin. */
const fakeWebview = {
    cspSource: ORIGIN,
    asWebviewUri: (uri: { path: string }) => `${ORIGIN}${uri.path}`
} as unknown as vscode.Webview;
const joinPath = ((base: { path: string }, ...segments: string[]) => ({
    path: [base.path, ...segments].join('/')
})) as never;

let browser: Browser;

beforeAll(async () => {
    browser = await launchChromium();
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
    await browser?.close();
});

async function openPage(): Promise<{
    page: Page;
    sent: () => Promise<FromWebview[]>;
    post: (message: ToWebview) => Promise<void>;
}> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.route(`${ORIGIN}/**`, async route => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/index.html') {
            await route.fulfill({
                contentType: 'text/html',
                body: previewHtml(fakeWebview, { path: '' } as never, joinPath)
            });
        } else {
            await route.fulfill({
                contentType: path.endsWith('.css') ? 'text/css' : 'text/javascript',
                body: readFileSync(resolve(root, `.${path}`))
            });
        }
    });
    await page.addInitScript(() => {
        const sent: unknown[] = [];
        (window as unknown as { sent: unknown[] }).sent = sent;
        let state: unknown;
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => sent.push(message),
            getState: () => state,
            setState: (next: unknown) => {
                state = next;
            }
        });
    });
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    page.on('console', message => {
        if (message.type() === 'error') {
            errors.push(message.text());
        }
    });
    await page.goto(`${ORIGIN}/index.html`);
    expect(errors).toEqual([]);
    return {
        page,
        sent: () => page.evaluate(() => (window as unknown as { sent: FromWebview[] }).sent),
        post: message => page.evaluate(data => window.postMessage(data, '*'), message)
    };
}

/** The server's side for one page: each text drawn, as the change from the picture sent before. */
function server(uri = 'file:///maps/orders.vstream') {
    const sent = new PictureParts();
    return async (version: number, text: string, layout?: LayoutName): Promise<PreviewUpdate> => {
        const workspace = await buildWorkspace(text);
        const streams = panelStreams(
            [...workspace.streams.keys()].map(name => ({ model: workspace.model(name) })),
            { layout }
        );
        const picture = sent.diff(
            renderSvgParts(
                streams.map(stream => stream.layout),
                { palette: 'editor' }
            )
        );
        return { uri, version, ...(picture && { picture }), panels: renderPanels(streams), problems: [] };
    };
}

/** A whole picture, as a page that starts is sent it. */
const update = (version: number, text: string) => server()(version, text);

const ORDERS =
    'team A "Alpha"\nstream s "Orders" { recipient "r" start "a" end "b"\n  step take { owner A process 1h }\n  step ship { owner A process 2h }\n  flow take -> ship }';

describe('the preview page', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    it('says it is ready, shows a picture and its panels, and styles it without inline style', async () => {
        const { page, sent, post } = await openPage();
        await page.waitForFunction(() => (window as unknown as { sent: unknown[] }).sent.length > 0);
        expect(await sent()).toEqual([{ type: 'ready' }]);
        await post({ type: 'update', update: await update(1, ORDERS) });
        await page.locator('.vs-step[data-name="ship"]').waitFor();
        expect(await page.locator('.panels h2').innerText()).toBe('Orders');
        // Once drawn, the page tells the host, which may then send a newer picture.
        await page.waitForFunction(() =>
            (window as unknown as { sent: Array<{ type: string }> }).sent.some(message => message.type === 'shown')
        );
        expect((await sent()).filter(message => message.type === 'shown')).toEqual([{ type: 'shown', version: 1 }]);
        const stroke = await page
            .locator('.vs-step[data-name="take"] rect')
            .evaluate(rect => getComputedStyle(rect).strokeWidth);
        expect(stroke).not.toBe('1px');
        await page.close();
    });

    it('patches only the parts that changed, moves what a new step moves, and keeps the highlight', async () => {
        const { page, post } = await openPage();
        const draw = server();
        await post({ type: 'update', update: await draw(1, ORDERS) });
        await page.locator('.vs-step[data-name="ship"]').waitFor();
        await post({ type: 'highlight', line: 2, character: 8 });
        await page.evaluate(() =>
            document.querySelectorAll('.vs-step').forEach(step => step.setAttribute('data-old', ''))
        );
        const change = await draw(2, ORDERS.replace('process 2h', 'process 3h'));
        expect(change.picture!.layout).toBeUndefined();
        await post({ type: 'update', update: change });
        await page.locator('.vs-step[data-name="ship"]', { hasText: 'PT 3 h' }).waitFor();
        // The step typed into is a new element; the other is the same as before, still highlighted.
        expect(
            await page
                .locator('.vs-step[data-old]')
                .evaluateAll(steps => steps.map(step => step.getAttribute('data-name')))
        ).toEqual(['take']);
        expect(await page.locator('.vs-selected').getAttribute('data-name')).toBe('take');
        const added = ORDERS.replace('  flow take', '  step pack { owner A process 1h }\n  flow take');
        await post({ type: 'update', update: await draw(3, added) });
        await page.locator('.vs-step[data-name="pack"]').waitFor();
        const fresh = await page.evaluate(() => document.querySelector('.picture')!.innerHTML);
        await post({ type: 'update', update: await update(4, added) });
        await page.waitForFunction(() => document.querySelectorAll('.vs-step').length === 3);
        // Patched, the map is the same as drawn whole.
        expect(fresh.replace(/ (data-old|tabindex|role)="[^"]*"| vs-selected/g, '')).toBe(
            (await page.evaluate(() => document.querySelector('.picture')!.innerHTML)).replace(
                / (data-old|tabindex|role)="[^"]*"| vs-selected/g,
                ''
            )
        );
        await page.close();
    });

    it('shows another document from scratch when the dynamic preview follows it', async () => {
        const { page, post } = await openPage();
        await post({ type: 'update', update: await update(1, ORDERS) });
        await page.locator('.vs-step[data-name="ship"]').waitFor();
        await post({ type: 'showing', uri: 'file:///maps/other.vstream', locked: false, layout: 'file' });
        expect(await page.locator('.vs-step').count()).toBe(0);
        expect(await page.locator('.placeholder').count()).toBe(1);
        await post({
            type: 'update',
            update: await server('file:///maps/other.vstream')(1, ORDERS.replace(/ship/g, 'deliver'))
        });
        await page.locator('.vs-step[data-name="deliver"]').waitFor();
        expect(await page.locator('.vs-step').count()).toBe(2);
        await page.close();
    });

    it('keeps the last good picture under a banner while the text does not parse', async () => {
        const { page, post } = await openPage();
        await post({ type: 'update', update: await update(1, ORDERS) });
        await post({
            type: 'update',
            update: {
                uri: 'file:///maps/orders.vstream',
                version: 2,
                undrawn: true,
                problems: ['Line 3: Expected `}` after `{`, but found `{`.']
            }
        });
        await page.locator('.banner:not([hidden])').waitFor();
        expect(await page.locator('.banner').innerText()).toContain('the last good picture');
        expect(await page.locator('.banner').innerText()).toContain('Line 3: Expected');
        expect(await page.locator('.vs-step').count()).toBe(2);
        await page.close();
    });

    it("offers a layout for viewing: the menu shows the host's choice, says when it changes, and the classic map shows", async () => {
        const { page, sent, post } = await openPage();
        await post({ type: 'showing', uri: 'file:///maps/orders.vstream', locked: false, layout: 'file' });
        expect(await page.locator('select.layout').inputValue()).toBe('file');
        const draw = server();
        await post({ type: 'update', update: await draw(1, ORDERS) });
        await page.locator('.vs-lane').first().waitFor();
        await page.locator('select.layout').selectOption('classic');
        expect((await sent()).filter(message => message.type === 'layout')).toEqual([
            { type: 'layout', layout: 'classic' }
        ]);
        // The host has the server draw it again, in the layout chosen.
        await post({ type: 'update', update: await draw(2, ORDERS, 'classic') });
        await page.locator('.vs-party.vs-customer').waitFor();
        expect(await page.locator('.vs-lane').count()).toBe(0);
        expect(await page.locator('.vs-classic-process').count()).toBe(2);
        const shots = resolve(root, 'test-output/preview-page');
        mkdirSync(shots, { recursive: true });
        // The editor's theme colours, which VS Code gives the webview, so that the screenshot shows the map.
        await page.evaluate(() =>
            Object.entries({
                'editor-background': '#ffffff',
                'editor-foreground': '#1f2328',
                descriptionForeground: '#59636e',
                'editorWidget-background': '#f6f8fa',
                'editorWidget-border': '#8c959f',
                'charts-orange': '#a04100',
                'charts-purple': '#6e40c9',
                'charts-blue': '#0969da',
                'panel-border': '#d0d7de'
            }).forEach(([name, value]) => document.documentElement.style.setProperty(`--vscode-${name}`, value))
        );
        await page.screenshot({ path: resolve(shots, 'classic-layout.png') });
        // A document shown again with a choice made keeps it in the menu.
        await post({ type: 'showing', uri: 'file:///maps/other.vstream', locked: false, layout: 'classic' });
        expect(await page.locator('select.layout').inputValue()).toBe('classic');
        await page.close();
    });

    it('asks to reveal the source of a clicked step and highlights the one under the cursor', async () => {
        const { page, sent, post } = await openPage();
        await post({ type: 'update', update: await update(1, ORDERS) });
        await page.locator('.vs-step[data-name="ship"]').click();
        expect((await sent()).filter(message => message.type === 'reveal')).toEqual([
            { type: 'reveal', range: [3, 2, 3, 34] }
        ]);
        await post({ type: 'highlight', line: 2, character: 8 });
        await page.locator('.vs-step.vs-selected[data-name="take"]').waitFor();
        expect(await page.locator('.vs-selected').count()).toBe(1);
        await page.close();
    });

    it('reaches the steps with the keyboard: Tab, arrows, a focus ring, Enter reveals the source', async () => {
        const { page, sent, post } = await openPage();
        await post({ type: 'update', update: await update(1, ORDERS) });
        await page.locator('.vs-step[data-name="ship"]').waitFor();
        await page.locator('.viewport').focus();
        await page.keyboard.press('Tab');
        const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-name'));
        expect(await focused()).toBe('take');
        expect(await page.locator('.vs-step[data-name="take"]').getAttribute('role')).toBe('button');
        const ring = await page.locator('.vs-step[data-name="take"] rect').evaluate(rect => ({
            width: getComputedStyle(rect).strokeWidth,
            dash: getComputedStyle(rect).strokeDasharray
        }));
        expect(ring).toEqual({ width: '3px', dash: '6px, 2px' });
        await page.keyboard.press('ArrowRight');
        expect(await focused()).toBe('ship');
        await page.keyboard.press('Enter');
        expect((await sent()).filter(message => message.type === 'reveal')).toEqual([
            { type: 'reveal', range: [3, 2, 3, 34] }
        ]);
        // An update keeps the focus where it was.
        await post({ type: 'update', update: await update(2, ORDERS) });
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-name') === 'ship');
        await page.keyboard.press('ArrowLeft');
        expect(await focused()).toBe('take');
        await page.close();
    });

    it('zooms with the toolbar and keeps the zoom across updates', async () => {
        const { page, post } = await openPage();
        await post({ type: 'update', update: await update(1, ORDERS) });
        await page.locator('.vs-map').waitFor();
        const before = await page.locator('.zoom').innerText();
        await page.locator('button[data-action="zoom-in"]').click();
        const zoomed = await page.locator('.zoom').innerText();
        expect(zoomed).not.toBe(before);
        // The holder of the SVG is scaled, never the SVG itself, and the scroll area takes the scaled size.
        const geometry = await page.evaluate(() => {
            const svg = document.querySelector<SVGSVGElement>('.picture > svg')!;
            return {
                holder: document.querySelector<HTMLElement>('.picture')!.style.transform,
                own: svg.style.transform,
                mapWidth: document.querySelector<HTMLElement>('.map')!.getBoundingClientRect().width,
                drawnWidth: svg.getBoundingClientRect().width
            };
        });
        expect(Number(/^scale\(([0-9.]+)\)$/.exec(geometry.holder)?.[1])).toBeCloseTo(
            Number.parseInt(zoomed, 10) / 100,
            2
        );
        expect(geometry.own).toBe('');
        expect(geometry.mapWidth).toBeCloseTo(geometry.drawnWidth, 0);
        await post({ type: 'update', update: await update(2, ORDERS) });
        await page.waitForFunction(() => document.querySelectorAll('.vs-step').length === 2);
        expect(await page.locator('.zoom').innerText()).toBe(zoomed);
        await page.close();
    });

    it('rasterises a map for the PNG export', async () => {
        const { page, sent, post } = await openPage();
        const svg = renderSvg(
            panelStreams([{ model: (await buildWorkspace(ORDERS)).model() }]).map(stream => stream.layout),
            { palette: 'light' }
        );
        await post({ type: 'rasterize', svg, requestId: 7 });
        await page.waitForFunction(() =>
            (window as unknown as { sent: Array<{ type: string }> }).sent.some(message => message.type === 'rasterized')
        );
        const answer = (await sent()).find(message => message.type === 'rasterized');
        expect(answer).toMatchObject({ type: 'rasterized', requestId: 7 });
        expect((answer as { dataUrl: string }).dataUrl.startsWith('data:image/png;base64,')).toBe(true);
        await page.close();
    });
});

describe('the preview page policy', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    it('allows only nonce-bearing scripts and the extension’s own resources', () => {
        const html = previewHtml(fakeWebview, { path: '' } as never, joinPath);
        const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
        expect(policy).toContain("default-src 'none'");
        expect(policy).not.toContain('unsafe-inline');
        expect(policy).not.toContain('unsafe-eval');
        expect(policy).not.toMatch(/https?:\/\/(?!webview\.test)/);
        const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(policy)![1];
        const scripts = [...html.matchAll(/<script([^>]*)>/g)].map(match => match[1]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const attributes of scripts) {
            expect(attributes).toContain(`nonce="${nonce}"`);
        }
        expect(html).not.toMatch(/\son[a-z]+=/i);
        expect(nonce.length).toBeGreaterThanOrEqual(32);
    });
});
