/**
 * The measured figures written into a map: durations replaced where they stand, clauses a step
 * lacks added where a person would write them, and figures left alone (with the reason) where
 * the history says too little.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { measuredUpdate } from '../../src/language/measured-update.js';
import type {
    BranchMeasurement,
    ReworkMeasurement,
    StepMeasurement,
    StreamMeasurement
} from '../../src/measure/measure-model.js';
import { buildWorkspace } from '../helpers.js';

/** A step's closed visits: the spread half to twice the median, as a range shape reads it. */
function step(name: string, process: number, wait: number, visits = 20): StepMeasurement {
    const time = (hours: number) => ({
        mapped: 0,
        p50: hours,
        p85: hours * 2,
        spread: {
            p10: hours / 2,
            p15: hours / 2,
            p25: hours * 0.75,
            p75: hours * 1.5,
            p90: hours * 2,
            p95: hours * 2,
            mean: hours,
            deviation: hours / 4
        }
    });
    return { step: name, items: visits, visits, process: time(process), wait: time(wait) };
}

function measurement(...steps: StepMeasurement[]): StreamMeasurement {
    return {
        stream: 's',
        items: 20,
        done: 20,
        wip: 0,
        throughputPerWeek: 5,
        leadTime: { p50: 1, p85: 2, p95: 3 },
        steps,
        branches: [],
        rework: []
    };
}

/** The edges of a step as the history measured them: each its share, all of one step parallel `parallel` of the time. */
function branches(from: string, shares: Record<string, number>, parallel = 0, samples = 40): BranchMeasurement[] {
    return Object.entries(shares).map(([to, measured]) => ({
        from,
        to,
        mapped: null,
        measured,
        samples,
        both: parallel,
        parallel
    }));
}

function rework(from: string, to: string, measured: number, reached = measured): ReworkMeasurement {
    return { from, to, mapped: null, measured, samples: 40, reached: { measured: reached, samples: 30 } };
}

async function update(text: string, measured: StreamMeasurement, ranges = false) {
    const workspace = await buildWorkspace(text);
    const [document] = workspace.documents;
    const result = measuredUpdate(
        document,
        name => (name === measured.stream ? measured : undefined),
        stream => workspace.services.analysis.StreamModels.get(stream),
        { ranges }
    );
    return { ...result, text: TextDocument.applyEdits(document.textDocument, result.edits) };
}

