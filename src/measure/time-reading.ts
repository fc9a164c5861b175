/**
 * How the times of a log are read, without guessing: ISO 8601 checked by a strict pattern (so that
 * `… PST` or `… Europe/Paris`, which DuckDB's cast reads its own way, are not), or the format the
 * user names (strptime codes, epoch seconds, epoch milliseconds). A time written without an offset
 * is in the `--timezone` zone, with its daylight-saving rules: one that the zone's clocks skip,
 * or show twice, is unreadable. A zone abbreviation is read only where it is one of that zone's
 * own at that very time (`PST` and `PDT` with America/Los_Angeles), and then only to tell the
 * two readings apart; never as a zone of its own.
 *
 * The reading is SQL, so that CSV, Parquet and JSON lines share its rules.
 */
import { MeasureInputError } from './measure-model.js';
import { sqlString } from './sql-text.js';

export type TimeFormat =
    | { kind: 'iso8601' }
    | { kind: 'epoch' }
    | { kind: 'epoch-ms' }
    /** DuckDB's strptime codes; `withOffset` when they read the offset (`%z`), so no zone applies. */
    | { kind: 'strptime'; pattern: string; withOffset: boolean };

export const DEFAULT_ZONE = 'UTC';

/** DuckDB's strptime codes (`%-d` and the like read without padding); `%Z` is left out on purpose. */
const STRPTIME_CODES = new Set([...'aAwudbhBmyYGHIpMSgfnzjUWVcxXT%', '-d', '-m', '-y', '-H', '-I', '-M', '-S', '-j']);
const CODE = /%(-?.)/g;

/** `--time-format`: strptime codes, `epoch` or `epoch-ms`; anything else throws, in one line. */
export function timeFormatOf(text: string | undefined): TimeFormat {
    if (text === undefined || text === '') {
        return { kind: 'iso8601' };
    }
    if (text === 'epoch' || text === 'epoch-ms') {
        return { kind: text };
    }
    const codes = [...text.matchAll(CODE)].map(match => match[1]);
    if (codes.includes('Z')) {
        throw new MeasureInputError(
            `--time-format '${text}' reads a zone name (%Z), which is never read: write %z for an offset, or name the zone with --timezone`
        );
    }
    const unknown = codes.find(code => !STRPTIME_CODES.has(code));
    if (codes.length === 0 || unknown !== undefined) {
        throw new MeasureInputError(
            `--time-format is strptime codes (such as '%d-%m-%Y %H:%M'), epoch or epoch-ms, not '${text}'${unknown === undefined ? '' : ` (%${unknown} is no code)`}`
        );
    }
    return { kind: 'strptime', pattern: text, withOffset: codes.includes('z') };
}

/** The format as messages name it. */
function formatWords(format: TimeFormat): string {
    switch (format.kind) {
        case 'iso8601':
            return 'not ISO 8601 (such as 2024-03-04T09:30:00Z; name another format with --time-format)';
        case 'epoch':
            return 'not seconds since 1970-01-01 UTC (--time-format epoch)';
        case 'epoch-ms':
            return 'not milliseconds since 1970-01-01 UTC (--time-format epoch-ms)';
        case 'strptime':
            return `not in --time-format '${format.pattern}'`;
    }
}

/** A zone abbreviation and the one offset the zone gives it. */
export interface ZoneAbbreviation {
    abbreviation: string;
    offsetSeconds: number;
}

/** Locales whose short zone names are the abbreviations people write: PST/PDT (en-US), CET/CEST, GMT/BST (en-GB). */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB'];
const ABBREVIATION = /^[A-Z]{2,5}$/;
/** Names in capitals that are zones everywhere, not abbreviations of one. */
const UNAMBIGUOUS_ZONES = new Set(['UTC', 'GMT']);
const SAMPLED_YEARS = { first: 1970, last: 2040 };

