import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { cardRecord, withoutRecord } from '../../src/cards/card-reading.js';
import { renderStreamCard, streamCardsOver } from '../../src/cards/stream-card.js';
import { buildWorkspace } from '../helpers.js';
import { DECISION_EXAMPLE, WORKED_EXAMPLE as example } from '../fixtures.js';

async function cardOf(text: string, stream?: string): Promise<string> {
    const workspace = await buildWorkspace(text);
    const model = workspace.model(stream);
    return renderStreamCard({ model, source: 'onboarding.vstream' });
}

/** The value of a row `| Label | value |` of the card's tables. */
function field(card: string, label: string): string {
    const row = card.split('\n').find(line => line.startsWith(`| ${label} |`));
    expect(row, `a row '${label}'`).toBeDefined();
    return row!.slice(label.length + 5, -2);
}

/** The text of a section, from its heading to the next heading of the same level or above. */
function section(card: string, heading: string): string {
    const start = card.indexOf(`${heading}\n`);
    expect(start, heading).toBeGreaterThanOrEqual(0);
    const level = heading.indexOf(' ');
    const rest = card.slice(start + heading.length + 1);
    const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
    return end < 0 ? rest : rest.slice(0, end);
}

describe('the stream card of the contract example', () => {
    it('fills every field of the identification card from the file', async () => {
        const card = await cardOf(example, 'onboarding');
        const identification = section(card, '## Identification');
        expect(field(identification, 'Stream')).toBe('Customer onboarding (`onboarding`)');
        expect(field(identification, 'Recipient')).toBe('New enterprise customer');
        expect(field(identification, 'Start point')).toBe('Contract signed');
        expect(field(identification, 'End point')).toBe('Customer completes first successful workflow');
        expect(field(identification, 'Teams involved')).toBe('Sales<br>Customer success<br>Implementation<br>Billing');
        expect(field(identification, 'Systems involved')).toBe('CRM<br>Ticketing');
        expect(field(identification, 'Major handoffs').split('<br>')).toEqual([
            'Configure workflows → First successful workflow (Implementation → Customer success): waits 8 h, on the critical path',
            'Countersign contract → Kickoff call (Sales → Customer success): waits 4 h, 70% complete and accurate, on the critical path',
            'Kickoff call → Provision account (Customer success → Implementation): on the critical path'
        ]);
        const delays = field(identification, 'Known delays').split('<br>');
        expect(delays[0]).toBe('Kickoff call waits 3 d');
        expect(delays).toContain("Provision account waits 8 h on Billing, outside its owner's control");
        expect(delays).toContain('Set up billing waits 2 d, off the critical path');
        expect(delays.at(-1)).toBe('3 more waits adding up to 2.5 d');
        expect(field(identification, 'Common rework')).toBe(
            'Configure workflows back to Kickoff call, 25% of the work: requirements missed in kickoff (about 2.83 d more per item)'
        );
        expect(field(identification, 'Primary measure')).toBe('lead time');
    });

    it('gives the contract figures and the critical path', async () => {
        const figures = section(await cardOf(example, 'onboarding'), '## Figures');
        expect(field(figures, 'lead time')).toBe('11.4 d');
        expect(field(figures, 'process time')).toBe('15 h');
        expect(field(figures, 'flow efficiency')).toBe('16.5%');
        expect(field(figures, 'rolled %C&A')).toBe('56%');
        // The totals read as the map writes them: steps in hours, waits mostly in days.
        expect(field(figures, 'effort')).toBe('16 h');
        expect(field(figures, 'handoffs')).toBe('5');
        expect(field(figures, 'wait outside control')).toBe('1 d');
        expect(field(figures, 'expected lead time')).toBe('14.2 d');
        expect(figures).toContain(
            'Critical path: Countersign contract → Kickoff call → Provision account → Configure workflows → First successful workflow.'
        );
    });

    it('answers the five questions in its findings', async () => {
        const findings = section(await cardOf(example, 'onboarding'), '## Findings');
        expect(findings.match(/^### /gm)).toHaveLength(5);
        expect(section(findings, '### Where does rework happen?')).toContain(
            '25% of the work leaving Configure workflows goes back to Kickoff call'
        );
        expect(section(findings, '### Which handoffs create confusion?')).toContain('_Nothing found._');
    });

    it('lists the improvement ideas marked on the map', async () => {
        const ideas = section(await cardOf(example, 'onboarding'), '## Improvement ideas');
        expect(ideas.trim()).toBe('- Kickoff call: Structured intake form');
    });

    it('has one checklist section per handoff, with what the map knows about it', async () => {
        const handoffs = section(await cardOf(example, 'onboarding'), '## Handoffs');
        expect(handoffs.match(/^### \d+\. /gm)).toHaveLength(5);
        const first = section(handoffs, '### 1. Countersign contract → Kickoff call');
        expect(field(first, 'From')).toBe('Countersign contract (`sign`), owned by Sales');
        expect(field(first, 'To')).toBe('Kickoff call (`kickoff`), owned by Customer success');
        expect(field(first, 'Carries')).toBe('signed order form<br>stakeholder list');
        expect(field(first, 'Via')).toBe('CRM');
        expect(field(first, 'Wait')).toBe('4 h');
        expect(field(first, '%C&A')).toBe('70%');
        expect(field(first, 'On the critical path')).toBe('yes');
        expect(field(first, 'Accountable for the transfer')).toBe('_not named: add `owner TEAM` to the handoff_');
        for (const heading of ['#### Intake rules', '#### Quality checks', '#### Exception paths']) {
            expect(section(first, heading)).toMatch(/^- \[ \] /m);
        }
        expect(section(first, '#### Intake rules')).toContain(
            '- [ ] signed order form: present and usable before Kickoff call starts'
        );
        expect(section(first, '#### Quality checks')).toContain('Only 70% arrives complete and accurate today');
        const second = section(handoffs, '### 2. Kickoff call → Provision account');
        expect(section(second, '#### Exception paths')).toContain(
            '25% of the work comes back from Configure workflows to Kickoff call (requirements missed in kickoff)'
        );
    });
});

describe('stream cards of other streams', () => {
    it('says what the file leaves out instead of leaving a blank', async () => {
        const card = await cardOf('team A\nteam B\nstream s { step a { owner A } step b { owner B } flow a -> b }');
        expect(field(card, 'Stream')).toBe('`s`');
        expect(field(card, 'Recipient')).toBe('_not stated: add `recipient "…"`_');
        expect(field(card, 'Primary measure')).toContain('_not stated');
        expect(field(card, 'Common rework')).toBe('_no rework recorded_');
        expect(section(card, '## Improvement ideas')).toContain(
            '_None marked yet: add `kaizen STEP "idea"` to the map._'
        );
        expect(card).toContain('### 1. a → b');
        expect(field(section(card, '### 1. a → b'), 'Carries')).toBe('_not stated: a `flow`, not a declared handoff_');
    });

    it('escapes user text so it reads as written, never as markup', async () => {
        const card = await cardOf(
            'team A "<img src=x onerror=alert(1)>"\nstream s "*bold* | pipe" { recipient "[link](javascript:alert(1))" step a { owner A } }'
        );
        expect(card).toContain('# \\*bold\\* \\| pipe');
        expect(field(card, 'Recipient')).toBe('\\[link\\](javascript:alert(1))');
        const html = new MarkdownIt({ html: true }).render(card);
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(html).not.toContain('<img');
        expect(html).not.toContain('href=');
        expect(html).toContain('<h1>*bold* | pipe</h1>');
    });

    it('compares a future state with the stream it improves', async () => {
        const workspace = await buildWorkspace(
            'stream now { step a { process 2h wait 1d } }\nstream next improves now { step a { process 2h } }'
        );
        const card = renderStreamCard({
            model: workspace.model('next'),
            baseline: workspace.model('now'),
            source: 'f.vstream'
        });
        expect(field(card, 'Future state of')).toBe('`now`');
        expect(card).toContain('| lead time | 2 h | 10 h | −8 h (better) |');
    });
});

describe('what changes for each team, in the card of a future state', () => {
    async function futureCard(): Promise<string> {
        const workspace = await buildWorkspace(
            readFileSync(resolve(__dirname, '../../examples/customer-onboarding.vstream'), 'utf8'),
            readFileSync(resolve(__dirname, '../../examples/teams.vstream'), 'utf8')
        );
        return renderStreamCard({
            model: workspace.model('onboardingNext'),
            baseline: workspace.model('onboarding'),
            source: 'customer-onboarding.vstream'
        });
    }

    it('lists per team the steps, handoffs, checklists, waits and rework that change (onboarding → onboardingNext)', async () => {
        const changes = section(await futureCard(), '## What changes for each team');
        expect(changes).toContain('compared with Customer onboarding (`onboarding`)');
        expect(section(changes, '### Sales')).toBe(
            [
                '',
                '- **Steps changed:** Countersign contract (wait 1 d → 4 h)',
                '- **Handoffs gained:** sends Countersign contract → Structured intake form to Customer success; sends Countersign contract → Set up billing to Billing',
                '- **Handoffs lost:** sends Countersign contract → Kickoff call to Customer success',
                '- **Checklists to write (under Handoffs below):** Countersign contract → Structured intake form; Countersign contract → Set up billing',
                '- **Checklists to retire (in the card of the current state):** Countersign contract → Kickoff call',
                '- **Waits that go away:** Countersign contract: 8 h → 4 h',
                '',
                ''
            ].join('\n')
        );
        const cs = section(changes, '### Customer success');
        expect(cs).toContain('- **Steps gained:** Structured intake form (new)\n- **Steps lost:** Kickoff call (gone)');
        expect(cs).toContain(
            '- **Handoffs changed:** receives Configure workflows → First successful workflow from Implementation (wait 1 d → 0 h)'
        );
        expect(cs).toContain('- **Checklists to review:** Configure workflows → First successful workflow');
        expect(cs).toContain('- **Rework that goes away:** Configure workflows back to Kickoff call (25%)');
        expect(cs).toContain('- **New rework:** Configure workflows back to Structured intake form (5%)');
        expect(section(changes, '### Implementation')).toContain(
            // The current state's ranges read as ranges: provision's waits added up (1–5 d besides
            // Billing's day), configure's process as written; every single time as written.
            '- **Steps changed:** Provision account (wait 2–6 d including 1 d on Billing → 1 d); Configure workflows (process 4–12 h → 6 h, wait 1 d → 4 h)'
        );
        expect(section(changes, '### Implementation')).toContain(
            '- **Waits that go away:** Provision account: 24 h → 8 h, no longer on Billing; Configure workflows: 8 h → 4 h'
        );
    });

    it('stands before the handoffs, and only in the card of a future state', async () => {
        const card = await futureCard();
        expect(card.indexOf('## What changes for each team')).toBeLessThan(card.indexOf('## Handoffs'));
        expect(await cardOf(example, 'onboarding')).not.toContain('## What changes for each team');
    });

    it('says when nothing changes for a team, and escapes what teams are called', async () => {
        const workspace = await buildWorkspace(
            'team A "*Ops* <b>" team B\nstream now { step a { owner A } step b { owner B wait 1d } flow a -> b }\nstream next improves now { step a { owner A } step b { owner B } flow a -> b }'
        );
        const card = renderStreamCard({
            model: workspace.model('next'),
            baseline: workspace.model('now'),
            source: 'f.vstream'
        });
        expect(section(card, '### \\*Ops\\* \\<b\\>')).toBe('\n_Nothing changes for this team._\n\n');
        expect(section(card, '### B')).toContain('- **Waits that go away:** b: 8 h → 0 h');
    });
});

describe('a card generated again over an earlier one', () => {
    /** The earlier card as the teams left it: a map item ticked, their own items under two handoffs. */
    async function filledCard(): Promise<string> {
        const card = await again(example, '');
        const first = card.indexOf('### 1. Countersign contract → Kickoff call');
        const second = card.indexOf('### 2. Kickoff call → Provision account');
        const fifth = card.indexOf('### 5. Set up billing → First successful workflow');
        const fill = (text: string, from: number, to: number, heading: string, written: string) => {
            const at = text.indexOf(`${heading}\n`, from);
            expect(at, heading).toBeGreaterThan(-1);
            expect(at).toBeLessThan(to);
            const placeholder = text.indexOf('- [ ] _…_', at);
            return text.slice(0, placeholder) + written + text.slice(placeholder + '- [ ] _…_'.length);
        };
        let filled = card.replace(
            '- [ ] signed order form: present and usable before Kickoff call starts',
            '- [x] signed order form: present and usable before Kickoff call starts'
        );
        filled = fill(
            filled,
            fifth,
            filled.length,
            '#### Quality checks',
            '- [x] Billing confirms the invoice address\n\n  Agreed on 3 March.'
        );
        filled = fill(
            filled,
            second,
            fifth,
            '#### Exception paths',
            '- [ ] Missing requirements go back to Sales within a day\n\n##### Escalation\n\nCall the account lead.'
        );
        filled = fill(filled, first, second, '#### Intake rules', '- [ ] The order form names a billing contact');
        return filled;
    }

    async function again(text: string, earlier: string): Promise<string> {
        const workspace = await buildWorkspace(text);
        return streamCardsOver([{ model: workspace.model('onboarding'), source: 'onboarding.vstream' }], earlier)
            .markdown;
    }

    it('is the same card when the teams wrote nothing', async () => {
        const card = await again(example, '');
        expect(card).toContain(await cardOf(example, 'onboarding'));
        expect(await again(example, card)).toBe(card);
    });

    it('keeps what the teams wrote and ticked, each under its handoff, when the map changes around it', async () => {
        // Titles renamed and handoffs reordered: the checklists follow the handoffs by step names.
        const changed = example
            .replace('"Countersign contract"', '"Sign the contract"')
            .replace('"Set up billing"', '"Open the billing account"')
            .replace(/ {4}handoff invoice -> firstRun\n/, '')
            .replace(/( {4}handoff sign -> kickoff \{)/, '    handoff invoice -> firstRun\n$1');
        const card = await again(changed, await filledCard());
        const handoffs = section(card, '## Handoffs');
        const signing = section(handoffs, '### 2. Sign the contract → Kickoff call');
        expect(section(signing, '#### Intake rules')).toContain(
            '- [x] signed order form: present and usable before Kickoff call starts'
        );
        expect(section(signing, '#### Intake rules')).toContain(
            '- [ ] stakeholder list: present and usable before Kickoff call starts'
        );
        expect(section(signing, '#### Intake rules')).toMatch(
            /Agreed by the teams:\n\n- \[ \] The order form names a billing contact\n/
        );
        expect(section(signing, '#### Quality checks')).toContain('- [ ] _…_');
        const billing = section(handoffs, '### 1. Open the billing account → First successful workflow');
        expect(section(billing, '#### Quality checks')).toContain(
            'Agreed by the teams:\n\n- [x] Billing confirms the invoice address\n\n  Agreed on 3 March.\n'
        );
        expect(section(handoffs, '### 3. Kickoff call → Provision account')).toContain(
            '- [ ] Missing requirements go back to Sales within a day\n\n##### Escalation\n\nCall the account lead.\n'
        );
        expect(card).not.toContain('Kept from the earlier card');
    });

    it('keeps, at the end, what was written under a handoff the map no longer has, until someone moves it', async () => {
        const withoutBilling = example.replace(/ {4}handoff invoice -> firstRun\n/, '');
        const card = await again(withoutBilling, await filledCard());
        const kept = card.slice(card.indexOf('# Kept from the earlier card'));
        expect(kept).toContain('### Set up billing → First successful workflow');
        expect(kept).toContain('- [x] Billing confirms the invoice address\n\n  Agreed on 3 March.');
        expect(kept).not.toContain('Kickoff call');
        // Generated once more, the kept part stays, and returns to its handoff when the handoff does.
        expect(await again(withoutBilling, card)).toBe(card);
        const restored = await again(example, card);
        expect(restored).not.toContain('Kept from the earlier card');
        expect(section(restored, '### 5. Set up billing → First successful workflow')).toContain(
            '- [x] Billing confirms the invoice address'
        );
    });
});

describe('the stream card of a stream with decisions', () => {
    async function decisionCard(text = DECISION_EXAMPLE): Promise<string> {
        return renderStreamCard({ model: (await buildWorkspace(text)).model(), source: 'ticket.vstream' });
    }

    it('says in words what each decision sends where, and the typical path they make', async () => {
        const figures = section(await decisionCard(), '## Figures');
        expect(field(figures, 'typical lead time')).toBe('10 h');
        expect(field(figures, 'typical share')).toBe('80%');
        expect(figures).toContain(
            'Critical path: Triage → Investigate in engineering → Confirm and close.\n\n' +
                'Decisions, where each item takes one way:\n\n' +
                '- Triage decides: 80% go to Answer from the knowledge base, 20% to Investigate in engineering.\n\n' +
                'Typical path, the likeliest way at each decision, taken by 80% of items: Triage → Answer from the knowledge base → Confirm and close (typical lead time 10 h).\n'
        );
        expect(section(await cardOf(example, 'onboarding'), '## Figures')).not.toMatch(
            /Decisions|Typical path|typical/
        );
    });

    it('names the likeliest way first, however many ways, and escapes what steps are called', async () => {
        const text = DECISION_EXAMPLE.replace('"Investigate in engineering"', '"*Escalate* <b>"')
            .replace('share 80%', 'share 30%')
            .replace('share 20%', 'share 70%');
        const figures = section(await decisionCard(text), '## Figures');
        expect(figures).toContain(
            '- Triage decides: 70% go to \\*Escalate\\* \\<b\\>, 30% to Answer from the knowledge base.'
        );
        const three = await decisionCard(`team A
stream s {
    step review { owner A }  step approve { owner A }  step fix { owner A }  step reject { owner A }
    flow review -> approve { share 70% }
    flow review -> fix { share 20% }
    flow review -> reject { share 10% }
}`);
        expect(three).toContain('- review decides: 70% go to approve, 20% to fix, 10% to reject.');
    });

    it('says in its forecast how often the trials reached each way of a decision', async () => {
        const forecast = section(await decisionCard(), '## Forecast');
        expect(forecast).toContain('each drawing every range anew, sending the item one way at each decision and');
        expect(forecast).toContain(
            'How often the trials reached each way out of a decision (share of the trials; a step that other ways lead to as well counts them too):\n\n' +
                '- After Triage: Answer from the knowledge base 79.6%, Investigate in engineering 20.4%\n'
        );
        expect(section(await cardOf(example, 'onboarding'), '## Forecast')).not.toMatch(/decision/);
    });

    it('shows in the card of a future state the shares and the typical figures that change', async () => {
        const future = DECISION_EXAMPLE.replace(
            'stream ticket "Support ticket" {',
            'stream next "Next" improves ticket {'
        )
            .replace(/^team .*\n/gm, '')
            .replace('share 80%', 'share 90%')
            .replace('share 20%', 'share 10%')
            .replace(
                'step answer "Answer from the knowledge base" { owner Desk  process 1h  wait 1h }',
                'step answer "Answer from the knowledge base" { owner Desk  process 1h }'
            );
        const workspace = await buildWorkspace(`${DECISION_EXAMPLE}\n${future}`);
        const card = renderStreamCard({
            model: workspace.model('next'),
            baseline: workspace.model('ticket'),
            source: 'ticket.vstream'
        });
        expect(card).toContain('| typical lead time | 9 h | 10 h | −1 h (better) |');
        expect(card).toContain('| typical share | 90% | 80% | +10 pts |');
        const desk = section(section(card, '## What changes for each team'), '### Service desk');
        expect(desk).toContain(
            '- **Decisions that change:** Triage → Answer from the knowledge base: share 80% → 90%; Triage → Investigate in engineering: share 20% → 10%'
        );
        // A share is where the deciding team sends items, not a change of the handoff's checklists.
        expect(desk).not.toContain('Checklists to review');
        expect(section(section(card, '## What changes for each team'), '### Engineering')).toBe(
            '\n_Nothing changes for this team._\n\n'
        );
    });

    it('carries what the teams wrote in a card generated before decisions were worded', async () => {
        const card = await decisionCard();
        // The card as it was generated before: without the lines on decisions, and its record of its own lines.
        const decided = /\n\nDecisions, where each item takes one way:.*?\(typical lead time 10 h\)\./s;
        const forecastWays = /\n\nHow often the trials reached each way out of a decision.*?20\.4%/s;
        const before = withoutRecord(card)
            .replace(decided, '')
            .replace(forecastWays, '')
            .replace(', sending the item one way at each decision', '');
        const heading = '### 1. Triage → Investigate in engineering';
        const intake = before.indexOf('- [ ] _…_', before.indexOf(heading));
        const written = `${before.slice(0, intake)}- [ ] Engineering gets the customer's logs${before.slice(intake + 9)}`;
        const earlier = `${written}\n${cardRecord(written)}`;
        const model = (await buildWorkspace(DECISION_EXAMPLE)).model();
        const again = streamCardsOver([{ model, source: 'ticket.vstream' }], earlier);
        expect(again.movedLines).toBe(0);
        expect(again.markdown).not.toContain('Kept from the earlier card');
        expect(section(again.markdown, heading)).toContain(
            "Agreed by the teams:\n\n- [ ] Engineering gets the customer's logs\n"
        );
        expect(again.markdown).toMatch(decided);
        expect(again.markdown).toMatch(forecastWays);
    });
});
