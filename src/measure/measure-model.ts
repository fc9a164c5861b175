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

/** A `handoff` or `flow` edge of the map, by its steps' names: what may follow a visit. */
export interface MeasuredEdgeInput {
    from: string;
    to: string;
    /** The map's share as a fraction, when the edge has one. */
    share: number | null;
}

/** A `rework` of the map: work that goes from `from` back to `to`. */
export interface MeasuredReworkInput {
    from: string;
    to: string;
    /** The map's rate as a fraction, when the rework has a valid one. */
    rate: number | null;
}

export interface MeasuredStreamInput {
    name: string;
    /** Hours of one working day: 24 counted hours of the log are one such day. */
    workdayHours: number;
    /** Statuses meaning the recipient has the outcome (the stream's `done` clause). */
    done: string[];
    steps: MeasuredStepInput[];
    edges: MeasuredEdgeInput[];
    reworks: MeasuredReworkInput[];
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
    /** How the log writes its times (`--time-format`): strptime codes, `epoch` or `epoch-ms`; ISO 8601 when absent. */
    timeFormat?: string;
    /** The IANA zone of times written without an offset (`--timezone`); UTC when absent. */
    timezone?: string;
    /** Rows after this time (ISO 8601) are unreadable (`--as-of`); the time of the run when absent. */
    asOf?: string;
    /** Measure even when more than 1% of the rows are unreadable (`--skip-bad-rows`). */
    skipBadRows?: boolean;
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

/**
 * What the closed visits of a step took beyond its median and p85, for `measure --update
 * --ranges` to shape a range with: not in the contract's JSON.
 */
export interface VisitSpread {
    p10: number;
    p15: number;
    p25: number;
    p75: number;
    p90: number;
    p95: number;
    mean: number;
    /** The standard deviation of the visits' times (over all of them). */
    deviation: number;
}

export interface MeasuredTime {
    /** The map's likely value, in hours. */
    mapped: number;
    p50: number | null;
    p85: number | null;
    /** Null without a closed visit. */
    spread: VisitSpread | null;
}

/** A step in `vstream measure --json`: the contract's keys (and the spread, which the JSON leaves out). */
export interface StepMeasurement {
    step: string;
    /** Items with at least one visit to the step. */
    items: number;
    /** Closed visits: the samples of its process and wait. */
    visits: number;
    process: MeasuredTime;
    wait: MeasuredTime;
}

/** What follows the closed visits of a step with two or more outgoing edges, per edge. */
export interface BranchMeasurement {
    from: string;
    to: string;
    /** The map's share as a fraction, or null. */
    mapped: number | null;
    /** Closed visits of `from` whose next is `to`, over those whose next is one of its targets; null below 5. */
    measured: number | null;
    /** That denominator. */
    samples: number;
    /** The share of items that, after their first visit to `from`, visit two or more of its targets (parallel work); null below 5 items. */
    both: number | null;
    /**
     * The same, counting only two targets that no path of the map joins: what `--update` reads to
     * tell a decision from parallel work (where a decision's edges meet again, as `screen ->
     * reject` and `screen -> interview -> reject`, items visit both targets of the decision).
     * Not in the contract's JSON; null below 5 items.
     */
    parallel: number | null;
}

/** How often work went back along a `rework` of the map. */
export interface ReworkMeasurement {
    from: string;
    to: string;
    /** The map's rate as a fraction, or null. */
    mapped: number | null;
    /** Closed visits of `from` whose next is `to`, over the closed visits of `from`; null below 5. */
    measured: number | null;
    samples: number;
    /**
     * The same over the closed visits of `from` that follow a visit to `to`: the rate the map's
     * rework has where `to` lies behind a decision (the rework counts only when both its steps
     * are reached); not in the contract's JSON. Null below 5.
     */
    reached: { measured: number | null; samples: number };
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
    branches: BranchMeasurement[];
    rework: ReworkMeasurement[];
}

/** A row that could not be read: where it is and what was wrong, so that someone can fix the export. */
export interface UnreadableRow {
    /** The file as it was given. */
    file: string;
    /** The line in a CSV file (a record's first line), the row in a JSON-lines or Parquet file (1-based). */
    line: number;
    /** As far as it could be read; null when there is none. */
    item: string | null;
    /** The time as written; null when the field is empty or could not be split. */
    at: string | null;
    /** What was wrong, and what was expected: "4 fields where the header has 3". */
    problem: string;
}

export interface UnmappedStatus {
    /** Null for rows with an empty status. */
    status: string | null;
    rows: number;
    /** The map's status it equals but for case and surrounding spaces, if any: likely the one meant. */
    didYouMean?: string;
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
    /**
     * Rows that cannot be read (a record that cannot be split, no item, a time that cannot be
     * read, a time after --as-of): left out of the measurement, and their items with them.
     */
    unreadableRows: { count: number; first: UnreadableRow[] };
    /** Items left out whole because one of their rows is unreadable: their history has a hole. */
    itemsLeftOut: number;
    /** Statuses of the readable rows that no measured stream names, most rows first. */
    unmappedStatuses: UnmappedStatus[];
    missingStatuses: MissingStatus[];
}

/** `measured-drift` on a time: the map's value lies outside [0.5 × p50, 2 × p50] of what was measured. */
export interface TimeDrift {
    kind: 'time';
    stream: string;
    step: string;
    measure: 'process' | 'wait';
    mapped: number;
    p50: number;
    p85: number | null;
    /** The step's closed visits. */
    samples: number;
}

/** `measured-drift` on a share or a rate: the map's is 10 points or more from the measured one. */
export interface ChanceDrift {
    kind: 'share' | 'rate';
    stream: string;
    /** The edge's or rework's two steps. */
    from: string;
    to: string;
    mapped: number;
    measured: number;
    samples: number;
    /** A rate measured over only the visits that came after one to the rework's earlier step (some did not). */
    afterEarlierStep?: boolean;
}

export type MeasuredDrift = TimeDrift | ChanceDrift;

/** Bad input the command line reports in one line (exit status 2): a file, a column, the missing binding. */
export class MeasureInputError extends Error {
    override name = 'MeasureInputError';
}

/** The share of unreadable rows beyond which a history is not measured unless asked to be. */
export const UNREADABLE_LIMIT = 0.01;

/** More than {@link UNREADABLE_LIMIT} of the rows are unreadable: nothing was measured (`--skip-bad-rows` measures anyway). */
export class UnreadableHistoryError extends MeasureInputError {
    override name = 'UnreadableHistoryError';
    /** What was refused and why, naming the first unreadable rows; the message adds what the command line can do. */
    readonly summary: string;

