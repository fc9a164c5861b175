/**
 * Text on the map reads at WCAG 2's 4.5:1 (normal text: every label is 9–18 px) in both file
 * palettes, for every colour of text on every surface it sits on (theme.ts says where).
 */
import { describe, expect, it } from 'vitest';
import { fileColours, TEXT_ON_BACKGROUNDS, type FilePalette } from '../../src/theme/theme.js';

/** sRGB channel (0–255) to linear light, as WCAG 2.1 defines it. */
function linear(channel: number): number {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function relativeLuminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map(start => parseInt(hex.slice(start, start + 2), 16));
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrastRatio(a: string, b: string): number {
    const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
    return (lighter + 0.05) / (darker + 0.05);
}

describe('contrast of the map’s text', () => {
    it('computes the WCAG ratio of known pairs', () => {
        expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
        expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
        expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    });

    for (const palette of ['light', 'dark'] as FilePalette[]) {
        it(`reaches 4.5:1 for every text colour where it sits (${palette})`, () => {
            const colours = fileColours(palette);
            const failing = TEXT_ON_BACKGROUNDS.flatMap(({ text, on }) =>
                on
                    .map(background => ({
                        pair: `${text} ${colours[text]} on ${background} ${colours[background]}`,
                        ratio: contrastRatio(colours[text], colours[background])
                    }))
                    .filter(({ ratio }) => ratio < 4.5)
                    .map(({ pair, ratio }) => `${pair}: ${ratio.toFixed(2)}`)
            );
            expect(failing).toEqual([]);
        });
    }
});
