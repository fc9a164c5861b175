/**
 * Random value stream maps for property tests: a few steps joined forward (so the flow graph is
 * acyclic), forks and joins, fixed times and ranges, inventory with a demand, rework loops
 * (some of one step), and, when asked, decisions with shares that add up, or shares that are
 * broken. Seeded, so a failure names the map that shows it.
 */
import { RandomNumbers } from '../../src/analysis/random.js';

export interface RandomMapOptions {
    /** Give some forks shares (decisions), and some single edges a share of 100%. */
    decisions?: boolean;
    /**
     * With decisions: break some of them (a share changed or left out, a share on a parallel edge
     * or on a rework) and join some edges into chains (whose body is every link's share).
     */
    brokenShares?: boolean;
}

/** A `handoff` or `flow` statement: its steps (a chain when more than two), its clauses but the share, and its share. */
interface EdgeStatement {
    kind: 'handoff' | 'flow';
    steps: number[];
    clauses: string[];
    share?: string;
}

export function randomMap(seed: number, { decisions = false, brokenShares = false }: RandomMapOptions = {}): string {
    const random = new RandomNumbers(seed);
    const pick = (n: number) => Math.floor(random.next() * n);
    const chance = (p: number) => random.next() < p;
    const steps = 2 + pick(9);
    const lines = ['team A', 'team B', 'stream s {', '    recipient "r" start "s" end "e"'];
    if (chance(0.3)) {
        lines.push(`    demand ${1 + pick(20)} per d`);
    }
    const duration = (max: number) => {
        const unit = ['m', 'h', 'd'][pick(3)];
        const low = 1 + pick(max);
        if (chance(0.3)) {
            const likely = low + pick(max);
            return `${low}${unit}..${likely}${unit}..${likely + pick(max)}${unit}`;
        }
        return chance(0.2) ? `${low}${unit}..${low + 1 + pick(max)}${unit}` : `${low}${unit}`;
    };
    for (let step = 0; step < steps; step++) {
        const clauses = [`owner ${chance(0.5) ? 'A' : 'B'}`, `process ${duration(8)}`];
        if (chance(0.6)) {
            clauses.push(`wait ${duration(5)}`);
        }
        if (chance(0.2)) {
            clauses.push(`wait ${duration(3)} on B`);
        }
        if (chance(0.15)) {
            clauses.push(`inventory ${pick(30)}`);
        }
        if (chance(0.2)) {
            clauses.push(`complete ${50 + pick(50)}%`);
        }
        lines.push(`    step s${step} { ${clauses.join('  ')} }`);
    }
    // Every step but the first has an edge from an earlier one; a few more edges make forks and joins.
    const edges: Array<[number, number]> = [];
    for (let step = 1; step < steps; step++) {
        edges.push([pick(step), step]);
    }
    for (let extra = pick(steps); extra > 0; extra--) {
        const from = pick(steps - 1);
        const to = from + 1 + pick(steps - from - 1);
        if (!edges.some(([a, b]) => a === from && b === to)) {
            edges.push([from, to]);
        }
    }
    const shares = decisions ? sharesOf(edges, random) : new Map<number, string>();
    const statements = edges.map(([from, to], index): EdgeStatement => {
        const share = shares.get(index);
        const wait = chance(0.5) ? [`wait ${duration(4)}`] : [];
        const handoff = (wait.length > 0 || share !== undefined) && (share === undefined || chance(0.5));
        return handoff
            ? { kind: 'handoff', steps: [from, to], clauses: ['carries "x"', ...wait], share }
            : { kind: 'flow', steps: [from, to], clauses: [], share };
    });
    lines.push(...(brokenShares ? chained(breakShares(statements, random), random) : statements).map(statementLine));
    for (let rework = pick(3); rework > 0; rework--) {
        const to = pick(steps);
        const from = to + pick(steps - to);
        const wait = chance(0.5) ? ` wait ${duration(3)}` : '';
        const clauses = `rate ${5 + pick(40)}%${wait}`;
        lines.push(`    rework s${from} -> s${to} { ${brokenShares ? reworkWithShare(clauses, random) : clauses} }`);
    }
    lines.push('}');
    return lines.join('\n');
}

function statementLine({ kind, steps, clauses, share }: EdgeStatement): string {
    const body = [...clauses, ...(share === undefined ? [] : [`share ${share}`])];
    const header = `    ${kind} ${steps.map(step => `s${step}`).join(' -> ')}`;
    return body.length > 0 ? `${header} { ${body.join(' ')} }` : header;
}

/** Some shares changed or left out, and some edges without one given one. */
function breakShares(statements: EdgeStatement[], random: RandomNumbers): EdgeStatement[] {
    return statements.map(statement => {
        const dice = random.next();
        const share = `${Math.floor(random.next() * 101)}%`;
        if (statement.share === undefined) {
            return dice < 0.15 ? { ...statement, share } : statement;
        }
        return dice < 0.2 ? { ...statement, share } : dice < 0.4 ? { ...statement, share: undefined } : statement;
    });
}

/** Some edges joined to an edge of the same kind that leaves where they arrive, as one chain with the first one's body. */
function chained(statements: EdgeStatement[], random: RandomNumbers): EdgeStatement[] {
    const joined: EdgeStatement[] = [];
    const left = [...statements];
    while (left.length > 0) {
        const statement = left.shift()!;
        const next = left.findIndex(
            candidate => candidate.kind === statement.kind && candidate.steps[0] === statement.steps.at(-1)
        );
        if (next >= 0 && random.next() < 0.5) {
            left.unshift({ ...statement, steps: [...statement.steps, ...left.splice(next, 1)[0].steps.slice(1)] });
        } else {
            joined.push(statement);
        }
    }
    return joined;
}

/** A rework's clauses, sometimes with a share beside its rate or instead of it. */
function reworkWithShare(clauses: string, random: RandomNumbers): string {
    const dice = random.next();
    const share = `share ${random.next() < 0.2 ? 100 : Math.floor(random.next() * 100)}%`;
    return dice < 0.2 ? `${clauses} ${share}` : dice < 0.4 ? clauses.replace(/rate/, 'share') : clauses;
}

/** Shares for some steps with several outgoing edges (adding up to 100%), and 100% for some single ones. */
function sharesOf(edges: Array<[number, number]>, random: RandomNumbers): Map<number, string> {
    const shares = new Map<number, string>();
    const outgoing = new Map<number, number[]>();
    edges.forEach(([from], index) => outgoing.set(from, [...(outgoing.get(from) ?? []), index]));
    for (const out of outgoing.values()) {
        if (random.next() < 0.4) {
            continue;
        }
        const weights = out.map(() => Math.floor(random.next() * 10));
        const total = weights.reduce((sum, weight) => sum + weight, 0);
        let left = 100;
        out.forEach((edge, index) => {
            const share =
                index === out.length - 1 ? left : total === 0 ? 0 : Math.floor((100 * weights[index]) / total);
            left -= share;
            shares.set(edge, `${share}%`);
        });
    }
    return shares;
}
