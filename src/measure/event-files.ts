/**
 * The event files as DuckDB reads them where they lie: which reader each extension takes, which
 * of a file's columns hold item, status and time, and the views the measurement query reads.
 * Everything here is SQL text; the session runs it.
 */
import { statSync } from 'node:fs';
import { MeasureInputError, type EventColumns } from './measure-model.js';
import { sqlIdentifier, sqlString } from './sql-text.js';

export type EventFileKind = 'csv' | 'parquet' | 'jsonl';

export interface EventFile {
    /** As given on the command line: messages name the file so. */
    path: string;
    kind: EventFileKind;
}

export type EventRole = keyof EventColumns;

/** A file with the names its columns have for item, status and time. */
export interface EventSource extends EventFile {
    columns: Record<EventRole, string>;
}

const ROLES: EventRole[] = ['item', 'status', 'at'];

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
    return { path, kind: known.kind };
}

/**
 * The reader of a file. CSV is read as text (a timestamp column that DuckDB types itself turns
 * bad values into NULL without a word, and one bad value makes the sniffer guess text anyway);
 * JSON lines get their three columns as text for the same reason, by the names the file uses.
 */
function reader(file: EventFile, columns?: Record<EventRole, string>): string {
    const path = sqlString(file.path);
    switch (file.kind) {
        case 'csv':
            return `read_csv(${path}, all_varchar = true, header = true)`;
        case 'parquet':
            return `read_parquet(${path})`;
        case 'jsonl': {
            const textColumns = columns
                ? `, columns = {${ROLES.map(role => `${sqlString(columns[role])}: 'VARCHAR'`).join(', ')}}`
                : '';
            return `read_json(${path}, format = 'newline_delimited'${textColumns})`;
        }
    }
}

/** The query that lists a file's columns (`column_name`), reading only its head. */
export function describeSql(file: EventFile): string {
    return `DESCRIBE SELECT * FROM ${reader(file)}`;
}

/**
 * The file's column for each role: the name asked for (`--columns`, else the role's own name),
 * matched as DuckDB matches names, exactly first and then ignoring case.
 */
export function matchColumns(file: EventFile, found: string[], asked: EventColumns | undefined): EventSource {
    const columns = {} as Record<EventRole, string>;
    for (const role of ROLES) {
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

/**
 * A file's rows as text: item, status, and the time as written. An empty field is none, as CSV
 * reads it, whatever the format.
 */
function sourceRowsSql(source: EventSource, index: number): string {
    const column = (role: EventRole) => `nullif(CAST(${sqlIdentifier(source.columns[role])} AS VARCHAR), '')`;
    return (
        `SELECT ${index} AS source, row_number() OVER () AS file_row, ${column('item')} AS item, ${column('status')} AS status, ${column('at')} AS at_text ` +
        `FROM ${reader(source, source.columns)}`
    );
}

/**
 * Rows with their time read: ISO 8601, in UTC when it names no zone (the session's zone is UTC);
 * null when it cannot be read, or is ±infinity, which no tracker means.
 */
function readTimesSql(rows: string): string {
    return `SELECT source, file_row, item, status, at_text, CASE WHEN isfinite(parsed) THEN parsed END AS "at"
    FROM (SELECT *, TRY_CAST(at_text AS TIMESTAMPTZ) AS parsed FROM (${rows}))`;
}

/**
 * `event_rows(source, item, status, at_text, "at")`: every row of every file, `source` its
 * file's index; and `events(item, status, "at")`, the table the measurement query reads.
 */
export function eventViewsSql(sources: EventSource[]): string {
    return `CREATE OR REPLACE TEMP VIEW event_rows AS
    ${readTimesSql(sources.map(sourceRowsSql).join('\n        UNION ALL '))};
CREATE OR REPLACE TEMP VIEW events AS
    SELECT item, status, "at", source * 1099511627776 + file_row AS seq
    FROM event_rows WHERE item IS NOT NULL AND "at" IS NOT NULL;`;
}

/** Per file and status: rows, rows with a readable time, rows with an item. */
export const CENSUS_SQL = `SELECT source, status, count(*) AS "rows", count("at") AS readable_rows, count(item) AS rows_with_item
FROM event_rows
GROUP BY source, status`;

export interface CensusRow {
    source: number;
    status: string | null;
    rows: bigint;
    readable_rows: bigint;
    rows_with_item: bigint;
}

/** The line (Parquet: the row) of a file's first record: CSV has its header first. */
const FIRST_RECORD_LINE: Record<EventFileKind, number> = { csv: 2, jsonl: 1, parquet: 1 };

/**
 * The first rows of one file whose time cannot be read, with their lines. `row_number() OVER ()`
 * over one file follows the file's order; it counts records, so a quoted CSV field that spans
 * lines shifts the lines after it.
 */
export function unreadableRowsSql(source: EventSource, index: number, limit: number): string {
    return `SELECT line, item, at_text FROM (
    SELECT row_number() OVER () + ${FIRST_RECORD_LINE[source.kind] - 1} AS line, item, at_text, "at"
    FROM (${readTimesSql(sourceRowsSql(source, index))}))
WHERE "at" IS NULL
ORDER BY line
LIMIT ${limit}`;
}

export interface UnreadableRowRow {
    line: bigint;
    item: string | null;
    at_text: string | null;
}
