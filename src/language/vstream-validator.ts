/**
 * The checks of the contract's diagnostic table. Each diagnostic carries its stable code, sits
 * on the offending element and says what would fix it. Graph checks (cycles, loops, islands,
 * flow efficiency) read the stream's cached StreamModel, so they cost one analysis per stream.
 */
import {
    AstUtils, GrammarUtils, MultiMap, UriUtils, WorkspaceCache,
    type AstNode, type AstNodeDescription, type DiagnosticInfo, type IndexManager, type Reference, type ValidationAcceptor
} from 'langium';
import { edgeHeaderRange, flowLinks, stepOwner } from '../analysis/build-model.js';
import { countOf, formatHours, formatPercent, parseDuration, parsePercentage } from '../analysis/quantities.js';
import type { SourceRange, StreamModel } from '../analysis/stream-model.js';
import * as ast from './generated/ast.js';
import { DiagnosticCodes, SEVERITY_OF, type DiagnosticCode } from './diagnostic-codes.js';
import type { StreamModels } from './stream-models.js';
import type { VstreamServices } from './vstream-module.js';
import type { VstreamSettings } from './vstream-settings.js';

/** A check of one kind of node; all of them are synchronous. */
type Check<N extends AstNode> = (node: N, accept: ValidationAcceptor) => void;

/**
 * Registers one check on the document that walks it once and calls the checks of each node
 * directly. Registered one by one, Langium would await every check of every node (and yield
 * for cancellation at each), which is a third of the time of a keystroke in a long stream.
 */
export function registerValidationChecks(services: VstreamServices): void {
    const validator = services.validation.VstreamValidator;
    services.validation.ValidationRegistry.register<ast.VstreamAstType>({ Document: validator.checkDocument }, validator);
}

/** The replacement character: what a decoder puts where bytes are not UTF-8. */
const UNREADABLE = '\uFFFD';

/** Reports a diagnostic with the severity the contract gives its code. */
function report<N extends AstNode>(accept: ValidationAcceptor, code: DiagnosticCode, message: string, info: Omit<DiagnosticInfo<N>, 'code'>): void {
    accept(SEVERITY_OF[code], message, { ...info, code } as DiagnosticInfo<N>);
}

type Clause = ast.StepClause | ast.HandoffClause | ast.ReworkClause | ast.StreamProperty;

const CLAUSE_KEYWORD: Record<Clause['$type'], string> = {
    OwnerClause: 'owner', ProcessClause: 'process', StepWait: 'wait', CompleteClause: 'complete', UsesClause: 'uses',
    CarriesClause: 'carries', ViaClause: 'via', EdgeWait: 'wait', RateClause: 'rate', ReasonClause: 'reason',
    Recipient: 'recipient', StartPoint: 'start', EndPoint: 'end', Measure: 'measure', Workday: 'workday'
};

/** Half-typed statements have references that are still missing. */
function sameStep(a: Reference<ast.Step> | undefined, b: Reference<ast.Step> | undefined): boolean {
    if (!a || !b) {
        return false;
    }
    return a.ref && b.ref ? a.ref === b.ref : a.$refText === b.$refText;
}

function nameOf(reference: Reference | undefined): string {
    return reference?.$refText || '?';
}

export class VstreamValidator {
    private readonly indexManager: IndexManager;
    private readonly streamModels: StreamModels;
    private readonly settings: VstreamSettings;
    /** Top-level names of the whole workspace, by name: teams and systems share one namespace, streams another. */
    private readonly workspaceNames: WorkspaceCache<'parties' | 'streams', MultiMap<string, AstNodeDescription>>;

    /** The checks of each node type. */
    private readonly checks: { [T in keyof ast.VstreamAstType]?: Array<Check<ast.VstreamAstType[T]>> } = {
        Document: [this.checkTopLevelNames, this.checkReadableText],
        Stream: [this.checkStreamMembers, this.checkIdentification, this.checkFlowGraph],
        Step: [this.checkStep],
        Handoff: [this.checkHandoff],
        Flow: [this.checkFlow],
        Rework: [this.checkRework],
        StepWait: [this.checkWaitOutsideControl, this.checkDuration],
        ProcessClause: [this.checkDuration],
        EdgeWait: [this.checkDuration],
        Workday: [this.checkWorkday],
        CompleteClause: [this.checkPercentage],
        RateClause: [this.checkPercentage]
    };

