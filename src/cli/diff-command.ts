/**
 * `vstream diff BEFORE AFTER`: what a change does to each stream of a map — its figures before
 * and after, the steps and edges added, removed and changed — as JSON, or as Markdown for a
 * pull request: a short table first, the details of each changed stream after, and with
 * `--images DIR` the maps before and after.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { changeWords, compareFigures, countOf, HEADLINE_FIGURES, type ComparedFigure } from '../analysis/figures.js';
import {
    changedShares,
    compareStreams,
    edgeName,
    isUnchanged,
    type Changed,
    type StreamChanges
} from '../analysis/stream-changes.js';
import type { StreamModel } from '../analysis/stream-model.js';
import { edgeChangeText, reworkChangeText, stepChangeText } from '../cards/change-text.js';
import { escapeMarkdown } from '../cards/markdown-text.js';
import { panelStreams, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import type { MeasuredStream } from '../language/stream-models.js';
import type { ParsedArguments } from './arguments.js';
import { measureStreams, metricsEntry, type StreamMetricsEntry } from './metrics-command.js';
import { writeFile, writeOutput, type LoadedWorkspace } from './workspace.js';

/** One stream of either version: its measures on each side, and what changed. */
interface StreamDiff {
    name: string;
    before?: MeasuredStream;
    after?: MeasuredStream;
    /** The later side when there is one, else the earlier: what the stream is called. */
    latest: MeasuredStream;
    changes: StreamChanges;
}

/** One stream in `diff --json`: the contract's keys, then the shares that change (fractions, null where an edge has none). */
interface StreamDiffEntry {
    stream: string;
    before: StreamMetricsEntry | null;
    after: StreamMetricsEntry | null;
    steps: { added: string[]; removed: string[]; changed: string[] };
    edges: { added: string[]; removed: string[] };
    shares: Array<{ edge: string; before: number | null; after: number | null }>;
}

type Side = 'before' | 'after';

export function diffCommand(
    before: LoadedWorkspace,
    after: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void
): number {
    const diffs = diffStreams(
        measureStreams(before.files, before.services),
        measureStreams(after.files, after.services)
    );
    if (args.format === 'json') {
        out(JSON.stringify(diffs.map(jsonEntry), undefined, 2) + '\n');
        return 0;
    }
    const pictures: Pictures = args.images
        ? writePictures(diffs.filter(isChanged), args.images, { before, after })
        : new Map<string, Partial<Record<Side, string>>>();
    const linkBase = args.output === undefined ? '.' : dirname(args.output);
    writeOutput(args.output, diffMarkdown(diffs, pictures, linkBase), out);
    return 0;
}

/** Streams by name, in the order of the earlier version, then those only the later one has. */
function diffStreams(before: MeasuredStream[], after: MeasuredStream[]): StreamDiff[] {
    const names = [...new Set([...before, ...after].map(stream => stream.model.name))];
    return names.map(name => {
        const sides = {
            before: before.find(stream => stream.model.name === name),
            after: after.find(stream => stream.model.name === name)
        };
        return {
            name,
            ...sides,
            latest: (sides.after ?? sides.before)!,
            changes: compareStreams(sides.before?.model, sides.after?.model)
        };
    });
}

function jsonEntry({ name, before, after, changes }: StreamDiff): StreamDiffEntry {
    return {
        stream: name,
        before: before ? metricsEntry(before) : null,
        after: after ? metricsEntry(after) : null,
        steps: {
            added: changes.steps.added.map(step => step.name),
            removed: changes.steps.removed.map(step => step.name),
            changed: changes.steps.changed.map(change => change.after.name)
        },
        edges: {
            added: edgeNames(after?.model, changes.edges.added),
            removed: edgeNames(before?.model, changes.edges.removed)
        },
        shares: changedShares(changes).map(share => ({
            edge: share.after ? edgeName(after!.model, share.after) : edgeName(before!.model, share.before!),
            before: share.before?.share ?? null,
            after: share.after?.share ?? null
        }))
    };
}

