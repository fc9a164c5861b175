import { describe, expect, it } from 'vitest';
import {
    layoutStream,
    panelStreams,
    renderHtmlPage,
    renderPanels,
    renderSvg,
    renderSvgParts,
    toDiagramDiagnostic
} from '../../src/diagram/index.js';
import { Dimensions, TextStyles } from '../../src/diagram/dimensions.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { joinSvgParts, PictureParts } from '../../src/picture-parts.js';
import { generateStream } from '../bench/generate-stream.js';
import { buildWorkspace } from '../helpers.js';

function unescape(text: string): string {
    return text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}
import { DECISION_EXAMPLE, WORKED_EXAMPLE as example } from '../fixtures.js';
import { forecastStream } from '../../src/analysis/forecast.js';
import { forecastPicture } from '../../src/diagram/index.js';

async function svgOf(text: string, palette: 'light' | 'dark' | 'editor' = 'light'): Promise<string> {
    const workspace = await buildWorkspace(text);
    const layouts = [...workspace.streams.keys()].map(name => layoutStream(workspace.model(name)));
    return renderSvg(layouts, { palette, diagnostics: workspace.diagnostics.map(toDiagramDiagnostic) });
}

/** Well-formed XML, checked the way a browser's strict XML parser would reject it. */
function expectWellFormed(svg: string): void {
    const tags: string[] = [];
    const withoutText = svg.replace(/<title[^>]*>[^<]*<\/title>|<desc[^>]*>[^<]*<\/desc>/g, match =>
        match.replace(/>[^<]*</, '><')
    );
    for (const match of withoutText.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g)) {
        const [, closing, name, , selfClosing] = match;
        if (closing) {
            expect(tags.pop(), `closing ${name}`).toBe(name);
        } else if (!selfClosing) {
            tags.push(name);
        }
    }
    expect(tags).toEqual([]);
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
}

