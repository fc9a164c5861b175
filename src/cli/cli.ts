/** The `vstream` command line: parses the arguments, runs a command, returns its exit status. */
import packageJson from '../../package.json' with { type: 'json' };
import { countOf, showHoursOnly } from '../analysis/figures.js';
import { startNodeServer } from '../language/node-server.js';
import { isMarkdownPath, parseArguments, type CommandName, type ParsedArguments } from './arguments.js';
import { renderMarkdown } from './markdown-command.js';
import { checkExitStatus, checkReport, formatCheck } from './check-command.js';
import { formatMetricsText, measureStreams, metricsEntry } from './metrics-command.js';
import { diffCommand } from './diff-command.js';
import { docCommand } from './doc-command.js';
import { FORECAST_HELP, forecastCommand } from './forecast-command.js';
import { renderCommand } from './render-command.js';
import { checkAgainstHistory, measureCommand } from './measure-command.js';
import { watchAndRun } from './watch.js';
import { loadVersions, loadWorkspace, type LoadedWorkspace, type ReportedFile } from './workspace.js';

const USAGE = `vstream ${packageJson.version} — value stream maps as code

Usage:
  vstream check PATH... [--format text|json|sarif|github] [--strict] [--flow-efficiency-threshold PERCENT] [--ignore CODE] [--watch]
               [--events FILE... [--columns item=A,status=B,at=C] [--calendar workweek|all] [--time-format FORMAT]
                [--timezone ZONE] [--as-of TIME] [--skip-bad-rows]]
  vstream metrics PATH... [--json]
  vstream render PATH... [-o OUT.svg|OUT.png|OUT.html] [--stream NAME] [--layout lanes|classic] [--theme light|dark] [--scale N] [--text font|paths] [--watch]
  vstream render DOC.md -o OUT.md [--image svg|png] [--theme light|dark] [--scale N] [--watch]
  vstream doc PATH... [-o OUT.md | --check CARD.md] [--stream NAME]
  vstream diff BEFORE AFTER [--json] [-o OUT.md] [--images DIR]
  vstream measure PATH... --events FILE... [--stream NAME] [--json] [--columns item=A,status=B,at=C]
               [--calendar workweek|all] [--time-format FORMAT] [--timezone ZONE] [--as-of TIME] [--skip-bad-rows]
               [--sql] [--update [--ranges]]
  vstream forecast PATH... [--trials N] [--seed S] [--stream NAME] [--json]
  vstream lsp [--stdio]
  vstream --help | --version

Durations read in the unit that reads best (39 s, 45 m, 6 h, 11.4 d, 6 w; d and w are working
days and weeks); --hours shows them in hours only. JSON gives unrounded hours.

PATH is a .vstream file or a folder (searched recursively for *.vstream), or - for standard
input (read as a file of the current folder). A file also loads the other .vstream files of
its folder, so that a shared catalogue of teams and systems resolves; only the files named
(or found under the folders named) are reported. Without -o, results go to standard output.

Exit status: 0 when fine; 1 when check finds an error (with --strict, also a warning) or
doc --check a card that no longer matches its map; 2 for bad usage or input that cannot be read;
130 when Ctrl+C stops a measurement.
`;

