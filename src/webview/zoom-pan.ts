/**
 * Zoom and pan of a map, for the map preview and the maps drawn in the Markdown preview: the
 * wheel with Ctrl zooms about the pointer, Ctrl and + / - / 0 zoom from the keyboard, a drag
 * pans. Zoom scales the element holding the SVG on the compositor (a CSS transform) instead of
 * resizing the SVG, so a map of thousands of steps is neither laid out nor painted again at each
 * step of the wheel. The transform sits on that holder, not on the SVG: Chromium repaints an SVG
 * whose own transform changes, which takes half a second at 5,000 steps. The map element takes
 * the scaled size so that scrolling covers the whole picture.
 */
const MIN_ZOOM = 0.05,
    MAX_ZOOM = 4;

/** The elements of a zoomable map: the scrolling viewport, the sized map, the scaled holder of the SVG, the zoom's label. */
export interface ZoomView {
    viewport: HTMLElement;
    map: HTMLElement;
    picture: HTMLElement;
    label: HTMLElement;
}

export class ZoomPan {
    /** Was the last press of the mouse a drag? Then it is not a click. */
    dragged = false;
    private drag?: { x: number; y: number; left: number; top: number };

    /** `changed`: the zoom or the scroll changed (to be saved). */
    constructor(
        private readonly view: ZoomView,
        public zoom: number,
        private readonly changed: () => void
    ) {
        this.listen();
    }

    /** Sizes the holder to the SVG and scales it. */
    apply(): void {
        const svg = this.view.picture.querySelector('svg');
        if (svg) {
            const width = Number(svg.getAttribute('width')),
                height = Number(svg.getAttribute('height'));
            this.view.picture.style.width = `${width}px`;
            this.view.picture.style.height = `${height}px`;
            this.view.picture.style.transform = `scale(${this.zoom})`;
            this.view.map.style.width = `${width * this.zoom}px`;
            this.view.map.style.height = `${height * this.zoom}px`;
        }
        this.view.label.textContent = `${Math.round(this.zoom * 100)}%`;
    }

    /** Zooms keeping the point under (clientX, clientY) in place; the viewport's middle by default. */
    zoomTo(zoom: number, clientX?: number, clientY?: number): void {
        const { viewport } = this.view;
        const bounds = viewport.getBoundingClientRect();
        const atX = (clientX ?? bounds.left + viewport.clientWidth / 2) - bounds.left;
        const atY = (clientY ?? bounds.top + viewport.clientHeight / 2) - bounds.top;
        const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
        const x = (viewport.scrollLeft + atX) / this.zoom;
        const y = (viewport.scrollTop + atY) / this.zoom;
        this.zoom = next;
        this.apply();
        viewport.scrollLeft = x * next - atX;
        viewport.scrollTop = y * next - atY;
        this.changed();
    }

    /** The whole width of the map in view, never larger than its own size unless `grow`. */
    fitWidth(grow = true): void {
        const svg = this.view.picture.querySelector('svg');
        if (svg) {
            const fit = (this.view.viewport.clientWidth - 8) / Number(svg.getAttribute('width'));
            this.zoomTo(Math.max(MIN_ZOOM, grow ? fit : Math.min(1, fit)));
            this.view.viewport.scrollLeft = 0;
        }
    }

    /**
     * How a map opens: at its own size, where its smallest text is 11 px, as in a README. The map
     * is wrapped to a README's column (880 px), so a panel that wide shows its whole width; a
     * narrower one scrolls rather than shrink the text below reading (fit-to-width stays a click away).
     */
    openReadable(): void {
        this.zoomTo(1);
        this.view.viewport.scrollLeft = 0;
        this.view.viewport.scrollTop = 0;
    }

    /** The toolbar's and the keyboard's actions. */
    run(action: string): void {
        if (action === 'zoom-in') {
            this.zoomTo(this.zoom * 1.25);
        } else if (action === 'zoom-out') {
            this.zoomTo(this.zoom / 1.25);
        } else if (action === 'fit') {
            this.fitWidth();
        }
    }

    private listen(): void {
        const { viewport } = this.view;
        viewport.addEventListener('wheel', event => this.wheel(event), { passive: false });
        viewport.addEventListener('keydown', event => this.key(event));
        viewport.addEventListener('mousedown', event => {
            if (event.button === 0) {
                this.drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
                this.dragged = false;
            }
        });
        window.addEventListener('mousemove', event => this.pan(event));
        window.addEventListener('mouseup', () => {
            if (this.drag) {
                this.drag = undefined;
                this.changed();
            }
        });
        viewport.addEventListener('scroll', () => this.changed(), { passive: true });
    }

    private wheel(event: WheelEvent): void {
        if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            this.zoomTo(this.zoom * Math.exp(-event.deltaY / 300), event.clientX, event.clientY);
        }
    }

    private key(event: KeyboardEvent): void {
        const actions: Record<string, string> = { '=': 'zoom-in', '+': 'zoom-in', '-': 'zoom-out', '0': 'fit' };
        if ((event.ctrlKey || event.metaKey) && actions[event.key]) {
            event.preventDefault();
            this.run(actions[event.key]);
        }
    }

    private pan(event: MouseEvent): void {
        if (this.drag) {
            const dx = event.clientX - this.drag.x,
                dy = event.clientY - this.drag.y;
            this.dragged ||= Math.abs(dx) + Math.abs(dy) > 4;
            this.view.viewport.scrollLeft = this.drag.left - dx;
            this.view.viewport.scrollTop = this.drag.top - dy;
        }
    }
}
