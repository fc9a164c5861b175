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

    it('drops the codes vstream.diagnostics.ignore names, and shows hours only with vstream.figures.hoursOnly', async () => {
        const workspace = await lspWorkspace(
            'team A\nstream s { recipient "r" start "a" end "b"  step a { owner A process 1h wait 2d } step b { process 1h } flow a -> b }'
        );
        workspace.services.handlers.Settings.listen();
        const codes = () => (workspace.documents[0].diagnostics ?? []).map(diagnostic => diagnostic.code);
        const waitFinding = () =>
            workspace.services.analysis.StreamModels.get(workspace.documents[0].parseResult.value.elements[1] as never)
                .findings[0].message;
        expect(codes()).toContain('step-without-owner');
        expect(waitFinding()).toBe('Work waits 2 d of the 2.25 d lead time on the critical path (88.9%).');
        workspace.services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { vstream: { diagnostics: { ignore: ['step-without-owner'] }, figures: { hoursOnly: true } } }
        });
        await workspace.services.shared.workspace.WorkspaceLock.read(() => undefined);
        expect(codes()).not.toContain('step-without-owner');
        expect(waitFinding()).toBe('Work waits 16 h of the 18 h lead time on the critical path (88.9%).');
        workspace.services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { vstream: {} } });
        await workspace.services.shared.workspace.WorkspaceLock.read(() => undefined);
        expect(codes()).toContain('step-without-owner');
    });
});
