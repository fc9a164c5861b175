/**
 * The one SQL query behind `vstream measure`: over a table `events(item, status, "at", seq)` it
 * computes, per stream of the map, the figures of the contract's "Measured data" and "Measuring
 * per visit". The engine runs this very text over a view of the event files, and `--sql` prints
 * it for a team to run in its own warehouse, so the two cannot tell different stories.
 *
 * Written for DuckDB; docs/measure.md says what to change for Trino, Spark SQL and BigQuery.
 */
import type { Calendar, MeasureMap, MeasuredStreamInput } from './measure-model.js';
import { sqlDouble, sqlString, sqlTable, type SqlColumn } from './sql-text.js';

/** Which figures a row of the result holds. */
export type MeasuredRowKind = 'stream' | 'step' | 'branch' | 'rework';

/**
 * One row of the query's result: a stream, a step of it, an edge leaving a step with two or
 * more (a branch), or a rework. Hours are the map's hours; a column a kind has no use for is null.
 */
export interface MeasuredRow {
    kind: MeasuredRowKind;
    stream: string;
    /** The step; a branch's or rework's step it leaves from. */
    step: string | null;
    /** A branch's or rework's step it goes to. */
    target: string | null;
    /** Stream: its items; step: the items with a visit to it. */
    items: bigint | null;
    /** Step: its closed visits. */
    visits: bigint | null;
    done: bigint | null;
    wip: bigint | null;
    throughput_per_week: number | null;
    lead_time_p50: number | null;
    lead_time_p85: number | null;
    lead_time_p95: number | null;
    process_mapped: number | null;
    /** Over the closed visits, at the quantiles of VISIT_QUANTILES, in that order. */
    process_quantiles: number[] | null;
    process_mean: number | null;
    process_deviation: number | null;
    wait_mapped: number | null;
    wait_quantiles: number[] | null;
    wait_mean: number | null;
    wait_deviation: number | null;
    /** Branch: the map's share; rework: its rate (fractions). */
    mapped: number | null;
    /** Branch: closed visits of the step whose next is the target; rework: whose next is the step it goes back to. */
    taken: bigint | null;
    /** The denominator: branch, the closed visits of the step whose next is one of its targets; rework, all of its closed visits. */
    samples: bigint | null;
    /** Branch: the items that visited two or more of the step's targets after their first visit to it, of `branch_items`. */
    both_items: bigint | null;
    /** Branch: of those, the items that visited two targets neither of which the map leads to from the other. */
    parallel_items: bigint | null;
    branch_items: bigint | null;
    /** Rework: `taken` and `samples` counted over the visits that follow a visit to the step it goes back to. */
    reached_taken: bigint | null;
    reached_samples: bigint | null;
}

/** The quantiles of a step's visits the query gives: p50 and p85 for the contract, the others to shape ranges. */
export const VISIT_QUANTILES = [0.1, 0.15, 0.25, 0.5, 0.75, 0.85, 0.9, 0.95] as const;

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

const VARCHAR = (name: string): SqlColumn => ({ name, type: 'VARCHAR' });
const INTEGER = (name: string): SqlColumn => ({ name, type: 'INTEGER' });
const DOUBLE = (name: string): SqlColumn => ({ name, type: 'DOUBLE' });

function table(name: string, columns: SqlColumn[], rows: string[][], comment = ''): string {
    const note = comment ? `\n    -- ${comment}` : '';
    return `${name} (${columns.map(column => column.name).join(', ')}) AS (${note}
    ${sqlTable(columns, rows)})`;
}

const nullableDouble = (value: number | null) => (value === null ? 'CAST(NULL AS DOUBLE)' : sqlDouble(value));

/**
 * Each status of a stream maps to one clause: the first that names it, steps in their order, then
 * `done`. A status named twice would otherwise count its time twice.
 */
