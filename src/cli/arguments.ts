/** The command line: a command, paths, and options, each option known to its command. */
import { FORECAST_TRIALS, MAX_SEED } from '../analysis/forecast.js';
import { LAYOUT_NAMES, type LayoutName } from '../analysis/stream-model.js';
import { SEVERITY_OF } from '../language/diagnostic-codes.js';
import type { Calendar, EventColumns } from '../measure/measure-model.js';
import { timeFormatOf } from '../measure/time-reading.js';
import { DEFAULT_SCALE, SCALES } from './png.js';
import { InputError } from './workspace.js';

export type CommandName = 'check' | 'metrics' | 'render' | 'doc' | 'diff' | 'measure' | 'lsp' | 'forecast';

/** How a command prints its result: text for people, JSON for programs, SARIF and workflow commands for CI. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface ParsedArguments {
    command?: CommandName;
    paths: string[];
    help: boolean;
    version: boolean;
    format: OutputFormat;
    strict: boolean;
    /** A fraction 0–1, when given. */
    flowEfficiencyThreshold?: number;
    output?: string;
    stream?: string;
    theme: 'light' | 'dark';
    /** Diagnostic codes not to report (`--ignore`, repeatable, or a comma-separated list). */
    ignore: string[];
    /** Durations in hours only, not in the unit that reads best. */
    hours: boolean;
    /** PNG pixels per unit of the map. */
    scale: number;
    /** The layout of the maps drawn, over each stream's own `layout`. */
    layout?: LayoutName;
    /** The kind of image a Markdown file's maps become. */
    image: 'svg' | 'png';
    /** How a written SVG or page draws its text: in the embedded subset of Inter, or as Inter's outlines. */
    text: 'font' | 'paths';
    /** The folder `diff` writes the maps before and after to. */
    images?: string;
    /** The saved card `doc --check` compares with the card the map gives now. */
    card?: string;
    /** Run again on every change to the files, until Ctrl+C. */
    watch: boolean;
    /** A tracker's status history (`--events`): CSV, Parquet or JSON-lines files. */
    events: string[];
    /** The names of the history's columns, where they are not item, status and at. */
    columns?: EventColumns;
    calendar: Calendar;
    /** How the history writes its times (strptime codes, epoch, epoch-ms); ISO 8601 when absent. */
    timeFormat?: string;
    /** The IANA zone of the history's times written without an offset; UTC when absent. */
    timezone?: string;
    /** Rows after this time are unreadable; the time of the run when absent. */
    asOf?: string;
    /** Measure even when more than 1% of the history's rows are unreadable. */
    skipBadRows: boolean;
    /** Print the measurement's SQL instead of running it. */
    sql: boolean;
    /** Write the measured figures into the map; times as ranges (range-shapes.ts) with `ranges`. */
    update: boolean;
    ranges: boolean;
    /** The forecast's trials and seed, when given. */
    trials?: number;
    seed?: number;
}

export class UsageError extends InputError {}

const COMMANDS: readonly CommandName[] = ['check', 'metrics', 'render', 'doc', 'diff', 'measure', 'lsp', 'forecast'];

/** Options each command accepts, with whether they take a value. */
const OPTIONS: Record<string, { takesValue: boolean; commands: readonly CommandName[] }> = {
    '--format': { takesValue: true, commands: ['check', 'metrics', 'measure', 'forecast'] },
    '--json': { takesValue: false, commands: ['check', 'metrics', 'diff', 'measure', 'forecast'] },
    '--strict': { takesValue: false, commands: ['check'] },
    '--flow-efficiency-threshold': { takesValue: true, commands: ['check'] },
    '-o': { takesValue: true, commands: ['render', 'doc', 'diff'] },
    '--output': { takesValue: true, commands: ['render', 'doc', 'diff'] },
    '--stream': { takesValue: true, commands: ['render', 'doc', 'measure', 'forecast'] },
    '--theme': { takesValue: true, commands: ['render'] },
    '--ignore': { takesValue: true, commands: ['check'] },
    '--hours': { takesValue: false, commands: ['check', 'metrics', 'render', 'doc', 'diff', 'measure', 'forecast'] },
    '--scale': { takesValue: true, commands: ['render'] },
    '--image': { takesValue: true, commands: ['render'] },
    '--text': { takesValue: true, commands: ['render'] },
    '--layout': { takesValue: true, commands: ['render'] },
    '--images': { takesValue: true, commands: ['diff'] },
    '--check': { takesValue: true, commands: ['doc'] },
    // What editors add to a server's command line; stdio is the only transport of `vstream lsp`.
    '--stdio': { takesValue: false, commands: ['lsp'] },
    '--watch': { takesValue: false, commands: ['check', 'render'] },
    '--events': { takesValue: true, commands: ['measure', 'check'] },
    '--columns': { takesValue: true, commands: ['measure', 'check'] },
    '--calendar': { takesValue: true, commands: ['measure', 'check'] },
    '--time-format': { takesValue: true, commands: ['measure', 'check'] },
    '--timezone': { takesValue: true, commands: ['measure', 'check'] },
    '--as-of': { takesValue: true, commands: ['measure', 'check'] },
    '--skip-bad-rows': { takesValue: false, commands: ['measure', 'check'] },
    '--sql': { takesValue: false, commands: ['measure'] },
    '--update': { takesValue: false, commands: ['measure'] },
    '--ranges': { takesValue: false, commands: ['measure'] },
    '--trials': { takesValue: true, commands: ['forecast'] },
    '--seed': { takesValue: true, commands: ['forecast'] }
};

