/** Entry point of the `vstream` executable. */
import '../runtime-support.js';
import { run } from './cli.js';
import { failureExitStatus, failureMessage } from './workspace.js';

async function main(): Promise<void> {
    try {
        process.exitCode = await run(
            process.argv.slice(2),
            text => process.stdout.write(text),
            text => process.stderr.write(text)
        );
    } catch (error) {
        process.stderr.write(`vstream: ${failureMessage(error)}\n`);
        process.exitCode = failureExitStatus(error);
    }
}

void main();
