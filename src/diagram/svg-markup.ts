/** The small pieces of SVG markup every part of the map is written with. */
import type { SourceRange } from '../analysis/stream-model.js';
import type { Box } from './layout-model.js';
import { escapeXml } from './svg-text.js';

export function startKey(range: SourceRange): string {
    return `${range.start.line}:${range.start.character}`;
}

export function n(value: number): string {
    return String(Math.round(value * 10) / 10);
}

export function rangeAttribute(range: SourceRange | undefined): string {
    return range
        ? ` data-range="${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}"`
        : '';
}

export function text(x: number, y: number, content: string, className = '', extra = ''): string {
    return `<text x="${n(x)}" y="${n(y)}"${className ? ` class="${className}"` : ''}${extra}>${escapeXml(content)}</text>`;
}

export function boxAttributes(box: Box): string {
    return `x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}"`;
}
