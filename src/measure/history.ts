/**
 * The history as read: every row of the event files with its time read by the contract's rules,
 * kept in a Parquet file of the session; the unreadable rows counted and the first of them found;
 * the items with an unreadable row left out whole; and the view `events(item, status, "at", seq)`
 * that the measurement query reads. A history with more than 1% of its rows unreadable is refused
 * (unless `skipBadRows`), before anything is measured.
 */
import { splitCsvEvents } from './csv-events.js';
import type { MeasureSession } from './duckdb-session.js';
import {
    censusSql,
    describeSql,
    eventFile,
    eventRowsSql,
    eventsViewSql,
    firstUnreadableSql,
    leftOutItemsSql,
    matchColumns,
    type AsOf,
    type CensusRow,
    type EventFile,
    type EventSource,
    type UnreadableRowRow
} from './event-files.js';
import {
    MeasureInputError,
    UNREADABLE_LIMIT,
    UnreadableHistoryError,
    type MeasureMap,
    type MeasureOptions,
    type MeasureReport,
    type MissingStatus,
    type UnmappedStatus,
    type UnreadableRow
} from './measure-model.js';
import { sqlString } from './sql-text.js';
import {
    DEFAULT_ZONE,
    checkZone,
    readTimesSql,
    timeFormatOf,
    zoneAbbreviations,
    zoneTablesSql,
    type TimeReading
} from './time-reading.js';

/** How many unreadable rows the report shows by file and line; the count covers them all. */
const UNREADABLE_ROWS_SHOWN = 5;
/** The share of the reading phase that splitting CSV files takes (DuckDB reads the rows after). */
const SPLITTING_SHARE = 50;

/** What reading needs of the options: which files, and how to read them. */
export type HistoryOptions = Pick<
    MeasureOptions,
    'events' | 'columns' | 'timeFormat' | 'timezone' | 'asOf' | 'skipBadRows' | 'signal'
>;

/** What the reading found, for the report; the rows themselves stay in the session. */
export type HistoryRead = Pick<MeasureReport, 'rowsRead' | 'unreadableRows' | 'itemsLeftOut'> & {
    census: CensusRow[];
};

/** Reads the files of `options.events` into the session, up to the view `events`; throws on a history it refuses. */
export async function readHistory(session: MeasureSession, options: HistoryOptions): Promise<HistoryRead> {
    const files = options.events.map(eventFile);
    const reading: TimeReading = { format: timeFormatOf(options.timeFormat), zone: options.timezone ?? DEFAULT_ZONE };
    await prepareZone(session, reading.zone);
    const asOf = await asOfInstant(session, reading.zone, options.asOf);
    const sources = await eventSources(session, files, options);
    const rows = sqlString(session.scratchPath('event-rows.parquet'));
    await session.query(
        `COPY (${eventRowsSql(sources, reading, asOf)}) TO ${rows} (FORMAT parquet)`,
        'reading',
        sources.some(source => source.rows) ? [SPLITTING_SHARE, 100] : [0, 100]
    );
    const census = await session.query<CensusRow>(censusSql(rows), 'reading');
    await session.run(`${leftOutItemsSql(rows)};\n${eventsViewSql(rows)}`);
    const [{ items }] = await session.query<{ items: bigint }>(
        'SELECT count(*) AS items FROM left_out_items',
        'reading'
    );
    session.rowsRead = sum(census, row => row.readable_rows + row.unreadable_rows);
    const unreadable = await unreadableRows(session, rows, sources, census, options.skipBadRows ?? false);
    return { rowsRead: session.rowsRead, unreadableRows: unreadable, itemsLeftOut: Number(items), census };
}

/** The zone checked against DuckDB's (ICU's) list, and its tables made for reading times in it. */
async function prepareZone(session: MeasureSession, zone: string): Promise<void> {
    const known = await session.query<{ name: string }>('SELECT name FROM pg_timezone_names()', 'reading');
    checkZone(
        zone,
        known.map(({ name }) => name)
    );
    await session.run(zoneTablesSql(zone, zoneAbbreviations(zone)));
}

/** `--as-of` read as ISO 8601 by the log's own rules (in the zone when it has no offset), or the time of the run. */
async function asOfInstant(session: MeasureSession, zone: string, text: string | undefined): Promise<AsOf> {
    if (text === undefined) {
        const now = new Date();
        return { epochUs: BigInt(now.getTime()) * 1000n, text: now.toISOString() };
    }
    const asOf = readTimesSql(
        `SELECT ${sqlString(text)} AS at_text, CAST(NULL AS TIMESTAMPTZ) AS typed_at, CAST(NULL AS TIMESTAMP) AS typed_local`,
        { format: { kind: 'iso8601' }, zone }
    );
    const [read] = await session.query<{ epoch_us: bigint | null; time_problem: string | null }>(
        `SELECT epoch_us("at") AS epoch_us, time_problem FROM (${asOf})`,
        'reading'
    );
    if (read.epoch_us === null) {
        // --as-of is ISO 8601 whatever --time-format the log has: the log's hint would mislead.
        const problem = read.time_problem?.startsWith('not ISO 8601')
            ? 'write it in ISO 8601, such as 2016-03-01T12:00 (in the --timezone zone) or 2016-03-01T12:00+01:00'
            : read.time_problem;
        throw new MeasureInputError(`--as-of '${text}' cannot be read: ${problem}`);
    }
    return { epochUs: read.epoch_us, text };
}

