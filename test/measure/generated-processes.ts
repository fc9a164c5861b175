/**
 * Processes a map can express (decisions, rework, a step repeating itself, times drawn anew for
 * every visit), played item by item into a tracker's status history, and the map of each with
 * its statuses but none of its figures: what `measure --update --ranges` must recover. The
 * backtest (test/measure/backtest.test.ts) and the bench hold the updated map's forecast against
 * the history.
 */
import { countedWeeks, exportTime, random, TrackerItem } from '../../scripts/generate-tracker-export.js';

/** How long an item stays: log-normal around a median (map hours), and the chance it does not stay at all. */
export interface Stay {
    median: number;
    /** The log-normal's σ: 0.6 is a typical tracker's spread, 1 a long tail. */
    spread: number;
    /** The chance the visit skips this status (work picked up at once: no queue row). */
    skipped?: number;
}

export interface ProcessStep {
    name: string;
    queue: Stay;
    work: Stay;
}

export interface ProcessEdge {
    from: string;
    to: string;
    /** The chance an item takes it, where its step decides. */
    share?: number;
}

export interface ProcessRework {
    from: string;
    to: string;
    rate: number;
}

export interface GeneratedProcess {
    name: string;
    /** In order: the first is where every item starts. */
    steps: ProcessStep[];
    edges: ProcessEdge[];
    reworks: ProcessRework[];
}

export interface HistoryOptions {
    items: number;
    seed: number;
    weeks: number;
}

const queueStatus = (step: string) => `Waiting for ${step}`;
const workStatus = (step: string) => `Doing ${step}`;

/**
 * Each item walks from the first step: every visit waits in the step's queue status and works in
 * its work status; then a rework of the step may send it back (each rework at its rate), else it
 * leaves along the step's edge, drawing one where the step decides (an item that comes round a
 * loop again takes the edges it took the first time, as the map's forecast does; a rework sends it
 * back only to a step it has been to), and is done
 * where no edge leads on. Items arrive evenly; the history ends at `weeks`, items unfinished.
 */
export function* processHistory(
    process: GeneratedProcess,
    { items, seed, weeks }: HistoryOptions
): Generator<[item: string, status: string, at: string]> {
    const next = random(seed);
    const end = countedWeeks(weeks);
    const steps = new Map(process.steps.map(step => [step.name, step]));
    for (let number = 1; number <= items; number++) {
        const item = new TrackerItem(`${process.name}-${number}`, ((number - next()) / items) * end * 0.9, next);
        const choices = new Map<string, ProcessEdge>();
        const visited = new Set<string>();
        let step: ProcessStep | undefined = process.steps[0];
        while (step) {
            visit(item, step);
            visited.add(step.name);
            step = steps.get(following(process, step.name, item, { choices, visited }));
        }
        item.end('Done');
        for (const row of item.rows.filter(candidate => candidate.countedMs < end)) {
            yield [item.id, row.status, exportTime(row.countedMs)];
        }
    }
}

function visit(item: TrackerItem, step: ProcessStep): void {
    if (!item.chance(step.queue.skipped ?? 0)) {
        item.stay(queueStatus(step.name), step.queue.median, step.queue.spread);
    }
    item.stay(workStatus(step.name), step.work.median, step.work.spread);
}

/** The step after a visit: back along a rework, or on along an edge; '' when the item is done. */
function following(
    process: GeneratedProcess,
    from: string,
    item: TrackerItem,
    { choices, visited }: { choices: Map<string, ProcessEdge>; visited: Set<string> }
): string {
    // A rework sends work back only to a step the item has been to: behind a decision not taken, there is none.
    for (const rework of process.reworks.filter(candidate => candidate.from === from && visited.has(candidate.to))) {
        if (item.chance(rework.rate)) {
            return rework.to;
        }
    }
    const edges = process.edges.filter(edge => edge.from === from);
    if (edges.length === 0) {
        return '';
    }
    if (edges.length === 1) {
        return edges[0].to;
    }
    let chosen = choices.get(from);
    if (!chosen) {
        let u = item.uniform();
        chosen = edges.find(edge => (u -= edge.share!) < 0) ?? edges[edges.length - 1];
        choices.set(from, chosen);
    }
    return chosen.to;
}

