import { describe, expect, it } from 'vitest';
import { isStream, type Stream } from '../../../src/language/generated/ast.js';
import { measureMapOf } from '../../../src/language/measurements.js';
import { lspWorkspace } from '../../lsp-helpers.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE } from '../../fixtures.js';

/** The hover in a text (the worked example unless told) with the cursor just after the first occurrence of `before`. */
async function hoverAfter(before: string, example = WORKED_EXAMPLE): Promise<string> {
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

describe('hover on decisions', () => {
    it('says what a step decides, and which way is typical', async () => {
        expect(await hoverAfter('step tri', DECISION_EXAMPLE)).toContain(
            'Decides: 80% to `answer` (the typical way), 20% to `escalate`.'
        );
        expect(await hoverAfter('step esc', DECISION_EXAMPLE)).not.toContain('Decides');
    });

    it('gives an edge its share and the chance it stands for, on the statement or its share', async () => {
        expect(await hoverAfter('    flo', DECISION_EXAMPLE)).toBe(
            '**Flow** `triage` → `answer`\n\nShare 80%: 80% of the items leaving `triage` go this way, the typical way.'
        );
        expect(await hoverAfter('share 2', DECISION_EXAMPLE)).toContain(
            'Share 20%: 20% of the items leaving `triage` go this way.'
        );
        const short = DECISION_EXAMPLE.replace('share 80%', 'share 60%');
        expect(await hoverAfter('    flo', short)).toContain(
            'Share 60%: 75% of the items leaving `triage` go this way, the typical way (the shares add up to 80%).'
        );
        const mixed = DECISION_EXAMPLE.replace(' share 20%', '');
        expect(await hoverAfter('    flo', mixed)).toContain(
            'Share 80%, which counts for nothing: not every edge leaving `triage` has one.'
        );
        expect(await hoverAfter('flow answer -', DECISION_EXAMPLE)).toBe(
            '**Flow** `answer` → `close`: plain sequence edges with no data of their own.'
        );
    });

    it('shows the typical lead time and path of a stream that decides', async () => {
        const text = await hoverAfter('stream tick', DECISION_EXAMPLE);
        expect(text).toContain(
            '| lead time | typical lead time | process time | flow efficiency | rolled %C&A | handoffs | expected lead time |'
        );
        expect(text).toContain('| 3.75 d | 10 h | 8 h |');
        expect(text).toContain(
            'Typical path: `triage` → `answer` → `close`, which 80% of the items take (at each decision, its likeliest way).'
        );
        expect(await hoverAfter('stream onb')).not.toContain('typical');
    });

    it('names every step of a handoff chain, and the links on the critical path', async () => {
        const chain = DECISION_EXAMPLE.replace(
            '    handoff triage -> escalate { carries "steps to reproduce" share 20% }\n    handoff escalate -> close { carries "the fix" }',
            '    handoff triage -> escalate -> close { carries "steps to reproduce" share 20% }'
        );
        const text = await hoverAfter('    handof', chain);
        expect(text).toContain(
            '**Handoff** `triage` (Service desk) → `escalate` (Engineering) → `close` (Service desk)'
        );
        expect(text).toContain('On the critical path.');
        expect(text).toContain('`triage` → `escalate`: Share 20%: 20% of the items leaving `triage` go this way.');
        // escalate -> close has a share of 20% and is escalate's only edge: a decision whose shares do not add up.
        expect(text).toContain(
            '`escalate` → `close`: Share 20%: 100% of the items leaving `escalate` go this way (the shares add up to 20%).'
        );
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

describe('hover with a measurement of the stream', () => {
    /** The hover after `before` in the decision example, with a rework, once the stream was measured. */
    async function measuredHover(before: string): Promise<string> {
        const text = DECISION_EXAMPLE.replace(
            '    flow answer -> close',
            '    flow answer -> close\n    rework close -> escalate { rate 10% reason "not fixed" }'
        );
        const offset = text.indexOf(before) + before.length;
        const workspace = await lspWorkspace(`${text.slice(0, offset)}<|>${text.slice(offset)}`);
        const map = measureMapOf([
            workspace.services.analysis.StreamModels.get(
                workspace.documents[0].parseResult.value.elements.find(isStream)!
            )
        ]);
        workspace.services.analysis.Measurements.record(map, {
            streams: [
                {
                    stream: 'ticket',
                    items: 100,
                    done: 90,
                    wip: 10,
                    throughputPerWeek: 9,
                    leadTime: { p50: 12, p85: 40, p95: 60 },
                    steps: [],
                    branches: [
                        {
                            from: 'triage',
                            to: 'answer',
                            mapped: 0.8,
                            measured: 0.7,
                            samples: 100,
                            both: 0.02,
                            parallel: 0
                        },
                        {
                            from: 'triage',
                            to: 'escalate',
                            mapped: 0.2,
                            measured: 0.3,
                            samples: 100,
                            both: 0.02,
                            parallel: 0
                        }
                    ],
                    rework: [
                        {
                            from: 'close',
                            to: 'escalate',
                            mapped: 0.1,
                            measured: 0.05,
                            samples: 100,
                            reached: { measured: 0.15, samples: 33 }
                        }
                    ]
                }
            ],
            missingStatuses: [],
            unmappedStatuses: []
        });
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        return (hover?.contents as { value: string } | undefined)?.value ?? '';
    }

    it("shows an edge's measured share beside the mapped one", async () => {
        expect(await measuredHover('    handof')).toContain(
            '**Measured**: 30% of 100 visits to `triage` went on to `escalate`, against 20% mapped; 2% of its items went on along two or more of its edges.'
        );
    });

    it("shows a rework's measured rate beside the mapped one, on the rework or its rate", async () => {
        const expected =
            '**Measured**: 15% of 33 visits to `close` after one to `escalate` went back (5% of all 100), against 10% mapped.';
        expect(await measuredHover('    rewor')).toContain(expected);
        expect(await measuredHover('rate 1')).toContain('**Rework** `close` → `escalate`');
    });

    it("shows the stream's measured lead time", async () => {
        expect(await measuredHover('stream tick')).toContain(
            "**Measured** lead time of 90 done items in the tracker's history: p50 12 h, p85 40 h."
        );
    });
});
