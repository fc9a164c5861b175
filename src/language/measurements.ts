/**
 * What a tracker's history measured, kept for the checks: `measured-drift` where a step's
 * figure is far from its measured median, `unseen-status` where the map names a status the
 * history never has. Drift is worked out again on every validation against the figures as they
 * are typed, so it goes away as soon as the map agrees.
 */
import type { StepModel, StreamModel } from '../analysis/stream-model.js';
import { driftFindings } from '../measure/drift.js';
import type {
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

    /** The steps whose figures, as the model now has them, lie outside [0.5, 2] × the measured median. */
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
        return driftFindings({ streams: [{ ...record.measurement, steps: current }] });
    }

    /** Whether the history has rows in this status; true when the stream was not measured. */
    occurs(stream: string, status: string): boolean {
        const record = this.streams.get(stream);
        return !record || record.seen.has(status);
    }
}

function withMapped(measured: StreamMeasurement['steps'][number], step: StepModel): StreamMeasurement['steps'][number] {
    return {
        ...measured,
        process: { ...measured.process, mapped: step.processTime },
        wait: { ...measured.wait, mapped: step.waitTime }
    };
}
