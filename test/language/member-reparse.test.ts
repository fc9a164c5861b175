import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import {
    AstUtils,
    CstUtils,
    EmptyFileSystem,
    isAstNode,
    isLeafCstNode,
    URI,
    type AstNode,
    type FileSystemNode,
    type FileSystemProvider,
    type LangiumDocument,
    type ParseResult
} from 'langium';
import { describe, expect, it } from 'vitest';
import { isKaizen, isStream, type Document } from '../../src/language/generated/ast.js';
import { changedSpan, reparseEditedMember } from '../../src/language/member-reparse.js';
import { createVstreamCoreServices } from '../../src/language/vstream-module.js';
import { randomMap } from '../analysis/random-maps.js';
import { generateStream } from '../bench/generate-stream.js';
import { DECISION_EXAMPLE } from '../fixtures.js';

/** Files held in memory, changed by the tests, read by the document builder on an update. */
class MemoryFiles implements FileSystemProvider {
    readonly texts = new Map<string, string>();
    stat = (uri: URI) => Promise.resolve(this.node(uri));
    statSync = (uri: URI) => this.node(uri);
    exists = (uri: URI) => Promise.resolve(this.texts.has(uri.toString()));
    existsSync = (uri: URI) => this.texts.has(uri.toString());
    readBinary = (uri: URI) => Promise.resolve(new TextEncoder().encode(this.readFileSync(uri)));
    readBinarySync = (uri: URI) => new TextEncoder().encode(this.readFileSync(uri));
    readFile = (uri: URI) => Promise.resolve(this.readFileSync(uri));
    readFileSync = (uri: URI) => this.texts.get(uri.toString()) ?? '';
    readDirectory = () => Promise.resolve([]);
    readDirectorySync = () => [];
    private node(uri: URI): FileSystemNode {
        return { isFile: true, isDirectory: false, uri };
    }
}

const { Vstream } = createVstreamCoreServices(EmptyFileSystem);
const parser = Vstream.parser.LangiumParser;
const reparser = { parser, linker: Vstream.references.Linker };
const parse = (text: string) => parser.parse<Document>(text);

/**
 * Everything a parse gives that later phases read: each CST node's kind, grammar element,
 * offsets, range, AST node and place in its container, and each AST node's type, place in its
 * container, values and references' text, in the tree's order.
 */
function shape(result: ParseResult<Document>): unknown[] {
    const grammar = new Map<unknown, number>();
    const id = (element: unknown) =>
        element === undefined ? -1 : (grammar.get(element) ?? grammar.set(element, grammar.size).get(element));
    const cst = [...CstUtils.streamCst(result.value.$cstNode!)].map(node => [
        isLeafCstNode(node)
            ? `leaf ${node.tokenType.name}`
            : `composite ${(node as { _astNode?: AstNode })._astNode?.$type ?? ''}`,
        id(node.grammarSource),
        node.offset,
        node.end,
        node.hidden,
        node.range,
        node.container ? [id(node.container.grammarSource), node.container.content.indexOf(node)] : 'root',
        node.text
    ]);
    const ast = [...AstUtils.streamAst(result.value)].map(node => {
        const container = node.$container as unknown as Record<string, unknown> | undefined;
        const place = container?.[node.$containerProperty!];
        const held: unknown = Array.isArray(place) ? (place as unknown[])[node.$containerIndex!] : place;
        const values = Object.entries(node)
            .filter(([key]) => !key.startsWith('$'))
            .map(([key, value]) => [key, valueShape(value)]);
        return [
            node.$type,
            node.$containerProperty,
            node.$containerIndex,
            held === node || !container,
            node.$cstNode?.offset,
            node.$cstNode?.end,
            values
        ];
    });
    return [cst, ast];
}

function valueShape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(valueShape);
    }
    if (isAstNode(value)) {
        return value.$type;
    }
    if (typeof value === 'object' && value !== null && '$refText' in value) {
        const reference = value as { $refText: string; $refNode?: { offset: number } };
        return `→ ${reference.$refText} at ${reference.$refNode?.offset}`;
    }
    return value;
}

/** The reparse of `oldText` changed into `newText`, beside a full parse of `newText`. */
function reparse(oldText: string, newText: string) {
    return { reparsed: reparseEditedMember(parse(oldText), newText, reparser), full: parse(newText) };
}

const map = `team ops
team dev

stream delivery "Delivery" {
    recipient "Customer"
    /* the first step */
    step build "Build" {
        owner dev
        process 4h // not counting reviews
        wait 1d
    }
    step deploy { owner ops process 1h wait 2h..1d }
    handoff build -> deploy { carries "release" wait 1h }
    rework deploy -> build { rate 10% }
    kaizen deploy "automate"
}
`;

