/** The `vstream` command line: parses the arguments, runs a command, returns its exit status. */
import packageJson from '../../package.json' with { type: 'json' };
import { countOf, showHoursOnly } from '../analysis/figures.js';
import { isMarkdownPath, parseArguments, type CommandName, type ParsedArguments } from './arguments.js';
import { renderMarkdown } from './markdown-command.js';
import { checkExitStatus, checkReport, formatCheckText } from './check-command.js';
import { formatMetricsText, measureStreams, metricsEntry } from './metrics-command.js';
import { docCommand } from './doc-command.js';
import { renderCommand } from './render-command.js';
import { loadWorkspace, type LoadedWorkspace, type ReportedFile } from './workspace.js';

const USAGE = `vstream ${packageJson.version} — value stream maps as code

Usage:
  vstream check PATH... [--format text|json] [--strict] [--flow-efficiency-threshold PERCENT] [--ignore CODE]
  vstream metrics PATH... [--json]
  vstream render PATH... [-o OUT.svg|OUT.png|OUT.html] [--stream NAME] [--theme light|dark] [--scale N]
  vstream render DOC.md -o OUT.md [--image svg|png] [--theme light|dark] [--scale N]
  vstream doc PATH... [-o OUT.md] [--stream NAME]
  vstream --help | --version

Durations read in the unit that reads best (39 s, 45 m, 6 h, 11.4 d, 6 w; d and w are working
days and weeks); --hours shows them in hours only. JSON gives unrounded hours.

PATH is a .vstream file or a folder (searched recursively for *.vstream), or - for standard
input (read as a file of the current folder). A file also loads the other .vstream files of
its folder, so that a shared catalogue of teams and systems resolves; only the files named
(or found under the folders named) are reported. Without -o, results go to standard output.

Exit status: 0 when fine; 1 when check finds an error (with --strict, also a warning);
2 for bad usage or input that cannot be read.
`;

const COMMAND_HELP: Record<CommandName, string> = {
    check: `Usage: vstream check PATH... [--format text|json] [--strict] [--flow-efficiency-threshold PERCENT] [--ignore CODE]

Prints one line per diagnostic, file:line:column: severity code message, then a summary.
  --format json    one JSON array of { file, line, column, endLine, endColumn, severity, code, message }
  --strict         exit with status 1 on warnings too
  --flow-efficiency-threshold PERCENT
                   report low-flow-efficiency below this (default 25)
  --ignore CODE    do not report this code (repeat it, or list codes with commas); in a file,
                   \`// vstream-ignore CODE\` on the line before a statement quiets it there
  --hours          durations in hours only
`,
    metrics: `Usage: vstream metrics PATH... [--json]

Prints per stream its lead time, process time, flow efficiency, rolled %C&A, effort, handoffs,
wait outside control, expected lead time (with rework), best and worst lead time (with ranges),
target and critical path. A stream that improves another is compared with it.
  --json           one JSON array, one object per stream, numbers unrounded
  --hours          durations in hours only
`,
    render: `Usage: vstream render PATH... [-o OUT.svg|OUT.png|OUT.html] [--stream NAME] [--theme light|dark] [--scale N]
       vstream render DOC.md -o OUT.md [--image svg|png] [--theme light|dark] [--scale N]

Draws the value stream map of each stream, as the editor's preview does: swimlanes per team,
handoffs, waits, rework, kaizen bursts and the lead-time ladder.
  -o OUT.svg       the map as a self-contained SVG: the theme's colours written out, so that
                   browsers, resvg, Inkscape and image tools draw it alike (without -o, the
                   SVG goes to standard output)
  -o OUT.png       the map as PNG, drawn with the bundled Inter font (the system's fonts join
                   only for characters Inter lacks, such as CJK); the same input gives the
                   same bytes. A map beyond 16 million pixels is drawn at a smaller scale
  -o OUT.html      a standalone page with the map, the figures and the findings
  --stream NAME    only this stream
  --theme THEME    light (default) or dark colours
  --hours          durations in hours only
  --scale N        PNG pixels per unit of the map, 0.5 to 4 (default 2)

A Markdown file in, a Markdown file out: each \`\`\`vstream block of DOC.md becomes an image of its
map, written beside OUT.md as OUT-1-STREAM.svg (or .png), with alt text naming the title and
the headline figures; every other byte of the document stays as it was. A block that does not
parse stays as it is, its problems on standard error, and the exit status is 1.
  --image KIND     svg (default) or png images
`,
    doc: `Usage: vstream doc PATH... [-o OUT.md] [--stream NAME]

Writes a stream card per stream as Markdown: the identification card (recipient, start and end,
teams, systems, major handoffs, known delays, common rework, primary measure), the figures, the
findings, the improvement ideas, and a checklist section per handoff (intake rules, quality
checks, exception paths) for the teams to fill in.
  -o OUT.md        write the cards to this file (without -o, to standard output); over an
                   earlier card, nothing people wrote is lost: what stands under "Agreed by
                   the teams:" stays under its handoff with its ticks, anything else written
                   moves to "Kept from the earlier card" at the end (standard error says how
                   many lines)
  --stream NAME    only this stream
  --hours          durations in hours only
`
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
            return check(args, out);
        case 'metrics':
            return metrics(args, out, warn);
        case 'render':
            return isMarkdownPath(args.paths[0]) ? renderMarkdown(args, warn) : render(args, out, warn, renderCommand);
        case 'doc':
            return render(args, out, warn, docCommand);
    }
}

async function check(args: ParsedArguments, out: (text: string) => void): Promise<number> {
    const workspace = await loadWorkspace(args.paths, services => {
        if (args.flowEfficiencyThreshold !== undefined) {
            services.analysis.Settings.flowEfficiencyThreshold = args.flowEfficiencyThreshold;
        }
        services.analysis.Settings.ignoredCodes = new Set(args.ignore);
    });
    const entries = checkReport(workspace.files);
    out(args.json ? JSON.stringify(entries, undefined, 2) + '\n' : formatCheckText(entries, workspace.files.length));
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
    out(args.json ? JSON.stringify(streams.map(metricsEntry), undefined, 2) + '\n' : formatMetricsText(streams));
    return 0;
}

type RenderingCommand = (
    workspace: LoadedWorkspace,
    args: ParsedArguments,
    out: (text: string) => void,
    warn: (text: string) => void
) => number | Promise<number>;

/** A command that turns the streams into a file: a map or a card. */
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
