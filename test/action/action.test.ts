/**
 * The GitHub Action, run as a runner runs it: its install step (action.yml's own script) installs
 * the package packed from this repository, as the `package` input allows; then its check step
 * runs on a temporary repository whose map a pull request changes across two commits, with the
 * GITHUB_* variables a runner sets and the event file it writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const actionYml = readFileSync(resolve(root, 'action.yml'), 'utf8');

/** The step of action.yml that the action installed, run by the steps below. */
let ACTION: string;
/** The installed command, which the step names to later steps of the job. */
let CLI: string;

/** A `run: |` script of action.yml, as the runner hands it to bash. */
function stepScript(name: string): string {
    const step = actionYml.slice(actionYml.indexOf(`- name: ${name}\n`));
    const [, block] = /\n {10}run: \|\n((?: {14}.*\n)+)/.exec(step) ?? [];
    expect(block, `the script of the step ${name}`).toBeDefined();
    return block.replace(/^ {14}/gm, '');
}

/** Packing, and an install from npm's cache, then two commits, a few runs of the command each: about 20 s, more on a loaded machine. */
const ACTION_TIMEOUT = 60_000;

const CATALOGUE_BEFORE = 'team Sales "Sales"\nteam Ops "Operations"\nsystem Desk "Service desk"\n';
// The pull request renames a team in the catalogue: the earlier map must still resolve the earlier name.
const CATALOGUE_AFTER = 'team Sales "Sales"\nteam Warehouse "Warehouse"\nsystem Desk "Service desk"\n';

const ORDER_BEFORE = `stream order "Order" {
    recipient "Customer" start "Order placed" end "Order shipped"
    step take "Take order" { owner Sales process 1h wait 4h }
    step pick { owner Ops process 2h wait 1d on Desk complete 90% }
    step ship { owner Ops process 1h }
    handoff take -> pick { carries "order" }
    flow pick -> ship
}
`;
// A step added (check), a wait changed (take), a handoff removed (take -> pick), an error (Nobody).
const ORDER_AFTER = `stream order "Order" {
    recipient "Customer" start "Order placed" end "Order shipped"
    step take "Take order" { owner Sales process 1h wait 2h }
    step check "Check stock" { owner Warehouse process 30m }
    step pick { owner Warehouse process 2h wait 1d on Desk complete 90% }
    step ship { owner Nobody process 1h }
    flow take -> check
    flow check -> pick -> ship
}
`;
// A new map in a folder of its own, with its own team.
const RETURNS = 'team Clerks\nstream returns "Returns" { recipient "c" start "a" end "b" step log { owner Clerks } }\n';

function git(args: string[], cwd: string): string {
    const result = spawnSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'Test',
            GIT_AUTHOR_EMAIL: 'test@example.com',
            GIT_COMMITTER_NAME: 'Test',
            GIT_COMMITTER_EMAIL: 'test@example.com'
        }
    });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
}

function write(folder: string, path: string, text: string): void {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
}

interface ActionRun {
    status: number | null;
    stdout: string;
    stderr: string;
    summary: string;
    output: string;
    temp: string;
}

/** The step as a runner starts it, in a job of its own: fresh summary, output and temporary folders. */
function runAction(workspace: string, event: string, inputs: Record<string, string>, eventFile?: string): ActionRun {
    const job = mkdtempSync(join(tmpdir(), 'vstream-job-'));
    const temp = join(job, 'runner-temp');
    mkdirSync(temp);
    writeFileSync(join(job, 'summary.md'), '');
    writeFileSync(join(job, 'output'), '');
    const result = spawnSync(process.execPath, [ACTION], {
        cwd: workspace,
        encoding: 'utf8',
        env: {
            PATH: process.env.PATH,
            GITHUB_ACTIONS: 'true',
            GITHUB_WORKSPACE: workspace,
            GITHUB_EVENT_NAME: event,
            GITHUB_EVENT_PATH: eventFile ?? '',
            GITHUB_STEP_SUMMARY: join(job, 'summary.md'),
            GITHUB_OUTPUT: join(job, 'output'),
            GITHUB_SERVER_URL: 'https://github.com',
            GITHUB_REPOSITORY: 'acme/maps',
            GITHUB_RUN_ID: '42',
            RUNNER_TEMP: temp,
            ...inputs
        }
    });
    return {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        summary: readFileSync(join(job, 'summary.md'), 'utf8'),
        output: readFileSync(join(job, 'output'), 'utf8'),
        temp
    };
}

let repository: string;
let eventFile: string;