/** Edges or rework loops as the map writes them, `a -> b`; a side without the stream has none. */
function edgeNames(model: StreamModel | undefined, items: Array<{ from: number; to: number }>): string[] {
    return model ? items.map(item => edgeName(model, item)) : [];
}

/** The figures of a stream on both sides: the later values compared with the earlier ones. */
function figuresOf({ before, after, latest }: StreamDiff): ComparedFigure[] {
    return compareFigures(latest.model, after ? before?.model : undefined);
}

function isChanged(diff: StreamDiff): boolean {
    return !diff.before || !diff.after || !isUnchanged(diff.changes) || figuresOf(diff).some(figureChanged);
}

/** A figure not defined on either side (flow efficiency without lead time) has no verdict, and changes when it becomes defined. */
function figureChanged(figure: ComparedFigure): boolean {
    return figure.verdict ? figure.verdict !== 'same' : figure.before !== figure.value;
}

/** The pictures written for each stream: its map before and after, where it has one. */
type Pictures = Map<string, Partial<Record<Side, string>>>;

function writePictures(diffs: StreamDiff[], folder: string, workspaces: Record<Side, LoadedWorkspace>): Pictures {
    mkdirSync(folder, { recursive: true });
    const pictures: Pictures = new Map();
    for (const diff of diffs) {
        const written: Partial<Record<Side, string>> = {};
        for (const side of ['before', 'after'] as const) {
            const stream = diff[side];
            if (stream) {
                written[side] = join(folder, `${diff.name}-${side}.svg`);
                writeFile(written[side], `${mapOf(stream, workspaces[side])}\n`);
            }
        }
        pictures.set(diff.name, written);
    }
    return pictures;
}

/** The map as `vstream render` draws it, in the light palette. */
function mapOf(stream: MeasuredStream, workspace: LoadedWorkspace): string {
    const diagnostics = workspace.files.flatMap(file => (file.document.diagnostics ?? []).map(toDiagramDiagnostic));
    return renderSvg(
        panelStreams([stream]).map(panel => panel.layout),
        { palette: 'light', diagnostics }
    );
}

function diffMarkdown(diffs: StreamDiff[], pictures: Pictures, linkBase: string): string {
    if (diffs.length === 0) {
        return '_Neither version declares a stream._\n';
    }
    const changed = diffs.filter(isChanged);
    const details = changed.map(diff => streamDetails(diff, pictures.get(diff.name), linkBase));
    const summary =
        changed.length === 0
            ? 'No stream changed.'
            : `${countOf(changed.length, 'stream')} of ${diffs.length} changed.`;
    return [summaryTable(diffs), summary, ...details].join('\n\n') + '\n';
}

function summaryTable(diffs: StreamDiff[]): string {
    const header = [
        'Stream',
        ...HEADLINE_FIGURES.map(label => label.charAt(0).toUpperCase() + label.slice(1)),
        'Steps'
    ];
    const rows = diffs.map(diff => {
        const figures = figuresOf(diff).filter(figure => HEADLINE_FIGURES.includes(figure.label));
        return [streamLabel(diff), ...figures.map(figure => figureCell(diff, figure)), stepsCell(diff)];
    });
    return [header, header.map(() => '---'), ...rows].map(cells => `| ${cells.join(' | ')} |`).join('\n');
}

function streamLabel({ name, latest }: StreamDiff): string {
    const title = latest.model.title;
    return title ? `${escapeMarkdown(title)} (\`${name}\`)` : `\`${name}\``;
}

/** "91 h → 38 h (−53 h, better)"; the value alone when it did not change or has one side. */
function figureCell(diff: StreamDiff, figure: ComparedFigure): string {
    if (!diff.after) {
        return `~~${figure.value}~~`;
    }
    if (!diff.before || !figureChanged(figure)) {
        return figure.value;
    }
    const change = figure.change ? [figure.change, figure.verdict].filter(Boolean).join(', ') : '';
    return `${figure.before} → ${figure.value}${change ? ` (${change})` : ''}`;
}

