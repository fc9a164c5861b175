/**
 * A CSV file of events split by our own reader (csv-rows.ts) into a rows file that DuckDB reads
 * with a fixed dialect and nothing to detect: one line per record of the file, with the record's
 * line, what made it unreadable (empty when nothing did), and its item, status and time as the
 * file writes them. Only those three fields are copied, as bytes; the rest of the file stays
 * where it is.
 */
import { createReadStream, closeSync, openSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvHeaderError, CsvSplitter, describeCsvProblem, type CsvProblem, type CsvRecord } from './csv-rows.js';
import { EVENT_ROLES, matchColumns, type EventFile, type EventSource } from './event-files.js';
import { MeasureAbortError, MeasureInputError, type EventColumns } from './measure-model.js';

/** Read and written a MiB at a time: few calls, and a record's rescans stay short. */
const CHUNK_BYTES = 1 << 20;
const QUOTE = 0x22;
const LF = 0x0a;
const DIGIT_ZERO = 0x30;
/** Fields up to this many bytes are copied byte by byte. */
const SHORT_FIELD = 64;
/** Why a record whose fields split well is unreadable all the same: DuckDB reads text only. */
const NOT_TEXT = 'a field that is not UTF-8 text';

export interface SplitWatch {
    signal?: AbortSignal;
    /** Bytes of the file read so far (compressed bytes for .gz). */
    onRead?: (bytes: number) => void;
}

/**
 * Splits the CSV file into the rows file at `rowsPath` and returns it as a source of events; a
 * missing column, or a header that cannot be split, throws a {@link MeasureInputError}.
 */
export async function splitCsvEvents(
    file: EventFile,
    asked: EventColumns | undefined,
    rowsPath: string,
    watch: SplitWatch
): Promise<EventSource> {
    const descriptor = openSync(rowsPath, 'w');
    const raw = createReadStream(file.path, { highWaterMark: CHUNK_BYTES });
    const bytes: Readable = file.path.toLowerCase().endsWith('.gz')
        ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => undefined)
        : raw;
    try {
        const rows = new RowsWriter(descriptor);
        const sink = new EventsSink(file, asked, rows);
        const splitter = new CsvSplitter(sink);
        for await (const chunk of bytes as AsyncIterable<Buffer>) {
            if (watch.signal?.aborted) {
                throw new MeasureAbortError({ cause: watch.signal.reason });
            }
            splitter.push(chunk);
            watch.onRead?.(raw.bytesRead);
        }
        splitter.end();
        rows.flush();
        if (!sink.source) {
            throw new MeasureInputError(
                `${file.path} has no header row: an events file starts with one (item, status, at)`
            );
        }
        return { ...sink.source, rows: { path: rowsPath, delimiter: String.fromCharCode(sink.delimiter) } };
    } catch (error) {
        throw readingError(file, error);
    } finally {
        bytes.destroy();
        raw.destroy();
        closeSync(descriptor);
    }
}

function readingError(file: EventFile, error: unknown): unknown {
    if (error instanceof CsvHeaderError) {
        return new MeasureInputError(`${file.path}:1: the header row cannot be split: ${error.message}`);
    }
    if (error instanceof MeasureInputError || error instanceof MeasureAbortError || !(error instanceof Error)) {
        return error;
    }
    return new MeasureInputError(`${file.path} cannot be read: ${error.message}`, { cause: error });
}

/** Takes each record's item, status and time to the rows file. */
class EventsSink {
    source: EventSource | undefined;
    delimiter = 0x2c;
    /** The record fields of item, status and time. */
    private fields: number[] = [];
    /** The buffer last checked for text, and whether all of it is: then no field needs a check of its own. */
    private checked: Buffer | undefined;
    private allText = false;

    constructor(
        private readonly file: EventFile,
        private readonly asked: EventColumns | undefined,
        private readonly rows: RowsWriter
    ) {}

