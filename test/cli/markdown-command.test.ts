/** The image line a map becomes in a Markdown document, read back by real Markdown parsers. */
import MarkdownIt from 'markdown-it';
import type { Image, Paragraph } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { imageMarkdown } from '../../src/cli/markdown-command.js';

/** The image's alt and target as CommonMark reads them (micromark, through remark). */
function readByRemark(markdown: string): { alt: string; url: string } {
    const tree = unified().use(remarkParse).parse(markdown);
    expect(tree.children).toHaveLength(1);
    const paragraph = tree.children[0] as Paragraph;
    expect(paragraph.children).toHaveLength(1);
    const image = paragraph.children[0] as Image;
    expect(image.type).toBe('image');
    return { alt: image.alt ?? '', url: image.url };
}

/**
 * The same by markdown-it, from its tokens: the alt is the text of the image's description, with
 * no markup in it. (markdown-it 14's own alt attribute drops escaped characters, a known bug:
 * markdown-it/markdown-it#1142.)
 */
function readByMarkdownIt(markdown: string): { alt: string; url: string } {
    const inline = new MarkdownIt({ html: true }).parseInline(markdown, {})[0];
    expect(inline.children).toHaveLength(1);
    const image = inline.children![0];
    expect(image.type).toBe('image');
    expect(image.children!.every(child => child.type === 'text' || child.type === 'text_special')).toBe(true);
    return { alt: image.children!.map(child => child.content).join(''), url: image.attrGet('src') ?? '' };
}

const ALTS = [
    'Value stream map: Listed *bold* _x_ `code` **strong** ~~gone~~ — lead time 2 h',
    'A [link](http://example.com) and ![an image](x.png) and <b>html</b> <https://auto.link>',
    'Back\\slash\\ at the end \\',
    'Entities &amp; &copy; &#42; and & alone',
    '# not a heading, - not a list, 1. not a list, > not a quote, | not a table |',
    'Stars * and _ alone, ** and __, `` double ``, ~single~, trailing *',
    'Pipes | and colons: and hashes # and plus + and exclamation! and (parens) and {braces}',
    ...Array.from({ length: 20 }, (_, seed) => randomText(seed))
];

/** Text mixing every ASCII punctuation mark with words and spaces, as a title might. */
function randomText(seed: number): string {
    const pieces = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', 'a', 'word', ' ', '  ', '1.', '**', '<b>', '&amp;'];
    let state = seed + 1;
    const next = () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state;
    };
    return `T${Array.from({ length: 40 }, () => pieces[next() % pieces.length]).join('')}`;
}

describe('the image line of a map', () => {
    it('has the alt text as written, whatever it holds, read by remark and by markdown-it', () => {
        for (const alt of ALTS) {
            const expected = alt.replace(/\s+/g, ' ').trim();
            const line = imageMarkdown(alt, 'doc-1-s.svg');
            expect(readByRemark(line), line).toEqual({ alt: expected, url: 'doc-1-s.svg' });
            expect(readByMarkdownIt(line), line).toEqual({ alt: expected, url: 'doc-1-s.svg' });
        }
    });

    it('links to an image whose name holds spaces or parentheses', () => {
        const line = imageMarkdown('Map', 'my (old) doc-1-s.svg');
        expect(readByRemark(line).url).toBe('my%20%28old%29%20doc-1-s.svg');
        expect(decodeURIComponent(readByMarkdownIt(line).url)).toBe('my (old) doc-1-s.svg');
    });
});
