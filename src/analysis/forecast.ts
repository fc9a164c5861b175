/**
 * The forecast: a stream's lead time as a distribution rather than one figure. Each trial
 * draws every time of the map from its range and every rework's extra passes from its rate,
 * then takes the longest path; many trials give the percentiles, the chance to meet the
 * target, how often each step is critical, and which waits are worth halving.
 *
 * A plan of flat typed arrays is made once per stream; the trials run over it without
 * allocating. Work comes in chunks (`forecastRun`), so that the language server can yield
 * between them and drop a forecast that a newer build makes stale.
 */
import { formatDuration, formatTime } from './figures.js';
import { FlowGraph } from './flow-graph.js';
import type { TimeSpan } from './quantities.js';
import { MAX_SEED, RandomNumbers } from './random.js';
import type { Party, StepModel, StreamModel } from './stream-model.js';

export { MAX_SEED } from './random.js';

/** How many trials a forecast runs: 10,000 unless asked otherwise, from 1 to a million. */
export const FORECAST_TRIALS = { default: 10_000, min: 1, max: 1_000_000 } as const;
export const DEFAULT_SEED = 1;

/** How many waits worth halving are shown: the command's what-ifs, the card's and the editor's. */
export const SHOWN_HALVED_WAITS = 5;

/**
 * The forecast the editor and the stream card run: the command's defaults with the waits worth
 * halving, so that a card generated in the editor and by `vstream doc` read the same.
 */
export const STANDARD_FORECAST = {
    trials: FORECAST_TRIALS.default,
    seed: DEFAULT_SEED,
    halvedWaits: SHOWN_HALVED_WAITS
} as const satisfies ForecastOptions;

export interface ForecastOptions {
    /** Trials to run, FORECAST_TRIALS.min to .max (default 10,000). */
    trials?: number;
    /** 0 to MAX_SEED (default 1): the same seed gives the same forecast. */
    seed?: number;
    /**
     * How many what-ifs to report: the waits whose halving lowers p85 the most. Each wait tried
     * costs up to one more longest path per trial (and the first 1,000 trials run once more to
     * pick the waits to try). 0, the default, tries none.
     */
    halvedWaits?: number;
}

/** A wait of the map, as a what-if names it: indices into the model's steps, edges and reworks. */
export type WaitPlace =
    /** `steps[step].waits[wait]`. */
    | { kind: 'wait'; step: number; wait: number }
    /** The inventory in front of `steps[step]`, as time with the stream's demand. */
    | { kind: 'inventory'; step: number }
    /** The wait of the handoff `edges[edge]`. */
    | { kind: 'handoff'; edge: number }
    /** The own wait of `reworks[rework]`, before the work re-enters its earlier step. */
    | { kind: 'rework'; rework: number };

export interface HalvedWait {
    wait: WaitPlace;
    /** The p85 of the lead time with this wait halved, in hours, from the same trials (same seed). */
    p85: number;
}

/** Every figure in hours. */
export interface Forecast {
    trials: number;
    seed: number;
    p50: number;
    p85: number;
    p95: number;
    mean: number;
    min: number;
    max: number;
    /** The stream's target, or null. */
    target: number | null;
    /** The share of trials whose lead time is within the target; null without one. */
    chanceWithinTarget: number | null;
    /** Per step, in the model's order: the share of trials in which it was on the longest path. */
    criticality: number[];
    /** Per step, in the model's order: the share of trials in which it exists (1 without decisions). */
    reached: number[];
    /** Every trial's lead time, ascending: what the percentiles and the histogram are read from. */
    leadTimes: Float64Array;
    /** The waits whose halving lowers p85 the most, best first; each lowers it (empty unless asked for). */
    halvedWaits: HalvedWait[];
}

/** How far a forecast has come: trials run so far, of all it will run (what-ifs included). */
export interface ForecastProgress {
    trialsRun: number;
    trialsInAll: number;
}

/** The whole forecast at once: for the command line and tests. */
export function forecastStream(model: StreamModel, options: ForecastOptions = {}): Forecast {
    const run = forecastRun(model, options);
    for (;;) {
        const next = run.next();
        if (next.done) {
            return next.value;
        }
    }
}

