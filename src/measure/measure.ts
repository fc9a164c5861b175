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
import { MIN_SAMPLES } from './drift.js';
import type {
    BranchMeasurement,
    MeasureMap,
    MeasureOptions,
    MeasureReport,
    MeasuredTime,
    MissingStatus,
    ReworkMeasurement,
    StepMeasurement,
    StreamMeasurement,
    UnmappedStatus,
    UnreadableRow
} from './measure-model.js';
import { measureSql, VISIT_QUANTILES, type MeasuredRow } from './measure-sql.js';

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

/** One stream's figures, from the query's rows of that stream. */
function streamMeasurement(stream: string, figures: MeasuredRow[]): StreamMeasurement {
    const rows = figures.filter(row => row.stream === stream);
    const streamRow = rows.find(row => row.kind === 'stream')!;
    return {
        stream,
        items: Number(streamRow.items),
        done: Number(streamRow.done),
        wip: Number(streamRow.wip),
        throughputPerWeek: streamRow.throughput_per_week,
        leadTime: { p50: streamRow.lead_time_p50, p85: streamRow.lead_time_p85, p95: streamRow.lead_time_p95 },
        steps: rows.filter(row => row.kind === 'step').map(stepMeasurement),
        branches: rows.filter(row => row.kind === 'branch').map(branchMeasurement),
        rework: rows.filter(row => row.kind === 'rework').map(reworkMeasurement)
    };
}

function stepMeasurement(row: MeasuredRow): StepMeasurement {
    return {
        step: row.step!,
        items: Number(row.items),
        visits: Number(row.visits),
        process: measuredTime(row.process_mapped!, row.process_quantiles, row.process_mean, row.process_deviation),
        wait: measuredTime(row.wait_mapped!, row.wait_quantiles, row.wait_mean, row.wait_deviation)
    };
}

function measuredTime(
    mapped: number,
    quantiles: number[] | null,
    mean: number | null,
    deviation: number | null
): MeasuredTime {
    if (quantiles === null || mean === null) {
        return { mapped, p50: null, p85: null, spread: null };
    }
    const at = (p: (typeof VISIT_QUANTILES)[number]) => quantiles[VISIT_QUANTILES.indexOf(p)];
    return {
        mapped,
        p50: at(0.5),
        p85: at(0.85),
        spread: {
            p10: at(0.1),
            p15: at(0.15),
            p25: at(0.25),
            p75: at(0.75),
            p90: at(0.9),
            p95: at(0.95),
            mean,
            deviation: deviation ?? 0
        }
    };
}

/** A share of `count` in `samples`, or null with fewer samples than a share needs. */
function measuredShare(count: bigint | null, samples: bigint | null): number | null {
    const denominator = Number(samples ?? 0n);
    return denominator >= MIN_SAMPLES ? Number(count ?? 0n) / denominator : null;
}

/** What a branch and a rework row share: the two steps, the map's share or rate, and the measured one. */
function measuredLink(row: MeasuredRow) {
    return {
        from: row.step!,
        to: row.target!,
        mapped: row.mapped,
        measured: measuredShare(row.taken, row.samples),
        samples: Number(row.samples ?? 0n)
    };
}

function branchMeasurement(row: MeasuredRow): BranchMeasurement {
    return {
        ...measuredLink(row),
        both: measuredShare(row.both_items, row.branch_items),
        parallel: measuredShare(row.parallel_items, row.branch_items)
    };
}

function reworkMeasurement(row: MeasuredRow): ReworkMeasurement {
    return {
        ...measuredLink(row),
        reached: {
            measured: measuredShare(row.reached_taken, row.reached_samples),
            samples: Number(row.reached_samples ?? 0n)
        }
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
