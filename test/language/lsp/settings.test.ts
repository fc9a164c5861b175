import { describe, expect, it } from 'vitest';
import { lspWorkspace } from '../../lsp-helpers.js';

const TEXT = 'team A\nstream s { recipient "r" start "a" end "b"  step a { owner A process 1h wait 2h } }';

describe('settings', () => {
    it('revalidates every document when vstream.flowEfficiencyThreshold changes', async () => {
        const workspace = await lspWorkspace(TEXT);
        workspace.services.handlers.Settings.listen();
        const codes = () => (workspace.documents[0].diagnostics ?? []).map(diagnostic => diagnostic.code);
        expect(codes()).toEqual([]);
        workspace.services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { vstream: { flowEfficiencyThreshold: 50 } }
        });
        await workspace.services.shared.workspace.WorkspaceLock.read(() => undefined);
        expect(codes()).toEqual(['low-flow-efficiency']);
        expect(workspace.services.analysis.Settings.flowEfficiencyThreshold).toBe(0.5);
    });

    it('ignores a threshold that is not a percentage', async () => {
        const workspace = await lspWorkspace(TEXT);
        workspace.services.handlers.Settings.listen();
        workspace.services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { vstream: { flowEfficiencyThreshold: 'high' } }
        });
        expect(workspace.services.analysis.Settings.flowEfficiencyThreshold).toBe(0.25);
    });
});
