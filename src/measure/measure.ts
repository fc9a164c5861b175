/**
 * `vstream measure`: the figures of a map's streams measured on a tracker's status history,
 * and what the command should say about the history itself (history.ts reads it). The log stays
 * in DuckDB: JavaScript only splits CSV files and sees a handful of rows per stream.
 */
import { MeasureSession } from './duckdb-session.js';
import { MIN_SAMPLES } from './drift.js';
import { readHistory, statusFindings } from './history.js';
import type {
    BranchMeasurement,
    MeasureMap,
    MeasureOptions,
    MeasureReport,
    MeasuredTime,
    ReworkMeasurement,
    StepMeasurement,
    StreamMeasurement
} from './measure-model.js';
import { measureSql, VISIT_QUANTILES, type MeasuredRow } from './measure-sql.js';

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
