/**
 * CSV split into records by a small state machine over the bytes, streaming, so that one bad
 * record costs one line and never the rest of the file (DuckDB's reader turns quoting off for a
 * whole file after one unbalanced quote, or takes the rest of the file into one rejected record).
 *
 * The dialect is the header's: the delimiter is the most frequent of `,` `;` tab `|` outside
 * quotes in the header line; a field may be quoted with `"`, a quote inside doubled. `\r\n`, `\n`
 * and `\r` each end a record; a quoted field may span lines. A record that cannot be split into
 * exactly the header's number of fields, or whose quote is still open after {@link OPEN_BOUND}
 * bytes or at the end of the file, is unreadable at its first physical line, and splitting
 * resumes at the next physical line. Blank lines hold no record.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Candidate delimiters, the most usual first: it wins a tie. */
const DELIMITERS = [0x2c, 0x3b, 0x09, 0x7c];

/** How far a record may run before it is taken for broken: an open quote swallows no more than this. */
export const OPEN_BOUND = 1 << 20;
/** More columns than any tracker writes; fields beyond are counted, not kept. */
const MAX_FIELDS = 4096;

/**
 * Why a record cannot be split; `through`, the last line it ran on to when that is not its first
 * (a quoted field that spans lines, often a quote without its pair).
 */
export type CsvProblem = (
    | { kind: 'open-quote' }
    | { kind: 'quote-inside-field' }
    | { kind: 'text-after-quote' }
    | { kind: 'long-record' }
    | { kind: 'field-count'; fields: number; expected: number }
) & { through?: number };

/**
 * A record as split: field `i` is `bytes[starts[i], ends[i])`, with its quotes when `quoted[i]`.
 * Valid only during the callback that receives it (the arrays are reused).
 */
export class CsvRecord {
    /** The record's first physical line, 1-based. */
    line = 0;
    bytes: Buffer = Buffer.alloc(0);
    /** Fields split; for an unreadable record, those split before the problem. */
    count = 0;
    readonly starts = new Int32Array(MAX_FIELDS);
    readonly ends = new Int32Array(MAX_FIELDS);
    readonly quoted = new Uint8Array(MAX_FIELDS);

    /** The text of field `index` (quotes taken off, doubled quotes undone); null past the fields split. */
    field(index: number): string | null {
        if (index >= Math.min(this.count, MAX_FIELDS)) {
            return null;
        }
        if (!this.quoted[index]) {
            return this.bytes.toString('utf8', this.starts[index], this.ends[index]);
        }
        return this.bytes.toString('utf8', this.starts[index] + 1, this.ends[index] - 1).replaceAll('""', '"');
    }
}

export interface CsvSink {
    /** The header's fields, before any record, and the delimiter it chose (a byte). */
    header(names: string[], delimiter: number): void;
    record(record: CsvRecord): void;
    unreadable(record: CsvRecord, problem: CsvProblem): void;
}

/** What one scan of a record found. */
const enum Scan {
    Complete,
    /** The bytes end before the record does: wait for more. */
    Incomplete,
    Unreadable
}

/**
 * Splits bytes pushed in chunks of any size. `push` and `end` call the sink synchronously; the
 * header comes from the first record, and a header that cannot be split throws.
 */
export class CsvSplitter {
    private pending: Buffer = Buffer.alloc(0);
    private line = 1;
    private delimiter = -1;
    private expected = 0;
    private started = false;
    /** After an unreadable record whose first line runs past the bytes at hand: skip to its end. */
    private skippingLine = false;
    private readonly current = new CsvRecord();
    private problem: CsvProblem = { kind: 'open-quote' };
    /** Where the scanned record ends (after its terminator), and the line breaks it holds. */
    private next = 0;
    private breaks = 0;
    /** Whether the scan stopped inside a quoted field. */
    private openQuote = false;

    constructor(private readonly sink: CsvSink) {}

    push(chunk: Buffer): void {
        this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
        this.split(false);
    }

    end(): void {
        this.split(true);
        this.pending = Buffer.alloc(0);
    }

