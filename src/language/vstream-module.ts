/** Wires the vstream services: the generated parser and AST, scoping, validation and the stream models. */
import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    EmptyFileSystem,
    inject,
    type DeepPartial,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices
} from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices
} from 'langium/lsp';
import { VstreamGeneratedModule, VstreamGeneratedSharedModule } from './generated/module.js';
import { VstreamCodeActionProvider } from './lsp/vstream-code-actions.js';
import { VstreamCodeLensProvider } from './lsp/vstream-code-lens.js';
import { VstreamCompletionProvider } from './lsp/vstream-completion.js';
import { VstreamDocumentUpdateHandler } from './lsp/vstream-document-update-handler.js';
import { StreamForecasts } from './lsp/vstream-forecasts.js';
import { VstreamFormatter } from './lsp/vstream-formatter.js';
import { VstreamHoverProvider } from './lsp/vstream-hover.js';
import { MeasureHandler, type MeasureEngine } from './lsp/vstream-measure.js';
import { PreviewPublisher } from './lsp/vstream-preview.js';
import { VstreamSemanticTokenProvider } from './lsp/vstream-semantic-tokens.js';
import { SettingsFollower } from './lsp/vstream-settings-follower.js';
import { StreamCardHandler } from './lsp/vstream-stream-card.js';
import { Measurements } from './measurements.js';
import { StandaloneBuilder, StandaloneModule } from './standalone-documents.js';
import { StreamModels, workspaceStreamCache } from './stream-models.js';
import { VstreamDocumentFactory } from './vstream-document-factory.js';
import { VstreamDocumentValidator } from './vstream-document-validator.js';
import { VstreamIndexManager, VstreamReferenceDescriptionProvider } from './vstream-index-manager.js';
import { VstreamScopeComputation, VstreamScopeProvider } from './vstream-scope.js';
import { VstreamSettings } from './vstream-settings.js';
import { VstreamLexerErrorMessages, VstreamParserErrorMessages } from './vstream-syntax-messages.js';
import { registerValidationChecks, VstreamValidator } from './validation/vstream-validator.js';

export type { StandaloneBuild, StandaloneBuilder } from './standalone-documents.js';

export type VstreamAddedServices = {
    validation: {
        VstreamValidator: VstreamValidator;
    };
    analysis: {
        StreamModels: StreamModels;
        Settings: VstreamSettings;
        Measurements: Measurements;
    };
};

export type VstreamServices = LangiumCoreServices & VstreamAddedServices;

export const VstreamModule: Module<VstreamServices, PartialLangiumCoreServices & VstreamAddedServices> = {
    parser: {
        ParserErrorMessageProvider: services => new VstreamParserErrorMessages(services.Grammar),
        LexerErrorMessageProvider: () => new VstreamLexerErrorMessages()
    },
    references: {
        ScopeProvider: services => new VstreamScopeProvider(services, workspaceStreamCache(services.shared)),
        ScopeComputation: services => new VstreamScopeComputation(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new VstreamReferenceDescriptionProvider(services)
    },
    validation: {
        DocumentValidator: services => new VstreamDocumentValidator(services),
        VstreamValidator: services => new VstreamValidator(services)
    },
    analysis: {
        StreamModels: services => new StreamModels(workspaceStreamCache(services.shared)),
        Settings: () => new VstreamSettings(),
        Measurements: () => new Measurements()
    }
};

/** The workspace services of every runtime: documents too large to read are refused before parsing; the reference index is built when read. */
export const VstreamSharedModule: Module<LangiumSharedCoreServices, DeepPartial<LangiumSharedCoreServices>> = {
    workspace: {
        LangiumDocumentFactory: services => new VstreamDocumentFactory(services),
        IndexManager: services => new VstreamIndexManager(services)
    }
};

/** Services replaced for a particular use, such as Markdown fences that stand alone. */
export type VstreamOverrides = Module<VstreamServices, DeepPartial<VstreamServices>>;

/** The services without an editor: for the CLI, tests and anything else that only reads files. */
export function createVstreamCoreServices(
    context: DefaultSharedCoreModuleContext,
    overrides: VstreamOverrides = {}
): { shared: LangiumSharedCoreServices; Vstream: VstreamServices } {
    const shared = inject(createDefaultSharedCoreModule(context), VstreamGeneratedSharedModule, VstreamSharedModule);
    const Vstream = inject(createDefaultCoreModule({ shared }), VstreamGeneratedModule, VstreamModule, overrides);
    shared.ServiceRegistry.register(Vstream);
    registerValidationChecks(Vstream);
    return { shared, Vstream };
}

/** The server's own messages beside LSP's, and the forecasts that follow the builds: each listens once the server starts. */
export type VstreamHandlers = {
    handlers: {
        Forecasts: StreamForecasts;
        Preview: PreviewPublisher;
        StreamCards: StreamCardHandler;
        Settings: SettingsFollower;
        Measure: MeasureHandler;
    };
};

/**
 * A builder for texts that stand alone (a Markdown fence): its own declarations are its whole
 * workspace, and it is parsed, linked and checked synchronously.
 */
export function createStandaloneBuilder(): StandaloneBuilder {
    return new StandaloneBuilder(createVstreamCoreServices(EmptyFileSystem, StandaloneModule).Vstream);
}

export type VstreamLspServices = LangiumServices & VstreamServices & VstreamHandlers;

/**
 * The editor features on top of the core: completion, hover, quick fixes, code lens, formatting,
 * semantic tokens, and vstream's own messages; measuring with the engine the runtime has, if any.
 */
export const vstreamLspModule = (
    measure: MeasureEngine | undefined
): Module<VstreamLspServices, PartialLangiumServices & VstreamHandlers> => ({
    lsp: {
        CompletionProvider: services => new VstreamCompletionProvider(services),
        HoverProvider: services => new VstreamHoverProvider(services),
        CodeActionProvider: services => new VstreamCodeActionProvider(services),
        CodeLensProvider: services => new VstreamCodeLensProvider(services),
        Formatter: () => new VstreamFormatter(),
        SemanticTokenProvider: services => new VstreamSemanticTokenProvider(services)
    },
    handlers: {
        Forecasts: services => new StreamForecasts(services),
        Preview: services => new PreviewPublisher(services),
        StreamCards: services => new StreamCardHandler(services),
        Settings: services => new SettingsFollower(services),
        Measure: services => new MeasureHandler(services, measure)
    }
});

/** The server's workspace: documents the editor holds open outlive their files on disk. */
export const VstreamSharedLspModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    lsp: {
        DocumentUpdateHandler: services => new VstreamDocumentUpdateHandler(services)
    }
};

/** What a runtime brings to the server: its file system and, in a Node process, the engine that measures tracker histories. */
export interface VstreamServerContext extends DefaultSharedModuleContext {
    measure?: MeasureEngine;
}

/** The services of the language server (Node process or Web Worker). */
export function createVstreamServices(context: VstreamServerContext): {
    shared: LangiumSharedServices;
    Vstream: VstreamLspServices;
} {
    const shared = inject(
        createDefaultSharedModule(context),
        VstreamGeneratedSharedModule,
        VstreamSharedModule,
        VstreamSharedLspModule
    );
    const Vstream = inject(
        createDefaultModule({ shared }),
        VstreamGeneratedModule,
        VstreamModule,
        vstreamLspModule(context.measure)
    );
    shared.ServiceRegistry.register(Vstream);
    registerValidationChecks(Vstream);
    return { shared, Vstream };
}
