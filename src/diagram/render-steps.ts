/** Each step as drawn: its box and data, its wait marker and inventory, its kaizen burst, its decision's diamond. */
import { formatPercent } from '../analysis/figures.js';
import { TextStyles } from './dimensions.js';
import type { Box, StepLayout, StepLine, WaitMarker } from './layout-model.js';
import { reachedText, renderStepForecast, type StepForecast } from './render-forecast.js';
import { forecastLines, INVENTORY_TRIANGLE, kaizenMarkBox, KAIZEN_MARK_RIGHT, lineStyle } from './step-layout.js';
import { escapeXml, fitText } from './svg-text.js';
import { n, rangeAttribute, text } from './svg-markup.js';
import { textWidth } from './text-width.js';

/** `forecast`: what the preview's forecast says of the step (how often critical, how often reached). */
export function renderStep(step: StepLayout, forecast?: StepForecast): string {
    const classes = ['vs-step', step.critical ? 'vs-critical' : '', step.typical ? 'vs-typical' : '']
        .filter(Boolean)
        .join(' ');
    const tooltip = [
        `${step.title} (${step.name})`,
        step.times,
        ...(step.wait?.inventory ? [`${step.wait.inventory.count} items in front of it`] : []),
        `C&A ${formatPercent(step.completeAccurate)}`,
        ...step.systems.map(system => `uses ${system}`),
        ...step.kaizens.map(idea => `kaizen: ${idea}`),
        ...(step.decision ? ['decides: each item leaves by one of its ways out'] : [])
    ].join('\n');
    return (
        `<g class="${classes}" data-kind="step" data-name="${escapeXml(step.name)}"${rangeAttribute(step.range)}>` +
        `<title>${escapeXml(tooltip)}</title>` +
        (step.typical ? `<path class="vs-typical-halo" d="${outline(step, 2.5)}"/>` : '') +
        `<rect x="${n(step.x)}" y="${n(step.y)}" width="${step.width}" height="${step.height}" rx="4"/>` +
        boxText(step, forecast && reachedText(forecast)) +
        (step.wait ? renderWait(step.wait) : '') +
        (step.kaizens.length > 0 ? renderKaizen(step) : '') +
        (step.decision ? `<polygon class="vs-decision" points="${diamond(step.decision)}"/>` : '') +
        (forecast ? renderStepForecast(step, forecast) : '') +
        '</g>'
    );
}

const LINE_CLASSES: Record<StepLine['kind'], string> = {
    title: 'vs-step-title',
    times: 'vs-data',
    quality: 'vs-data',
    systems: 'vs-data vs-muted',
    outside: 'vs-data vs-outside'
};

/**
 * The box's lines as laid out, a cut one followed by its note's mark. The forecast's "reached
 * N%" takes the right end of the line under C&A (in the preview, whose tooltips hold the rest).
 */
function boxText(step: StepLayout, reached: string | undefined): string {
    const under = reached ? forecastLines(step).reached : undefined;
    return step.lines
        .map(line => {
            const words =
                line.y === under
                    ? fitText(line.text, lineStyle(line.kind), step.width - 24 - textWidth(reached!, TextStyles.data))
                    : line.text;
            // A space would be dropped at the start of a tspan by some renderers: the gap is a shift.
            const gap = n(textWidth(' ', lineStyle(line.kind)));
            const mark = line.mark ? `<tspan class="vs-note-mark" dx="${gap}">${escapeXml(line.mark)}</tspan>` : '';
            return `<text x="${n(step.x + 8)}" y="${n(step.y + line.y)}" class="${LINE_CLASSES[line.kind]}">${escapeXml(words)}${mark}</text>`;
        })
        .join('');
}

/** A box's outline `gap` outside it, as a path (a step holds one rect, its box, which the page and tests look for). */
export function outline(box: Box, gap: number): string {
    return `M${n(box.x - gap)} ${n(box.y - gap)}h${n(box.width + 2 * gap)}v${n(box.height + 2 * gap)}h${n(-box.width - 2 * gap)}z`;
}

/** The points of the diamond inscribed in a box. */
export function diamond(box: Box): string {
    const [left, top, right, bottom] = [box.x, box.y, box.x + box.width, box.y + box.height];
    const [middle, centre] = [(top + bottom) / 2, (left + right) / 2];
    return `${n(left)},${n(middle)} ${n(centre)},${n(top)} ${n(right)},${n(middle)} ${n(centre)},${n(bottom)}`;
}

function renderWait(wait: WaitMarker): string {
    const { at, total, outsideText, inventory } = wait;
    const triangle = (x: number, size: number) =>
        `${n(x)},${n(at.y + 14)} ${n(x + size / 2)},${n(at.y)} ${n(x + size)},${n(at.y + 14)}`;
    const outsideAt = at.x + wait.box.width - (outsideText ? textWidth(outsideText, TextStyles.outside) : 0);
    return (
        '<g class="vs-wait">' +
        (total ? `<polygon points="${triangle(at.x, 16)}"/>` + text(at.x + 20, at.y + 12, total) : '') +
        (inventory
            ? `<g class="vs-inventory"><polygon points="${triangle(inventory.at.x, INVENTORY_TRIANGLE)}"/>` +
              text(
                  inventory.at.x + INVENTORY_TRIANGLE / 2,
                  at.y + 12.5,
                  'I',
                  'vs-inventory-mark',
                  ' text-anchor="middle"'
              ) +
              text(inventory.at.x + INVENTORY_TRIANGLE + 3, at.y + 12, inventory.count) +
              '</g>'
            : '') +
        (outsideText ? text(outsideAt, at.y + 12, outsideText, 'vs-outside') : '') +
        '</g>'
    );
}

function renderKaizen(step: StepLayout): string {
    const cx = step.x + step.width - 6,
        cy = step.y - 4;
    const points = Array.from({ length: 16 }, (_, index) => {
        const radius = index % 2 === 0 ? 11 : 5;
        const angle = (Math.PI * index) / 8;
        return `${n(cx + radius * Math.cos(angle))},${n(cy + radius * Math.sin(angle))}`;
    }).join(' ');
    const mark = step.kaizenMark
        ? text(
              step.x + step.width - KAIZEN_MARK_RIGHT,
              kaizenMarkBox(step, step.kaizenMark).y + 11,
              step.kaizenMark,
              'vs-note-mark',
              ' text-anchor="end"'
          )
        : '';
    return `<g class="vs-kaizen"><title>${escapeXml(step.kaizens.map(idea => `Kaizen: ${idea}`).join('\n'))}</title><polygon points="${points}"/>${mark}</g>`;
}
