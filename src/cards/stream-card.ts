/**
 * The stream card: one Markdown document per stream for the people who work in it. Its
 * identification card, figures, forecast and findings come from the map; its handoff checklists are
 * headings the teams fill in (intake rules, quality checks, exception paths), seeded with what
 * the map already knows about each handoff.
 */
import {
    changeWords,
    compareFigures,
    countOf,
    decisionWords,
    formatDuration,
    formatPercent
} from '../analysis/figures.js';
import type { Forecast } from '../analysis/forecast.js';
import {
    FINDING_QUESTIONS,
    type FindingQuestion,
    type FlowEdgeModel,
    type StepModel,
    type StreamModel
} from '../analysis/stream-model.js';
import {
    AGREED_BY_THE_TEAMS,
    CHECKLISTS,
    FROM_THE_MAP,
    handoffAnchor,
    handoffKey,
    hasWriting,
    linesWritten,
    PLACEHOLDER_ITEM,
    type ChecklistName,
    type ChecklistNotes,
    type HandoffNotes,
    type TeamNotes
} from './card-checklists.js';
import {
    cardRecord,
    closeOpenBlock,
    KEPT_ANCHOR,
    KEPT_TITLE,
    readEarlierCard,
    type EarlierCard,
    type KeptWriting
} from './card-reading.js';
import { forecastSection } from './forecast-section.js';
import { teamChangesSection } from './team-changes-section.js';
import { cellList, escapeMarkdown, fieldTable, partyLabel, stepLabel } from './markdown-text.js';

export interface CardStream {
    model: StreamModel;
    /** The current-state stream this one improves, when it resolves. */
    baseline?: StreamModel;
    /** The file the stream is written in, as the reader would name it. */
    source: string;
    /** The stream's standard forecast, when the caller has it already; else the card runs it. */
    forecast?: Forecast;
}

/** Enough to read at a glance on the card; the handoff sections below list every one. */
const MOST_LISTED = 5;

const MEASURES: Record<string, string> = {
    'lead-time': 'lead time',
    quality: 'quality',
    effort: 'effort',
    cost: 'cost',
    experience: 'experience'
};

export interface StreamCards {
    markdown: string;
    /** Handoffs whose teams' writing the new cards carry under the same handoff. */
    carriedHandoffs: number;
    /** Lines people wrote that now go to "Kept from the earlier card" at the end, having no place in the new cards. */
    movedLines: number;
}

const NO_EARLIER_CARD: EarlierCard = { preamble: [], handoffs: new Map(), kept: [], newlyKeptLines: 0 };

/**
 * The cards of several streams, one after the other, generated over `earlierCard` (the text of
 * the file they replace) when there is one: what people wrote in it is carried, each handoff's
 * writing into its checklists, anything else to the end; nothing is dropped. The file's line
 * ends are kept.
 */
export function streamCardsOver(streams: CardStream[], earlierCard?: string): StreamCards {
    const cards = renderStreamCards(
        streams,
        earlierCard === undefined ? NO_EARLIER_CARD : readEarlierCard(earlierCard)
    );
    return earlierCard?.includes('\r\n') ? { ...cards, markdown: cards.markdown.replace(/\n/g, '\r\n') } : cards;
}

