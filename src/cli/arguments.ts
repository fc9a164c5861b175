/** The command line: a command, paths, and options, each option known to its command. */
import { SEVERITY_OF } from '../language/diagnostic-codes.js';
import { DEFAULT_SCALE, SCALES } from './png.js';
import { InputError } from './workspace.js';

export type CommandName = 'check' | 'metrics' | 'render' | 'doc';

export interface ParsedArguments {
    command?: CommandName;
    paths: string[];
    help: boolean;
    version: boolean;
    json: boolean;
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
    /** The kind of image a Markdown file's maps become. */
    image: 'svg' | 'png';
}

export class UsageError extends InputError {}

const COMMANDS: readonly CommandName[] = ['check', 'metrics', 'render', 'doc'];

/** Options each command accepts, with whether they take a value. */
const OPTIONS: Record<string, { takesValue: boolean; commands: readonly CommandName[] }> = {
    '--format': { takesValue: true, commands: ['check', 'metrics'] },
    '--json': { takesValue: false, commands: ['check', 'metrics'] },
    '--strict': { takesValue: false, commands: ['check'] },
    '--flow-efficiency-threshold': { takesValue: true, commands: ['check'] },
    '-o': { takesValue: true, commands: ['render', 'doc'] },
    '--output': { takesValue: true, commands: ['render', 'doc'] },
    '--stream': { takesValue: true, commands: ['render', 'doc'] },
    '--theme': { takesValue: true, commands: ['render'] },
    '--ignore': { takesValue: true, commands: ['check'] },
    '--hours': { takesValue: false, commands: ['check', 'metrics', 'render', 'doc'] },
    '--scale': { takesValue: true, commands: ['render'] },
    '--image': { takesValue: true, commands: ['render'] }
};

export function parseArguments(argv: string[]): ParsedArguments {
    const parsed: ParsedArguments = {
        paths: [],
        help: false,
        version: false,
        json: false,
        strict: false,
        theme: 'light',
        ignore: [],
        hours: false,
        scale: DEFAULT_SCALE,
        image: 'svg'
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
    if (parsed.command && !parsed.help && parsed.paths.length === 0) {
        throw new UsageError(
            `${parsed.command} needs at least one file or folder, or - for standard input (see vstream ${parsed.command} --help)`
        );
    }
    if (parsed.paths.filter(path => path === '-').length > 1) {
        throw new UsageError('standard input (-) can be read only once');
    }
    checkOutputKind(parsed);
    return parsed;
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
            if (value !== 'json' && value !== 'text') {
                throw new UsageError(`--format is 'text' or 'json', not '${value}'`);
            }
            parsed.json = value === 'json';
            break;
        case '--json':
            parsed.json = true;
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
    }
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
    doc: { pattern: /\.(md|markdown)$/i, described: 'an .md file' }
};

function checkOutputKind(parsed: ParsedArguments): void {
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
