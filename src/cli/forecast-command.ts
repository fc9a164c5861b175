/** `vstream forecast`: each stream's lead time as a distribution, as a table or as JSON. */
import { formatDuration, formatPercent, streamHeading } from '../analysis/figures.js';
import {
    describeWait,
    forecastStream,
    SHOWN_HALVED_WAITS,
    type Forecast,
    type WaitPlace
} from '../analysis/forecast.js';
import type { StreamModel } from '../analysis/stream-model.js';
import type { ParsedArguments } from './arguments.js';
import { measureStreams, selectStreams } from './metrics-command.js';
import type { LoadedWorkspace } from './workspace.js';

export const FORECAST_HELP = `Usage: vstream forecast PATH... [--trials N] [--seed S] [--stream NAME] [--json]

Runs each stream many times (trials): every range of the map is drawn anew (LOW..HIGH evenly,
LOW..LIKELY..HIGH most often near LIKELY), every decision sends the work along one of its edges
as often as its shares say, every rework sends the work round its loop as often as its rate
makes likely, and the lead time is the longest path. Prints per stream the lead
time's p50, p85 and p95, mean, min and max, the chance to be within the target, how often each
step was on the longest path (critical), and the waits whose halving would lower p85 the most.
  --trials N       trials per stream, 1 to 1,000,000 (default 10,000)
  --seed S         seed of the random numbers, 0 to 4,294,967,295 (default 1): the same seed
                   gives the same forecast
  --stream NAME    only this stream
  --json           one JSON array, one object per stream: { stream, trials, seed, p50, p85,
                   p95, mean, min, max, target, chanceWithinTarget, criticality, reached,
                   whatIf }, hours unrounded
  --hours          durations in hours only
`;

/** One stream in `forecast --json`: the contract's keys, then the what-ifs. */
export type ForecastEntry = { stream: string } & Pick<
    Forecast,
    'trials' | 'seed' | 'p50' | 'p85' | 'p95' | 'mean' | 'min' | 'max' | 'target' | 'chanceWithinTarget'
> & {
        /** Step name: the share of trials in which the step was critical. */
        criticality: Record<string, number>;
        /** Step name: the share of trials in which the step exists (1 without decisions). */
        reached: Record<string, number>;
        whatIf: HalvedWaitEntry[];
    };

/** Halve this wait, and p85 would be this. */
export interface HalvedWaitEntry {
    halve: 'wait' | 'inventory' | 'handoff wait' | 'rework wait';
    /** The step the work waits in front of. */
    step: string;
    /** For a handoff or a rework: the step the work comes from. */
    from: string | null;
    /** The team or system a step's wait is on. */
    cause: string | null;
    /** The wait as the map gives it, in hours. */
    wait: { low: number; likely: number; high: number };
    p85: number;
}

interface ForecastedStream {
    model: StreamModel;
    forecast: Forecast;
}

export function forecastCommand(
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void
): number {
    const streams = selectStreams(measureStreams(workspace.files, workspace.services), args.stream).map(
        ({ model }) => ({
            model,
            forecast: forecastStream(model, { trials: args.trials, seed: args.seed, halvedWaits: SHOWN_HALVED_WAITS })
        })
    );
    out(
        args.format === 'json'
            ? JSON.stringify(streams.map(forecastEntry), undefined, 2) + '\n'
            : formatForecastText(streams)
    );
    return 0;
}

export function forecastEntry({ model, forecast }: ForecastedStream): ForecastEntry {
    return {
        stream: model.name,
        trials: forecast.trials,
        seed: forecast.seed,
        p50: forecast.p50,
        p85: forecast.p85,
        p95: forecast.p95,
        mean: forecast.mean,
        min: forecast.min,
        max: forecast.max,
        target: forecast.target,
        chanceWithinTarget: forecast.chanceWithinTarget,
        criticality: byStepName(model, forecast.criticality),
        reached: byStepName(model, forecast.reached),
        whatIf: forecast.halvedWaits.map(({ wait, p85 }) => ({ ...halvedWait(model, wait), p85 }))
    };
}

function byStepName(model: StreamModel, perStep: number[]): Record<string, number> {
    return Object.fromEntries(model.steps.map((step, index) => [step.name, perStep[index]]));
}

