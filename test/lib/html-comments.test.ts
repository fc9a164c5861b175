/**
 * A ```vstream fence inside an HTML comment, through the docs-site plugins: their hosts parse
 * Markdown as CommonMark does, so the comment hides the fence and no map is drawn from it.
 */
import MarkdownIt from 'markdown-it';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import markdownItVstream from '../../src/lib/markdown-it.js';
import remarkVstream from '../../src/lib/remark.js';

const MAP = 'team A\nstream s "Shown" { step a { owner A process 1h } }';
const PAGE = [
    '<!--',
    '```vstream',
    MAP.replace('Shown', 'Hidden'),
    '```',
    '-->',
    '',
    '```vstream',
    MAP,
    '```',
    ''
].join('\n');

describe('a fence inside an HTML comment, in the docs-site plugins', { timeout: 60_000 }, () => {
    it('stays in the comment with markdown-it reading raw HTML, and shows as text where markdown-it escapes HTML', () => {
        const html = new MarkdownIt({ html: true }).use(markdownItVstream).render(PAGE);
        expect(html).toContain('Value stream map: Shown');
        expect(html).not.toContain('Value stream map: Hidden');
        expect(html.startsWith('<!--\n```vstream\n')).toBe(true);
        // Without html, markdown-it shows the comment's marks as text, and the fence between them as the map it is.
        const escaped = new MarkdownIt().use(markdownItVstream).render(PAGE);
        expect(escaped).toContain('&lt;!--');
        expect(escaped).toContain('Value stream map: Hidden');
    });

    it('stays in the comment with remark, an html node its map is not drawn from', () => {
        const tree = unified().use(remarkParse).parse(PAGE);
        remarkVstream()(tree);
        expect(tree.children.map(child => child.type)).toEqual(['html', 'vstreamMap']);
        expect(JSON.stringify(tree.children[1])).toContain('Value stream map: Shown');
    });
});
