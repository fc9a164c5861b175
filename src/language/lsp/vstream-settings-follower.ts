/**
 * Follows the editor's settings: `vstream.flowEfficiencyThreshold` (percent) drives
 * `low-flow-efficiency`, `vstream.diagnostics.ignore` drops codes, `vstream.figures.hoursOnly`
 * shows durations in hours. A change validates every document again, so that its diagnostics
 * and figures follow.
 */
import { showHoursOnly, showsHoursOnly } from '../../analysis/figures.js';
import { DEFAULT_FLOW_EFFICIENCY_THRESHOLD } from '../vstream-settings.js';
import type { VstreamLspServices } from '../vstream-module.js';

/** The `vstream` section of the settings, as the editor sends it (dotted names nest). */
interface VstreamSection {
    flowEfficiencyThreshold?: unknown;
    diagnostics?: { ignore?: unknown };
    figures?: { hoursOnly?: unknown };
}

export class SettingsFollower {
    constructor(private readonly services: VstreamLspServices) {}

    listen(): void {
        const configuration = this.services.shared.workspace.ConfigurationProvider;
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'vstream') {
                void this.apply((update.configuration ?? {}) as VstreamSection);
            }
        });
        const keys = ['flowEfficiencyThreshold', 'diagnostics', 'figures'] as const;
        void Promise.all(keys.map(key => configuration.getConfiguration('vstream', key) as Promise<unknown>)).then(
            values => this.apply(Object.fromEntries(keys.map((key, index) => [key, values[index]])) as VstreamSection)
        );
    }

    private async apply(section: VstreamSection): Promise<void> {
        const settings = this.services.analysis.Settings;
        const threshold = section.flowEfficiencyThreshold;
        const fraction =
            typeof threshold === 'number' && threshold >= 0 && threshold <= 100
                ? threshold / 100
                : DEFAULT_FLOW_EFFICIENCY_THRESHOLD;
        const ignore = section.diagnostics?.ignore;
        const ignored = new Set(
            Array.isArray(ignore) ? ignore.filter((code): code is string => typeof code === 'string') : []
        );
        const hoursOnly = section.figures?.hoursOnly === true;
        const changed =
            fraction !== settings.flowEfficiencyThreshold ||
            hoursOnly !== showsHoursOnly() ||
            !sameCodes(ignored, settings.ignoredCodes);
        if (!changed) {
            return;
        }
        settings.flowEfficiencyThreshold = fraction;
        settings.ignoredCodes = ignored;
        if (hoursOnly !== showsHoursOnly()) {
            showHoursOnly(hoursOnly);
            // The findings of a stream are worded when it is analysed: analyse again.
            this.services.analysis.StreamModels.clear();
        }
        const { workspace } = this.services.shared;
        await workspace.WorkspaceLock.write(token =>
            workspace.DocumentBuilder.build(workspace.LangiumDocuments.all.toArray(), { validation: true }, token)
        );
    }
}

function sameCodes(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    return a.size === b.size && [...a].every(code => b.has(code));
}
