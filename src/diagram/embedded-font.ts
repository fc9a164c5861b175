/**
 * A file's SVG carries the font it was measured with: the characters its texts use, per weight,
 * and the @font-face rules that bring the subset of Inter holding them (data URIs), so that a
 * browser without Inter draws the map as it was laid out. Pure: the command subsets the font
 * (src/cli/inter-font.ts); the editor's preview embeds nothing (it draws in the editor's font,
 * and its page admits no font from data:).
 */
import { drawnTexts } from './drawn-texts.js';
import type { FontWeight } from './text-width.js';

/** The characters each weight draws, in code point order. */
export function usedCharacters(svg: string): Record<FontWeight, number[]> {
    const used: Record<FontWeight, Set<number>> = { regular: new Set(), semibold: new Set() };
    for (const run of drawnTexts(svg).flatMap(text => text.runs)) {
        for (const character of run.content.normalize('NFC')) {
            used[run.weight].add(character.codePointAt(0)!);
        }
    }
    return {
        regular: [...used.regular].sort((a, b) => a - b),
        semibold: [...used.semibold].sort((a, b) => a - b)
    };
}

export interface EmbeddedFace {
    weight: FontWeight;
    /** A WOFF file, in base64. */
    woff: string;
}

const CSS_WEIGHTS: Record<FontWeight, number> = { regular: 400, semibold: 600 };

/** The SVG with @font-face rules for the faces at the start of its style sheet. */
export function withEmbeddedFont(svg: string, faces: readonly EmbeddedFace[]): string {
    const rules = faces
        .map(
            face =>
                `@font-face { font-family: 'Inter'; font-style: normal; font-weight: ${CSS_WEIGHTS[face.weight]}; src: url(data:font/woff;base64,${face.woff}) format('woff'); }`
        )
        .join('\n');
    const style = svg.indexOf('<style>');
    return rules && style >= 0 ? `${svg.slice(0, style + 7)}\n${rules}${svg.slice(style + 7)}` : svg;
}