    constructor(
        readonly unreadableRows: MeasureReport['unreadableRows'],
        readonly rowsRead: number
    ) {
        const summary = refusalSummary(unreadableRows, rowsRead);
        super(
            `${summary}. Fix the export or say how to read it (--columns, --time-format, --timezone), or measure the other rows with --skip-bad-rows`
        );
        this.summary = summary;
    }
}

function refusalSummary({ count, first }: MeasureReport['unreadableRows'], rowsRead: number): string {
    const share = Number(((count / rowsRead) * 100).toFixed(count / rowsRead < 0.1 ? 1 : 0));
    const more = count > first.length ? `; and ${count - first.length} more` : '';
    return (
        `${count} of ${rowsRead} rows (${share}%) cannot be read, more than ${UNREADABLE_LIMIT * 100}%, so nothing was measured: ` +
        `${unreadableRowsWords(first)}${more}`
    );
}

/**
 * Unreadable rows for people, each where it is and as it reads, the problem said once for rows
 * in a row that share it: `events.csv:4 (A-1, "31/01/2024"), events.csv:5 (A-2, "1/2/2024"): not
 * ISO 8601 (…); events.csv:9 (B-1): 4 fields where the header has 3`.
 */
export function unreadableRowsWords(rows: UnreadableRow[]): string {
    // An item with a line break or other control character is quoted, so that the words stay on one line.
    const item = (text: string | null) =>
        text === null ? 'no item' : /\p{Cc}/u.test(text) ? JSON.stringify(text) : text;
    const place = (row: UnreadableRow) =>
        `${row.file}:${row.line} (${item(row.item)}${row.at === null ? '' : `, ${JSON.stringify(row.at)}`})`;
    const groups: { places: string[]; problem: string }[] = [];
    for (const row of rows) {
        const last = groups.at(-1);
        if (last?.problem === row.problem) {
            last.places.push(place(row));
        } else {
            groups.push({ places: [place(row)], problem: row.problem });
        }
    }
    return groups.map(group => `${group.places.join(', ')}: ${group.problem}`).join('; ');
}

/** The measurement was stopped through its AbortSignal. */
export class MeasureAbortError extends Error {
    override name = 'AbortError';

    constructor(options?: ErrorOptions) {
        super('measuring was stopped', options);
    }
}
