/**
 * `vstream measure --update` and the editor's "Update the Map from the Measurement": the
 * measured figures written into the map as edits of its clauses only, so that comments, layout
 * and every other clause stay as they were. Per step, its process and wait per visit (the
 * median, or with `ranges` a range shaped by `range-shapes.ts`); per rework, the rate it was
 * measured at; per step whose history shows a decision, the share of each edge leaving it.
 */
import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { chainSteps, outgoingLinks, reworkBetween } from '../analysis/build-model.js';
import { countOf, durationLiteral, formatPercent } from '../analysis/figures.js';
import { fixedTime, isRange, type TimeSpan } from '../analysis/quantities.js';
import type { StepModel, StreamModel } from '../analysis/stream-model.js';
import { MIN_SAMPLES } from '../measure/drift.js';
import type {
    BranchMeasurement,
    MeasuredTime,
    ReworkMeasurement,
    StepMeasurement,
    StreamMeasurement
} from '../measure/measure-model.js';
import { measuredRange, RANGE_SHAPE, type RangeShape } from '../measure/range-shapes.js';
import { ShareArithmetic } from './decision-shares.js';
import * as ast from './generated/ast.js';
import { shareEdits, type LinkShare } from './share-edits.js';

export interface UpdateOptions {
    /** Write ranges instead of the median. */
    ranges: boolean;
    /** How a range is shaped (the bench compares the shapes; the command writes RANGE_SHAPE). */
    shape?: RangeShape;
}

/** A step whose history shows parallel work at least this often stays parallel: no shares are written. */
export const PARALLEL_SHARE = 0.05;

/** What the update did at one place of a stream (a step, a decision, a rework): "process 6h → 18h", or why it left a figure. */
export interface PlaceUpdate {
    stream: string;
    /** `fix`, `reproduce -> fix`, `rework confirm -> fix`. */
    place: string;
    changes: string[];
    /** Why a figure was left as it is. */
    left: string[];
}

export interface MeasuredUpdate {
    edits: TextEdit[];
    places: PlaceUpdate[];
}

/** The edits of one document: each stream of it that was measured. */
export function measuredUpdate(
    document: LangiumDocument<ast.Document>,
    measured: (stream: string) => StreamMeasurement | undefined,
    model: (stream: ast.Stream) => StreamModel,
    options: UpdateOptions
): MeasuredUpdate {
    const result: MeasuredUpdate = { edits: [], places: [] };
    for (const stream of document.parseResult.value.elements.filter(ast.isStream)) {
        const measurement = measured(stream.name);
        if (!measurement) {
            continue;
        }
        const update = new StreamUpdate(document, stream, model(stream), measurement, options);
        measurement.steps.forEach(step => update.step(step));
        update.decisions(measurement.branches);
        measurement.rework.forEach(rework => update.rework(rework));
        result.edits.push(...update.edits);
        result.places.push(...update.places);
    }
    return result;
}

class StreamUpdate {
    readonly edits: TextEdit[] = [];
    readonly places: PlaceUpdate[] = [];
    private readonly steps: Map<string, ast.Step>;

    constructor(
        private readonly document: LangiumDocument,
        private readonly stream: ast.Stream,
        private readonly model: StreamModel,
        private readonly measurement: StreamMeasurement,
        private readonly options: UpdateOptions
    ) {
        this.steps = new Map(stream.members.filter(ast.isStep).map(step => [step.name, step]));
    }

    step(measured: StepMeasurement): void {
        const node = this.steps.get(measured.step);
        const model = this.model.steps.find(candidate => candidate.name === measured.step);
        if (!node || !model) {
            return;
        }
        const place = this.place(measured.step);
        if (measured.visits < MIN_SAMPLES) {
            place.left.push(
                `${countOf(measured.visits, 'closed visit')}, too few to measure it (${MIN_SAMPLES} at least)`
            );
            return;
        }
        const clauses = new ClauseWriter(this.document, node, node.clauses);
        this.writeProcess(clauses, model, measured.process, place);
        if (model.queues.length === 0) {
            place.left.push(
                'its wait: the step names no `queue` status, so the history cannot tell how long work waits for it'
            );
        } else {
            this.writeWaits(clauses, node, model, measured, place);
        }
        this.edits.push(...clauses.finish());
    }

