import { describe, expect, it } from 'vitest';
import type { Stream } from '../../../src/language/generated/ast.js';
import { measureMapOf } from '../../../src/language/measurements.js';
import { lspWorkspace } from '../../lsp-helpers.js';
import { WORKED_EXAMPLE as example } from '../../fixtures.js';

/** The example with the cursor placed just after the first occurrence of `before`. */
async function hoverAfter(before: string): Promise<string> {
    const offset = example.indexOf(before) + before.length;
    const workspace = await lspWorkspace(`${example.slice(0, offset)}<|>${example.slice(offset)}`);
    const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
        textDocument: workspace.textDocument,
        position: workspace.cursor
    });
    const contents = hover?.contents;
    return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
}

describe('hover', () => {
    it('shows a step’s owner, figures, share of the lead time and critical path', async () => {
        const text = await hoverAfter('step kick');
        expect(text).toContain('**Kickoff call** — step `kickoff`, owner Customer success');
        expect(text).toContain('| 2 h | 3 d | 80% | 28.6% |');
        expect(text).toContain('On the critical path.');
        // kickoff lies in the 25% rework loop: 26 h × 4/3 = 34.67 h, 4.33 working days.
        expect(text).toContain('Inside a rework loop: 4.33 d of wait and process time in expectation.');
    });

    it('shows the same figures on a reference to the step', async () => {
        expect(await hoverAfter('handoff sign -> kick')).toContain('step `kickoff`');
    });

    it('says when a step is off the critical path', async () => {
        const invoice = await hoverAfter('step invo');
        expect(invoice).toContain('Not on the critical path.');
        expect(invoice).not.toContain('rework loop');
    });

    it('shows a handoff’s two sides, what it carries and how', async () => {
        const text = await hoverAfter('    hand');
        expect(text).toContain('**Handoff** `sign` (Sales) → `kickoff` (Customer success)');
        expect(text).toContain('Carries “signed order form”, “stakeholder list”.');
        expect(text).toContain('via CRM · waits 4 h · 70% complete and accurate.');
    });

    it('shows a stream’s metrics', async () => {
        const text = await hoverAfter('stream onb');
        expect(text).toContain('| 11.4 d | 15 h | 16.5% | 56% | 5 | 14.2 d |');
        expect(text).toContain('Critical path: `sign` → `kickoff` → `provision` → `configure` → `firstRun`');
    });

    it('shows a team’s title on an owner reference', async () => {
        expect(await hoverAfter('owner Bil')).toContain('**Billing** — team `Billing`');
    });

    it('answers on a stream still without a name', async () => {
        const workspace = await lspWorkspace('<|>stream ');
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        expect((hover?.contents as { value: string }).value).toContain('— stream');
    });

    it('escapes user text so it cannot become Markdown links or HTML', async () => {
        const workspace = await lspWorkspace(
            'team A\nstream s { step a<|>b "[x](http://evil) <img src=x>" { owner A } }'
        );
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain('\\[x\\](http://evil) \\<img src=x\\>');
    });
});

describe('hover after a measurement', () => {
    it("shows a step's measured median and p85 beside the mapped figure, in one unit", async () => {
        const workspace = await lspWorkspace(
            'stream s {\n    done "Done"\n    step w<|>ork "Work" { owner A  process 4h  wait 1d  queue "Open"  status "Doing" }\n}\n'
        );
        const map = measureMapOf([
            workspace.services.analysis.StreamModels.get(workspace.documents[0].parseResult.value.elements[0] as Stream)
        ]);
        workspace.services.analysis.Measurements.record(map, {
            streams: [
                {
                    stream: 's',
                    items: 12,
                    done: 12,
                    wip: 0,
                    throughputPerWeek: 3,
                    leadTime: { p50: 20, p85: 30, p95: 40 },
                    steps: [
                        {
                            step: 'work',
                            items: 10,
                            visits: 12,
                            process: { mapped: 4, p50: 12, p85: 20, spread: null },
                            wait: { mapped: 8, p50: null, p85: null, spread: null }
                        }
                    ],
                    branches: [],
                    rework: []
                }
            ],
            missingStatuses: [],
            unmappedStatuses: []
        });
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        const text =
            hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
        expect(text).toContain(
            "**Measured** over 12 visits of the tracker's history: process 12 h (p85 20 h) against 4 h mapped; wait 8 h mapped, not measured."
        );
    });
});
