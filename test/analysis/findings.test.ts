import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../helpers.js';
import { WORKED_EXAMPLE as example } from '../fixtures.js';

describe('findings', () => {
    it('answer the five questions on the contract example', async () => {
        const findings = (await buildWorkspace(example)).model('onboarding').findings;
        const about = (question: string) =>
            findings.filter(finding => finding.question === question).map(finding => finding.message);
        expect(about('waits')[0]).toBe('Work waits 9.5 d of the 11.4 d lead time on the critical path (83.5%).');
        expect(about('waits')[1]).toContain('Kickoff call waits 3 d');
        expect(about('context')).toEqual(
            expect.arrayContaining([
                expect.stringContaining('Only 70% of what arrives through Countersign contract → Kickoff call')
            ])
        );
        expect(about('context')).toEqual(
            expect.arrayContaining([
                expect.stringContaining('Set up billing → First successful workflow does not say what it carries')
            ])
        );
        expect(about('rework')).toEqual([
            '25% of the work leaving Configure workflows goes back to Kickoff call (requirements missed in kickoff), repeating 3 steps: about 2.83 d more per item in expectation.'
        ]);
        expect(about('outside-control')).toEqual([
            'Provision account waits 8 h on team Billing, outside the control of Implementation.'
        ]);
        expect(about('confusion')).toEqual([]);
    });

    it('point at handoffs that change owner silently or have nobody accountable', async () => {
        const workspace = await buildWorkspace(`team A "Alpha"
team B "Beta"
stream s {
    step a { owner A }
    step b { owner B }
    step c
    flow a -> b
    handoff b -> c { carries "x" }
}`);
        const confusion = workspace.model('s').findings.filter(finding => finding.question === 'confusion');
        expect(confusion.map(finding => finding.steps)).toEqual([
            ['b', 'c'],
            ['a', 'b']
        ]);
        expect(confusion[0].message).toContain('Nobody is accountable');
    });

    it('rank the biggest waits first and sum up the rest', async () => {
        const steps = Array.from({ length: 8 }, (_, index) => `step s${index} { wait ${index + 1}h }`).join('\n');
        const flows = Array.from({ length: 7 }, (_, index) => `flow s${index} -> s${index + 1}`).join('\n');
        const workspace = await buildWorkspace(`stream s {\n${steps}\n${flows}\n}`);
        const waits = workspace.model('s').findings.filter(finding => finding.question === 'waits');
        expect(waits.slice(1, 6).map(finding => finding.steps[0])).toEqual(['s7', 's6', 's5', 's4', 's3']);
        expect(waits[6].message).toBe('3 more waits add up to 6 h.');
    });
});
