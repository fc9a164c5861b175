/**
 * Gives the built-in diagnostics (lexing, parsing, linking) the stable codes of the contract,
 * and unresolved references a message that says what is missing and how to declare it; then
 * quiets what the user asked to quiet, by comment or by setting.
 */
import {
    AstUtils,
    DefaultDocumentValidator,
    DocumentValidator,
    type AstNode,
    type LangiumDocument,
    type ValidateSingleNodeOptions,
    type LinkingErrorData,
    type ParseResult,
    type ValidationOptions
} from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isStream, type Document } from './generated/ast.js';
import { DiagnosticCodes } from './diagnostic-codes.js';
import { applyIgnoreComments } from './validation/ignore-comments.js';
import { isTooLarge } from './vstream-document-factory.js';
import type { VstreamServices } from './vstream-module.js';
import type { VstreamSettings } from './vstream-settings.js';

export class VstreamDocumentValidator extends DefaultDocumentValidator {
    private readonly settings: VstreamSettings;

    constructor(services: VstreamServices) {
        super(services);
        this.settings = services.analysis.Settings;
    }

    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: CancellationToken
    ): Promise<Diagnostic[]> {
        return this.quiet(
            document as LangiumDocument<Document>,
            await super.validateDocument(document, options, cancelToken)
        );
    }

    /** Drops what `// vstream-ignore` comments and the ignored codes of the settings quiet. */
    protected quiet(document: LangiumDocument<Document>, diagnostics: Diagnostic[]): Diagnostic[] {
        const ignored = this.settings.ignoredCodes;
        return applyIgnoreComments(document, diagnostics).filter(diagnostic => !ignored.has(String(diagnostic.code)));
    }

    /** The validator walks the document itself from its root (see registerValidationChecks): no per-node pass is needed. */
    protected override validateSingleNodeOptions(node: AstNode): ValidateSingleNodeOptions {
        return { validateNode: true, validateChildren: node.$container !== undefined };
    }

    protected override processLexingErrors(
        parseResult: ParseResult,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        const found: Diagnostic[] = [];
        super.processLexingErrors(parseResult, found, options);
        const code = isTooLarge(parseResult) ? DiagnosticCodes.fileTooLarge : DiagnosticCodes.syntaxError;
        diagnostics.push(...found.map(diagnostic => ({ ...diagnostic, code })));
    }

    protected override processParsingErrors(
        parseResult: ParseResult,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        const found: Diagnostic[] = [];
        super.processParsingErrors(parseResult, found, options);
        diagnostics.push(...found.map(diagnostic => ({ ...diagnostic, code: DiagnosticCodes.syntaxError })));
    }

    protected override processLinkingErrors(
        document: LangiumDocument,
        diagnostics: Diagnostic[],
        _options: ValidationOptions
    ): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) {
                continue;
            }
            const { container, property } = error.info;
            diagnostics.push(
                this.toDiagnostic('error', unresolvedMessage(property, reference.$refText, container), {
                    node: container,
                    range: reference.$refNode?.range,
                    property,
                    code: DiagnosticCodes.unresolvedReference,
                    data: {
                        code: DocumentValidator.LinkingError,
                        containerType: container.$type,
                        property,
                        refText: reference.$refText
                    } satisfies LinkingErrorData
                })
            );
        }
    }
}

function unresolvedMessage(
    property: string,
    name: string,
    container: Parameters<typeof AstUtils.getContainerOfType>[0]
): string {
    const stream = AstUtils.getContainerOfType(container, isStream);
    const where = stream ? ` in stream '${stream.name}'` : '';
    switch (property) {
        case 'team':
            return `Unknown team '${name}': declare it with \`team ${name} "…"\` at the top level of a .vstream file, or inside this stream.`;
        case 'system':
        case 'systems':
            return `Unknown system '${name}': declare it with \`system ${name} "…"\` at the top level of a .vstream file, or inside this stream.`;
        case 'cause':
            return `Unknown team or system '${name}': a wait \`on\` names a declared team or system; declare \`team ${name}\` or \`system ${name}\`.`;
        case 'improves':
            return `Unknown stream '${name}': \`improves\` names the current-state stream this one redesigns; declare \`stream ${name}\` in the workspace or fix the name.`;
        default:
            return `Unknown step '${name}'${where}: declare it with \`step ${name} "…"\` in this stream, or fix the name.`;
    }
}
