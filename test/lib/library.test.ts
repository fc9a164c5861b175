/**
 * The library and its docs-site plugins, as their users load them (the built bundles under
 * out/lib), each rendering a page with the real library: markdown-it; unified with
 * remark-parse, remark-rehype and rehype-stringify; MDX's evaluate with React.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { evaluate } from '@mdx-js/mdx';
import MarkdownIt from 'markdown-it';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';

const out = resolve(__dirname, '../../out/lib');

type Library = typeof import('../../src/lib/index.js');
type MarkdownItPlugin = typeof import('../../src/lib/markdown-it.js');
type RemarkPlugin = typeof import('../../src/lib/remark.js');

const MAP = `team Support "Support"
team Eng "Engineering"
stream bugfix "Bug fix" {
    step report "Report {{ total }} & <b>" { owner Support process 15m }
    step fix { owner Eng process 4h wait 2d }
    handoff report -> fix { carries "steps to reproduce" }
}`;

const PAGE = `# Our maps\n\n\`\`\`vstream\n${MAP}\n\`\`\`\n\n\`\`\`js\nconst other = 1;\n\`\`\`\n`;

describe('renderMap', { timeout: 60_000 }, () => {
    it('gives a self-contained SVG, the diagnostics and each stream’s figures (CommonJS and ES module alike)', async () => {
        const { renderMap } = (await import(resolve(out, 'index.mjs'))) as Library;
        const cjs = (await import(resolve(out, 'index.cjs'))) as { default: Library };
        const map = renderMap(MAP, { theme: 'dark', idPrefix: 'bugfix' });
        expect(map.svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" id="bugfix"');
        expect(map.svg).toContain('#bugfix .vs-background { fill: #0d1117; }');
        expect(map.svg).not.toContain('var(');
        expect(map.streams).toEqual([
            expect.objectContaining({
                name: 'bugfix',
                title: 'Bug fix',
                figures: expect.objectContaining({ 'lead time': '2.53 d', 'process time': '4.25 h' }) as object
            })
        ]);
        expect(map.diagnostics.map(diagnostic => diagnostic.code)).toContain('missing-identification');
        expect(cjs.default.renderMap(MAP).svg).toBe(renderMap(MAP).svg);
        const broken = renderMap('stream {');
        expect(broken.svg).toBeUndefined();
        expect(broken.diagnostics[0]).toMatchObject({ line: 1, severity: 'error' });
    });
});

describe('the markdown-it plugin', { timeout: 60_000 }, () => {
    it('renders a page: the map in place of its fence, other fences as they were, v-pre on request', async () => {
        const { default: markdownItVstream } = (await import(resolve(out, 'markdown-it.mjs'))) as MarkdownItPlugin;
        const html = new MarkdownIt().use(markdownItVstream, { vPre: true }).render(PAGE);
        // CommonJS gets the plugin itself, as `md.use(require('vstream/markdown-it'))` needs.
        const required = createRequire(__filename)(resolve(out, 'markdown-it.cjs')) as MarkdownItPlugin['default'];
        expect(required).toBeTypeOf('function');
        expect(required.name).toBe(markdownItVstream.name);
        expect(new MarkdownIt().use(required, { vPre: true }).render(PAGE)).toBe(html);
        expect(html).toContain('<h1>Our maps</h1>');
        expect(html).toMatch(/<div class="vstream-fence" v-pre><style>[^<]*<\/style><svg /);
        expect(html).toContain('<code class="language-js">const other = 1;');
        expect(html).toContain('Report {{ total }} &amp; &lt;b&gt;');
        expect(html).not.toContain('var(--vs-');
    });
});

describe('the remark plugin', { timeout: 60_000 }, () => {
    it('renders a page through unified, remark-rehype and rehype-stringify, with no raw HTML allowed', async () => {
        const { default: remarkVstream } = (await import(resolve(out, 'remark.mjs'))) as RemarkPlugin;
        const file = await unified()
            .use(remarkParse)
            .use(remarkVstream)
            .use(remarkRehype)
            .use(rehypeStringify)
            .process(PAGE);
        const html = String(file);
        expect(html).toContain('<h1>Our maps</h1>');
        expect(html).toMatch(/<div class="vstream-fence"><style>[^<]*<\/style><svg [^>]*id="vstream-map-1"/);
        expect(html).toContain('data-kind="step" data-name="fix"');
        expect(html).toContain('<code class="language-js">const other = 1;');
        expect(html).toContain('Report {{ total }} &#x26; &#x3C;b>');
    });

    it('renders an MDX page (Docusaurus, Astro) with React', async () => {
        const { default: remarkVstream } = (await import(resolve(out, 'remark.mjs'))) as RemarkPlugin;
        const { default: Content } = await evaluate(PAGE, { ...runtime, remarkPlugins: [remarkVstream] });
        const html = renderToStaticMarkup(createElement(Content));
        expect(html).toContain('<h1>Our maps</h1>');
        expect(html).toMatch(/<svg [^>]*class="vs-map"/);
        expect(html).toMatch(/<path d="[^"]+" marker-end="url\(#vstream-map-1-arrow-critical\)">/);
        expect(html).toContain('Report {{ total }} &amp; &lt;b&gt;');
    });
});