/** The files of a tracker's history, by extension: what `--events` goes on taking after its first file. */
const EVENT_FILE = /\.(csv|parquet|jsonl|ndjson)(\.gz)?$/i;

export function parseArguments(argv: string[]): ParsedArguments {
    const parsed: ParsedArguments = {
        paths: [],
        help: false,
        version: false,
        format: 'text',
        strict: false,
        theme: 'light',
        ignore: [],
        hours: false,
        scale: DEFAULT_SCALE,
        image: 'svg',
        text: 'font',
        watch: false,
        events: [],
        calendar: 'workweek',
        skipBadRows: false,
        sql: false,
        update: false,
        ranges: false
    };
    const words = [...argv];
    while (words.length > 0) {
        const word = words.shift()!;
        if (word === '--help' || word === '-h') {
            parsed.help = true;
        } else if (word === '--version' || word === '-v') {
            parsed.version = true;
        } else if (word.startsWith('-') && word !== '-') {
            readOption(word, words, parsed);
        } else if (!parsed.command && !parsed.help) {
            if (!COMMANDS.includes(word as CommandName)) {
                throw new UsageError(
                    `unknown command '${word}': use one of ${COMMANDS.join(', ')} (see vstream --help)`
                );
            }
            parsed.command = word as CommandName;
        } else {
            parsed.paths.push(word);
        }
    }
    if (parsed.command === 'lsp' && parsed.paths.length > 0) {
        throw new UsageError('vstream lsp takes no paths: the editor opens the files (see vstream lsp --help)');
    }
    if (parsed.command && parsed.command !== 'lsp' && !parsed.help && parsed.paths.length === 0) {
        throw new UsageError(
            `${parsed.command} needs at least one file or folder, or - for standard input (see vstream ${parsed.command} --help)`
        );
    }
    if (parsed.command === 'diff' && !parsed.help && parsed.paths.length !== 2) {
        throw new UsageError(
            'diff compares two versions of a map: vstream diff BEFORE AFTER (see vstream diff --help)'
        );
    }
    checkMeasure(parsed);
    if (parsed.paths.filter(path => path === '-').length > 1) {
        throw new UsageError('standard input (-) can be read only once');
    }
    checkFormat(parsed);
    checkOutputKind(parsed);
    return parsed;
}

/** What measuring needs: a history to read, unless it only prints its query; ranges only when writing. */
function checkMeasure(parsed: ParsedArguments): void {
    if (parsed.help) {
        return;
    }
    if (parsed.command === 'measure' && parsed.events.length === 0 && !parsed.sql) {
        throw new UsageError(
            "measure reads a tracker's history: name its files with --events FILE… (see vstream measure --help)"
        );
    }
    if (parsed.sql && (parsed.update || parsed.format !== 'text')) {
        throw new UsageError('--sql prints the query alone: without --update or --json');
    }
    if (parsed.sql && parsed.columns) {
        throw new UsageError(
            '--sql writes the query over a table events(item, status, "at"): name the columns so where it runs, not with --columns'
        );
    }
    if (parsed.sql && readsHistoryOtherwise(parsed)) {
        throw new UsageError(
            '--sql writes the query over a table events(item, status, "at") whose times are timestamps: --time-format, --timezone, --as-of and --skip-bad-rows read a history, which it does not'
        );
    }
    if (parsed.ranges && !parsed.update) {
        throw new UsageError('--ranges says how --update writes the figures: use them together');
    }
    if (parsed.update && parsed.format !== 'text') {
        throw new UsageError('--update writes the map and says what it changed: without --json');
    }
    if (
        parsed.command === 'check' &&
        parsed.events.length === 0 &&
        (parsed.columns || parsed.calendar !== 'workweek' || readsHistoryOtherwise(parsed))
    ) {
        throw new UsageError(
            '--columns, --calendar, --time-format, --timezone, --as-of and --skip-bad-rows say how to read --events FILE…, which is missing'
        );
    }
}

