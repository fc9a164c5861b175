/**
 * Bad input through everything vstream does with a text: parse, link, validate, analyse, lay
 * out, draw, write a stream card, render as a Markdown fence, and every editor feature at
 * random places. A case fails on an exception, on a case that takes too long, on a formatting
 * that loses or splits a token, and on an SVG that is not well-formed XML. Shared by the
 * fixed-seed run inside `npm test` and by `npm run fuzz`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import { panelStreams, renderPanels, renderSvg, toDiagramDiagnostic } from '../../src/diagram/index.js';
import { isStream, type Document } from '../../src/language/generated/ast.js';
import { createVstreamServices } from '../../src/language/vstream-module.js';
import { streamCardsOver } from '../../src/cards/stream-card.js';
import { vstreamFences } from '../../src/markdown/vstream-fence.js';

/** A case that takes longer is reported as a hang. */
export const CASE_TIME_LIMIT_MS = 5_000;

export interface FuzzCase {
    text: string;
    /** Where the editor features are asked, as fractions of the text's length. */
    positions: number[];
}

const KEYWORDS = [
    'stream',
    'team',
    'system',
    'step',
    'handoff',
    'flow',
    'rework',
    'kaizen',
    'owner',
    'process',
    'wait',
    'on',
    'complete',
    'uses',
    'carries',
    'via',
    'rate',
    'reason',
    'recipient',
    'start',
    'end',
    'measure',
    'workday',
    'improves',
    'lead-time',
    'quality',
    'effort',
    'cost',
    'experience'
];
const PUNCTUATION = ['{', '}', '->', ',', '"', '/*', '*/', '//', '%', ':', ';', '.', '-', '\\'];
const NAMES = ['a', 'b', 'c', 'Ops', 'Sales', 'x_1', 'Ω', '名前', 'café', '👩‍💻', 'a\u200Bb', 'עברית', 'n'.repeat(5_000)];
const NUMBERS = [
    '0',
    '1h',
    '2.5d',
    '100%',
    '101%',
    '100.5%',
    '99999999999999999999999999h',
    '1e9',
    '-1h',
    '0.0001m',
    '3w',
    '7.5h',
    '0h',
    '1.',
    '.5d',
    `${'9'.repeat(400)}d`
];
const STRINGS = [
    '"x"',
    `"${'long '.repeat(2_000)}"`,
    '"unclosed',
    '"<script>alert(1)</script>"',
    '"&amp; \\"q\\" ]]> <!--"',
    '""',
    '"line\\nbreak"',
    '"\u202Eevil"'
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\r\n', '\t', '', '\u00A0', '\uFEFF', '\r'];

/** The valid files every mutation starts from: the examples and the test fixtures (the worked example among them). */
export function loadCorpus(root: string): string[] {
    const folders = [join(root, 'examples'), join(root, 'test/e2e/fixtures'), join(root, 'test/fixtures')];
    return folders.flatMap(folder => {
        try {
            return readdirSync(folder)
                .filter(name => name.endsWith('.vstream'))
                .map(name => readFileSync(join(folder, name), 'utf8'));
        } catch {
            return [];
        }
    });
}

/** Tokens as a person would see them: enough to delete, insert and swap meaningful pieces. */
function splitTokens(text: string): string[] {
    return (
        text.match(/\s+|"(?:[^"\\\n]|\\.)*"?|\/\*[\s\S]*?\*\/|\/\/[^\n]*|->|[A-Za-z_][\w-]*|[0-9.]+[a-z%]*|[^]/gu) ?? []
    );
}

const anyToken = fc.oneof(
    fc.constantFrom(...KEYWORDS),
    fc.constantFrom(...PUNCTUATION),
    fc.constantFrom(...NAMES),
    fc.constantFrom(...NUMBERS),
    fc.constantFrom(...STRINGS),
    fc.string({ maxLength: 6, unit: 'grapheme' })
);

const tokenSoup = fc
    .array(fc.tuple(anyToken, fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
    .map(pieces => pieces.map(([token, separator]) => token + separator).join(''));

type Mutation =
    | { kind: 'delete'; at: number }
    | { kind: 'insert'; at: number; token: string }
    | { kind: 'swap'; at: number; with: number }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: anyToken }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })
);

function mutate(text: string, mutations: Mutation[]): string {
    const tokens = splitTokens(text);
    for (const change of mutations) {
        const at = tokens.length === 0 ? 0 : change.at % tokens.length;
        switch (change.kind) {
            case 'delete':
                tokens.splice(at, 1);
                break;
            case 'insert':
                tokens.splice(at, 0, change.token);
                break;
            case 'swap': {
                const other = tokens.length === 0 ? 0 : change.with % tokens.length;
                [tokens[at], tokens[other]] = [tokens[other], tokens[at]];
                break;
            }
            case 'duplicate':
                tokens.splice(at, 0, ...tokens.slice(at, at + change.length));
                break;
            case 'truncate':
                tokens.length = at;
                break;
        }
    }
    return tokens.join('');
}

