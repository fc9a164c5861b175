/**
 * `npm run test:electron`: the extension checks in a VS Code downloaded by @vscode/test-electron.
 * Where VS Code cannot be downloaded (as on this project's CI machines), the real-editor tests
 * run the same checks in code-server instead.
 */
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
    const root = resolve(__dirname, '../..');
    await runTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: resolve(root, 'out/e2e/extension-checks.cjs'),
        launchArgs: [resolve(root, 'test/e2e/fixtures'), '--disable-extensions']
    });
}

main().catch(error => {
    console.error(
        `vstream: the extension tests could not run: ${error instanceof Error ? error.message : String(error)}`
    );
    process.exit(1);
});
