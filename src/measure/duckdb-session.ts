/**
 * One embedded DuckDB for one measurement: loaded only when measuring (its native binding is
 * some 70 MB that the rest of the command never needs), bounded in memory, spilling to a
 * folder of its own under the OS's temp folder, reporting progress and stoppable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { MeasureAbortError, MeasureInputError, type MeasurePhase, type MeasureProgress } from './measure-model.js';

type DuckDb = typeof import('@duckdb/node-api');

/** DuckDB's own memory (buffers, sorts, hash tables); beyond it, it spills to the temp folder. */
const MEMORY_LIMIT = '1GB';
/** Each thread holds buffers of its own, so more threads cost memory for little gain on a laptop. */
const MAX_THREADS = 4;
const PROGRESS_INTERVAL_MS = 250;

/**
 * DuckDB is an optional peer of the npm package (70 MB that only measuring needs), so it may
 * well be missing: one line says how to add it, with why it failed when it is there but broken.
 */
async function loadDuckDb(): Promise<DuckDb> {
    try {
        return await import('@duckdb/node-api');
    } catch (error) {
        const cause = firstLine(error);
        const missing = /^Cannot find (module|package) '@duckdb\/node-api'/.test(cause);
        throw new MeasureInputError(
            `measuring needs DuckDB, which is not installed: npm install @duckdb/node-api beside vstream (-g beside a global one), or in VS Code the extension built for this platform (docs/measure.md, "Where measuring runs").${missing ? '' : ` ${cause}`}`
        );
    }
}

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** DuckDB's errors about the files it reads (not about the query), which the user can fix. */
const INPUT_ERROR = /^(IO|Invalid Input|Conversion) Error: /;

export interface SessionOptions {
    onProgress?: (progress: MeasureProgress) => void;
    signal?: AbortSignal;
    /** `performance.now()` when the measurement began. */
    startedAt: number;
}

export class MeasureSession {
    /** Rows of the log, once known: progress reports carry it. */
    rowsRead: number | null = null;
    private readonly interrupt = () => this.connection.interrupt();

    private constructor(
        private readonly instance: DuckDBInstance,
        private readonly connection: DuckDBConnection,
        private readonly spillFolder: string,
        private readonly options: SessionOptions
    ) {
        options.signal?.addEventListener('abort', this.interrupt, { once: true });
    }

    static async open(options: SessionOptions): Promise<MeasureSession> {
        throwIfAborted(options.signal);
        const { DuckDBInstance } = await loadDuckDb();
        const spillFolder = mkdtempSync(join(tmpdir(), 'vstream-measure-'));
        let instance: DuckDBInstance | undefined;
        let connection: DuckDBConnection | undefined;
        try {
            instance = await DuckDBInstance.create(':memory:', {
                memory_limit: MEMORY_LIMIT,
                threads: String(Math.min(MAX_THREADS, availableParallelism())),
                temp_directory: spillFolder,
                // Never download an extension in the middle of a measurement: CSV, Parquet,
                // JSON and time zones are built in.
                autoinstall_known_extensions: 'false'
            });
            connection = await instance.connect();
            // Times without a zone are UTC, and Monday to Friday are UTC days; progress is
            // polled by us, not drawn by DuckDB on the terminal.
            await connection.run(
                `SET TimeZone = 'UTC'; SET enable_progress_bar = true; SET enable_progress_bar_print = false`
            );
            return new MeasureSession(instance, connection, spillFolder, options);
        } catch (error) {
            connection?.closeSync();
            instance?.closeSync();
            rmSync(spillFolder, { recursive: true, force: true });
            throw error;
        }
    }

    /** Runs statements that return nothing worth reading (views). */
    async run(sql: string): Promise<void> {
        throwIfAborted(this.options.signal);
        try {
            await this.connection.run(sql);
        } catch (error) {
            throw this.explain(error);
        }
    }

    /**
     * The rows of a query as plain JS values (BIGINT as bigint), reporting progress while it
     * runs, as the part `span` of the phase (percent from, to). `Row` names the columns the
     * query selects.
     */
    async query<Row>(sql: string, phase: MeasurePhase, span: [number, number] = [0, 100]): Promise<Row[]> {
        throwIfAborted(this.options.signal);
        const [from, to] = span;
        const within = (percentage: number) => (percentage < 0 ? percentage : from + ((to - from) * percentage) / 100);
        const poll =
            this.options.onProgress &&
            setInterval(() => this.report(phase, within(this.connection.progress.percentage)), PROGRESS_INTERVAL_MS);
        try {
            const reader = await this.connection.runAndReadAll(sql);
            this.report(phase, to);
            return reader.getRowObjectsJS() as unknown as Row[];
        } catch (error) {
            throw this.explain(error);
        } finally {
            clearInterval(poll);
        }
    }

    /** A path in the session's own folder, removed with it: for the files it writes while reading. */
    scratchPath(name: string): string {
        return join(this.spillFolder, name);
    }

    close(): void {
        this.options.signal?.removeEventListener('abort', this.interrupt);
        // A connection outlives a closed instance, so it goes first.
        this.connection.closeSync();
        this.instance.closeSync();
        rmSync(this.spillFolder, { recursive: true, force: true });
    }

    /** Progress of work done outside DuckDB (splitting CSV files); -1 when it cannot tell. */
    report(phase: MeasurePhase, percentage: number): void {
        this.options.onProgress?.({
            phase,
            // DuckDB says -1 while it cannot estimate.
            percent: percentage < 0 ? null : percentage,
            rowsRead: this.rowsRead,
            elapsedMs: performance.now() - this.options.startedAt
        });
    }

    private explain(error: unknown): unknown {
        if (this.options.signal?.aborted) {
            return new MeasureAbortError({ cause: this.options.signal.reason });
        }
        if (error instanceof Error && INPUT_ERROR.test(error.message)) {
            return new MeasureInputError(`reading the events failed: ${firstLine(error)}`, { cause: error });
        }
        return error;
    }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) {
        throw new MeasureAbortError({ cause: signal.reason });
    }
}