const COMMAND_HELP: Record<CommandName, string> = {
    check: `Usage: vstream check PATH... [--format text|json|sarif|github] [--strict] [--flow-efficiency-threshold PERCENT] [--ignore CODE] [--watch]

Prints one line per diagnostic, file:line:column: severity code message, then a summary.
  --format json    one JSON array of { file, line, column, endLine, endColumn, severity, code, message }
  --format sarif   a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers
  --format github  one GitHub Actions workflow command per diagnostic (::error, ::warning,
                   ::notice), shown as annotations on the lines of a pull request
  --strict         exit with status 1 on warnings too
  --flow-efficiency-threshold PERCENT
                   report low-flow-efficiency below this (default 25)
  --ignore CODE    do not report this code (repeat it, or list codes with commas); in a file,
                   \`// vstream-ignore CODE\` on the line before a statement quiets it there
  --hours          durations in hours only
  --watch          check again whenever a .vstream file under the paths changes, until
                   Ctrl+C; each run starts with "[HH:MM:SS] vstream check" and ends with
                   "[HH:MM:SS] watching for changes" (the VS Code task $vstream-watch reads them)
  --events FILE... measure the streams on this tracker history first (see vstream measure
                   --help), and add the info measured-drift where a step's process or wait lies
                   outside [0.5, 2] × its measured median, and unseen-status where the map names
                   a status the history never has; --columns, --calendar, --time-format,
                   --timezone, --as-of and --skip-bad-rows as for measure
`,
    metrics: `Usage: vstream metrics PATH... [--json]

Prints per stream its lead time, process time, flow efficiency, rolled %C&A, effort, handoffs,
wait outside control, expected lead time (with rework), best and worst lead time (with ranges),
target and critical path. A stream that improves another is compared with it.
  --json           one JSON array, one object per stream, numbers unrounded
  --hours          durations in hours only
`,
    render: `Usage: vstream render PATH... [-o OUT.svg|OUT.png|OUT.html] [--stream NAME] [--layout lanes|classic] [--theme light|dark] [--scale N] [--text font|paths] [--watch]
       vstream render DOC.md -o OUT.md [--image svg|png] [--layout lanes|classic] [--theme light|dark] [--scale N] [--watch]

Draws the value stream map of each stream, as the editor's preview does: swimlanes per team,
handoffs, waits, rework, kaizen bursts and the lead-time ladder.
  -o OUT.svg       the map as a self-contained SVG: the theme's colours written out and the
                   glyphs of Inter it uses embedded, so that browsers, resvg, Inkscape and
                   image tools draw it alike (without -o, the SVG goes to standard output)
  -o OUT.png       the map as PNG, its text drawn as outlines of the bundled Inter font (the
                   system's fonts join only for characters Inter lacks, such as CJK; an emoji
                   becomes ○); the same input gives the same bytes. A map beyond 16 million
                   pixels is drawn at a smaller scale
  -o OUT.html      a standalone page with the map, the figures and the findings
  --stream NAME    only this stream
  --layout NAME    lanes (a lane per team) or classic (Learning to See's map: processes in a
                   row, data boxes, inventory triangles, supplier and customer with takt time),
                   over each stream's own \`layout\` (lanes when it says none)
  --theme THEME    light (default) or dark colours
  --hours          durations in hours only
  --scale N        PNG pixels per unit of the map, 0.5 to 4 (default 2)
  --text paths     SVG and page: text as outlines of Inter's glyphs, the same in every
                   viewer (the text kept, invisible, for screen readers and search);
                   --text font (default) embeds the glyphs as a font

A Markdown file in, a Markdown file out: each \`\`\`vstream block of DOC.md becomes an image of its
map, written beside OUT.md as OUT-1-STREAM.svg (or .png), with alt text naming the title and
the headline figures; every other byte of the document stays as it was. A block that does not
parse stays as it is, its problems on standard error, and the exit status is 1.
  --image KIND     svg (default) or png images
  --watch          draw again into the -o file whenever a .vstream file under the paths (or
                   DOC.md) changes, until Ctrl+C
`,
    doc: `Usage: vstream doc PATH... [-o OUT.md | --check CARD.md] [--stream NAME]

Writes a stream card per stream as Markdown: the identification card (recipient, start and end,
teams, systems, major handoffs, known delays, common rework, primary measure), the figures, the
findings, the improvement ideas, and a checklist section per handoff (intake rules, quality
checks, exception paths) for the teams to fill in.
  -o OUT.md        write the cards to this file (without -o, to standard output); over an
                   earlier card, nothing people wrote is lost: what stands under "Agreed by
                   the teams:" stays under its handoff with its ticks, anything else written
                   moves to "Kept from the earlier card" at the end (standard error says how
                   many lines)
  --check CARD.md  write nothing: exit 1 when the saved card is not what -o would write over
                   it now (the map changed since), saying where they differ; 0 when it is
  --stream NAME    only this stream
  --hours          durations in hours only
`,
    diff: `Usage: vstream diff BEFORE AFTER [--json] [-o OUT.md] [--images DIR]

Compares two versions of a map (two files; - reads one of them from standard input as another
text of the other file): per stream, its figures before and after and their change, and the
steps, edges and rework loops added, removed and changed. Each file is read with the other
.vstream files of its own folder, so that its catalogue resolves. Prints Markdown for a pull
request: a table of the streams first, then the details of each stream that changed.
  --json           one JSON array, per stream { stream, before, after, steps: { added,
                   removed, changed }, edges: { added, removed } }, before and after as
                   metrics --json gives them (null on the side without the stream)
  -o OUT.md        write the Markdown to this file (without -o, to standard output)
  --images DIR     write the map of each changed stream before and after to
                   DIR/<stream>-before.svg and DIR/<stream>-after.svg, and show them
                   (linked from where the Markdown is written)
  --hours          durations in hours only

Example: git show main:maps/x.vstream | vstream diff - maps/x.vstream
`,
    measure: `Usage: vstream measure PATH... --events FILE... [--stream NAME] [--json] [--columns item=A,status=B,at=C]
                       [--calendar workweek|all] [--time-format FORMAT] [--timezone ZONE] [--as-of TIME]
                       [--skip-bad-rows] [--sql] [--update [--ranges]]

Measures each stream that names tracker statuses (\`status\` and \`queue\` on its steps, \`done\`
on the stream) on the status history of the items in a tracker: per stream, its items, done,
in progress, throughput and lead time (p50, p85, p95) beside the mapped lead time; per step,
the measured process and wait (p50, p85) beside the mapped ones, marked where they drift.
The history is read by an embedded DuckDB where it lies, in bounded memory.
  --events FILE... the history: rows (item, status, at) in CSV with a header row, Parquet or
                   JSON lines (.csv, .parquet, .jsonl, .ndjson; .gz read as it is); the files
                   after the first are taken up to the next option
  --columns item=A,status=B,at=C
                   the history's names for the three columns (default item, status, at)
  --time-format FORMAT
                   how the history writes its times: strptime codes such as '%d-%m-%Y %H:%M'
                   (%Y %m %d %H %M %S %f %z %b…, as DuckDB's strptime; %Z is refused), epoch
                   (seconds since 1970-01-01 UTC) or epoch-ms; default ISO 8601
  --timezone ZONE  the IANA zone of times written without an offset, with its daylight-saving
                   rules (default UTC); a time its clocks skip or show twice is unreadable. Zone
                   abbreviations are read only where the zone itself uses them (PST and PDT with
                   America/Los_Angeles)
  --as-of TIME     rows after this ISO 8601 time are unreadable (default: now)
  --skip-bad-rows  measure even when more than 1% of the rows are unreadable
  --calendar all   count every day of the week (default workweek: Monday to Friday, UTC);
                   24 counted hours are one working day of the stream either way
  --stream NAME    only this stream
  --json           one JSON array, per stream { stream, items, done, wip, throughputPerWeek,
                   leadTime: { p50, p85, p95 }, steps: [ { step, items, visits, process:
                   { mapped, p50, p85 }, wait: { mapped, p50, p85 } } ], branches: [ { from,
                   to, mapped, measured, samples, both } ], rework: [ { from, to, mapped,
                   measured, samples } ], forecast: { p50, p85 } }, hours unrounded
  --sql            print the measurement as one SQL query over a table events(item, status,
                   at, seq), to run where the history lives (docs/measure.md); reads no history
  --update         write what was measured into the map as edits of its figures only
                   (comments and layout kept): per step its medians per visit, per rework its
                   rate, per decision its shares (added where the history shows one); figures
                   of fewer than 5 visits are left
  --ranges         with --update, write each time as a range shaped like its visits' times
                   (docs/measure.md, "How the ranges are chosen")
  --hours          durations in hours only

A row that cannot be read (a CSV record that cannot be split, no item, a time that cannot be
read or lies after --as-of) is left out with every row of its item, and counted; when more than
1% of the rows cannot be read, nothing is measured (exit status 2) and the first of them are
named, file:line. Statuses no step maps (with "did you mean" for one that differs from the
map's only in case or spaces) and statuses of the map that never occur are listed: all on
standard error. On a terminal, progress shows on standard error; Ctrl+C stops the measurement
(exit status 130).
`,
    lsp: `Usage: vstream lsp [--stdio]

Serves the language server over standard input and output, for any editor that speaks the
Language Server Protocol (Neovim, Helix, Emacs, Zed, Sublime Text…): diagnostics, hover,
completion, go to definition, references, rename, formatting, code actions and code lens.
It reads the .vstream files of the workspace folders the editor names. --stdio, which some
editors add, changes nothing. The setup of each editor: docs/editors.md.
`,
    forecast: FORECAST_HELP
};

