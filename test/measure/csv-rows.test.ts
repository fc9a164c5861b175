/**
 * The CSV splitter on its own: the dialect from the header, records over chunk boundaries, each
 * kind of record it cannot split reported at its first line with the rest read on; and two
 * properties: what a correct writer wrote reads back as written, and a corruption never throws
 * nor costs a record far from it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvHeaderError, CsvSplitter, OPEN_BOUND, type CsvProblem } from '../../src/measure/csv-rows.js';

interface Split {
    header: string[];
    delimiter: string;
    records: { line: number; fields: string[] }[];
    unreadable: { line: number; problem: CsvProblem['kind']; fields: string[] }[];
}

/** Splits `text` fed in chunks of the given sizes (cycled), as the file reader would. */
function split(text: string | Buffer, chunkSizes: number[] = [1 << 16]): Split {
    const result: Split = { header: [], delimiter: '', records: [], unreadable: [] };
    const fields = (record: { count: number; field(index: number): string | null }) =>
        Array.from({ length: Math.min(record.count, 64) }, (_, index) => record.field(index)!);
    const splitter = new CsvSplitter({
        header: (names, delimiter) => {
            result.header = names;
            result.delimiter = String.fromCharCode(delimiter);
        },
        record: record => result.records.push({ line: record.line, fields: fields(record) }),
        unreadable: (record, problem) =>
            result.unreadable.push({ line: record.line, problem: problem.kind, fields: fields(record) })
    });
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
    for (let position = 0, chunk = 0; position < bytes.length; chunk++) {
        const size = Math.max(1, chunkSizes[chunk % chunkSizes.length]);
        splitter.push(bytes.subarray(position, position + size));
        position += size;
    }
    splitter.end();
    return result;
}

describe('CsvSplitter: the dialect', () => {
    it.each([
        [',', 'item,status,at\nA,Doing,2024\n'],
        [';', 'item;status;at\nA;Doing;2024\n'],
        ['\t', 'item\tstatus\tat\nA\tDoing\t2024\n'],
        ['|', 'item|status|at\nA|Doing|2024\n']
    ])('takes %j from the header line', (delimiter, text) => {
        expect(split(text)).toMatchObject({
            delimiter,
            header: ['item', 'status', 'at'],
            records: [{ line: 2, fields: ['A', 'Doing', '2024'] }]
        });
    });

    it('counts delimiters outside quotes only, the most frequent winning', () => {
        const result = split('"a;b;c;d",status,at\n"x;y",Doing,2024\n');
        expect(result.delimiter).toBe(',');
        expect(result.records[0].fields).toEqual(['x;y', 'Doing', '2024']);
    });

    it('strips a byte order mark, even split over chunks', () => {
        expect(split('\ufeffitem,status,at\nA,B,C\n', [1]).header).toEqual(['item', 'status', 'at']);
    });

    it('throws on a header it cannot split', () => {
        expect(() => split('item,"status,at\nA,B,C\n')).toThrow(CsvHeaderError);
    });
});

describe('CsvSplitter: records', () => {
    it('reads quoted fields with doubled quotes, delimiters and line breaks, and numbers the lines', () => {
        const text = 'item,status,at\nA,"say ""hi"", then go",1\nB,"two\nlines",2\r\nC,"three\r\nlines\rhere",3\nD,,\n';
        expect(split(text).records).toEqual([
            { line: 2, fields: ['A', 'say "hi", then go', '1'] },
            { line: 3, fields: ['B', 'two\nlines', '2'] },
            { line: 5, fields: ['C', 'three\r\nlines\rhere', '3'] },
            { line: 8, fields: ['D', '', ''] }
        ]);
    });

    it('reads mixed line endings, blank lines and a last line without its end', () => {
        const result = split('item,status,at\r\nA,x,1\nB,x,2\rC,x,3\r\n\n\r\nD,x,4');
        expect(result.records.map(record => [record.line, record.fields[0]])).toEqual([
            [2, 'A'],
            [3, 'B'],
            [4, 'C'],
            [7, 'D']
        ]);
        expect(result.unreadable).toEqual([]);
    });

    it('reads the same in chunks of one byte', () => {
        const text = 'item,status,at\r\nA,"q""\r\nx",1\rB,y,2\r\n';
        expect(split(text, [1])).toEqual(split(text));
    });
});

