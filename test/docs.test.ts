/** The documentation a reader of the repository has: its links lead somewhere inside it, and its worked example holds. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { buildWorkspace } from './helpers.js';
import { forecastStream } from '../src/analysis/forecast.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE } from './fixtures.js';

const root = resolve(__dirname, '..');
const documents = [
    'README.md',
    'examples/README.md',
    ...readdirSync(resolve(root, 'docs'))
        .filter(name => name.endsWith('.md'))
        .map(name => `docs/${name}`)
];

/** Every link and image target of a Markdown file, as written. */
function targets(markdown: string): string[] {
    const found: string[] = [];
    const visit = (tokens: Token[]) => {
        for (const token of tokens) {
            const target =
                token.type === 'link_open'
                    ? token.attrGet('href')
                    : token.type === 'image'
                      ? token.attrGet('src')
                      : null;
            if (target !== null) {
                found.push(target);
            }
            visit(token.children ?? []);
        }
    };
    visit(new MarkdownIt({ html: true }).parse(markdown, {}));
    return found;
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
    const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
    const headings = tokens.flatMap((token, index) =>
        token.type === 'heading_open' ? [tokens[index + 1].content] : []
    );
    return new Set(
        headings.map(heading =>
            heading
                .toLowerCase()
                .replace(/[^\p{L}\p{N}\s_-]/gu, '')
                .trim()
                .replace(/\s/g, '-')
        )
    );
}

describe('links in README.md and docs/', () => {
    it('are found: the README links to each page of docs/', () => {
        const linked = targets(readFileSync(resolve(root, 'README.md'), 'utf8'));
        expect(linked).toEqual(expect.arrayContaining(documents.filter(document => document.startsWith('docs/'))));
    });

    for (const document of documents) {
        it(`resolve inside the repository: ${document}`, () => {
            const text = readFileSync(resolve(root, document), 'utf8');
            const relativeTargets = targets(text).filter(target => !/^[a-z][a-z0-9+.-]*:/i.test(target));
            for (const target of relativeTargets) {
                const [path, fragment] = target.split('#');
                const file =
                    path === '' ? resolve(root, document) : resolve(dirname(resolve(root, document)), decodeURI(path));
                expect(relative(root, file).startsWith('..'), `${document}: ${target} leaves the repository`).toBe(
                    false
                );
                expect(existsSync(file), `${document}: ${target} does not exist`).toBe(true);
                if (fragment && statSync(file).isFile() && file.endsWith('.md')) {
                    expect(
                        [...anchors(readFileSync(file, 'utf8'))],
                        `${document}: ${target} names no heading`
                    ).toContain(fragment);
                }
            }
        });
    }
});

describe('docs/language.md', () => {
    const reference = readFileSync(resolve(root, 'docs/language.md'), 'utf8');

    it('shows the worked example that the tests use', () => {
        const example = /## The worked example\s+```vstream\n([\s\S]*?)```/.exec(reference)![1];
        const comments = /^\/\/.*\n|^\/\*[\s\S]*?\*\/\n|\s*\/\/.*$/gm;
        const statements = (text: string) => text.replace(comments, '').replace(/\s+/g, ' ').trim();
        expect(statements(example)).toBe(statements(WORKED_EXAMPLE));
    });

    it('states the figures the tool computes for it', async () => {
        const metrics = (await buildWorkspace(WORKED_EXAMPLE)).model('onboarding').metrics;
        const stated = (figure: string) => new RegExp(`\\*\\*${figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*\\*`);
        expect(reference).toMatch(stated(`lead time is ${metrics.leadTime} h`));
        expect(reference).toMatch(stated(`${metrics.processTime} h`));
        expect(reference).toMatch(stated(`${(metrics.flowEfficiency! * 100).toFixed(1)}%`));
        expect(reference).toMatch(stated(`${Math.round(metrics.rolledCompleteAccurate * 100)}%`));
        expect(reference).toMatch(stated(`${metrics.effort} h`));
        expect(reference).toMatch(stated(`${metrics.waitOutsideControl} h`));
        expect(reference).toMatch(stated(`${metrics.expectedLeadTime.toFixed(2)} h`));
        expect(metrics.criticalPath.join(' → ')).toBe('sign → kickoff → provision → configure → firstRun');
        expect(reference).toContain('along sign → kickoff → provision → configure → firstRun');
    });

    it('shows the example of decisions that the tests use, with the figures the tool computes for it', async () => {
        const example = /## Decisions[\s\S]*?```vstream\n([\s\S]*?)```/.exec(reference)![1];
        expect(example).toBe(DECISION_EXAMPLE);
        const model = (await buildWorkspace(DECISION_EXAMPLE)).model('ticket');
        const section = /## Decisions([\s\S]*?)## The forecast/.exec(reference)![1];
        const { leadTime, criticalPath, typicalLeadTime, typicalPath, typicalShare } = model.metrics;
        expect(section).toContain(`**lead time is ${leadTime} h**, along ${criticalPath.join(' → ')}`);
        expect(section).toContain(`**typical lead time is ${typicalLeadTime} h**`);
        expect(section).toContain(`**${typicalPath.join(' → ')}**, with a **typical share of ${typicalShare * 100}%**`);
        const forecast = forecastStream(model);
        expect(section).toContain(`**p50 is ${forecast.p50} h**, **p85 ${forecast.p85}\n  h**`);
        expect(forecast.mean).toBeCloseTo(14, 0);
        expect(forecast.reached[1]).toBeCloseTo(0.8, 1);
    });

    it('lists every diagnostic code the tool reports, with the help that SARIF viewers show', async () => {
        const { DIAGNOSTIC_HELP, SEVERITY_OF } = await import('../src/language/diagnostic-codes.js');
        const rows = reference.split('\n').filter(line => line.startsWith('| `'));
        for (const [code, severity] of Object.entries(SEVERITY_OF)) {
            const { when, fix } = DIAGNOSTIC_HELP[code as keyof typeof SEVERITY_OF];
            expect(rows, code).toContain(`| \`${code}\` | ${severity} | ${when} | ${fix} |`);
        }
    });
});