/** The install step of action.yml with the package packed from this repository as its input. */
function installPackedAction(): void {
    const job = mkdtempSync(join(tmpdir(), 'vstream-install-'));
    const packed = spawnSync(process.execPath, [resolve(root, 'scripts/pack-npm.js'), '--out', job], {
        encoding: 'utf8'
    });
    expect(packed.status, packed.stderr).toBe(0);
    writeFileSync(join(job, 'output'), '');
    const installed = spawnSync('bash', ['-e', '-c', stepScript('Install vstream')], {
        cwd: job,
        encoding: 'utf8',
        env: {
            // The installed command runs on the Node of the tests; npm answers from its cache where it can.
            PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
            HOME: process.env.HOME,
            npm_config_prefer_offline: 'true',
            GITHUB_ACTION_PATH: root,
            GITHUB_OUTPUT: join(job, 'output'),
            RUNNER_TEMP: join(job, 'runner-temp'),
            INPUT_PACKAGE: relative(job, packed.stdout.trim())
        }
    });
    expect(installed.status, installed.stderr).toBe(0);
    ACTION = /^step=(.*)$/m.exec(readFileSync(join(job, 'output'), 'utf8'))![1];
    expect(ACTION).toBe(join(job, 'runner-temp/vstream/node_modules/vstream/out/action/action.cjs'));
    CLI = resolve(dirname(ACTION), '../cli/main.cjs');
}

beforeAll(() => {
    if (!existsSync(resolve(root, 'out/action/action.cjs'))) {
        throw new Error('out/action/action.cjs is missing: run `npm run build` first (npm test does)');
    }
    installPackedAction();
    repository = mkdtempSync(join(tmpdir(), 'vstream-repository-'));
    git(['init', '-q', '-b', 'main'], repository);
    write(repository, 'maps/teams.vstream', CATALOGUE_BEFORE);
    write(repository, 'maps/order.vstream', ORDER_BEFORE);
    write(repository, 'README.md', '# Our maps\n');
    git(['add', '.'], repository);
    git(['commit', '-q', '-m', 'The maps'], repository);
    const base = git(['rev-parse', 'HEAD'], repository);
    git(['checkout', '-q', '-b', 'faster-orders'], repository);
    write(repository, 'maps/teams.vstream', CATALOGUE_AFTER);
    write(repository, 'maps/order.vstream', ORDER_AFTER);
    write(repository, 'maps/returns/returns.vstream', RETURNS);
    git(['add', '.'], repository);
    git(['commit', '-q', '-m', 'Check stock before picking'], repository);
    const head = git(['rev-parse', 'HEAD'], repository);
    eventFile = join(mkdtempSync(join(tmpdir(), 'vstream-event-')), 'event.json');
    writeFileSync(
        eventFile,
        JSON.stringify({ action: 'opened', pull_request: { base: { sha: base }, head: { sha: head } } })
    );
}, ACTION_TIMEOUT);

