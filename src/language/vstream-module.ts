/** Wires the vstream services: the generated parser and AST, scoping, validation and the stream models. */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import { VstreamGeneratedModule, VstreamGeneratedSharedModule } from './generated/module.js';
import { StreamModels } from './stream-models.js';
import { VstreamDocumentValidator } from './vstream-document-validator.js';
import { VstreamScopeComputation, VstreamScopeProvider } from './vstream-scope.js';
import { VstreamSettings } from './vstream-settings.js';
import { VstreamLexerErrorMessages, VstreamParserErrorMessages } from './vstream-syntax-messages.js';
import { registerValidationChecks, VstreamValidator } from './vstream-validator.js';

export type VstreamAddedServices = {
    validation: {
        VstreamValidator: VstreamValidator;
    };
    analysis: {
        StreamModels: StreamModels;
        Settings: VstreamSettings;
    };
};

export type VstreamServices = LangiumCoreServices & VstreamAddedServices;

export const VstreamModule: Module<VstreamServices, PartialLangiumCoreServices & VstreamAddedServices> = {
    parser: {
        ParserErrorMessageProvider: () => new VstreamParserErrorMessages(),
        LexerErrorMessageProvider: () => new VstreamLexerErrorMessages()
    },
    references: {
        ScopeProvider: services => new VstreamScopeProvider(services),
        ScopeComputation: services => new VstreamScopeComputation(services)
    },
    validation: {
        DocumentValidator: services => new VstreamDocumentValidator(services),
        VstreamValidator: services => new VstreamValidator(services)
    },
    analysis: {
        StreamModels: services => new StreamModels(services.shared),
        Settings: () => new VstreamSettings()
    }
};

/** The services without an editor: for the CLI, tests and anything else that only reads files. */
export function createVstreamCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Vstream: VstreamServices } {
    const shared = inject(createDefaultSharedCoreModule(context), VstreamGeneratedSharedModule);
    const Vstream = inject(createDefaultCoreModule({ shared }), VstreamGeneratedModule, VstreamModule);
    shared.ServiceRegistry.register(Vstream);
    registerValidationChecks(Vstream);
    return { shared, Vstream };
}
