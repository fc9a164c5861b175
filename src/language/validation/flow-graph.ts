/**
 * Checks of a stream's flow graph, read from its cached StreamModel so that they cost one
 * analysis per stream: cycles, rework that is not a loop, steps joined to nothing, and a flow
 * efficiency below the threshold.
 */
import type { ValidationAcceptor } from 'langium';
import { formatDuration, formatPercent } from '../../analysis/figures.js';
import type { StreamModel } from '../../analysis/stream-model.js';
import type * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import type { StreamModels } from '../stream-models.js';
import type { VstreamServices } from '../vstream-module.js';
import type { VstreamSettings } from '../vstream-settings.js';
import { report, type CheckSet } from './checks.js';

type GraphCheck = (model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor) => void;

export class FlowGraphChecks {
    private readonly streamModels: StreamModels;
    private readonly settings: VstreamSettings;
    private readonly graphChecks: GraphCheck[] = [
        checkCycles,
        checkReworkLoops,
        checkDisconnectedSteps,
        checkTarget,
        (model, stream, accept) => this.checkFlowEfficiency(model, stream, accept)
    ];

    readonly checks: CheckSet = {
        Stream: [
            (stream, accept) => this.graphChecks.forEach(check => check(this.streamModels.get(stream), stream, accept))
        ]
    };

    constructor(services: VstreamServices) {
        this.streamModels = services.analysis.StreamModels;
        this.settings = services.analysis.Settings;
    }

    private checkFlowEfficiency(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
        const { flowEfficiency, processTime, leadTime } = model.metrics;
        const threshold = this.settings.flowEfficiencyThreshold;
        if (flowEfficiency !== null && flowEfficiency < threshold) {
            report(
                accept,
                DiagnosticCodes.lowFlowEfficiency,
                `Flow efficiency of stream '${stream.name}' is ${formatPercent(flowEfficiency)} (${formatDuration(processTime, model.workdayHours)} of work in a ${formatDuration(leadTime, model.workdayHours)} lead time), below ${formatPercent(threshold)}: most of the time work waits. The findings show where.`,
                { node: stream, property: 'name' }
            );
        }
    }
}

function checkCycles(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
    for (const edge of model.edges) {
        // A step's edge to itself is a self-handoff, reported on its own.
        if (!edge.cycle || edge.from === edge.to) {
            continue;
        }
        const names = [...edge.cycle, edge.cycle[0]].map(step => model.steps[step].name);
        report(
            accept,
            DiagnosticCodes.flowCycle,
            `The ${edge.kind} ${model.steps[edge.from].name} -> ${model.steps[edge.to].name} closes a cycle (${names.join(' → ')}): work that goes back is rework; write \`rework ${model.steps[edge.from].name} -> ${model.steps[edge.to].name} { rate N% }\` instead.`,
            { node: stream, range: edge.range }
        );
    }
}

function checkReworkLoops(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
    for (const rework of model.reworks) {
        if (rework.loopSteps.length === 0) {
            const from = model.steps[rework.from].name,
                to = model.steps[rework.to].name;
            report(
                accept,
                DiagnosticCodes.reworkNotALoop,
                `Rework ${from} -> ${to} does not go back along the flow: no path leads from '${to}' to '${from}'. Rework sends work from a later step back to an earlier one; check the direction.`,
                { node: stream, range: rework.range }
            );
        }
    }
}

function checkDisconnectedSteps(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
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
            report(
                accept,
                DiagnosticCodes.disconnectedStep,
                `Step '${step.name}' is not connected to any other step: add a \`handoff\` or \`flow\` to or from it, or remove it.`,
                { node: stream, range: step.nameRange }
            );
        }
    }
}

/** The lead time above the stream's `target`. */
function checkTarget(model: StreamModel, stream: ast.Stream, accept: ValidationAcceptor): void {
    const { leadTime, target } = model.metrics;
    if (target !== null && leadTime > target + 1e-9) {
        report(
            accept,
            DiagnosticCodes.targetMissed,
            `Stream '${stream.name}' misses its target: its lead time is ${formatDuration(leadTime, model.workdayHours)}, ${formatDuration(leadTime - target, model.workdayHours)} more than the ${formatDuration(target, model.workdayHours)} it should reach. The findings show where work waits.`,
            { node: stream, property: 'name' }
        );
    }
}
