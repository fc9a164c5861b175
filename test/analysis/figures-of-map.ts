/** The figures of a map's one stream that the contract fixes, deterministic and forecast, as plain data. */
import { forecastStream } from '../../src/analysis/forecast.js';
import { buildWorkspace } from '../helpers.js';

export const FIGURE_TRIALS = 2000;

/** The figures that stood before decisions existed: those the golden file holds. */
const FIGURES_BEFORE_DECISIONS = [
    'leadTime',
    'processTime',
    'flowEfficiency',
    'rolledCompleteAccurate',
    'effort',
    'handoffs',
    'waitOutsideControl',
    'expectedLeadTime',
    'bestLeadTime',
    'worstLeadTime',
    'criticalPath'
] as const;

/** The forecast's figures the golden file holds. */
const FORECAST_BEFORE_DECISIONS = ['p50', 'p85', 'p95', 'mean', 'min', 'max', 'criticality'] as const;

export async function figuresOfMap(text: string, seed: number) {
    const model = (await buildWorkspace(text)).model('s');
    const forecast = forecastStream(model, { trials: FIGURE_TRIALS, seed });
    return {
        metrics: Object.fromEntries(FIGURES_BEFORE_DECISIONS.map(figure => [figure, model.metrics[figure]])),
        forecast: Object.fromEntries(FORECAST_BEFORE_DECISIONS.map(figure => [figure, forecast[figure]]))
    };
}
