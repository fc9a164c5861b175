/**
 * The GitHub Action's step (action.yml), shipped in the npm package: checks the maps of the
 * repository with the package's `vstream` command, as a workflow would run it — annotations on the lines of a pull request,
 * a SARIF log when asked — and, on a pull request, writes to the job summary what the change
 * does to each map it touches, with the maps before and after in a folder the next step
 * uploads as an artifact. It reads what a runner sets: GITHUB_WORKSPACE, GITHUB_EVENT_NAME,
 * GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP, and the action's inputs
 * as INPUT_* (action.yml passes them).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The command of the same package: out/action/action.cjs runs out/cli/main.cjs. */
const CLI = resolve(__dirname, '../cli/main.cjs');

interface Runner {
    workspace: string;
    eventName: string;
    eventPath?: string;
    summary?: string;
    output?: string;
    temp: string;
    runUrl?: string;
    paths: string[];
    strict: boolean;
    sarif?: string;
    artifactName: string;
}

function runnerFromEnvironment(env: NodeJS.ProcessEnv): Runner {
    const required = (name: string) => {
        const value = env[name];
        if (!value) {
            throw new Error(`${name} is not set: this runs as a step of a GitHub Actions job`);
        }
        return value;
    };
    return {
        workspace: required('GITHUB_WORKSPACE'),
        eventName: env.GITHUB_EVENT_NAME ?? '',
        eventPath: env.GITHUB_EVENT_PATH,
        summary: env.GITHUB_STEP_SUMMARY,
        output: env.GITHUB_OUTPUT,
        temp: required('RUNNER_TEMP'),
        runUrl:
            env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
                ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
                : undefined,
        paths: (env.INPUT_PATHS ?? '').split(/\s+/).filter(Boolean),
        strict: env.INPUT_STRICT === 'true',
        sarif: env.INPUT_SARIF || undefined,
        artifactName: env.INPUT_ARTIFACT_NAME || 'vstream-maps'
    };
}

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

