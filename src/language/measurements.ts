/**
 * What a tracker's history measured, kept for the checks: `measured-drift` where a step's
 * figure is far from its measured median, `unseen-status` where the map names a status the
 * history never has. Drift is worked out again on every validation against the figures as they
 * are typed, so it goes away as soon as the map agrees.
 */
import { forecastStream } from '../analysis/forecast.js';
import type { StepModel, StreamModel } from '../analysis/stream-model.js';
import { chanceDriftFindings, disagreement, driftFindings } from '../measure/drift.js';
import type {
    LeadTimePercentiles,
    MeasureMap,
    MeasureReport,
    MeasuredDrift,
    MeasuredStreamInput,
    StreamMeasurement
} from '../measure/measure-model.js';

/** The map as the measurement reads it: each stream's statuses, and its steps' likely times. */
export function measureMapOf(models: StreamModel[]): MeasureMap {
    return { streams: models.map(measuredStreamInput) };
}

function measuredStreamInput(model: StreamModel): MeasuredStreamInput {
    return {
        name: model.name,
        workdayHours: model.workdayHours,
        done: model.doneStatuses,
        steps: model.steps.map(step => ({
            name: step.name,
            status: step.statuses,
            queue: step.queues,
            mappedProcess: step.processTime,
            mappedWait: step.waitTime
        })),
        edges: model.edges.map(edge => ({
            from: model.steps[edge.from].name,
            to: model.steps[edge.to].name,
            share: edge.share ?? null
        })),
        reworks: model.reworks.map(rework => ({
            from: model.steps[rework.from].name,
            to: model.steps[rework.to].name,
            rate: rework.rate ?? null
        }))
    };
}

/** Whether a stream names any tracker status: only those can be measured. */
export function namesStatuses(model: StreamModel): boolean {
    return model.doneStatuses.length > 0 || model.steps.some(step => step.statuses.length + step.queues.length > 0);
}

interface StreamRecord {
    measurement: StreamMeasurement;
    /** Every status the history has (rows in it), to tell which of the map's never occur. */
    seen: ReadonlySet<string>;
}

export class Measurements {
    private readonly streams = new Map<string, StreamRecord>();

    /** Keeps a measurement of these streams (stream names are unique in a workspace), replacing earlier ones. */
    record(map: MeasureMap, report: Pick<MeasureReport, 'streams' | 'missingStatuses' | 'unmappedStatuses'>): void {
        const missing = new Set(report.missingStatuses.map(entry => entry.status));
        const named = map.streams.flatMap(stream => [
            ...stream.done,
            ...stream.steps.flatMap(step => [...step.status, ...step.queue])
        ]);
        const seen = new Set([
            ...named.filter(status => !missing.has(status)),
            ...report.unmappedStatuses.flatMap(entry => (entry.status === null ? [] : [entry.status]))
        ]);
        for (const measurement of report.streams) {
            this.streams.set(measurement.stream, { measurement, seen });
        }
    }

    /** Forgets every measurement. */
    clear(): void {
        this.streams.clear();
    }

    has(stream: string): boolean {
        return this.streams.has(stream);
    }

    measurement(stream: string): StreamMeasurement | undefined {
        return this.streams.get(stream)?.measurement;
    }

    /**
     * What drifts, against the figures as the model now has them: step times outside [0.5, 2] ×
     * the measured median, shares and rates 10 points or more from the measured ones.
     */
    drift(model: StreamModel): MeasuredDrift[] {
        const record = this.streams.get(model.name);
        if (!record) {
            return [];
        }
        const steps = new Map(model.steps.map(step => [step.name, step]));
        const current = record.measurement.steps.flatMap(measured => {
            const step = steps.get(measured.step);
            return step ? [withMapped(measured, step)] : [];
        });
        const chances = mappedChances(model);
        return [
            ...driftFindings({ streams: [{ ...record.measurement, steps: current }] }),
            ...chanceDriftFindings({
                stream: model.name,
                branches: record.measurement.branches.map(branch => ({
                    ...branch,
                    mapped: chances.shares.get(link(branch)) ?? null
                })),
                rework: record.measurement.rework.map(rework => ({
                    ...rework,
                    mapped: chances.rates.get(link(rework)) ?? null
                }))
            })
        ];
    }

    /**
     * The map's forecast and the measured lead time, when the forecast's p50 or p85 lies outside
     * [0.8, 1.25] × the measured one (the percentiles that do, in `off`).
     */
    disagreement(model: StreamModel): MapDisagreement | undefined {
        const record = this.streams.get(model.name);
        if (!record || record.measurement.done === 0) {
            return undefined;
        }
        const forecast = mapForecast(model);
        const off = disagreement(forecast, record.measurement.leadTime);
        return off.length > 0 ? { forecast, measured: record.measurement.leadTime, off } : undefined;
    }

    /** Whether the history has rows in this status; true when the stream was not measured. */
    occurs(stream: string, status: string): boolean {
        const record = this.streams.get(stream);
        return !record || record.seen.has(status);
    }
}

const mapForecasts = new WeakMap<StreamModel, { p50: number; p85: number }>();

/**
 * The map's own forecast of a stream, as `vstream forecast` gives it (10,000 trials, seed 1): what
 * the measured lead time is held against. Once per model: validation asks on every change of the
 * stream, and the report of a measurement asks again.
 */
export function mapForecast(model: StreamModel): { p50: number; p85: number } {
    let forecast = mapForecasts.get(model);
    if (!forecast) {
        const { p50, p85 } = forecastStream(model);
        forecast = { p50, p85 };
        mapForecasts.set(model, forecast);
    }
    return forecast;
}

export interface MapDisagreement {
    forecast: { p50: number; p85: number };
    measured: LeadTimePercentiles;
    off: Array<'p50' | 'p85'>;
}

const link = ({ from, to }: { from: string; to: string }) => `${from} -> ${to}`;

/** The shares and rates the map now gives, by their two steps' names. */
function mappedChances(model: StreamModel): { shares: Map<string, number>; rates: Map<string, number> } {
    const name = (step: number) => model.steps[step].name;
    return {
        shares: new Map(
            model.edges.flatMap(edge =>
                edge.share === undefined ? [] : [[link({ from: name(edge.from), to: name(edge.to) }), edge.share]]
            )
        ),
        rates: new Map(
            model.reworks.flatMap(rework =>
                rework.rate === undefined ? [] : [[link({ from: name(rework.from), to: name(rework.to) }), rework.rate]]
            )
        )
    };
}

function withMapped(measured: StreamMeasurement['steps'][number], step: StepModel): StreamMeasurement['steps'][number] {
    return {
        ...measured,
        process: { ...measured.process, mapped: step.processTime },
        wait: { ...measured.wait, mapped: step.waitTime }
    };
}