/** Whole-file changes an editor meets: other line ends, a byte order mark, tabs, an unclosed comment. */
const DISGUISES: Array<(text: string) => string> = [
    text => text.replace(/\n/g, '\r\n'),
    text => `\uFEFF${text}`,
    text => text.replace(/ {4}/g, '\t'),
    text => text.replace(/\n/g, '\r'),
    text => `${text.slice(0, text.length >> 1)}/* ${text.slice(text.length >> 1)}`,
    text => `${text}\n${'{'.repeat(300)}`,
    text => text.replace(/"/, '')
];

export function fuzzCases(corpus: string[]): fc.Arbitrary<FuzzCase> {
    const valid = fc.constantFrom(...corpus);
    const text = fc.oneof(
        { arbitrary: tokenSoup, weight: 3 },
        {
            arbitrary: fc
                .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 8 }))
                .map(([file, changes]) => mutate(file, changes)),
            weight: 5
        },
        {
            arbitrary: fc
                .tuple(valid, fc.constantFrom(...DISGUISES), fc.array(mutation, { maxLength: 3 }))
                .map(([file, disguise, changes]) => disguise(mutate(file, changes))),
            weight: 2
        }
    );
    return fc.record({
        text,
        positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 })
    });
}

/** Runs one case through everything; throws what went wrong. */
export class FuzzHarness {
    private readonly services = createVstreamServices(EmptyFileSystem);
    private readonly markdown = new MarkdownIt().use(vstreamFences);
    private cases = 0;

    async check({ text, positions }: FuzzCase): Promise<number> {
        const started = performance.now();
        const { shared } = this.services;
        const uri = URI.parse(`file:///fuzz/case${++this.cases}.vstream`);
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        try {
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            this.draw(document);
            this.markdown.render(`\`\`\`vstream\n${text}\n\`\`\`\n`);
            await this.editorFeatures(document, positions);
        } finally {
            await shared.workspace.DocumentBuilder.update([], [uri]);
        }
        const elapsed = performance.now() - started;
        if (elapsed > CASE_TIME_LIMIT_MS) {
            throw new Error(`took ${Math.round(elapsed)} ms (limit ${CASE_TIME_LIMIT_MS} ms)`);
        }
        return elapsed;
    }

    private draw(document: LangiumDocument<Document>): void {
        const models = this.services.Vstream.analysis.StreamModels;
        const streams = document.parseResult.value.elements.filter(isStream).map(stream => models.withBaseline(stream));
        const panels = panelStreams(streams);
        for (const palette of ['light', 'editor'] as const) {
            const svg = renderSvg(
                panels.map(stream => stream.layout),
                { palette, diagnostics: (document.diagnostics ?? []).map(toDiagramDiagnostic) }
            );
            const wellFormed = XMLValidator.validate(svg);
            if (wellFormed !== true) {
                throw new Error(`the SVG is not well-formed: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
            }
        }
        renderPanels(panels);
        const cards = streams.map(stream => ({ ...stream, source: 'fuzz.vstream' }));
        const card = streamCardsOver(cards).markdown;
        // A card generated again over an untouched one is the same card.
        if (streamCardsOver(cards, card).markdown !== card) {
            throw new Error('the card generated again over itself differs');
        }
        // Any text at all may sit where an earlier card is expected, and none of it is lost.
        const text = document.textDocument.getText();
        const over = streamCardsOver(cards, text).markdown;
        const lost = text
            .replace(/\r\n?/g, '\n')
            .split('\n')
            .filter(line => line.trim() !== '' && !over.includes(line));
        if (lost.length > 0) {
            throw new Error(
                `a card generated over the text dropped ${lost.length} of its lines, the first: ${JSON.stringify(lost[0])}`
            );
        }
    }

    private async editorFeatures(document: LangiumDocument<Document>, positions: number[]): Promise<void> {
        const lsp = this.services.Vstream.lsp;
        const textDocument = { uri: document.uri.toString() };
        const text = document.textDocument.getText();
        for (const fraction of positions) {
            const position: Position = document.textDocument.positionAt(Math.floor(fraction * text.length));
            await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
            await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
            await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
            await lsp.ReferencesProvider!.findReferences(document, {
                textDocument,
                position,
                context: { includeDeclaration: true }
            });
            await lsp.RenameProvider!.prepareRename(document, { textDocument, position });
        }
        for (const diagnostic of (document.diagnostics ?? []).slice(0, 20)) {
            await lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument,
                range: diagnostic.range,
                context: { diagnostics: [diagnostic] }
            });
        }
        await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument });
        await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
        await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
        await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
        const edits = await lsp.Formatter!.formatDocument(document, {
            textDocument,
            options: { tabSize: 4, insertSpaces: true }
        });
        this.checkFormatting(text, TextDocument.applyEdits(document.textDocument, edits));
    }

    /**
     * Formatting changes spacing only: the same tokens, comments included, in the same order. A
     * comment over several lines moves as a block, so only its line starts may change.
     */
    private checkFormatting(before: string, after: string): void {
        const visible = (text: string) => text.replace(/\s+/g, '');
        if (visible(before) !== visible(after)) {
            throw new Error(`formatting changed more than spacing:\n${JSON.stringify(after.slice(0, 400))}`);
        }
        const lexer = this.services.Vstream.parser.Lexer;
        const images = (text: string) => {
            const result = lexer.tokenize(text);
            return [...result.tokens, ...(result.hidden ?? [])]
                .sort((a, b) => a.startOffset - b.startOffset)
                .map(token => token.image.replace(/\n[ \t]*/g, '\n'))
                .filter(image => image.trim() !== '');
        };
        const [was, is] = [images(before), images(after)];
        const differs = was.findIndex((image, index) => image !== is[index]);
        if (differs >= 0 || was.length !== is.length) {
            throw new Error(`formatting split or joined tokens: '${was[differs]}' became '${is[differs]}'`);
        }
    }
}