    /** Each step whose edges the history shows as a decision gets the measured shares, adding up to 100%. */
    decisions(branches: BranchMeasurement[]): void {
        for (const [from, edges] of groupBy(branches, branch => branch.from)) {
            const place = this.place(from);
            const both = edges[0].parallel;
            const shares = edges.map(edge => edge.measured);
            if (both === null || shares.some(share => share === null)) {
                place.left.push(
                    `the shares of its edges: ${countOf(edges[0].samples, 'closed visit')} went on along them, too few to measure them (${MIN_SAMPLES} at least)`
                );
            } else if (both >= PARALLEL_SHARE) {
                const why = `${formatPercent(both)} of its items went on along two or more of them (a decision sends each along one)`;
                // A decision the history does not bear out becomes parallel work: its shares go.
                const removed = this.writeShares(from, new Map(edges.map(edge => [edge.to, undefined])), place);
                if (removed) {
                    place.changes.push(`its edges parallel, no longer a decision: ${why}`);
                } else {
                    place.left.push(`its edges parallel: ${why}`);
                }
            } else {
                const written = percentagesAddingUp(shares as number[]);
                this.writeShares(from, new Map(edges.map((edge, index) => [edge.to, written[index]])), place);
            }
        }
    }

    rework(measured: ReworkMeasurement): void {
        const node = reworkBetween(this.stream.members, measured.from, measured.to);
        if (!node) {
            return;
        }
        const place = this.place(`rework ${measured.from} -> ${measured.to}`);
        // Where the earlier step lies behind a decision, the rework counts only for the items that reached it.
        const rate = measured.reached.measured;
        if (rate === null) {
            place.left.push(
                `its rate: ${countOf(measured.reached.samples, 'closed visit')} of ${measured.from} after one to ${measured.to}, too few to measure it (${MIN_SAMPLES} at least)`
            );
            return;
        }
        const text = percentText(Math.min(rate, MAX_RATE) * 100);
        const clauses = new ClauseWriter(this.document, node, node.clauses);
        const note =
            measured.measured !== null && Math.abs(measured.measured - rate) >= 0.0005
                ? ` (of the visits after one to ${measured.to}; ${formatPercent(measured.measured)} of all)`
                : '';
        clauses.set(node.clauses.find(ast.isRateClause), 'rate', text, place, note);
        this.edits.push(...clauses.finish());
    }

    private writeProcess(clauses: ClauseWriter, model: StepModel, measured: MeasuredTime, place: PlaceUpdate): void {
        const time = this.timeOf(measured, 1);
        if (!time) {
            return;
        }
        const clause = (clauses.node as ast.Step).clauses.find(ast.isProcessClause);
        if (!clause || !sameTime(time, model.process, isRange(model.process) === this.options.ranges)) {
            clauses.set(clause, 'process', durationLiteral(time, this.model.workdayHours), place);
        }
    }

    /**
     * The measured wait is the time in the queue statuses. Of it, the step's inventory (counted in
     * its wait) and the waits of the handoffs and reworks that bring the work (the history counts
     * them in the queue too) stay as the map has them; the step's waits share the rest in the
     * proportions the map gives them.
     */
    private writeWaits(
        clauses: ClauseWriter,
        node: ast.Step,
        model: StepModel,
        { wait: measured, visits }: StepMeasurement,
        place: PlaceUpdate
    ): void {
        if (measured.p50 === null) {
            return;
        }
        const inventory = model.inventory?.hours ?? 0;
        const arriving = this.arrivingWait(model, visits);
        const kept = lessOf(measured, inventory + arriving);
        const note =
            arriving > 0
                ? ` (less the ${durationLiteral(fixedTime(arriving), this.model.workdayHours)} a visit waits on its way in, which the history counts in the queue and the map in its handoffs and reworks)`
                : '';
        const waits = node.clauses.filter(ast.isStepWait);
        if (waits.length === 0) {
            const time = this.timeOf(kept, 1);
            if (time && time.likely > 0) {
                clauses.set(undefined, 'wait', durationLiteral(time, this.model.workdayHours), place, note);
            }
        }
        const mapped = model.waits.map(wait => wait.hours);
        const mappedTotal = mapped.reduce((sum, hours) => sum + hours, 0);
        waits.forEach((wait, index) => {
            const share = mappedTotal > 0 ? mapped[index] / mappedTotal : index === 0 ? 1 : 0;
            const time = this.timeOf(kept, share);
            const current = model.waits[index].time;
            if (time && !sameTime(time, current, isRange(current) === this.options.ranges)) {
                const qualifier = wait.cause ? ` on ${wait.cause.$refText}` : '';
                clauses.set(wait, 'wait', durationLiteral(time, this.model.workdayHours), place, note, qualifier);
            }
        });
        if (inventory > measured.p50) {
            place.left.push('its inventory, which stands for more than the whole measured wait');
        }
    }

