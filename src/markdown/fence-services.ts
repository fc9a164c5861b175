/**
 * The language services for a ```vstream fence in Markdown. Markdown renders synchronously, so a
 * fence is parsed, linked and validated in one synchronous pass (Langium's builder is
 * asynchronous). A fence stands alone: its teams and systems are declared in it, and nothing
 * about it outlives the parsed text.
 */
import {
    AstUtils, DefaultLinker, DocumentState, EmptyFileSystem, MapScope, URI,
    type LangiumDocument, type ReferenceInfo, type Scope, type ValidationAcceptor
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isStream, type Document } from '../language/generated/ast.js';
import { StreamModels, WeakStreamCache, type MeasuredStream } from '../language/stream-models.js';
import { VstreamDocumentValidator } from '../language/vstream-document-validator.js';
import { createVstreamCoreServices, type VstreamServices } from '../language/vstream-module.js';
import { VstreamScopeProvider } from '../language/vstream-scope.js';

export interface BuiltFence {
    /** False when the text has syntax errors: there is no map to draw. */
    parses: boolean;
    streams: MeasuredStream[];
    /** Zero-based positions within the fence's text. */
    diagnostics: Diagnostic[];
}

/** Names resolve within the fence: its own top-level teams, systems and streams stand in for a workspace. */
class FenceScopeProvider extends VstreamScopeProvider {
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const root = AstUtils.findRootNode(context.container) as Document;
        const declared = (root.elements ?? []).filter(element => element.name && this.reflection.isInstance(element, referenceType));
        const document = AstUtils.getDocument(root);
        return new MapScope(declared.map(element => this.descriptions.createDescription(element, element.name, document)));
    }
}

/** Links every reference of a fence at once. */
class FenceLinker extends DefaultLinker {
    linkNow(document: LangiumDocument): void {
        // The fence's scopes need no computing ahead (FenceScopeProvider reads the text itself).
        document.state = DocumentState.ComputedScopes;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            AstUtils.streamReferences(node).forEach(reference => this.doLink(reference, document));
        }
        document.state = DocumentState.Linked;
    }
}

/** The contract's diagnostics of a fence, computed at once: syntax, then names, then the checks. */
class FenceValidator extends VstreamDocumentValidator {
    constructor(private readonly services: VstreamServices) {
        super(services);
    }

    validateNow(document: LangiumDocument<Document>): { parses: boolean; diagnostics: Diagnostic[] } {
        const diagnostics: Diagnostic[] = [];
        this.processLexingErrors(document.parseResult, diagnostics, {});
        this.processParsingErrors(document.parseResult, diagnostics, {});
        if (diagnostics.length > 0) {
            return { parses: false, diagnostics };
        }
        (this.services.references.Linker as FenceLinker).linkNow(document);
        this.processLinkingErrors(document, diagnostics, {});
        const accept: ValidationAcceptor = (severity, message, info) => diagnostics.push(this.toDiagnostic(severity, message, info));
        this.services.validation.VstreamValidator.checkDocument(document.parseResult.value, accept);
        return { parses: true, diagnostics };
    }
}

/** Parses and checks fences; one per Markdown engine, since building the parser is the costly part. */
export class FenceBuilder {
    private readonly services: VstreamServices;
    private readonly validator: FenceValidator;
    private built = 0;

    constructor() {
        const { Vstream } = createVstreamCoreServices(EmptyFileSystem, {
            references: {
                ScopeProvider: services => new FenceScopeProvider(services, new WeakStreamCache()),
                Linker: services => new FenceLinker(services)
            },
            analysis: { StreamModels: () => new StreamModels(new WeakStreamCache()) }
        });
        this.services = Vstream;
        this.validator = new FenceValidator(Vstream);
    }

    build(text: string): BuiltFence {
        const uri = URI.parse(`vstream-fence:///fence-${++this.built}.vstream`);
        const document = this.services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
        const { parses, diagnostics } = this.validator.validateNow(document);
        const streams = parses ? document.parseResult.value.elements.filter(isStream).map(stream => this.services.analysis.StreamModels.withBaseline(stream)) : [];
        return { parses, streams, diagnostics };
    }
}