/**
 * Each file with its columns found: a CSV file split into its rows file (the first part of the
 * reading, by bytes), a Parquet or JSON-lines file described by DuckDB.
 */
async function eventSources(
    session: MeasureSession,
    files: EventFile[],
    options: HistoryOptions
): Promise<EventSource[]> {
    const total = files.filter(file => file.kind === 'csv').reduce((all, file) => all + file.bytes, 0);
    let done = 0;
    const sources: EventSource[] = [];
    for (const [index, file] of files.entries()) {
        if (file.kind === 'csv') {
            const rowsPath = session.scratchPath(`rows-${index}.csv`);
            sources.push(
                await splitCsvEvents(file, options.columns, rowsPath, {
                    signal: options.signal,
                    onRead: bytes => session.report('reading', ((done + bytes) / total) * SPLITTING_SHARE)
                })
            );
            done += file.bytes;
        } else {
            const found = await session.query<{ column_name: string; column_type: string }>(
                describeSql(file),
                'reading'
            );
            const source = matchColumns(
                file,
                found.map(column => column.column_name),
                options.columns
            );
            const at = found.find(column => column.column_name === source.columns.at)!;
            sources.push({ ...source, atType: at.column_type });
        }
    }
    return sources;
}

function sum(census: CensusRow[], count: (row: CensusRow) => bigint): number {
    return Number(census.reduce((total, row) => total + count(row), 0n));
}

/**
 * The unreadable rows: their count and the first few. Beyond {@link UNREADABLE_LIMIT} of the rows,
 * the history is refused (unless `--skip-bad-rows`), naming them.
 */
async function unreadableRows(
    session: MeasureSession,
    rows: string,
    sources: EventSource[],
    census: CensusRow[],
    skipBadRows: boolean
): Promise<MeasureReport['unreadableRows']> {
    const count = sum(census, row => row.unreadable_rows);
    if (count === 0) {
        return { count, first: [] };
    }
    const found = await session.query<UnreadableRowRow>(firstUnreadableSql(rows, UNREADABLE_ROWS_SHOWN), 'locating');
    const first: UnreadableRow[] = found.map(row => ({
        file: sources[row.source].path,
        line: Number(row.line),
        item: row.item,
        at: row.at_written,
        problem: row.problem
    }));
    const total = session.rowsRead ?? 0;
    if (count > total * UNREADABLE_LIMIT && !skipBadRows) {
        throw new UnreadableHistoryError({ count, first }, total);
    }
    return { count, first };
}

/** What the history says of the map's statuses: those no stream names, and those it never has. */
export function statusFindings(
    map: MeasureMap,
    history: HistoryRead
): Pick<MeasureReport, 'unmappedStatuses' | 'missingStatuses'> {
    return {
        unmappedStatuses: unmappedStatuses(map, history.census),
        missingStatuses: missingStatuses(map, history.census)
    };
}

/** Every status the map names, with where it names it. */
function namedStatuses(map: MeasureMap): MissingStatus[] {
    return map.streams.flatMap(stream => [
        ...stream.steps.flatMap(step => [
            ...step.status.map(status => ({ stream: stream.name, step: step.name, clause: 'status' as const, status })),
            ...step.queue.map(status => ({ stream: stream.name, step: step.name, clause: 'queue' as const, status }))
        ]),
        ...stream.done.map(status => ({ stream: stream.name, step: null, clause: 'done' as const, status }))
    ]);
}

/** Readable rows per status of the log, over all files. */
function rowsPerStatus(census: CensusRow[]): Map<string | null, number> {
    const rows = new Map<string | null, number>();
    for (const row of census.filter(entry => entry.readable_rows > 0n)) {
        rows.set(row.status, (rows.get(row.status) ?? 0) + Number(row.readable_rows));
    }
    return rows;
}

function unmappedStatuses(map: MeasureMap, census: CensusRow[]): UnmappedStatus[] {
    const named = new Set(namedStatuses(map).map(({ status }) => status));
    return [...rowsPerStatus(census)]
        .filter(([status]) => status === null || !named.has(status))
        .map(([status, rows]) => withDidYouMean({ status, rows }, named))
        .sort((a, b) => b.rows - a.rows || String(a.status).localeCompare(String(b.status)));
}

/** A status of the log that equals one of the map but for case and surrounding spaces is most likely that one, misspelt. */
function withDidYouMean(entry: UnmappedStatus, named: Set<string>): UnmappedStatus {
    const loosely = (status: string) => status.trim().toLowerCase();
    const meant =
        entry.status === null ? undefined : [...named].find(status => loosely(status) === loosely(entry.status!));
    return meant === undefined ? entry : { ...entry, didYouMean: meant };
}

function missingStatuses(map: MeasureMap, census: CensusRow[]): MissingStatus[] {
    const occurring = rowsPerStatus(census);
    const missing = namedStatuses(map).filter(({ status }) => !occurring.has(status));
    // A status listed twice in one clause is reported once.
    return missing.filter((entry, index) => missing.findIndex(other => sameNaming(other, entry)) === index);
}

function sameNaming(a: MissingStatus, b: MissingStatus): boolean {
    return a.stream === b.stream && a.step === b.step && a.clause === b.clause && a.status === b.status;
}