    private split(final: boolean): void {
        let bytes = this.pending;
        if (!this.started) {
            if (bytes.length < BOM.length && !final) {
                return;
            }
            bytes = bytes.subarray(startsWithBom(bytes) ? BOM.length : 0);
            this.started = true;
        }
        let position = 0;
        while (position < bytes.length) {
            if (this.skippingLine) {
                // The rest of a rejected line: its line break is counted below, as a blank line's.
                position = lineBreakFrom(bytes, position);
                this.skippingLine = position === bytes.length;
                continue;
            }
            if (bytes[position] === LF || bytes[position] === CR) {
                const after = afterLineBreak(bytes, position, final);
                if (after < 0) {
                    break;
                }
                position = after;
                this.line++;
                continue;
            }
            const scan = this.scan(bytes, position, final);
            if (scan === Scan.Incomplete) {
                if (bytes.length - position <= OPEN_BOUND) {
                    break;
                }
                this.problem = { kind: this.openQuote ? 'open-quote' : 'long-record' };
            } else if (scan === Scan.Complete && this.expected > 0 && this.current.count !== this.expected) {
                this.problem = {
                    kind: 'field-count',
                    fields: this.current.count,
                    expected: this.expected,
                    ...this.through(this.breaks - 1)
                };
            } else if (scan === Scan.Complete) {
                this.accept();
                position = this.next;
                this.line += this.breaks;
                continue;
            }
            position = this.reject(bytes, position);
        }
        this.pending = bytes.subarray(position);
    }

    /** A complete record: the header (which fixes the number of fields), or a record of the file. */
    private accept(): void {
        if (this.expected === 0) {
            const names = Array.from({ length: Math.min(this.current.count, MAX_FIELDS) }, (_, index) =>
                this.current.field(index)!
            );
            this.expected = this.current.count;
            this.sink.header(names, this.delimiter);
        } else {
            this.sink.record(this.current);
        }
    }

    /**
     * Reports the record unreadable at its first line, and returns where that line ends: splitting
     * resumes after its line break.
     */
    private reject(bytes: Buffer, position: number): number {
        if (this.expected === 0) {
            throw new CsvHeaderError(this.problem);
        }
        this.sink.unreadable(this.current, this.problem);
        const lineBreak = lineBreakFrom(bytes, position);
        this.skippingLine = lineBreak === bytes.length;
        return lineBreak;
    }

    /**
     * Scans one record from `start` into `current`: its fields, where it ends and how many line
     * breaks it holds. The header line chooses the delimiter first.
     */
    private scan(bytes: Buffer, start: number, final: boolean): Scan {
        if (this.delimiter < 0) {
            this.delimiter = headerDelimiter(bytes, start, final);
            if (this.delimiter < 0) {
                return Scan.Incomplete;
            }
        }
        const record = this.current;
        const delimiter = this.delimiter;
        const end = bytes.length;
        record.bytes = bytes;
        record.line = this.line;
        record.count = 0;
        this.openQuote = false;
        let breaks = 0;
        let position = start;
        for (;;) {
            const fieldStart = position;
            const quoted = position < end && bytes[position] === QUOTE;
            if (quoted) {
                // Inside quotes: to the quote that closes, counting the line breaks of the field.
                position++;
                for (;;) {
                    if (position >= end) {
                        return this.openAtEnd(final);
                    }
                    const byte = bytes[position];
                    if (byte === QUOTE) {
                        if (position + 1 >= end && !final) {
                            return Scan.Incomplete;
                        }
                        if (bytes[position + 1] !== QUOTE) {
                            position++;
                            break;
                        }
                        position += 2;
                    } else {
                        if (byte === LF || (byte === CR && bytes[position + 1] !== LF)) {
                            breaks++;
                        }
                        position++;
                    }
                }
            } else {
                while (position < end) {
                    const byte = bytes[position];
                    if (byte === delimiter || byte === LF || byte === CR) {
                        break;
                    }
                    if (byte === QUOTE) {
                        this.problem = { kind: 'quote-inside-field' };
                        return Scan.Unreadable;
                    }
                    position++;
                }
            }
            keepField(record, fieldStart, position, quoted);
            if (position >= end) {
                if (!final) {
                    return Scan.Incomplete;
                }
                this.next = end;
                this.breaks = breaks;
                return Scan.Complete;
            }
            const byte = bytes[position];
            if (byte === delimiter) {
                position++;
                continue;
            }
            if (byte !== LF && byte !== CR) {
                // The field that seemed to close did not: it is no field.
                record.count--;
                this.problem = { kind: 'text-after-quote', ...this.through(breaks) };
                return Scan.Unreadable;
            }
            const after = afterLineBreak(bytes, position, final);
            if (after < 0) {
                return Scan.Incomplete;
            }
            this.next = after;
            this.breaks = breaks + 1;
            return Scan.Complete;
        }
    }

