/**
 * A tracker's status history for the support-ticket example (examples/support-ticket.vstream),
 * made up but shaped like a real export: `item,status,at`, one row per status change, times in
 * UTC. Deterministic (seeded), so the example and the tests built on it stay put.
 *
 *     node scripts/generate-tracker-export.ts
 *
 * writes examples/tracker/support-ticket-events.csv (2,000 tickets over 16 weeks) and a slice of
 * its first 200 tickets as CSV, Parquet and JSON lines under test/fixtures/measure/;
 *
 *     node scripts/generate-tracker-export.ts --rows 10000000 --out history.csv
 *
 * writes the first rows of a history of two years, as long as asked (the measure bench's logs).
 *
 * What is in it on purpose: work only on weekdays (so every long wait spans weekends), tickets
 * still open at the end of the export, tickets sent back (triage, fix) and a few reopened after
 * Done, a status no step maps ("On hold"), four rows whose time cannot be read, and drift: fixing
 * takes about 2.5 times the map's 6 h, and the wait for the customer's confirmation is about a
 * third of the map's 1 d.
 *
 * Runs with Node 24 as it is (types are stripped), so it imports nothing of vstream's sources.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';

/** One row of the export: item, status, the time it entered the status (or unreadable text). */
export type TrackerRow = [item: string, status: string, at: string];

export interface HistoryOptions {
    tickets: number;
    seed: number;
    /** Weeks from the first ticket to the moment of the export. */
    weeks: number;
}

/** Counted milliseconds (weekdays only) of a number of weeks. */
export function countedWeeks(weeks: number): number {
    return weeks * 5 * DAY_MS;
}

const HOUR_MS = 3_600_000;
/** 24 hours of the tracker's weekdays are one working day of the map, which has 8 h. */
const COUNTED_MS_PER_MAP_HOUR = 3 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;
/** Monday 2024-01-08 00:00 UTC. */
const FIRST_MONDAY = Date.UTC(2024, 0, 8);

/** Times whose text a tracker export could hold but nobody can read as ISO 8601. */
const UNREADABLE_TIMES = ['not a date', '', '2024-02-30T09:00:00Z', '31/01/2024 10:00'];
/** The tickets (by number) whose second row gets one of those times. */
const UNREADABLE_TICKETS = [7, 41, 530, 1377];

/** mulberry32: a small seeded generator, enough for made-up data. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

/**
 * The calendar time of a position in counted time (milliseconds of weekdays since the first
 * Monday): whole working weeks are 7 calendar days, the rest falls on Monday to Friday.
 */
function calendarTime(countedMs: number): number {
    const week = Math.floor(countedMs / (5 * DAY_MS));
    return FIRST_MONDAY + week * 7 * DAY_MS + (countedMs - week * 5 * DAY_MS);
}

/** The time a tracker writes for a position in counted time: ISO 8601 in UTC, to the second. */
export function exportTime(countedMs: number): string {
    return isoSeconds(calendarTime(countedMs));
}