    constructor(services: VstreamServices) {
        this.indexManager = services.shared.workspace.IndexManager;
        this.streamModels = services.analysis.StreamModels;
        this.settings = services.analysis.Settings;
        this.workspaceNames = new WorkspaceCache(services.shared);
    }

    /** Runs the checks of every node of the document; a failing check does not stop the others. */
    checkDocument(document: ast.Document, accept: ValidationAcceptor): void {
        for (const node of AstUtils.streamAst(document)) {
            const checks = (this.checks as Record<string, Array<Check<AstNode>> | undefined>)[node.$type];
            for (const check of checks ?? []) {
                try {
                    check.call(this, node, accept);
                } catch (error) {
                    console.error(`vstream: a ${node.$type} check failed:`, error);
                }
            }
        }
    }

    /**
     * Text decoded from another encoding as UTF-8 (by the server reading a file from disk, or an
     * editor guessing wrong) carries U+FFFD where a character could not be read.
     */
    checkReadableText(document: ast.Document, accept: ValidationAcceptor): void {
        const text = AstUtils.getDocument(document).textDocument;
        const content = text.getText();
        const first = content.indexOf(UNREADABLE);
        if (first < 0) {
            return;
        }
        const count = content.split(UNREADABLE).length - 1;
        const start = text.positionAt(first);
        report(accept, DiagnosticCodes.unreadableText,
            `This file holds ${countOf(count, 'character')} that could not be read (shown as ${UNREADABLE}): it was probably saved in an encoding other than UTF-8. Save it as UTF-8 so that names and titles read as written.`,
            { node: document, range: { start, end: { line: start.line, character: start.character + 1 } } });
    }

    checkTopLevelNames(document: ast.Document, accept: ValidationAcceptor): void {
        for (const element of document.elements) {
            if (!element.name) {
                continue;
            }
            const namespace = ast.isStream(element) ? 'streams' : 'parties';
            const others = this.namesIn(namespace).get(element.name).filter(other => !this.isDeclaration(other, element));
            if (others.length > 0) {
                const where = others.map(other => `${UriUtils.basename(other.documentUri)}:${(other.nameSegment?.range.start.line ?? 0) + 1}`).join(', ');
                const kind = ast.isStream(element) ? 'stream' : ast.isTeam(element) ? 'team' : 'system';
                report(accept, DiagnosticCodes.duplicateName,
                    `The name '${element.name}' is declared more than once at the top level (also at ${where}); top-level ${ast.isStream(element) ? 'streams' : 'teams and systems'} are shared by every file of the workspace. Rename or remove one ${kind}.`,
                    { node: element, property: 'name' });
            }
        }
    }

    private namesIn(namespace: 'parties' | 'streams'): MultiMap<string, AstNodeDescription> {
        return this.workspaceNames.get(namespace, () => {
            const types = namespace === 'streams' ? [ast.Stream.$type] : [ast.Team.$type, ast.System.$type];
            const names = new MultiMap<string, AstNodeDescription>();
            for (const description of this.indexManager.allElements()) {
                if (types.includes(description.type as never)) {
                    names.add(description.name, description);
                }
            }
            return names;
        });
    }

    private isDeclaration(description: AstNodeDescription, node: AstNode): boolean {
        const document = AstUtils.getDocument(node);
        return description.documentUri.toString() === document.uri.toString()
            && description.nameSegment?.offset === GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.offset;
    }

    checkStreamMembers(stream: ast.Stream, accept: ValidationAcceptor): void {
        this.checkDuplicateNames(stream.members.filter(ast.isStep), 'step', stream, accept);
        this.checkDuplicateNames(stream.members.filter(member => ast.isTeam(member) || ast.isSystem(member)) as Array<ast.Team | ast.System>, 'team or system', stream, accept);
        this.checkDuplicateClauses(stream.members.filter(ast.isStreamProperty), `stream '${stream.name}'`, accept);
    }

