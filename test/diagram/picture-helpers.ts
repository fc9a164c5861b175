/** What the diagram tests read in a picture: its layout from a text, the text it draws, boxes that overlap. */
import { layoutStream } from '../../src/diagram/index.js';
import type { Box, StreamLayout } from '../../src/diagram/layout-model.js';
import { buildWorkspace } from '../helpers.js';

export async function layoutOf(text: string): Promise<StreamLayout> {
    return layoutStream((await buildWorkspace(text)).model());
}

/** What the SVG writes as text (not in tooltips), tags inside a text element dropped, entities read. */
export function drawnTexts(svg: string): string[] {
    return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map(match =>
        match[1]
            .replace(/<[^>]+>/g, ' ')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&')
    );
}

export function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
