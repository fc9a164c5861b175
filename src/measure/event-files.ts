/**
 * The event files as DuckDB reads them: CSV through the rows file our own splitter wrote
 * (csv-events.ts), Parquet and JSON lines where they lie; which of a file's columns hold item,
 * status and time; and the rows of all files with their times read and what made any of them
 * unreadable. Everything here is SQL text; the session runs it.
 */
import { statSync } from 'node:fs';
import { MeasureInputError, type EventColumns } from './measure-model.js';
import { sqlIdentifier, sqlString } from './sql-text.js';
import { readTimesSql, type TimeReading } from './time-reading.js';

export type EventFileKind = 'csv' | 'parquet' | 'jsonl';

export interface EventFile {
    /** As given on the command line: messages name the file so. */
    path: string;
    kind: EventFileKind;
    /** Its size, for the progress of reading it. */
    bytes: number;
}

export type EventRole = keyof EventColumns;

export const EVENT_ROLES: EventRole[] = ['item', 'status', 'at'];

/** The rows file of a CSV file: `line,"problem",item,status,at` in the CSV file's delimiter. */
export interface SplitRows {
    path: string;
    delimiter: string;
}

/** A file with the names its columns have for item, status and time. */
export interface EventSource extends EventFile {
    columns: Record<EventRole, string>;
    /** CSV: the rows file DuckDB reads in place of the file. */
    rows?: SplitRows;
    /** Parquet and JSON lines: the type DuckDB gives the time column (Parquet may hold timestamps). */
    atType?: string;
}

const KINDS: { ending: string; kind: EventFileKind }[] = [
    { ending: '.csv', kind: 'csv' },
    { ending: '.csv.gz', kind: 'csv' },
    { ending: '.parquet', kind: 'parquet' },
    { ending: '.jsonl', kind: 'jsonl' },
    { ending: '.ndjson', kind: 'jsonl' },
    { ending: '.jsonl.gz', kind: 'jsonl' },
    { ending: '.ndjson.gz', kind: 'jsonl' }
];

/** The file, if it exists and its extension says how to read it. */
export function eventFile(path: string): EventFile {
    const known = KINDS.find(({ ending }) => path.toLowerCase().endsWith(ending));
    if (!known) {
        throw new MeasureInputError(
            `${path}: unknown kind of events file (expected ${KINDS.map(({ ending }) => ending).join(', ')})`
        );
    }
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats?.isFile()) {
        throw new MeasureInputError(`${path}: no such events file`);
    }
    if (stats.size === 0) {
        throw new MeasureInputError(`${path} is empty: an events file starts with a header row (item, status, at)`);
    }
    return { path, kind: known.kind, bytes: stats.size };
}

/**
 * DuckDB's reader of a Parquet or JSON-lines file. JSON lines get their three columns as text,
 * by the names the file uses, so that the times are read by our rules and not by DuckDB's guess.
 */
function reader(file: EventFile, columns?: Record<EventRole, string>): string {
    const path = sqlString(file.path);
    if (file.kind === 'parquet') {
        return `read_parquet(${path}, file_row_number = true)`;
    }
    const textColumns = columns
        ? `, columns = {${EVENT_ROLES.map(role => `${sqlString(columns[role])}: 'VARCHAR'`).join(', ')}}`
        : '';
    return `read_json(${path}, format = 'newline_delimited'${textColumns})`;
}

/** The query that lists a Parquet or JSON-lines file's columns (`column_name`, `column_type`), reading only its head. */
export function describeSql(file: EventFile): string {
    return `DESCRIBE SELECT * FROM ${reader(file)}`;
}

/**
 * The file's column for each role: the name asked for (`--columns`, else the role's own name),
 * matched as DuckDB matches names, exactly first and then ignoring case.
 */
export function matchColumns(file: EventFile, found: string[], asked: EventColumns | undefined): EventSource {
    const columns = {} as Record<EventRole, string>;
    for (const role of EVENT_ROLES) {
        const name = asked?.[role] ?? role;
        const match =
            found.find(column => column === name) ?? found.find(column => column.toLowerCase() === name.toLowerCase());
        if (match === undefined) {
            throw new MeasureInputError(
                `${file.path} has no column '${name}' (columns found: ${found.join(', ')}): name it with --columns ${role}=…`
            );
        }
        columns[role] = match;
    }
    return { ...file, columns };
}

/** `seq` counts lines (rows) within a file; files are this far apart, in the order given. */
const SEQ_PER_FILE = 2n ** 40n;

/**
 * The time of a file as the reading takes it: text to read by our rules, or (Parquet) a
 * timestamp with a zone as it is, or a wall time (timestamp without zone, date) in the zone.
 */
function timeColumnsSql(source: EventSource, column: string): string {
    const type = source.atType ?? 'VARCHAR';
    if (type === 'TIMESTAMP WITH TIME ZONE') {
        return `CAST(NULL AS VARCHAR) AS at_text, ${column} AS typed_at, CAST(NULL AS TIMESTAMP) AS typed_local`;
    }
    if (type.startsWith('TIMESTAMP') || type === 'DATE') {
        return `CAST(NULL AS VARCHAR) AS at_text, CAST(NULL AS TIMESTAMPTZ) AS typed_at, CAST(${column} AS TIMESTAMP) AS typed_local`;
    }
    return `nullif(trim(CAST(${column} AS VARCHAR)), '') AS at_text, CAST(NULL AS TIMESTAMPTZ) AS typed_at, CAST(NULL AS TIMESTAMP) AS typed_local`;
}