/**
 * The forecast in chunks of a few milliseconds, giving the event loop a turn between them: for
 * the language server. Rejects with the signal's reason once it is aborted.
 */
export async function forecastStreamAsync(
    model: StreamModel,
    options: ForecastOptions & { signal?: AbortSignal } = {}
): Promise<Forecast> {
    const run = forecastRun(model, options);
    for (;;) {
        options.signal?.throwIfAborted();
        const next = run.next();
        if (next.done) {
            return next.value;
        }
        await nextTurn();
    }
}

/** A turn of the event loop for others (in a browser too, which has no setImmediate). */
export function nextTurn(): Promise<void> {
    return new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve)));
}

/**
 * The forecast as a generator: each `next()` runs a chunk of trials and yields the progress;
 * the last returns the forecast. For callers that schedule the chunks themselves (with a
 * cancellation token between them, say). Options out of their bounds throw a RangeError.
 */
export function* forecastRun(
    model: StreamModel,
    options: ForecastOptions = {}
): Generator<ForecastProgress, Forecast, void> {
    const trials = checkedOption(
        'trials',
        options.trials,
        FORECAST_TRIALS.default,
        FORECAST_TRIALS.min,
        FORECAST_TRIALS.max
    );
    const seed = checkedOption('seed', options.seed, DEFAULT_SEED, 0, MAX_SEED);
    const halvedWaits = checkedOption('halvedWaits', options.halvedWaits, 0, 0, Number.MAX_SAFE_INTEGER);
    const plan = makePlan(model);
    const screening = halvedWaits > 0 && plan.waitSources.length > 0 ? Math.min(trials, SCREENING_TRIALS) : 0;
    const progress: ForecastProgress = { trialsRun: 0, trialsInAll: screening + trials };

    let candidates: number[] = [];
    if (screening > 0) {
        const screen = new Trials(plan, screening, seed);
        yield* runAll(screen, progress);
        // Only a wait on the longest path shortens it, so its hours there bound what halving it gains.
        candidates = plan.waitSources
            .filter(source => screen.criticalHours[source] > 0)
            .sort((a, b) => screen.criticalHours[b] - screen.criticalHours[a])
            .slice(0, halvedWaits + EXTRA_CANDIDATES);
    }
    const run = new Trials(plan, trials, seed, candidates);
    yield* runAll(run, progress);
    const forecast = summarise(model, run, seed);
    forecast.halvedWaits = candidates
        .map((source, rank) => ({
            wait: plan.places[source]!,
            p85: percentile(run.halvedLeadTimes[rank].sort(), 0.85),
            rank
        }))
        .filter(halved => halved.p85 < forecast.p85)
        .sort((a, b) => a.p85 - b.p85 || a.rank - b.rank)
        .slice(0, halvedWaits)
        .map(({ wait, p85 }) => ({ wait, p85 }));
    return forecast;
}

/** Trials that rank the waits before the what-ifs: the first of the forecast's own, enough to tell the waits that matter. */
const SCREENING_TRIALS = 1000;
/** Waits tried beyond those reported: the ranking follows the mean, and p85 may order them otherwise. */
const EXTRA_CANDIDATES = 3;

function checkedOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
    if (value === undefined) {
        return fallback;
    }
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new RangeError(`${name} is a whole number from ${min} to ${max}, not ${value}`);
    }
    return value;
}

/**
 * Trial work per chunk (times drawn, places and edges looked at): about 10 ms on the
 * project's machine, short enough for the server to drop a stale forecast promptly, long
 * enough that yielding (at least 4 ms in a browser, which clamps timers) costs little.
 */
const WORK_PER_CHUNK = 1_000_000;

function* runAll(trials: Trials, progress: ForecastProgress): Generator<ForecastProgress, void, void> {
    const perChunk = Math.max(1, Math.floor(WORK_PER_CHUNK / trials.workPerTrial));
    while (!trials.finished) {
        progress.trialsRun += trials.run(perChunk);
        yield { ...progress };
    }
}

