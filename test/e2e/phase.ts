/**
 * Long first-time work (installing Chromium or code-server, packaging the extension) says when
 * it starts and when it ends, with the time it took, so a first run is never a silent wait.
 */
export function timedPhase<T>(what: string, work: () => T): T {
    const started = Date.now();
    console.log(`vstream: ${what}…`);
    try {
        const result = work();
        console.log(`vstream: done in ${seconds(started)}: ${firstWords(what)}`);
        return result;
    } catch (error) {
        console.log(`vstream: failed after ${seconds(started)}: ${firstWords(what)}`);
        throw error;
    }
}

function seconds(started: number): string {
    const elapsed = (Date.now() - started) / 1000;
    return elapsed < 60 ? `${elapsed.toFixed(1)} s` : `${Math.floor(elapsed / 60)} min ${Math.round(elapsed % 60)} s`;
}

/** "installing Chromium (…)" → "installing Chromium": the end line names the phase without its details. */
function firstWords(what: string): string {
    return what.replace(/\s*\(.*$/, '');
}
