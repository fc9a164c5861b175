/**
 * Follows the editor's settings: `vstream.flowEfficiencyThreshold` (percent) drives
 * `low-flow-efficiency`, and a change revalidates every document.
 */
import type { VstreamLspServices } from '../vstream-module.js';

export class SettingsFollower {
    constructor(private readonly services: VstreamLspServices) {}

    listen(): void {
        const configuration = this.services.shared.workspace.ConfigurationProvider;
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'vstream') {
                void this.apply((update.configuration as Record<string, unknown> | undefined)?.flowEfficiencyThreshold);
            }
        });
        void configuration
            .getConfiguration('vstream', 'flowEfficiencyThreshold')
            .then(threshold => this.apply(threshold));
    }

    private async apply(threshold: unknown): Promise<void> {
        const { shared, analysis } = this.services;
        const fraction =
            typeof threshold === 'number' && threshold >= 0 && threshold <= 100 ? threshold / 100 : undefined;
        if (fraction === undefined || fraction === analysis.Settings.flowEfficiencyThreshold) {
            return;
        }
        analysis.Settings.flowEfficiencyThreshold = fraction;
        await shared.workspace.WorkspaceLock.write(token =>
            shared.workspace.DocumentBuilder.build(
                shared.workspace.LangiumDocuments.all.toArray(),
                { validation: true },
                token
            )
        );
    }
}
