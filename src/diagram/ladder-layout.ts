/** The lead-time ladder along the bottom of the map and the figures beside it. */
import { formatPercent, formatShare, formatTime, formatTotal } from '../analysis/figures.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { Dimensions as D, TextStyles } from './dimensions.js';
import type { LadderLayout, StepLayout } from './layout-model.js';
import { textWidth } from './text-width.js';

/** The timeline along the bottom: waits up, process time down, for the steps of the critical path. */
export function ladder(
    model: StreamModel,
    steps: StepLayout[],
    top: number,
    column: Pick<LadderLayout, 'totals'> & { x: number; width: number }
): LadderLayout {
    const segments: LadderLayout['segments'] = [];
    // Each rung reads in the unit its kind of total reads in: a 62 s step's rung says 62 s.
    const { workdayHours, totalsUnits } = model;
    const wait = (hours: number) => formatTotal(hours, workdayHours, totalsUnits.leadTime);
    const process = (hours: number) => formatTotal(hours, workdayHours, totalsUnits.processTime);
    model.criticalPath.forEach((index, position) => {
        const step = steps[index];
        const edge = position > 0 ? model.edges[model.criticalEdges[position - 1]] : undefined;
        const waiting = step.waitTime + (edge?.waitTime ?? 0);
        segments.push({
            kind: 'wait',
            step: step.name,
            x1: step.x - D.columnGap + 12,
            x2: step.x,
            hours: waiting,
            text: wait(waiting)
        });
        segments.push({
            kind: 'process',
            step: step.name,
            x1: step.x,
            x2: step.x + step.width,
            hours: step.processTime,
            text: process(step.processTime)
        });
    });
    return { y: top + 16, segments, totals: column.totals, totalsX: column.x, totalsWidth: column.width };
}

/**
 * The figures beside the ladder; with ranges, the lead time at best and worst; with decisions,
 * the typical lead time and the share of items it holds for; with a target, whether it is met.
 */
export function ladderTotals({ metrics, workdayHours, decisions, totalsUnits }: StreamModel): LadderLayout['totals'] {
    const duration = (hours: number) => formatTotal(hours, workdayHours, totalsUnits.leadTime);
    const totals: LadderLayout['totals'] = [
        { label: 'Lead time', value: duration(metrics.leadTime) },
        { label: 'Process time', value: formatTotal(metrics.processTime, workdayHours, totalsUnits.processTime) },
        { label: 'Flow efficiency', value: formatShare(metrics.flowEfficiency) },
        { label: 'Rolled %C&A', value: formatPercent(metrics.rolledCompleteAccurate) },
        { label: 'Expected lead time', value: duration(metrics.expectedLeadTime) }
    ];
    if (metrics.bestLeadTime !== metrics.worstLeadTime) {
        totals.push({
            label: 'Best to worst',
            value: formatTime(
                { low: metrics.bestLeadTime, likely: metrics.leadTime, high: metrics.worstLeadTime },
                workdayHours,
                totalsUnits.leadTime
            )
        });
    }
    if (decisions.length > 0) {
        totals.push(
            { label: 'Typical lead time', value: duration(metrics.typicalLeadTime) },
            { label: 'Typical share', value: formatPercent(metrics.typicalShare) }
        );
    }
    if (metrics.target !== null) {
        const met = metrics.leadTime <= metrics.target + 1e-9;
        totals.push({
            label: 'Target',
            value: `${duration(metrics.target)} ${met ? '✓ met' : `✗ missed by ${duration(metrics.leadTime - metrics.target)}`}`,
            verdict: met ? 'met' : 'missed'
        });
    }
    return totals;
}

/** The column beside the ladder: as wide as its longest figure (a missed target says by how much), never narrower than the default. */
export function totalsColumnWidth(totals: LadderLayout['totals']): number {
    const widest = Math.max(...totals.map(total => textWidth(total.value, TextStyles.totalValue)));
    return Math.max(D.totalsWidth, Math.ceil(TOTALS_VALUE_X + widest + 8));
}

/** Where a figure's value starts in the totals column, after its label. */
export const TOTALS_VALUE_X = 128;

/** The height of the ladder's rungs and their figures, under the lanes: a wrapped map's row takes this much under its lanes. */
export const RUNGS_HEIGHT = 64;

/** The ladder's height: its two rungs, and a line for each figure beside it. */
export function ladderHeight(totals: number): number {
    return Math.max(D.ladderHeight, 24 + totals * TOTAL_LINE);
}

/** The lines of the figures beside the ladder. */
export const TOTAL_LINE = 14;