function halvedWait(model: StreamModel, place: WaitPlace): Omit<HalvedWaitEntry, 'p85'> {
    const name = (step: number) => model.steps[step].name;
    const hours = ({ low, likely, high }: { low: number; likely: number; high: number }) => ({ low, likely, high });
    switch (place.kind) {
        case 'wait': {
            const wait = model.steps[place.step].waits[place.wait];
            return {
                halve: 'wait',
                step: name(place.step),
                from: null,
                cause: wait.cause?.name ?? null,
                wait: hours(wait.time)
            };
        }
        case 'inventory': {
            const inventory = model.steps[place.step].inventory!.hours;
            return {
                halve: 'inventory',
                step: name(place.step),
                from: null,
                cause: null,
                wait: { low: inventory, likely: inventory, high: inventory }
            };
        }
        case 'handoff': {
            const edge = model.edges[place.edge];
            return {
                halve: 'handoff wait',
                step: name(edge.to),
                from: name(edge.from),
                cause: null,
                wait: hours(edge.wait)
            };
        }
        case 'rework': {
            const rework = model.reworks[place.rework];
            return {
                halve: 'rework wait',
                step: name(rework.to),
                from: name(rework.from),
                cause: null,
                wait: hours(rework.wait)
            };
        }
    }
}

export function formatForecastText(streams: ForecastedStream[]): string {
    if (streams.length === 0) {
        return 'No streams found.\n';
    }
    return streams.map(formatStream).join('\n');
}

function formatStream({ model, forecast }: ForecastedStream): string {
    const heading = streamHeading(model);
    if (model.steps.length === 0) {
        return `${heading}\n  no steps: nothing to forecast\n`;
    }
    const duration = (hours: number) => formatDuration(hours, model.workdayHours);
    const figures: Array<[string, string]> = [
        ['p50', duration(forecast.p50)],
        ['p85', duration(forecast.p85)],
        ['p95', duration(forecast.p95)],
        ['mean', duration(forecast.mean)],
        ['min', duration(forecast.min)],
        ['max', duration(forecast.max)]
    ];
    const trials = `${forecast.trials.toLocaleString('en')} ${forecast.trials === 1 ? 'trial' : 'trials'}`;
    const lines = [heading, `  lead time in ${trials} (seed ${forecast.seed})`];
    lines.push(...figures.map(([label, value]) => `    ${label.padEnd(22)}${value.padStart(10)}`));
    if (forecast.target !== null) {
        lines.push(`  ${'target'.padEnd(24)}${duration(forecast.target).padStart(10)}`);
        lines.push(`  ${'chance within target'.padEnd(24)}${formatPercent(forecast.chanceWithinTarget!).padStart(10)}`);
    }
    if (model.decisions.length > 0) {
        lines.push('  reached in (share of trials)', ...shareLines(model, forecast.reached));
    }
    lines.push('  critical in (share of trials)', ...shareLines(model, forecast.criticality));
    if (forecast.halvedWaits.length > 0) {
        lines.push(`  halving one wait, p85 would be (from ${duration(forecast.p85)})`);
        const waits = forecast.halvedWaits.map(({ wait, p85 }) => ({ wait: describeWait(model, wait), p85 }));
        const width = Math.max(...waits.map(({ wait }) => wait.length)) + 2;
        for (const { wait, p85 } of waits) {
            lines.push(`    ${wait.padEnd(width)}${duration(p85).padStart(10)}   −${duration(forecast.p85 - p85)}`);
        }
    }
    return lines.join('\n') + '\n';
}

/** Steps grouped by their share of the trials as it reads, largest first, in the order declared within a group; "never" for none. */
function shareLines(model: StreamModel, shares: number[]): string[] {
    const groups = new Map<string, string[]>();
    const order = model.steps.map((_, index) => index).sort((a, b) => shares[b] - shares[a]);
    for (const index of order) {
        const share = shares[index];
        const label = share === 0 ? 'never' : formatPercent(share);
        groups.set(label, [...(groups.get(label) ?? []), model.steps[index].name]);
    }
    return [...groups].map(([label, steps]) => `    ${label.padEnd(8)}${steps.join(', ')}`);
}