function statusRows(stream: MeasuredStreamInput): string[][] {
    const seen = new Set<string>();
    const rows: string[][] = [];
    const add = (step: string | null, clause: 'status' | 'queue' | 'done', status: string) => {
        if (!seen.has(status)) {
            seen.add(status);
            rows.push([
                sqlString(stream.name),
                step === null ? 'CAST(NULL AS VARCHAR)' : sqlString(step),
                `'${clause}'`,
                sqlString(status)
            ]);
        }
    };
    for (const step of stream.steps) {
        step.status.forEach(status => add(step.name, 'status', status));
        step.queue.forEach(status => add(step.name, 'queue', status));
    }
    stream.done.forEach(status => add(null, 'done', status));
    return rows;
}

/** An edge or rework once, by its two steps: a map may write one twice, which is reported elsewhere. */
function uniqueLinks<T extends { from: string; to: string }>(links: T[]): T[] {
    const seen = new Set<string>();
    return links.filter(link => {
        const key = JSON.stringify([link.from, link.to]);
        return !seen.has(key) && seen.add(key) !== undefined;
    });
}

/**
 * Per step with two or more targets, the pairs of them that no path of the map joins (neither
 * leads to the other): an item that visits both after the step went both ways, which a
 * decision does not do. Two targets that one path joins are visited both by the items that take
 * the first, decision or not.
 */
function independentTargets(stream: MeasuredStreamInput): Array<[string, string, string]> {
    const edges = uniqueLinks(stream.edges);
    const next = new Map<string, string[]>();
    edges.forEach(edge => next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]));
    const reaches = (from: string, to: string): boolean => {
        const seen = new Set([from]);
        const queue = [from];
        while (queue.length > 0) {
            for (const step of next.get(queue.pop()!) ?? []) {
                if (step === to) {
                    return true;
                }
                if (!seen.has(step)) {
                    seen.add(step);
                    queue.push(step);
                }
            }
        }
        return false;
    };
    return [...next].flatMap(([from, targets]) =>
        targets.flatMap((a, index) =>
            targets
                .slice(index + 1)
                .filter(b => !reaches(a, b) && !reaches(b, a))
                .map((b): [string, string, string] => [from, a, b])
        )
    );
}

/** The map's streams, steps, named statuses, edges and reworks as small tables of the query. */
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
    /** A stream's edges or reworks as rows: its name, the two steps, their order, their share or rate. */
    const linkRows = <T extends { from: string; to: string }>(
        links: (stream: MeasuredStreamInput) => T[],
        chance: (link: T) => number | null
    ) =>
        map.streams.flatMap(stream =>
            uniqueLinks(links(stream)).map((link, index) => [
                sqlString(stream.name),
                sqlString(link.from),
                sqlString(link.to),
                String(index + 1),
                nullableDouble(chance(link))
            ])
        );
    const edges = linkRows(
        stream => stream.edges,
        edge => edge.share
    );
    const reworks = linkRows(
        stream => stream.reworks,
        rework => rework.rate
    );
    return [
        table('map_streams', [VARCHAR('stream'), INTEGER('stream_order'), DOUBLE('workday_hours')], streams),
        table(
            'map_steps',
            [
                VARCHAR('stream'),
                VARCHAR('step'),
                INTEGER('step_order'),
                DOUBLE('process_mapped'),
                DOUBLE('wait_mapped')
            ],
            steps
        ),
        table(
            'map_statuses',
            [VARCHAR('stream'), VARCHAR('step'), VARCHAR('clause'), VARCHAR('status')],
            map.streams.flatMap(statusRows),
            "clause: 'status' (the step works), 'queue' (work waits before the step), 'done' (the stream's outcome)"
        ),
        table(
            'map_edges',
            [VARCHAR('stream'), VARCHAR('from_step'), VARCHAR('to_step'), INTEGER('edge_order'), DOUBLE('share')],
            edges,
            'the handoff and flow edges: what may follow a visit; share a fraction, or null'
        ),
        table(
            'map_parallel_targets',
            [VARCHAR('stream'), VARCHAR('from_step'), VARCHAR('target_a'), VARCHAR('target_b')],
            map.streams.flatMap(stream =>
                independentTargets(stream).map(([from, a, b]) => [
                    sqlString(stream.name),
                    sqlString(from),
                    sqlString(a),
                    sqlString(b)
                ])
            ),
            "pairs of a step's targets neither of which the map leads to from the other: visiting both is parallel work"
        ),
        table(
            'map_reworks',
            [VARCHAR('stream'), VARCHAR('from_step'), VARCHAR('to_step'), INTEGER('rework_order'), DOUBLE('rate')],
            reworks,
            'work that goes back from from_step to to_step; rate a fraction, or null'
        )
    ].join(',\n');
}

