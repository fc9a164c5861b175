/**
 * A map in parts: the SVG element, each stream's group, and each header, lane, edge, step and
 * ladder, under keys that stay the same from one drawing to the next. The server keeps what it
 * sent last and sends only what differs (`diff`); the extension host and the page keep the
 * picture up to date from those changes (`apply`), so that a keystroke redraws a step rather
 * than the whole map.
 */
import type { PartLayout, PictureChange } from './protocol.js';

/** One element of a map, drawn on its own. */
export interface SvgPart {
    /** The same element gets the same key in every drawing of a map. */
    key: string;
    /** The key of the group that holds it: 'svg' for the map's own children, '' for the SVG element itself. */
    parent: string;
    /** One element; a group's without the parts it holds. */
    markup: string;
}

/** The SVG text of parts: each group with its parts inside it. */
export function joinSvgParts(parts: readonly SvgPart[]): string {
    const markup = new Map(parts.map(part => [part.key, part.markup]));
    return joinLayout(
        parts.map(part => [part.key, part.parent]),
        key => markup.get(key) ?? ''
    );
}

function joinLayout(layout: PartLayout, markupOf: (key: string) => string): string {
    const children = partsByGroup(layout);
    const join = (key: string): string => {
        const markup = markupOf(key);
        const held = children.get(key);
        if (!held) {
            return markup;
        }
        const close = markup.lastIndexOf('</');
        return markup.slice(0, close) + held.map(join).join('') + markup.slice(close);
    };
    return (children.get('') ?? []).map(join).join('');
}

/** The keys of the parts each group holds, in drawing order ('' holds the SVG element). */
export function partsByGroup(layout: PartLayout): Map<string, string[]> {
    const children = new Map<string, string[]>();
    for (const [key, group] of layout) {
        const held = children.get(group);
        if (held) {
            held.push(key);
        } else {
            children.set(group, [key]);
        }
    }
    return children;
}

/** A picture kept as its parts' markup and their arrangement. */
export class PictureParts {
    private readonly markup = new Map<string, string>();
    private arrangement: PartLayout = [];

    /** Every part's key and group, in drawing order. */
    get layout(): PartLayout {
        return this.arrangement;
    }

    get empty(): boolean {
        return this.arrangement.length === 0;
    }

    markupOf(key: string): string | undefined {
        return this.markup.get(key);
    }

    /** The change from this picture to `parts`, which it becomes; undefined when they are the same. */
    diff(parts: readonly SvgPart[]): PictureChange | undefined {
        const rearranged =
            parts.length !== this.arrangement.length ||
            parts.some(
                (part, index) => part.key !== this.arrangement[index][0] || part.parent !== this.arrangement[index][1]
            );
        const changed = parts.filter(part => this.markup.get(part.key) !== part.markup);
        if (!rearranged && changed.length === 0) {
            return undefined;
        }
        const change: PictureChange = {
            ...(rearranged && { layout: parts.map(part => [part.key, part.parent] as [string, string]) }),
            parts: changed.map(part => [part.key, part.markup])
        };
        this.apply(change);
        return change;
    }

    /** Takes in a change: new or different parts, and a new arrangement that drops the parts it leaves out. */
    apply(change: PictureChange): void {
        if (change.layout) {
            this.arrangement = change.layout;
            const kept = new Set(change.layout.map(([key]) => key));
            for (const key of [...this.markup.keys()].filter(key => !kept.has(key))) {
                this.markup.delete(key);
            }
        }
        for (const [key, markup] of change.parts) {
            this.markup.set(key, markup);
        }
    }

    /** The whole picture as one change, for a page that has nothing of it. */
    whole(): PictureChange {
        return { layout: this.arrangement, parts: this.arrangement.map(([key]) => [key, this.markup.get(key) ?? '']) };
    }

    /** The picture's SVG text. */
    svg(): string {
        return joinLayout(this.arrangement, key => this.markup.get(key) ?? '');
    }
}