export async function run(argv: string[], out: (text: string) => void, warn: (text: string) => void): Promise<number> {
    const args = parseArguments(argv);
    if (args.help) {
        out(args.command ? COMMAND_HELP[args.command] : USAGE);
        return 0;
    }
    if (args.version) {
        out(`${packageJson.version}\n`);
        return 0;
    }
    if (!args.command) {
        out(USAGE);
        return 2;
    }
    showHoursOnly(args.hours);
    switch (args.command) {
        case 'check':
            return args.watch
                ? watchAndRun('check', args.paths, () => check(args, out, warn), out, warn)
                : check(args, out, warn);
        case 'metrics':
            return metrics(args, out, warn);
        case 'render':
            return args.watch
                ? watchAndRun('render', args.paths, () => draw(args, out, warn), out, warn)
                : draw(args, out, warn);
        case 'doc':
            return render(args, out, warn, docCommand);
        case 'diff':
            return diff(args, out, warn);
        case 'measure':
            return render(args, out, warn, measureCommand);
        case 'lsp':
            return serveLanguage();
        case 'forecast':
            return render(args, out, warn, forecastCommand);
    }
}

async function check(
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<number> {
    const workspace = await loadWorkspace(args.paths, services => {
        if (args.flowEfficiencyThreshold !== undefined) {
            services.analysis.Settings.flowEfficiencyThreshold = args.flowEfficiencyThreshold;
        }
        services.analysis.Settings.ignoredCodes = new Set(args.ignore);
    });
    if (args.events.length > 0) {
        await checkAgainstHistory(workspace, args, warn);
    }
    const entries = checkReport(workspace.files);
    out(formatCheck(entries, args.format, workspace.files.length));
    return checkExitStatus(entries, args.strict);
}

async function metrics(
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
): Promise<number> {
    const workspace = await loadWorkspace(args.paths);
    warnAboutErrors(workspace.files, warn);
    const streams = measureStreams(workspace.files, workspace.services);
    out(
        args.format === 'json'
            ? JSON.stringify(streams.map(metricsEntry), undefined, 2) + '\n'
            : formatMetricsText(streams)
    );
    return 0;
}

async function diff(args: ParsedArguments, out: (text: string) => void, warn: (text: string) => void): Promise<number> {
    const [before, after] = await loadVersions(args.paths[0], args.paths[1]);
    warnAboutErrors([...before.files, ...after.files], warn);
    return diffCommand(before, after, args, out);
}

/**
 * The language server over stdio. It never returns: the server ends the process itself, on the
 * client's `exit` or when its input closes.
 */
function serveLanguage(): Promise<number> {
    // vscode-languageserver picks its transport from the command line.
    if (!process.argv.includes('--stdio')) {
        process.argv.push('--stdio');
    }
    startNodeServer();
    return new Promise(() => undefined);
}

type RenderingCommand = (
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
) => number | Promise<number>;

/** A map, or a Markdown document whose maps become images. */
function draw(args: ParsedArguments, out: (text: string) => void, warn: (text: string) => void): Promise<number> {
    return isMarkdownPath(args.paths[0]) ? renderMarkdown(args, warn) : render(args, out, warn, renderCommand);
}

/** A command that turns the streams into a file or a report: a map, a card, a forecast. */
async function render(
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void,
    command: RenderingCommand
): Promise<number> {
    const workspace = await loadWorkspace(args.paths);
    warnAboutErrors(workspace.files, warn);
    return command(workspace, args, out, warn);
}

/** Figures of a file with errors may be incomplete: say so, on standard error so JSON stays clean. */
function warnAboutErrors(files: ReportedFile[], warn: (text: string) => void): void {
    for (const file of files) {
        const errors = (file.document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1).length;
        if (errors > 0) {
            warn(
                `vstream: ${file.displayPath} has ${countOf(errors, 'error')}; its figures may be incomplete (see vstream check).\n`
            );
        }
    }
}