/** The p-quantile (0–1) of ascending values, interpolated linearly between the closest ranks as numpy does by default (SQL's quantile_cont). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
    if (sorted.length === 0) {
        return Number.NaN;
    }
    const rank = (sorted.length - 1) * p;
    const lower = Math.floor(rank);
    const upper = Math.min(lower + 1, sorted.length - 1);
    const fraction = rank - lower;
    const below = sorted[lower],
        above = sorted[upper];
    // numpy interpolates from the nearer end, which keeps the result within the two values.
    return fraction < 0.5 ? below + (above - below) * fraction : above - (above - below) * (1 - fraction);
}

export interface LeadTimeBin {
    /** Hours where the bin starts and ends; the last bin holds its end too. */
    from: number;
    to: number;
    trials: number;
}

/**
 * The trials' lead times in `bins` bins of equal width from the shortest to the longest: one bin
 * when they are all equal. With `upTo`, the bins end there and the last holds every longer
 * trial too, so that a long tail of rework does not squeeze the rest into a few bins.
 */
export function leadTimeHistogram(
    forecast: Pick<Forecast, 'leadTimes'>,
    bins = 20,
    upTo = Number.POSITIVE_INFINITY
): LeadTimeBin[] {
    const times = forecast.leadTimes;
    if (times.length === 0) {
        return [];
    }
    const min = times[0],
        max = Math.max(min, Math.min(times[times.length - 1], upTo));
    const count = max > min ? Math.max(1, Math.floor(bins)) : 1;
    const width = (max - min) / count;
    const histogram = Array.from({ length: count }, (_, bin) => ({
        from: min + bin * width,
        to: bin === count - 1 ? max : min + (bin + 1) * width,
        trials: 0
    }));
    for (const time of times) {
        histogram[width > 0 ? Math.min(count - 1, Math.floor((time - min) / width)) : 0].trials++;
    }
    return histogram;
}

/** How a description names steps and the teams or systems waited on: by their names unless told otherwise. */
export interface Naming {
    step: (step: StepModel) => string;
    party: (party: Party) => string;
}

const BY_NAME: Naming = { step: step => step.name, party: party => party.name };

/** A wait as people find it on the map: "sign: wait 1–3 d on Billing", "quote -> sign: wait 2 h". */
export function describeWait(model: StreamModel, place: WaitPlace, naming: Naming = BY_NAME): string {
    const stepName = (step: number) => naming.step(model.steps[step]);
    const wait = (time: TimeSpan) => `wait ${formatTime(time, model.workdayHours)}`;
    switch (place.kind) {
        case 'wait': {
            const stepWait = model.steps[place.step].waits[place.wait];
            return `${stepName(place.step)}: ${wait(stepWait.time)}${stepWait.cause ? ` on ${naming.party(stepWait.cause)}` : ''}`;
        }
        case 'inventory': {
            const inventory = model.steps[place.step].inventory!;
            return `${stepName(place.step)}: inventory ${inventory.items} (${formatDuration(inventory.hours, model.workdayHours)})`;
        }
        case 'handoff': {
            const edge = model.edges[place.edge];
            return `${stepName(edge.from)} -> ${stepName(edge.to)}: ${wait(edge.wait)}`;
        }
        case 'rework': {
            const rework = model.reworks[place.rework];
            return `rework ${stepName(rework.from)} -> ${stepName(rework.to)}: ${wait(rework.wait)}`;
        }
    }
}

const FIXED = 0,
    UNIFORM = 1,
    TRIANGULAR = 2;

/**
 * A stream made ready for trials. Steps and edges are *places* 0..steps−1 and
 * steps..steps+edges−1. Every time of the map is a *source* that adds to a place: a step's
 * waits, inventory and process, in the order the figures add them, then the handoffs' waits;
 * the reworks' own waits come last. Fixed times are added up once, in that order, so that a
 * stream without ranges gives exactly its lead time.
 */