/** `hours` of a counted microsecond amount, in the map's hours: 24 counted hours are one working day. */
function mapHours(counted: string): string {
    return `${counted} * s.workday_hours / ${MICROSECONDS_PER_COUNTED_DAY}.0`;
}

/** The columns of the result, in order; each part of the union fills those it has and leaves the others null. */
const RESULT_COLUMNS: Array<[keyof MeasuredRow, string]> = [
    ['kind', 'VARCHAR'],
    ['stream', 'VARCHAR'],
    ['step', 'VARCHAR'],
    ['target', 'VARCHAR'],
    ['items', 'BIGINT'],
    ['visits', 'BIGINT'],
    ['done', 'BIGINT'],
    ['wip', 'BIGINT'],
    ['throughput_per_week', 'DOUBLE'],
    ['lead_time_p50', 'DOUBLE'],
    ['lead_time_p85', 'DOUBLE'],
    ['lead_time_p95', 'DOUBLE'],
    ['process_mapped', 'DOUBLE'],
    ['process_quantiles', 'DOUBLE[]'],
    ['process_mean', 'DOUBLE'],
    ['process_deviation', 'DOUBLE'],
    ['wait_mapped', 'DOUBLE'],
    ['wait_quantiles', 'DOUBLE[]'],
    ['wait_mean', 'DOUBLE'],
    ['wait_deviation', 'DOUBLE'],
    ['mapped', 'DOUBLE'],
    ['taken', 'BIGINT'],
    ['samples', 'BIGINT'],
    ['both_items', 'BIGINT'],
    ['parallel_items', 'BIGINT'],
    ['branch_items', 'BIGINT'],
    ['reached_taken', 'BIGINT'],
    ['reached_samples', 'BIGINT']
];

/** A part of the final union: the values it gives by column, every other column a typed null. */
function resultPart(values: Partial<Record<keyof MeasuredRow, string>>, from: string): string {
    const columns = RESULT_COLUMNS.map(([name, type]) => `${values[name] ?? `CAST(NULL AS ${type})`} AS ${name}`);
    return `SELECT ${columns.join(',\n           ')}
    ${from}`;
}

