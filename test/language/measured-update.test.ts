/**
 * The measured figures written into a map: durations replaced where they stand, clauses a step
 * lacks added where a person would write them, and figures left alone (with the reason) where
 * the history says too little.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { measuredUpdate } from '../../src/language/measured-update.js';
import type { StepMeasurement, StreamMeasurement } from '../../src/measure/measure-model.js';
import { buildWorkspace } from '../helpers.js';

function step(name: string, process: number, wait: number, items = 20): StepMeasurement {
    const time = (hours: number) => ({ mapped: 0, p15: hours / 2, p50: hours, p85: hours * 2 });
    return { step: name, items, process: time(process), wait: time(wait) };
}

function measurement(...steps: StepMeasurement[]): StreamMeasurement {
    return {
        stream: 's',
        items: 20,
        done: 20,
        wip: 0,
        throughputPerWeek: 5,
        leadTime: { p50: 1, p85: 2, p95: 3 },
        steps
    };
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
        expect(result.steps[0].changes).toEqual(['process 1h → 3h', 'wait 2h → 30m']);
    });

    it('shares the measured wait among the waits as the map does, and writes ranges when asked', async () => {
        const result = await update(
            'stream s {\n    step a "A" { owner T  process 1h  wait 3h  wait 1h on IT  queue "Q"  status "A" }\n}\n',
            measurement(step('a', 2, 8)),
            true
        );
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
        expect(result.steps[0].left[0]).toMatch(/^its wait: the step names no `queue` status/);
        expect(result.steps[1].left).toEqual(['4 items reached it, too few to measure it (5 at least)']);
    });

    it('counts the inventory in the measured wait: the waits get what it leaves', async () => {
        const result = await update(
            'stream s {\n    demand 8 per d\n    step a "A" { owner T  process 1h  wait 1h  inventory 8  queue "Q"  status "A" }\n}\n',
            measurement(step('a', 1, 10))
        );
        // 8 items at 8 a day (of 8 hours) stand for 8 h of the 10 h measured.
        expect(result.text).toContain('wait 2h  inventory 8');
    });

    it('writes nothing for a stream that was not measured', async () => {
        const result = await update(
            'stream other {\n    step a "A" { owner T  process 1h  status "A" }\n}\n',
            measurement(step('a', 3, 0))
        );
        expect(result.edits).toEqual([]);
    });
});