    /** Reports every declaration of a name used more than once, so both places show the conflict. */
    private checkDuplicateNames(declarations: Array<ast.Step | ast.Team | ast.System>, kind: string, stream: ast.Stream, accept: ValidationAcceptor): void {
        const byName = new MultiMap<string, ast.Step | ast.Team | ast.System>();
        declarations.filter(declaration => declaration.name).forEach(declaration => byName.add(declaration.name, declaration));
        for (const [name, sharing] of byName.entriesGroupedByKey()) {
            if (sharing.length < 2) {
                continue;
            }
            for (const declaration of sharing) {
                const elsewhere = sharing.filter(other => other !== declaration).map(other => (other.$cstNode?.range.start.line ?? 0) + 1);
                report(accept, DiagnosticCodes.duplicateName,
                    `Stream '${stream.name}' has more than one ${kind} named '${name}' (also on line ${elsewhere.join(', ')}): rename or remove one.`,
                    { node: declaration, property: 'name' });
            }
        }
    }

    private checkDuplicateClauses(clauses: Clause[], owner: string, accept: ValidationAcceptor, repeatable: ReadonlyArray<Clause['$type']> = []): void {
        const seen = new Set<string>();
        for (const clause of clauses) {
            if (repeatable.includes(clause.$type)) {
                continue;
            }
            if (seen.has(clause.$type)) {
                const keyword = CLAUSE_KEYWORD[clause.$type];
                report(accept, DiagnosticCodes.duplicateProperty,
                    `\`${keyword}\` is given twice for ${owner}: keep one and remove this repeat.`,
                    { node: clause });
            }
            seen.add(clause.$type);
        }
    }