    header(names: string[], delimiter: number): void {
        this.source = matchColumns(this.file, names, this.asked);
        this.fields = EVENT_ROLES.map(role => names.indexOf(this.source!.columns[role]));
        this.delimiter = delimiter;
        this.rows.delimiter = delimiter;
    }

    record(record: CsvRecord): void {
        if (this.fields.every(field => this.isText(record, field))) {
            this.rows.write(record, null, this.fields);
        } else {
            this.leaveOut(record, NOT_TEXT);
        }
    }

    unreadable(record: CsvRecord, problem: CsvProblem): void {
        this.leaveOut(record, describeCsvProblem(problem));
    }

    /** An unreadable record keeps its item and time as far as they split (the report shows them), never its status. */
    private leaveOut(record: CsvRecord, problem: string): void {
        const [item, , at] = this.fields;
        const kept = (field: number) => (field < record.count && this.isText(record, field) ? field : -1);
        this.rows.write(record, problem, [kept(item), -1, kept(at)]);
    }

    private isText(record: CsvRecord, field: number): boolean {
        if (record.bytes !== this.checked) {
            this.checked = record.bytes;
            this.allText = isText(record.bytes);
        }
        return this.allText || isText(record.bytes.subarray(record.starts[field], record.ends[field]));
    }
}

/** UTF-8 without NUL: what DuckDB's CSV reader takes as text. */
function isText(bytes: Buffer): boolean {
    return isUtf8(bytes) && !bytes.includes(0);
}

/**
 * Writes the rows file: `line,"problem",item,status,at` in the CSV file's own delimiter, each
 * field copied with its quotes as the file wrote it (so that it needs no quoting of its own).
 */
class RowsWriter {
    delimiter = 0x2c;
    private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    private used = 0;

    constructor(private readonly descriptor: number) {}

    /** One row; a field of -1 is written empty. */
    write(record: CsvRecord, problem: string | null, fields: number[]): void {
        const problemBytes = problem === null ? 0 : Buffer.byteLength(problem) + 2;
        let size = 24 + problemBytes;
        for (const field of fields) {
            size += field < 0 ? 1 : record.ends[field] - record.starts[field] + 1;
        }
        this.reserve(size);
        this.writeLine(record.line);
        this.buffer[this.used++] = this.delimiter;
        if (problem !== null) {
            this.buffer[this.used++] = QUOTE;
            this.used += this.buffer.write(problem, this.used);
            this.buffer[this.used++] = QUOTE;
        }
        for (const field of fields) {
            this.buffer[this.used++] = this.delimiter;
            if (field >= 0) {
                this.copy(record.bytes, record.starts[field], record.ends[field]);
            }
        }
        this.buffer[this.used++] = LF;
    }

    /** Byte by byte: for fields this short, faster than a call to the native copy. */
    private copy(bytes: Buffer, start: number, end: number): void {
        if (end - start > SHORT_FIELD) {
            this.used += bytes.copy(this.buffer, this.used, start, end);
            return;
        }
        const buffer = this.buffer;
        let used = this.used;
        for (let position = start; position < end; position++) {
            buffer[used++] = bytes[position];
        }
        this.used = used;
    }

    flush(): void {
        if (this.used > 0) {
            writeSync(this.descriptor, this.buffer, 0, this.used);
            this.used = 0;
        }
    }

    private reserve(size: number): void {
        if (this.used + size > this.buffer.length) {
            this.flush();
        }
        if (size > this.buffer.length) {
            this.buffer = Buffer.allocUnsafe(size);
        }
    }

    private writeLine(line: number): void {
        let digits = 1;
        for (let power = 10; power <= line; power *= 10) {
            digits++;
        }
        this.used += digits;
        for (let rest = line, at = this.used - 1; digits > 0; digits--, at--, rest = Math.floor(rest / 10)) {
            this.buffer[at] = DIGIT_ZERO + (rest % 10);
        }
    }
}