describe('renderSvg', () => {
    it('draws the contract example as it always has (snapshot)', async () => {
        const svg = await svgOf(example);
        expectWellFormed(svg);
        expect(svg).toMatchSnapshot();
    });

    it('draws every step, lane, handoff, rework, wait and kaizen of the example', async () => {
        const svg = await svgOf(example);
        for (const step of ['sign', 'kickoff', 'provision', 'invoice', 'configure', 'firstRun']) {
            expect(svg).toContain(`data-kind="step" data-name="${step}"`);
        }
        for (const lane of ['Sales', 'Customer success', 'Implementation', 'Billing']) {
            expect(svg).toContain(`>${lane}</text>`);
        }
        // A line the map's rows cut is drawn in each row it runs through: count each once.
        const drawn = (kind: string) =>
            new Set(
                svg.match(
                    new RegExp(
                        `class="vs-edge vs-${kind}[^"]*" data-kind="${kind}" data-from="[^"]*" data-to="[^"]*"`,
                        'g'
                    )
                )
            );
        expect(drawn('handoff').size).toBe(5);
        expect(drawn('flow').size).toBe(1);
        expect(drawn('rework').size).toBe(1);
        expect(svg).toContain('>25% R1</text>');
        expect(svg).toContain('>1 d on Billing</text>');
        expect(svg.match(/class="vs-kaizen"/g)).toHaveLength(1);
        expect(svg).toContain('>11.4 d</text>');
    });

    it('links each element to its source range', async () => {
        const svg = await svgOf(example);
        // Zero-based: `step kickoff` is on line 18, `handoff sign -> kickoff` on line 24.
        expect(svg).toContain('data-kind="step" data-name="kickoff" data-range="17:4:17:79"');
        expect(svg).toContain('data-kind="handoff" data-from="sign" data-to="kickoff" data-range="23:4:23:27"');
    });

    it('carries a title and a description for screen readers', async () => {
        const svg = await svgOf(example);
        expect(svg).toContain('role="img" aria-labelledby="vs-map-title vs-map-desc"');
        expect(svg).toContain('<title id="vs-map-title">Value stream map: Customer onboarding</title>');
        expect(svg).toContain('lead time 11.4 d, process time 15 h, flow efficiency 16.5%, 5 handoffs');
    });

    it('escapes user text everywhere: titles, names in tooltips, labels', async () => {
        const hostile = `team T "<script>alert(1)</script>"
stream s "A & B ]]> <b>bold</b>" {
    recipient "\\"quoted\\" <img src=x onerror=alert(1)>"
    step a "<script>evil()</script>" { owner T uses X }
    step b "it's" { owner T }
    system X "]]><svg onload=alert(1)>"
    handoff a -> b { carries "<a href='javascript:alert(1)'>x</a>" }
    kaizen a "</title><script>1</script>"
}`;
        const svg = await svgOf(hostile);
        expectWellFormed(svg);
        expect(svg).not.toMatch(/<script|<img|<b>|<a |<svg onload/i);
        expect(svg).toContain('&lt;script&gt;evil()&lt;/script&gt;');
        expect(svg).toContain('A &amp; B ]]&gt; &lt;b&gt;bold&lt;/b&gt;');
        const panels = renderPanels(panelStreams([{ model: (await buildWorkspace(hostile)).model() }]));
        expect(panels).not.toMatch(/<script|<img|<b>|<a /i);
    });

    it('uses a fixed palette in files and the editor theme in the preview', async () => {
        const light = await svgOf(example, 'light');
        const dark = await svgOf(example, 'dark');
        const editor = await svgOf(example, 'editor');
        expect(light).toContain('#vs .vs-background { fill: #ffffff; }');
        expect(dark).toContain('#vs .vs-background { fill: #0d1117; }');
        expect(editor).not.toContain('<style>');
        expect(editor).not.toContain('style=');
    });

    it('writes a file’s colours out, for renderers without CSS variables, scoped by the map’s id', async () => {
        for (const palette of ['light', 'dark'] as const) {
            const svg = await svgOf(example, palette);
            expect(svg).not.toContain('var(');
            expect(svg).not.toContain('auto-start-reverse');
            expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" id="vs" class="vs-map"');
            const rules = /<style>([^<]*)<\/style>/
                .exec(svg)![1]
                .split('\n')
                .filter(rule => rule.includes('{'));
            expect(rules.filter(rule => !rule.startsWith('#vs ') && !rule.startsWith('#vs {'))).toEqual([]);
            expect(svg).toMatch(/<marker [^>]*orient="auto"><path d="[^"]*" fill="#[0-9a-f]{6}"\/>/);
        }
    });

    it('colours a handoff with an error or a warning and lists its diagnostics in the tooltip', async () => {
        const svg = await svgOf(
            'team A\nstream s { recipient "r" start "a" end "b"  step a { owner A }  step b  handoff a -> b { carries "x" } }'
        );
        expect(svg).toMatch(/class="vs-edge vs-handoff[^"]* vs-has-warning"/);
        expect(svg).toContain('handoff-without-owner: Nobody is accountable for handoff a -&gt; b');
    });

    it('fits every step title, CJK and 200-character ones too, in its box, the whole title in its tooltip', async () => {
        const long = 'A'.repeat(1) + ' very long step title'.repeat(10);
        const svg = await svgOf(
            `team T "顧客サポートチームと営業部門の合同チーム"\nstream s "顧客オンボーディング" {\n  step a "顧客オンボーディングの契約書に署名する" { owner T }\n  step b "${long}" { owner T }\n  step c "مراجعة العقد مع الفريق القانوني 👩🏽‍💻" { owner T }\n  flow a -> b\n  flow b -> c\n}`
        );
        const titles = [...svg.matchAll(/<text [^>]*class="vs-step-title">([^<]*)<\/text>/g)].map(match =>
            unescape(match[1])
        );
        expect(titles.length).toBeGreaterThanOrEqual(5);
        for (const title of titles) {
            expect(textWidth(title, TextStyles.stepTitle), title).toBeLessThanOrEqual(Dimensions.stepWidth - 16);
        }
        expect(titles).toContain('顧客オンボーディングの');
        expect(svg).toContain(`<title>${long} (b)`);
        const lane = [...svg.matchAll(/<text [^>]*class="vs-lane-label">([^<]*)<\/text>/g)].map(match => match[1]);
        for (const line of lane) {
            expect(textWidth(line, TextStyles.laneLabel), line).toBeLessThanOrEqual(Dimensions.laneLabelWidth - 20);
        }
    });

    it('marks an edge with an error or a warning by a badge, not by colour alone', async () => {
        const svg = await svgOf(
            'team A\nstream s { recipient "r" start "a" end "b"  step a { owner A }  step b  handoff a -> b { carries "x" } }'
        );
        expect(svg).toMatch(
            /<g class="vs-badge"><polygon class="vs-badge-warning" points="[^"]+"\/><text [^>]*>!<\/text><\/g>/
        );
    });

    it('says so when a file has no stream', async () => {
        expect(await svgOf('team A')).toContain('This file declares no stream yet');
    });

    describe('the practitioner’s constructs', () => {
        const stream = (target: string) =>
            'team A\nstream s { recipient "r" start "a" end "b"  demand 4 per d  target ' +
            target +
            '\n  step a { owner A process 1h..3h wait 2h }\n  step b { owner A process 1h inventory 8 }\n  handoff a -> b }';

        it('draws an inventory triangle with its count in front of the step it feeds', async () => {
            const svg = await svgOf(stream('3d'));
            expectWellFormed(svg);
            expect(svg).toMatch(
                /<g class="vs-inventory"><polygon points="[^"]+"\/><text [^>]*class="vs-inventory-mark"[^>]*>I<\/text><text [^>]*>8<\/text><\/g>/
            );
            expect(svg).toContain('8 items in front of it');
        });

        it('gives a range’s likely value on the step and the lead time at best and worst beside the ladder', async () => {
            const svg = await svgOf(stream('3d'));
            expect(svg).toContain('>PT 1–3 h · WT 2 h<');
            // 2 h waiting, 2 h likely for a, 8 items at 4 a day (2 d = 16 h) and 1 h for b.
            expect(svg).toMatch(/>Lead time:<\/text><text [^>]*>21 h</);
            expect(svg).toMatch(/>Best to worst:<\/text><text [^>]*>20–22 h</);
        });

        it('shows each time in the unit it is written in: 62 s, not 1.03 m; each end of a range in its own', async () => {
            const svg = await svgOf(
                'team A\nstream s { step a { owner A process 62s wait 20m..40m..1.5h } step b { owner A process 2d wait 1h } flow a -> b }'
            );
            expect(svg).toContain('>PT 62 s · WT 20 m–1.5 h<');
            expect(svg).toContain('>waits 20 m–1.5 h<');
            expect(svg).toContain('>PT 2 d · WT 1 h<');
        });

        it('says times on the ladder and the waits on others as the map writes them: 62 s, 1 d on Billing', async () => {
            const svg = await svgOf(
                'team A\nteam Billing\nstream s { step a { owner A process 62s wait 1d on Billing } step b { owner A process 40s wait 2s } flow a -> b }'
            );
            expect(svg).toContain('>1 d on Billing<');
            expect(svg).toMatch(/<g class="vs-ladder"[^]*>62 s<\/text>/);
            expect(svg).not.toContain('1.03 m');
        });

        it('says whether the target is met, in words and not by colour alone', async () => {
            const met = await svgOf(stream('5d'));
            expect(met).toMatch(/class="vs-total-value vs-target-met">40 h ✓ met</);
            const missed = await svgOf(stream('1d'));
            expect(missed).toMatch(/class="vs-total-value vs-target-missed">8 h ✗ missed by 13 h</);
        });
    });
});

