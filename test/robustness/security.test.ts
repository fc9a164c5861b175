/**
 * Hostile text never becomes markup or code: every user string that reaches SVG, HTML or
 * Markdown is escaped, nothing links away, and no bundle evaluates strings as code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { panelStreams, renderHtmlPage, renderPanels, renderSvg, toDiagramDiagnostic } from '../../src/diagram/index.js';
import { renderStreamCards } from '../../src/cards/stream-card.js';
import { vstreamFences } from '../../src/markdown/vstream-fence.js';
import { buildWorkspace } from '../helpers.js';

const root = resolve(__dirname, '../..');

/** What an attacker would write in a title, a carried item, a reason or an idea. */
const PAYLOADS = [
    '<script>alert(1)</script>',
    '\\"><img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    ']]><!-- --><![CDATA[',
    '<a href=\\"javascript:alert(1)\\">click</a>',
    '[click](javascript:alert(1))',
    '&lt;script&gt; &amp; &#x3C;',
    '<style>*{display:none}</style>',
    '{{constructor.constructor(\\"alert(1)\\")()}}'
];

function hostileStream(payload: string): string {
    return `team A "${payload}"
system S "${payload}"
stream s "${payload}" {
    recipient "${payload}" start "${payload}" end "${payload}"
    step a "${payload}" { owner A process 1h wait 1d on S uses S complete 50% }
    step b "${payload}" { process 1h }
    handoff a -> b { carries "${payload}", "${payload}" via S wait 1h complete 80% }
    rework b -> a { rate 10% reason "${payload}" }
    kaizen a "${payload}"
}
`;
}

/**
 * Markup that would run or load something if a payload got through unescaped: an element of its
 * own, or an event attribute inside a tag (text outside tags may say anything, escaped).
 */
const INJECTED = /<(script|img|a|iframe|object|embed|svg onload|style>\*)[\s>]|<[^>]*\son\w+\s*=/i;

describe('hostile text in every string of a stream', () => {
    it('would be caught by the check below if it got through unescaped', () => {
        for (const markup of [
            '<script>alert(1)</script>',
            '<img src=x onerror=alert(1)>',
            '<a href="javascript:alert(1)">',
            '<g onload="alert(1)">'
        ]) {
            expect(markup).toMatch(INJECTED);
        }
        expect('<text>&lt;img src=x onerror=alert(1)&gt;</text>').not.toMatch(INJECTED);
    });

    for (const payload of PAYLOADS) {
        it(`is escaped in the map, the panels, the page, the card and a Markdown fence: ${payload}`, async () => {
            const text = hostileStream(payload);
            const workspace = await buildWorkspace(text);
            const measured = workspace.services.analysis.StreamModels.withBaseline(workspace.streams.get('s')!);
            const streams = panelStreams([measured]);
            const diagnostics = workspace.diagnostics.map(toDiagramDiagnostic);
            for (const palette of ['light', 'dark', 'editor'] as const) {
                const svg = renderSvg(
                    streams.map(stream => stream.layout),
                    { palette, diagnostics }
                );
                expect(XMLValidator.validate(svg)).toBe(true);
                expect(svg).not.toMatch(INJECTED);
            }
            const svg = renderSvg(
                streams.map(stream => stream.layout),
                { palette: 'light', diagnostics }
            );
            expect(renderPanels(streams)).not.toMatch(INJECTED);
            // The page's own <style> is the only one; any other would be the payload's.
            const page = renderHtmlPage(payload, svg, streams, 'light');
            expect(page.replace(/<style>[^<]*<\/style>/, '')).not.toMatch(INJECTED);
            const card = new MarkdownIt({ html: true, linkify: true }).render(
                renderStreamCards([{ ...measured, source: payload }]).markdown
            );
            expect(card).not.toMatch(INJECTED);
            const fence = new MarkdownIt({ html: true }).use(vstreamFences).render(`\`\`\`vstream\n${text}\`\`\`\n`);
            expect(fence).toContain('<svg ');
            expect(fence).not.toMatch(INJECTED);
        });
    }
});

describe('code from strings', () => {
    const bundles = [
        'out/cli/main.cjs',
        'out/extension/extension.cjs',
        'out/extension/extension-browser.cjs',
        'out/language/main.cjs',
        'out/language/main-browser.js',
        'out/webview/preview.js'
    ];
    for (const bundle of bundles) {
        it(`${bundle} has no eval and no new Function`, () => {
            const code = readFileSync(resolve(root, bundle), 'utf8');
            expect(code).not.toMatch(/(?<![\w$.])eval\s*\(/);
            expect(code).not.toMatch(/new\s+Function\s*\(/);
        });
    }
});

describe('links in the preview', () => {
    it('are never followed: the page cancels any click on a link', () => {
        const script = readFileSync(resolve(root, 'src/webview/preview.ts'), 'utf8');
        expect(script).toMatch(/if \(target\.closest\('a'\)\) \{\s*event\.preventDefault\(\);/);
    });
});
