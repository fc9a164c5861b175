import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { vstreamFences } from '../../src/markdown/vstream-fence.js';
import { WORKED_EXAMPLE as example } from '../fixtures.js';

function markdown(): MarkdownIt {
    return new MarkdownIt({ html: true }).use(vstreamFences, { palette: 'light' });
}

function fence(text: string, info = 'vstream'): string {
    return `\`\`\`${info}\n${text}\n\`\`\`\n`;
}

function count(text: string, part: string): number {
    return text.split(part).length - 1;
}

describe('```vstream fences in Markdown', () => {
    it('draws each fence as its own map, with ids that do not clash', () => {
        const html = markdown().render(
            `# Our streams\n\n${fence(example)}\nSome text.\n\n${fence('team A\nstream small "Small one" { step a { owner A } }')}`
        );
        expect(count(html, '<svg ')).toBe(2);
        expect(html).toContain('Value stream map: Customer onboarding');
        expect(html).toContain('Value stream map: Small one');
        const titleIds = [...html.matchAll(/<title id="([^"]+)"/g)].map(match => match[1]);
        expect(new Set(titleIds).size).toBe(2);
        const markerReferences = [...html.matchAll(/marker-end="url\(#([^)]+)\)"/g)].map(match => match[1]);
        for (const reference of markerReferences) {
            expect(html).toContain(`<marker id="${reference}"`);
        }
        expect(html).toContain('<p>Some text.</p>');
    });

    it('leaves other fences to markdown-it', () => {
        const html = markdown().render(fence('const a = 1 < 2;', 'ts'));
        expect(html).toBe('<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>\n');
    });

    it('resolves the teams a fence declares, and marks what it does not', () => {
        const html = markdown().render(
            fence('team A "Alpha"\nstream s { step a { owner A } step b { owner Nobody } flow a -> b }')
        );
        expect(html).toContain('Alpha');
        expect(html).toContain('<svg ');
        expect(html).toMatch(
            /<li>Line 3, column \d+: Unknown team &#39;Nobody&#39;[^<]*<code>unresolved-reference<\/code><\/li>/
        );
    });

    it('shows why a fence does not parse, escaped, with lines counted in the Markdown file', () => {
        const html = markdown().render(`Intro\n\n${fence('stream s {\n  step <script>alert(1)</script>\n')}`);
        expect(html).not.toContain('<svg ');
        expect(html).toContain('This value stream map does not parse.');
        expect(html).toMatch(/<li>Line 5, column \d+: /);
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).not.toContain('<script>');
    });

    it('escapes user text inside the map', () => {
        const html = markdown().render(fence('stream s "<b onclick=x>&" { step a "</svg><img src=x>" }'));
        expect(html).toContain('&lt;b onclick=x&gt;&amp;');
        expect(html).not.toContain('<img');
        expect(html).not.toContain('<b ');
    });

    it('keeps the line attributes the editor preview scrolls by', () => {
        const md = markdown();
        md.core.ruler.push('line-numbers', state => {
            for (const token of state.tokens) {
                if (token.map && token.type === 'fence') {
                    token.attrSet('data-line', String(token.map[0]));
                }
            }
        });
        expect(md.render(`text\n\n${fence('stream s { step a }')}`)).toContain(
            '<div class="vstream-fence" data-line="2">'
        );
    });

    it('takes its colours from the editor theme by default', () => {
        const html = new MarkdownIt().use(vstreamFences).render(fence('stream s { step a }'));
        expect(html).toContain('var(--vscode-editor-background)');
    });

    it('draws the block of examples/README.md with no problem to report', () => {
        const html = markdown().render(readFileSync(resolve(__dirname, '../../examples/README.md'), 'utf8'));
        expect(count(html, '<svg ')).toBe(1);
        expect(html).toContain('Value stream map: Bug fix');
        expect(html).not.toContain('class="vstream-fence-problems"');
        expect(html).not.toContain('class="vstream-fence-error"');
    });
});
