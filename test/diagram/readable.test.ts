/**
 * Readable where a map is published: in a README's column, 880 px wide, no text of the map is
 * smaller than 11 px. Each text's size comes from the picture's own style sheet (its rules by
 * their specificity, sizes inherited), times the scale the column shows the picture at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dimensions, MIN_TEXT_SIZE, TextStyles } from '../../src/diagram/dimensions.js';
import { panelStreams, renderSvg } from '../../src/diagram/index.js';
import { renderMap } from '../../src/lib/index.js';
import { svgStyleSheet } from '../../src/theme/theme.js';
import { buildWorkspace } from '../helpers.js';

/** A README's column. */
const COLUMN = 880;

const maps = ['../../examples', '../../examples/published'].flatMap(folder =>
    readdirSync(resolve(__dirname, folder))
        .filter(file => file.endsWith('.vstream'))
        .sort()
        .map(file => ({ file, text: readFileSync(resolve(__dirname, folder, file), 'utf8') }))
);

interface Rule {
    selectors: string[][];
    size: number;
    order: number;
}

/** The rules of the SVG's style sheet that set a font size, each selector as its compound parts. */
function fontRules(svg: string): Rule[] {
    const css = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
    return [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].flatMap((match, order) => {
        const size = /font-size:\s*([0-9.]+)px/.exec(match[2]);
        return size
            ? [
                  {
                      selectors: match[1].split(',').map(selector => selector.trim().split(/\s+/)),
                      size: Number(size[1]),
                      order
                  }
              ]
            : [];
    });
}

interface Element {
    tag: string;
    id?: string;
    classes: string[];
}

function matchesCompound(compound: string, element: Element): boolean {
    const tag = /^[a-z]+/i.exec(compound)?.[0];
    const id = /#([\w-]+)/.exec(compound)?.[1];
    const classes = [...compound.matchAll(/\.([\w-]+)/g)].map(match => match[1]);
    return (
        (!tag || tag === element.tag) &&
        (!id || id === element.id) &&
        classes.every(name => element.classes.includes(name))
    );
}

/** Does a descendant selector match the last element of `chain` (its ancestors before it)? */
function matches(selector: string[], chain: Element[]): boolean {
    if (!matchesCompound(selector[selector.length - 1], chain[chain.length - 1])) {
        return false;
    }
    let at = chain.length - 2;
    for (let part = selector.length - 2; part >= 0; part--) {
        while (at >= 0 && !matchesCompound(selector[part], chain[at])) {
            at--;
        }
        if (at < 0) {
            return false;
        }
        at--;
    }
    return true;
}

function specificity(selector: string[]): number {
    const text = selector.join(' ');
    return (
        (text.match(/#/g)?.length ?? 0) * 10_000 +
        (text.match(/\./g)?.length ?? 0) * 100 +
        selector.filter(part => /^[a-z]/i.test(part)).length
    );
}

/** The font size of every text element with something to read, as the style sheet sets it (or the element inherits it). */
export function textSizes(svg: string): Array<{ text: string; size: number }> {
    const rules = fontRules(svg);
    const chain: Array<Element & { size?: number }> = [];
    const sizes: Array<{ text: string; size: number }> = [];
    for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>([^<]*)/g)) {
        const [, closing, tag, attributes, selfClosing, content] = match;
        if (closing) {
            chain.pop();
            continue;
        }
        const element: Element & { size?: number } = {
            tag,
            id: /\bid="([^"]*)"/.exec(attributes)?.[1],
            classes: /\bclass="([^"]*)"/.exec(attributes)?.[1].split(/\s+/) ?? []
        };
        chain.push(element);
        const best = rules
            .flatMap(rule =>
                rule.selectors.filter(selector => matches(selector, chain)).map(selector => ({ rule, selector }))
            )
            .sort((a, b) => specificity(b.selector) - specificity(a.selector) || b.rule.order - a.rule.order)[0];
        element.size = best?.rule.size ?? chain.at(-2)?.size;
        if (tag === 'text' && content.trim()) {
            sizes.push({ text: content, size: element.size ?? 16 });
        }
        if (selfClosing) {
            chain.pop();
        }
    }
    return sizes;
}

/** The smallest text as a column shows the picture: at its own size up to the column's width, scaled down beyond. */
function smallestShown(svg: string): { text: string; size: number } {
    const width = Number(/^<svg [^>]*?width="([0-9.]+)"/.exec(svg)![1]);
    const scale = Math.min(COLUMN, width) / width;
    const sizes = textSizes(svg).map(({ text, size }) => ({ text, size: size * scale }));
    return sizes.reduce((smallest, next) => (next.size < smallest.size ? next : smallest));
}

async function defaultSvg(text: string): Promise<string> {
    const workspace = await buildWorkspace(text);
    const streams = panelStreams([...workspace.streams.keys()].map(name => ({ model: workspace.model(name) })));
    return renderSvg(
        streams.map(stream => stream.layout),
        { palette: 'light' }
    );
}

describe('readable in a README column', () => {
    it('measures the style sheet the map is drawn with: its sizes are those text is fitted by', () => {
        const sheet = svgStyleSheet('light');
        for (const style of Object.values(TextStyles)) {
            expect(sheet, `a rule sets ${style.size} px`).toContain(`font-size: ${style.size}px`);
        }
        const sizes = [...sheet.matchAll(/font-size:\s*([0-9.]+)px/g)].map(match => Number(match[1]));
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
        expect(Dimensions.pictureWidth).toBeLessThanOrEqual(COLUMN);
    });

    for (const { file, text } of maps) {
        it(`shows no text of ${file} under ${MIN_TEXT_SIZE} px at ${COLUMN} px wide`, async () => {
            const svg = await defaultSvg(text);
            const smallest = smallestShown(svg);
            expect(smallest.size, `"${smallest.text}"`).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
            expect(Number(/^<svg [^>]*?width="([0-9.]+)"/.exec(svg)![1])).toBeLessThanOrEqual(COLUMN);
        });
    }

    it('holds for the pictures of Markdown and the library too', () => {
        for (const { file, text } of maps) {
            const { svg } = renderMap(text);
            expect(smallestShown(svg!).size, file).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
        }
    });

    it('finds the text too small at 880 px of a map drawn in one row', async () => {
        const workspace = await buildWorkspace(maps.find(map => map.file === 'new-hire.vstream')!.text);
        const { layoutStream } = await import('../../src/diagram/layout.js');
        const svg = renderSvg([layoutStream(workspace.model(), { width: Infinity })], { palette: 'light' });
        expect(smallestShown(svg).size).toBeLessThan(MIN_TEXT_SIZE);
    });
});
