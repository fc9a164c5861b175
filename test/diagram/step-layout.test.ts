import { describe, expect, it } from 'vitest';
import { Dimensions, TextStyles } from '../../src/diagram/dimensions.js';
import { layoutStream, renderSvg } from '../../src/diagram/index.js';
import type { StepLayout } from '../../src/diagram/layout-model.js';
import { lineStyle, markWidth, stepObstacles } from '../../src/diagram/step-layout.js';
import { textWidth } from '../../src/diagram/text-width.js';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateStream } from '../bench/generate-stream.js';
import { buildWorkspace } from '../helpers.js';
import { drawnTexts, layoutOf, overlaps } from './picture-helpers.js';

/**
 * Every line of a box fits its width (its mark included) and its height, below the line before
 * it; the wait marker and the kaizen mark stay above the box, clear of each other and the burst.
 */
export function checkStepText(step: StepLayout): void {
    let previous = 0;
    for (const line of step.lines) {
        const style = lineStyle(line.kind);
        const width = textWidth(line.text, style) + (line.mark ? markWidth(line.mark, style) : 0);
        expect(width, `"${line.text}" of ${step.name} fits its width`).toBeLessThanOrEqual(step.width - 16);
        expect(line.y - previous, `"${line.text}" of ${step.name} sits below the line before`).toBeGreaterThanOrEqual(
            style.size
        );
        expect(line.y + style.size / 4, `"${line.text}" of ${step.name} fits its height`).toBeLessThanOrEqual(
            step.height
        );
        previous = line.y;
    }
    const [, ...around] = stepObstacles(step);
    const apart = around.filter(box => box !== step.decision);
    for (let i = 0; i < apart.length; i++) {
        for (let j = i + 1; j < apart.length; j++) {
            expect(overlaps(apart[i], apart[j]), `what is above ${step.name} overlaps`).toBe(false);
        }
    }
    if (step.wait) {
        expect(step.wait.box.x + step.wait.box.width, `the wait of ${step.name} ends over its box`).toBeLessThanOrEqual(
            step.x + step.width
        );
    }
}

const TEAMS = 'team A "Order desk"\nteam IT "IT service desk"\n';

describe('the text of a step', () => {
    it('draws a title of three lines whole, every box of the map taller alike, with no …', async () => {
        const title = 'Check the purchase order against the framework agreement';
        const layout = await layoutOf(
            `${TEAMS}stream s { step a "${title}" { owner A process 1h } step b "Pay" { owner A process 1h } flow a -> b }`
        );
        const [a, b] = layout.steps;
        const lines = a.lines.filter(line => line.kind === 'title').map(line => line.text);
        expect(lines.length).toBe(3);
        expect(lines.join(' ')).toBe(title);
        expect(a.height).toBeGreaterThan(Dimensions.stepHeight);
        expect(b.height).toBe(a.height);
        const svg = renderSvg([layout], { palette: 'light' });
        expect(drawnTexts(svg).some(text => text.includes('…'))).toBe(false);
        layout.steps.forEach(checkStepText);
    });

    it('keeps the height of a map whose titles fit two lines', async () => {
        const layout = await layoutOf(`${TEAMS}stream s { step a "Pay the supplier" { owner A process 1h } }`);
        expect(layout.steps[0].height).toBe(Dimensions.stepHeight);
    });

    it('draws "8 h on IT service desk" whole, above the box where it fits, else in the box', async () => {
        const layout = await layoutOf(
            `${TEAMS}team L "Legal"\nstream s { step a "Fix" { owner A process 1h wait 1d..2d..5d wait 8h on IT } step b { owner A wait 8h on L } }`
        );
        const drawn = drawnTexts(renderSvg([layout], { palette: 'light' }));
        expect(drawn).toContain('8 h on IT service desk');
        expect(drawn).toContain('8 h on Legal');
        const [a, b] = layout.steps;
        expect(a.lines.find(line => line.kind === 'outside')?.text).toBe('8 h on IT service desk');
        expect(a.wait?.outsideText).toBeUndefined();
        expect(b.wait?.outsideText).toBe('8 h on Legal');
        expect(b.lines.some(line => line.kind === 'outside')).toBe(false);
        layout.steps.forEach(checkStepText);
    });

    it('keeps the waits on others clear of a kaizen burst and its mark', async () => {
        const layout = await layoutOf(
            `${TEAMS}stream s { step a "Fix" { owner A process 1h wait 7.5h on IT } kaizen a "Automate it" }`
        );
        const [a] = layout.steps;
        expect(a.kaizenMark).toBe('K1');
        expect([a.wait?.outsideText, a.lines.find(line => line.kind === 'outside')?.text]).toContain(
            '7.5 h on IT service desk'
        );
        checkStepText(a);
    });

    it('cuts a title past four lines with … and the mark of its note, which holds it whole', async () => {
        const title =
            'A title so long that even four lines of the box cannot hold the whole of it, as when people paste a sentence';
        const layout = await layoutOf(`${TEAMS}stream s { step a "${title}" { owner A process 1h } }`);
        const lines = layout.steps[0].lines.filter(line => line.kind === 'title');
        expect(lines.length).toBe(4);
        expect(lines[3].text.endsWith('…')).toBe(true);
        expect(lines[3].mark).toBe('S1');
        expect(layout.notes?.lines.map(line => line.text).join(' ')).toContain(title);
        checkStepText(layout.steps[0]);
    });

    it('wraps systems and long times onto more lines rather than cutting them', async () => {
        const layout = await layoutOf(
            `${TEAMS}system E "Enterprise resource planning"\nsystem D "Document management"\nstream s { step a "Pay" { owner A process 20m..40m..1.5h wait 1d..2d..5d uses E, D } }`
        );
        const [a] = layout.steps;
        expect(
            a.lines
                .filter(line => line.kind === 'systems')
                .map(line => line.text)
                .join(' ')
        ).toBe('uses Enterprise resource planning, Document management');
        expect(a.lines.some(line => line.text.includes('…'))).toBe(false);
        checkStepText(a);
    });

    it('gives a long lane label the lines its lane holds', async () => {
        const name = 'A team whose name is long enough to need more than three lines in the lane label column';
        const layout = await layoutOf(`team L "${name}"\nstream s { step a { owner L process 1h } }`);
        expect(layout.lanes[0].labelLines.join(' ')).toBe(name);
        for (const line of layout.lanes[0].labelLines) {
            expect(textWidth(line, TextStyles.laneLabel)).toBeLessThanOrEqual(Dimensions.laneLabelWidth - 20);
        }
        const { labelBox } = layout.lanes[0];
        expect(labelBox.y + labelBox.height).toBeLessThanOrEqual(layout.lanes[0].y + layout.lanes[0].height);
    });

    it('fits every text of every step of the examples, the published maps and a generated stream in its box', async () => {
        const folder = (path: string) =>
            readdirSync(resolve(__dirname, path))
                .filter(file => file.endsWith('.vstream'))
                .map(file => readFileSync(resolve(__dirname, path, file), 'utf8'));
        const catalogue = readFileSync(resolve(__dirname, '../../examples/teams.vstream'), 'utf8');
        for (const text of [...folder('../../examples'), ...folder('../../examples/published'), generateStream(200)]) {
            const workspace = await buildWorkspace(text, catalogue);
            for (const name of workspace.streams.keys()) {
                layoutStream(workspace.model(name)).steps.forEach(checkStepText);
            }
        }
    });
});
