/** The diagram pipeline for every runtime: a model to a layout, a layout to SVG and HTML. */
import type { LayoutName, StreamModel } from '../analysis/stream-model.js';
import { layoutClassic } from './classic-layout.js';
import { layoutStream } from './layout.js';
import type { MapLayout } from './layout-model.js';
import type { PanelStream } from './render-panels.js';

export { layoutStream } from './layout.js';
export { layoutClassic, isClassic } from './classic-layout.js';
export { renderSvg, renderSvgParts, toDiagramDiagnostic, type DiagramDiagnostic } from './render-svg.js';
export { renderPanels, type PanelStream } from './render-panels.js';
export { forecastPicture, type ForecastPicture, type MeasuredLeadTime } from './render-forecast.js';
export { renderHtmlPage } from './render-html.js';
export { bundledFontDraws } from './text-width.js';

/** A stream's map in the layout chosen for this picture (`--layout`, the preview's menu), else in the stream's own. */
export function layoutMap(model: StreamModel, layout?: LayoutName): MapLayout {
    return (layout ?? model.layout) === 'classic' ? layoutClassic(model) : layoutStream(model);
}

/** Lays out each stream, with the figures of the stream it improves when that one is known. */
export function panelStreams(
    models: Array<{ model: StreamModel; baseline?: StreamModel }>,
    layout?: LayoutName
): PanelStream[] {
    return models.map(({ model, baseline }) => ({
        layout: layoutMap(model, layout),
        baseline: baseline && {
            name: baseline.name,
            title: baseline.title,
            metrics: baseline.metrics,
            workdayHours: baseline.workdayHours
        }
    }));
}