interface Plan {
    graph: FlowGraph;
    /** Per edge, the step it leads to (the model's edges differ in shape, which makes reading them slow). */
    edgeTarget: Int32Array;
    stepCount: number;
    placeCount: number;
    sourceCount: number;
    /** Sources before this one add to a place; from it on, one per rework with a rate: its own wait. */
    firstReworkSource: number;
    low: Float64Array;
    likely: Float64Array;
    high: Float64Array;
    shape: Uint8Array;
    /** The place each source adds to; for a rework's wait, the step the work re-enters. */
    target: Int32Array;
    /** Per place, its fixed sources added up. */
    fixedTime: Float64Array;
    /** The place sources that are ranges, drawn in every trial. */
    drawnSources: Int32Array;
    /** For each source that is a wait, where it is on the map (process times have none). */
    places: Array<WaitPlace | undefined>;
    /** The sources a what-if may halve: every wait that can be more than nothing. */
    waitSources: number[];
    /** The wait sources of place p are `placeWaits[placeWaitStart[p]]` up to `placeWaitStart[p + 1]`, excluded. */
    placeWaitStart: Int32Array;
    placeWaits: Int32Array;
    /** Per rework with a rate: the rate, and its loop's places, `loopPlaces[loopStart[r]]` up to `loopStart[r + 1]`. */
    rate: Float64Array;
    loopStart: Int32Array;
    loopPlaces: Int32Array;
    /** Every place in some loop, once. */
    loopMembers: Int32Array;
    /** The decisions, when the stream has some: what each trial draws, and the loops its choices change. */
    decisions?: DecisionPlan;
}

/**
 * Each trial draws one edge per decision and takes only those and the edges that are no
 * decision's: the other steps do not exist in it. A rework counts when both its steps exist; a
 * loop with a decision's edge in it shrinks to the paths the trial's choices leave.
 */
interface DecisionPlan {
    /** Decision d's edges are `edges[start[d]]` up to `start[d + 1]`, each with the chance of it and those before it. */
    start: Int32Array;
    edges: Int32Array;
    cumulative: Float64Array;
    /** Per rework with a rate: the steps it goes from and back to. */
    reworkFrom: Int32Array;
    reworkTo: Int32Array;
    /** Per rework with a rate: whether a decision's edge lies in its loop, so that the trial's loop must be found again. */
    loopDecided: Uint8Array;
    /** Per rework with a rate: its loop's steps in topological order, `loopSteps[loopStepStart[r]]` up to `loopStepStart[r + 1]`. */
    loopStepStart: Int32Array;
    loopSteps: Int32Array;
    edgeFrom: Int32Array;
}

function makePlan(model: StreamModel): Plan {
    const graph = new FlowGraph(model.steps.length, model.edges);
    const stepCount = model.steps.length;
    const placeCount = stepCount + model.edges.length;
    const spans: TimeSpan[] = [];
    const target: number[] = [];
    const places: Array<WaitPlace | undefined> = [];
    const add = (span: TimeSpan, place: number, where?: WaitPlace) => {
        spans.push(inOrder(span));
        target.push(place);
        places.push(where);
    };
    model.steps.forEach((step, index) => {
        step.waits.forEach((stepWait, wait) => add(stepWait.time, index, { kind: 'wait', step: index, wait }));
        const inventory = step.inventory?.hours ?? 0;
        add({ low: inventory, likely: inventory, high: inventory }, index, { kind: 'inventory', step: index });
        add(step.process, index);
    });
    model.edges.forEach((edge, index) => add(edge.wait, stepCount + index, { kind: 'handoff', edge: index }));
    const firstReworkSource = spans.length;

    const reworks = model.reworks.filter(rework => rework.rate !== undefined);
    const loopStart = [0];
    const loopPlaces: number[] = [];
    const loops = reworks.map(rework => graph.loopBetween(rework.to, rework.from));
    reworks.forEach((rework, index) => {
        loopPlaces.push(...loops[index].steps, ...loops[index].edges.map(edge => stepCount + edge));
        loopStart.push(loopPlaces.length);
        add(rework.wait, rework.to, { kind: 'rework', rework: rework.index });
    });

    const shape = spans.map(span => (span.low === span.high ? FIXED : span.uniform ? UNIFORM : TRIANGULAR));
    const fixedTime = new Float64Array(placeCount);
    for (let source = 0; source < firstReworkSource; source++) {
        if (shape[source] === FIXED) {
            fixedTime[target[source]] += spans[source].likely;
        }
    }
    const waitSources = places.flatMap((place, source) => (place && spans[source].high > 0 ? [source] : []));
    const placeWaits = [...waitSources].sort((a, b) => target[a] - target[b] || a - b);
    const placeWaitStart = new Int32Array(placeCount + 1);
    for (const source of placeWaits) {
        placeWaitStart[target[source] + 1]++;
    }
    for (let place = 0; place < placeCount; place++) {
        placeWaitStart[place + 1] += placeWaitStart[place];
    }
    return {
        graph,
        edgeTarget: Int32Array.from(model.edges, edge => edge.to),
        stepCount,
        placeCount,
        sourceCount: spans.length,
        firstReworkSource,
        low: Float64Array.from(spans, span => span.low),
        likely: Float64Array.from(spans, span => span.likely),
        high: Float64Array.from(spans, span => span.high),
        shape: Uint8Array.from(shape),
        target: Int32Array.from(target),
        fixedTime,
        drawnSources: Int32Array.from(
            shape.slice(0, firstReworkSource).flatMap((kind, source) => (kind === FIXED ? [] : [source]))
        ),
        places,
        waitSources,
        placeWaitStart,
        placeWaits: Int32Array.from(placeWaits),
        rate: Float64Array.from(reworks, rework => rework.rate!),
        loopStart: Int32Array.from(loopStart),
        loopPlaces: Int32Array.from(loopPlaces),
        loopMembers: Int32Array.from(new Set(loopPlaces)),
        decisions: model.decisions.length > 0 ? decisionPlan(model, reworks, loops) : undefined
    };
}