/**
 * A file's rows: `source` (its index), `line` (CSV: the record's first line; Parquet and JSON
 * lines: the row, 1-based), `seq` (increasing in input order over all files), item and status
 * (an empty field is none, whatever the format), the time columns, and `split_problem` (CSV: why
 * the record could not be split).
 */
function sourceRowsSql(source: EventSource, index: number): string {
    const seq = (line: string) => `${BigInt(index) * SEQ_PER_FILE} + ${line}`;
    if (source.rows) {
        const { path, delimiter } = source.rows;
        return `SELECT ${index} AS source, line, ${seq('line')} AS seq, item, status, ${timeColumnsSql(source, '"at"')}, problem AS split_problem
        FROM read_csv(${sqlString(path)}, auto_detect = false, header = false, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', new_line = '\\n', strict_mode = true,
            columns = {'line': 'BIGINT', 'problem': 'VARCHAR', 'item': 'VARCHAR', 'status': 'VARCHAR', 'at': 'VARCHAR'})`;
    }
    const column = (role: EventRole) => `nullif(CAST(${sqlIdentifier(source.columns[role])} AS VARCHAR), '')`;
    const line = source.kind === 'parquet' ? 'file_row_number + 1' : 'ordinality';
    const rows = source.kind === 'parquet' ? reader(source) : `${reader(source, source.columns)} WITH ORDINALITY`;
    return `SELECT ${index} AS source, ${line} AS line, ${seq(line)} AS seq, ${column('item')} AS item, ${column('status')} AS status,
            ${timeColumnsSql(source, sqlIdentifier(source.columns.at))}, CAST(NULL AS VARCHAR) AS split_problem
        FROM ${rows}`;
}

/** Rows after this instant are unreadable: a typo dated 2099 cannot stretch the log. */
export interface AsOf {
    /** Microseconds since 1970 (UTC). */
    epochUs: bigint;
    /** As the user wrote it, or the time of the run: messages name it so. */
    text: string;
}

/**
 * Every row of every file with its time read: `event_rows(source, line, seq, item, status, "at",
 * at_written, problem)`, `problem` null for a readable row, else what made it unreadable (the
 * record could not be split, no item, a time that cannot be read, a time after --as-of), and
 * `at_written` the time as written, kept for unreadable rows only.
 */
export function eventRowsSql(sources: EventSource[], reading: TimeReading, asOf: AsOf): string {
    const rows = readTimesSql(sources.map(sourceRowsSql).join('\n    UNION ALL '), reading);
    return `SELECT source, line, seq, item, status, "at",
        CASE WHEN problem IS NOT NULL THEN coalesce(at_text, CAST(typed_at AS VARCHAR), CAST(typed_local AS VARCHAR)) END AS at_written,
        problem
    FROM (SELECT *, coalesce(split_problem, CASE WHEN item IS NULL THEN 'no item' END, time_problem,
            CASE WHEN "at" > make_timestamp(${asOf.epochUs}) THEN ${sqlString(`after --as-of ${asOf.text}`)} END) AS problem
        FROM (${rows}))`;
}

/**
 * The view the measurement reads, `events(item, status, "at", seq)`: the readable rows of the
 * items without an unreadable row (an item with a hole in its history is left out whole), from
 * the rows as read (`rows`) and the items left out (`left_out_items(item)`).
 */
export function eventsViewSql(rows: string): string {
    // An anti join, not NOT EXISTS: DuckDB would buffer every row of the log to decorrelate that.
    return `CREATE OR REPLACE TEMP VIEW events AS
SELECT r.item, r.status, r."at", r.seq
FROM ${rows} AS r ANTI JOIN left_out_items AS l ON l.item = r.item
WHERE r.problem IS NULL`;
}

/** The items that have an unreadable row (of those whose item could be read). */
export function leftOutItemsSql(rows: string): string {
    return `CREATE OR REPLACE TEMP TABLE left_out_items AS
SELECT DISTINCT item FROM ${rows} WHERE problem IS NOT NULL AND item IS NOT NULL`;
}

/** Per file and status: rows readable and unreadable. */
export function censusSql(rows: string): string {
    return `SELECT source, status, count(*) FILTER (WHERE problem IS NULL) AS readable_rows, count(problem) AS unreadable_rows
FROM ${rows}
GROUP BY source, status`;
}

export interface CensusRow {
    source: number;
    status: string | null;
    readable_rows: bigint;
    unreadable_rows: bigint;
}

/** The first unreadable rows in input order. */
export function firstUnreadableSql(rows: string, limit: number): string {
    return `SELECT source, line, item, at_written, problem FROM ${rows} WHERE problem IS NOT NULL ORDER BY seq LIMIT ${limit}`;
}

export interface UnreadableRowRow {
    source: number;
    line: bigint;
    item: string | null;
    at_written: string | null;
    problem: string;
}