    checkIdentification(stream: ast.Stream, accept: ValidationAcceptor): void {
        const missing = [
            stream.members.some(ast.isRecipient) ? undefined : 'recipient',
            stream.members.some(ast.isStartPoint) ? undefined : 'start',
            stream.members.some(ast.isEndPoint) ? undefined : 'end'
        ].filter((field): field is string => field !== undefined);
        if (missing.length > 0) {
            report(accept, DiagnosticCodes.missingIdentification,
                `Stream '${stream.name}' does not say ${missing.map(field => `\`${field}\``).join(', ')}: add ${missing.map(field => `${field} "…"`).join(', ')} so the map says who receives the value and where the stream begins and ends.`,
                { node: stream, property: 'name' });
        }
    }

    checkStep(step: ast.Step, accept: ValidationAcceptor): void {
        this.checkDuplicateClauses(step.clauses, `step '${step.name}'`, accept, ['StepWait']);
        if (!step.clauses.some(ast.isOwnerClause)) {
            report(accept, DiagnosticCodes.stepWithoutOwner,
                `Step '${step.name}' has no owner: add \`owner TEAM\` so the map shows who is accountable for it.`,
                { node: step, property: 'name' });
        }
    }

    checkHandoff(handoff: ast.Handoff, accept: ValidationAcceptor): void {
        const name = `${nameOf(handoff.source)} -> ${nameOf(handoff.target)}`;
        const range = edgeHeaderRange(handoff);
        this.checkDuplicateClauses(handoff.clauses, `handoff ${name}`, accept);
        if (sameStep(handoff.source, handoff.target)) {
            report(accept, DiagnosticCodes.selfHandoff,
                `Handoff ${name} goes from step '${nameOf(handoff.source)}' to itself: point it at the next step, or use \`rework\` for work that is redone.`,
                { node: handoff, range });
            return;
        }
        const source = handoff.source?.ref, target = handoff.target?.ref;
        if (source && target) {
            this.checkHandoffOwners(handoff, source, target, range, accept);
        }
        if (!handoff.clauses.some(ast.isCarriesClause)) {
            report(accept, DiagnosticCodes.handoffCarriesNothing,
                `Handoff ${name} does not say what it carries: add \`carries "…"\` with the context '${nameOf(handoff.target)}' needs.`,
                { node: handoff, range });
        }
        const complete = parsePercentage(handoff.clauses.find(ast.isCompleteClause)?.percentage);
        if (complete?.hasPercentSign && complete.value < 100) {
            report(accept, DiagnosticCodes.incompleteHandoff,
                `Handoff ${name} arrives ${complete.value}% complete and accurate: ${Number((100 - complete.value).toFixed(2))}% of what '${nameOf(handoff.target)}' receives has to be chased or fixed.`,
                { node: handoff, range });
        }
    }

    private checkHandoffOwners(handoff: ast.Handoff, source: ast.Step, target: ast.Step, range: SourceRange | undefined, accept: ValidationAcceptor): void {
        const sourceOwner = stepOwner(source), targetOwner = stepOwner(target);
        const name = `${source.name} -> ${target.name}`;
        if (!handoff.clauses.some(ast.isOwnerClause) && (!sourceOwner || !targetOwner)) {
            const unowned = [sourceOwner ? undefined : `'${source.name}'`, targetOwner ? undefined : `'${target.name}'`].filter(Boolean).join(' and ');
            report(accept, DiagnosticCodes.handoffWithoutOwner,
                `Nobody is accountable for handoff ${name}: step ${unowned} ${unowned.includes(' and ') ? 'have' : 'has'} no owner. Add \`owner TEAM\` to the handoff or to the step.`,
                { node: handoff, range });
        }
        if (sourceOwner && targetOwner && sourceOwner === targetOwner) {
            report(accept, DiagnosticCodes.sameOwnerHandoff,
                `Handoff ${name} stays within team '${sourceOwner.name}': if ownership does not change, \`flow ${name}\` says so.`,
                { node: handoff, range });
        }
    }

    checkFlow(flow: ast.Flow, accept: ValidationAcceptor): void {
        for (const link of flowLinks(flow)) {
            const name = `${nameOf(link.source)} -> ${nameOf(link.target)}`;
            if (sameStep(link.source, link.target)) {
                report(accept, DiagnosticCodes.selfHandoff,
                    `Flow ${name} goes from step '${nameOf(link.source)}' to itself: point it at the next step, or use \`rework\` for work that is redone.`,
                    { node: flow, range: link.range });
                continue;
            }
            const sourceOwner = link.source.ref && stepOwner(link.source.ref);
            const targetOwner = link.target.ref && stepOwner(link.target.ref);
            if (sourceOwner && targetOwner && sourceOwner !== targetOwner) {
                report(accept, DiagnosticCodes.undeclaredHandoff,
                    `Work passes from ${sourceOwner.name} to ${targetOwner.name} in flow ${name} with nothing said about it: declare \`handoff ${name} { carries "…" }\`.`,
                    { node: flow, range: link.range });
            }
        }
    }

    checkRework(rework: ast.Rework, accept: ValidationAcceptor): void {
        const name = `${nameOf(rework.source)} -> ${nameOf(rework.target)}`;
        const range = edgeHeaderRange(rework);
        this.checkDuplicateClauses(rework.clauses, `rework ${name}`, accept);
        if (sameStep(rework.source, rework.target)) {
            report(accept, DiagnosticCodes.selfHandoff,
                `Rework ${name} sends step '${nameOf(rework.source)}' back to itself: name the earlier step the work returns to.`,
                { node: rework, range });
        }
        if (!rework.clauses.some(ast.isRateClause)) {
            report(accept, DiagnosticCodes.reworkWithoutRate,
                `Rework ${name} has no rate, so its cost is unknown: measure how often work goes back and add \`rate N%\`.`,
                { node: rework, range });
        }
    }

    checkWaitOutsideControl(wait: ast.StepWait, accept: ValidationAcceptor): void {
        const cause = wait.cause?.ref;
        const step = wait.$container;
        const owner = stepOwner(step);
        if (cause && cause !== owner) {
            const kind = ast.isTeam(cause) ? 'team' : 'system';
            report(accept, DiagnosticCodes.waitOutsideControl,
                `Step '${step.name}' waits ${wait.duration} on ${kind} '${cause.name}', outside ${owner ? `${owner.name}'s` : 'its owner\'s'} control.`,
                { node: wait });
        }
    }

    checkDuration(clause: ast.ProcessClause | ast.StepWait | ast.EdgeWait, accept: ValidationAcceptor): void {
        const duration = parseDuration(clause.duration);
        if (duration && !duration.unit) {
            report(accept, DiagnosticCodes.invalidDuration,
                `The duration ${clause.duration} has no unit: write ${clause.duration}m, ${clause.duration}h, ${clause.duration}d or ${clause.duration}w.`,
                { node: clause, property: 'duration' });
        }
    }

    checkWorkday(workday: ast.Workday, accept: ValidationAcceptor): void {
        const length = parseDuration(workday.length);
        if (!length) {
            return;
        }
        const hours = length.unit === 'h' ? length.amount : length.unit === 'm' ? length.amount / 60 : undefined;
        if (hours === undefined || hours <= 0 || hours > 24) {
            report(accept, DiagnosticCodes.invalidDuration,
                `A working day of ${workday.length} is not possible: give its length in hours (or minutes), more than 0h and at most 24h, as in \`workday 7.5h\`.`,
                { node: workday, property: 'length' });
        }
    }

    checkPercentage(clause: ast.CompleteClause | ast.RateClause, accept: ValidationAcceptor): void {
        const percentage = parsePercentage(clause.percentage);
        if (!percentage) {
            return;
        }
        const keyword = ast.isRateClause(clause) ? 'rate' : 'complete';
        if (!percentage.hasPercentSign) {
            report(accept, DiagnosticCodes.invalidPercentage,
                `\`${keyword} ${clause.percentage}\` needs a percent sign: write ${clause.percentage}%.`,
                { node: clause, property: 'percentage' });
        } else if (percentage.value > 100) {
            report(accept, DiagnosticCodes.invalidPercentage,
                `${clause.percentage} is above 100%: a ${keyword === 'rate' ? 'rework rate' : '%C&A'} is a share between 0% and 100%.`,
                { node: clause, property: 'percentage' });
        } else if (keyword === 'rate' && percentage.value === 100) {
            report(accept, DiagnosticCodes.invalidPercentage,
                `A rework rate of 100% means the work never gets through: give the share that goes back, below 100%.`,
                { node: clause, property: 'percentage' });
        }
    }

    checkFlowGraph(stream: ast.Stream, accept: ValidationAcceptor): void {
        const model = this.streamModels.get(stream);
        this.checkCycles(model, stream, accept);
        this.checkReworkLoops(model, stream, accept);
        this.checkDisconnectedSteps(model, stream, accept);
        this.checkFlowEfficiency(model, stream, accept);
    }

    private checkCycles(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
        for (const edge of model.edges) {
            // A step's edge to itself is a self-handoff, reported on its own.
            if (!edge.cycle || edge.from === edge.to) {
                continue;
            }
            const names = [...edge.cycle, edge.cycle[0]].map(step => model.steps[step].name);
            report(accept, DiagnosticCodes.flowCycle,
                `The ${edge.kind} ${model.steps[edge.from].name} -> ${model.steps[edge.to].name} closes a cycle (${names.join(' → ')}): work that goes back is rework; write \`rework ${model.steps[edge.from].name} -> ${model.steps[edge.to].name} { rate N% }\` instead.`,
                { node: stream, range: edge.range });
        }
    }

    private checkReworkLoops(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
        for (const rework of model.reworks) {
            if (rework.loopSteps.length === 0) {
                const from = model.steps[rework.from].name, to = model.steps[rework.to].name;
                report(accept, DiagnosticCodes.reworkNotALoop,
                    `Rework ${from} -> ${to} does not go back along the flow: no path leads from '${to}' to '${from}'. Rework sends work from a later step back to an earlier one; check the direction.`,
                    { node: stream, range: rework.range });
            }
        }
    }

    private checkDisconnectedSteps(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
        if (model.steps.length < 2) {
            return;
        }
        const connected = new Set<number>();
        for (const edge of [...model.edges, ...model.reworks]) {
            connected.add(edge.from);
            connected.add(edge.to);
        }
        for (const step of model.steps) {
            if (!connected.has(step.index)) {
                report(accept, DiagnosticCodes.disconnectedStep,
                    `Step '${step.name}' is not connected to any other step: add a \`handoff\` or \`flow\` to or from it, or remove it.`,
                    { node: stream, range: step.nameRange });
            }
        }
    }

    private checkFlowEfficiency(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
        const { flowEfficiency, processTime, leadTime } = model.metrics;
        const threshold = this.settings.flowEfficiencyThreshold;
        if (flowEfficiency !== null && flowEfficiency < threshold) {
            report(accept, DiagnosticCodes.lowFlowEfficiency,
                `Flow efficiency of stream '${stream.name}' is ${formatPercent(flowEfficiency)} (${formatHours(processTime)} of work in a ${formatHours(leadTime)} lead time), below ${formatPercent(threshold)}: most of the time work waits. The findings show where.`,
                { node: stream, property: 'name' });
        }
    }
}