function decisionPlan(
    model: StreamModel,
    reworks: StreamModel['reworks'],
    loops: Array<{ steps: number[]; edges: number[] }>
): DecisionPlan {
    const start = [0];
    const edges: number[] = [];
    const cumulative: number[] = [];
    for (const decision of model.decisions) {
        let sum = 0;
        decision.edges.forEach((edge, index) => {
            sum += decision.chances[index];
            edges.push(edge);
            cumulative.push(sum);
        });
        // The last edge takes whatever rounding leaves.
        cumulative[cumulative.length - 1] = 1;
        start.push(edges.length);
    }
    const decided = new Set(edges);
    const loopStepStart = [0];
    const loopSteps: number[] = [];
    for (const loop of loops) {
        loopSteps.push(...loop.steps);
        loopStepStart.push(loopSteps.length);
    }
    return {
        start: Int32Array.from(start),
        edges: Int32Array.from(edges),
        cumulative: Float64Array.from(cumulative),
        reworkFrom: Int32Array.from(reworks, rework => rework.from),
        reworkTo: Int32Array.from(reworks, rework => rework.to),
        loopDecided: Uint8Array.from(loops, loop => (loop.edges.some(edge => decided.has(edge)) ? 1 : 0)),
        loopStepStart: Int32Array.from(loopStepStart),
        loopSteps: Int32Array.from(loopSteps),
        edgeFrom: Int32Array.from(model.edges, edge => edge.from)
    };
}

/** A range written out of order (reported as `invalid-range`) is still drawn: from its parts in order. */
function inOrder(span: TimeSpan): TimeSpan {
    if (span.low <= span.likely && span.likely <= span.high) {
        return span;
    }
    const [low, likely, high] = [span.low, span.likely, span.high].sort((a, b) => a - b);
    return { low, likely, high, uniform: span.uniform };
}

/** Turns the seed into the seed of the decisions' numbers (the golden ratio's bits: far from the seed). */
const CHOICES_SEED_MIX = 0x9e3779b9;

/**
 * One run of trials over a plan, every buffer made up front. With candidate waits, each trial
 * also gives the lead time with each of them halved, from the same draws: when the wait is
 * off the trial's longest path, halving it changes nothing; on it, the path is found again.
 */