describe('changedSpan', () => {
    it('takes off the common prefix and suffix', () => {
        expect(changedSpan('process 5h', 'process 55h')).toEqual({ start: 9, oldEnd: 9, newEnd: 10 });
        expect(changedSpan('abc', 'abc')).toEqual({ start: 3, oldEnd: 3, newEnd: 3 });
        expect(changedSpan('aXc', 'aYYc')).toEqual({ start: 1, oldEnd: 2, newEnd: 3 });
    });
});

describe('reparseEditedMember', () => {
    it('parses only the step a figure is typed into, and gives the tree a full parse gives', () => {
        const { reparsed, full } = reparse(map, map.replace('process 4h', 'process 48h'));
        expect(reparsed).toBeDefined();
        expect(shape(reparsed!)).toEqual(shape(full));
    });

    it('moves what follows by the lines and columns the edit adds or takes away', () => {
        const added = map.replace('wait 1d\n', 'wait 1d\n        inventory 3\n        complete 90%\n');
        const onOneLine = map.replace('step deploy { owner ops', 'step deploy { owner ops status "Deploying"');
        const removed = map.replace('        owner dev\n', '');
        for (const text of [added, onOneLine, removed]) {
            const { reparsed, full } = reparse(map, text);
            expect(reparsed).toBeDefined();
            expect(shape(reparsed!)).toEqual(shape(full));
        }
    });

    it('parses the whole text when the edit is not inside one member, or the member does not parse', () => {
        const cases = [
            map.replace('process 4h', 'process 4h }'), // a brace that ends the step early
            map.replace('process 4h', 'process "4h'), // a string left open
            map.replace('step deploy {', 'step deploy'), // the body's brace
            map.replace('recipient "Customer"', 'recipient "Client"'), // a stream property
            map.replace('kaizen deploy "automate"', 'kaizen deploy "automate it"'), // a member without a body
            map.replace('team dev', 'team devs'), // outside any stream
            map.replace('step build "Build" {', 'step build "Build" { owner ops'), // a clause added inside the body
            map.replace('wait 2h..1d }', 'wait 2h..1d } step x { owner ops }') // across two members
        ];
        const reparsedAt = cases.map(text => reparse(map, text).reparsed !== undefined);
        expect(reparsedAt).toEqual([false, false, false, false, false, false, true, false]);
    });

    it('parses only the flow or handoff chain whose share is typed into, and the whole text for a flow given a body', () => {
        const decisions = `stream s {
    step a
    step b
    step c
    flow a -> b { share 60% }
    handoff a -> c -> b { carries "x" share 40% }
    flow b -> c
}
`;
        const inside = [
            decisions.replace('share 60%', 'share 65%'),
            decisions.replace('{ share 60% }', '{ }'),
            decisions.replace('share 40%', 'share 35%'),
            decisions.replace('carries "x" share', 'carries "x"\n        share'),
            decisions.replace('a -> c -> b', 'a -> c -> a -> b')
        ];
        for (const text of inside) {
            const { reparsed, full } = reparse(decisions, text);
            expect(reparsed, text).toBeDefined();
            expect(shape(reparsed!)).toEqual(shape(full));
        }
        // A flow without a body ends where its last step does: a body typed after it is not inside it.
        expect(
            reparse(decisions, decisions.replace('flow b -> c', 'flow b -> c { share 100% }')).reparsed
        ).toBeUndefined();
    });

    it('parses the whole text when a // comment typed into a member takes its closing brace', () => {
        const before = 'stream s { step a { wait 1h } step b { } }';
        const after = 'stream s { step a { } // wait 1h } step b { } }';
        expect(reparse(before, after).full.parserErrors).not.toEqual([]);
        expect(reparse(before, after).reparsed).toBeUndefined();
        const lines = (text: string) => text.replace(/ step b/, '\n  step b');
        expect(reparse(lines(before), lines(after)).reparsed).toBeUndefined();
    });

    it('leaves the previous tree as it was when it parses the whole text', () => {
        const previous = parse(map);
        const before = shape(previous);
        expect(reparseEditedMember(previous, map.replace('process 4h', 'process 4h }'), reparser)).toBeUndefined();
        expect(shape(previous)).toEqual(before);
    });

    it('does not reuse a parse that had errors', () => {
        const broken = map.replace('kaizen deploy "automate"', 'kaizen');
        expect(
            reparseEditedMember(parse(broken), broken.replace('process 4h', 'process 5h'), reparser)
        ).toBeUndefined();
    });

    it('gives the tree a full parse gives, whatever is typed or deleted wherever (property)', () => {
        const corpus = [
            map,
            generateStream(40, 6, { ranges: true }),
            DECISION_EXAMPLE,
            randomMap(4, { decisions: true, brokenShares: true }),
            ...readdirSync(resolve(__dirname, '../../examples'))
                .filter(name => name.endsWith('.vstream'))
                .map(name => readFileSync(resolve(__dirname, '../../examples', name), 'utf8'))
        ];
        const typed = fc.constantFrom(
            '1',
            'h',
            'd',
            '.',
            '..',
            ' ',
            '\n',
            '\n    wait 2h',
            '"',
            '{',
            '}',
            '/*',
            '*/',
            '//',
            '%',
            'x',
            ',',
            '->',
            'owner ',
            'share 5%',
            '{ share 50% }'
        );
        const edit = fc.record({
            file: fc.nat(corpus.length - 1),
            // Per million of the text's length, unbiased: fast-check favours the ends of a range (the text's first characters here).
            at: fc.noBias(fc.nat({ max: 999_999 })),
            deleted: fc.nat(4),
            inserted: fc.oneof(typed, fc.constant(''))
        });
        let reparsedEdits = 0;
        fc.assert(
            fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), edits => {
                let text = corpus[edits[0].file];
                let previous = parse(text);
                for (const { at, deleted, inserted } of edits) {
                    const offset = Math.floor((at / 1_000_000) * text.length);
                    const next = text.slice(0, offset) + inserted + text.slice(offset + deleted);
                    const reparsed = reparseEditedMember(previous, next, reparser);
                    const full = parse(next);
                    if (reparsed) {
                        reparsedEdits++;
                        expect(shape(reparsed)).toEqual(shape(full));
                    }
                    text = next;
                    previous = reparsed ?? full;
                }
            }),
            { numRuns: 800, seed: 20 }
        );
        expect(reparsedEdits).toBeGreaterThan(150);
    }, 30_000);
});

