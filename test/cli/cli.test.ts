/** The built `vstream` command, run as a user would, on files in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKED_EXAMPLE_PATH as EXAMPLE } from '../fixtures.js';

/** Each test starts the built command once or more: about 0.3 s a start, several seconds on a loaded machine. */
const CLI_TIMEOUT = 30_000;

const CLI = resolve(__dirname, '../../out/cli/main.cjs');

function vstream(args: string[], cwd: string, input?: string | Buffer) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: string;

/** What `metrics --json` prints per stream, and `check --format json` per diagnostic. */
interface MetricsEntry {
    stream: string;
    title: string | null;
    leadTime: number;
    processTime: number;
    flowEfficiency: number | null;
    rolledCompleteAccurate: number;
    effort: number;
    handoffs: number;
    waitOutsideControl: number;
    expectedLeadTime: number;
    criticalPath: string[];
    improves: string | null;
    bestLeadTime: number;
    worstLeadTime: number;
    target: number | null;
    typicalLeadTime: number;
    typicalPath: string[];
    typicalShare: number;
}
interface CheckEntry {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    code: string;
    message: string;
}

function metricsOf(stdout: string): MetricsEntry[] {
    return JSON.parse(stdout) as MetricsEntry[];
}

function entriesOf(stdout: string): CheckEntry[] {
    return JSON.parse(stdout) as CheckEntry[];
}

/** Every file under a folder, relative to it: what a command left behind. */
function listing(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile())
        .map(entry => relative(root, join(entry.parentPath, entry.name)))
        .sort();
}

function write(path: string, text: string | Buffer): void {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
}

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    }
    folder = mkdtempSync(join(tmpdir(), 'vstream-cli-'));
    write('example/onboarding.vstream', readFileSync(EXAMPLE));
    write('shared/catalogue.vstream', 'team Ops "Operations"\nteam Ops "Twice"\nsystem Desk "Service desk"\n');
    write(
        'shared/support.vstream',
        `stream support "Support ticket" {
    recipient "Customer" start "Ticket opened" end "Ticket solved"
    step triage { owner Ops process 1h wait 2h on Desk }
    step solve { owner Ops process 2h }
    flow triage -> solve
}
`
    );
    write(
        'mistakes/broken.vstream',
        `team A
stream broken {
    recipient "r" start "a" end "b"
    step a { owner A process 1h }
    step b { process 1h }
    handoff a -> b
    flow b -> a
    step c { owner Nobody complete 150% }
}
`
    );
    write('warnings/only.vstream', 'stream w {\n    step a { process 1h }\n}\n');
    write(
        'future/states.vstream',
        `team A
stream now "Now" { recipient "r" start "a" end "b"  step a { owner A process 1h wait 9h } }
stream next "Next" improves now { recipient "r" start "a" end "b"  step a { owner A process 1h wait 1h } }
`
    );
});

