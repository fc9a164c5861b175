/**
 * The maps of ```vstream blocks in VS Code's Markdown preview, zoomed and panned as in the map
 * preview: a toolbar above each map, Ctrl and the wheel, Ctrl and + / - / 0, a drag. Each map's
 * zoom is kept (by its place in the document) when the preview redraws the document as it is
 * typed. The preview loads this script beside its own; it builds no HTML from text.
 */
import { ZoomPan } from './zoom-pan.js';

/** The zoom of each map, by its place among the document's maps. */
const zooms = new Map<number, number>();

function button(action: string, text: string, title: string): HTMLButtonElement {
    const element = document.createElement('button');
    element.type = 'button';
    element.dataset.action = action;
    element.textContent = text;
    element.title = title;
    element.setAttribute('aria-label', title);
    return element;
}

function element(tag: string, className: string): HTMLElement {
    const created = document.createElement(tag);
    created.className = className;
    return created;
}

/** Puts a map in a zoomable viewport under its toolbar, at the zoom it had, or fitted to the width if wider. */
function zoomable(fence: Element, svg: SVGSVGElement, index: number): void {
    const label = element('span', 'vstream-zoom-label');
    const toolbar = element('div', 'vstream-zoom-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Map');
    toolbar.append(
        button('zoom-out', '−', 'Zoom out (Ctrl+-)'),
        label,
        button('zoom-in', '+', 'Zoom in (Ctrl+=)'),
        button('fit', 'Fit width', 'Fit to width')
    );
    const viewport = element('div', 'vstream-zoom-viewport');
    viewport.tabIndex = 0;
    viewport.setAttribute('aria-label', 'Value stream map');
    const map = element('div', 'vstream-zoom-map');
    const picture = element('div', 'vstream-zoom-picture');
    svg.replaceWith(toolbar, viewport);
    picture.append(svg);
    map.append(picture);
    viewport.append(map);
    const saved = zooms.get(index);
    const zoom = new ZoomPan({ viewport, map, picture, label }, saved ?? 1, () => zooms.set(index, zoom.zoom));
    toolbar.addEventListener('click', event => {
        const action = (event.target as Element).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
        if (action) {
            zoom.run(action);
        }
    });
    zoom.apply();
    if (saved === undefined) {
        zoom.fitWidth(false);
    }
    fence.classList.add('vstream-zoomable');
}

function enhance(): void {
    document.querySelectorAll('.vstream-fence').forEach((fence, index) => {
        const svg = fence.querySelector<SVGSVGElement>(':scope > svg.vs-map');
        if (svg) {
            zoomable(fence, svg, index);
        }
    });
}

// The preview puts the document in after this script may have run, and redraws it as it is
// typed (not always saying so with its update event): maps are made zoomable as they come.
let scheduled = false;
new MutationObserver(() => {
    if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(() => {
            scheduled = false;
            enhance();
        });
    }
}).observe(document.documentElement, { childList: true, subtree: true });
enhance();
