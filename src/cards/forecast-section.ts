/**
 * The card's forecast: how long the work really takes when every range is drawn and every
 * rework repeats as its rate makes likely, the chance to meet the target, the steps most often
 * critical, and the waits worth halving. Always the standard forecast (fixed seed), so that a
 * card generated again from the same map reads the same and `vstream doc --check` holds.
 */
import { formatDuration, formatDurationsAlike, formatPercent, waysOf } from '../analysis/figures.js';
import { describeWait, forecastStream, STANDARD_FORECAST, type Forecast } from '../analysis/forecast.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { partyLabel, stepLabel } from './markdown-text.js';

/** Steps named as most often critical. */
const MOST_CRITICAL = 5;

/** The section, from `forecast` when the caller has the standard forecast already (the editor), else run here. */
export function forecastSection(model: StreamModel, forecast?: Forecast): string {
    if (model.steps.length === 0) {
        return '## Forecast\n\n_No steps: nothing to forecast._';
    }
    const run = forecast ?? forecastStream(model, STANDARD_FORECAST);
    return [
        '## Forecast',
        `How long the work really takes: ${run.trials.toLocaleString('en')} trials of the map (seed ${run.seed}), each drawing every range anew${model.decisions.length > 0 ? ', sending the item one way at each decision' : ''} and sending the work round each rework loop as often as its rate makes likely. The lead time each trial took, in working time:`,
        percentileTable(model, run),
        mostCritical(model, run),
        ...waysReached(model, run),
        halvedWaits(model, run)
    ].join('\n\n');
}

/** The percentiles in one unit, so that they compare at a glance (not "19.9 d" beside "5.67 w"). */
function percentileTable(model: StreamModel, forecast: Forecast): string {
    const { p50, p85, p95, min, max, target } = forecast;
    const [half, most, nearlyAll, shortest, longest] = formatDurationsAlike(
        [p50, p85, p95, min, max].map(hours => ({ hours, workdayHours: model.workdayHours }))
    );
    const rows = [
        ['Half of the trials (p50)', half],
        ['85% of the trials (p85)', most],
        ['95% of the trials (p95)', nearlyAll],
        ['Shortest to longest', `${shortest} to ${longest}`]
    ];
    if (target !== null) {
        rows.push([
            `Within the target of ${formatDuration(target, model.workdayHours)}`,
            formatPercent(forecast.chanceWithinTarget!)
        ]);
    }
    return ['| Finished within | |', '|---|--:|', ...rows.map(([label, value]) => `| ${label} | ${value} |`)].join(
        '\n'
    );
}

function mostCritical(model: StreamModel, forecast: Forecast): string {
    const steps = model.steps
        .filter(step => forecast.criticality[step.index] > 0)
        .sort((a, b) => forecast.criticality[b.index] - forecast.criticality[a.index] || a.index - b.index)
        .slice(0, MOST_CRITICAL)
        .map(step => `${stepLabel(step)} ${formatPercent(forecast.criticality[step.index])}`);
    return `On the longest path most often (share of the trials): ${steps.join(', ')}.`;
}

/** How often the trials reached the step each way of a decision leads to, the likeliest way first; nothing without decisions. */
function waysReached(model: StreamModel, forecast: Forecast): string[] {
    if (model.decisions.length === 0) {
        return [];
    }
    const ways = model.decisions.map(decision => {
        const leadsTo = waysOf(model, decision).map(
            way => `${stepLabel(way.to)} ${formatPercent(forecast.reached[way.to.index])}`
        );
        return `- After ${stepLabel(model.steps[decision.step])}: ${leadsTo.join(', ')}`;
    });
    return [
        'How often the trials reached each way out of a decision (share of the trials; a step that other ways lead to as well counts them too):',
        ways.join('\n')
    ];
}

function halvedWaits(model: StreamModel, forecast: Forecast): string {
    if (forecast.halvedWaits.length === 0) {
        return '_No wait whose halving would lower p85._';
    }
    const duration = (hours: number) => formatDuration(hours, model.workdayHours);
    const naming = { step: stepLabel, party: partyLabel };
    return [
        `### Waits worth halving\n\nHalving one of these waits would lower p85 from ${duration(forecast.p85)} to:`,
        forecast.halvedWaits
            .map(
                ({ wait, p85 }) =>
                    `- ${describeWait(model, wait, naming)} → p85 ${duration(p85)} (−${duration(forecast.p85 - p85)})`
            )
            .join('\n')
    ].join('\n\n');
}
