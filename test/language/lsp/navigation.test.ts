import { describe, expect, it } from 'vitest';
import type { SemanticTokensDelta } from 'vscode-languageserver';
import { generateStream } from '../../bench/generate-stream.js';
import { applyEdits, lspWorkspace } from '../../lsp-helpers.js';

const CATALOGUE = 'team Sales "Sales"\nteam Ops "Operations"\n';
const STREAM = `stream s {
    step take { owner Sales }
    step ship { owner Ops }
    handoff take -> ship { carries "order" }
    kaizen take "faster"
}
`;

describe('navigation', () => {
    it('goes from a step reference to its declaration', async () => {
        const workspace = await lspWorkspace(STREAM.replace('handoff take', 'handoff ta<|>ke'));
        const links = await workspace.services.lsp.DefinitionProvider!.getDefinition(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        expect(links?.[0].targetSelectionRange).toEqual({
            start: { line: 1, character: 9 },
            end: { line: 1, character: 13 }
        });
    });

    it('goes from an owner to the team declared in another file', async () => {
        const workspace = await lspWorkspace(STREAM.replace('owner Sales', 'owner Sa<|>les'), CATALOGUE);
        const links = await workspace.services.lsp.DefinitionProvider!.getDefinition(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor
        });
        expect(links?.[0].targetUri).toBe(workspace.documents[1].uri.toString());
    });

    it('finds every reference to a step', async () => {
        const workspace = await lspWorkspace(STREAM.replace('step take', 'step ta<|>ke'));
        const references = await workspace.services.lsp.ReferencesProvider!.findReferences(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor,
            context: { includeDeclaration: false }
        });
        expect(references.map(reference => reference.range.start.line)).toEqual([3, 4]);
    });

    it('renames a shared team in every file that uses it', async () => {
        const workspace = await lspWorkspace(CATALOGUE.replace('team Sales', 'team Sa<|>les'), STREAM);
        const edit = await workspace.services.lsp.RenameProvider!.rename(workspace.documents[0], {
            textDocument: workspace.textDocument,
            position: workspace.cursor,
            newName: 'Revenue'
        });
        const changes = edit?.changes ?? {};
        expect(applyEdits(workspace.documents[0], changes[workspace.documents[0].uri.toString()])).toContain(
            'team Revenue "Sales"'
        );
        expect(applyEdits(workspace.documents[1], changes[workspace.documents[1].uri.toString()])).toContain(
            'step take { owner Revenue }'
        );
    });

    it('outlines streams with their steps', async () => {
        const workspace = await lspWorkspace(STREAM, CATALOGUE);
        const symbols = await workspace.services.lsp.DocumentSymbolProvider!.getSymbols(workspace.documents[0], {
            textDocument: workspace.textDocument
        });
        expect(symbols.map(symbol => symbol.name)).toEqual(['s']);
        expect(symbols[0].children?.map(symbol => symbol.name)).toEqual(['take', 'ship']);
    });

    it('lists top-level declarations as workspace symbols', async () => {
        const workspace = await lspWorkspace(STREAM, CATALOGUE);
        const symbols = await workspace.services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: '' });
        expect(symbols.map(symbol => symbol.name).sort()).toEqual(['Ops', 'Sales', 's']);
    });

    it('folds a stream and a multi-line handoff', async () => {
        const workspace = await lspWorkspace(
            STREAM.replace('{ carries "order" }', '{\n        carries "order"\n    }')
        );
        const ranges = await workspace.services.lsp.FoldingRangeProvider!.getFoldingRanges(workspace.documents[0], {
            textDocument: workspace.textDocument
        });
        expect(ranges.map(range => [range.startLine, range.endLine])).toEqual(
            expect.arrayContaining([
                [0, 6],
                [3, 4]
            ])
        );
    });

    it('tells steps, teams and durations apart with semantic tokens', async () => {
        const decoded = await semanticTokens(
            'team A\nstream s { step start { owner A process 2h }  step b  flow start -> b }'
        );
        expect(decoded).toEqual(
            expect.arrayContaining(['start:function', 'A:class', '2h:number', 'b:function', 's:namespace'])
        );
        expect(decoded.filter(token => token === 'start:function')).toHaveLength(2);
    });

    it('colours every step of a handoff chain, and a share as a number', async () => {
        const decoded = await semanticTokens(
            'stream s { step a  step b  step c  handoff a -> b -> c { carries "x" share 100% } }'
        );
        expect(decoded.filter(token => token.endsWith(':function'))).toEqual([
            'a:function',
            'b:function',
            'c:function',
            'a:function',
            'b:function',
            'c:function'
        ]);
        expect(decoded).toContain('100%:number');
    });

    it('follows the steps a handoff chain goes on to: definition, references, rename', async () => {
        const chain = STREAM.replace(
            'handoff take -> ship',
            'step pack { owner Ops }\n    handoff take -> ship -> pack'
        );
        const definition = await lspWorkspace(chain.replace('-> pack', '-> pa<|>ck'));
        const links = await definition.services.lsp.DefinitionProvider!.getDefinition(definition.documents[0], {
            textDocument: definition.textDocument,
            position: definition.cursor
        });
        expect(links?.[0].targetSelectionRange.start.line).toBe(3);
        const declared = await lspWorkspace(chain.replace('step pack', 'step pa<|>ck'));
        const references = await declared.services.lsp.ReferencesProvider!.findReferences(declared.documents[0], {
            textDocument: declared.textDocument,
            position: declared.cursor,
            context: { includeDeclaration: false }
        });
        expect(references.map(reference => reference.range.start)).toEqual([{ line: 4, character: 28 }]);
        const edit = await declared.services.lsp.RenameProvider!.rename(declared.documents[0], {
            textDocument: declared.textDocument,
            position: declared.cursor,
            newName: 'box'
        });
        expect(applyEdits(declared.documents[0], edit!.changes![declared.textDocument.uri])).toContain(
            'step box { owner Ops }\n    handoff take -> ship -> box {'
        );
    });

    it('sends the semantic tokens after a keystroke as the edit of the last ones', async () => {
        const text = generateStream(200);
        const before = await lspWorkspace(text);
        const provider = before.services.lsp.SemanticTokenProvider!;
        expect(provider.semanticTokensOptions.full).toEqual({ delta: true });
        const first = await provider.semanticHighlight(before.documents[0], { textDocument: before.textDocument });
        // The same provider, asked about the document (the same URI) after a digit typed into a figure.
        const after = await lspWorkspace(text.replace(/(step s12 .*?process 5)h/, '$11h'));
        const full = await after.services.lsp.SemanticTokenProvider!.semanticHighlight(after.documents[0], {
            textDocument: after.textDocument
        });
        const delta = await provider.semanticHighlightDelta(after.documents[0], {
            textDocument: before.textDocument,
            previousResultId: first.resultId!
        });
        expect('edits' in delta).toBe(true);
        const edits = (delta as SemanticTokensDelta).edits;
        const patched = [...first.data];
        for (const edit of [...edits].reverse()) {
            patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
        }
        expect(patched).toEqual(full.data);
        expect(edits.reduce((sent, edit) => sent + (edit.data?.length ?? 0), 0)).toBeLessThan(first.data.length / 100);
    });
});

/** The semantic tokens of a text, each as `text:type`. */
async function semanticTokens(text: string): Promise<string[]> {
    const workspace = await lspWorkspace(text);
    const provider = workspace.services.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(workspace.documents[0], {
        textDocument: workspace.textDocument
    });
    const legend = provider.semanticTokensOptions.legend.tokenTypes;
    const decoded: string[] = [];
    let line = 0,
        character = 0;
    for (let index = 0; index < tokens.data.length; index += 5) {
        const [deltaLine, deltaStart, length, type] = tokens.data.slice(index, index + 4);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        decoded.push(
            `${workspace.documents[0].textDocument.getText({ start: { line, character }, end: { line, character: character + length } })}:${legend[type]}`
        );
    }
    return decoded;
}
