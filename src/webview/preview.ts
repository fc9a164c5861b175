/**
 * The preview page. It shows the picture the language server drew, keeps zoom and scroll
 * across updates, pans and zooms, reveals the source of a clicked element, highlights the
 * element under the editor's cursor and rasterises the map for a PNG export. All user text
 * arrives escaped from the server; nothing here builds HTML from it.
 */
import { svgStyleSheet } from '../theme/theme.js';
import type { FromWebview, LayoutChoice, PreviewUpdate, RangeTuple, ToWebview } from '../protocol.js';
import { PagePicture } from './page-picture.js';
import { ZoomPan } from './zoom-pan.js';

interface PageState {
    uri?: string;
    /** Kept for a reload of the window, which restores a locked preview as locked. */
    locked?: boolean;
    zoom: number;
    scrollLeft: number;
    scrollTop: number;
}

interface VsCodeApi {
    postMessage(message: FromWebview): void;
    getState(): PageState | undefined;
    setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** Canvas sides beyond this fail in Chromium; big maps are scaled down to fit. */
const MAX_CANVAS_SIDE = 16_000;

const viewport = document.querySelector<HTMLElement>('.viewport')!;
const map = document.querySelector<HTMLElement>('.map')!;
const picture = document.querySelector<HTMLElement>('.picture')!;
const banner = document.querySelector<HTMLElement>('.banner')!;
const panels = document.querySelector<HTMLElement>('.panels')!;
const zoomLabel = document.querySelector<HTMLElement>('.zoom')!;
const layoutMenu = document.querySelector<HTMLSelectElement>('select.layout')!;

const state: PageState = { zoom: 1, scrollLeft: 0, scrollTop: 0, ...vscode.getState() };
const drawing = new PagePicture(picture);
const zoom = new ZoomPan({ viewport, map, picture, label: zoomLabel }, state.zoom, saveState);
/** A new preview, or one that now follows another document, fits its first picture to the width. */
let fitFirstPicture = vscode.getState() === undefined;
/** The editor's cursor, highlighted again on each new picture. */
let cursor: { line: number; character: number } | undefined;

// The map's style sheet, admitted by the page's nonce (the policy allows no inline style).
const style = document.createElement('style');
style.nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
style.textContent = svgStyleSheet('editor');
document.head.append(style);

function saveState(): void {
    state.zoom = zoom.zoom;
    state.scrollLeft = viewport.scrollLeft;
    state.scrollTop = viewport.scrollTop;
    vscode.setState(state);
}

function showUpdate(update: PreviewUpdate): void {
    state.uri = update.uri;
    if (update.picture) {
        const { scrollLeft, scrollTop } = viewport;
        const focused = document.activeElement?.closest('.vs-step')?.getAttribute('data-name');
        makeStepsReachable(drawing.apply(update.picture), focused);
        zoom.apply();
        if (fitFirstPicture) {
            fitFirstPicture = false;
            zoom.fitWidth();
        } else {
            viewport.scrollLeft = scrollLeft;
            viewport.scrollTop = scrollTop;
        }
        if (cursor) {
            highlight(cursor.line, cursor.character);
        }
    }
    if (update.panels !== undefined) {
        panels.innerHTML = update.panels;
    }
    showProblems(update);
    saveState();
}

/** The page shows another document from now on: what it showed goes. */
function showDocument(uri: string, locked: boolean, layout: LayoutChoice): void {
    state.locked = locked;
    layoutMenu.value = layout;
    if (state.uri !== uri) {
        state.uri = uri;
        drawing.clear();
        picture.replaceChildren(placeholder());
        panels.replaceChildren();
        banner.hidden = true;
        fitFirstPicture = true;
        cursor = undefined;
    }
    saveState();
}

function placeholder(): HTMLElement {
    const paragraph = document.createElement('p');
    paragraph.className = 'placeholder';
    paragraph.textContent = 'Drawing the map…';
    return paragraph;
}

/**
 * Steps are reachable with the keyboard: each takes the focus (Tab, or the arrow keys from one
 * to the next), shows a focus ring, and Enter or Space reveals its source as a click does. The
 * step that had the focus keeps it across an update.
 */
function makeStepsReachable(placed: Element[], focusedName: string | null | undefined): void {
    for (const element of placed) {
        const steps = [
            ...(element.matches('.vs-step[data-range]') ? [element] : []),
            ...element.querySelectorAll('.vs-step[data-range]')
        ];
        for (const step of steps as SVGGElement[]) {
            step.setAttribute('tabindex', '0');
            step.setAttribute('role', 'button');
            if (focusedName && step.getAttribute('data-name') === focusedName) {
                step.focus({ preventScroll: true });
            }
        }
    }
}

const NEXT_STEP_KEYS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

picture.addEventListener('keydown', event => {
    const step = (event.target as Element).closest<SVGGElement>('.vs-step[data-range]');
    if (!step) {
        return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        const range = parseRange(step);
        if (range) {
            vscode.postMessage({ type: 'reveal', range });
        }
    } else if (NEXT_STEP_KEYS[event.key]) {
        event.preventDefault();
        const steps = [...picture.querySelectorAll<SVGGElement>('.vs-step[data-range]')];
        steps[steps.indexOf(step) + NEXT_STEP_KEYS[event.key]]?.focus();
    }
});

function showProblems(update: PreviewUpdate): void {
    const keptOld = update.undrawn === true && drawing.svg !== null;
    const lines = [...(keptOld ? ['The text does not parse; this is the last good picture.'] : []), ...update.problems];
    banner.hidden = lines.length === 0;
    banner.classList.toggle('stale', keptOld);
    banner.replaceChildren(
        ...lines.map(line => {
            const paragraph = document.createElement('p');
            paragraph.textContent = line;
            return paragraph;
        })
    );
}

function parseRange(element: Element): RangeTuple | undefined {
    const parts = element.getAttribute('data-range')?.split(':').map(Number);
    return parts && parts.length === 4 && parts.every(Number.isFinite) ? (parts as RangeTuple) : undefined;
}

function contains(
    [startLine, startCharacter, endLine, endCharacter]: RangeTuple,
    line: number,
    character: number
): boolean {
    const afterStart = line > startLine || (line === startLine && character >= startCharacter);
    const beforeEnd = line < endLine || (line === endLine && character <= endCharacter);
    return afterStart && beforeEnd;
}

function size([startLine, startCharacter, endLine, endCharacter]: RangeTuple): number {
    return (endLine - startLine) * 10_000 + endCharacter - startCharacter;
}

/** Marks the innermost step or edge whose source holds the editor's cursor. */
function highlight(line: number, character: number): void {
    let best: { element: Element; size: number } | undefined;
    for (const element of picture.querySelectorAll('.vs-step[data-range], .vs-edge[data-range]')) {
        element.classList.remove('vs-selected');
        const range = parseRange(element);
        if (range && contains(range, line, character) && (!best || size(range) < best.size)) {
            best = { element, size: size(range) };
        }
    }
    best?.element.classList.add('vs-selected');
}

async function rasterize(source: string): Promise<string> {
    const image = new Image();
    const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
    try {
        image.src = url;
        await image.decode();
        const scale = Math.min(2, MAX_CANVAS_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
        const context = canvas.getContext('2d')!;
        context.scale(scale, scale);
        context.drawImage(image, 0, 0);
        return canvas.toDataURL('image/png');
    } finally {
        URL.revokeObjectURL(url);
    }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const message = event.data;
    switch (message.type) {
        case 'update':
            showUpdate(message.update);
            // After the next frame, when the picture is on screen, the host may send a newer one.
            requestAnimationFrame(() => vscode.postMessage({ type: 'shown', version: message.update.version }));
            break;
        case 'showing':
            showDocument(message.uri, message.locked, message.layout);
            break;
        case 'highlight':
            cursor = { line: message.line, character: message.character };
            highlight(message.line, message.character);
            break;
        case 'rasterize':
            rasterize(message.svg).then(
                dataUrl => vscode.postMessage({ type: 'rasterized', requestId: message.requestId, dataUrl }),
                error => vscode.postMessage({ type: 'rasterized', requestId: message.requestId, error: String(error) })
            );
            break;
    }
});

document.addEventListener('click', event => {
    const target = event.target as Element;
    // Nothing in the preview navigates away: links are never followed.
    if (target.closest('a')) {
        event.preventDefault();
    }
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (button) {
        runAction(button.dataset.action!);
        return;
    }
    const source = target.closest('[data-range]');
    const range = source && parseRange(source);
    if (range && !zoom.dragged) {
        vscode.postMessage({ type: 'reveal', range });
    }
});

function runAction(action: string): void {
    switch (action) {
        case 'export-svg':
            vscode.postMessage({ type: 'export', format: 'svg' });
            break;
        case 'export-png':
            vscode.postMessage({ type: 'export', format: 'png' });
            break;
        default:
            zoom.run(action);
    }
}

// The layout for viewing: the host has the server draw the map again in it (the file is not changed).
layoutMenu.addEventListener('change', () => {
    vscode.postMessage({ type: 'layout', layout: layoutMenu.value as LayoutChoice });
});

zoom.apply();
vscode.postMessage({ type: 'ready' });