/** What a card written over an earlier one kept of what people wrote, in a sentence; nothing when there was nothing to keep. */
export function keptSummary({ carriedHandoffs, movedLines }: StreamCards, file: string): string | undefined {
    const parts = [
        carriedHandoffs > 0 ? `kept what the teams wrote under ${countOf(carriedHandoffs, 'handoff')} of ${file}` : '',
        movedLines > 0
            ? `${countOf(movedLines, 'line')} written where the new card has no place for ${movedLines === 1 ? 'it' : 'them'} moved to “Kept from the earlier card” at its end`
            : ''
    ].filter(Boolean);
    return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The cards of `streams`, carrying what people wrote in `earlier`, and the record of their own lines at the end. */
export function renderStreamCards(streams: CardStream[], earlier: EarlierCard = NO_EARLIER_CARD): StreamCards {
    const carried = new Set<string>();
    const cards = streams.map(stream => renderStreamCard(stream, earlier.handoffs, carried));
    const left = [...earlier.handoffs].filter(([key, handoff]) => !carried.has(key) && hasWriting(handoff));
    if (left.length > 0 || earlier.kept.length > 0) {
        cards.push(keptFromTheEarlierCard(left, earlier.kept));
    }
    const preamble = earlier.preamble.length > 0 ? `${closeOpenBlock(earlier.preamble).join('\n')}\n\n` : '';
    const markdown =
        preamble +
        (cards.join('\n---\n\n') ||
            '# No streams found\n\nThe map declares no `stream`, so there is no card to write.\n');
    return {
        markdown: `${markdown}\n${cardRecord(markdown)}`,
        carriedHandoffs: [...carried]
            .map(key => earlier.handoffs.get(key)!)
            .filter(
                handoff =>
                    hasWriting(handoff) || [...handoff.checklists.values()].some(checklist => checklist.ticked.size > 0)
            ).length,
        movedLines:
            earlier.newlyKeptLines +
            left
                .filter(([, handoff]) => !handoff.keptAtEnd)
                .reduce((sum, [, handoff]) => sum + linesWritten(handoff), 0)
    };
}

/** `carried` collects the keys of the handoffs whose notes the card took. */
export function renderStreamCard(
    { model, baseline, source, forecast }: CardStream,
    notes: TeamNotes = new Map(),
    carried = new Set<string>()
): string {
    return (
        [
            `# ${escapeMarkdown(model.title ?? model.name)}`,
            `Stream card of \`${model.name}\` in \`${escapeCode(source)}\`, generated by vstream from the map. The map is the source of the figures: change the \`.vstream\` file and generate the card again. The checklists are for the teams: write under “${AGREED_BY_THE_TEAMS}” and tick what holds; a card generated again into the same file keeps both.`,
            '## Identification',
            fieldTable(identificationRows(model, baseline)),
            '## Figures',
            figures(model, baseline),
            forecastSection(model, forecast),
            '## Findings',
            findings(model),
            '## Improvement ideas',
            improvementIdeas(model),
            ...(baseline ? [teamChangesSection(baseline, model, streamLabel(baseline))] : []),
            '## Handoffs',
            handoffSections(model, notes, carried)
        ].join('\n\n') + '\n'
    );
}

function escapeCode(text: string): string {
    return text.replace(/`/g, "'");
}

function text(value: string | undefined, missing: string): string {
    return value ? escapeMarkdown(value) : `_${missing}_`;
}

function handoffEdges(model: StreamModel): FlowEdgeModel[] {
    return model.edges.filter(edge => edge.isHandoff);
}

/** "Customer onboarding (`onboarding`)", or the name alone when the stream has no title. */
function streamLabel(stream: StreamModel): string {
    return stream.title ? `${escapeMarkdown(stream.title)} (\`${stream.name}\`)` : `\`${stream.name}\``;
}

function identificationRows(model: StreamModel, baseline: StreamModel | undefined): Array<[string, string]> {
    const { identification } = model;
    const rows: Array<[string, string]> = [
        ['Stream', streamLabel(model)],
        ['Recipient', text(identification.recipient, 'not stated: add `recipient "…"`')],
        ['Start point', text(identification.start, 'not stated: add `start "…"`')],
        ['End point', text(identification.end, 'not stated: add `end "…"`')],
        ['Teams involved', cellList(identification.teams.map(partyLabel), 'none named')],
        ['Systems involved', cellList(identification.systems.map(partyLabel), 'none named')],
        ['Major handoffs', cellList(majorHandoffs(model), 'none')],
        ['Known delays', cellList(knownDelays(model), 'no waits recorded')],
        ['Common rework', cellList(commonRework(model), 'no rework recorded')],
        [
            'Primary measure',
            identification.measure
                ? escapeMarkdown(MEASURES[identification.measure] ?? identification.measure)
                : '_not stated: add `measure lead-time` (or quality, effort, cost, experience)_'
        ]
    ];
    if (model.improves) {
        rows.push(['Future state of', baseline ? streamLabel(baseline) : `\`${model.improves}\` (not found)`]);
    }
    return rows;
}

/** `A → B (Sales → Customer success)`. */
function edgeLabel(model: StreamModel, edge: { from: number; to: number }): string {
    return `${stepLabel(model.steps[edge.from])} → ${stepLabel(model.steps[edge.to])}`;
}

function ownersLabel(model: StreamModel, edge: { from: number; to: number }): string {
    return `${partyLabel(model.steps[edge.from].owner)} → ${partyLabel(model.steps[edge.to].owner)}`;
}

/** Handoffs that cost time or quality, or sit on the critical path; the longest waits first. */
function majorHandoffs(model: StreamModel): string[] {
    const critical = new Set(model.criticalEdges);
    const major = handoffEdges(model)
        .filter(edge => edge.waitTime > 0 || edge.completeAccurate < 1 || critical.has(edge.index))
        .sort((a, b) => b.waitTime - a.waitTime || a.completeAccurate - b.completeAccurate || a.index - b.index);
    return capped(
        major.map(edge => {
            const costs = [
                edge.waitTime > 0 ? `waits ${formatDuration(edge.waitTime, model.workdayHours)}` : '',
                edge.completeAccurate < 1 ? `${formatPercent(edge.completeAccurate)} complete and accurate` : '',
                critical.has(edge.index) ? 'on the critical path' : ''
            ]
                .filter(Boolean)
                .join(', ');
            return `${edgeLabel(model, edge)} (${ownersLabel(model, edge)}): ${costs}`;
        }),
        rest => countOf(rest, 'more handoff')
    );
}

interface Delay {
    hours: number;
    description: string;
}

/** Every wait of the stream, the longest first. */
function knownDelays(model: StreamModel): string[] {
    const critical = new Set(model.criticalPath);
    const criticalEdges = new Set(model.criticalEdges);
    const onPath = (yes: boolean) => (yes ? '' : ', off the critical path');
    const delays: Delay[] = [
        ...model.steps.flatMap(step =>
            step.waits
                .filter(wait => wait.hours > 0)
                .map(wait => ({
                    hours: wait.hours,
                    description: `${stepLabel(step)} waits ${formatDuration(wait.hours, model.workdayHours)}${wait.cause ? ` on ${partyLabel(wait.cause)}${wait.outsideControl ? ", outside its owner's control" : ''}` : ''}${onPath(critical.has(step.index))}`
                }))
        ),
        ...model.edges
            .filter(edge => edge.waitTime > 0)
            .map(edge => ({
                hours: edge.waitTime,
                description: `${edge.kind === 'handoff' ? 'Handoff' : 'Flow'} ${edgeLabel(model, edge)} waits ${formatDuration(edge.waitTime, model.workdayHours)}${onPath(criticalEdges.has(edge.index))}`
            }))
    ];
    const sorted = delays.sort((a, b) => b.hours - a.hours);
    const total = sorted.slice(MOST_LISTED).reduce((sum, delay) => sum + delay.hours, 0);
    return capped(
        sorted.map(delay => delay.description),
        rest =>
            rest === 1
                ? `1 more wait of ${formatDuration(total, model.workdayHours)}`
                : `${rest} more waits adding up to ${formatDuration(total, model.workdayHours)}`
    );
}

function commonRework(model: StreamModel): string[] {
    const sorted = [...model.reworks].sort((a, b) => b.addedHours - a.addedHours || a.index - b.index);
    return capped(
        sorted.map(rework => {
            const rate = rework.rate === undefined ? 'rate not measured' : `${formatPercent(rework.rate)} of the work`;
            const reason = rework.reason ? `: ${escapeMarkdown(rework.reason)}` : '';
            const cost =
                rework.addedHours > 0
                    ? ` (about ${formatDuration(rework.addedHours, model.workdayHours)} more per item)`
                    : '';
            return `${stepLabel(model.steps[rework.from])} back to ${stepLabel(model.steps[rework.to])}, ${rate}${reason}${cost}`;
        }),
        rest => countOf(rest, 'more rework loop')
    );
}

function capped(items: string[], more: (rest: number) => string): string[] {
    return items.length > MOST_LISTED ? [...items.slice(0, MOST_LISTED), more(items.length - MOST_LISTED)] : items;
}

function figures(model: StreamModel, baseline: StreamModel | undefined): string {
    const compared = compareFigures(model, baseline);
    const table = baseline
        ? [
              '| Figure | Now | Before | Change |',
              '|---|--:|--:|---|',
              ...compared.map(
                  figure => `| ${figure.label} | ${figure.value} | ${figure.before ?? ''} | ${changeWords(figure)} |`
              )
          ]
        : ['| Figure | Value |', '|---|--:|', ...compared.map(figure => `| ${figure.label} | ${figure.value} |`)];
    const path = (steps: number[]) => steps.map(index => stepLabel(model.steps[index])).join(' → ') || '_none_';
    const times = `Times in working hours (a working day is ${formatDuration(model.workdayHours, model.workdayHours)}). Critical path: ${path(model.criticalPath)}.`;
    return [table.join('\n'), times, ...decisions(model, path(model.typicalPath))].join('\n\n');
}

/** What each decision sends where, in words, and the typical path they make; nothing without decisions. */
function decisions(model: StreamModel, typicalPath: string): string[] {
    if (model.decisions.length === 0) {
        return [];
    }
    return [
        'Decisions, where each item takes one way:',
        model.decisions.map(decision => `- ${decisionWords(model, decision, stepLabel)}.`).join('\n'),
        `Typical path, the likeliest way at each decision, taken by ${formatPercent(model.metrics.typicalShare)} of items: ${typicalPath} (typical lead time ${formatDuration(model.metrics.typicalLeadTime, model.workdayHours)}).`
    ];
}

function findings(model: StreamModel): string {
    return (Object.keys(FINDING_QUESTIONS) as FindingQuestion[])
        .map(question => {
            const found = model.findings.filter(finding => finding.question === question);
            const items =
                found.length > 0
                    ? found.map(finding => `- ${escapeMarkdown(finding.message)}`)
                    : ['- _Nothing found._'];
            return `### ${FINDING_QUESTIONS[question]}\n\n${items.join('\n')}`;
        })
        .join('\n\n');
}

/** The kaizen bursts of the map, step by step. */
function improvementIdeas(model: StreamModel): string {
    const ideas = model.steps.flatMap(step =>
        step.kaizens.map(idea => `- ${stepLabel(step)}: ${escapeMarkdown(idea)}`)
    );
    return ideas.length > 0 ? ideas.join('\n') : '_None marked yet: add `kaizen STEP "idea"` to the map._';
}

function handoffSections(model: StreamModel, notes: TeamNotes, carried: Set<string>): string {
    const handoffs = handoffEdges(model);
    if (handoffs.length === 0) {
        return '_No work changes hands in this stream._';
    }
    const occurrences = new Map<string, number>();
    return handoffs
        .map((edge, position) => {
            const from = model.steps[edge.from].name,
                to = model.steps[edge.to].name;
            const occurrence = (occurrences.get(`${from} ${to}`) ?? 0) + 1;
            occurrences.set(`${from} ${to}`, occurrence);
            const key = handoffKey(model.name, from, to, occurrence);
            if (notes.has(key)) {
                carried.add(key);
            }
            return handoffSection(model, edge, position + 1, key, notes.get(key));
        })
        .join('\n\n');
}

function stepCell(step: StepModel): string {
    return `${stepLabel(step)} (\`${step.name}\`), owned by ${partyLabel(step.owner)}`;
}

function handoffSection(
    model: StreamModel,
    edge: FlowEdgeModel,
    number: number,
    key: string,
    notes: HandoffNotes | undefined
): string {
    const from = model.steps[edge.from];
    const to = model.steps[edge.to];
    const accountable = edge.owner
        ? partyLabel(edge.owner)
        : `_not named${edge.kind === 'handoff' ? ': add `owner TEAM` to the handoff' : ''}_`;
    const rows: Array<[string, string]> = [
        ['From', stepCell(from)],
        ['To', stepCell(to)],
        ['Accountable for the transfer', accountable],
        [
            'Carries',
            cellList(
                edge.carries.map(escapeMarkdown),
                edge.kind === 'handoff'
                    ? 'not stated: add `carries "…"`'
                    : 'not stated: a `flow`, not a declared handoff'
            )
        ],
        ['Via', edge.via ? partyLabel(edge.via) : '_no system named_'],
        ['Wait', formatDuration(edge.waitTime, model.workdayHours)],
        ['%C&A', formatPercent(edge.completeAccurate)],
        ['On the critical path', model.criticalEdges.includes(edge.index) ? 'yes' : 'no'],
        ['Declared at', edge.range ? `line ${edge.range.start.line + 1}` : '_unknown_']
    ];
    const questions: Record<ChecklistName, [string, string[]]> = {
        'Intake rules': [`What ${stepLabel(to)} needs before it starts, and who checks it.`, intakeItems(edge, to)],
        'Quality checks': [qualityQuestion(from, to), qualityItems(model, edge, to)],
        'Exception paths': [
            'What happens when something is missing, wrong or late, and where it goes.',
            exceptionItems(model, edge)
        ]
    };
    return [
        `### ${number}. ${edgeLabel(model, edge)}`,
        handoffAnchor(key),
        fieldTable(rows),
        ...CHECKLISTS.map(
            name =>
                `#### ${name}\n\n${questions[name][0]}\n\n${checklist(questions[name][1], notes?.checklists.get(name))}`
        )
    ].join('\n\n');
}

/**
 * What people wrote in the earlier card that the new cards have no place for: under handoffs no
 * card here has any more (laid out as the cards lay it out, so that it rejoins its handoff if
 * it returns), and outside the checklists, under where it was. Kept again each time.
 */
function keptFromTheEarlierCard(handoffs: Array<[string, HandoffNotes]>, pieces: KeptWriting[]): string {
    return (
        [
            `# ${KEPT_TITLE}`,
            "What people wrote in the earlier card that this one has no place for: under handoffs that the map no longer has, or outside the checklists' “Agreed by the teams:”. Move it where it belongs, or delete it.",
            ...(handoffs.length > 0
                ? [
                      '## Handoffs',
                      ...handoffs.map(([key, handoff]) =>
                          [
                              `### ${handoff.title}`,
                              handoffAnchor(key),
                              ...[...handoff.checklists]
                                  .filter(([, checklist]) => checklist.lines.length > 0)
                                  .map(
                                      ([name, checklist]) =>
                                          `#### ${name}\n\n${AGREED_BY_THE_TEAMS}\n\n${closeOpenBlock(checklist.lines).join('\n')}`
                                  )
                          ].join('\n\n')
                      )
                  ]
                : []),
            ...(pieces.length > 0
                ? [
                      '## Written elsewhere in the card',
                      ...pieces.map(
                          piece => `### ${piece.place}\n\n${KEPT_ANCHOR}\n\n${closeOpenBlock(piece.lines).join('\n')}`
                      )
                  ]
                : [])
        ].join('\n\n') + '\n'
    );
}

function qualityQuestion(from: StepModel, to: StepModel): string {
    return from.owner && to.owner && from.owner.name === to.owner.name
        ? `How ${partyLabel(from.owner)} knows the work is ready to move on, and that it arrived complete.`
        : `How ${partyLabel(from.owner)} knows the work is ready to hand over, and how ${partyLabel(to.owner)} confirms it arrived complete.`;
}

/** The map's items (ticked as the teams left them), then the teams' own, or an empty item to start them. */
function checklist(items: string[], notes: ChecklistNotes | undefined): string {
    const fromTheMap = items.map(item => `- [${notes?.ticked.has(item) ? 'x' : ' '}] ${item}`).join('\n');
    const teams = notes && notes.lines.length > 0 ? closeOpenBlock(notes.lines).join('\n') : PLACEHOLDER_ITEM;
    return [...(items.length > 0 ? [FROM_THE_MAP, fromTheMap] : []), AGREED_BY_THE_TEAMS, teams].join('\n\n');
}

function intakeItems(edge: FlowEdgeModel, to: StepModel): string[] {
    return edge.carries.map(item => `${escapeMarkdown(item)}: present and usable before ${stepLabel(to)} starts`);
}

function qualityItems(model: StreamModel, edge: FlowEdgeModel, to: StepModel): string[] {
    const items: string[] = [];
    if (edge.completeAccurate < 1) {
        items.push(
            `Only ${formatPercent(edge.completeAccurate)} arrives complete and accurate today: what ${stepLabel(to)} checks first, and what is sent back`
        );
    }
    if (edge.waitTime > 0) {
        items.push(
            `Work waits ${formatDuration(edge.waitTime, model.workdayHours)} in this handoff: who watches the queue, and when is it late`
        );
    }
    return items;
}

/** Rework that leaves from the receiving side or returns to the sending side passes back through this handoff. */
function exceptionItems(model: StreamModel, edge: FlowEdgeModel): string[] {
    return model.reworks
        .filter(rework => rework.loopSteps.includes(edge.from) && rework.loopSteps.includes(edge.to))
        .map(rework => {
            const rate =
                rework.rate === undefined
                    ? 'Some work (rate not measured)'
                    : `${formatPercent(rework.rate)} of the work`;
            const reason = rework.reason ? ` (${escapeMarkdown(rework.reason)})` : '';
            return `${rate} comes back from ${stepLabel(model.steps[rework.from])} to ${stepLabel(model.steps[rework.to])}${reason}: how it returns, and who owns it`;
        });
}