describe('the standalone page', () => {
    it('holds the map, the figures with the comparison and the findings, and runs no script', async () => {
        const workspace = await buildWorkspace(
            example +
                '\nstream next "Next" improves onboarding { recipient "r" start "a" end "b" step x { owner CS process 1h } }'
        );
        const streams = panelStreams([
            { model: workspace.model('onboarding') },
            { model: workspace.model('next'), baseline: workspace.model('onboarding') }
        ]);
        const page = renderHtmlPage(
            'Maps',
            renderSvg(
                streams.map(stream => stream.layout),
                { palette: 'dark' }
            ),
            streams,
            'dark'
        );
        expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
        expect(page).not.toContain('<script');
        expect(page).toContain('<h3>Where does work wait?</h3>');
        expect(page).toContain('compared with Customer onboarding');
        expect(page).toContain('<td>1 h</td><td>91 h</td><td class="vs-better">−90 h (better)</td>');
    });
});

describe('the panels of a stream with decisions', () => {
    it('give the typical figures, say which mark is which path, and what each decision sends where, escaped', async () => {
        const model = (await buildWorkspace(DECISION_EXAMPLE.replace('"Triage"', '"Triage <i>first</i>"'))).model();
        const panels = renderPanels(panelStreams([{ model }]));
        expect(panels).toContain('<tr><th scope="row">typical lead time</th><td>10 h</td></tr>');
        expect(panels).toContain('<tr><th scope="row">typical share</th><td>80%</td></tr>');
        expect(panels).toContain(
            '<p class="vs-critical-path">Critical path, the longest way (a bold border on the map): triage → escalate → close</p>'
        );
        expect(panels).toContain(
            '<p class="vs-typical-path">Typical path, the likeliest way at each decision (highlighted on the map), taken by 80% of items: triage → answer → close</p>'
        );
        expect(panels).toContain(
            '<ul class="vs-decisions"><li>Triage &lt;i&gt;first&lt;/i&gt; decides: 80% go to Answer from the knowledge base, 20% to Investigate in engineering</li></ul>'
        );
        const plain = renderPanels(panelStreams([{ model: (await buildWorkspace(example)).model() }]));
        expect(plain).toContain('<p class="vs-critical-path">Critical path: sign → kickoff');
        expect(plain).not.toMatch(/typical|vs-decisions/);
    });
});