/**
 * The process as a map: its steps with their statuses (`queue "Waiting for X"`, `status "Doing
 * X"`), its edges and reworks, and the stream's `done "Done"`, with every figure the update
 * should write left out or wrong (process and wait 1h, rates 50%, no shares).
 */
export function processMap(process: GeneratedProcess): string {
    const lines = [
        'team T "Team"',
        `stream ${process.name} "${process.name}" {`,
        '    recipient "r"  start "s"  end "e"',
        '    done "Done"'
    ];
    for (const step of process.steps) {
        lines.push(
            `    step ${step.name} { owner T  process 1h  wait 1h  queue "${queueStatus(step.name)}"  status "${workStatus(step.name)}" }`
        );
    }
    for (const edge of process.edges) {
        lines.push(`    flow ${edge.from} -> ${edge.to}`);
    }
    for (const rework of process.reworks) {
        lines.push(`    rework ${rework.from} -> ${rework.to} { rate 50% }`);
    }
    lines.push('}', '');
    return lines.join('\n');
}

const stay = (median: number, spread = 0.6, skipped?: number): Stay => ({ median, spread, skipped });

/** The processes of the backtest: each says what it puts the update to. */
export const GENERATED_PROCESSES: GeneratedProcess[] = [
    {
        // A decision, a rework before it, a rework into a step behind it, and a step that repeats.
        name: 'support',
        steps: [
            { name: 'triage', queue: stay(2), work: stay(0.25) },
            { name: 'reproduce', queue: stay(4), work: stay(1.5) },
            { name: 'fix', queue: stay(16, 0.8), work: stay(8) },
            { name: 'review', queue: stay(2), work: stay(1) },
            { name: 'workaround', queue: stay(1), work: stay(0.5) },
            { name: 'confirm', queue: stay(3, 1), work: stay(0.3) }
        ],
        edges: [
            { from: 'triage', to: 'reproduce' },
            { from: 'reproduce', to: 'fix', share: 0.55 },
            { from: 'reproduce', to: 'workaround', share: 0.45 },
            { from: 'fix', to: 'review' },
            { from: 'review', to: 'confirm' },
            { from: 'workaround', to: 'confirm' }
        ],
        reworks: [
            { from: 'reproduce', to: 'triage', rate: 0.25 },
            { from: 'review', to: 'review', rate: 0.2 },
            { from: 'confirm', to: 'fix', rate: 0.1 }
        ]
    },
    {
        // Two decisions in a row, a rare branch, and waits that are often skipped (work picked up at once).
        name: 'hiring',
        steps: [
            { name: 'screen', queue: stay(8, 0.9), work: stay(0.5) },
            { name: 'interview', queue: stay(24, 0.7), work: stay(3) },
            { name: 'reference', queue: stay(8, 0.8, 0.5), work: stay(1) },
            { name: 'offer', queue: stay(4, 0.6, 0.6), work: stay(2) },
            { name: 'reject', queue: stay(2, 0.6, 0.7), work: stay(0.2) }
        ],
        edges: [
            { from: 'screen', to: 'interview', share: 0.4 },
            { from: 'screen', to: 'reject', share: 0.6 },
            { from: 'interview', to: 'reference', share: 0.3 },
            { from: 'interview', to: 'reject', share: 0.7 },
            { from: 'reference', to: 'offer', share: 0.9 },
            { from: 'reference', to: 'reject', share: 0.1 }
        ],
        reworks: [{ from: 'interview', to: 'interview', rate: 0.15 }]
    },
    {
        // A long loop back over most of the stream, with a long tail on its longest step.
        name: 'purchase',
        steps: [
            { name: 'request', queue: stay(1), work: stay(0.5) },
            { name: 'approve', queue: stay(16, 1), work: stay(0.25) },
            { name: 'order', queue: stay(4), work: stay(1) },
            { name: 'receive', queue: stay(40, 0.5), work: stay(0.5) },
            { name: 'pay', queue: stay(8, 0.7), work: stay(0.5) }
        ],
        edges: [
            { from: 'request', to: 'approve' },
            { from: 'approve', to: 'order' },
            { from: 'order', to: 'receive' },
            { from: 'receive', to: 'pay' }
        ],
        reworks: [
            { from: 'approve', to: 'request', rate: 0.3 },
            { from: 'receive', to: 'order', rate: 0.1 }
        ]
    }
];
