import { WorkspaceCache, type LangiumSharedCoreServices } from 'langium';
import { buildStreamModel } from '../analysis/build-model.js';
import type { StreamModel } from '../analysis/stream-model.js';
import type { Stream } from './generated/ast.js';

export interface MeasuredStream {
    model: StreamModel;
    /** The current-state stream this one improves, when it resolves. */
    baseline?: StreamModel;
}

/** What is kept per stream: in a workspace, until the next change; see WeakStreamCache for text outside one. */
export interface StreamCache<V> {
    get(stream: Stream, provide: () => V): V;
    clear(): void;
}

/**
 * For text that no document builder ever updates (a Markdown fence): the entries live as long
 * as the parsed stream does, and a stream never changes once parsed.
 */
export class WeakStreamCache<V> implements StreamCache<V> {
    private entries = new WeakMap<Stream, V>();

    get(stream: Stream, provide: () => V): V {
        let value = this.entries.get(stream);
        if (value === undefined) {
            value = provide();
            this.entries.set(stream, value);
        }
        return value;
    }

    clear(): void {
        this.entries = new WeakMap();
    }
}

/** The workspace's cache: it empties on every change, since any change may relink a stream. */
export function workspaceStreamCache<V>(shared: LangiumSharedCoreServices): StreamCache<V> {
    return new WorkspaceCache<Stream, V>(shared);
}

/**
 * The StreamModel of each stream, computed once per workspace state: the validator, the CLI
 * and the editor features all read the same model. Any document change may relink a stream
 * (a team renamed in another file), so the cache empties on every change.
 */
export class StreamModels {
    constructor(private readonly cache: StreamCache<StreamModel>) {}

    get(stream: Stream): StreamModel {
        return this.cache.get(stream, () => buildStreamModel(stream));
    }

    /** Forgets every model, for a change of how figures read (findings are worded when a stream is analysed). */
    clear(): void {
        this.cache.clear();
    }

    /** A stream's model with the model of the current-state stream it improves, when that resolves. */
    withBaseline(stream: Stream): MeasuredStream {
        const baseline = stream.improves?.ref;
        return { model: this.get(stream), baseline: baseline && this.get(baseline) };
    }
}
