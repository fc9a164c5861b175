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
            visits: 12,
            process: { mapped: 0, p50: 12, p85: 20, spread: null },
            wait: { mapped: 0, p50: 2, p85: 3, spread: null }
        }
    ],
    branches: [],
    rework: []
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
        expect(drift.message).toContain('a median of 12 h (p85 20 h) over 12 visits');
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

    it('says measured-drift on a share or rate 10 points or more from the measured one, over 20 samples or more', async () => {
        const text = [
            'team A',
            'stream s {',
            '    done "Done"',
            '    step a { owner A  process 1h  status "A" }',
            '    step b { owner A  process 1h  status "B" }',
            '    step c { owner A  process 1h  status "C" }',
            '    flow a -> b { share 80% }',
            '    flow a -> c { share 20% }',
            '    rework b -> a { rate 10% }',
            '    rework c -> a { rate 10% }',
            '}',
            ''
        ].join('\n');
        const measured = (samples: number): StreamMeasurement => ({
            ...MEASURED,
            steps: [],
            branches: ['b', 'c'].map(to => ({
                from: 'a',
                to,
                mapped: null,
                measured: 0.5,
                samples,
                both: 0,
                parallel: 0
            })),
            // b -> a: 19.9% of b's visits went back; c -> a: 30%, but of all visits to c only 5%
            rework: [
                { from: 'b', to: 'a', mapped: null, measured: 0.199, samples, reached: { measured: 0.199, samples } },
                {
                    from: 'c',
                    to: 'a',
                    mapped: null,
                    measured: 0.05,
                    samples: 6 * samples,
                    reached: { measured: 0.3, samples }
                }
            ]
        });
        const check = async (samples: number) => {
            const workspace = await buildWorkspace(text);
            workspace.services.analysis.Measurements.record(measureMapOf([workspace.model('s')]), {
                streams: [measured(samples)],
                missingStatuses: [],
                unmappedStatuses: []
            });
            return workspace.services.validation.DocumentValidator.validateDocument(workspace.documents[0]);
        };
        const diagnostics = await check(20);
        expect(at(diagnostics, 'measured-drift')).toEqual([7, 8, 10]);
        const messages = diagnostics.filter(diagnostic => diagnostic.code === 'measured-drift').map(d => d.message);
        expect(messages[0]).toBe(
            "80% of the work leaving 'a' is mapped to go to 'b'; the tracker's history measures 50% over 20 visits: update the share, or write the measured ones with `vstream measure --update`."
        );
        expect(messages[2]).toContain(
            "Rework c -> a is mapped at 10%; the tracker's history measures 30% of the visits to 'c' after one to 'a'"
        );
        expect(at(await check(19), 'measured-drift')).toEqual([]);
    });

    it("says map-disagrees on the stream when the map's forecast p50 or p85 is outside [0.8, 1.25] × the measured", async () => {
        // The map takes 14 h (process and wait), always: against a measured p50 of 20 h, 0.7 ×.
        const diagnostics = await checkedAgainstMeasurement('12h');
        expect(at(diagnostics, 'map-disagrees')).toEqual([1]);
        expect(diagnostics.find(diagnostic => diagnostic.code === 'map-disagrees')!.message).toBe(
            "The map of stream 's' does not agree with its tracker's history: the map forecasts p50 14 h and p85 14 h, the history measures p50 20 h and p85 30 h (p50 0.70 ×, p85 0.47 × the measured, outside 0.8–1.25). Update it from the history with `vstream measure --update --ranges`: times per visit, rework rates and the shares of decisions."
        );
        // 22 h: 1.1 × p50 and 0.73 × p85; 24 h + 2 h: 1.3 × p50.
        expect(at(await checkedAgainstMeasurement('20h'), 'map-disagrees')).toEqual([1]);
        expect(at(await checkedAgainstMeasurement('1d..2d..4d'), 'map-disagrees')).toEqual([]);
    });

    it('says neither without a measurement', async () => {
        const workspace = await buildWorkspace(
            'stream s {\n    done "Done"\n    step work "Work" { owner A  process 1m  queue "Open"  status "Nope" }\n}\n'
        );
        expect(at(workspace.diagnostics, 'measured-drift')).toEqual([]);
        expect(at(workspace.diagnostics, 'unseen-status')).toEqual([]);
    });
});