    /** The last line a record reached, when it holds line breaks. */
    private through(breaks: number): { through?: number } {
        return breaks > 0 ? { through: this.line + breaks } : {};
    }

    /** The bytes end inside a quoted field: wait for more, unless there is no more. */
    private openAtEnd(final: boolean): Scan {
        this.openQuote = true;
        if (!final) {
            return Scan.Incomplete;
        }
        this.problem = { kind: 'open-quote' };
        return Scan.Unreadable;
    }
}

/** The header row could not be split: the file has no columns to read. */
export class CsvHeaderError extends Error {
    constructor(readonly problem: CsvProblem) {
        super(describeCsvProblem(problem));
    }
}

function keepField(record: CsvRecord, start: number, end: number, quoted: boolean): void {
    const index = record.count++;
    if (index < MAX_FIELDS) {
        record.starts[index] = start;
        record.ends[index] = end;
        record.quoted[index] = quoted ? 1 : 0;
    }
}

function startsWithBom(bytes: Buffer): boolean {
    return bytes.length >= BOM.length && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** The first line break at or after `position` (quotes ignored: lines are physical), or the end. */
function lineBreakFrom(bytes: Buffer, position: number): number {
    while (position < bytes.length && bytes[position] !== LF && bytes[position] !== CR) {
        position++;
    }
    return position;
}

/**
 * Where the line break at `position` ends (`\r\n` is one break); -1 when the bytes end before
 * that can be told: no break yet, or a `\r` that a `\n` of the next chunk may follow.
 */
function afterLineBreak(bytes: Buffer, position: number, final: boolean): number {
    const at = lineBreakFrom(bytes, position);
    if (at >= bytes.length) {
        return final ? bytes.length : -1;
    }
    if (bytes[at] === LF) {
        return at + 1;
    }
    if (at + 1 < bytes.length) {
        return bytes[at + 1] === LF ? at + 2 : at + 1;
    }
    return final ? at + 1 : -1;
}

/**
 * The most frequent candidate delimiter outside quotes in the header line from `start`; `,` if
 * none occurs; -1 while the bytes end before the line does.
 */
function headerDelimiter(bytes: Buffer, start: number, final: boolean): number {
    const counts = new Map(DELIMITERS.map(delimiter => [delimiter, 0]));
    let open = false;
    let position = start;
    for (; position < bytes.length; position++) {
        const byte = bytes[position];
        if (byte === QUOTE) {
            open = !open;
        } else if (!open && (byte === LF || byte === CR)) {
            break;
        } else if (!open && counts.has(byte)) {
            counts.set(byte, counts.get(byte)! + 1);
        }
    }
    if (position === bytes.length && !final) {
        return -1;
    }
    return DELIMITERS.reduce((best, delimiter) => (counts.get(delimiter)! > counts.get(best)! ? delimiter : best));
}

/** What was wrong with a record, for people: "4 fields where the header has 3". */
export function describeCsvProblem(problem: CsvProblem): string {
    switch (problem.kind) {
        case 'open-quote':
            return 'a quote that is never closed';
        case 'quote-inside-field':
            return 'a quote inside a field that does not start with one';
        case 'text-after-quote':
            return problem.through === undefined
                ? 'text after the quote that closes a field'
                : `a quote without its pair: the field it opens runs on to a quote on line ${problem.through}`;
        case 'long-record':
            return `a record longer than ${OPEN_BOUND / (1 << 20)} MiB`;
        case 'field-count': {
            const fields = `${problem.fields} ${problem.fields === 1 ? 'field' : 'fields'} where the header has ${problem.expected}`;
            return problem.through === undefined
                ? fields
                : `${fields} (a quoted field runs on to line ${problem.through})`;
        }
    }
}