function vstream(args: string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What git prints, as bytes: a file's content exactly as committed. */
function gitBytes(args: string[], cwd: string): Buffer {
    const result = spawnSync('git', args, { cwd });
    if (result.status !== 0) {
        throw new GitError(`git ${args.join(' ')}: ${result.stderr.toString().trim()}`);
    }
    return result.stdout;
}

function git(args: string[], cwd: string): string {
    return gitBytes(args, cwd).toString();
}

class GitError extends Error {}

function main(): number {
    const runner = runnerFromEnvironment(process.env);
    if (runner.output) {
        // Later steps of the job can run the command too: `doc --check`, say.
        appendFileSync(runner.output, `command=${CLI}\n`);
    }
    const paths = runner.paths.length > 0 ? runner.paths : ['.'];
    const check = vstream(
        ['check', '--format', 'github', ...(runner.strict ? ['--strict'] : []), ...paths],
        runner.workspace
    );
    process.stdout.write(check.stdout);
    process.stderr.write(check.stderr);
    if (runner.sarif) {
        writeSarif(runner.workspace, runner.sarif, paths);
    }
    const summary = [`## vstream check\n\n${checkSummary(check)}`];
    if (isPullRequest(runner.eventName)) {
        summary.push(pullRequestSummary(runner, paths));
    }
    if (runner.summary) {
        appendFileSync(runner.summary, `${summary.join('\n\n')}\n`);
    }
    return check.status ?? 1;
}

function writeSarif(workspace: string, path: string, paths: string[]): void {
    const sarif = vstream(['check', '--format', 'sarif', ...paths], workspace);
    const file = resolve(workspace, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, sarif.stdout);
    console.log(`vstream: wrote the SARIF log to ${path}`);
}

/** What the annotations say, counted; or the one line of a check that could not run. */
function checkSummary(check: Run): string {
    if (check.status === 2) {
        return `vstream check could not run: ${check.stderr.trim()}`;
    }
    const count = (kind: string, noun: string) => {
        const found = check.stdout.split('\n').filter(line => line.startsWith(`::${kind} `)).length;
        return found === 0 ? '' : `${found} ${noun}${found === 1 ? '' : 's'}`;
    };
    const counts = [count('error', 'error'), count('warning', 'warning'), count('notice', 'notice')].filter(Boolean);
    return counts.length === 0
        ? 'No problems in the maps.'
        : `${counts.join(', ')} in the maps, shown as annotations on their lines.`;
}

function isPullRequest(eventName: string): boolean {
    return eventName === 'pull_request' || eventName === 'pull_request_target';
}

/** A map the pull request adds, changes, renames or deletes: its paths before and after (repository-relative). */
interface ChangedMap {
    before?: string;
    after?: string;
    /** The path it is known by: the later one, or the one it had before it was deleted. */
    path: string;
}

function pullRequestSummary(runner: Runner, paths: string[]): string {
    if (!runner.eventPath) {
        throw new Error('GITHUB_EVENT_PATH is not set: the pull request is not known');
    }
    const event = JSON.parse(readFileSync(runner.eventPath, 'utf8')) as {
        pull_request: { base: { sha: string }; head: { sha: string } };
    };
    const { base, head } = event.pull_request;
    const root = git(['rev-parse', '--show-toplevel'], runner.workspace).trim();
    let since: string;
    try {
        // The pull request's own changes: from where it left its base branch.
        since = git(['merge-base', base.sha, head.sha], root).trim();
    } catch (error) {
        if (!(error instanceof GitError)) {
            throw error;
        }
        console.log(
            `::warning title=vstream::The history of the pull request is not here (${error.message}); check out with fetch-depth: 0 to see what it changes in the maps.`
        );
        return '## The maps of this pull request\n\nThe history of the pull request was not fetched: check out with `fetch-depth: 0` to see what it changes in the maps.';
    }
    const changed = changedMaps(root, since, head.sha).filter(map => isUnder(root, map, runner.workspace, paths));
    if (changed.length === 0) {
        return '## The maps of this pull request\n\nThis pull request changes no map.';
    }
    const maps = join(runner.temp, 'vstream-maps');
    const sections = changed.map(map => mapDiff(root, { before: since, after: head.sha }, map, runner.temp, maps));
    if (runner.output) {
        appendFileSync(runner.output, `maps=${maps}\n`);
    }
    const where = runner.runUrl
        ? `in the artifact **${runner.artifactName}** of [this run](${runner.runUrl})`
        : `in the artifact **${runner.artifactName}** of this run`;
    return [
        '## The maps of this pull request',
        `What this pull request does to each map it changes. The maps before and after are ${where}: for each map a folder with the pictures (SVG) and the same comparison in Markdown beside them, which shows them (open it in VS Code's Markdown preview, say). A job summary cannot show pictures of its own.`,
        ...sections
    ].join('\n\n');
}

/** The .vstream files changed between two commits, renames followed. */
function changedMaps(root: string, since: string, head: string): ChangedMap[] {
    const fields = git(['diff', '--name-status', '-z', '-M', since, head, '--', '*.vstream'], root)
        .split('\0')
        .filter(Boolean);
    const maps: ChangedMap[] = [];
    // Each entry is a status, then one path, or two for a rename or a copy.
    for (let at = 0; at < fields.length;) {
        const status = fields[at];
        if (status.startsWith('R') || status.startsWith('C')) {
            maps.push({ before: fields[at + 1], after: fields[at + 2], path: fields[at + 2] });
            at += 3;
        } else {
            const path = fields[at + 1];
            maps.push({ before: status === 'A' ? undefined : path, after: status === 'D' ? undefined : path, path });
            at += 2;
        }
    }
    return maps;
}

/** Only the maps under the paths the action checks. */
function isUnder(root: string, map: ChangedMap, workspace: string, paths: string[]): boolean {
    const file = resolve(root, map.path);
    return paths.some(path => {
        const place = resolve(workspace, path);
        return file === place || file.startsWith(place.endsWith(sep) ? place : `${place}${sep}`);
    });
}

type Side = 'before' | 'after';

/**
 * One map's comparison, for the summary; its pictures and its Markdown with them go to the
 * artifact's folder. Each version is read among its own folder's .vstream files as they were at
 * its commit, written out under RUNNER_TEMP, so that the catalogue it used resolves.
 */
function mapDiff(root: string, commits: Record<Side, string>, map: ChangedMap, temp: string, maps: string): string {
    const [before, after] = (['before', 'after'] as const).map(side =>
        writeVersion(root, commits[side], map, side, temp)
    );
    const folder = join(maps, map.path.replace(/\.vstream$/, '').replace(/[^A-Za-z0-9._-]+/g, '-'));
    const forSummary = vstream(['diff', before, after], temp);
    process.stderr.write(forSummary.stderr);
    // Under the map's own heading, its streams' headings go one level down.
    const comparison = forSummary.stdout.trim().replace(/^### /gm, '#### ');
    vstream(['diff', before, after, '--images', folder, '-o', join(folder, 'diff.md')], temp);
    const pictures = readdirSync(folder).filter(file => file.endsWith('.svg'));
    const state = !map.before
        ? 'added'
        : !map.after
          ? 'deleted'
          : map.before !== map.after
            ? `renamed from \`${map.before}\``
            : 'changed';
    return [
        `### \`${map.path}\` (${state})`,
        forSummary.status === 0 ? comparison : `vstream diff could not compare it: ${forSummary.stderr.trim()}`,
        pictures.length > 0
            ? `Pictures in the artifact, folder \`${relative(maps, folder)}\`: ${pictures.map(file => `\`${file}\``).join(', ')}, shown by \`diff.md\` beside them.`
            : ''
    ]
        .filter(Boolean)
        .join('\n\n');
}

/** One side of a map, with its folder's other maps as they were then; the path of the file written. */
function writeVersion(root: string, commit: string, map: ChangedMap, side: Side, temp: string): string {
    const tree = join(temp, 'vstream-versions', side);
    const path = map[side];
    if (path === undefined) {
        // A map added or deleted has no streams on that side.
        const empty = join(tree, map.path);
        mkdirSync(dirname(empty), { recursive: true });
        writeFileSync(empty, '');
        return empty;
    }
    writeFolderAt(root, commit, dirname(path), tree);
    return join(tree, path);
}

/** The .vstream files of one folder at a commit, written under `tree` at their repository paths. */
function writeFolderAt(root: string, commit: string, folder: string, tree: string): void {
    const listing = git(['ls-tree', '-z', commit, '--', folder === '.' ? '.' : `${folder}/`], root);
    for (const entry of listing.split('\0').filter(Boolean)) {
        const [info, path] = entry.split('\t');
        if (info.split(' ')[1] === 'blob' && path.endsWith('.vstream')) {
            const target = join(tree, path);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, gitBytes(['show', `${commit}:${path}`], root));
        }
    }
}

try {
    process.exitCode = main();
} catch (error) {
    // As a workflow command, so that the job's page shows it; its text escaped as the runner reads it.
    const message = (error instanceof Error ? error.message : String(error))
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
    console.log(`::error title=vstream::${message}`);
    process.exitCode = 2;
}
