/**
 * The remark plugin (unified, Docusaurus, Astro, MDX): each ```vstream code block becomes its
 * map. The map is hung on the tree as hast (data.hName, hProperties, hChildren), not as raw
 * HTML, so that remark-rehype turns it into elements with no `allowDangerousHtml`, and MDX,
 * which refuses raw HTML, compiles it like any other element.
 */
import { fromHtml } from 'hast-util-from-html';
import type { ElementContent } from 'hast';
import type { Code, Parent, Root } from 'mdast';
import { createStandaloneBuilder, type StandaloneBuilder } from '../language/vstream-module.js';
import { fenceHtml, isVstreamFence } from '../markdown/vstream-fence.js';

export interface RemarkVstreamOptions {
    /** The maps' palette (default 'light'). */
    theme?: 'light' | 'dark';
}

/** The node a ```vstream block becomes: remark-rehype makes a div of it, holding the map. */
export interface VstreamMapNode {
    type: 'vstreamMap';
    data: { hName: 'div'; hProperties: Record<string, string>; hChildren: ElementContent[] };
}

declare module 'mdast' {
    interface RootContentMap {
        vstreamMap: VstreamMapNode;
    }
}

export default function remarkVstream(options: RemarkVstreamOptions = {}): (tree: Root) => void {
    let builder: StandaloneBuilder | undefined;
    return tree => {
        let maps = 0;
        const visit = (parent: Parent) => {
            parent.children.forEach((child, index) => {
                if (child.type === 'code' && isVstreamFence(child.lang ?? '')) {
                    builder ??= createStandaloneBuilder();
                    parent.children[index] = mapNode(builder, child, options.theme ?? 'light', ++maps);
                } else if ('children' in child) {
                    visit(child);
                }
            });
        };
        visit(tree);
    };
}

function mapNode(builder: StandaloneBuilder, code: Code, palette: 'light' | 'dark', index: number): VstreamMapNode {
    const html = fenceHtml(builder, code.value, {
        palette,
        firstLine: (code.position?.start.line ?? 0) + 1,
        idPrefix: `vstream-map-${index}`
    });
    const div = fromHtml(html, { fragment: true }).children[0];
    return {
        type: 'vstreamMap',
        data: {
            hName: 'div',
            hProperties: { className: 'vstream-fence' },
            hChildren: div.type === 'element' ? div.children : []
        }
    };
}
