/**
 * Texts that stand alone, such as a ```vstream fence in Markdown: its teams and systems are
 * declared in it, and nothing about it outlives the parsed text. Markdown renders
 * synchronously, so such a text is parsed, linked and checked in one synchronous pass (Langium's
 * builder is asynchronous); these are the language's services for that pass.
 */
import {
    AstUtils,
    DefaultLinker,
    DocumentState,
    MapScope,
    URI,
    type LangiumDocument,
    type ReferenceInfo,
    type Scope,
    type ValidationAcceptor
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isStream, type Document } from './generated/ast.js';
import { StreamModels, WeakStreamCache, type MeasuredStream } from './stream-models.js';
import { VstreamDocumentValidator } from './vstream-document-validator.js';
import type { VstreamOverrides, VstreamServices } from './vstream-module.js';
import { VstreamScopeProvider } from './vstream-scope.js';

export interface StandaloneBuild {
    /** False when the text has syntax errors: there is no map to draw. */
    parses: boolean;
    streams: MeasuredStream[];
    /** Zero-based positions within the fence's text. */
    diagnostics: Diagnostic[];
}

/** Names resolve within the text: its own top-level teams, systems and streams stand in for a workspace. */
class StandaloneScopeProvider extends VstreamScopeProvider {
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const root = AstUtils.findRootNode(context.container) as Document;
        const declared = (root.elements ?? []).filter(
            element => element.name && this.reflection.isInstance(element, referenceType)
        );
        const document = AstUtils.getDocument(root);
        return new MapScope(
            declared.map(element => this.descriptions.createDescription(element, element.name, document))
        );
    }
}

/** Links every reference of the text at once. */
class StandaloneLinker extends DefaultLinker {
    linkNow(document: LangiumDocument): void {
        // The text's scopes need no computing ahead (StandaloneScopeProvider reads the text itself).
        document.state = DocumentState.ComputedScopes;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            AstUtils.streamReferences(node).forEach(reference => this.doLink(reference, document));
        }
        document.state = DocumentState.Linked;
    }
}

/** The diagnostics of the text, computed at once: syntax, then names, then the checks. */
class StandaloneValidator extends VstreamDocumentValidator {
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
        (this.services.references.Linker as StandaloneLinker).linkNow(document);
        this.processLinkingErrors(document, diagnostics, {});
        const accept: ValidationAcceptor = (severity, message, info) =>
            diagnostics.push(this.toDiagnostic(severity, message, info));
        this.services.validation.VstreamValidator.checkDocument(document.parseResult.value, accept);
        return { parses: true, diagnostics: this.quiet(document, diagnostics) };
    }
}

/** The services that make a text stand alone, replacing the workspace's scopes, linking and caches. */
export const StandaloneModule: VstreamOverrides = {
    references: {
        ScopeProvider: services => new StandaloneScopeProvider(services, new WeakStreamCache()),
        Linker: services => new StandaloneLinker(services)
    },
    analysis: { StreamModels: () => new StreamModels(new WeakStreamCache()) }
};

/** Parses and checks standalone texts; keep one (building the parser is the costly part). */
export class StandaloneBuilder {
    private readonly validator: StandaloneValidator;
    private built = 0;

    constructor(private readonly services: VstreamServices) {
        this.validator = new StandaloneValidator(services);
    }

    build(text: string): StandaloneBuild {
        const uri = URI.parse(`vstream-standalone:///text-${++this.built}.vstream`);
        const document = this.services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
        const { parses, diagnostics } = this.validator.validateNow(document);
        const streams = parses
            ? document.parseResult.value.elements
                  .filter(isStream)
                  .map(stream => this.services.analysis.StreamModels.withBaseline(stream))
            : [];
        return { parses, streams, diagnostics };
    }
}
