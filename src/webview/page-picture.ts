/**
 * The map on the page, patched part by part: a change replaces the elements of the parts it
 * carries and moves only what its new arrangement moves, so that a keystroke touches one step
 * of a thousand instead of parsing and laying out the whole SVG again. A change that carries
 * most of the map is drawn whole, which is faster than patching it part by part.
 */
import { PictureParts, partsByGroup } from '../picture-parts.js';
import type { PartLayout, PictureChange } from '../protocol.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export class PagePicture {
    private parts = new PictureParts();
    private readonly elements = new Map<string, Element>();
    /** The keys of the parts that hold others: replacing one would drop what it holds. */
    private groups = new Set<string>();

    constructor(private readonly holder: HTMLElement) {}

    get svg(): SVGSVGElement | null {
        return this.holder.querySelector('svg');
    }

    /** Forgets the picture: the page is about to show another document. */
    clear(): void {
        this.parts = new PictureParts();
        this.elements.clear();
        this.groups.clear();
    }

    /** Shows a change; returns the elements it put on the page (a step's, or the whole map's). */
    apply(change: PictureChange): Element[] {
        const whole = this.parts.empty || change.parts.length * 2 > Math.max(this.parts.layout.length, 1);
        this.parts.apply(change);
        if (change.layout) {
            this.groups = new Set(change.layout.map(([, group]) => group));
        }
        const fresh = whole ? undefined : parseParts(change.parts.map(([, markup]) => markup));
        if (!fresh) {
            return this.redraw();
        }
        const placed = change.parts.flatMap(([key], index) => this.place(key, fresh[index]));
        if (change.layout) {
            this.arrange(change.layout);
        }
        return placed;
    }

    /** Puts a part's new element in place of its old one; a group keeps its element (and what it holds) and takes the new attributes. */
    private place(key: string, element: Element): Element[] {
        const old = this.elements.get(key);
        if (old && this.groups.has(key)) {
            copyAttributes(element, old);
            return [];
        }
        old?.replaceWith(element);
        this.elements.set(key, element);
        return [element];
    }

    /** Removes the parts that went and puts every group's parts in order, moving only those out of place. */
    private arrange(layout: PartLayout): void {
        const kept = new Set(layout.map(([key]) => key));
        for (const [key, element] of this.elements) {
            if (!kept.has(key)) {
                element.remove();
                this.elements.delete(key);
            }
        }
        for (const [group, keys] of partsByGroup(layout)) {
            const parent = group === '' ? this.holder : this.elements.get(group);
            let next = parent?.firstElementChild ?? null;
            for (const element of keys.flatMap(key => this.elements.get(key) ?? [])) {
                if (element === next) {
                    next = next.nextElementSibling;
                } else {
                    parent?.insertBefore(element, next);
                }
            }
        }
    }

    /** Draws the whole map from its text, then finds each part's element. */
    private redraw(): Element[] {
        this.holder.innerHTML = this.parts.svg();
        this.elements.clear();
        const children = partsByGroup(this.parts.layout);
        const index = (parent: Element, group: string): void => {
            (children.get(group) ?? []).forEach((key, position) => {
                const element = parent.children[position];
                if (element) {
                    this.elements.set(key, element);
                    index(element, key);
                }
            });
        };
        index(this.holder, '');
        return [...this.holder.children];
    }
}

/** The elements of parts, in one parse: undefined if the markup is not one element a part. */
function parseParts(markup: string[]): Element[] | undefined {
    const scratch = document.createElementNS(SVG_NS, 'svg');
    scratch.innerHTML = markup.join('');
    const elements = [...scratch.children];
    return elements.length === markup.length ? elements : undefined;
}

function copyAttributes(from: Element, to: Element): void {
    for (const name of to.getAttributeNames().filter(name => !from.hasAttribute(name))) {
        to.removeAttribute(name);
    }
    for (const name of from.getAttributeNames()) {
        to.setAttribute(name, from.getAttribute(name)!);
    }
}
