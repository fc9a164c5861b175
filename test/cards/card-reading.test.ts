/**
 * A card generated again over an earlier one loses no line that people wrote: what the teams
 * wrote under each checklist comes back byte for byte under the same handoff, anything written
 * elsewhere moves to the end and is counted, and generating once more changes nothing.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { keptSummary, streamCardsOver, type StreamCards } from '../../src/cards/stream-card.js';
import { WORKED_EXAMPLE as example } from '../fixtures.js';
import { buildWorkspace } from '../helpers.js';

async function cardsOf(text: string, earlier?: string): Promise<StreamCards> {
    const workspace = await buildWorkspace(text);
    return streamCardsOver(
        [...workspace.streams.keys()].map(name => ({ model: workspace.model(name), source: 'onboarding.vstream' })),
        earlier
    );
}

const PLACEHOLDER = '- [ ] _…_';

/** The card with `written` in place of the placeholder under `checklist` of the `handoff`-th handoff (1-based). */
function writeUnder(card: string, handoff: number, checklist: string, written: string): string {
    const section = card.indexOf(`\n### ${handoff}. `);
    const heading = card.indexOf(`\n#### ${checklist}\n`, section);
    const placeholder =
        card.indexOf(`Agreed by the teams:\n\n${PLACEHOLDER}`, heading) + 'Agreed by the teams:\n\n'.length;
    expect(section, `handoff ${handoff}`).toBeGreaterThan(0);
    expect(placeholder, `${checklist} of handoff ${handoff}`).toBeGreaterThan(heading);
    return card.slice(0, placeholder) + written + card.slice(placeholder + PLACEHOLDER.length);
}

/**
 * What stands under "Agreed by the teams:" of `checklist` in the section of the handoff titled
 * `title`: up to the next heading of the card's own, found by a Markdown parser (a team's fenced
 * code may well hold lines that look like headings).
 */
function agreedUnder(card: string, title: string, checklist: string): string {
    const lines = card.split('\n');
    const blocks = new MarkdownIt({ html: true })
        .parse(card, {})
        .flatMap((token, index, tokens) =>
            token.level === 0 && token.nesting !== -1 && token.map
                ? [{ token, text: (token.nesting === 1 ? tokens[index + 1].content : token.content).trim() }]
                : []
        );
    const section = blocks.findIndex(({ token, text }) => token.tag === 'h3' && text.endsWith(`. ${title}`));
    const heading = blocks.findIndex(
        ({ token, text }, index) => index > section && token.tag === 'h4' && text === checklist
    );
    const agreed = blocks.findIndex(
        ({ token, text }, index) =>
            index > heading && token.type === 'paragraph_open' && text === 'Agreed by the teams:'
    );
    expect(Math.min(section, heading, agreed), `${checklist} of ${title}`).toBeGreaterThanOrEqual(0);
    const checklists = ['Intake rules', 'Quality checks', 'Exception paths'];
    const end = blocks.findIndex(
        ({ token, text }, index) =>
            index > agreed &&
            (['h1', 'h2', 'h3'].includes(token.tag) ||
                (token.tag === 'h4' && checklists.includes(text)) ||
                text.startsWith('<!-- vstream') ||
                (token.type === 'hr' && blocks[index + 1]?.token.tag === 'h1'))
    );
    const region = lines.slice(blocks[agreed].token.map![1], end < 0 ? lines.length : blocks[end].token.map![0]);
    return region.join('\n').replace(/^\n+|\n+$/g, '');
}

/** The handoff headings a Markdown parser finds: a fence left open would hide those after it. */
function handoffHeadings(card: string): string[] {
    const tokens = new MarkdownIt({ html: true }).parse(card, {});
    return tokens.flatMap((token, index) =>
        token.type === 'heading_open' && token.tag === 'h3' && /^\d+\. /.test(tokens[index + 1].content)
            ? [tokens[index + 1].content]
            : []
    );
}

const SIGNING = 'Countersign contract → Kickoff call';
const KICKOFF = 'Kickoff call → Provision account';

