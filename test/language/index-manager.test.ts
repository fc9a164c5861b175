import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { isTeam, type Document } from '../../src/language/generated/ast.js';
import { createVstreamServices } from '../../src/language/vstream-module.js';

const CATALOGUE = 'team Ops "Operations"\n';
const STREAM = 'stream s { step a { owner Ops } step b { owner Ops } flow a -> b }\n';

/** Two files as the editor holds them, changed the way the language server changes them. */
async function workspace() {
    const { shared, Vstream } = createVstreamServices(EmptyFileSystem);
    const textDocuments = shared.workspace.TextDocuments as unknown as { set(document: TextDocument): void };
    const versions = new Map<string, number>();
    const write = (name: string, text: string) => {
        const uri = `file:///workspace/${name}`;
        versions.set(uri, (versions.get(uri) ?? 0) + 1);
        textDocuments.set(TextDocument.create(uri, 'vstream', versions.get(uri)!, text));
        return URI.parse(uri);
    };
    const documents = [write('catalogue.vstream', CATALOGUE), write('stream.vstream', STREAM)].map(uri =>
        shared.workspace.LangiumDocumentFactory.fromTextDocument(
            shared.workspace.TextDocuments.get(uri.toString())!,
            uri
        )
    );
    documents.forEach(document => shared.workspace.LangiumDocuments.addDocument(document));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const document = (name: string) =>
        shared.workspace.LangiumDocuments.getDocument(
            URI.parse(`file:///workspace/${name}`)
        ) as LangiumDocument<Document>;
    return {
        Vstream,
        document,
        async change(name: string, text: string) {
            await shared.workspace.DocumentBuilder.update([write(name, text)], []);
        },
        referencesToOps() {
            const team = document('catalogue.vstream').parseResult.value.elements.find(isTeam)!;
            return Vstream.references.References.findReferences(team, { includeDeclaration: false }).toArray();
        }
    };
}

describe('the reference index, built when read', () => {
    it('relinks the files that use a team renamed in another file', async () => {
        const files = await workspace();
        expect(files.document('stream.vstream').diagnostics?.map(diagnostic => diagnostic.code)).not.toContain(
            'unresolved-reference'
        );
        await files.change('catalogue.vstream', 'team Operations "Operations"\n');
        expect(files.document('stream.vstream').diagnostics?.map(diagnostic => diagnostic.code)).toContain(
            'unresolved-reference'
        );
    });

    it('finds the references of a file edited since its last lookup', async () => {
        const files = await workspace();
        expect(files.referencesToOps()).toHaveLength(2);
        await files.change(
            'stream.vstream',
            STREAM.replace('step b { owner Ops }', 'step b { owner Ops } step c { owner Ops }')
        );
        expect(files.referencesToOps()).toHaveLength(3);
        await files.change('stream.vstream', 'stream s { step a }\n');
        expect(files.referencesToOps()).toHaveLength(0);
    });
});
