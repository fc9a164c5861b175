/**
 * `vstream measure`: the figures of a map's streams measured on a tracker's status history,
 * and what the command should say about the history itself (history.ts reads it). The log stays
 * in DuckDB: JavaScript only splits CSV files and sees a handful of rows per stream.
 */
import { MeasureSession } from './duckdb-session.js';
import { readHistory, statusFindings } from './history.js';
import type {
    MeasureMap,
    MeasureOptions,
    MeasureReport,
    MeasuredTime,
    StepMeasurement,
    StreamMeasurement
} from './measure-model.js';
import { measureSql, type MeasuredRow } from './measure-sql.js';

export async function measure(map: MeasureMap, options: MeasureOptions): Promise<MeasureReport> {
    const startedAt = performance.now();
    const session = await MeasureSession.open({ onProgress: options.onProgress, signal: options.signal, startedAt });
    try {
        const history = await readHistory(session, options);
        const figures = await session.query<MeasuredRow>(measureSql(map, options.calendar), 'measuring');
        return {
            streams: map.streams.map(stream => streamMeasurement(stream.name, figures)),
            rowsRead: history.rowsRead,
            unreadableRows: history.unreadableRows,
            itemsLeftOut: history.itemsLeftOut,
            ...statusFindings(map, history)
        };
    } finally {
        session.close();
    }
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