function stepsCell(diff: StreamDiff): string {
    if (!diff.before) {
        return 'new stream';
    }
    if (!diff.after) {
        return 'stream removed';
    }
    const { added, removed, changed } = diff.changes.steps;
    const counts = [
        added.length > 0 ? `${added.length} added` : '',
        removed.length > 0 ? `${removed.length} removed` : '',
        changed.length > 0 ? `${changed.length} changed` : ''
    ].filter(Boolean);
    return counts.join(', ') || 'no change';
}

function streamDetails(
    diff: StreamDiff,
    pictures: Partial<Record<Side, string>> | undefined,
    linkBase: string
): string {
    const { steps, edges, reworks } = diff.changes;
    const sides = { before: diff.before?.model, after: diff.after?.model };
    const step = (item: StreamModel['steps'][number]) =>
        `\`${item.name}\`${item.title ? ` (${escapeMarkdown(item.title)})` : ''}`;
    const code = (name: string) => `\`${name}\``;
    /** Changed edges or rework loops (so both versions have the stream), with what changed. */
    const changed = <T extends { from: number; to: number }, A>(
        items: Array<Changed<T, A>>,
        text: (change: Changed<T, A>, workdayHours: number) => string
    ) => items.map(change => `${code(edgeName(diff.latest.model, change.after))}: ${text(change, workdayHours)}`);
    const { workdayHours } = diff.latest.model;
    const lists: Array<[string, string[]]> = [
        ['Steps added', steps.added.map(step)],
        ['Steps removed', steps.removed.map(step)],
        [
            'Steps changed',
            steps.changed.map(change => `${step(change.after)}: ${stepChangeText(change, workdayHours)}`)
        ],
        ['Edges added', edgeNames(sides.after, edges.added).map(code)],
        ['Edges removed', edgeNames(sides.before, edges.removed).map(code)],
        ['Edges changed', changed(edges.changed, edgeChangeText)],
        ['Rework added', edgeNames(sides.after, reworks.added).map(code)],
        ['Rework removed', edgeNames(sides.before, reworks.removed).map(code)],
        ['Rework changed', changed(reworks.changed, reworkChangeText)]
    ];
    return [
        `### ${streamLabel(diff)}`,
        figuresTable(diff),
        lists
            .filter(([, items]) => items.length > 0)
            .map(([label, items]) => `- **${label}:** ${items.join('; ')}`)
            .join('\n') || '_The same steps and edges; only figures changed._',
        ...(pictures ? [picturesTable(diff, pictures, linkBase)] : [])
    ].join('\n\n');
}

function figuresTable(diff: StreamDiff): string {
    const rows = figuresOf(diff).map(figure => {
        const [before, after] = diff.after ? [figure.before ?? '—', figure.value] : [figure.value, '—'];
        return `| ${figure.label} | ${before} | ${after} | ${changeWords(figure)} |`;
    });
    return ['| Figure | Before | After | Change |', '|---|--:|--:|---|', ...rows].join('\n');
}

/** The maps side by side, linked from where the Markdown is written. */
function picturesTable(diff: StreamDiff, pictures: Partial<Record<Side, string>>, linkBase: string): string {
    const cell = (side: Side) => {
        const path = pictures[side];
        return path ? `![${diff.name} ${side}](${link(linkBase, path)})` : '—';
    };
    return ['| Before | After |', '|---|---|', `| ${cell('before')} | ${cell('after')} |`].join('\n');
}

/** A relative link from a folder to a file: forward slashes, each segment percent-encoded. */
function link(from: string, to: string): string {
    return relative(from, to).split(/[\\/]/).map(encodeURIComponent).join('/');
}
