/**
 * The texts a map's SVG draws, each with the font size and weight the style sheet gives it:
 * what a file's font is subset to (embedded-font.ts) and what is drawn as outlines
 * (text-paths.ts). Read back from the SVG that renderSvg wrote, so that no part of drawing has
 * to say twice how its texts look; the style sheet is the map's own (theme.ts), whose selectors
 * are classes, element names and descendants. Pure: no Node API.
 */
import { mapStyleRules } from '../theme/theme.js';
import type { FontWeight } from './text-width.js';

export interface DrawnText {
    /** Where the `<text …>…</text>` element starts and ends in the SVG. */
    start: number;
    end: number;
    /** The element's class attribute and position. */
    classes: string;
    x: number;
    y: number;
    anchor: 'start' | 'middle' | 'end';
    /** What it says, unescaped, as it is drawn: its own text and that of each `<tspan>` in it, in order. */
    runs: TextRun[];
}

/** A stretch of a text in one font: the text's own, or a `<tspan>`'s, shifted by its `dx`. */
export interface TextRun {
    content: string;
    size: number;
    weight: FontWeight;
    /** Pixels of room before the run. */
    dx: number;
}

interface Compound {
    tag?: string;
    classes: string[];
}

interface FontRule {
    /** Compounds of a descendant selector, outermost first. */
    compounds: Compound[];
    specificity: number;
    order: number;
    size?: number;
    weight?: FontWeight;
}

interface Element {
    tag: string;
    classes: string[];
    size: number;
    weight: FontWeight;
}

function parseCompound(text: string): Compound {
    const [tag, ...classes] = text.replace(/\[[^\]]*\]/g, '').split('.');
    return { tag: tag || undefined, classes };
}

/** The rules of the map's style sheet that set a font size or weight, parsed once. */
const FONT_RULES: FontRule[] = mapStyleRules().flatMap(({ selectors, declarations }, order) => {
    const size = /font-size:\s*([0-9.]+)px/.exec(declarations)?.[1];
    const weight = /font-weight:\s*([a-z0-9]+)/.exec(declarations)?.[1];
    if (size === undefined && weight === undefined) {
        return [];
    }
    return selectors.map(selector => {
        const compounds = selector.trim().split(/\s+/).map(parseCompound);
        const classes = compounds.reduce((sum, compound) => sum + compound.classes.length, 0);
        const tags = compounds.filter(compound => compound.tag).length;
        return {
            compounds,
            specificity: classes * 100 + tags,
            order,
            size: size === undefined ? undefined : Number(size),
            weight:
                weight === undefined ? undefined : Number(weight) >= 550 || weight === 'bold' ? 'semibold' : 'regular'
        } satisfies FontRule;
    });
});
FONT_RULES.sort((a, b) => a.specificity - b.specificity || a.order - b.order);

function matchesCompound(element: Element, compound: Compound): boolean {
    return (
        (compound.tag === undefined || compound.tag === element.tag) &&
        compound.classes.every(name => element.classes.includes(name))
    );
}

/** Does a descendant selector match the last element of `path` (its ancestors before it)? */
function matches(rule: FontRule, path: Element[]): boolean {
    const { compounds } = rule;
    if (!matchesCompound(path[path.length - 1], compounds[compounds.length - 1])) {
        return false;
    }
    let want = compounds.length - 2;
    for (let index = path.length - 2; index >= 0 && want >= 0; index--) {
        if (matchesCompound(path[index], compounds[want])) {
            want--;
        }
    }
    return want < 0;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", apos: "'" };

export function unescapeXml(text: string): string {
    return text.replace(/&(lt|gt|amp|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]);
}

function attribute(attributes: string, name: string): string | undefined {
    return new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
}

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"]|"[^"]*")*?)(\/?)>/g;
/** Elements whose content is not drawn (and holds no tags). */
const NOT_DRAWN = new Set(['style', 'title', 'desc', 'script']);

/** The element `tag` with `attributes` as the last of `path`, styled by the rules that match it and what it inherits. */
function styled(path: Element[], tag: string, attributes: string): Element {
    const parent = path[path.length - 1];
    const element: Element = {
        tag,
        classes: (attribute(attributes, 'class') ?? '').split(/\s+/).filter(Boolean),
        size: parent?.size ?? 16,
        weight: parent?.weight ?? 'regular'
    };
    const within = [...path, element];
    for (const rule of FONT_RULES) {
        if (matches(rule, within)) {
            element.size = rule.size ?? element.size;
            element.weight = rule.weight ?? element.weight;
        }
    }
    return element;
}

const TSPAN = /<tspan\b((?:[^>"]|"[^"]*")*)>([^<]*)<\/tspan>/g;

/** A text's content as runs: its own characters, and each `<tspan>` (one level, as the map writes them) in its own font. */
function runsOf(content: string, path: Element[]): TextRun[] {
    const text = path[path.length - 1];
    const runs: TextRun[] = [];
    const own = (characters: string) => {
        if (characters) {
            runs.push({ content: unescapeXml(characters), size: text.size, weight: text.weight, dx: 0 });
        }
    };
    let at = 0;
    for (const match of content.matchAll(TSPAN)) {
        own(content.slice(at, match.index));
        const span = styled(path, 'tspan', match[1]);
        runs.push({
            content: unescapeXml(match[2]),
            size: span.size,
            weight: span.weight,
            dx: Number(attribute(match[1], 'dx') ?? 0)
        });
        at = match.index + match[0].length;
    }
    own(content.slice(at));
    return runs;
}

/** Every `<text>` element of an SVG that renderSvg wrote, in document order. */
export function drawnTexts(svg: string): DrawnText[] {
    const texts: DrawnText[] = [];
    const path: Element[] = [];
    TAG.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = TAG.exec(svg))) {
        const [whole, closing, tag, attributes, selfClosing] = match;
        if (closing) {
            path.pop();
            continue;
        }
        path.push(styled(path, tag, attributes));
        if (selfClosing) {
            path.pop();
        } else if (NOT_DRAWN.has(tag) || tag === 'text') {
            const close = svg.indexOf(`</${tag}>`, TAG.lastIndex);
            const end = close < 0 ? svg.length : close + tag.length + 3;
            if (tag === 'text') {
                const anchor = attribute(attributes, 'text-anchor');
                texts.push({
                    start: match.index,
                    end,
                    classes: attribute(attributes, 'class') ?? '',
                    x: Number(attribute(attributes, 'x') ?? 0),
                    y: Number(attribute(attributes, 'y') ?? 0),
                    anchor: anchor === 'middle' || anchor === 'end' ? anchor : 'start',
                    runs: runsOf(svg.slice(match.index + whole.length, close < 0 ? end : close), path)
                });
            }
            path.pop();
            TAG.lastIndex = end;
        }
    }
    return texts;
}