describe('the map in parts, as the preview receives it', () => {
    async function partsOf(text: string) {
        const workspace = await buildWorkspace(text);
        const layouts = [...workspace.streams.keys()].map(name => layoutStream(workspace.model(name)));
        return renderSvgParts(layouts, { palette: 'editor' });
    }

    it('changes a few small parts when a figure is typed into one step of a long map', async () => {
        const text = generateStream(300);
        const before = await partsOf(text);
        const after = await partsOf(text.replace(/(step s12 .*?process 5)h/, '$11h'));
        const sent = new PictureParts();
        sent.diff(before);
        const change = sent.diff(after)!;
        expect(change.layout, 'nothing moved').toBeUndefined();
        expect(change.parts.map(([key]) => key).sort()).toEqual([
            'desc',
            'stream:generated300/ladder/process:s12',
            'stream:generated300/ladder/totals',
            'stream:generated300/step:s12'
        ]);
        const sentCharacters = change.parts.reduce((total, [, markup]) => total + markup.length, 0);
        expect(sentCharacters).toBeLessThan(joinSvgParts(after).length / 50);
    });

    it('names a long critical path by its ends in the description', async () => {
        const svg = joinSvgParts(await partsOf(generateStream(30)));
        expect(svg).toMatch(/critical path of \d+ steps, from s0 to s29\./);
    });
});