describe('writing measured figures into a map', () => {
    it('replaces each duration where it stands, keeping comments and the other clauses', async () => {
        const result = await update(
            'stream s {\n    // the desk\n    step a "A" { owner T  process 1h  wait 2h  queue "Q"  status "A" } // end\n}\n',
            measurement(step('a', 3, 0.5))
        );
        expect(result.text).toBe(
            'stream s {\n    // the desk\n    step a "A" { owner T  process 3h  wait 30m  queue "Q"  status "A" } // end\n}\n'
        );
        expect(result.places[0].changes).toEqual(['process 1h → 3h', 'wait 2h → 30m']);
    });

    it('shares the measured wait among the waits as the map does, and writes ranges when asked', async () => {
        const result = await update(
            'stream s {\n    step a "A" { owner T  process 1h  wait 3h  wait 1h on IT  queue "Q"  status "A" }\n}\n',
            measurement(step('a', 2, 8)),
            true
        );
        // Visits of p10 1 h, median 2 h, p75 3 h, p90 4 h: of the triangles with their peak at the median,
        // p10..p50..p90 has the quantiles nearest theirs. The wait of 8 h is shared 3 : 1 as the map shares it.
        expect(result.text).toContain('process 1h..2h..4h  wait 3h..6h..12h  wait 1h..2h..4h on IT');
    });

    it('adds the clauses a step lacks: in its body on one line, on a line of their own, or in a new body', async () => {
        const result = await update(
            [
                'stream s {',
                '    step a "A" { owner T  queue "Q"  status "A" }',
                '    step b "B" {',
                '        owner T',
                '        queue "Q2"  status "B"',
                '    }',
                '}',
                ''
            ].join('\n'),
            measurement(step('a', 2, 1), step('b', 4, 3))
        );
        expect(result.text).toContain('step a "A" { owner T  queue "Q"  status "A"  process 2h  wait 1h }');
        expect(result.text).toContain('        queue "Q2"  status "B"\n        process 4h  wait 3h\n    }');
    });

    it('leaves a step that too few items reached, and the wait of a step without queue statuses, saying why', async () => {
        const result = await update(
            'stream s {\n    step a "A" { owner T  process 1h  wait 2h  status "A" }\n    step b "B" { owner T  process 1h  status "B" }\n}\n',
            measurement(step('a', 3, 0), step('b', 9, 9, 4))
        );
        expect(result.text).toContain('step a "A" { owner T  process 3h  wait 2h  status "A" }');
        expect(result.text).toContain('step b "B" { owner T  process 1h  status "B" }');
        expect(result.places[0].left[0]).toMatch(/^its wait: the step names no `queue` status/);
        expect(result.places[1].left).toEqual(['4 closed visits, too few to measure it (5 at least)']);
    });

    it('counts the inventory in the measured wait: the waits get what it leaves', async () => {
        const result = await update(
            'stream s {\n    demand 8 per d\n    step a "A" { owner T  process 1h  wait 1h  inventory 8  queue "Q"  status "A" }\n}\n',
            measurement(step('a', 1, 10))
        );
        // 8 items at 8 a day (of 8 hours) stand for 8 h of the 10 h measured.
        expect(result.text).toContain('wait 2h  inventory 8');
    });

    it('takes the wait of the handoff that brings the work off the measured wait: the history counts it in the queue', async () => {
        const result = await update(
            'stream s {\n    step a "A" { owner T  process 1h  status "A" }\n    step b "B" { owner T  process 1h  wait 1h  queue "Q"  status "B" }\n    flow a -> c\n    handoff a -> b { wait 4h }\n    step c "C" { owner T  status "C" }\n}\n',
            measurement(step('a', 1, 0), step('b', 1, 10))
        );
        expect(result.text).toContain('process 1h  wait 6h  queue "Q"');
        expect(result.places[1].changes).toEqual([
            'wait 1h → 6h (less the 4h a visit waits on its way in, which the history counts in the queue and the map in its handoffs and reworks)'
        ]);
    });

    it('writes the measured shares of a decision, adding up to 100%, in a body or a new one', async () => {
        const text = [
            'team T',
            'stream s {',
            '    step a "A" { owner T  status "A" }',
            '    step b "B" { owner T  status "B" }',
            '    step c "C" { owner T  status "C" }',
            '    step d "D" { owner T  status "D" }',
            '    handoff a -> b { carries "x" }',
            '    flow a -> c',
            '    flow a -> d { share 10% }',
            '}',
            ''
        ].join('\n');
        const measured = measurement();
        measured.branches = branches('a', { b: 1 / 3, c: 1 / 3, d: 1 / 3 });
        const result = await update(text, measured);
        expect(result.text).toContain('handoff a -> b { carries "x" share 33.4% }');
        expect(result.text).toContain('flow a -> c { share 33.3% }');
        expect(result.text).toContain('flow a -> d { share 33.3% }');
        expect(result.places[0].changes).toEqual([
            '-> b: share 33.4% (added)',
            '-> c: share 33.3% (added)',
            '-> d: share 10% → 33.3%'
        ]);
        const workspace = await buildWorkspace(result.text);
        expect(workspace.diagnostics.filter(diagnostic => diagnostic.severity === 1)).toEqual([]);
    });

    it('splits a chain whose first link decides, each link keeping the body', async () => {
        const text = [
            'stream s {',
            '    step a "A" { owner T  status "A" }',
            '    step b "B" { owner T  status "B" }',
            '    step c "C" { owner T  status "C" }',
            '    handoff a -> b -> c { carries "x" }',
            '    flow a -> c',
            '}',
            ''
        ].join('\n');
        const measured = measurement();
        measured.branches = branches('a', { b: 0.75, c: 0.25 });
        const result = await update(text, measured);
        expect(result.text).toContain(
            '    handoff a -> b { carries "x" share 75% }\n    handoff b -> c { carries "x" }\n    flow a -> c { share 25% }'
        );
    });

    it('leaves the edges of a step parallel where the history shows work going both ways', async () => {
        const text =
            'stream s {\n    step a "A" { owner T  status "A" }\n    step b "B" { owner T  status "B" }\n    step c "C" { owner T  status "C" }\n    flow a -> b\n    flow a -> c\n}\n';
        const measured = measurement();
        measured.branches = branches('a', { b: 0.5, c: 0.5 }, 0.4);
        const result = await update(text, measured);
        expect(result.edits).toEqual([]);
        expect(result.places[0].left).toEqual([
            'its edges parallel: 40% of its items went on along two or more of them (a decision sends each along one)'
        ]);
    });

    it('takes the shares off a decision whose items the history shows going both ways: it is parallel work', async () => {
        const text =
            'stream s {\n    step a "A" { owner T  status "A" }\n    step b "B" { owner T  status "B" }\n    step c "C" { owner T  status "C" }\n    handoff a -> b { carries "x" share 60% }\n    flow a -> c { share 40% }\n}\n';
        const measured = measurement();
        measured.branches = branches('a', { b: 1, c: 1 }, 1);
        const result = await update(text, measured);
        expect(result.text).toContain('    handoff a -> b { carries "x" }\n    flow a -> c\n}');
        expect(result.places[0].changes).toEqual([
            '-> b: share 60% (removed)',
            '-> c: share 40% (removed)',
            'its edges parallel, no longer a decision: 100% of its items went on along two or more of them (a decision sends each along one)'
        ]);
        expect((await update(result.text, measured)).edits).toEqual([]);
    });

    it("writes each rework's rate: of the visits after one to the step it goes back to", async () => {
        const text =
            'stream s {\n    step a "A" { owner T  status "A" }\n    step b "B" { owner T  status "B" }\n    flow a -> b\n    rework b -> a { reason "r" }\n    rework b -> b { rate 5% }\n}\n';
        const measured = measurement();
        measured.rework = [rework('b', 'a', 0.2), rework('b', 'b', 0.05, 0.1)];
        const result = await update(text, measured);
        expect(result.text).toContain('rework b -> a { reason "r"  rate 20% }');
        expect(result.text).toContain('rework b -> b { rate 10% }');
        expect(result.places.map(place => [place.place, place.changes])).toEqual([
            ['rework b -> a', ['rate 20% (added)']],
            ['rework b -> b', ['rate 5% → 10% (of the visits after one to b; 5% of all)']]
        ]);
    });

    it('writes nothing for a stream that was not measured', async () => {
        const result = await update(
            'stream other {\n    step a "A" { owner T  process 1h  status "A" }\n}\n',
            measurement(step('a', 3, 0))
        );
        expect(result.edits).toEqual([]);
    });
});