describe('a card generated again over an earlier one', () => {
    it('keeps a fenced block with a # line under its handoff, closed, line for line (the case that lost 5 lines)', async () => {
        const { markdown: card } = await cardsOf(example);
        const written =
            '- [ ] The order form names a billing contact\n\n```sh\n# verify\nvstream check .\n```\n\n- [ ] Sales confirms the start date';
        const filled = writeUnder(card, 1, 'Intake rules', written);
        const again = await cardsOf(example, filled);
        expect(agreedUnder(again.markdown, SIGNING, 'Intake rules')).toBe(written);
        expect(handoffHeadings(again.markdown)).toEqual(handoffHeadings(card));
        expect(again.carriedHandoffs).toBe(1);
        expect(again.movedLines).toBe(0);
        expect((await cardsOf(example, again.markdown)).markdown).toBe(again.markdown);
    });

    it('keeps every kind of Markdown a team writes, byte for byte, when the map changes around it', async () => {
        const { markdown: card } = await cardsOf(example);
        const rich = [
            '- [x] Ticked by the team   ',
            '  - nested item',
            '    1. deeper, numbered',
            '',
            '~~~text',
            '# not a heading',
            '---',
            '```',
            '~~~',
            '',
            '| who | when |',
            '|---|---|',
            '| Sales | same day |',
            '',
            '> A quote, with `code` and **bold**.',
            '> # quoted heading',
            '',
            '<!-- a note for later: <b>html</b> -->',
            '',
            '##### Escalation',
            '',
            'Call the account lead.\t',
            '',
            '#### Contacts of our own',
            '',
            '* Jo — 555 0100',
            '',
            '***',
            '',
            'The end of what we agreed.'
        ].join('\n');
        const filled = writeUnder(
            writeUnder(card, 2, 'Exception paths', rich),
            1,
            'Quality checks',
            '1. First\n2. Second'
        );
        const changed = example
            .replace('"Countersign contract"', '"Sign the contract"')
            .replace(/ {4}handoff invoice -> firstRun\n/, '')
            .replace(/( {4}handoff sign -> kickoff \{)/, '    handoff invoice -> firstRun\n$1');
        const again = await cardsOf(changed, filled);
        expect(agreedUnder(again.markdown, KICKOFF, 'Exception paths')).toBe(rich);
        expect(agreedUnder(again.markdown, 'Sign the contract → Kickoff call', 'Quality checks')).toBe(
            '1. First\n2. Second'
        );
        expect(again.markdown).not.toContain('# Kept from the earlier card');
        expect((await cardsOf(changed, again.markdown)).markdown).toBe(again.markdown);
    });

    it('moves what was written outside the checklists to the end, counts it, and keeps it there', async () => {
        const { markdown: card } = await cardsOf(example);
        const filled = card
            .replace('| Primary measure | lead time |', '| Primary measure | lead time |\n| Sponsor | Dana (COO) |')
            .replace('## Findings', 'Reviewed with finance on 2 March.\n\n## Findings')
            .replace('- Kickoff call waits 3 d', '- We think the kickoff wait is seasonal.\n- Kickoff call waits 3 d')
            .replace('#### Intake rules', 'Owner of this handoff: Sales ops.\n\n#### Intake rules');
        expect(filled).not.toBe(card);
        const again = await cardsOf(example, filled);
        const kept = again.markdown.slice(again.markdown.indexOf('# Kept from the earlier card'));
        for (const line of [
            '| Sponsor | Dana (COO) |',
            'Reviewed with finance on 2 March.',
            '- We think the kickoff wait is seasonal.',
            'Owner of this handoff: Sales ops.'
        ]) {
            expect(kept, line).toContain(line);
        }
        expect(kept).toContain('### Customer onboarding › Identification\n');
        expect(kept).toContain(`### Customer onboarding › Handoffs › 1. ${SIGNING}\n`);
        expect(again.movedLines).toBe(4);
        expect(keptSummary(again, 'card.md')).toBe(
            '4 lines written where the new card has no place for them moved to “Kept from the earlier card” at its end'
        );
        const third = await cardsOf(example, again.markdown);
        expect(third.markdown).toBe(again.markdown);
        expect(third.movedLines).toBe(0);
    });

    it('keeps a generated line that someone edited, as they left it', async () => {
        const { markdown: card } = await cardsOf(example);
        const edited = card.replace(
            '| Recipient | New enterprise customer |',
            '| Recipient | New enterprise customer (EMEA only) |'
        );
        const again = await cardsOf(example, edited);
        expect(again.markdown).toContain('| Recipient | New enterprise customer |');
        expect(again.markdown.slice(again.markdown.indexOf('# Kept from the earlier card'))).toContain(
            '| Recipient | New enterprise customer (EMEA only) |'
        );
        expect(again.movedLines).toBe(1);
    });

    it("keeps the front matter of a docs site on top, and the file's line ends", async () => {
        const { markdown: card } = await cardsOf(example);
        const withFrontMatter = `---\ntitle: Onboarding card\nsidebar_position: 2\n---\n\n${card}`.replace(
            /\n/g,
            '\r\n'
        );
        const again = await cardsOf(example, withFrontMatter);
        expect(
            again.markdown.startsWith(
                '---\r\ntitle: Onboarding card\r\nsidebar_position: 2\r\n---\r\n\r\n# Customer onboarding\r\n'
            )
        ).toBe(true);
        expect(again.markdown.replace(/\r\n/g, '')).not.toContain('\n');
        expect(again.movedLines).toBe(0);
        expect((await cardsOf(example, again.markdown)).markdown).toBe(again.markdown);
    });

    it('closes a fence a team left open, so that it cannot swallow the rest of the card, and loses nothing', async () => {
        const { markdown: card } = await cardsOf(example);
        const filled = writeUnder(card, 2, 'Exception paths', '```sh\nvstream check .');
        const again = await cardsOf(example, filled);
        expect(handoffHeadings(again.markdown)).toEqual(handoffHeadings(card));
        expect(agreedUnder(again.markdown, KICKOFF, 'Exception paths')).toMatch(
            /^```sh\nvstream check \.\n[\s\S]*```$/
        );
        expect((await cardsOf(example, again.markdown)).markdown).toBe(again.markdown);
    });

    it('keeps a whole file that is not a card above the cards written over it', async () => {
        const notes = 'Notes from the workshop\n\n- the kickoff waits for the customer\n';
        const again = await cardsOf(example, notes);
        expect(
            again.markdown.startsWith(
                'Notes from the workshop\n\n- the kickoff waits for the customer\n\n# Customer onboarding\n'
            )
        ).toBe(true);
    });
});

/** Markdown a team might write: closed blocks whose lines cannot be taken for the card's own headings. */
const words = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.;:!?'()*_`~|\\&<>é字😀-]{0,30}$/u);
const teamBlock = fc.oneof(
    words,
    fc.tuple(fc.constantFrom('- [ ] ', '- [x] ', '- ', '* ', '1. '), words).map(([marker, text]) => marker + text),
    fc.tuple(words, words).map(([item, nested]) => `- ${item}\n  - ${nested}`),
    fc
        .array(fc.oneof(words, fc.constantFrom('# verify', '---', '``', '<!--', '#### Intake rules', '')), {
            maxLength: 4
        })
        .map(lines => ['```sh', ...lines, '```'].join('\n')),
    fc
        .tuple(words, words)
        .map(([a, b]) => `| ${a.replace(/\|/g, '/')} | ${b.replace(/\|/g, '/')} |\n|---|---|\n| x | y |`),
    words.map(text => `> ${text}`),
    words.map(text => `<!-- ${text.replace(/--/g, '')} -->`),
    fc.tuple(fc.constantFrom('##### ', '###### ', '#### Our '), words).map(([marker, text]) => marker + text),
    words.map(text => `${text}   `)
);
const teamWriting = fc.array(teamBlock, { minLength: 1, maxLength: 5 }).map(blocks => blocks.join('\n\n'));

describe('whatever a team writes wherever it can write', () => {
    it('survives generating again, under the same handoff, and a further generation changes nothing', async () => {
        const { markdown: card } = await cardsOf(example);
        const places = handoffHeadings(card).flatMap((_, index) =>
            ['Intake rules', 'Quality checks', 'Exception paths'].map(checklist => [index + 1, checklist] as const)
        );
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.option(teamWriting, { nil: undefined }), {
                    minLength: places.length,
                    maxLength: places.length
                }),
                async writings => {
                    let filled = card;
                    writings.forEach((written, index) => {
                        if (written !== undefined) {
                            filled = writeUnder(filled, places[index][0], places[index][1], written);
                        }
                    });
                    const again = await cardsOf(example, filled);
                    const titles = handoffHeadings(card).map(heading => heading.replace(/^\d+\. /, ''));
                    writings.forEach((written, index) => {
                        const [handoff, checklist] = places[index];
                        expect(agreedUnder(again.markdown, titles[handoff - 1], checklist)).toBe(
                            written ?? PLACEHOLDER
                        );
                    });
                    expect(again.movedLines).toBe(0);
                    expect((await cardsOf(example, again.markdown)).markdown).toBe(again.markdown);
                }
            ),
            { numRuns: 60, seed: 20261202 }
        );
    }, 120_000);

    it('never drops a line written anywhere in the card', async () => {
        const { markdown: card } = await cardsOf(example);
        const lines = card.split('\n');
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.tuple(fc.nat(lines.length - 1), words), { minLength: 1, maxLength: 6 }),
                async insertions => {
                    const edited = [...lines];
                    for (const [at, text] of [...insertions].sort((a, b) => b[0] - a[0])) {
                        edited.splice(at, 0, '', `Written by hand: ${text}`, '');
                    }
                    const again = await cardsOf(example, edited.join('\n'));
                    for (const [, text] of insertions) {
                        expect(again.markdown).toContain(`Written by hand: ${text}`);
                    }
                    expect((await cardsOf(example, again.markdown)).markdown).toBe(again.markdown);
                }
            ),
            { numRuns: 60, seed: 20261202 }
        );
    }, 120_000);
});
