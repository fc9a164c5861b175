/**
 * The markdown-it plugin for docs sites (VitePress, Eleventy, VuePress, plain markdown-it): each
 * ```vstream fence becomes its map, in a fixed palette. For VitePress, pass `vPre: true`.
 */
import type MarkdownIt from 'markdown-it';
import { vstreamFences } from '../markdown/vstream-fence.js';

export interface MarkdownItVstreamOptions {
    /** The maps' palette (default 'light'). */
    theme?: 'light' | 'dark';
    /** Marks each map v-pre: VitePress compiles pages as Vue templates, where {{ … }} in a label would be an expression. */
    vPre?: boolean;
}

export default function markdownItVstream(md: MarkdownIt, options: MarkdownItVstreamOptions = {}): void {
    vstreamFences(md, { palette: options.theme ?? 'light', vPre: options.vPre });
}
