/**
 * How times are read, row by row, in the session that measures: ISO 8601 by a strict pattern,
 * the formats of --time-format, the zone of --timezone with its clock changes, abbreviations
 * only where the zone itself uses them, and what is said of a time that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { MeasureSession } from '../../src/measure/duckdb-session.js';
import { MeasureInputError } from '../../src/measure/measure-model.js';
import { sqlString } from '../../src/measure/sql-text.js';
import {
    checkZone,
    readTimesSql,
    timeFormatOf,
    zoneAbbreviations,
    zoneTablesSql
} from '../../src/measure/time-reading.js';

interface Read {
    /** The instant, ISO 8601 in UTC with milliseconds; null when unreadable. */
    at: string | null;
    problem: string | null;
}

/** Each text read as a time of the log under the format and zone. */
async function readTimes(texts: (string | null)[], timeFormat?: string, zone = 'UTC'): Promise<Read[]> {
    const session = await MeasureSession.open({ startedAt: 0 });
    try {
        await session.run(zoneTablesSql(zone, zoneAbbreviations(zone)));
        const rows = texts
            .map(
                (text, index) =>
                    `SELECT ${index} AS n, ${text === null ? 'CAST(NULL AS VARCHAR)' : sqlString(text)} AS at_text, ` +
                    'CAST(NULL AS TIMESTAMPTZ) AS typed_at, CAST(NULL AS TIMESTAMP) AS typed_local'
            )
            .join(' UNION ALL ');
        const read = await session.query<{ at: string | null; problem: string | null }>(
            `SELECT strftime("at", '%Y-%m-%dT%H:%M:%S.%gZ') AS at, time_problem AS problem
             FROM (${readTimesSql(rows, { format: timeFormatOf(timeFormat), zone })}) ORDER BY n`,
            'reading'
        );
        return read.map(({ at, problem }) => ({ at, problem }));
    } finally {
        session.close();
    }
}

const at = (instant: string): Read => ({ at: instant, problem: null });
/** A problem matching the pattern (vitest types its matcher as `any`; it stands for a string). */
function unreadable(problem: string | RegExp): Read {
    const matching = expect.stringMatching(problem) as string;
    return { at: null, problem: matching };
}
const NOT_ISO = /^not ISO 8601 \(such as 2024-03-04T09:30:00Z; name another format with --time-format\)$/;

describe('reading times: ISO 8601', () => {
    it('reads dates, times, offsets and fractions, a time without offset in UTC', async () => {
        expect(
            await readTimes([
                '2024-03-04T09:30:00Z',
                '2024-03-04 09:30:00.123+01:00',
                '2024-03-04T09:30:00.000+0100',
                '2024-03-04T09:30:00-07',
                '2024-03-04',
                '2024-03-04T09:30',
                '2024-03-04 09:30:00 UTC'
            ])
        ).toEqual([
            at('2024-03-04T09:30:00.000Z'),
            at('2024-03-04T08:30:00.123Z'),
            at('2024-03-04T08:30:00.000Z'),
            at('2024-03-04T16:30:00.000Z'),
            at('2024-03-04T00:00:00.000Z'),
            at('2024-03-04T09:30:00.000Z'),
            at('2024-03-04T09:30:00.000Z')
        ]);
    });

    it("reads no zone names, no abbreviation that is not the zone's, and no time that is not ISO 8601", async () => {
        expect(
            await readTimes([
                '2006-01-02 16:03:30 PST',
                '2006-01-02 16:03:30 Europe/Paris',
                '2024-02-30',
                '2024-03-04T25:00:00Z',
                '31/01/2024 10:00',
                '1136246400',
                '2024-03-04Z',
                null
            ])
        ).toEqual([
            unreadable(
                /^ends with "PST", which is no abbreviation the zone of --timezone \(UTC\) uses at that time: name the zone with --timezone$/
            ),
            unreadable(NOT_ISO),
            unreadable(NOT_ISO),
            unreadable(NOT_ISO),
            unreadable(NOT_ISO),
            unreadable(NOT_ISO),
            unreadable(NOT_ISO),
            unreadable(/^no time$/)
        ]);
    });
});