    /**
     * What a visit to the step waits on its way in, on average: a visit that comes back along a
     * rework waits that rework's wait, any other the least of its incoming edges' waits (every
     * path in has that much).
     */
    private arrivingWait(step: StepModel, visits: number): number {
        const incoming = this.model.edges.filter(edge => edge.to === step.index && !edge.cycle);
        const edgeWait = incoming.length === 0 ? 0 : Math.min(...incoming.map(edge => edge.waitTime));
        let returning = 0,
            reworkWait = 0;
        for (const rework of this.model.reworks.filter(candidate => candidate.to === step.index)) {
            const measured = this.measurement.rework.find(
                found => found.from === this.model.steps[rework.from].name && found.to === step.name
            );
            const share =
                visits > 0 && measured?.measured != null ? (measured.measured * measured.samples) / visits : 0;
            returning += share;
            reworkWait += share * rework.waitTime;
        }
        return reworkWait + Math.max(0, 1 - returning) * edgeWait;
    }

    /** A share of the measured figure; null when nothing was measured. */
    private timeOf(measured: MeasuredTime, share: number): TimeSpan | null {
        const range = this.options.ranges ? measuredRange(measured, this.options.shape ?? RANGE_SHAPE) : null;
        if (measured.p50 === null || (this.options.ranges && !range)) {
            return null;
        }
        const part = (hours: number) => Math.max(0, hours * share);
        return range
            ? { low: part(range.low), likely: part(range.likely), high: part(range.high) }
            : fixedTime(part(measured.p50));
    }

    /**
     * Gives the step's edges the shares `wanted` names by target (undefined: none; share-edits.ts
     * splits a chain whose links must differ); whether anything changed.
     */
    private writeShares(from: string, wanted: Map<string, string | undefined>, place: PlaceUpdate): boolean {
        const step = this.steps.get(from);
        const links = (step && outgoingLinks(this.stream.members).get(step)) ?? [];
        const shares: LinkShare[] = [];
        for (const link of links) {
            const to = chainSteps(link.declaration)[link.position + 1]?.$refText;
            const share = wanted.get(to);
            if (!wanted.has(to) || share === link.share) {
                continue;
            }
            shares.push({ declaration: link.declaration, position: link.position, share });
            place.changes.push(
                link.share === undefined
                    ? `-> ${to}: share ${share} (added)`
                    : share === undefined
                      ? `-> ${to}: share ${link.share} (removed)`
                      : `-> ${to}: share ${link.share} → ${share}`
            );
        }
        this.edits.push(...shareEdits(this.document, shares));
        return shares.length > 0;
    }

    private place(name: string): PlaceUpdate {
        let place = this.places.find(candidate => candidate.place === name);
        if (!place) {
            place = { stream: this.stream.name, place: name, changes: [], left: [] };
            this.places.push(place);
        }
        return place;
    }
}

