/**
 * `vstream measure --update` and the editor's "Update the Map from the Measurement": the
 * measured figures written into the map as edits of the durations only, so that comments,
 * layout and every other clause stay as they were. The likely value is the measured median; with
 * `ranges`, each figure becomes the range p15..p50..p85.
 */
import { GrammarUtils, type CstNode, type LangiumDocument } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { countOf, durationLiteral } from '../analysis/figures.js';
import { fixedTime, isRange, type TimeSpan } from '../analysis/quantities.js';
import type { StepModel, StreamModel } from '../analysis/stream-model.js';
import { MIN_SAMPLES } from '../measure/drift.js';
import type { MeasuredTime, StepMeasurement, StreamMeasurement } from '../measure/measure-model.js';
import * as ast from './generated/ast.js';

export interface UpdateOptions {
    /** Write p15..p50..p85 ranges instead of the median. */
    ranges: boolean;
}

/** What the update did to each step: "fix: process 6h → 18h, wait 2d → 2.88d", or why it left it. */
export interface StepUpdate {
    stream: string;
    step: string;
    changes: string[];
    /** Why a figure was left as it is. */
    left: string[];
}

export interface MeasuredUpdate {
    edits: TextEdit[];
    steps: StepUpdate[];
}

/** The edits of one document: each stream of it that was measured. */
export function measuredUpdate(
    document: LangiumDocument<ast.Document>,
    measured: (stream: string) => StreamMeasurement | undefined,
    model: (stream: ast.Stream) => StreamModel,
    options: UpdateOptions
): MeasuredUpdate {
    const result: MeasuredUpdate = { edits: [], steps: [] };
    for (const stream of document.parseResult.value.elements.filter(ast.isStream)) {
        const measurement = measured(stream.name);
        if (!measurement) {
            continue;
        }
        const streamModel = model(stream);
        const steps = new Map(stream.members.filter(ast.isStep).map(step => [step.name, step]));
        for (const stepMeasurement of measurement.steps) {
            const step = steps.get(stepMeasurement.step);
            const stepModel = streamModel.steps.find(candidate => candidate.name === stepMeasurement.step);
            if (step && stepModel) {
                const update = new StepEditor(document, step, stepModel, streamModel.workdayHours, options);
                result.steps.push(update.write(stream.name, stepMeasurement));
                result.edits.push(...update.edits);
            }
        }
    }
    return result;
}

class StepEditor {
    readonly edits: TextEdit[] = [];
    /** Clauses the step lacks, written together at the end of its body. */
    private readonly added: string[] = [];

    constructor(
        private readonly document: LangiumDocument,
        private readonly step: ast.Step,
        private readonly model: StepModel,
        private readonly workdayHours: number,
        private readonly options: UpdateOptions
    ) {}

    write(stream: string, measured: StepMeasurement): StepUpdate {
        const update: StepUpdate = { stream, step: this.step.name, changes: [], left: [] };
        if (measured.items < MIN_SAMPLES) {
            update.left.push(
                `${countOf(measured.items, 'item')} reached it, too few to measure it (${MIN_SAMPLES} at least)`
            );
            return update;
        }
        this.writeProcess(measured.process, update);
        if (this.model.queues.length === 0) {
            update.left.push(
                'its wait: the step names no `queue` status, so the history cannot tell how long work waits for it'
            );
        } else {
            this.writeWaits(measured.wait, update);
        }
        this.insertAddedClauses();
        return update;
    }

    private writeProcess(measured: MeasuredTime, update: StepUpdate): void {
        const time = this.timeOf(measured, 1);
        if (!time) {
            return;
        }
        const clause = this.step.clauses.find(ast.isProcessClause);
        if (clause) {
            this.replaceDuration(clause, time, this.model.process, 'process', update);
        } else {
            const text = durationLiteral(time, this.workdayHours);
            this.added.push(`process ${text}`);
            update.changes.push(`process ${text} (added)`);
        }
    }

