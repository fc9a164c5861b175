/** Settings that change what the checks report; the CLI sets them from flags, the editor from its configuration. */
export const DEFAULT_FLOW_EFFICIENCY_THRESHOLD = 0.25;

export class VstreamSettings {
    /** A stream whose flow efficiency is below this fraction gets `low-flow-efficiency`. */
    flowEfficiencyThreshold = DEFAULT_FLOW_EFFICIENCY_THRESHOLD;
    /** Diagnostic codes nobody wants to see (`--ignore`, `vstream.diagnostics.ignore`). */
    ignoredCodes: ReadonlySet<string> = new Set();
}
