/**
 * Scoping: steps resolve within their stream; teams and systems in the stream first, then in
 * the workspace's shared catalogue (top-level declarations of every file); streams across the
 * workspace. Every scope is a hash map built once per stream and workspace state, so linking
 * stays linear in the number of references.
 */
import {
    AstUtils,
    DefaultScopeComputation,
    DefaultScopeProvider,
    MultiMap,
    MultiMapScope,
    type AstNodeDescription,
    type LangiumCoreServices,
    type LangiumDocument,
    type LocalSymbols,
    type ReferenceInfo,
    type Scope
} from 'langium';
import { isStream, Party, Step, System, Team, type Stream } from './generated/ast.js';
import type { StreamCache } from './stream-models.js';

type StreamScopedType = typeof Step.$type | typeof Team.$type | typeof System.$type | typeof Party.$type;

export class VstreamScopeProvider extends DefaultScopeProvider {
    constructor(
        services: LangiumCoreServices,
        private readonly streamScopes: StreamCache<Map<StreamScopedType, Scope>>
    ) {
        super(services);
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const stream = AstUtils.getContainerOfType(context.container, isStream);
        if (!stream || !isStreamScoped(referenceType)) {
            return this.getGlobalScope(referenceType, context);
        }
        const scopes = this.streamScopes.get(stream, () => new Map());
        let scope = scopes.get(referenceType);
        if (!scope) {
            scope = this.createStreamScope(stream, referenceType, context);
            scopes.set(referenceType, scope);
        }
        return scope;
    }

    private createStreamScope(stream: Stream, referenceType: StreamScopedType, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(stream);
        const visible = stream.members.filter((member): member is Step | Team | System =>
            this.reflection.isInstance(member, referenceType)
        );
        const local = visible
            .filter(member => member.name)
            .map(member => this.descriptions.createDescription(member, member.name, document));
        // Steps never come from outside their stream.
        const outer = referenceType === Step.$type ? undefined : this.getGlobalScope(referenceType, context);
        return new MultiMapScope(local, outer);
    }
}

function isStreamScoped(type: string): type is StreamScopedType {
    return type === Step.$type || type === Team.$type || type === System.$type || type === Party.$type;
}

/**
 * Exports the top-level teams, systems and streams to the workspace index. Stream members need
 * no local symbol table: the scope provider above reads them straight from their stream.
 */
export class VstreamScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<never, AstNodeDescription>();
    }
}