class Trials {
    readonly leadTimes: Float64Array;
    /** Per step: the trials in which it was critical. */
    readonly criticalCount: Float64Array;
    /** Per source: its hours on the longest path, added up over the trials. */
    readonly criticalHours: Float64Array;
    /** Per candidate: each trial's lead time with that wait halved. */
    readonly halvedLeadTimes: Float64Array[];
    /** Times drawn, places and loop members looked at in one trial: what a chunk is measured in. */
    readonly workPerTrial: number;
    private done = 0;
    private readonly random: RandomNumbers;
    /**
     * The decisions draw from numbers of their own, so that the times of a trial stay those of
     * the same stream without decisions: shares of 100% leave a forecast exactly as it was.
     */
    private readonly choices?: RandomNumbers;
    private readonly time: Float64Array;
    private readonly stepTime: Float64Array;
    private readonly edgeTime: Float64Array;
    /** Per place, what the loops multiply it by in this trial (1 outside them). */
    private readonly factor: Float64Array;
    /** Per source, its hours in this trial (a rework's wait: times the extra passes). */
    private readonly drawn: Float64Array;
    private readonly best: Float64Array;
    private readonly bestEdge: Int32Array;
    /** The trial in which each place was last critical, so that nothing needs clearing between trials. */
    private readonly criticalIn: Int32Array;
    /** Per step: the trials in which it existed (with decisions only). */
    readonly reachedCount: Float64Array;
    /** With decisions: per edge, whether this trial takes it; per step, whether it exists in this trial. */
    private readonly edgeTaken?: Uint8Array;
    private readonly reached: Uint8Array;
    /** Per step, scratch marks of a loop that the trial's choices shrink: reached from its start, reaching its end. */
    private readonly ahead: Uint8Array;
    private readonly behind: Uint8Array;

    constructor(
        readonly plan: Plan,
        readonly trials: number,
        seed: number,
        private readonly candidates: readonly number[] = []
    ) {
        this.random = new RandomNumbers(seed);
        this.choices = plan.decisions && new RandomNumbers(seed ^ CHOICES_SEED_MIX);
        this.leadTimes = new Float64Array(trials);
        this.criticalCount = new Float64Array(plan.stepCount);
        this.criticalHours = new Float64Array(plan.sourceCount);
        this.halvedLeadTimes = candidates.map(() => new Float64Array(trials));
        this.time = new Float64Array(plan.placeCount);
        this.stepTime = this.time.subarray(0, plan.stepCount);
        this.edgeTime = this.time.subarray(plan.stepCount);
        this.factor = new Float64Array(plan.placeCount).fill(1);
        this.drawn = Float64Array.from(plan.likely);
        this.best = new Float64Array(plan.stepCount);
        this.bestEdge = new Int32Array(plan.stepCount);
        this.criticalIn = new Int32Array(plan.placeCount).fill(-1);
        this.reachedCount = new Float64Array(plan.stepCount);
        this.edgeTaken = plan.decisions && new Uint8Array(plan.placeCount - plan.stepCount).fill(1);
        this.reached = new Uint8Array(plan.stepCount);
        this.ahead = new Uint8Array(plan.stepCount);
        this.behind = new Uint8Array(plan.stepCount);
        this.workPerTrial =
            plan.drawnSources.length +
            plan.rate.length +
            (2 + candidates.length) * plan.placeCount +
            plan.loopPlaces.length +
            (plan.decisions ? plan.placeCount + plan.decisions.edges.length : 0) +
            1;
    }

    get finished(): boolean {
        return this.done === this.trials;
    }

    /** Runs up to `count` more trials; returns how many it ran. */
    run(count: number): number {
        const end = Math.min(this.trials, this.done + count);
        const ran = end - this.done;
        for (; this.done < end; this.done++) {
            this.drawTimes();
            const leadTime = this.longestPath(this.done);
            this.leadTimes[this.done] = leadTime;
            this.halveCandidates(this.done, leadTime);
        }
        return ran;
    }