/**
 * The abbreviations the zone uses, as Unicode CLDR names them in English, each with the offset it
 * stands for in that zone; an abbreviation that stands for two offsets is left out (it could not
 * tell them apart). Sampled on the 1st and 15th of each month; the rows are checked against the
 * zone's rules anyway, so this only says which abbreviations may be tried.
 */
export function zoneAbbreviations(zone: string): ZoneAbbreviation[] {
    const offsets = new Map<string, Set<number>>();
    let formats: Intl.DateTimeFormat[];
    try {
        formats = ABBREVIATION_LOCALES.map(
            locale => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
        );
    } catch {
        return [];
    }
    const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    for (let year = SAMPLED_YEARS.first; year <= SAMPLED_YEARS.last; year++) {
        for (let halfMonth = 0; halfMonth < 24; halfMonth++) {
            const instant = new Date(Date.UTC(year, halfMonth >> 1, halfMonth % 2 === 0 ? 1 : 15));
            const offset = offsetSeconds(zoneNamePart(offsetFormat, instant));
            for (const format of formats) {
                const name = zoneNamePart(format, instant);
                if (ABBREVIATION.test(name)) {
                    offsets.set(name, (offsets.get(name) ?? new Set()).add(offset));
                }
            }
        }
    }
    return [...offsets]
        .filter(([, each]) => each.size === 1)
        .map(([abbreviation, each]) => ({ abbreviation, offsetSeconds: [...each][0] }));
}

function zoneNamePart(format: Intl.DateTimeFormat, instant: Date): string {
    return format.formatToParts(instant).find(part => part.type === 'timeZoneName')!.value;
}

/** `GMT-08:00` → -28800; `GMT` → 0. */
function offsetSeconds(longOffset: string): number {
    const match = /([+-])(\d\d):(\d\d)(?::(\d\d))?/.exec(longOffset);
    if (!match) {
        return 0;
    }
    const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
    return match[1] === '-' ? -seconds : seconds;
}

/**
 * The zone as DuckDB's ICU names it, or a one-line error that names a close one: the zone list
 * comes from the session (`pg_timezone_names()`).
 */
export function checkZone(zone: string, known: string[]): void {
    // ICU knows PST, BST, IST… as zones, each one of the places the abbreviation stands for.
    if (ABBREVIATION.test(zone) && !UNAMBIGUOUS_ZONES.has(zone)) {
        throw new MeasureInputError(
            `--timezone '${zone}' is an abbreviation, and an abbreviation stands for different zones in different places (BST: London's summer, or Bangladesh): name the IANA zone, such as America/Los_Angeles or Europe/London`
        );
    }
    if (known.includes(zone)) {
        return;
    }
    const close = closestName(zone, known);
    throw new MeasureInputError(
        `--timezone '${zone}' is no time zone (IANA names such as America/Los_Angeles or Europe/Paris)${close ? `: did you mean '${close}'?` : ''}`
    );
}

