/**
 * The checks against a measurement, as the editor and `check --events` run them: recorded
 * once, worked out again on every validation, so that drift goes as soon as the figure agrees.
 */
import { describe, expect, it } from 'vitest';
import { measureMapOf } from '../../src/language/measurements.js';
import type { StreamMeasurement } from '../../src/measure/measure-model.js';
import { at, buildWorkspace } from '../helpers.js';

const MEASURED: StreamMeasurement = {
    stream: 's',
    items: 12,
    done: 10,
    wip: 2,
    throughputPerWeek: 3,
    leadTime: { p50: 20, p85: 30, p95: 40 },
    steps: [
        {
            step: 'work',
            items: 12,
            process: { mapped: 0, p15: 8, p50: 12, p85: 20 },
            wait: { mapped: 0, p15: 1, p50: 2, p85: 3 }
        }
    ]
};

/** A map whose `work` takes `process`, validated again after the measurement was recorded. */
async function checkedAgainstMeasurement(process: string, statuses = '"Doing"') {
    const workspace = await buildWorkspace(
        `stream s {\n    done "Done"\n    step work "Work" { owner A  process ${process}  wait 2h\n        queue "Open"  status ${statuses} }\n}\n`
    );
    const map = measureMapOf([workspace.model('s')]);
    workspace.services.analysis.Measurements.record(map, {
        streams: [MEASURED],
        missingStatuses: map.streams[0].steps[0].status
            .filter(status => status !== 'Doing')
            .map(status => ({ stream: 's', step: 'work', clause: 'status' as const, status })),
        unmappedStatuses: [{ status: 'On hold', rows: 3 }]
    });
    const [document] = workspace.documents;
    return workspace.services.validation.DocumentValidator.validateDocument(document);
}

describe('checks against a measurement', () => {
    it('says measured-drift on the process clause of a step far from its measured median', async () => {
        const diagnostics = await checkedAgainstMeasurement('4h');
        expect(at(diagnostics, 'measured-drift')).toEqual([3]);
        const drift = diagnostics.find(diagnostic => diagnostic.code === 'measured-drift')!;
        expect(drift.message).toContain("Step 'work' is mapped at 4 h of process time");
        expect(drift.message).toContain('a median of 12 h (p85 20 h) over 12 items');
        expect(drift.severity).toBe(3);
    });

    it('says nothing once the figure lies within half and twice the median', async () => {
        expect(at(await checkedAgainstMeasurement('1d'), 'measured-drift')).toEqual([]);
    });

    it('says unseen-status on a status the history never had, and not on those it had', async () => {
        const diagnostics = await checkedAgainstMeasurement('12h', '"Doing", "Doign"');
        expect(at(diagnostics, 'unseen-status')).toEqual([4]);
        expect(diagnostics.find(diagnostic => diagnostic.code === 'unseen-status')!.message).toContain(
            'Status "Doign" never occurs'
        );
    });

    it('says neither without a measurement', async () => {
        const workspace = await buildWorkspace(
            'stream s {\n    done "Done"\n    step work "Work" { owner A  process 1m  queue "Open"  status "Nope" }\n}\n'
        );
        expect(at(workspace.diagnostics, 'measured-drift')).toEqual([]);
        expect(at(workspace.diagnostics, 'unseen-status')).toEqual([]);
    });
});