describe('decisions on the map', () => {
    /** The map's parts by key, as the preview receives them, with the forecasts given. */
    async function partsOf(text: string, forecasts = false): Promise<Map<string, string>> {
        const model = (await buildWorkspace(text)).model();
        const picture = forecasts && forecastPicture(model, forecastStream(model, { trials: 2000 }), true);
        const parts = renderSvgParts([layoutStream(model)], {
            palette: 'editor',
            forecasts: picture ? new Map([[model.name, picture]]) : undefined
        });
        return new Map(parts.map(part => [part.key.replace(`stream:${model.name}/`, ''), part.markup]));
    }

    it('writes each way’s share beside it, and draws the ways few items take lighter, never invisible', async () => {
        const extremes = await partsOf(
            DECISION_EXAMPLE.replace('share 80%', 'share 100%').replace('share 20%', 'share 0%')
        );
        expect(extremes.get('edge:flow:triage>answer')).toMatch(
            /stroke-opacity="1".*class="vs-share-label">100%<\/text>/s
        );
        expect(extremes.get('edge:handoff:triage>escalate')).toMatch(
            /stroke-opacity="0.35".*class="vs-share-label">0%<\/text>/s
        );
        const parts = await partsOf(DECISION_EXAMPLE);
        const weight = (key: string) => Number(/stroke-opacity="([\d.]+)"/.exec(parts.get(key)!)![1]);
        expect(weight('edge:handoff:triage>escalate')).toBeGreaterThan(0.35);
        expect(weight('edge:handoff:triage>escalate')).toBeLessThan(weight('edge:flow:triage>answer'));
        expect(parts.get('edge:handoff:escalate>close')).not.toContain('stroke-opacity');
        // Only lines are lighter: text keeps the contrast of the map's text.
        expect([...parts.values()].join('')).not.toMatch(/<text[^>]*opacity/);
    });

    it('highlights the typical path under its steps and edges, and says in a legend which mark is which', async () => {
        const parts = await partsOf(DECISION_EXAMPLE);
        const classes = (key: string) => /class="([^"]*)"/.exec(parts.get(key)!)![1];
        expect(['triage', 'answer', 'escalate', 'close'].map(step => classes(`step:${step}`))).toEqual([
            'vs-step vs-critical vs-typical',
            'vs-step vs-typical',
            'vs-step vs-critical',
            'vs-step vs-critical vs-typical'
        ]);
        expect(parts.get('step:answer')).toContain('<path class="vs-typical-halo"');
        expect(parts.get('edge:flow:triage>answer')).toContain('<path class="vs-typical-halo"');
        expect(parts.get('edge:handoff:triage>escalate')).not.toContain('vs-typical-halo');
        expect(parts.get('step:triage')).toContain('<polygon class="vs-decision"');
        expect(parts.get('step:answer')).not.toContain('vs-decision');
        expect(parts.get('legend')).toMatch(
            /^<g class="vs-legend">.*>critical path \(longest\)<.*>typical path<.*>decision<.*>lighter: fewer items</s
        );
        expect(parts.get('ladder/totals')).toMatch(
            />Typical lead time:<\/text><text [^>]*>10 h<.*>Typical share:<\/text><text [^>]*>80%</
        );
        const plain = [...(await partsOf(example)).values()].join('');
        expect(plain).not.toMatch(/vs-legend|vs-typical|vs-decision|vs-share-label|Typical/);
    });

    it('tells screen readers the typical path and what each decision sends where, its text escaped', async () => {
        const svg = await svgOf(DECISION_EXAMPLE.replace('"Investigate in engineering"', '"<b>Investigate</b> & fix"'));
        expectWellFormed(svg);
        expect(svg).toContain(
            'critical path triage, escalate, close; typical path triage, answer, close, taken by 80% of items; Triage decides: 80% go to Answer from the knowledge base, 20% to &lt;b&gt;Investigate&lt;/b&gt; &amp; fix.</desc>'
        );
        expect(svg).not.toContain('<b>');
    });

    it('says with the forecast how often a step behind a decision was reached', async () => {
        const parts = await partsOf(DECISION_EXAMPLE, true);
        // About one ticket in five is escalated (a seeded forecast of 2,000 trials: 20.2%).
        expect(parts.get('step:escalate')).toMatch(
            />critical \d+(\.\d)?%<\/text>.*>reached (19|20|21)(\.\d)?%<\/text>/s
        );
        expect(parts.get('step:answer')).toMatch(/>reached (79|80|81)(\.\d)?%<\/text>/);
        expect(parts.get('step:triage')).not.toContain('reached');
        expect(parts.get('step:close')).not.toContain('reached');
    });

    it('changes only the ways of the decision, the totals and the description when a share is typed', async () => {
        const render = async (text: string) =>
            renderSvgParts([layoutStream((await buildWorkspace(text)).model())], { palette: 'editor' });
        const sent = new PictureParts();
        sent.diff(await render(DECISION_EXAMPLE));
        const change = sent.diff(
            await render(DECISION_EXAMPLE.replace('share 80%', 'share 70%').replace('share 20%', 'share 30%'))
        )!;
        expect(change.layout, 'nothing moved').toBeUndefined();
        expect(change.parts.map(([key]) => key).sort()).toEqual([
            'desc',
            'stream:ticket/edge:flow:triage>answer',
            'stream:ticket/edge:handoff:triage>escalate',
            'stream:ticket/ladder/totals'
        ]);
    });
});

describe('the forecast beside a measured history', () => {
    it("marks the history's p50 and p85 on the forecast's histogram, and says them in its legend", async () => {
        const model = (await buildWorkspace(DECISION_EXAMPLE)).model();
        const forecast = forecastStream(model, { trials: 2000 });
        const svgOf = (measured: Parameters<typeof forecastPicture>[3]) =>
            renderSvg([layoutStream(model)], {
                palette: 'light',
                forecasts: new Map([[model.name, forecastPicture(model, forecast, true, measured)]])
            });
        const svg = svgOf({ p50: 12, p85: 40, done: 90 });
        const marks = [...svg.matchAll(/<g class="vs-forecast-mark vs-forecast-measured"><title>([^<]*)<\/title>/g)];
        expect(marks.map(mark => mark[1])).toEqual(['p50 measured in the history', 'p85 measured in the history']);
        expect(svg).toContain('class="vs-forecast-history">measured: p50 12 h, p85 40 h</text>');
        expect(svg).toContain('How often each lead time came up; solid lines: the history</text>');
        // p85 and p95 fall on one place (30 h, the escalated tickets): one label, not two stacked.
        expect(svg).toMatch(/<text [^>]*>p85 · p95<\/text>/);
        // The axis holds the history's p85, beyond the forecast's longest trial.
        expect(forecast.max).toBeLessThan(40);
        expect(svg).toMatch(/class="vs-muted" text-anchor="end">40 h<\/text>/);
        expect(svgOf(null)).not.toMatch(/class="vs-forecast-mark vs-forecast-measured"|class="vs-forecast-history"/);
    });
});
