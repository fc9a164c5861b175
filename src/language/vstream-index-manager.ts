/**
 * The reference index (which node refers to which) serves find-references, rename and the
 * question which files a change affects. Langium rebuilds it for the edited file on every
 * keystroke, an eighth of a keystroke's time in a long stream; here a file's entry is only
 * marked stale then, and rebuilt the first time anything reads it.
 */
import {
    AstUtils,
    DefaultIndexManager,
    DefaultReferenceDescriptionProvider,
    DocumentState,
    type AstNode,
    type LangiumDocument,
    type ReferenceDescription,
    type Stream,
    type URI
} from 'langium';

export class VstreamReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    /** The descriptions of every resolved reference of a linked document, at once. */
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            AstUtils.streamReferences(node).forEach(reference =>
                descriptions.push(...this.createInfoDescriptions(reference))
            );
        }
        return descriptions;
    }
}

export class VstreamIndexManager extends DefaultIndexManager {
    /** Documents whose references changed since their entry was last built, by URI. */
    private readonly stale = new Map<string, LangiumDocument>();

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.stale.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        this.stale.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        for (const uri of [...this.stale.keys()]) {
            this.refresh(uri);
        }
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.refresh(document.uri.toString());
        return super.isAffected(document, changedUris);
    }

    /** A document halfway through a new build stays stale: its build marks it again once linked. */
    private refresh(uri: string): void {
        const document = this.stale.get(uri);
        if (!document || document.state < DocumentState.Linked) {
            return;
        }
        const provider = this.serviceRegistry.getServices(document.uri).workspace
            .ReferenceDescriptionProvider as VstreamReferenceDescriptionProvider;
        this.referenceIndex.set(uri, provider.describe(document));
        this.stale.delete(uri);
    }
}
