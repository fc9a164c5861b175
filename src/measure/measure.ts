/**
 * `vstream measure`: the figures of a map's streams measured on a tracker's status history,
 * and what the command should say about the history itself (unreadable times, statuses no
 * step names, names of the map that never occur). The log stays in DuckDB: JavaScript only
 * sees a handful of rows per stream.
 */
import { MeasureSession } from './duckdb-session.js';
import {
    CENSUS_SQL,
    describeSql,
    eventFile,
    eventViewsSql,
    matchColumns,
    unreadableRowsSql,
    type CensusRow,
    type EventSource,
    type UnreadableRowRow
} from './event-files.js';
import type {
    MeasureMap,
    MeasureOptions,
    MeasureReport,
    MeasuredTime,
    MissingStatus,
    StepMeasurement,
    StreamMeasurement,
    UnmappedStatus,
    UnreadableRow
} from './measure-model.js';
import { measureSql, type MeasuredRow } from './measure-sql.js';

/** How many unreadable rows the report shows by file and line; the count covers them all. */
const UNREADABLE_ROWS_SHOWN = 5;

export async function measure(map: MeasureMap, options: MeasureOptions): Promise<MeasureReport> {
    const startedAt = performance.now();
    const files = options.events.map(eventFile);
    const session = await MeasureSession.open({ onProgress: options.onProgress, signal: options.signal, startedAt });
    try {
        const sources: EventSource[] = [];
        for (const file of files) {
            const found = await session.query<{ column_name: string }>(describeSql(file), 'reading');
            sources.push(
                matchColumns(
                    file,
                    found.map(column => column.column_name),
                    options.columns
                )
            );
        }
        await session.run(eventViewsSql(sources));
        const census = await session.query<CensusRow>(CENSUS_SQL, 'reading');
        session.rowsRead = sum(census, row => row.rows);
        const figures = await session.query<MeasuredRow>(measureSql(map, options.calendar), 'measuring');
        const unreadable = sum(census, row => row.rows - row.readable_rows);
        return {
            streams: map.streams.map(stream => streamMeasurement(stream.name, figures)),
            rowsRead: session.rowsRead,
            unreadableRows: {
                count: unreadable,
                first: unreadable > 0 ? await firstUnreadableRows(session, sources, census) : []
            },
            rowsWithoutItem: sum(census, row => row.rows - row.rows_with_item),
            unmappedStatuses: unmappedStatuses(map, census),
            missingStatuses: missingStatuses(map, census)
        };
    } finally {
        session.close();
    }
}

function sum(census: CensusRow[], count: (row: CensusRow) => bigint): number {
    return Number(census.reduce((total, row) => total + count(row), 0n));
}

/** The contract's JSON of one stream, from the query's stream row and step rows. */
function streamMeasurement(stream: string, figures: MeasuredRow[]): StreamMeasurement {
    const rows = figures.filter(row => row.stream === stream);
    const streamRow = rows.find(row => row.step === null)!;
    return {
        stream,
        items: Number(streamRow.items),
        done: Number(streamRow.done),
        wip: Number(streamRow.wip),
        throughputPerWeek: streamRow.throughput_per_week,
        leadTime: { p50: streamRow.lead_time_p50, p85: streamRow.lead_time_p85, p95: streamRow.lead_time_p95 },
        steps: rows.filter(row => row.step !== null).map(stepMeasurement)
    };
}

function stepMeasurement(row: MeasuredRow): StepMeasurement {
    const time = (mapped: number | null, p15: number | null, p50: number | null, p85: number | null): MeasuredTime => ({
        mapped: mapped!,
        p50,
        p85,
        p15
    });
    return {
        step: row.step!,
        items: Number(row.items),
        process: time(row.process_mapped, row.process_p15, row.process_p50, row.process_p85),
        wait: time(row.wait_mapped, row.wait_p15, row.wait_p50, row.wait_p85)
    };
}

/** The first few unreadable rows, file by file in the order given, skipping files without any. */
async function firstUnreadableRows(
    session: MeasureSession,
    sources: EventSource[],
    census: CensusRow[]
): Promise<UnreadableRow[]> {
    const found: UnreadableRow[] = [];
    for (const [index, source] of sources.entries()) {
        const inFile = census.some(row => row.source === index && row.rows > row.readable_rows);
        if (found.length === UNREADABLE_ROWS_SHOWN || !inFile) {
            continue;
        }
        const rows = await session.query<UnreadableRowRow>(
            unreadableRowsSql(source, index, UNREADABLE_ROWS_SHOWN - found.length),
            'locating'
        );
        found.push(
            ...rows.map(row => ({ file: source.path, line: Number(row.line), item: row.item, at: row.at_text }))
        );
    }
    return found;
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

/** Rows per status of the log, over all files. */
function rowsPerStatus(census: CensusRow[]): Map<string | null, number> {
    const rows = new Map<string | null, number>();
    for (const row of census) {
        rows.set(row.status, (rows.get(row.status) ?? 0) + Number(row.rows));
    }
    return rows;
}

function unmappedStatuses(map: MeasureMap, census: CensusRow[]): UnmappedStatus[] {
    const named = new Set(namedStatuses(map).map(({ status }) => status));
    return [...rowsPerStatus(census)]
        .filter(([status]) => status === null || !named.has(status))
        .map(([status, rows]) => ({ status, rows }))
        .sort((a, b) => b.rows - a.rows || String(a.status).localeCompare(String(b.status)));
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
