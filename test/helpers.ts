/** Builds .vstream texts as a small in-memory workspace, the way the editor and the CLI do. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { StreamModel } from '../src/analysis/stream-model.js';
import { isStream, type Document, type Stream } from '../src/language/generated/ast.js';
import { createVstreamCoreServices } from '../src/language/vstream-module.js';

export interface BuiltWorkspace {
    documents: Array<LangiumDocument<Document>>;
    /** Diagnostics of the first file. */
    diagnostics: Diagnostic[];
    /** The streams of the first file, by name. */
    streams: Map<string, Stream>;
    model(streamName?: string): StreamModel;
    services: ReturnType<typeof createVstreamCoreServices>['Vstream'];
}

export async function buildWorkspace(...texts: string[]): Promise<BuiltWorkspace> {
    const { shared, Vstream } = createVstreamCoreServices(EmptyFileSystem);
    const documents = texts.map((text, index) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(
            text,
            URI.parse(`file:///workspace/file${index + 1}.vstream`)
        );
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const streams = new Map(
        documents[0].parseResult.value.elements.filter(isStream).map(stream => [stream.name, stream])
    );
    return {
        documents,
        diagnostics: documents[0].diagnostics ?? [],
        streams,
        services: Vstream,
        model(streamName?: string) {
            const stream = streamName ? streams.get(streamName) : [...streams.values()][0];
            if (!stream) {
                throw new Error(`no stream ${streamName}`);
            }
            return Vstream.analysis.StreamModels.get(stream);
        }
    };
}

export function codes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(diagnostic => String(diagnostic.code));
}

/** Diagnostics with one code, as `line:code` with 1-based lines, for compact expectations. */
export function at(diagnostics: Diagnostic[], code: string): number[] {
    return diagnostics
        .filter(diagnostic => diagnostic.code === code)
        .map(diagnostic => diagnostic.range.start.line + 1);
}