/** The query text for a map and a calendar. */
export function measureSql(map: MeasureMap, calendar: Calendar): string {
    const calendarWords = calendar === 'workweek' ? 'Monday to Friday (UTC) only' : 'every day of the week';
    const quantiles = `[${VISIT_QUANTILES.join(', ')}]`;
    const visitFigures = (measure: 'process' | 'wait') => ({
        [`${measure}_quantiles`]: `f.${measure}_quantiles`,
        [`${measure}_mean`]: `f.${measure}_mean`,
        [`${measure}_deviation`]: `f.${measure}_deviation`
    });
    return `-- vstream measure: measured figures of ${map.streams.map(stream => stream.name).join(', ') || 'no stream'}.
-- Reads events(item, status, "at", seq): the item entered the status at "at" and stays there
-- until its next row; seq orders the rows of one instant as the export wrote them.
-- Time counts ${calendarWords}.
-- 24 counted hours are one working day of the stream's workday_hours; figures are in hours.
WITH
${mapTables(map)},
log_span AS (
    SELECT min("at") AS first_at, max("at") AS last_at FROM events),
walked AS (
    -- every row once per stream, with the step it maps to there (place: the step, '' for a done
    -- status, null for a status the stream does not name). In one pass over each item's rows, by
    -- time and, at one instant, in the order written: how long the row lasts (until the item's
    -- next row, whatever its status), the item's first time, and the mapped rows before and after
    SELECT s.stream, e.item, e."at", e.seq, m.clause, CASE WHEN m.clause IS NOT NULL THEN coalesce(m.step, '') END AS place,
           lead(e."at") OVER by_item AS left_at,
           first_value(e."at") OVER by_item AS item_first_at,
           lag(CASE WHEN m.clause IS NOT NULL THEN coalesce(m.step, '') END IGNORE NULLS) OVER by_item AS previous_place,
           lag(m.clause IGNORE NULLS) OVER by_item AS previous_clause,
           lead(CASE WHEN m.clause IS NOT NULL THEN coalesce(m.step, '') END IGNORE NULLS) OVER by_item AS next_place,
           lead(m.clause IGNORE NULLS) OVER by_item AS next_clause
    FROM events AS e CROSS JOIN map_streams AS s
    LEFT JOIN map_statuses AS m ON m.stream = s.stream AND m.status = e.status
    WINDOW by_item AS (PARTITION BY s.stream, e.item ORDER BY e."at", e.seq)),
mapped AS (
    -- the mapped rows, in counted microseconds (the item's last row lasts until the log's last
    -- time). A visit to a step starts at its row when the previous mapped row is another
    -- step's, or done, or none, or one of its 'status' rows while this is a 'queue' row (sent
    -- back to the queue); it ends at its row when the next mapped row starts another, or is
    -- done, or there is none. A done row is a segment of its own.
    SELECT w.stream, w.item, w."at", w.seq, w.clause, w.place, w.next_place, w.next_clause,
           ${countedPosition('w."at"', calendar)} AS at_us,
           ${countedPosition('coalesce(w.left_at, l.last_at)', calendar)} AS left_us,
           ${countedPosition('w.item_first_at', calendar)} AS item_first_us,
           w.clause = 'done' OR w.previous_place IS DISTINCT FROM w.place
               OR (w.previous_clause = 'status' AND w.clause = 'queue') AS starts,
           w.clause <> 'done' AND (w.next_clause IS NULL OR w.next_clause = 'done' OR w.next_place <> w.place
               OR (w.clause = 'status' AND w.next_clause = 'queue')) AS ends
    FROM walked AS w CROSS JOIN log_span AS l
    WHERE w.clause IS NOT NULL),
visits AS (
    -- per stream and item, its visits numbered in order (segment); a visit is closed when a
    -- mapped row follows it: its next is that row's step (next_step), or done (null)
    SELECT stream, item, segment, any_value(place) AS step,
           sum(CASE WHEN clause = 'status' THEN left_us - at_us ELSE 0 END) AS process_us,
           sum(CASE WHEN clause = 'queue' THEN left_us - at_us ELSE 0 END) AS wait_us,
           any_value(next_clause) FILTER (WHERE ends) IS NOT NULL AS closed,
           any_value(CASE WHEN next_clause <> 'done' THEN next_place END) FILTER (WHERE ends) AS next_step
    FROM (SELECT *, sum(CASE WHEN starts THEN 1 ELSE 0 END)
                    OVER (PARTITION BY stream, item ORDER BY "at", seq ROWS UNBOUNDED PRECEDING) AS segment
          FROM mapped)
    WHERE clause <> 'done'
    GROUP BY stream, item, segment),
stream_items AS (
    -- a stream's items have a row in a status it names; the lead time of a done item runs
    -- from its first row to its first row in a done status (null while it is not done)
    SELECT i.stream, i.item, ${mapHours('(i.done_us - i.item_first_us)')} AS lead_time_hours
    FROM (SELECT stream, item, min(CASE WHEN clause = 'done' THEN at_us END) AS done_us,
                 min(item_first_us) AS item_first_us
          FROM mapped GROUP BY stream, item) AS i
    JOIN map_streams AS s ON s.stream = i.stream),
stream_figures AS (
    SELECT stream, count(*) AS items, count(lead_time_hours) AS done,
           quantile_cont(lead_time_hours, 0.5) AS lead_time_p50,
           quantile_cont(lead_time_hours, 0.85) AS lead_time_p85,
           quantile_cont(lead_time_hours, 0.95) AS lead_time_p95
    FROM stream_items
    GROUP BY stream),
closed_visits AS (
    -- the samples of a step: per closed visit, its time in the step's 'status' statuses and in its 'queue' statuses
    SELECT v.stream, v.step, ${mapHours('v.process_us')} AS process_hours, ${mapHours('v.wait_us')} AS wait_hours
    FROM visits AS v JOIN map_streams AS s ON s.stream = v.stream
    WHERE v.closed),
step_figures AS (
    SELECT i.stream, i.step, coalesce(c.visits, 0) AS visits, i.items,
           c.process_quantiles, c.process_mean, c.process_deviation,
           c.wait_quantiles, c.wait_mean, c.wait_deviation
    FROM (SELECT stream, step, count(*) AS items FROM (SELECT DISTINCT stream, step, item FROM visits) GROUP BY stream, step) AS i
    LEFT JOIN (SELECT stream, step, count(*) AS visits,
                      quantile_cont(process_hours, ${quantiles}) AS process_quantiles,
                      avg(process_hours) AS process_mean, stddev_pop(process_hours) AS process_deviation,
                      quantile_cont(wait_hours, ${quantiles}) AS wait_quantiles,
                      avg(wait_hours) AS wait_mean, stddev_pop(wait_hours) AS wait_deviation
               FROM closed_visits GROUP BY stream, step) AS c
      ON c.stream = i.stream AND c.step = i.step),
branch_edges AS (
    -- the edges of the steps with two or more targets
    SELECT e.* FROM map_edges AS e
    WHERE (SELECT count(*) FROM map_edges AS o WHERE o.stream = e.stream AND o.from_step = e.from_step) >= 2),
branch_taken AS (
    SELECT e.stream, e.from_step, e.to_step, count(v.item) AS taken
    FROM branch_edges AS e
    LEFT JOIN visits AS v ON v.stream = e.stream AND v.step = e.from_step AND v.next_step = e.to_step
    GROUP BY e.stream, e.from_step, e.to_step),
first_visits AS (
    SELECT stream, step, item, min(segment) AS first_segment FROM visits GROUP BY stream, step, item),
targets_after AS (
    -- per item that visited a branching step: each of its targets it visited after its first visit there
    SELECT DISTINCT f.stream, f.step, f.item, v.step AS target
    FROM first_visits AS f
    JOIN branch_edges AS e ON e.stream = f.stream AND e.from_step = f.step
    JOIN visits AS v ON v.stream = f.stream AND v.item = f.item AND v.step = e.to_step AND v.segment > f.first_segment),
parallel_items AS (
    -- items that visited two targets neither of which leads to the other: work that went both ways
    SELECT DISTINCT x.stream, x.step, x.item
    FROM targets_after AS x
    JOIN map_parallel_targets AS p ON p.stream = x.stream AND p.from_step = x.step AND p.target_a = x.target
    JOIN targets_after AS y ON y.stream = x.stream AND y.step = x.step AND y.item = x.item AND y.target = p.target_b),
branch_parallel AS (
    SELECT f.stream, f.step, count(*) AS branch_items,
           count(*) FILTER (WHERE t.targets >= 2) AS both_items,
           count(p.item) AS parallel_items
    FROM first_visits AS f
    JOIN (SELECT DISTINCT stream, from_step FROM branch_edges) AS b ON b.stream = f.stream AND b.from_step = f.step
    LEFT JOIN (SELECT stream, step, item, count(*) AS targets FROM targets_after GROUP BY stream, step, item) AS t
      ON t.stream = f.stream AND t.step = f.step AND t.item = f.item
    LEFT JOIN parallel_items AS p ON p.stream = f.stream AND p.step = f.step AND p.item = f.item
    GROUP BY f.stream, f.step),
rework_figures AS (
    -- a rework's closed visits of its later step, and those whose next is its earlier step; the
    -- same over the visits that follow a visit to the earlier step (reached)
    SELECT r.stream, r.from_step, r.to_step, r.rate, r.rework_order,
           count(v.item) AS samples,
           count(v.item) FILTER (WHERE v.next_step = r.to_step) AS taken,
           count(v.item) FILTER (WHERE f.first_segment <= v.segment) AS reached_samples,
           count(v.item) FILTER (WHERE f.first_segment <= v.segment AND v.next_step = r.to_step) AS reached_taken
    FROM map_reworks AS r
    LEFT JOIN visits AS v ON v.stream = r.stream AND v.step = r.from_step AND v.closed
    LEFT JOIN first_visits AS f ON f.stream = r.stream AND f.step = r.to_step AND f.item = v.item
    GROUP BY r.stream, r.from_step, r.to_step, r.rate, r.rework_order),
figures AS (
    ${resultPart(
        {
            kind: `'stream'`,
            stream: 's.stream',
            items: 'coalesce(f.items, 0)',
            done: 'coalesce(f.done, 0)',
            wip: 'coalesce(f.items, 0) - coalesce(f.done, 0)',
            // done items per 7 calendar days between the log's first and last times
            throughput_per_week: `coalesce(f.done, 0) * ${MICROSECONDS_PER_WEEK}.0 / nullif(epoch_us(l.last_at) - epoch_us(l.first_at), 0)`,
            lead_time_p50: 'f.lead_time_p50',
            lead_time_p85: 'f.lead_time_p85',
            lead_time_p95: 'f.lead_time_p95'
        },
        `, s.stream_order AS stream_order, 0 AS part_order, 0 AS row_order
    FROM map_streams AS s CROSS JOIN log_span AS l LEFT JOIN stream_figures AS f ON f.stream = s.stream`
    )}
    UNION ALL
    ${resultPart(
        {
            kind: `'step'`,
            stream: 'm.stream',
            step: 'm.step',
            items: 'coalesce(f.items, 0)',
            visits: 'coalesce(f.visits, 0)',
            process_mapped: 'm.process_mapped',
            wait_mapped: 'm.wait_mapped',
            ...visitFigures('process'),
            ...visitFigures('wait')
        },
        `, s.stream_order, 1, m.step_order
    FROM map_steps AS m JOIN map_streams AS s ON s.stream = m.stream
    LEFT JOIN step_figures AS f ON f.stream = m.stream AND f.step = m.step`
    )}
    UNION ALL
    ${resultPart(
        {
            kind: `'branch'`,
            stream: 'e.stream',
            step: 'e.from_step',
            target: 'e.to_step',
            mapped: 'e.share',
            taken: 't.taken',
            samples: 'sum(t.taken) OVER (PARTITION BY e.stream, e.from_step)',
            both_items: 'coalesce(p.both_items, 0)',
            parallel_items: 'coalesce(p.parallel_items, 0)',
            branch_items: 'coalesce(p.branch_items, 0)'
        },
        `, s.stream_order, 2, e.edge_order
    FROM branch_edges AS e JOIN map_streams AS s ON s.stream = e.stream
    JOIN branch_taken AS t ON t.stream = e.stream AND t.from_step = e.from_step AND t.to_step = e.to_step
    LEFT JOIN branch_parallel AS p ON p.stream = e.stream AND p.step = e.from_step`
    )}
    UNION ALL
    ${resultPart(
        {
            kind: `'rework'`,
            stream: 'r.stream',
            step: 'r.from_step',
            target: 'r.to_step',
            mapped: 'r.rate',
            taken: 'r.taken',
            samples: 'r.samples',
            reached_taken: 'r.reached_taken',
            reached_samples: 'r.reached_samples'
        },
        `, s.stream_order, 3, r.rework_order
    FROM rework_figures AS r JOIN map_streams AS s ON s.stream = r.stream`
    )})
SELECT ${RESULT_COLUMNS.map(([name]) => name).join(', ')}
FROM figures
ORDER BY stream_order, part_order, row_order
`;
}