describe('vstream metrics', { timeout: CLI_TIMEOUT }, () => {
    it('prints the contract figures of the worked example as JSON', () => {
        const result = vstream(['metrics', 'example/onboarding.vstream', '--json'], folder);
        expect(result.status).toBe(0);
        const [onboarding] = metricsOf(result.stdout);
        expect(Object.keys(onboarding)).toEqual([
            'stream',
            'title',
            'leadTime',
            'processTime',
            'flowEfficiency',
            'rolledCompleteAccurate',
            'effort',
            'handoffs',
            'waitOutsideControl',
            'expectedLeadTime',
            'criticalPath',
            'improves',
            'bestLeadTime',
            'worstLeadTime',
            'target',
            'typicalLeadTime',
            'typicalPath',
            'typicalShare'
        ]);
        expect(onboarding.stream).toBe('onboarding');
        // No ranges in the worked example: its best and worst lead times are its lead time.
        expect([onboarding.bestLeadTime, onboarding.worstLeadTime, onboarding.target]).toEqual([91, 91, null]);
        // No decisions: the typical path is the critical path.
        expect([onboarding.typicalLeadTime, onboarding.typicalPath, onboarding.typicalShare]).toEqual([
            onboarding.leadTime,
            onboarding.criticalPath,
            1
        ]);
        expect(onboarding.title).toBe('Customer onboarding');
        expect(onboarding.leadTime).toBeCloseTo(91, 9);
        expect(onboarding.processTime).toBeCloseTo(15, 9);
        expect(onboarding.flowEfficiency).toBeCloseTo(0.164835164835, 9);
        expect(onboarding.rolledCompleteAccurate).toBeCloseTo(0.56, 9);
        expect(onboarding.effort).toBeCloseTo(16, 9);
        expect(onboarding.handoffs).toBe(5);
        expect(onboarding.waitOutsideControl).toBeCloseTo(8, 9);
        expect(onboarding.expectedLeadTime).toBeCloseTo(113.6666666667, 9);
        expect(onboarding.criticalPath).toEqual(['sign', 'kickoff', 'provision', 'configure', 'firstRun']);
        expect(onboarding.improves).toBeNull();
    });

    it('prints a table, comparing a future state with the stream it improves', () => {
        const result = vstream(['metrics', 'future'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('now — Now');
        expect(result.stdout).toContain('improves now — Now');
        expect(result.stdout).toMatch(/lead time\s+2 h\s+was\s+10 h\s+−8 h \(better\)/);
    });

    it('reports streams of every file under a folder, in order', () => {
        const result = vstream(['metrics', '.', '--format', 'json'], folder);
        expect(metricsOf(result.stdout).map(entry => entry.stream)).toEqual([
            'onboarding',
            'now',
            'next',
            'broken',
            'support',
            'w'
        ]);
    });

    it('still prints figures for a file with errors, and says so on standard error', () => {
        const result = vstream(['metrics', 'mistakes/broken.vstream', '--json'], folder);
        expect(result.status).toBe(0);
        expect(metricsOf(result.stdout)[0].stream).toBe('broken');
        expect(result.stderr).toMatch(/broken.vstream has \d+ errors/);
    });
});

describe('vstream check', { timeout: CLI_TIMEOUT }, () => {
    it('lists diagnostics as JSON with 1-based positions and exits 1 on errors', () => {
        const result = vstream(['check', 'mistakes', '--format', 'json'], folder);
        expect(result.status).toBe(1);
        const entries = entriesOf(result.stdout);
        expect(Object.keys(entries[0])).toEqual([
            'file',
            'line',
            'column',
            'endLine',
            'endColumn',
            'severity',
            'code',
            'message'
        ]);
        const found = entries.map((entry: { line: number; code: string }) => `${entry.line}:${entry.code}`);
        expect(found).toEqual(
            expect.arrayContaining([
                '5:step-without-owner',
                '6:handoff-without-owner',
                '6:handoff-carries-nothing',
                '7:flow-cycle',
                '8:unresolved-reference',
                '8:invalid-percentage',
                '8:disconnected-step'
            ])
        );
        const unresolved = entries.find(entry => entry.code === 'unresolved-reference');
        expect(unresolved).toMatchObject({
            file: join('mistakes', 'broken.vstream'),
            line: 8,
            column: 20,
            endLine: 8,
            endColumn: 26,
            severity: 'error'
        });
    });

    it('prints file:line:column: severity code message and a summary', () => {
        const result = vstream(['check', 'mistakes/broken.vstream'], folder);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(
            "mistakes/broken.vstream:8:20: error unresolved-reference Unknown team 'Nobody'"
        );
        expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ errors, \d+ warnings?, \d+ infos? in 1 file\.$/);
    });

    it('exits 0 on warnings, and 1 with --strict', () => {
        expect(vstream(['check', 'warnings'], folder).status).toBe(0);
        expect(vstream(['check', 'warnings', '--strict'], folder).status).toBe(1);
    });

    it('resolves names from sibling files but reports only the files named', () => {
        const result = vstream(['check', 'shared/support.vstream', '--format', 'json'], folder);
        expect(result.status).toBe(0);
        const entries = entriesOf(result.stdout);
        expect(entries.map(entry => entry.code)).toEqual(['wait-outside-control']);
        expect(new Set(entries.map(entry => entry.file))).toEqual(new Set(['shared/support.vstream']));
    });

    it('reports a duplicated shared team in the catalogue file', () => {
        const result = vstream(['check', 'shared', '--format', 'json'], folder);
        expect(result.status).toBe(1);
        const duplicates = entriesOf(result.stdout).filter(entry => entry.code === 'duplicate-name');
        expect(duplicates.map(entry => entry.line)).toEqual([1, 2]);
    });

    it('applies --flow-efficiency-threshold', () => {
        const lenient = vstream(['check', 'example', '--format', 'json', '--flow-efficiency-threshold', '10'], folder);
        expect(entriesOf(lenient.stdout).map(entry => entry.code)).not.toContain('low-flow-efficiency');
        const strict = vstream(['check', 'example', '--format=json', '--flow-efficiency-threshold=20%'], folder);
        expect(entriesOf(strict.stdout).map(entry => entry.code)).toContain('low-flow-efficiency');
    });
});

describe('vstream check for CI', { timeout: CLI_TIMEOUT }, () => {
    /** The parts of a SARIF log that GitHub code scanning reads. */
    interface SarifLog {
        $schema: string;
        version: string;
        runs: Array<{
            tool: {
                driver: {
                    name: string;
                    version: string;
                    informationUri: string;
                    rules: Array<{
                        id: string;
                        shortDescription: { text: string };
                        fullDescription: { text: string };
                        help: { text: string; markdown: string };
                    }>;
                };
            };
            columnKind: string;
            results: Array<{
                ruleId: string;
                ruleIndex: number;
                level: string;
                message: { text: string };
                locations: Array<{
                    physicalLocation: {
                        artifactLocation: { uri: string };
                        region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
                    };
                }>;
                partialFingerprints?: unknown;
            }>;
        }>;
    }

    it('writes SARIF 2.1.0 with one rule per code and one result per diagnostic, and exits as check does', () => {
        const sarif = vstream(['check', 'mistakes', 'warnings', 'example', '--format', 'sarif'], folder);
        expect(sarif.status).toBe(1);
        const entries = entriesOf(
            vstream(['check', 'mistakes', 'warnings', 'example', '--format', 'json'], folder).stdout
        );
        const log = JSON.parse(sarif.stdout) as SarifLog;
        expect(log.version).toBe('2.1.0');
        expect(log.$schema).toMatch(/sarif-2\.1\.0/);
        const [run] = log.runs;
        expect(run.tool.driver.name).toBe('vstream');
        expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
        expect(run.columnKind).toBe('utf16CodeUnits');
        expect(run.tool.driver.rules.map(rule => rule.id)).toEqual([...new Set(entries.map(entry => entry.code))]);
        for (const rule of run.tool.driver.rules) {
            expect(rule.shortDescription.text, rule.id).not.toBe('');
            expect(rule.fullDescription.text, rule.id).toContain('What fixes it: ');
            expect(rule.help.text, rule.id).toMatch(/^When: .+ What fixes it: .+\.$/);
        }
        const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
        expect(run.results).toEqual(
            entries.map(entry => ({
                ruleId: entry.code,
                ruleIndex: run.tool.driver.rules.findIndex(rule => rule.id === entry.code),
                level: levels[entry.severity],
                message: { text: entry.message },
                locations: [
                    {
                        physicalLocation: {
                            artifactLocation: { uri: entry.file },
                            region: {
                                startLine: entry.line,
                                startColumn: entry.column,
                                endLine: entry.endLine,
                                endColumn: entry.endColumn
                            }
                        }
                    }
                ]
            }))
        );
        expect(run.results.map(result => result.level)).toEqual(expect.arrayContaining(['error', 'warning', 'note']));
    });

    it('writes an empty results array when there is nothing to report', () => {
        const sarif = vstream(['check', 'future', '--format', 'sarif', '--flow-efficiency-threshold', '0'], folder);
        expect(sarif.status).toBe(0);
        const [run] = (JSON.parse(sarif.stdout) as SarifLog).runs;
        expect(run.results).toEqual([]);
        expect(run.tool.driver.rules).toEqual([]);
    });

    it('prints one workflow command per diagnostic for GitHub annotations, its message escaped', () => {
        const github = vstream(['check', 'mistakes', 'example', '--format', 'github'], folder);
        expect(github.status).toBe(1);
        const lines = github.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(
            entriesOf(vstream(['check', 'mistakes', 'example', '--format', 'json'], folder).stdout).length
        );
        expect(lines).toContain(
            '::error file=mistakes/broken.vstream,line=8,col=20,endLine=8,endColumn=26,title=unresolved-reference::Unknown team \'Nobody\': declare it with `team Nobody "…"` at the top level of a .vstream file, or inside this stream.'
        );
        expect(lines.find(line => line.includes('title=step-without-owner'))).toMatch(
            /^::warning file=mistakes\/broken.vstream,line=5,/
        );
        const efficiency = lines.find(line => line.includes('title=low-flow-efficiency'))!;
        expect(efficiency).toMatch(
            /^::notice file=example\/onboarding.vstream,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=low-flow-efficiency::/
        );
        expect(efficiency).toContain('is 16.5%25 (15 h of work in a 11.4 d lead time), below 25%25');
        expect(vstream(['check', 'warnings', '--format', 'github', '--strict'], folder).status).toBe(1);
    });
});

describe('vstream render', { timeout: CLI_TIMEOUT }, () => {
    it('writes the map as SVG to the -o file, and nothing else', () => {
        const result = vstream(['render', 'example/onboarding.vstream', '-o', 'out/map.svg'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/cannot write 'out\/map.svg'/);
        const written = vstream(['render', 'example/onboarding.vstream', '-o', 'map.svg'], folder);
        expect(written.status).toBe(0);
        expect(written.stdout).toBe('');
        const svg = readFileSync(join(folder, 'map.svg'), 'utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain('#vs .vs-background { fill: #ffffff; }');
    });

    it('writes a standalone HTML page in the dark theme', () => {
        expect(vstream(['render', 'future', '-o', 'maps.html', '--theme', 'dark'], folder).status).toBe(0);
        const page = readFileSync(join(folder, 'maps.html'), 'utf8');
        expect(page).toContain('<!DOCTYPE html>');
        expect(page).toContain('#vs .vs-background { fill: #0d1117; }');
        expect(page).toContain('compared with Now');
    });

    it('draws the classic map with --layout classic, and the lanes with --layout lanes over the file', () => {
        const classic = vstream(['render', 'example/onboarding.vstream', '--layout', 'classic'], folder);
        expect(classic.status).toBe(0);
        expect(classic.stdout).toContain('class="vs-party vs-supplier"');
        expect(classic.stdout).toContain('class="vs-classic-inventory"');
        expect(classic.stdout).not.toContain('class="vs-lane');
        writeFileSync(
            join(folder, 'classic.vstream'),
            'stream c { layout classic recipient "R" start "S" end "E" step a step b flow a -> b }\n'
        );
        expect(vstream(['render', 'classic.vstream'], folder).stdout).toContain('vs-party vs-customer');
        const lanes = vstream(['render', 'classic.vstream', '--layout', 'lanes'], folder);
        expect(lanes.stdout).not.toContain('class="vs-party');
        expect(lanes.stdout).toContain('class="vs-lane');
    });

    it('prints the SVG of one stream when no -o is given', () => {
        const result = vstream(['render', 'future/states.vstream', '--stream', 'next'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('data-stream="next"');
        expect(result.stdout).not.toContain('data-stream="now"');
    });

    it('says which streams exist when --stream names none', () => {
        const result = vstream(['render', 'future', '--stream', 'later'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("no stream named 'later' (streams: now, next)");
    });
});

describe('vstream doc', { timeout: CLI_TIMEOUT }, () => {
    it('prints the stream card of each stream to standard output', () => {
        const result = vstream(['doc', 'example/onboarding.vstream'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout.startsWith('# Customer onboarding\n')).toBe(true);
        expect(result.stdout).toContain('| Recipient | New enterprise customer |');
        expect(result.stdout).toContain('Stream card of `onboarding` in `example/onboarding.vstream`');
        expect(result.stdout.match(/^### \d+\. /gm)).toHaveLength(5);
    });

    it('writes only the file -o names', () => {
        const before = listing(folder);
        const result = vstream(['doc', 'example/onboarding.vstream', '-o', 'cards/onboarding.md'], folder);
        expect(result.stderr).toMatch(/cannot write 'cards\/onboarding.md': no such file or folder/);
        expect(result.status).toBe(2);
        const written = vstream(['doc', 'example', '-o', 'card.md', '--stream', 'onboarding'], folder);
        expect(written.status).toBe(0);
        expect(written.stdout).toBe('');
        expect(listing(folder)).toEqual([...before, 'card.md'].sort());
        expect(readFileSync(join(folder, 'card.md'), 'utf8')).toContain('## Handoffs');
    });

    it('keeps what the teams wrote in the card it writes over, and says so', () => {
        expect(vstream(['doc', 'example', '-o', 'kept.md'], folder).stderr).toBe('');
        const card = readFileSync(join(folder, 'kept.md'), 'utf8');
        write(
            'kept.md',
            card.replace('Agreed by the teams:\n\n- [ ] _…_', 'Agreed by the teams:\n\n- [ ] Our own rule')
        );
        const again = vstream(['doc', 'example', '-o', 'kept.md'], folder);
        expect(again.status).toBe(0);
        expect(again.stderr).toBe('vstream: kept what the teams wrote under 1 handoff of kept.md.\n');
        expect(readFileSync(join(folder, 'kept.md'), 'utf8')).toContain('Agreed by the teams:\n\n- [ ] Our own rule');
    });

    it('loses no line of a fenced block the teams wrote, nor of a note written elsewhere, and says what moved', () => {
        vstream(['doc', 'example', '-o', 'fenced.md'], folder);
        const card = readFileSync(join(folder, 'fenced.md'), 'utf8');
        const written =
            '- [ ] The order form names a billing contact\n\n```sh\n# verify\nvstream check .\n```\n\n- [ ] Sales confirms the start date';
        write(
            'fenced.md',
            card
                .replace('Agreed by the teams:\n\n- [ ] _…_', `Agreed by the teams:\n\n${written}`)
                .replace('## Findings', 'Reviewed on 2 March.\n\n## Findings')
        );
        const again = vstream(['doc', 'example', '-o', 'fenced.md'], folder);
        expect(again.stderr).toBe(
            'vstream: kept what the teams wrote under 1 handoff of fenced.md; 1 line written where the new card has no place for it moved to “Kept from the earlier card” at its end.\n'
        );
        const result = readFileSync(join(folder, 'fenced.md'), 'utf8');
        expect(result).toContain(`Agreed by the teams:\n\n${written}\n\n#### Quality checks`);
        expect(result.slice(result.indexOf('# Kept from the earlier card'))).toContain('Reviewed on 2 March.');
        expect(vstream(['doc', 'example', '-o', 'fenced.md'], folder).stderr).toBe(
            'vstream: kept what the teams wrote under 1 handoff of fenced.md.\n'
        );
        expect(readFileSync(join(folder, 'fenced.md'), 'utf8')).toBe(result);
    });
});

describe('vstream doc --check', { timeout: CLI_TIMEOUT }, () => {
    it('passes while the saved card matches its map, whatever the teams wrote in it', () => {
        write('checked/onboarding.vstream', readFileSync(EXAMPLE));
        expect(vstream(['doc', 'checked/onboarding.vstream', '-o', 'checked/card.md'], folder).status).toBe(0);
        const card = readFileSync(join(folder, 'checked/card.md'), 'utf8');
        write(
            'checked/card.md',
            card.replace('Agreed by the teams:\n\n- [ ] _…_', 'Agreed by the teams:\n\n- [x] Our rule')
        );
        const result = vstream(['doc', 'checked/onboarding.vstream', '--check', 'checked/card.md'], folder);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('checked/card.md matches its map.\n');
        expect(result.stderr).toBe('');
    });

    it('fails when the map changed since, saying where the card differs', () => {
        write('stale/onboarding.vstream', readFileSync(EXAMPLE));
        vstream(['doc', 'stale/onboarding.vstream', '-o', 'stale/card.md'], folder);
        write(
            'stale/onboarding.vstream',
            readFileSync(EXAMPLE, 'utf8').replace('process 2h  wait 3d', 'process 3h  wait 3d')
        );
        const result = vstream(['doc', 'stale/onboarding.vstream', '--check', 'stale/card.md'], folder);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        const [first, ...rest] = result.stderr.split('\n');
        expect(first).toMatch(
            /^vstream: stale\/card.md does not match its map \(\d+ places, \d+ lines\); vstream doc stale\/onboarding.vstream -o stale\/card.md writes it again, keeping what the teams wrote\.$/
        );
        const figures = rest.join('\n');
        expect(figures).toMatch(/@@ line \d+, in Customer onboarding › Figures @@\n-\| lead time \| 11.4 d \|\n/);
        expect(figures).toContain('\n+| lead time | 11.5 d |\n');
        expect(vstream(['doc', 'stale/onboarding.vstream', '-o', 'stale/card.md'], folder).status).toBe(0);
        expect(vstream(['doc', 'stale/onboarding.vstream', '--check', 'stale/card.md'], folder).status).toBe(0);
    });

    it('needs a card that exists, and does not write one', () => {
        const missing = vstream(['doc', 'example', '--check', 'nowhere.md'], folder);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe("vstream: cannot read the card 'nowhere.md': no such file\n");
        const both = vstream(['doc', 'example', '--check', 'card.md', '-o', 'card.md'], folder);
        expect(both.status).toBe(2);
        expect(both.stderr).toMatch(/either writes a card \(-o\) or checks one \(--check\)/);
    });
});

describe('vstream diff', { timeout: CLI_TIMEOUT }, () => {
    /** What `diff --json` prints per stream: the contract's keys, then the shares that change. */
    interface DiffEntry {
        stream: string;
        before: MetricsEntry | null;
        after: MetricsEntry | null;
        steps: { added: string[]; removed: string[]; changed: string[] };
        edges: { added: string[]; removed: string[] };
        shares: Array<{ edge: string; before: number | null; after: number | null }>;
    }
    /** The contract's keys of a stream in `diff --json`, in its order. */
    const CONTRACT_KEYS = ['stream', 'before', 'after', 'steps', 'edges'];

    const catalogue = 'team Sales "Sales"\nteam Ops "Operations"\nsystem Desk "Service desk"\n';
    const before = `stream order "Order" {
    recipient "Customer" start "Order placed" end "Order shipped"
    step take "Take order" { owner Sales process 1h wait 4h }
    step pick { owner Ops process 2h wait 1d on Desk complete 90% }
    step ship { owner Ops process 1h }
    handoff take -> pick { carries "order" }
    flow pick -> ship
}
stream returns { recipient "c" start "a" end "b" step log { owner Ops } }
`;
    // The same order stream with its clauses in another order and `1d` as `8h`, a step added,
    // a wait changed, a handoff removed; `returns` gone and `refunds` new.
    const after = `stream order "Order" {
    recipient "Customer" start "Order placed" end "Order shipped"
    step take "Take order" { owner Sales process 1h wait 2h }
    step pick { complete 90% wait 8h on Desk process 2h owner Ops }
    step check "Check stock" { owner Ops process 30m }
    step ship { owner Ops process 1h }
    flow take -> check -> pick -> ship
}
stream refunds { recipient "c" start "a" end "b" step pay { owner Sales } }
`;

    beforeAll(() => {
        write('versions/before/catalogue.vstream', catalogue);
        write('versions/before/order.vstream', before);
        write('versions/after/catalogue.vstream', catalogue);
        write('versions/after/order.vstream', after);
    });

    it('gives per stream its figures before and after, and the steps and edges added, removed and changed', () => {
        const result = vstream(
            ['diff', 'versions/before/order.vstream', 'versions/after/order.vstream', '--json'],
            folder
        );
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const entries = JSON.parse(result.stdout) as DiffEntry[];
        // The contract's keys as they were, in their order; the shares after them.
        expect(entries.map(entry => Object.keys(entry))).toEqual(Array(3).fill([...CONTRACT_KEYS, 'shares']));
        expect(entries.map(entry => Object.keys(entry.steps))).toEqual(Array(3).fill(['added', 'removed', 'changed']));
        expect(entries.map(entry => Object.keys(entry.edges))).toEqual(Array(3).fill(['added', 'removed']));
        expect(entries.map(entry => entry.shares)).toEqual([[], [], []]);
        const [order, returns, refunds] = entries;
        const metrics = (path: string) => metricsOf(vstream(['metrics', path, '--json'], folder).stdout);
        expect(order.before).toEqual(metrics('versions/before/order.vstream')[0]);
        expect(order.after).toEqual(metrics('versions/after/order.vstream')[0]);
        expect(order.after!.leadTime).toBeCloseTo(order.before!.leadTime - 2 + 0.5, 9);
        expect(order.after!.handoffs).toBe(1);
        expect(order.steps).toEqual({ added: ['check'], removed: [], changed: ['take'] });
        expect(order.edges).toEqual({ added: ['take -> check', 'check -> pick'], removed: ['take -> pick'] });
        expect(returns).toMatchObject({
            stream: 'returns',
            after: null,
            steps: { added: [], removed: ['log'], changed: [] },
            edges: { added: [], removed: [] }
        });
        expect(returns.before!.stream).toBe('returns');
        expect(refunds).toMatchObject({ stream: 'refunds', before: null, steps: { added: ['pay'] } });
    });

    it('writes Markdown for a pull request: a table first, the details after, and the maps with --images', () => {
        const result = vstream(
            [
                'diff',
                'versions/before/order.vstream',
                'versions/after/order.vstream',
                '-o',
                'review/diff.md',
                '--images',
                'review/maps'
            ],
            folder
        );
        // The folder of the pictures is made, and with it the one of the Markdown here.
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
        const markdown = readFileSync(join(folder, 'review/diff.md'), 'utf8');
        const lines = markdown.split('\n');
        expect(lines[0]).toBe('| Stream | Lead time | Process time | Flow efficiency | Handoffs | Steps |');
        expect(lines[2]).toBe(
            '| Order (`order`) | 16 h → 14.5 h (−1.5 h, better) | 4 h → 4.5 h (+0.5 h, worse) | 25% → 31% (+6 pts, better) | 1 | 1 added, 1 changed |'
        );
        expect(lines[3]).toBe('| `returns` | ~~0 h~~ | ~~0 h~~ | ~~n/a~~ | ~~0~~ | stream removed |');
        expect(lines[4]).toBe('| `refunds` | 0 h | 0 h | n/a | 0 | new stream |');
        expect(markdown).toContain(
            '\n\n3 streams of 3 changed.\n\n### Order (`order`)\n\n| Figure | Before | After | Change |'
        );
        expect(markdown).toContain('| lead time | 16 h | 14.5 h | −1.5 h (better) |');
        expect(markdown).toContain('- **Steps added:** `check` (Check stock)');
        expect(markdown).toContain('- **Steps changed:** `take` (Take order): wait 4 h → 2 h');
        expect(markdown).toContain('- **Edges added:** `take -> check`; `check -> pick`');
        expect(markdown).toContain('- **Edges removed:** `take -> pick`');
        expect(markdown).toContain('| ![order before](maps/order-before.svg) | ![order after](maps/order-after.svg) |');
        expect(markdown).toContain('| ![returns before](maps/returns-before.svg) | — |');
        expect(listing(join(folder, 'review/maps'))).toEqual([
            'order-after.svg',
            'order-before.svg',
            'refunds-after.svg',
            'returns-before.svg'
        ]);
        expect(readFileSync(join(folder, 'review/maps/order-after.svg'), 'utf8')).toContain('Check stock');
        expect(readFileSync(join(folder, 'review/maps/order-before.svg'), 'utf8')).not.toContain('Check stock');
    });

    it('reads one version from standard input as the other text of the other file, among its folder', () => {
        const result = vstream(['diff', '-', 'versions/after/order.vstream', '--json'], folder, before);
        expect(result.stderr).toBe('');
        const entries = JSON.parse(result.stdout) as DiffEntry[];
        expect(entries[0].steps).toEqual({ added: ['check'], removed: [], changed: ['take'] });
        const reversed = vstream(['diff', 'versions/after/order.vstream', '-', '--json'], folder, before);
        expect((JSON.parse(reversed.stdout) as DiffEntry[])[0].steps).toEqual({
            added: [],
            removed: ['check'],
            changed: ['take']
        });
    });

    it('gives the shares that change, in the details and in JSON, and the typical figures', () => {
        const decided = (answer: number, escalate: number, answering: string) =>
            `stream ticket "Ticket" {
    recipient "r" start "a" end "b"
    step triage { owner Sales process 1h }  step answer { owner Sales process ${answering} }
    step escalate { owner Ops process 6h wait 2d }  step close { owner Sales process 1h }
    flow triage -> answer { share ${answer}% }
    handoff triage -> escalate { carries "steps" share ${escalate}% }
    handoff escalate -> close { carries "fix" }
    flow answer -> close
}
`;
        write('decided/before/catalogue.vstream', catalogue);
        write('decided/before/ticket.vstream', decided(80, 20, '1h'));
        write('decided/after/catalogue.vstream', catalogue);
        write('decided/after/ticket.vstream', decided(90, 10, '2h'));
        const files = ['decided/before/ticket.vstream', 'decided/after/ticket.vstream'];
        const [entry] = JSON.parse(vstream(['diff', ...files, '--json'], folder).stdout) as DiffEntry[];
        expect(Object.keys(entry)).toEqual([...CONTRACT_KEYS, 'shares']);
        expect(entry.edges).toEqual({ added: [], removed: [] });
        expect(entry.shares).toEqual([
            { edge: 'triage -> answer', before: 0.8, after: 0.9 },
            { edge: 'triage -> escalate', before: 0.2, after: 0.1 }
        ]);
        expect([entry.before!.typicalShare, entry.after!.typicalShare]).toEqual([0.8, 0.9]);
        const markdown = vstream(['diff', ...files], folder).stdout;
        expect(markdown).toContain(
            '- **Edges changed:** `triage -> answer`: share 80% → 90%; `triage -> escalate`: share 20% → 10%'
        );
        expect(markdown).toContain('| typical lead time | 3 h | 4 h | +1 h (worse) |');
        expect(markdown).toContain('| typical share | 80% | 90% | +10 pts |');
    });

    it('says when nothing changed', () => {
        const result = vstream(['diff', 'versions/before/order.vstream', 'versions/before/order.vstream'], folder);
        expect(result.stdout).toContain('| Order (`order`) | 2 d | 4 h | 25% | 1 | no change |');
        expect(result.stdout).toContain('| `returns` | 0 h | 0 h | n/a | 0 | no change |');
        expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('No stream changed.');
    });
});

describe('standard input', { timeout: CLI_TIMEOUT }, () => {
    const support = readFileSync(EXAMPLE, 'utf8');

    it('draws a map from standard input to standard output', () => {
        const result = vstream(['render', '-'], folder, support);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^<svg [^>]*class="vs-map"/);
        expect(result.stdout).toContain('Customer onboarding');
    });

    it('resolves the catalogue of the current folder, and reports the input as <stdin>', () => {
        const text =
            'stream piped { recipient "r" start "a" end "b" step a { owner Ops } step b { owner Nobody } flow a -> b }';
        const result = vstream(['check', '-'], join(folder, 'shared'), text);
        expect(result.stdout).toMatch(/^<stdin>:1:\d+: error unresolved-reference Unknown team 'Nobody'/m);
        expect(result.stdout).not.toMatch(/'Ops'/);
        expect(result.stdout).not.toContain('catalogue.vstream');
    });

    it('gives stream cards of standard input', () => {
        const result = vstream(['doc', '-'], folder, support);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('Stream card of `onboarding` in `<stdin>`');
    });

    it('refuses standard input that is not UTF-8', () => {
        const result = vstream(['metrics', '-'], folder, Buffer.from([0x73, 0x74, 0xff, 0xfe, 0x0a]));
        expect(result.status).toBe(2);
        expect(result.stderr).toBe('vstream: cannot read standard input: it is not UTF-8 text\n');
    });
});

describe('bad usage and unreadable input', { timeout: CLI_TIMEOUT }, () => {
    const cases: Array<[string, string[], RegExp]> = [
        ['an unknown command', ['draw', 'x.vstream'], /unknown command 'draw'/],
        ['no path', ['check'], /needs at least one file or folder/],
        ['an unknown option', ['check', '.', '--colour'], /unknown option '--colour'/],
        ['an option of another command', ['metrics', '.', '--strict'], /not an option of vstream metrics/],
        [
            'a bad format',
            ['check', '.', '--format', 'xml'],
            /--format is 'text', 'json', 'sarif' or 'github' for vstream check, not 'xml'/
        ],
        [
            'a format of another command',
            ['metrics', '.', '--format', 'sarif'],
            /--format is 'text' or 'json' for vstream metrics/
        ],
        ['a missing file', ['check', 'missing.vstream'], /cannot read 'missing.vstream': no such file or folder/],
        ['a bad threshold', ['check', '.', '--flow-efficiency-threshold', 'lots'], /percentage from 0 to 100/],
        [
            'a bad output name',
            ['render', '.', '-o', 'map.pdf'],
            /-o of vstream render names an .svg, .png, .html or .md file, not 'map.pdf'/
        ],
        ['a map asked for as a card', ['doc', '.', '-o', 'card.svg'], /-o of vstream doc names an .md file/],
        ['standard input named twice', ['render', '-', '-'], /standard input \(-\) can be read only once/],
        ['a bad theme', ['render', '.', '--theme', 'sepia'], /--theme is 'light' or 'dark'/],
        [
            'an unknown layout',
            ['render', '.', '--layout', 'swimlanes'],
            /--layout is 'lanes' or 'classic', not 'swimlanes'/
        ],
        ['a scale out of range', ['render', '.', '-o', 'map.png', '--scale', '5'], /--scale is a number from 0.5 to 4/],
        ['a bad image kind', ['render', 'doc.md', '-o', 'out.md', '--image', 'gif'], /--image is 'svg' or 'png'/],
        ['a Markdown file without -o', ['render', 'doc.md'], /a Markdown file renders alone, to -o OUT.md/],
        ['a map written as Markdown', ['render', '.', '-o', 'out.md'], /-o OUT.md is for a Markdown file/],
        ['one version to compare', ['diff', 'x.vstream'], /diff compares two versions of a map/],
        ['a folder to compare', ['diff', 'example', 'future'], /compares two files, and 'example' is a folder/],
        ['JSON into a Markdown file', ['diff', 'a', 'b', '--json', '-o', 'd.md'], /--json prints to standard output/]
    ];
    for (const [what, args, message] of cases) {
        it(`exits 2 with one line for ${what}`, () => {
            const result = vstream(args, folder);
            expect(result.status).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr).toMatch(message);
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
        });
    }

    it('exits 2 with one line for a file that is no map', () => {
        write('notes/notes.txt', 'team A\n');
        const result = vstream(['check', 'notes/notes.txt'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toBe(
            "vstream: 'notes/notes.txt' is not a map: vstream reads .vstream files (and `vstream render` a Markdown file's vstream blocks)"
        );
    });

    it('exits 2 for a file that is not UTF-8 text', () => {
        write('binary/latin1.vstream', Buffer.from([0x74, 0x65, 0x61, 0x6d, 0x20, 0xe9, 0xff, 0x0a]));
        const result = vstream(['check', 'binary/latin1.vstream'], folder);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/not UTF-8 text/);
    });

    it('prints help for the tool and for each command', () => {
        const help = vstream(['--help'], folder);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('vstream check PATH...');
        expect(vstream(['metrics', '--help'], folder).stdout).toContain('Usage: vstream metrics');
        expect(help.stdout).toContain('vstream diff BEFORE AFTER');
        expect(vstream(['diff', '--help'], folder).stdout).toContain('Usage: vstream diff BEFORE AFTER');
        expect(vstream([], folder).status).toBe(2);
    });
});
