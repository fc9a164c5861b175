/** The figures of a map's one stream that the contract fixes, deterministic and forecast, as plain data. */
import { forecastStream } from '../../src/analysis/forecast.js';
import { buildWorkspace } from '../helpers.js';

export const FIGURE_TRIALS = 2000;

export async function figuresOfMap(text: string, seed: number) {
    const model = (await buildWorkspace(text)).model('s');
    const { criticalPath, ...metrics } = model.metrics;
    const forecast = forecastStream(model, { trials: FIGURE_TRIALS, seed });
    return {
        metrics: {
            leadTime: metrics.leadTime,
            processTime: metrics.processTime,
            flowEfficiency: metrics.flowEfficiency,
            rolledCompleteAccurate: metrics.rolledCompleteAccurate,
            effort: metrics.effort,
            handoffs: metrics.handoffs,
            waitOutsideControl: metrics.waitOutsideControl,
            expectedLeadTime: metrics.expectedLeadTime,
            bestLeadTime: metrics.bestLeadTime,
            worstLeadTime: metrics.worstLeadTime,
            criticalPath
        },
        forecast: {
            p50: forecast.p50,
            p85: forecast.p85,
            p95: forecast.p95,
            mean: forecast.mean,
            min: forecast.min,
            max: forecast.max,
            criticality: forecast.criticality
        }
    };
}
