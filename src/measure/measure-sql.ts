/**
 * The one SQL query behind `vstream measure`: over a table `events(item, status, "at")` it
 * computes, per stream of the map, the figures of the contract's "Measured data". The engine
 * runs this very text over a view of the event files, and `--sql` prints it for a team to run
 * in its own warehouse, so the two cannot tell different stories.
 *
 * Written for DuckDB; docs/measure.md says what to change for Trino, Spark SQL and BigQuery.
 */
import type { Calendar, MeasureMap } from './measure-model.js';
import { sqlDouble, sqlString, sqlTable } from './sql-text.js';

/** One row of the query's result: a stream (step null) or one of its steps. Hours are the map's hours. */
export interface MeasuredRow {
    stream: string;
    step: string | null;
    items: bigint;
    /** Stream rows only (null on step rows), as are wip, throughput and lead time. */
    done: bigint | null;
    wip: bigint | null;
    throughput_per_week: number | null;
    lead_time_p50: number | null;
    lead_time_p85: number | null;
    lead_time_p95: number | null;
    /** Step rows only (null on stream rows), as are the other process and wait columns. */
    process_mapped: number | null;
    process_p15: number | null;
    process_p50: number | null;
    process_p85: number | null;
    wait_mapped: number | null;
    wait_p15: number | null;
    wait_p50: number | null;
    wait_p85: number | null;
}

const MICROSECONDS_PER_COUNTED_DAY = 86_400_000_000;
const MICROSECONDS_PER_WEEK = 7 * MICROSECONDS_PER_COUNTED_DAY;
const MICROSECONDS_PER_WORKWEEK = 5 * MICROSECONDS_PER_COUNTED_DAY;
/** Microseconds from Monday 0001-01-01 (proleptic Gregorian) to 1970-01-01: any AD time lies after that Monday. */
const MONDAY_ONE_TO_EPOCH_US = 62_135_596_800_000_000;

/**
 * The counted position of a time: microseconds since a fixed Monday that count under the
 * calendar. A stay's counted time is the difference of two positions, which is O(1) per row:
 * no calendar table, no day-by-day loop.
 */
function countedPosition(time: string, calendar: Calendar): string {
    if (calendar === 'all') {
        return `epoch_us(${time})`;
    }
    // Whole weeks since that Monday count five days each; the current week counts up to five
    // days (Friday 24:00), so Saturday and Sunday add nothing.
    const sinceMonday = `(epoch_us(${time}) + ${MONDAY_ONE_TO_EPOCH_US})`;
    return `((${sinceMonday} // ${MICROSECONDS_PER_WEEK}) * ${MICROSECONDS_PER_WORKWEEK} + least(${sinceMonday} % ${MICROSECONDS_PER_WEEK}, ${MICROSECONDS_PER_WORKWEEK}))`;
}

/** The map's streams, steps and named statuses as three small tables of the query. */
function mapTables(map: MeasureMap): string {
    const streams = map.streams.map((stream, index) => [
        sqlString(stream.name),
        String(index + 1),
        sqlDouble(stream.workdayHours)
    ]);
    const steps = map.streams.flatMap(stream =>
        stream.steps.map((step, index) => [
            sqlString(stream.name),
            sqlString(step.name),
            String(index + 1),
            sqlDouble(step.mappedProcess),
            sqlDouble(step.mappedWait)
        ])
    );
    const statuses = map.streams.flatMap(stream => [
        ...stream.steps.flatMap(step => [
            ...unique(step.status).map(status => [
                sqlString(stream.name),
                sqlString(step.name),
                `'status'`,
                sqlString(status)
            ]),
            ...unique(step.queue).map(status => [
                sqlString(stream.name),
                sqlString(step.name),
                `'queue'`,
                sqlString(status)
            ])
        ]),
        ...unique(stream.done).map(status => [
            sqlString(stream.name),
            'CAST(NULL AS VARCHAR)',
            `'done'`,
            sqlString(status)
        ])
    ]);
    return `map_streams (stream, stream_order, workday_hours) AS (
    ${sqlTable(
        [
            { name: 'stream', type: 'VARCHAR' },
            { name: 'stream_order', type: 'INTEGER' },
            { name: 'workday_hours', type: 'DOUBLE' }
        ],
        streams
    )}),
map_steps (stream, step, step_order, process_mapped, wait_mapped) AS (
    ${sqlTable(
        [
            { name: 'stream', type: 'VARCHAR' },
            { name: 'step', type: 'VARCHAR' },
            { name: 'step_order', type: 'INTEGER' },
            { name: 'process_mapped', type: 'DOUBLE' },
            { name: 'wait_mapped', type: 'DOUBLE' }
        ],
        steps
    )}),
map_statuses (stream, step, clause, status) AS (
    -- clause: 'status' (the step works), 'queue' (work waits before the step), 'done' (the stream's outcome)
    ${sqlTable(
        [
            { name: 'stream', type: 'VARCHAR' },
            { name: 'step', type: 'VARCHAR' },
            { name: 'clause', type: 'VARCHAR' },
            { name: 'status', type: 'VARCHAR' }
        ],
        statuses
    )})`;
}

