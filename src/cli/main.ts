/** Entry point of the `vstream` executable. */
import '../runtime-support.js';
import { run } from './cli.js';
import { InputError } from './workspace.js';

async function main(): Promise<void> {
    try {
        process.exitCode = await run(
            process.argv.slice(2),
            text => process.stdout.write(text),
            text => process.stderr.write(text)
        );
    } catch (error) {
        const message =
            error instanceof InputError
                ? error.message
                : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
        process.stderr.write(`vstream: ${message}\n`);
        process.exitCode = 2;
    }
}

void main();