    /** The trial's time of every place: every decision's edge chosen, every range drawn, every loop repeated its extra passes. */
    private drawTimes(): void {
        const { plan, time, factor, drawn } = this;
        const decisions = plan.decisions;
        for (const place of plan.loopMembers) {
            factor[place] = 1;
        }
        if (decisions) {
            this.choose(decisions);
        }
        for (let rework = 0; rework < plan.rate.length; rework++) {
            let passes = this.extraPasses(plan.rate[rework]);
            if (
                decisions &&
                !(this.reached[decisions.reworkFrom[rework]] && this.reached[decisions.reworkTo[rework]])
            ) {
                passes = 0;
            }
            drawn[plan.firstReworkSource + rework] = passes;
            if (passes > 0 && decisions?.loopDecided[rework] === 1) {
                this.repeatChosenLoop(decisions, rework, passes);
                continue;
            }
            for (let member = plan.loopStart[rework]; passes > 0 && member < plan.loopStart[rework + 1]; member++) {
                factor[plan.loopPlaces[member]] *= 1 + passes;
            }
        }
        time.set(plan.fixedTime);
        for (const source of plan.drawnSources) {
            drawn[source] = this.draw(source);
            time[plan.target[source]] += drawn[source];
        }
        for (const place of plan.loopMembers) {
            time[place] *= factor[place];
        }
        // A rework's own wait counts once per extra pass, after the loops have multiplied.
        for (let source = plan.firstReworkSource; source < plan.sourceCount; source++) {
            const passes = drawn[source];
            drawn[source] = passes > 0 ? passes * this.draw(source) : 0;
            time[plan.target[source]] += drawn[source];
        }
    }

    /** Draws each decision's edge, and which steps the choices leave in this trial. */
    private choose(decisions: DecisionPlan): void {
        const edgeTaken = this.edgeTaken!;
        for (let decision = 0; decision + 1 < decisions.start.length; decision++) {
            const u = this.choices!.next();
            let chosen = false;
            for (let index = decisions.start[decision]; index < decisions.start[decision + 1]; index++) {
                const take: boolean = !chosen && u < decisions.cumulative[index];
                edgeTaken[decisions.edges[index]] = take ? 1 : 0;
                chosen ||= take;
            }
        }
        this.plan.graph.reachInto(this.reached, edgeTaken);
        for (let step = 0; step < this.reached.length; step++) {
            this.reachedCount[step] += this.reached[step];
        }
    }

    /**
     * A loop with a decision's edge in it, repeated over the paths from its start back to its
     * end that the trial's choices leave: its steps reached from the start through edges taken,
     * that reach the end through them. Its edges come ordered by their step's topological
     * position, so one pass each way finds them.
     */
    private repeatChosenLoop(decisions: DecisionPlan, rework: number, passes: number): void {
        const { plan, factor, ahead, behind } = this;
        const edgeTaken = this.edgeTaken!;
        const firstStep = decisions.loopStepStart[rework],
            stepEnd = decisions.loopStepStart[rework + 1];
        const firstEdge = plan.loopStart[rework] + (stepEnd - firstStep),
            edgeEnd = plan.loopStart[rework + 1];
        for (let index = firstStep; index < stepEnd; index++) {
            ahead[decisions.loopSteps[index]] = 0;
            behind[decisions.loopSteps[index]] = 0;
        }
        ahead[decisions.reworkTo[rework]] = 1;
        behind[decisions.reworkFrom[rework]] = 1;
        for (let index = firstEdge; index < edgeEnd; index++) {
            const edge = plan.loopPlaces[index] - plan.stepCount;
            if (edgeTaken[edge] === 1 && ahead[decisions.edgeFrom[edge]] === 1) {
                ahead[plan.edgeTarget[edge]] = 1;
            }
        }
        for (let index = edgeEnd - 1; index >= firstEdge; index--) {
            const edge = plan.loopPlaces[index] - plan.stepCount;
            if (edgeTaken[edge] === 1 && behind[plan.edgeTarget[edge]] === 1) {
                behind[decisions.edgeFrom[edge]] = 1;
            }
        }
        for (let index = firstStep; index < stepEnd; index++) {
            const step = decisions.loopSteps[index];
            if (ahead[step] === 1 && behind[step] === 1) {
                factor[step] *= 1 + passes;
            }
        }
        for (let index = firstEdge; index < edgeEnd; index++) {
            const edge = plan.loopPlaces[index] - plan.stepCount;
            if (edgeTaken[edge] === 1 && ahead[decisions.edgeFrom[edge]] === 1 && behind[plan.edgeTarget[edge]] === 1) {
                factor[plan.loopPlaces[index]] *= 1 + passes;
            }
        }
    }