function isoSeconds(time: number): string {
    return new Date(Math.round(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** An item of the tracker, its rows as it moves from status to status in counted time. */
export class TrackerItem {
    readonly rows: { status: string; countedMs: number }[] = [];
    readonly id: string;
    private countedMs: number;
    private readonly next: () => number;

    // Plain fields, not parameter properties: Node strips types but does not compile those.
    constructor(id: string, countedMs: number, next: () => number) {
        this.id = id;
        this.countedMs = countedMs;
        this.next = next;
    }

    /** The ticket enters a status now and stays there for about `medianMapHours` (log-normal). */
    stay(status: string, medianMapHours: number, spread = 0.6): void {
        this.rows.push({ status, countedMs: this.countedMs });
        this.countedMs += medianMapHours * COUNTED_MS_PER_MAP_HOUR * Math.exp(spread * this.normal());
    }

    /** The ticket enters a status and stays (Done). */
    end(status: string): void {
        this.rows.push({ status, countedMs: this.countedMs });
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    /** A number from 0 to 1, each as likely. */
    uniform(): number {
        return this.next();
    }

    /** Box–Muller. */
    private normal(): number {
        return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    }
}

/**
 * One ticket's way through the support-ticket stream, in the statuses its teams use. Medians
 * follow the map (process and wait per step, in map hours) but for the two drifting steps.
 */
function supportTicket(ticket: TrackerItem): void {
    triageAndReproduce(ticket);
    if (ticket.chance(0.3)) {
        // rework reproduce -> triage: the environment details were missing
        triageAndReproduce(ticket);
    }
    const fixed = ticket.chance(0.55);
    if (fixed) {
        ticket.stay('Ready for development', 24);
        fix(ticket);
    } else {
        ticket.stay('Waiting for workaround', 1);
        ticket.stay('Writing workaround', 0.5);
    }
    confirm(ticket);
    if (fixed && ticket.chance(0.1)) {
        // rework confirm -> fix: the fix did not solve the customer's case
        fix(ticket);
        confirm(ticket);
    }
    ticket.end('Done');
    if (ticket.chance(0.03)) {
        // Reopened a few days after Done.
        ticket.stay('Done', 24);
        fix(ticket);
        confirm(ticket);
        ticket.end('Done');
    }
}

function triageAndReproduce(ticket: TrackerItem): void {
    ticket.stay('New', 2);
    ticket.stay('Triage', 0.25);
    ticket.stay('Waiting for reproduction', 4);
    ticket.stay('Reproducing', 1.5);
}

/** Drift: the map says 6 h; it takes about 15 (11 in progress, 4 in review). */
function fix(ticket: TrackerItem): void {
    ticket.stay('In progress', 11);
    if (ticket.chance(0.15)) {
        ticket.stay('On hold', 8);
        ticket.stay('In progress', 3);
    }
    ticket.stay('In review', 4);
    if (ticket.chance(0.2)) {
        ticket.stay('In progress', 3);
        ticket.stay('In review', 1);
    }
}

/** Drift: the map waits 1 d (8 h) for the customer; customers answer in about 2.5 h. */
function confirm(ticket: TrackerItem): void {
    ticket.stay('Waiting for customer', 2.5);
    ticket.stay('Confirming', 0.33);
}

/** The export: every ticket's rows up to the moment of the export, ticket by ticket. */
export function* supportTicketHistory({ tickets, seed, weeks }: HistoryOptions): Generator<TrackerRow> {
    const next = random(seed);
    const exportCountedMs = countedWeeks(weeks);
    for (let number = 1; number <= tickets; number++) {
        // Tickets arrive evenly over the weeks, at any hour of a weekday.
        const ticket = new TrackerItem(
            `SUP-${1000 + number}`,
            ((number - next()) / tickets) * (exportCountedMs - 2 * DAY_MS),
            next
        );
        supportTicket(ticket);
        const unreadable = UNREADABLE_TICKETS.indexOf(number);
        for (const [index, row] of ticket.rows.filter(row => row.countedMs < exportCountedMs).entries()) {
            const at = unreadable >= 0 && index === 1 ? UNREADABLE_TIMES[unreadable] : exportTime(row.countedMs);
            yield [ticket.id, row.status, at];
        }
    }
}

/** A CSV field: quoted when it holds a comma or a quote (none here but the unreadable times could). */
function csvField(text: string): string {
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(row: TrackerRow): string {
    return `${row.map(csvField).join(',')}\n`;
}

const EXAMPLE = { tickets: 2000, seed: 18, weeks: 16 };
const SLICE_TICKETS = 200;

async function writeExample(root: string): Promise<void> {
    const rows = [...supportTicketHistory(EXAMPLE)];
    const slice = rows.filter(([item]) => Number(item.slice(4)) - 1000 <= SLICE_TICKETS);
    const example = join(root, 'examples/tracker/support-ticket-events.csv');
    const fixtures = join(root, 'test/fixtures/measure');
    mkdirSync(dirname(example), { recursive: true });
    mkdirSync(fixtures, { recursive: true });
    writeFileSync(example, `item,status,at\n${rows.map(csvLine).join('')}`);
    writeFileSync(join(fixtures, 'support-ticket-slice.csv'), `item,status,at\n${slice.map(csvLine).join('')}`);
    writeFileSync(
        join(fixtures, 'support-ticket-slice.jsonl'),
        slice.map(([item, status, at]) => `${JSON.stringify({ item, status, at })}\n`).join('')
    );
    await writeParquet(join(fixtures, 'support-ticket-slice.csv'), join(fixtures, 'support-ticket-slice.parquet'));
    console.log(`${example}: ${rows.length} rows; slice of ${SLICE_TICKETS} tickets: ${slice.length} rows`);
}

/** Parquet as a warehouse would write it: `at` typed as a timestamp, so the unreadable times are nulls. */
async function writeParquet(csv: string, parquet: string): Promise<void> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;
    await connection.run(`COPY (SELECT item, status, TRY_CAST("at" AS TIMESTAMPTZ) AS "at" FROM read_csv(${quoted(csv)}, all_varchar = true, header = true))
        TO ${quoted(parquet)} (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
}

/** The first `rows` rows of a two-year history with enough tickets, as CSV: logs as long as a bench wants. */
export async function writeLongHistory(path: string, rows: number): Promise<void> {
    const out = createWriteStream(path);
    out.write('item,status,at\n');
    let written = 0;
    // Some 11 rows a ticket, so rows / 8 tickets are more than enough.
    for (const row of supportTicketHistory({ tickets: Math.ceil(rows / 8), seed: EXAMPLE.seed, weeks: 104 })) {
        if (written++ === rows) {
            break;
        }
        if (!out.write(csvLine(row))) {
            await new Promise<void>(resolve => out.once('drain', () => resolve()));
        }
    }
    out.end();
    await finished(out);
}

// Run as a script, not when the bench or a test imports the generator (and bundles it, so no
// top-level await and no import.meta).
if (process.argv[1]?.endsWith('generate-tracker-export.ts')) {
    const { values } = parseArgs({ options: { rows: { type: 'string' }, out: { type: 'string' } } });
    void (values.rows !== undefined && values.out !== undefined
        ? writeLongHistory(values.out, Number(values.rows))
        : writeExample(resolve(dirname(process.argv[1]), '..')));
}
