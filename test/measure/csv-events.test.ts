/**
 * A CSV file of events as `measure()` reads it (src/measure/csv-events.ts): the dialects that
 * spreadsheets write, bytes that are not text, and files without a header it can split.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/measure/measure.js';
import { MeasureInputError } from '../../src/measure/measure-model.js';
import { logPath, oneStream, WEEKEND_LOG, workStep } from './event-logs.js';

function written(name: string, bytes: string | Buffer): string {
    const path = logPath(name);
    writeFileSync(path, bytes);
    return path;
}

const measured = (path: string, skipBadRows = false) =>
    measure(oneStream([workStep()]), { events: [path], calendar: 'workweek', skipBadRows });

describe('CSV events: dialects', () => {
    it('reads what a European spreadsheet saves: a byte order mark, semicolons, CRLF, quoted fields', async () => {
        const plain = await measured(written('plain.csv', `${WEEKEND_LOG.join('\n')}\n`));
        const excel = written(
            'excel.csv',
            '\ufeff' +
                WEEKEND_LOG.map(line => line.split(',').join(';'))
                    .map((line, index) => (index === 0 ? line : line.replace(/^(\w+);/, '"$1";')))
                    .join('\r\n') +
                '\r\n'
        );
        expect((await measured(excel)).streams).toEqual(plain.streams);
    });

    it('reads tab-separated values whose quoted fields hold tabs and line breaks', async () => {
        const tabs = written(
            'tabs.tsv.csv',
            'item\tnote\tstatus\tat\nA\t"first\tline\nsecond"\tDoing\t2024-03-04T00:00:00Z\nA\tx\tDone\t2024-03-04T08:00:00Z\n'
        );
        const report = await measured(tabs);
        expect(report.rowsRead).toBe(2);
        expect(report.streams[0]).toMatchObject({ items: 1, done: 1 });
    });
});

describe('CSV events: bytes that are not text', () => {
    it('leaves out a row whose item, status or time is not UTF-8, and ignores such bytes elsewhere', async () => {
        const latin1 = written(
            'latin1.csv',
            Buffer.concat([
                Buffer.from('item,note,status,at\n'),
                Buffer.from('A,'),
                Buffer.from([0xe9, 0x74, 0xe9]), // "été" in Latin-1, in a column nobody reads
                Buffer.from(',Doing,2024-03-04T00:00:00Z\nB,x,'),
                Buffer.from([0x44, 0xf6, 0x6e, 0x65]), // "Döne" in Latin-1
                Buffer.from(',2024-03-04T08:00:00Z\n')
            ])
        );
        const report = await measured(latin1, true);
        expect(report.unreadableRows.first).toEqual([
            { file: latin1, line: 3, item: 'B', at: '2024-03-04T08:00:00Z', problem: 'a field that is not UTF-8 text' }
        ]);
        expect(report.streams[0].items).toBe(1);
    });
});

describe('CSV events: files it cannot read', () => {
    it('says where the header cannot be split', async () => {
        const header = written('open-header.csv', 'item,"status,at\nA,Doing,2024-03-04T00:00:00Z\n');
        await expect(measured(header)).rejects.toThrow(
            new MeasureInputError(`${header}:1: the header row cannot be split: a quote that is never closed`)
        );
    });

    it('says a file of blank lines has no header', async () => {
        const blank = written('blank.csv', '\n\r\n\n');
        await expect(measured(blank)).rejects.toThrow(
            new MeasureInputError(`${blank} has no header row: an events file starts with one (item, status, at)`)
        );
    });

    it('says a .gz file that is not gzip cannot be read, in one line', async () => {
        const notGzip = written('not-gzip.csv.gz', 'item,status,at\n');
        const error = await measured(notGzip).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(MeasureInputError);
        expect((error as Error).message).toBe(`${notGzip} cannot be read: incorrect header check`);
    });

    it('says a gzip file cut short cannot be read', async () => {
        const whole = gzipSync(`${WEEKEND_LOG.join('\n')}\n`);
        const cut = written('cut.csv.gz', whole.subarray(0, whole.length - 8));
        await expect(measured(cut)).rejects.toThrow(/cut\.csv\.gz cannot be read: unexpected end of file/);
    });
});