describe('CsvSplitter: records it cannot split', () => {
    it('reports each at its first line and reads the next line on', () => {
        const text = [
            'item,status,at',
            'A,Doing,1',
            'B,Doing,2,extra', // too many fields
            'C,Doing', // too few
            'D,Do"ing,4', // a quote inside a field
            'E,"Doing"x,5', // text after the closing quote
            'F,Doing,6',
            'G,"Doing,7', // a quote never closed: swallows no good record after it
            'H,Done,8',
            ''
        ].join('\n');
        const result = split(text);
        expect(result.unreadable).toEqual([
            { line: 3, problem: 'field-count', fields: ['B', 'Doing', '2', 'extra'] },
            { line: 4, problem: 'field-count', fields: ['C', 'Doing'] },
            { line: 5, problem: 'quote-inside-field', fields: ['D'] },
            { line: 6, problem: 'text-after-quote', fields: ['E'] },
            { line: 8, problem: 'open-quote', fields: ['G'] }
        ]);
        expect(result.records.map(record => record.fields[0])).toEqual(['A', 'F', 'H']);
        expect(result.records.at(-1)!.line).toBe(9);
    });

    it('reports a quoted field that spans lines into a record of the wrong size at its first line, and rescans the next', () => {
        const result = split('item,status,at\nA,"x\nB",1,extra\nC,y,3\n');
        // Line 3 is read again as a line of its own: it cannot be split either.
        expect(result.unreadable).toEqual([
            { line: 2, problem: 'field-count', fields: ['A', 'x\nB', '1', 'extra'] },
            { line: 3, problem: 'quote-inside-field', fields: [] }
        ]);
        expect(result.records).toEqual([{ line: 4, fields: ['C', 'y', '3'] }]);
    });

    it(`gives up a quote still open after ${OPEN_BOUND / 2 ** 20} MiB, and reads on from the next line`, () => {
        const filler = Array.from({ length: OPEN_BOUND / 16 + 10 }, (_, index) => `X${index},Doing,2024-03-04`).join(
            '\n'
        );
        const result = split(`item,status,at\nA,"open,1\n${filler}\n"Z,Done,9\n`, [65_536]);
        expect(result.unreadable[0]).toMatchObject({ line: 2, problem: 'open-quote' });
        expect(result.records[0]).toEqual({ line: 3, fields: ['X0', 'Doing', '2024-03-04'] });
        expect(result.records).toHaveLength(OPEN_BOUND / 16 + 10);
    });

    it('gives up a line longer than the bound, skipping it without holding it', () => {
        const result = split(`item,status,at\nA,${'x'.repeat(2 * OPEN_BOUND)},1\nB,y,2\n`, [65_536]);
        expect(result.unreadable.map(row => [row.line, row.problem])).toEqual([[2, 'long-record']]);
        expect(result.records).toEqual([{ line: 3, fields: ['B', 'y', '2'] }]);
    });
});

/** What a correct writer writes: quoted when a field holds a quote, the delimiter or a line break. */
function writeCsv(rows: string[][], delimiter: string, endings: string[]): string {
    const field = (text: string) =>
        /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
    return rows.map((row, index) => row.map(field).join(delimiter) + endings[index % endings.length]).join('');
}

/** Physical lines a field's text adds: `\r\n`, `\r` and `\n` each end one. */
function lineBreaks(text: string): number {
    return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

const WIDTH = 3;
const fieldText = fc.string({
    unit: fc.constantFrom('a', 'b', 'Z', 'é', '漢', ' ', '"', ',', ';', '\t', '|', '\n', '\r', '\r\n'),
    maxLength: 8
});
/** Records that are not blank lines (a blank line holds no record). */
const records = fc.array(fc.array(fieldText, { minLength: WIDTH, maxLength: WIDTH }), { maxLength: 40 });
const endings = fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 });
const delimiters = fc.constantFrom(',', ';', '\t', '|');

