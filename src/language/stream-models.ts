import { WorkspaceCache, type LangiumSharedCoreServices } from 'langium';
import { buildStreamModel } from '../analysis/build-model.js';
import type { StreamModel } from '../analysis/stream-model.js';
import type { Stream } from './generated/ast.js';

export interface MeasuredStream {
    model: StreamModel;
    /** The current-state stream this one improves, when it resolves. */
    baseline?: StreamModel;
}

/**
 * The StreamModel of each stream, computed once per workspace state: the validator, the CLI
 * and the editor features all read the same model. Any document change may relink a stream
 * (a team renamed in another file), so the cache empties on every change.
 */
export class StreamModels {
    private readonly cache: WorkspaceCache<Stream, StreamModel>;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    get(stream: Stream): StreamModel {
        return this.cache.get(stream, () => buildStreamModel(stream));
    }

    /** A stream's model with the model of the current-state stream it improves, when that resolves. */
    withBaseline(stream: Stream): MeasuredStream {
        const baseline = stream.improves?.ref;
        return { model: this.get(stream), baseline: baseline && this.get(baseline) };
    }
}