/** Whether an option says how to read the history's rows and times. */
function readsHistoryOtherwise(parsed: ParsedArguments): boolean {
    return (
        parsed.timeFormat !== undefined ||
        parsed.timezone !== undefined ||
        parsed.asOf !== undefined ||
        parsed.skipBadRows
    );
}

/** The formats each command prints; the first is its default. */
const FORMATS: Partial<Record<CommandName, readonly OutputFormat[]>> = {
    check: ['text', 'json', 'sarif', 'github'],
    metrics: ['text', 'json'],
    measure: ['text', 'json'],
    forecast: ['text', 'json']
};

/** Checked once the command is known: an option may come before the command's name. */
function checkFormat(parsed: ParsedArguments): void {
    const formats = (parsed.command && FORMATS[parsed.command]) ?? ['text', 'json'];
    if (!formats.includes(parsed.format)) {
        const listed = formats.map(format => `'${format}'`);
        throw new UsageError(
            `--format is ${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}${parsed.command ? ` for vstream ${parsed.command}` : ''}, not '${parsed.format}'`
        );
    }
}

function readOption(word: string, rest: string[], parsed: ParsedArguments): void {
    const [name, inlineValue] = word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    const option = OPTIONS[name];
    if (!option) {
        throw new UsageError(`unknown option '${name}' (see vstream --help)`);
    }
    if (parsed.command && !option.commands.includes(parsed.command)) {
        throw new UsageError(`'${name}' is not an option of vstream ${parsed.command}`);
    }
    const value = option.takesValue ? (inlineValue ?? rest.shift()) : undefined;
    if (option.takesValue && (value === undefined || value === '')) {
        throw new UsageError(`'${name}' needs a value`);
    }
    switch (name) {
        case '--format':
            parsed.format = value as OutputFormat;
            break;
        case '--json':
            parsed.format = 'json';
            break;
        case '--strict':
            parsed.strict = true;
            break;
        case '--flow-efficiency-threshold':
            parsed.flowEfficiencyThreshold = parseThreshold(value!);
            break;
        case '-o':
        case '--output':
            parsed.output = value;
            break;
        case '--stream':
            parsed.stream = value;
            break;
        case '--ignore':
            parsed.ignore.push(...diagnosticCodes(value!));
            break;
        case '--hours':
            parsed.hours = true;
            break;
        case '--theme':
            if (value !== 'light' && value !== 'dark') {
                throw new UsageError(`--theme is 'light' or 'dark', not '${value}'`);
            }
            parsed.theme = value;
            break;
        case '--scale':
            parsed.scale = parseScale(value!);
            break;
        case '--image':
            if (value !== 'svg' && value !== 'png') {
                throw new UsageError(`--image is 'svg' or 'png', not '${value}'`);
            }
            parsed.image = value;
            break;
        case '--text':
            if (value !== 'font' && value !== 'paths') {
                throw new UsageError(`--text is 'font' or 'paths', not '${value}'`);
            }
            parsed.text = value;
            break;
        case '--layout':
            if (!(LAYOUT_NAMES as readonly string[]).includes(value!)) {
                throw new UsageError(`--layout is 'lanes' or 'classic', not '${value}'`);
            }
            parsed.layout = value as LayoutName;
            break;
        case '--images':
            parsed.images = value;
            break;
        case '--check':
            parsed.card = value;
            break;
        case '--watch':
            parsed.watch = true;
            break;
        case '--events':
            // `--events a.csv b.csv`: the files that follow are part of the history too.
            parsed.events.push(value!);
            while (rest.length > 0 && EVENT_FILE.test(rest[0])) {
                parsed.events.push(rest.shift()!);
            }
            break;
        case '--columns':
            parsed.columns = parseColumns(value!);
            break;
        case '--calendar':
            if (value !== 'workweek' && value !== 'all') {
                throw new UsageError(
                    `--calendar is 'workweek' (Monday to Friday, the default) or 'all', not '${value}'`
                );
            }
            parsed.calendar = value;
            break;
        case '--time-format':
            parsed.timeFormat = checkedTimeFormat(value!);
            break;
        case '--timezone':
            parsed.timezone = value;
            break;
        case '--as-of':
            parsed.asOf = value;
            break;
        case '--skip-bad-rows':
            parsed.skipBadRows = true;
            break;
        case '--sql':
            parsed.sql = true;
            break;
        case '--update':
            parsed.update = true;
            break;
        case '--ranges':
            parsed.ranges = true;
            break;
        case '--trials':
            parsed.trials = wholeNumber(name, value!, FORECAST_TRIALS.min, FORECAST_TRIALS.max);
            break;
        case '--seed':
            parsed.seed = wholeNumber(name, value!, 0, MAX_SEED);
            break;
    }
}

