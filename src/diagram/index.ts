/** The diagram pipeline for every runtime: a model to a layout, a layout to SVG and HTML. */
import type { StreamModel } from '../analysis/stream-model.js';
import { layoutStream, type LayoutOptions } from './layout.js';
import type { PanelStream } from './render-panels.js';

export { layoutStream, type LayoutOptions } from './layout.js';
export { renderSvg, renderSvgParts, toDiagramDiagnostic, type DiagramDiagnostic } from './render-svg.js';
export { renderPanels, type PanelStream } from './render-panels.js';
export { forecastPicture, type ForecastPicture, type MeasuredLeadTime } from './render-forecast.js';
export { renderHtmlPage } from './render-html.js';
export { bundledFontDraws } from './text-width.js';
export { pages } from './bands.js';

/** Lays out each stream, with the figures of the stream it improves when that one is known. */
export function panelStreams(
    models: Array<{ model: StreamModel; baseline?: StreamModel }>,
    options: LayoutOptions = {}
): PanelStream[] {
    return models.map(({ model, baseline }) => ({
        layout: layoutStream(model, options),
        baseline: baseline && {
            name: baseline.name,
            title: baseline.title,
            metrics: baseline.metrics,
            workdayHours: baseline.workdayHours
        }
    }));
}
