/**
 * A long read of a tracker's history, as a person at a terminal sees it: one line on standard
 * error that says what is being done, how many rows and for how long, rewritten in place; and
 * Ctrl+C that stops the query instead of killing the process halfway through a write.
 */
import type { MeasurePhase, MeasureProgress } from '../measure/measure-model.js';

const PHASE: Record<MeasurePhase, string> = {
    reading: 'reading the history',
    measuring: 'measuring the steps',
    locating: 'finding the lines of unreadable rows'
};

export class MeasureProgressLine {
    private shown = false;

    constructor(private readonly write: (text: string) => void) {}

    show(progress: MeasureProgress): void {
        const rows = progress.rowsRead === null ? '' : `, ${progress.rowsRead.toLocaleString('en-US')} rows`;
        const percent = progress.percent === null ? '' : ` ${Math.floor(progress.percent)}%`;
        const seconds = (progress.elapsedMs / 1000).toFixed(1);
        // \r and "erase to the end of the line": the line is rewritten, never scrolled.
        this.write(`\r\x1b[Kvstream: ${PHASE[progress.phase]}…${percent}${rows}, ${seconds} s (Ctrl+C stops)`);
        this.shown = true;
    }

    clear(): void {
        if (this.shown) {
            this.write('\r\x1b[K');
        }
    }
}

export interface Interrupt {
    signal: AbortSignal;
    dispose(): void;
}

/** Ctrl+C aborts the measurement (the caller reports it and exits 130); a second one ends the process at once. */
export function stopOnInterrupt(): Interrupt {
    const controller = new AbortController();
    const stop = () => {
        if (controller.signal.aborted) {
            process.exit(130);
        }
        controller.abort();
    };
    process.on('SIGINT', stop);
    return { signal: controller.signal, dispose: () => process.off('SIGINT', stop) };
}