/** The known name nearest in spelling (case aside), if near enough to be what was meant. */
function closestName(name: string, known: string[]): string | undefined {
    const wanted = name.toLowerCase();
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = editDistance(wanted, candidate.toLowerCase());
        if (!best || distance < best.distance) {
            best = { name: candidate, distance };
        }
    }
    return best && best.distance <= Math.max(2, Math.floor(name.length / 5)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/** Everything the SQL needs to read the times of a log. */
export interface TimeReading {
    format: TimeFormat;
    zone: string;
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME = String.raw`\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?`;
const OFFSET = String.raw`[Zz]|[+-]\d{2}(?::?\d{2})?`;
/**
 * ISO 8601 as read: a date and time with an offset; a date, or a date and time, without one; a
 * date and time followed by an abbreviation (groups: the date and time, the abbreviation).
 */
const ISO_WITH_OFFSET = `${DATE}[Tt ]${TIME}(?:${OFFSET})`;
const ISO_LOCAL = `${DATE}(?:[Tt ]${TIME})?`;
const ISO_ABBREVIATED = `(${DATE}[Tt ]${TIME}) ([A-Za-z]+)`;
/** A time in any format followed by a word of letters: the word may be an abbreviation. */
const ABBREVIATED = String.raw`^(.*\S) ([A-Za-z]+)$`;

/**
 * The rows with the time as written, from `at_text` (trimmed text, null when empty):
 * `written_at` when the text names its instant (an offset, or epoch), else `written_local` (a
 * wall time, in the zone) with `written_abbreviation` when the text ends with one.
 */
function writtenTimeSql(rows: string, format: TimeFormat): string {
    const noLocal = 'CAST(NULL AS TIMESTAMP) AS written_local, CAST(NULL AS VARCHAR) AS written_abbreviation';
    switch (format.kind) {
        case 'iso8601': {
            // Most rows have an offset: one pattern for them, the others tried on the rest only.
            const matches = (pattern: string) => `regexp_full_match(at_text, ${sqlString(pattern)})`;
            const abbreviated = (group: number) => `regexp_extract(at_text, ${sqlString(ISO_ABBREVIATED)}, ${group})`;
            return `SELECT * EXCLUDE (with_offset),
        CASE WHEN with_offset THEN TRY_CAST(at_text AS TIMESTAMPTZ) END AS written_at,
        CASE WHEN with_offset THEN NULL
             WHEN ${matches(ISO_LOCAL)} THEN TRY_CAST(at_text AS TIMESTAMP)
             WHEN ${matches(ISO_ABBREVIATED)} THEN TRY_CAST(${abbreviated(1)} AS TIMESTAMP) END AS written_local,
        CASE WHEN with_offset THEN NULL WHEN ${matches(ISO_ABBREVIATED)} THEN ${abbreviated(2)} END AS written_abbreviation
    FROM (SELECT *, ${matches(ISO_WITH_OFFSET)} AS with_offset FROM (${rows}))`;
        }
        case 'epoch':
            return `SELECT *,
        CASE WHEN regexp_full_match(at_text, '-?\\d{1,12}(\\.\\d{1,6})?') THEN TRY(CAST(make_timestamp(CAST(CAST(at_text AS DECIMAL(38, 6)) * 1000000 AS BIGINT)) AS TIMESTAMPTZ)) END AS written_at,
        ${noLocal}
    FROM (${rows})`;
        case 'epoch-ms':
            return `SELECT *,
        CASE WHEN regexp_full_match(at_text, '-?\\d{1,15}') THEN TRY(CAST(epoch_ms(CAST(at_text AS BIGINT)) AS TIMESTAMPTZ)) END AS written_at,
        ${noLocal}
    FROM (${rows})`;
        case 'strptime': {
            const pattern = sqlString(format.pattern);
            if (format.withOffset) {
                return `SELECT *, try_strptime(at_text, ${pattern}) AS written_at, ${noLocal} FROM (${rows})`;
            }
            // A time the pattern does not read may be one it reads followed by an abbreviation.
            const parts = `regexp_extract(at_text, ${sqlString(ABBREVIATED)}, ['time', 'abbreviation'])`;
            return `SELECT * EXCLUDE (plain, abbreviated),
        CAST(NULL AS TIMESTAMPTZ) AS written_at,
        coalesce(plain, try_strptime(abbreviated.time, ${pattern})) AS written_local,
        CASE WHEN plain IS NULL AND try_strptime(abbreviated.time, ${pattern}) IS NOT NULL THEN abbreviated.abbreviation END AS written_abbreviation
    FROM (SELECT *, try_strptime(at_text, ${pattern}) AS plain, ${parts} AS abbreviated FROM (${rows}))`;
        }
    }
}

/** Local days whose offsets the session works out once, so that most rows need no call to ICU; other days are worked out per row. */
const ZONE_DAYS = { first: '1900-01-01', last: '2199-12-31' };

/** The offset (seconds east of UTC) the zone has at a TIMESTAMP taken as UTC. */
function offsetAtSql(zone: string, utc: string): string {
    return `CAST(epoch(timezone(${sqlString(zone)}, CAST(${utc} AS TIMESTAMPTZ))) - epoch(CAST(${utc} AS TIMESTAMPTZ)) AS BIGINT)`;
}

/**
 * The zone's tables: `zone_abbreviations` (abbreviation, offset_seconds), and `zone_days`
 * (local_day, offset_before, offset_middle, offset_after): the offsets a day before, in the middle
 * and two days after, which bracket every instant whose local time falls on that day (offsets
 * lie within ±14 h). Where the three agree the day has no change of the clocks.
 */
export function zoneTablesSql(zone: string, abbreviations: ZoneAbbreviation[]): string {
    const rows = abbreviations.map(
        ({ abbreviation, offsetSeconds }) => `(${sqlString(abbreviation)}, ${offsetSeconds})`
    );
    const days =
        zone === DEFAULT_ZONE
            ? ''
            : `CREATE OR REPLACE TEMP TABLE zone_days AS
SELECT CAST(day AS DATE) AS local_day,
       ${offsetAtSql(zone, `day - INTERVAL 1 DAY`)} AS offset_before,
       ${offsetAtSql(zone, `day + INTERVAL 12 HOUR`)} AS offset_middle,
       ${offsetAtSql(zone, `day + INTERVAL 2 DAY`)} AS offset_after
FROM generate_series(TIMESTAMP '${ZONE_DAYS.first}', TIMESTAMP '${ZONE_DAYS.last}', INTERVAL 1 DAY) AS days(day);
`;
    return `CREATE OR REPLACE TEMP TABLE zone_abbreviations (abbreviation VARCHAR, offset_seconds BIGINT);
${rows.length > 0 ? `INSERT INTO zone_abbreviations VALUES ${rows.join(', ')};\n` : ''}${days}`;
}

/** An instant from a wall time and an offset (seconds east of UTC). */
function minusOffsetSql(local: string, offset: string): string {
    return `TRY(CAST(${local} - to_seconds(${offset}) AS TIMESTAMPTZ))`;
}

/** Whether the zone's clock shows the wall time `written_local` at the instant. */
function showsSql(zone: string, instant: string): string {
    return `TRY(timezone(${sqlString(zone)}, ${instant}) = written_local)`;
}

/**
 * Wall times placed in UTC, the session's zone: `placed_at`, and `zone_problem` ('abbreviation'
 * when the written abbreviation is not the zone's there).
 */
function placedInUtcSql(written: string): string {
    return `SELECT w.*,
        CASE WHEN w.written_abbreviation IS NULL THEN CAST(w.written_local AS TIMESTAMPTZ)
             ELSE ${minusOffsetSql('w.written_local', 'a.offset_seconds')} END AS placed_at,
        CASE WHEN w.written_local IS NOT NULL AND w.written_abbreviation IS NOT NULL AND a.offset_seconds IS NULL
             THEN 'abbreviation' END AS zone_problem
    FROM (${written}) AS w LEFT JOIN zone_abbreviations AS a ON a.abbreviation = w.written_abbreviation`;
}

/**
 * Wall times placed in a zone with its clock changes: on a day without a change, by the day's
 * offset; else by each offset around the change that the zone's clock agrees with: none (the
 * clocks skip the time: 'gap'), both ('fold'). An abbreviation picks its own offset, which the
 * clock must agree with.
 */
function placedInZoneSql(written: string, zone: string): string {
    const offsets = `SELECT w.*, a.offset_seconds AS abbreviation_offset,
            coalesce(d.offset_before, ${offsetAtSql(zone, `w.written_local - INTERVAL 1 DAY`)}) AS offset_before,
            coalesce(d.offset_middle, ${offsetAtSql(zone, `w.written_local`)}) AS offset_middle,
            coalesce(d.offset_after, ${offsetAtSql(zone, `w.written_local + INTERVAL 2 DAY`)}) AS offset_after
        FROM (${written}) AS w
        LEFT JOIN zone_days AS d ON d.local_day = CAST(w.written_local AS DATE)
        LEFT JOIN zone_abbreviations AS a ON a.abbreviation = w.written_abbreviation`;
    const candidates = `SELECT *,
            offset_before = offset_middle AND offset_middle = offset_after AS steady,
            ${minusOffsetSql('written_local', 'abbreviation_offset')} AS abbreviated,
            ${minusOffsetSql('written_local', 'offset_before')} AS before_change,
            ${minusOffsetSql('written_local', 'offset_after')} AS after_change
        FROM (${offsets})`;
    const fits = `SELECT *,
            CASE WHEN written_abbreviation IS NOT NULL THEN coalesce(${showsSql(zone, 'abbreviated')}, false) END AS abbreviation_fits,
            CASE WHEN written_abbreviation IS NULL AND NOT steady THEN coalesce(${showsSql(zone, 'before_change')}, false) END AS fits_before,
            CASE WHEN written_abbreviation IS NULL AND NOT steady THEN coalesce(${showsSql(zone, 'after_change')}, false) END AS fits_after
        FROM (${candidates})`;
    return `SELECT *,
        CASE WHEN written_abbreviation IS NOT NULL THEN CASE WHEN abbreviation_fits THEN abbreviated END
             WHEN steady THEN before_change
             WHEN fits_before AND fits_after AND before_change <> after_change THEN NULL
             WHEN fits_before THEN before_change
             WHEN fits_after THEN after_change END AS placed_at,
        CASE WHEN written_local IS NULL THEN NULL
             WHEN written_abbreviation IS NOT NULL THEN CASE WHEN NOT abbreviation_fits THEN 'abbreviation' END
             WHEN steady OR before_change IS NULL OR after_change IS NULL THEN NULL
             WHEN fits_before AND fits_after AND before_change <> after_change THEN 'fold'
             WHEN NOT fits_before AND NOT fits_after THEN 'gap' END AS zone_problem
    FROM (${fits})`;
}

/**
 * The rows of `rows` (with `at_text`, the time as text, and `typed_at`/`typed_local` where a file
 * types its times) with their time read: `"at"` (TIMESTAMPTZ, null when unreadable) and
 * `time_problem`, what made it unreadable, for people.
 */
export function readTimesSql(rows: string, reading: TimeReading): string {
    const written = writtenTimeSql(rows, reading.format);
    const typed = `SELECT * REPLACE (coalesce(typed_at, written_at) AS written_at, coalesce(typed_local, written_local) AS written_local)
        FROM (${written})`;
    const placed = reading.zone === DEFAULT_ZONE ? placedInUtcSql(typed) : placedInZoneSql(typed, reading.zone);
    return `SELECT *,
        CASE WHEN at_text IS NULL AND typed_at IS NULL AND typed_local IS NULL THEN 'no time'
             WHEN "at" IS NOT NULL THEN NULL
             WHEN zone_problem = 'abbreviation'
                 THEN ${sqlString('ends with "')} || written_abbreviation || ${sqlString(`", which is no abbreviation the zone of --timezone (${reading.zone}) uses at that time: name the zone with --timezone`)}
             WHEN zone_problem = 'gap'
                 THEN ${sqlString(`a time that ${reading.zone} skips (its clocks go forward over it)`)}
             WHEN zone_problem = 'fold'
                 THEN ${sqlString(`a time that ${reading.zone} shows twice (its clocks go back over it): write its offset`)}
             ELSE ${sqlString(formatWords(reading.format))} END AS time_problem
    FROM (SELECT *, CASE WHEN isfinite(coalesce(written_at, placed_at)) THEN coalesce(written_at, placed_at) END AS "at"
        FROM (${placed}))`;
}