describe('a document updated by the builder', () => {
    it('has the diagnostics of a document built from its new text, edit after edit', async () => {
        const files = new MemoryFiles();
        const { shared } = createVstreamCoreServices({ fileSystemProvider: () => files });
        const uri = URI.parse('file:///workspace/map.vstream');
        const edits = [
            (text: string) => text.replace('process 4h', 'process 4'), // invalid-duration
            (text: string) => text.replace('process 4', 'process 4h'),
            (text: string) => text.replace('owner ops process 1h', 'owner nobody process 1h'), // unresolved
            (text: string) => text.replace('rate 10%', 'rate 100%'),
            (text: string) => text.replace('wait 2h..1d', 'wait 1d..2h'), // a range out of order
            (text: string) => text.replace('step fast { owner ops process 1h }', 'step fast { owner ops process 30m }'),
            // A share typed into the one edge leaving build: shares-do-not-add-up on the step, then gone.
            (text: string) => text.replace('wait 1h }', 'wait 1h share 50% }'),
            (text: string) => text.replace('share 50%', 'share 100%')
        ];
        // A future state, whose reference to the stream it improves moves to its new node.
        const future = 'stream faster improves delivery {\n    step fast { owner ops process 1h }\n}\n';
        files.texts.set(uri.toString(), map + future);
        const document = (await shared.workspace.LangiumDocuments.getOrCreateDocument(
            uri
        )) as LangiumDocument<Document>;
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        for (const change of edits) {
            const text = change(files.texts.get(uri.toString())!);
            files.texts.set(uri.toString(), text);
            const root = document.parseResult.value;
            const kaizen = root.elements.filter(isStream)[0].members.find(isKaizen);
            await shared.workspace.DocumentBuilder.update([uri], []);
            const streams = document.parseResult.value.elements.filter(isStream);
            expect(document.parseResult.value, 'a new document node').not.toBe(root);
            expect(streams[0].members.find(isKaizen), 'the members not edited kept').toBe(kaizen);
            expect(streams[1].improves?.ref).toBe(streams[0]);
            const fresh = createVstreamCoreServices({ fileSystemProvider: () => files }).shared;
            const expected = await fresh.workspace.LangiumDocuments.getOrCreateDocument(uri);
            await fresh.workspace.DocumentBuilder.build([expected], { validation: true });
            expect(document.diagnostics).toEqual(expected.diagnostics);
        }
    });
});
