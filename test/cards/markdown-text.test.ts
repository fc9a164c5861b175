import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fieldTable } from '../../src/cards/markdown-text.js';

const markdown = new MarkdownIt({ html: true });

describe('user text in Markdown', () => {
    it.each([
        ['# heading'],
        ['## heading'],
        ['- item'],
        ['+ item'],
        ['* item'],
        ['1. first'],
        ['2) second'],
        ['> quote'],
        ['    indented code'],
        ['***'],
        ['---'],
        ['a\n# b'],
        ['a\n\n- b'],
        ['`code`'],
        ['**bold** _em_ ~~gone~~'],
        ['[x](http://evil)'],
        ['![x](http://evil/i.png)'],
        ['<b>html</b>'],
        ['&amp; &lt;']
    ])('%j stays plain words in a list item', text => {
        const html = markdown.render(`- ${escapeMarkdown(text)}`).trim();
        expect(html).toMatch(/^<ul>\n<li>[^<]*<\/li>\n<\/ul>$/);
        // The words themselves survive, with line breaks as spaces.
        const words = listItemText(html);
        expect(words).toBe(text.replace(/\s+/g, ' ').trim());
    });

    it('keeps a pipe inside its table cell', () => {
        const html = markdown.render(fieldTable([['Carries', escapeMarkdown('quote | invoice')]]));
        expect(html).toContain('<td>quote | invoice</td>');
    });
});

/** The text of the one list item of `html`, entities decoded. */
function listItemText(html: string): string {
    const inner = /<li>([^<]*)<\/li>/.exec(html)?.[1] ?? '';
    return inner
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
}
