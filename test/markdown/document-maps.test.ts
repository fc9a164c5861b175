import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { drawnLines, replaceBlocks, splitLines, vstreamFences, type Fence } from '../../src/markdown/document-maps.js';

const MAP = 'team A\nstream s { step a { owner A process 1h } }';

function fencesOf(document: string): Fence[] {
    return vstreamFences(document, splitLines(document));
}

/** The texts of the fences found, to tell which were. */
function found(document: string): string[] {
    return fencesOf(document).map(fence => fence.text.trim());
}

describe('the vstream fences of a document, as CommonMark reads it', () => {
    it('leaves out a fence inside an HTML comment, over many lines, with other comments around', () => {
        const document = [
            '<!-- one line -->',
            '```vstream',
            'shown 1',
            '```',
            '',
            '<!--',
            'a comment over many lines',
            '',
            '```vstream',
            'hidden',
            '```',
            '',
            '~~~ vstream',
            'hidden too',
            '~~~',
            '-->',
            '',
            '<!-- ends on the fence’s closing line',
            '```vstream',
            'hidden as well',
            '``` -->',
            '```vstream',
            'shown 2',
            '```'
        ].join('\n');
        expect(found(document)).toEqual(['shown 1', 'shown 2']);
    });

    it('keeps a comment written inside a fence as the fence’s text', () => {
        const document = '```vstream\n// <!-- not a comment here\nteam A\n```\n-->\n';
        expect(found(document)).toEqual(['// <!-- not a comment here\nteam A']);
    });

    it('reads a comment indented up to three spaces, in a list or a quote, and a fence in another fence, as no fence', () => {
        const document = [
            '   <!--',
            '```vstream',
            'indented comment',
            '```',
            '-->',
            '',
            '- item',
            '',
            '  <!--',
            '  ```vstream',
            '  in a list item',
            '  ```',
            '  -->',
            '',
            '> <!--',
            '> ```vstream',
            '> in a quote',
            '> ```',
            '> -->',
            '',
            '````md',
            '```vstream',
            'an example of a fence',
            '```',
            '````'
        ].join('\n');
        expect(found(document)).toEqual([]);
    });

    it('takes a line indented four spaces for code, and a comment opened inside a paragraph for text: the fence after them is one', () => {
        // Four spaces make an indented code block, not HTML; a fence interrupts a paragraph, so
        // the paragraph's `<!--` never opened a comment (GitHub shows this fence as code).
        expect(found('    <!--\n```vstream\nafter code\n```\n-->\n')).toEqual(['after code']);
        expect(found('Some text <!--\n```vstream\nafter text\n```\n-->\n')).toEqual(['after text']);
    });
});

/** The document with each fence drawn as `image`, kept under it when `keepSource`. */
function rewrite(document: string, keepSource: boolean): string {
    const lines = splitLines(document);
    const fences = vstreamFences(document, lines);
    const drawn = new Map(
        fences.map((fence, index) => [
            fence,
            drawnLines(fence, lines, `![Value stream map ${index + 1}](doc-${index + 1}-s.svg)`, keepSource)
        ])
    );
    return replaceBlocks(lines, drawn);
}

const DOCUMENT = [
    '# Maps',
    '',
    '```vstream',
    MAP,
    '```',
    'Text right after.',
    '',
    '- a list',
    '  - ```vstream',
    '    team B',
    '    ```',
    '',
    '> ~~~~vstream',
    '> team C',
    '> ~~~~',
    '',
    '```vstream',
    'team D (the fence is not closed)'
].join('\r\n');

describe('a document rewritten in place', () => {
    it('keeps each fence, unchanged, in a collapsed <details> under its image, in its list or quote', () => {
        const once = rewrite(DOCUMENT, true);
        expect(once).toBe(
            [
                '# Maps',
                '',
                '![Value stream map 1](doc-1-s.svg)',
                '',
                '<details><summary>vstream source</summary>',
                '',
                '```vstream',
                MAP,
                '```',
                '',
                '</details>',
                '',
                'Text right after.',
                '',
                '- a list',
                '  - ![Value stream map 2](doc-2-s.svg)',
                '',
                '    <details><summary>vstream source</summary>',
                '',
                '    ```vstream',
                '    team B',
                '    ```',
                '',
                '    </details>',
                '',
                '> ![Value stream map 3](doc-3-s.svg)',
                '>',
                '> <details><summary>vstream source</summary>',
                '>',
                '> ~~~~vstream',
                '> team C',
                '> ~~~~',
                '>',
                '> </details>',
                '',
                '![Value stream map 4](doc-4-s.svg)',
                '',
                '<details><summary>vstream source</summary>',
                '',
                '```vstream',
                'team D (the fence is not closed)',
                '```',
                '',
                '</details>'
            ].join('\r\n')
        );
        // Read as Markdown, the images and the fences are all there, the text after them a paragraph of its own.
        const tokens = new MarkdownIt({ html: true }).parse(once, {});
        expect(tokens.filter(token => token.type === 'fence').map(token => token.content)).toEqual([
            `${MAP}\n`,
            'team B\n',
            'team C\n',
            'team D (the fence is not closed)\n'
        ]);
        expect(new MarkdownIt({ html: true }).render(once)).toContain('<p>Text right after.</p>');
    });

    it('draws the kept fences again the next time, the document otherwise as it was', () => {
        const once = rewrite(DOCUMENT, true);
        const texts = (document: string) => fencesOf(document).map(fence => fence.text.trimEnd());
        expect(texts(once)).toEqual(texts(DOCUMENT));
        expect(rewrite(once, true)).toBe(once);
    });

    it('draws a kept fence whose image is gone, or that a copy of the document gets, once', () => {
        const once = rewrite(DOCUMENT, true);
        const withoutImage = once.replace('![Value stream map 1](doc-1-s.svg)\r\n\r\n', '');
        expect(rewrite(withoutImage, true)).toBe(once);
        // Rendered to another file, the document shows the images alone, as if never rewritten
        // (but for the blank line that parted the text after a fence from the raw HTML).
        expect(rewrite(once, false)).toBe(
            rewrite(DOCUMENT, false).replace('(doc-1-s.svg)\r\n', '(doc-1-s.svg)\r\n\r\n')
        );
    });
});
