/**
 * What the language server, the extension and (later) the preview say to each other. One
 * module, so that no message is stringly typed on either side.
 */
import type { Finding, StreamMetrics } from './analysis/stream-model.js';

/** Commands the server's code lenses invoke; the extension registers them. */
export const Commands = {
    showStreamFigures: 'vstream.showStreamFigures',
    newStream: 'vstream.newStream'
} as const;

/** The argument of `vstream.showStreamFigures`: a stream's figures and findings, ready to show. */
export interface StreamFiguresArgument {
    uri: string;
    stream: string;
    title?: string;
    metrics: StreamMetrics;
    findings: Finding[];
}