describe('the GitHub Action on a pull request', { timeout: ACTION_TIMEOUT }, () => {
    let run: ActionRun;

    beforeAll(() => {
        run = runAction(
            repository,
            'pull_request',
            {
                INPUT_PATHS: 'maps',
                INPUT_STRICT: 'false',
                INPUT_SARIF: 'reports/vstream.sarif',
                INPUT_ARTIFACT_NAME: 'vstream-maps'
            },
            eventFile
        );
    }, ACTION_TIMEOUT);

    it('prints an annotation per diagnostic, and fails the step on the error', () => {
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(
            "::error file=maps/order.vstream,line=6,col=23,endLine=6,endColumn=29,title=unresolved-reference::Unknown team 'Nobody'"
        );
        expect(run.stdout).toMatch(/^::notice file=maps\/order.vstream,.*title=wait-outside-control::/m);
    });

    it('writes the SARIF log where it was asked', () => {
        const log = JSON.parse(readFileSync(join(repository, 'reports/vstream.sarif'), 'utf8')) as {
            version: string;
            runs: Array<{
                results: Array<{
                    ruleId: string;
                    level: string;
                    locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
                }>;
            }>;
        };
        expect(log.version).toBe('2.1.0');
        const error = log.runs[0].results.find(result => result.ruleId === 'unresolved-reference')!;
        expect(error.level).toBe('error');
        expect(error.locations[0].physicalLocation.artifactLocation.uri).toBe('maps/order.vstream');
    });

    it('writes to the job summary what the pull request does to each map it changes', () => {
        const { summary } = run;
        expect(summary).toMatch(
            /^## vstream check\n\n1 error, \d+ notices in the maps, shown as annotations on their lines\.\n/
        );
        expect(summary).toContain('## The maps of this pull request');
        expect(summary).toContain(
            'in the artifact **vstream-maps** of [this run](https://github.com/acme/maps/actions/runs/42)'
        );
        const order = summary.slice(
            summary.indexOf('### `maps/order.vstream` (changed)'),
            summary.indexOf('### `maps/returns/returns.vstream`')
        );
        expect(order).toContain('| Order (`order`) | 16 h → 14.5 h (−1.5 h, better) |');
        expect(order).toContain('#### Order (`order`)');
        expect(order).toContain('- **Steps added:** `check` (Check stock)');
        expect(order).toContain('- **Steps changed:** `take` (Take order): wait 4 h → 2 h;');
        expect(order).toContain('- **Edges removed:** `take -> pick`');
        expect(order).toContain(
            'Pictures in the artifact, folder `maps-order`: `order-after.svg`, `order-before.svg`, shown by `diff.md` beside them.'
        );
        const returns = summary.slice(summary.indexOf('### `maps/returns/returns.vstream` (added)'));
        expect(returns).toContain('| Returns (`returns`) | 0 h | 0 h | n/a | 0 | new stream |');
        expect(returns).toContain('`returns-after.svg`');
    });

    it('reads each version among its own folder as it was, so the earlier catalogue resolves', () => {
        // Only the later order has an error (Nobody); the earlier one resolves Ops from the earlier catalogue.
        expect(run.stderr.trim().split('\n')).toEqual([
            expect.stringMatching(/^vstream: .*\/vstream-versions\/after\/maps\/order.vstream has 1 error;/)
        ]);
        expect(run.summary).toContain('`pick`: owner Operations → Warehouse');
    });

    it('leaves both pictures of each changed map, with their Markdown, in the folder it names for the artifact', () => {
        const maps = join(run.temp, 'vstream-maps');
        expect(run.output).toBe(`command=${CLI}\nmaps=${maps}\n`);
        expect(readdirSync(join(maps, 'maps-order')).sort()).toEqual([
            'diff.md',
            'order-after.svg',
            'order-before.svg'
        ]);
        expect(readFileSync(join(maps, 'maps-order/order-before.svg'), 'utf8')).toMatch(/^<svg /);
        expect(readFileSync(join(maps, 'maps-order/order-after.svg'), 'utf8')).toContain('Check stock');
        expect(readFileSync(join(maps, 'maps-order/diff.md'), 'utf8')).toContain(
            '| ![order before](order-before.svg) | ![order after](order-after.svg) |'
        );
        expect(readdirSync(join(maps, 'maps-returns-returns')).sort()).toEqual(['diff.md', 'returns-after.svg']);
    });
});

describe('the GitHub Action elsewhere', { timeout: ACTION_TIMEOUT }, () => {
    it('on a push, checks the maps and writes no pull request section', () => {
        const run = runAction(repository, 'push', { INPUT_PATHS: 'maps' });
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('title=unresolved-reference');
        expect(run.summary).toMatch(/^## vstream check\n\n1 error/);
        expect(run.summary).not.toContain('## The maps of this pull request');
        expect(run.output).toBe(`command=${CLI}\n`);
    });

    it('says to fetch the history when the checkout has only the last commit', () => {
        const shallow = mkdtempSync(join(tmpdir(), 'vstream-shallow-'));
        git(['clone', '-q', '--depth', '1', '--branch', 'faster-orders', `file://${repository}`, shallow], tmpdir());
        const run = runAction(shallow, 'pull_request', { INPUT_PATHS: 'maps' }, eventFile);
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(
            /^::warning title=vstream::The history of the pull request is not here .*fetch-depth: 0/m
        );
        expect(run.summary).toContain('check out with `fetch-depth: 0`');
    });
});

describe('action.yml', () => {
    const script = readFileSync(resolve(root, 'src/action/action.ts'), 'utf8');
    const checkStep = actionYml.slice(
        actionYml.indexOf('- name: Check the maps\n'),
        actionYml.indexOf('- name: Upload')
    );

    it('is a composite action that installs the package and runs its step, building nothing', () => {
        expect(actionYml).toMatch(/^runs:\n\s+using: composite$/m);
        expect(actionYml).toContain('run: node "${{ steps.install.outputs.step }}"');
        expect(actionYml).not.toMatch(/npm ci|npm run build/);
        expect(readFileSync(resolve(root, 'esbuild.js'), 'utf8')).toContain("outfile: 'out/action/action.cjs'");
    });

    it('passes the check step every input it reads', () => {
        const passed = [...checkStep.matchAll(/^\s+(INPUT_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)];
        const read = [...script.matchAll(/env\.(INPUT_[A-Z_]+)/g)].map(match => match[1]);
        expect(passed.map(match => match[1]).sort()).toEqual([...new Set(read)].sort());
        for (const [, variable, input] of passed) {
            expect(variable).toBe(`INPUT_${input.toUpperCase().replace(/-/g, '_')}`);
            expect(actionYml).toMatch(new RegExp(`^    ${input}:$`, 'm'));
        }
    });
});
