/** `vstream metrics`: the contract's figures per stream, as a table or as JSON. */
import { changeWords, compareFigures, hasDecisions, streamHeading } from '../analysis/figures.js';
import type { StreamMetrics } from '../analysis/stream-model.js';
import { isStream, type Stream } from '../language/generated/ast.js';
import type { MeasuredStream } from '../language/stream-models.js';
import type { VstreamServices } from '../language/vstream-module.js';
import { InputError, type ReportedFile } from './workspace.js';

/** One stream in `metrics --json`: its name and title, the contract's figures, and the stream it improves. */
export type StreamMetricsEntry = { stream: string; title: string | null } & StreamMetrics & { improves: string | null };

export function measureStreams(files: ReportedFile[], services: VstreamServices): MeasuredStream[] {
    const models = services.analysis.StreamModels;
    return files
        .flatMap(file => file.document.parseResult.value.elements.filter(isStream))
        .map((stream: Stream) => models.withBaseline(stream));
}

/** The stream named by --stream, or all of them. */
export function selectStreams<S extends MeasuredStream>(streams: S[], name: string | undefined): S[] {
    if (name === undefined) {
        return streams;
    }
    const chosen = streams.filter(stream => stream.model.name === name);
    if (chosen.length === 0) {
        throw new InputError(
            `no stream named '${name}' (streams: ${streams.map(stream => stream.model.name).join(', ') || 'none'})`
        );
    }
    return chosen;
}

export function metricsEntry({ model }: MeasuredStream): StreamMetricsEntry {
    const metrics = model.metrics;
    return {
        stream: model.name,
        title: model.title ?? null,
        leadTime: metrics.leadTime,
        processTime: metrics.processTime,
        flowEfficiency: metrics.flowEfficiency,
        rolledCompleteAccurate: metrics.rolledCompleteAccurate,
        effort: metrics.effort,
        handoffs: metrics.handoffs,
        waitOutsideControl: metrics.waitOutsideControl,
        expectedLeadTime: metrics.expectedLeadTime,
        criticalPath: metrics.criticalPath,
        improves: model.improves ?? null,
        bestLeadTime: metrics.bestLeadTime,
        worstLeadTime: metrics.worstLeadTime,
        target: metrics.target,
        typicalLeadTime: metrics.typicalLeadTime,
        typicalPath: metrics.typicalPath,
        typicalShare: metrics.typicalShare
    };
}

export function formatMetricsText(streams: MeasuredStream[]): string {
    if (streams.length === 0) {
        return 'No streams found.\n';
    }
    return streams.map(formatStream).join('\n');
}

function formatStream({ model, baseline }: MeasuredStream): string {
    const heading = streamHeading(model);
    const lines = [heading];
    if (model.improves) {
        lines.push(
            baseline
                ? `  improves ${baseline.name}${baseline.title ? ` — ${baseline.title}` : ''}`
                : `  improves ${model.improves} (not found)`
        );
    }
    const figures = compareFigures(model, baseline);
    const width = Math.max(...figures.map(figure => figure.label.length)) + 2;
    for (const figure of figures) {
        const comparison =
            figure.before === undefined
                ? ''
                : `   was ${figure.before.padStart(9)}${figure.change ? '   ' : ''}${changeWords(figure)}`;
        lines.push(`  ${figure.label.padEnd(width)}${figure.value.padStart(10)}${comparison}`);
    }
    lines.push(`  ${'critical path'.padEnd(width)}${model.metrics.criticalPath.join(' → ') || 'none'}`);
    if (hasDecisions(model.metrics)) {
        lines.push(`  ${'typical path'.padEnd(width)}${model.metrics.typicalPath.join(' → ') || 'none'}`);
    }
    return lines.join('\n') + '\n';
}