describe('CsvSplitter: properties', () => {
    it('reads back what a correct writer wrote, field for field and line for line, in chunks of any size', () => {
        fc.assert(
            fc.property(records, endings, chunkSizes, delimiters, (rows, lineEnds, sizes, delimiter) => {
                const header = ['item', 'status', 'at'];
                const result = split(writeCsv([header, ...rows], delimiter, lineEnds), sizes);
                let line = 2;
                const expected = rows.map(fields => {
                    const record = { line, fields };
                    line += 1 + fields.reduce((breaks, text) => breaks + lineBreaks(text), 0);
                    return record;
                });
                expect(result.header).toEqual(header);
                expect(result.unreadable).toEqual([]);
                expect(result.records).toEqual(expected);
            }),
            { seed: 20261207, numRuns: 400 }
        );
    });

    it('never throws on any bytes after a header, and numbers what it finds in order', () => {
        fc.assert(
            fc.property(fc.uint8Array({ maxLength: 400 }), chunkSizes, (bytes, sizes) => {
                const result = split(Buffer.concat([Buffer.from('item,status,at\n'), bytes]), sizes);
                const lines = [...result.records, ...result.unreadable].map(row => row.line).sort((a, b) => a - b);
                expect(new Set(lines).size).toBe(lines.length);
                expect(lines.every(line => line >= 2)).toBe(true);
            }),
            { seed: 20261207, numRuns: 400 }
        );
    });

    it('loses no record after the first line with a quote that follows a corruption', () => {
        // One-line records, some with quoted fields; one byte inserted or deleted somewhere after the header.
        const oneLineField = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', ','), maxLength: 6 });
        const oneLineRows = fc.array(fc.array(oneLineField, { minLength: WIDTH, maxLength: WIDTH }), {
            minLength: 1,
            maxLength: 30
        });
        const corruption = fc.record({
            at: fc.nat(),
            insert: fc.option(fc.constantFrom('"', ',', '\n', '\r', 'x'), { nil: undefined })
        });
        fc.assert(
            fc.property(oneLineRows, corruption, chunkSizes, (rows, { at, insert }, sizes) => {
                const header = 'item,status,at\n';
                const body = writeCsv(rows, ',', ['\n']);
                const position = at % body.length;
                const corruptedBody =
                    body.slice(0, position) + (insert ?? '') + body.slice(position + (insert ? 0 : 1));
                const result = split(header + corruptedBody, sizes);
                const lines = body.split('\n');
                /** The corruption's line, and the first after it that holds a quote (0-based in the body). */
                const corruptedLine = body.slice(0, position).split('\n').length - 1;
                const quoteLine = lines.findIndex((text, index) => index > corruptedLine && text.includes('"'));
                // File lines: the header is 1. Lines after the corruption move by the breaks it added or took.
                const shift = lineBreaks(corruptedBody) - lineBreaks(body);
                const corruptedFileLine = corruptedLine + 2;
                const before = (line: number) => line < corruptedFileLine;
                // A quote the corruption opened closes at the next quote: after the line that holds one, all is as written.
                const safeFrom = (quoteLine < 0 ? corruptedLine : quoteLine) + 2;
                const written = rows.map((fields, index) => ({ line: index + 2, fields }));
                expect(result.records.filter(record => before(record.line))).toEqual(
                    written.filter(record => before(record.line))
                );
                expect(
                    result.records.filter(record => record.line > corruptedFileLine && record.line - shift > safeFrom)
                ).toEqual(
                    written
                        .filter(record => record.line > safeFrom && record.line + shift > corruptedFileLine)
                        .map(record => ({ ...record, line: record.line + shift }))
                );
            }),
            { seed: 20261207, numRuns: 600 }
        );
    });
});