describe('reading times: --timezone with its clock changes', () => {
    const LOS_ANGELES = 'America/Los_Angeles';

    it('reads a time without offset in the zone, standard or daylight time as the date has it', async () => {
        expect(
            await readTimes(
                ['2024-03-04 09:30:00', '2024-07-04 09:30', '2024-07-04T09:30:00+02:00'],
                undefined,
                LOS_ANGELES
            )
        ).toEqual([at('2024-03-04T17:30:00.000Z'), at('2024-07-04T16:30:00.000Z'), at('2024-07-04T07:30:00.000Z')]);
    });

    it('does not read a time the clocks skip (spring forward), nor one they show twice (fall back)', async () => {
        expect(
            await readTimes(
                [
                    '2024-03-10 01:59:59',
                    '2024-03-10 02:30:00',
                    '2024-03-10 03:00:00',
                    '2024-11-03 00:59:59',
                    '2024-11-03 01:30:00',
                    '2024-11-03 02:00:00'
                ],
                undefined,
                LOS_ANGELES
            )
        ).toEqual([
            at('2024-03-10T09:59:59.000Z'),
            unreadable(/^a time that America\/Los_Angeles skips \(its clocks go forward over it\)$/),
            at('2024-03-10T10:00:00.000Z'),
            at('2024-11-03T07:59:59.000Z'),
            unreadable(
                /^a time that America\/Los_Angeles shows twice \(its clocks go back over it\): write its offset$/
            ),
            at('2024-11-03T10:00:00.000Z')
        ]);
    });

    it("takes the zone's own abbreviation to tell the two readings of the fall-back hour apart, and nothing else", async () => {
        expect(
            await readTimes(
                [
                    '2024-11-03 01:30:00 PDT',
                    '2024-11-03 01:30:00 PST',
                    '2006-01-02 16:03:30 PST',
                    '2024-07-04 09:30:00 PST',
                    '2024-03-10 02:30:00 PDT',
                    '2024-07-04 09:30:00 CEST'
                ],
                undefined,
                LOS_ANGELES
            )
        ).toEqual([
            at('2024-11-03T08:30:00.000Z'),
            at('2024-11-03T09:30:00.000Z'),
            at('2006-01-03T00:03:30.000Z'),
            unreadable(
                /^ends with "PST", which is no abbreviation the zone of --timezone \(America\/Los_Angeles\) uses at that time/
            ),
            unreadable(/^ends with "PDT"/),
            unreadable(/^ends with "CEST"/)
        ]);
    });

    it('knows the abbreviations Europe uses: CET and CEST in Paris', async () => {
        expect(
            await readTimes(
                ['2024-07-01 12:00:00 CEST', '2024-01-15 12:00:00 CET', '2024-07-01 12:00:00 CET'],
                undefined,
                'Europe/Paris'
            )
        ).toEqual([at('2024-07-01T10:00:00.000Z'), at('2024-01-15T11:00:00.000Z'), unreadable(/^ends with "CET"/)]);
    });

    it('names a close zone when the zone is unknown', () => {
        const known = ['America/Los_Angeles', 'Europe/Paris', 'UTC'];
        expect(() => checkZone('America/Los_Angeles', known)).not.toThrow();
        expect(() => checkZone('america/los_angeles', known)).toThrow(
            new MeasureInputError(
                "--timezone 'america/los_angeles' is no time zone (IANA names such as America/Los_Angeles or Europe/Paris): did you mean 'America/Los_Angeles'?"
            )
        );
        expect(() => checkZone('Europe/Pariss', known)).toThrow(/did you mean 'Europe\/Paris'\?$/);
        expect(() => checkZone('Mars/Olympus', known)).toThrow(
            /^--timezone 'Mars\/Olympus' is no time zone \(IANA names such as America\/Los_Angeles or Europe\/Paris\)$/
        );
        expect(() => checkZone('BST', [...known, 'BST'])).toThrow(
            "--timezone 'BST' is an abbreviation, and an abbreviation stands for different zones in different places (BST: London's summer, or Bangladesh): name the IANA zone, such as America/Los_Angeles or Europe/London"
        );
        expect(() => checkZone('UTC', known)).not.toThrow();
    });
});

describe('reading times: --time-format', () => {
    it('reads strptime codes, in the zone unless they read the offset (%z)', async () => {
        expect(
            await readTimes(
                ['29-02-2016 01:23', '2016-02-29 01:23', '29-02-2016 01:23 PST', '31-02-2016 01:23'],
                '%d-%m-%Y %H:%M'
            )
        ).toEqual([
            at('2016-02-29T01:23:00.000Z'),
            unreadable(/^not in --time-format '%d-%m-%Y %H:%M'$/),
            unreadable(/^ends with "PST"/),
            unreadable(/^not in --time-format/)
        ]);
        expect(await readTimes(['29-02-2016 01:23'], '%d-%m-%Y %H:%M', 'Europe/Paris')).toEqual([
            at('2016-02-29T00:23:00.000Z')
        ]);
        expect(await readTimes(['2024-03-04T09:30:00+0100', '2024-03-04T09:30:00'], '%Y-%m-%dT%H:%M:%S%z')).toEqual([
            at('2024-03-04T08:30:00.000Z'),
            unreadable(/^not in --time-format/)
        ]);
    });

    it('reads seconds and milliseconds since 1970 (UTC, whatever the zone)', async () => {
        expect(
            await readTimes(
                ['1136246400', '1136246400.5', '-86400', '2024-03-04', '99999999999999'],
                'epoch',
                'Europe/Paris'
            )
        ).toEqual([
            at('2006-01-03T00:00:00.000Z'),
            at('2006-01-03T00:00:00.500Z'),
            at('1969-12-31T00:00:00.000Z'),
            unreadable(/^not seconds since 1970-01-01 UTC \(--time-format epoch\)$/),
            unreadable(/^not seconds since 1970/)
        ]);
        expect(await readTimes(['1136246400123', '1136246400.5'], 'epoch-ms')).toEqual([
            at('2006-01-03T00:00:00.123Z'),
            unreadable(/^not milliseconds since 1970-01-01 UTC \(--time-format epoch-ms\)$/)
        ]);
    });

    it('refuses %Z, codes DuckDB does not know, and text without codes', () => {
        expect(timeFormatOf(undefined)).toEqual({ kind: 'iso8601' });
        expect(timeFormatOf('%d/%m/%Y %-H:%M')).toEqual({
            kind: 'strptime',
            pattern: '%d/%m/%Y %-H:%M',
            withOffset: false
        });
        expect(() => timeFormatOf('%Y-%m-%d %H:%M:%S %Z')).toThrow(
            "--time-format '%Y-%m-%d %H:%M:%S %Z' reads a zone name (%Z), which is never read: write %z for an offset, or name the zone with --timezone"
        );
        expect(() => timeFormatOf('%Y-%m-%d %Q')).toThrow(
            "--time-format is strptime codes (such as '%d-%m-%Y %H:%M'), epoch or epoch-ms, not '%Y-%m-%d %Q' (%Q is no code)"
        );
        expect(() => timeFormatOf('iso')).toThrow(/^--time-format is strptime codes .* not 'iso'$/);
    });
});