/** `item=Key,status=Status,at=Changed`: which column of the history is which. */
function parseColumns(value: string): EventColumns {
    const columns: EventColumns = {};
    for (const pair of value.split(',')) {
        const [role, column] = pair.split('=').map(part => part.trim());
        if ((role !== 'item' && role !== 'status' && role !== 'at') || !column) {
            throw new UsageError(`--columns names columns as item=…,status=…,at=…, not '${pair}'`);
        }
        if (columns[role] !== undefined) {
            throw new UsageError(`--columns names the ${role} column twice ('${columns[role]}' and '${column}')`);
        }
        columns[role] = column;
    }
    return columns;
}

/** The format as given, once the engine's reading of it says it is one (`%Z` and unknown codes are not). */
function checkedTimeFormat(value: string): string {
    try {
        timeFormatOf(value);
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    return value;
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
    const number = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) {
        throw new UsageError(
            `${option} is a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, not '${value}'`
        );
    }
    return number;
}

function parseScale(value: string): number {
    const scale = /^[0-9]+(?:\.[0-9]+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!(scale >= SCALES.min && scale <= SCALES.max)) {
        throw new UsageError(`--scale is a number from ${SCALES.min} to ${SCALES.max}, not '${value}'`);
    }
    return scale;
}

/** A Markdown file given to render: its maps become images, in a copy of it. */
export function isMarkdownPath(path: string): boolean {
    return /\.(md|markdown)$/i.test(path);
}

/** The kinds of file each command writes, so a map never lands in a file named like a document. */
const OUTPUT_KINDS: Partial<Record<CommandName, { pattern: RegExp; described: string }>> = {
    render: { pattern: /\.(svg|html|png|md|markdown)$/i, described: 'an .svg, .png, .html or .md file' },
    doc: { pattern: /\.(md|markdown)$/i, described: 'an .md file' },
    diff: { pattern: /\.(md|markdown)$/i, described: 'an .md file' }
};

function checkOutputKind(parsed: ParsedArguments): void {
    if (parsed.watch && parsed.command === 'render' && parsed.output === undefined) {
        throw new UsageError('vstream render --watch writes its map again and again: name the file with -o');
    }
    if (parsed.card !== undefined && parsed.output !== undefined) {
        throw new UsageError('vstream doc either writes a card (-o) or checks one (--check), not both');
    }
    if (parsed.command === 'diff' && parsed.format === 'json' && parsed.output !== undefined) {
        throw new UsageError('-o of vstream diff writes the Markdown; --json prints to standard output');
    }
    const kind = parsed.command && OUTPUT_KINDS[parsed.command];
    if (parsed.output !== undefined && kind && !kind.pattern.test(parsed.output)) {
        throw new UsageError(`-o of vstream ${parsed.command} names ${kind.described}, not '${parsed.output}'`);
    }
    if (parsed.command === 'render') {
        checkMarkdownRender(parsed);
    }
}

/** Markdown in, Markdown out: a document renders to a document (its maps as images beside it), a map never to a .md. */
function checkMarkdownRender(parsed: ParsedArguments): void {
    const markdownIn = parsed.paths.some(isMarkdownPath);
    const markdownOut = parsed.output !== undefined && isMarkdownPath(parsed.output);
    if (markdownIn && (parsed.paths.length !== 1 || !markdownOut)) {
        throw new UsageError('a Markdown file renders alone, to -o OUT.md: vstream render DOC.md -o OUT.md');
    }
    if (markdownOut && !markdownIn) {
        throw new UsageError('-o OUT.md is for a Markdown file given to render (vstream render DOC.md -o OUT.md)');
    }
}

/** The codes of `--ignore`, each one vstream reports. */
function diagnosticCodes(value: string): string[] {
    const codes = value
        .split(',')
        .map(code => code.trim())
        .filter(Boolean);
    const unknown = codes.find(code => !(code in SEVERITY_OF));
    if (unknown !== undefined) {
        throw new UsageError(`--ignore '${unknown}' is not a diagnostic code of vstream (see vstream check --help)`);
    }
    return codes;
}

function parseThreshold(value: string): number {
    const match = /^([0-9]+(?:\.[0-9]+)?)%?$/.exec(value);
    const percent = match ? Number(match[1]) : Number.NaN;
    if (!(percent >= 0 && percent <= 100)) {
        throw new UsageError(`--flow-efficiency-threshold is a percentage from 0 to 100, not '${value}'`);
    }
    return percent / 100;
}