    /** k extra passes with P(k) = (1 − r)·r^k: P(k ≥ n) = r^n, the chance that a uniform number in (0, 1] is at most r^n. */
    private extraPasses(rate: number): number {
        return rate > 0 ? Math.floor(Math.log(1 - this.random.next()) / Math.log(rate)) : 0;
    }

    private draw(source: number): number {
        const { plan } = this;
        const low = plan.low[source],
            high = plan.high[source];
        if (plan.shape[source] === FIXED) {
            return low;
        }
        const u = this.random.next();
        if (plan.shape[source] === UNIFORM) {
            return low + (high - low) * u;
        }
        // The inverse of the triangular distribution's cumulative share.
        const likely = plan.likely[source];
        return u < (likely - low) / (high - low)
            ? low + Math.sqrt(u * (high - low) * (likely - low))
            : high - Math.sqrt((1 - u) * (high - low) * (high - likely));
    }

    /** The trial's lead time; marks its critical places, counts its critical steps and their waits' hours. */
    private longestPath(trial: number): number {
        const { plan, best, bestEdge } = this;
        const start = plan.graph.longestPathInto(this.stepTime, this.edgeTime, best, bestEdge, this.edgeTaken);
        for (let step = start; step >= 0;) {
            this.criticalCount[step]++;
            this.markCritical(step, trial);
            const edge = bestEdge[step];
            if (edge >= 0) {
                this.markCritical(plan.stepCount + edge, trial);
            }
            step = edge >= 0 ? plan.edgeTarget[edge] : -1;
        }
        return start >= 0 ? best[start] : 0;
    }

    private markCritical(place: number, trial: number): void {
        const { plan } = this;
        this.criticalIn[place] = trial;
        for (let index = plan.placeWaitStart[place]; index < plan.placeWaitStart[place + 1]; index++) {
            const source = plan.placeWaits[index];
            this.criticalHours[source] += this.hoursOf(source);
        }
    }

    /** A source's hours in this trial as they count in its place's time. */
    private hoursOf(source: number): number {
        const multiplied = source < this.plan.firstReworkSource;
        return multiplied ? this.drawn[source] * this.factor[this.plan.target[source]] : this.drawn[source];
    }

    private halveCandidates(trial: number, leadTime: number): void {
        const { plan, time } = this;
        for (let rank = 0; rank < this.candidates.length; rank++) {
            const source = this.candidates[rank];
            const place = plan.target[source];
            let halved = leadTime;
            if (this.criticalIn[place] === trial && this.hoursOf(source) > 0) {
                const before = time[place];
                time[place] -= this.hoursOf(source) / 2;
                const start = plan.graph.longestPathInto(
                    this.stepTime,
                    this.edgeTime,
                    this.best,
                    this.bestEdge,
                    this.edgeTaken
                );
                halved = this.best[start];
                time[place] = before;
            }
            this.halvedLeadTimes[rank][trial] = halved;
        }
    }
}

/** What the trials say, as the contract counts it. */
function summarise(model: StreamModel, trials: Trials, seed: number): Forecast {
    const leadTimes = trials.leadTimes.sort();
    const count = leadTimes.length;
    const min = leadTimes[0],
        max = leadTimes[count - 1];
    // Summed as distances from the shortest: equal lead times give exactly their value.
    let spread = 0;
    for (const time of leadTimes) {
        spread += time - min;
    }
    const target = model.metrics.target;
    return {
        trials: count,
        seed,
        p50: percentile(leadTimes, 0.5),
        p85: percentile(leadTimes, 0.85),
        p95: percentile(leadTimes, 0.95),
        mean: min + spread / count,
        min,
        max,
        target,
        chanceWithinTarget: target === null ? null : countWithin(leadTimes, target) / count,
        criticality: Array.from(trials.criticalCount, critical => critical / count),
        reached: trials.plan.decisions
            ? Array.from(trials.reachedCount, reached => reached / count)
            : model.steps.map(() => 1),
        leadTimes,
        halvedWaits: []
    };
}

/** Lead times within the target, with the tolerance of `target-missed`: a sum of decimal hours may end a bit above it. */
function countWithin(ascending: Float64Array, target: number): number {
    let low = 0,
        high = ascending.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (ascending[middle] <= target + 1e-9) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}