/** A status listed twice in one clause must not count its time twice. */
function unique(statuses: string[]): string[] {
    return [...new Set(statuses)];
}

/** `hours` of a counted microsecond amount, in the map's hours: 24 counted hours are one working day. */
function mapHours(counted: string): string {
    return `${counted} * s.workday_hours / ${MICROSECONDS_PER_COUNTED_DAY}.0`;
}

/** The query text for a map and a calendar. */
export function measureSql(map: MeasureMap, calendar: Calendar): string {
    const calendarWords = calendar === 'workweek' ? 'Monday to Friday (UTC) only' : 'every day of the week';
    return `-- vstream measure: measured figures of ${map.streams.map(stream => stream.name).join(', ') || 'no stream'}.
-- Reads events(item, status, "at"): the item entered the status at "at" and stays there until
-- its next row. Time counts ${calendarWords}.
-- 24 counted hours are one working day of the stream's workday_hours; figures are in hours.
WITH
${mapTables(map)},
readable AS (
    -- a row without an item or a time cannot be placed
    SELECT item, status, "at" FROM events WHERE item IS NOT NULL AND "at" IS NOT NULL),
log_span AS (
    -- read from events apart, so that readable is read once and not held in memory
    SELECT min("at") AS first_at, max("at") AS last_at FROM events WHERE item IS NOT NULL),
stays AS (
    -- a row lasts until the item's next row (left_at; null for the item's last row).
    -- Rows of one item at the same time are taken in status order, so that the result does
    -- not depend on the order of the rows in the table.
    SELECT r.item, r.status, r."at",
           lead(r."at") OVER by_item AS left_at,
           first_value(r."at") OVER by_item AS item_first_at
    FROM readable AS r
    WINDOW by_item AS (PARTITION BY r.item ORDER BY r."at", r.status)),
counted_stays AS (
    -- counted positions (microseconds); the item's last row lasts until the log's last time
    SELECT t.item, t.status,
           ${countedPosition('t."at"', calendar)} AS at_us,
           ${countedPosition('coalesce(t.left_at, l.last_at)', calendar)} AS left_us,
           ${countedPosition('t.item_first_at', calendar)} AS item_first_us
    FROM stays AS t CROSS JOIN log_span AS l),
item_steps AS (
    -- per item and step of the map: its time in the step's statuses (null if it never reached
    -- one) and in its queue statuses; per item and stream (step null): its first done row
    SELECT m.stream, m.step, c.item,
           sum(CASE WHEN m.clause = 'status' THEN c.left_us - c.at_us END) AS process_us,
           sum(CASE WHEN m.clause = 'queue' THEN c.left_us - c.at_us END) AS wait_us,
           min(CASE WHEN m.clause = 'done' THEN c.at_us END) AS done_us,
           min(c.item_first_us) AS item_first_us
    FROM counted_stays AS c JOIN map_statuses AS m ON m.status = c.status
    GROUP BY m.stream, m.step, c.item),
stream_items AS (
    -- a stream's items have a row in a status it names; the lead time of a done item runs
    -- from its first row to its first row in a done status (null while it is not done)
    SELECT i.stream, i.item,
           ${mapHours('(min(i.done_us) - min(i.item_first_us))')} AS lead_time_hours
    FROM item_steps AS i JOIN map_streams AS s ON s.stream = i.stream
    GROUP BY i.stream, i.item, s.workday_hours),
stream_figures AS (
    SELECT stream, count(*) AS items, count(lead_time_hours) AS done,
           quantile_cont(lead_time_hours, 0.5) AS lead_time_p50,
           quantile_cont(lead_time_hours, 0.85) AS lead_time_p85,
           quantile_cont(lead_time_hours, 0.95) AS lead_time_p95
    FROM stream_items
    GROUP BY stream),
step_samples AS (
    -- one sample per item that reached the step: its time in the step's 'status' statuses,
    -- and its time in the step's 'queue' statuses (0 without)
    SELECT i.stream, i.step,
           ${mapHours('i.process_us')} AS process_hours,
           ${mapHours('coalesce(i.wait_us, 0)')} AS wait_hours
    FROM item_steps AS i JOIN map_streams AS s ON s.stream = i.stream
    WHERE i.process_us IS NOT NULL),
step_figures AS (
    SELECT stream, step, count(*) AS items,
           quantile_cont(process_hours, 0.15) AS process_p15,
           quantile_cont(process_hours, 0.5) AS process_p50,
           quantile_cont(process_hours, 0.85) AS process_p85,
           quantile_cont(wait_hours, 0.15) AS wait_p15,
           quantile_cont(wait_hours, 0.5) AS wait_p50,
           quantile_cont(wait_hours, 0.85) AS wait_p85
    FROM step_samples
    GROUP BY stream, step),
figures AS (
    SELECT s.stream, s.stream_order, 0 AS step_order, CAST(NULL AS VARCHAR) AS step,
           coalesce(f.items, 0) AS items, coalesce(f.done, 0) AS done,
           coalesce(f.items, 0) - coalesce(f.done, 0) AS wip,
           -- done items per 7 calendar days between the log's first and last times
           coalesce(f.done, 0) * ${MICROSECONDS_PER_WEEK}.0 / nullif(epoch_us(l.last_at) - epoch_us(l.first_at), 0) AS throughput_per_week,
           f.lead_time_p50, f.lead_time_p85, f.lead_time_p95,
           CAST(NULL AS DOUBLE) AS process_mapped, CAST(NULL AS DOUBLE) AS process_p15,
           CAST(NULL AS DOUBLE) AS process_p50, CAST(NULL AS DOUBLE) AS process_p85,
           CAST(NULL AS DOUBLE) AS wait_mapped, CAST(NULL AS DOUBLE) AS wait_p15,
           CAST(NULL AS DOUBLE) AS wait_p50, CAST(NULL AS DOUBLE) AS wait_p85
    FROM map_streams AS s
    CROSS JOIN log_span AS l
    LEFT JOIN stream_figures AS f ON f.stream = s.stream
    UNION ALL
    SELECT m.stream, s.stream_order, m.step_order, m.step,
           coalesce(f.items, 0) AS items, NULL, NULL, NULL, NULL, NULL, NULL,
           m.process_mapped, f.process_p15, f.process_p50, f.process_p85,
           m.wait_mapped, f.wait_p15, f.wait_p50, f.wait_p85
    FROM map_steps AS m
    JOIN map_streams AS s ON s.stream = m.stream
    LEFT JOIN step_figures AS f ON f.stream = m.stream AND f.step = m.step)
SELECT stream, step, items, done, wip, throughput_per_week,
       lead_time_p50, lead_time_p85, lead_time_p95,
       process_mapped, process_p15, process_p50, process_p85,
       wait_mapped, wait_p15, wait_p50, wait_p85
FROM figures
ORDER BY stream_order, step_order
`;
}
