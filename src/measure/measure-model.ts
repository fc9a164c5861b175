/**
 * What `vstream measure` needs from a map, and what it reports: plain data, so that the engine
 * knows nothing of Langium, the language server or the editor.
 */

/** A step of the map as the measurement sees it. */
export interface MeasuredStepInput {
    name: string;
    /** Tracker statuses in which the step's work happens (the step's `status` clause). */
    status: string[];
    /** Tracker statuses in which work waits before the step (the step's `queue` clause). */
    queue: string[];
    /** The map's likely process time of the step, in working hours. */
    mappedProcess: number;
    /** The map's likely wait before the step, in working hours. */
    mappedWait: number;
}

export interface MeasuredStreamInput {
    name: string;
    /** Hours of one working day: 24 counted hours of the log are one such day. */
    workdayHours: number;
    /** Statuses meaning the recipient has the outcome (the stream's `done` clause). */
    done: string[];
    steps: MeasuredStepInput[];
}

export interface MeasureMap {
    streams: MeasuredStreamInput[];
}

/**
 * `workweek` counts only Monday to Friday (UTC) of a span; `all` counts every day. Either
 * way, 24 counted hours are one working day.
 */
export type Calendar = 'workweek' | 'all';

/** The names of the three columns of the events, where a file names them otherwise. */
export interface EventColumns {
    item?: string;
    status?: string;
    at?: string;
}

/** What the engine is doing: reading the log, measuring it, or finding the lines of unreadable rows. */
export type MeasurePhase = 'reading' | 'measuring' | 'locating';

export interface MeasureProgress {
    phase: MeasurePhase;
    /** How far DuckDB says the running query is, 0–100; null while it cannot tell. */
    percent: number | null;
    /** Rows of the log, known once it has been read (null before). */
    rowsRead: number | null;
    /** Since `measure` was called. */
    elapsedMs: number;
}

export interface MeasureOptions {
    /** Paths of CSV (with a header row), Parquet or JSON-lines files, told apart by extension. */
    events: string[];
    columns?: EventColumns;
    calendar: Calendar;
    /** Called a few times a second while a query runs, and once as each phase ends. */
    onProgress?: (progress: MeasureProgress) => void;
    /** Aborting stops the running query; `measure` then rejects with a {@link MeasureAbortError}. */
    signal?: AbortSignal;
}

/** Percentiles in the map's hours; null where there is no sample. */
export interface LeadTimePercentiles {
    p50: number | null;
    p85: number | null;
    p95: number | null;
}

export interface MeasuredTime {
    /** The map's likely value, in hours. */
    mapped: number;
    p50: number | null;
    p85: number | null;
    /** The low end of a measured range (`measure --update --ranges`); not in the contract's JSON. */
    p15: number | null;
}

/** A step in `vstream measure --json`: the contract's keys (and p15, which the JSON leaves out). */
export interface StepMeasurement {
    step: string;
    /** Items with at least one row in one of the step's `status` statuses: one sample each. */
    items: number;
    process: MeasuredTime;
    wait: MeasuredTime;
}

/** A stream in `vstream measure --json`: exactly the contract's keys. */
export interface StreamMeasurement {
    stream: string;
    items: number;
    done: number;
    wip: number;
    /** Done items per 7 calendar days between the log's first and last timestamps; null when they coincide. */
    throughputPerWeek: number | null;
    leadTime: LeadTimePercentiles;
    steps: StepMeasurement[];
}

/** A row whose time could not be read: where it is, so that someone can fix the export. */
export interface UnreadableRow {
    /** The file as it was given. */
    file: string;
    /** The line in a CSV or JSON-lines file, the row in a Parquet file (1-based). */
    line: number;
    item: string | null;
    /** The time as written; null when the field is empty. */
    at: string | null;
}

export interface UnmappedStatus {
    /** Null for rows with an empty status. */
    status: string | null;
    rows: number;
}

/** A status named by the map that no row of the log has: often a spelling that differs from the tracker's. */
export interface MissingStatus {
    stream: string;
    /** Null for the stream's `done` clause. */
    step: string | null;
    clause: 'status' | 'queue' | 'done';
    status: string;
}

export interface MeasureReport {
    streams: StreamMeasurement[];
    /** Every row of the event files. */
    rowsRead: number;
    /** Rows whose time is empty or not ISO 8601: left out of the measurement. */
    unreadableRows: { count: number; first: UnreadableRow[] };
    /** Rows with an empty item: left out of the measurement. */
    rowsWithoutItem: number;
    /** Statuses of the log that no measured stream names, most rows first. */
    unmappedStatuses: UnmappedStatus[];
    missingStatuses: MissingStatus[];
}

/** `measured-drift`: the map's value lies outside [0.5 × p50, 2 × p50] of what was measured. */
export interface MeasuredDrift {
    stream: string;
    step: string;
    measure: 'process' | 'wait';
    mapped: number;
    p50: number;
    p85: number | null;
    samples: number;
}

/** Bad input the command line reports in one line (exit status 2): a file, a column, the missing binding. */
export class MeasureInputError extends Error {
    override name = 'MeasureInputError';
}

/** The measurement was stopped through its AbortSignal. */
export class MeasureAbortError extends Error {
    override name = 'AbortError';

    constructor(options?: ErrorOptions) {
        super('measuring was stopped', options);
    }
}
