/** Each step as drawn: its box and data, its wait marker and inventory, its kaizen burst, its decision's diamond. */
import { formatPercent } from '../analysis/figures.js';
import { TextStyles } from './dimensions.js';
import type { Box, StepLayout, WaitMarker } from './layout-model.js';
import { reachedText, renderStepForecast, type StepForecast } from './render-forecast.js';
import { INVENTORY_TRIANGLE } from './step-layout.js';
import { escapeXml, fitText, wrapText } from './svg-text.js';
import { n, rangeAttribute, text } from './svg-markup.js';
import { textWidth } from './text-width.js';

/** `forecast`: what the preview's forecast says of the step (how often critical, how often reached). */
export function renderStep(step: StepLayout, forecast?: StepForecast): string {
    const classes = ['vs-step', step.critical ? 'vs-critical' : '', step.typical ? 'vs-typical' : '']
        .filter(Boolean)
        .join(' ');
    const room = step.width - 16;
    const title = wrapText(step.title, TextStyles.stepTitle, room, 2);
    const data = fitText(step.times, TextStyles.data, room);
    const quality = `C&A ${formatPercent(step.completeAccurate)}`;
    // The forecast's "reached N%" takes the right end of the systems' line.
    const reached = forecast && reachedText(forecast);
    const systemsRoom = reached ? room - textWidth(reached, TextStyles.data) - 8 : room;
    const systems =
        step.systems.length > 0 ? fitText(`uses ${step.systems.join(', ')}`, TextStyles.data, systemsRoom) : '';
    const tooltip = [
        `${step.title} (${step.name})`,
        step.times,
        ...(step.wait?.inventory ? [`${step.wait.inventory.count} items in front of it`] : []),
        quality,
        ...step.systems.map(system => `uses ${system}`),
        ...step.kaizens.map(idea => `kaizen: ${idea}`),
        ...(step.decision ? ['decides: each item leaves by one of its ways out'] : [])
    ].join('\n');
    return (
        `<g class="${classes}" data-kind="step" data-name="${escapeXml(step.name)}"${rangeAttribute(step.range)}>` +
        `<title>${escapeXml(tooltip)}</title>` +
        (step.typical ? `<path class="vs-typical-halo" d="${outline(step, 2.5)}"/>` : '') +
        `<rect x="${n(step.x)}" y="${n(step.y)}" width="${step.width}" height="${step.height}" rx="4"/>` +
        title.map((line, index) => text(step.x + 8, step.y + 17 + index * 15, line, 'vs-step-title')).join('') +
        text(step.x + 8, step.y + 55, data, 'vs-data') +
        text(step.x + 8, step.y + 70, quality, 'vs-data') +
        (systems ? text(step.x + 8, step.y + 86, systems, 'vs-data vs-muted') : '') +
        (step.wait ? renderWait(step.wait) : '') +
        (step.kaizens.length > 0 ? renderKaizen(step) : '') +
        (step.decision ? `<polygon class="vs-decision" points="${diamond(step.decision)}"/>` : '') +
        (forecast ? renderStepForecast(step, forecast) : '') +
        '</g>'
    );
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
    return `<g class="vs-kaizen"><title>${escapeXml(step.kaizens.map(idea => `Kaizen: ${idea}`).join('\n'))}</title><polygon points="${points}"/></g>`;
}