/** What was measured, less a part the map gives elsewhere: every figure but the spread moves down by it (not below 0). */
function lessOf(measured: MeasuredTime, hours: number): MeasuredTime {
    if (hours === 0) {
        return measured;
    }
    const less = (value: number) => Math.max(0, value - hours);
    const spread = measured.spread && {
        ...measured.spread,
        p10: less(measured.spread.p10),
        p15: less(measured.spread.p15),
        p25: less(measured.spread.p25),
        p75: less(measured.spread.p75),
        p90: less(measured.spread.p90),
        p95: less(measured.spread.p95),
        mean: less(measured.spread.mean)
    };
    return {
        ...measured,
        p50: measured.p50 === null ? null : less(measured.p50),
        p85: measured.p85 === null ? null : less(measured.p85),
        spread
    };
}

/** A rework rate stays below 100% (a rate of 100% never lets work through). */
const MAX_RATE = 0.995;

/**
 * Writes clauses of one node: a clause that is there gets its value replaced where it stands;
 * those the node lacks are added together at the end of its body, or in a new body.
 */
class ClauseWriter {
    private readonly edits: TextEdit[] = [];
    private readonly added: string[] = [];

    constructor(
        private readonly document: LangiumDocument,
        readonly node: AstNode,
        private readonly clauses: AstNode[]
    ) {}

    /**
     * `keyword value` for this clause (or a new one); `note` explains the change, `qualifier` tells
     * the clause from others of its keyword (` on IT`).
     */
    set(
        clause: AstNode | undefined,
        keyword: string,
        value: string,
        place: PlaceUpdate,
        note = '',
        qualifier = ''
    ): void {
        if (!clause) {
            this.added.push(`${keyword} ${value}`);
            place.changes.push(`${keyword} ${value} (added)${note}`);
            return;
        }
        const property = GrammarUtils.findNodeForProperty(
            clause.$cstNode,
            keyword === 'rate' || keyword === 'share' ? 'percentage' : 'duration'
        );
        if (!property || property.text === value) {
            return;
        }
        this.edits.push({ range: property.range, newText: value });
        place.changes.push(`${keyword} ${property.text}${qualifier} → ${value}${note}`);
    }

    /** The edits, with the added clauses after the last clause: on a line of their own when the body spans lines. */
    finish(): TextEdit[] {
        if (this.added.length > 0) {
            this.edits.push(this.insertion(this.added.join('  ')));
        }
        return this.edits;
    }

    private insertion(clauses: string): TextEdit {
        const node = this.node.$cstNode!;
        const open = GrammarUtils.findNodeForKeyword(node, '{');
        const close = GrammarUtils.findNodeForKeyword(node, '}');
        const last = this.clauses.at(-1)?.$cstNode;
        if (!open || !close) {
            return insertAfter(node, ` { ${clauses} }`);
        }
        if (!last) {
            return insertAfter(open, ` ${clauses}`);
        }
        if (last.range.end.line === close.range.start.line) {
            return insertAfter(last, `  ${clauses}`);
        }
        return insertAfter(last, `\n${this.indentOf(last)}${clauses}`);
    }

    private indentOf(node: CstNode): string {
        const line = this.document.textDocument.getText({
            start: { line: node.range.start.line, character: 0 },
            end: node.range.start
        });
        return /^[ \t]*/.exec(line)![0];
    }
}

/** Shares as percentages of one decimal that add up to exactly 100 (the largest remainders get the last tenths). */
export function percentagesAddingUp(shares: number[]): string[] {
    const arithmetic = new ShareArithmetic([], 1);
    return arithmetic.apportion(arithmetic.hundred, shares).map(units => arithmetic.text(units));
}

function percentText(percent: number): string {
    return `${Number(percent.toFixed(1))}%`;
}

/** Within the rounding of a written figure (three significant digits), and of the same kind: range or not. */
function sameTime(a: TimeSpan, b: TimeSpan, sameKind: boolean): boolean {
    const close = (x: number, y: number) => Math.abs(x - y) <= 0.005 * Math.max(Math.abs(x), Math.abs(y));
    return sameKind && close(a.low, b.low) && close(a.likely, b.likely) && close(a.high, b.high);
}

function insertAfter(node: CstNode, text: string): TextEdit {
    const at: Range = { start: node.range.end, end: node.range.end };
    return { range: at, newText: text };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    }
    return groups;
}
