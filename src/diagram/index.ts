/** The diagram pipeline for every runtime: a model to a layout, a layout to SVG and HTML. */
import type { LayoutName, StreamModel } from '../analysis/stream-model.js';
import { layoutClassic } from './classic-layout.js';
import { layoutStream, type LayoutOptions } from './layout.js';
import type { MapLayout } from './layout-model.js';
import type { PanelStream } from './render-panels.js';

export { layoutStream, type LayoutOptions } from './layout.js';
export { layoutClassic, isClassic } from './classic-layout.js';
export { renderSvg, renderSvgParts, toDiagramDiagnostic, type DiagramDiagnostic } from './render-svg.js';
export { renderPanels, type PanelStream } from './render-panels.js';
export { forecastPicture, type ForecastPicture, type MeasuredLeadTime } from './render-forecast.js';
export { renderHtmlPage } from './render-html.js';
export { bundledFontDraws } from './text-width.js';
export { pages } from './bands.js';

/** A stream's map in the layout chosen for this picture (`--layout`, the preview's menu), else in the stream's own. */
/** How to lay maps out: in the layout given over each stream's own, to the width given. */
export interface MapOptions extends LayoutOptions {
    layout?: LayoutName;
}

export function layoutMap(model: StreamModel, options: MapOptions = {}): MapLayout {
    return (options.layout ?? model.layout) === 'classic' ? layoutClassic(model) : layoutStream(model, options);
}

/** Lays out each stream, with the figures of the stream it improves when that one is known. */
export function panelStreams(
    models: Array<{ model: StreamModel; baseline?: StreamModel }>,
    options: MapOptions = {}
): PanelStream[] {
    return models.map(({ model, baseline }) => ({
        layout: layoutMap(model, options),
        baseline: baseline && {
            name: baseline.name,
            title: baseline.title,
            metrics: baseline.metrics,
            workdayHours: baseline.workdayHours,
            totalsUnits: baseline.totalsUnits
        }
    }));
}