    /**
     * The measured wait is the time in the queue statuses: the step's inventory, counted in its
     * wait, stays as it is, and the waits share the rest in the proportions the map gives them.
     */
    private writeWaits(measured: MeasuredTime, update: StepUpdate): void {
        if (measured.p50 === null) {
            return;
        }
        const inventory = this.model.inventory?.hours ?? 0;
        const waits = this.step.clauses.filter(ast.isStepWait);
        const mapped = this.model.waits.map(wait => wait.hours);
        const mappedTotal = mapped.reduce((sum, hours) => sum + hours, 0);
        if (waits.length === 0) {
            const time = this.timeOf(measured, 1, inventory);
            if (time && time.likely > 0) {
                const text = durationLiteral(time, this.workdayHours);
                this.added.push(`wait ${text}`);
                update.changes.push(`wait ${text} (added)`);
            }
            return;
        }
        waits.forEach((wait, index) => {
            const share = mappedTotal > 0 ? mapped[index] / mappedTotal : index === 0 ? 1 : 0;
            const time = this.timeOf(measured, share, inventory);
            if (time) {
                this.replaceDuration(wait, time, this.model.waits[index].time, 'wait', update);
            }
        });
        if (inventory > measured.p50) {
            update.left.push('its inventory, which stands for more than the whole measured wait');
        }
    }

    /** A share of the measured figure, less what the inventory accounts for; null when nothing was measured. */
    private timeOf(measured: MeasuredTime, share: number, less = 0): TimeSpan | null {
        if (measured.p50 === null) {
            return null;
        }
        const part = (hours: number | null) => Math.max(0, ((hours ?? measured.p50!) - less) * share);
        return this.options.ranges
            ? { low: part(measured.p15), likely: part(measured.p50), high: part(measured.p85) }
            : fixedTime(part(measured.p50));
    }

    /** Leaves a figure that already is the measured one, give or take the rounding of the last update. */
    private replaceDuration(
        clause: ast.ProcessClause | ast.StepWait,
        time: TimeSpan,
        current: TimeSpan,
        name: string,
        update: StepUpdate
    ): void {
        const node = GrammarUtils.findNodeForProperty(clause.$cstNode, 'duration');
        const text = durationLiteral(time, this.workdayHours);
        if (!node || node.text === text || sameTime(time, current, isRange(current) === this.options.ranges)) {
            return;
        }
        this.edits.push({ range: node.range, newText: text });
        update.changes.push(`${name} ${node.text} → ${text}`);
    }

    /** After the last clause, on a line of its own when the body spans lines; a body for a step without one. */
    private insertAddedClauses(): void {
        if (this.added.length === 0) {
            return;
        }
        const clauses = this.added.join('  ');
        const stepNode = this.step.$cstNode!;
        const open = GrammarUtils.findNodeForKeyword(stepNode, '{');
        const close = GrammarUtils.findNodeForKeyword(stepNode, '}');
        const last = this.step.clauses.at(-1)?.$cstNode;
        if (!open || !close) {
            this.edits.push(insertAfter(stepNode, ` { ${clauses} }`));
        } else if (!last) {
            this.edits.push(insertAfter(open, ` ${clauses}`));
        } else if (last.range.end.line === close.range.start.line) {
            this.edits.push(insertAfter(last, `  ${clauses}`));
        } else {
            this.edits.push(insertAfter(last, `\n${this.indentOf(last)}${clauses}`));
        }
    }

    private indentOf(node: CstNode): string {
        const line = this.document.textDocument.getText({
            start: { line: node.range.start.line, character: 0 },
            end: node.range.start
        });
        return /^[ \t]*/.exec(line)![0];
    }
}

/** Within the rounding of a written figure (three significant digits), and of the same kind: range or not. */
function sameTime(a: TimeSpan, b: TimeSpan, sameKind: boolean): boolean {
    const close = (x: number, y: number) => Math.abs(x - y) <= 0.005 * Math.max(Math.abs(x), Math.abs(y));
    return sameKind && close(a.low, b.low) && close(a.likely, b.likely) && close(a.high, b.high);
}

function insertAfter(node: CstNode, text: string): TextEdit {
    const at: Range = { start: node.range.end, end: node.range.end };
    return { range: at, newText: text };
}
