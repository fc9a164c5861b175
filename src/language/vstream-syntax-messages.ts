/**
 * Syntax error messages in the language's own words, on one line each: "Expected a duration
 * such as 4h after `process`, but found `}`" instead of Chevrotain's list of token types.
 */
import { DefaultLexerErrorMessageProvider, GrammarAST, LangiumParserErrorMessageProvider, type Grammar } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const TOKEN_DESCRIPTIONS: Record<string, string | undefined> = {
    ID: 'a name',
    DURATION: 'a duration such as 4h',
    // A range is a duration too: saying "a duration" once is enough.
    DURATION_RANGE: undefined,
    PERCENTAGE: 'a percentage such as 80%',
    STRING: 'a quoted "text"',
    EOF: 'the end of the file',
    // A bare number is only accepted to report its missing unit; never suggest it.
    NUMBER: undefined
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a list of acceptable tokens means to a person, most useful first. */
export function describeExpected(tokens: TokenType[]): string {
    const names = new Set(tokens.map(token => token.name));
    // Every keyword is also a valid name, so where a name fits, listing keywords only confuses.
    const keywordsAsNames = names.has('ID');
    const descriptions = new Set<string>();
    for (const name of names) {
        if (name in TOKEN_DESCRIPTIONS) {
            const description = TOKEN_DESCRIPTIONS[name];
            if (description) {
                descriptions.add(description);
            }
        } else if (!(keywordsAsNames && IDENTIFIER.test(name))) {
            descriptions.add(`\`${name}\``);
        }
    }
    const list = [...descriptions];
    return list.length <= 1
        ? (list[0] ?? 'something else')
        : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function found(token: IToken): string {
    return token.tokenType?.name === 'EOF' ? 'the end of the file' : `\`${token.image}\``;
}

function after(previous: IToken | undefined): string {
    return previous && previous.image ? ` after \`${previous.image}\`` : '';
}

/**
 * The places that list clauses, with the rule of what they accept, to name it when something else
 * is written there; `only` narrows it to what the place really takes (the grammar parses more, to
 * say what is wrong with it).
 */
const PLACES: Record<string, { place: string; accepts: string; only?: string[] } | undefined> = {
    Step: { place: 'a clause of a step', accepts: 'StepClause' },
    Handoff: { place: 'a clause of a handoff', accepts: 'HandoffClause' },
    Rework: { place: 'a clause of a rework', accepts: 'ReworkClause', only: ['rate', 'reason', 'wait'] },
    Stream: { place: 'a statement of a stream', accepts: 'StreamMember' },
    Flow: {
        place: "a clause of a flow (a flow's body holds only its share; a handoff has more)",
        accepts: 'HandoffClause',
        only: ['share']
    }
};

/** The keywords that begin the alternatives of a rule (`owner`, `process`, …), read from the grammar. */
function leadingKeywords(grammar: Grammar, ruleName: string): string[] {
    const rule = grammar.rules.find(candidate => candidate.name === ruleName);
    if (!rule || !GrammarAST.isParserRule(rule)) {
        return [];
    }
    const body = rule.definition;
    const alternatives = GrammarAST.isAlternatives(body) ? body.elements : [body];
    return [
        ...new Set(
            alternatives.flatMap(alternative => {
                if (GrammarAST.isRuleCall(alternative) && alternative.rule.ref) {
                    const called = alternative.rule.ref;
                    const first =
                        GrammarAST.isParserRule(called) && GrammarAST.isGroup(called.definition)
                            ? called.definition.elements[0]
                            : undefined;
                    return first && GrammarAST.isKeyword(first) ? [first.value] : leadingKeywords(grammar, called.name);
                }
                return [];
            })
        )
    ];
}

function listed(words: string[]): string {
    return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

export class VstreamParserErrorMessages extends LangiumParserErrorMessageProvider {
    constructor(private readonly grammar?: Grammar) {
        super();
    }

    override buildMismatchTokenMessage({
        expected,
        actual,
        previous,
        ruleName
    }: {
        expected: TokenType;
        actual: IToken;
        previous: IToken;
        ruleName: string;
    }): string {
        // Langium marks its rule names with a zero-width space.
        const place = PLACES[ruleName.replace(/\u200B/g, '')];
        if (place && this.grammar && expected.name === '}' && actual.tokenType?.name !== 'EOF') {
            const accepted = leadingKeywords(this.grammar, place.accepts).filter(
                keyword => !place.only || place.only.includes(keyword)
            );
            return `${found(actual)} is not ${place.place}: it takes ${listed(accepted)}; or close it with }.`;
        }
        return `Expected ${describeExpected([expected])}${after(previous)}, but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${found(firstRedundant)}: at the top level a file declares \`team\`, \`system\` and \`stream\`; is a closing } misplaced?`;
    }

    override buildNoViableAltMessage({
        expectedPathsPerAlt,
        actual,
        previous
    }: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        const firstTokens = expectedPathsPerAlt
            .flatMap(paths => paths.map(path => path[0]))
            .filter(token => token !== undefined);
        return `Expected ${describeExpected(firstTokens)}${after(previous)}, but found ${found(actual[0])}.`;
    }

    override buildEarlyExitMessage({
        expectedIterationPaths,
        actual,
        previous
    }: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        const firstTokens = expectedIterationPaths.map(path => path[0]).filter(token => token !== undefined);
        return `Expected ${describeExpected(firstTokens)}${after(previous)}, but found ${found(actual[0])}.`;
    }
}

export class VstreamLexerErrorMessages extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number): string {
        const character = fullText.charAt(startOffset);
        if (character === '"') {
            return 'This text is not closed: end it with " on the same line.';
        }
        if (fullText.startsWith('/*', startOffset)) {
            return 'This comment is not closed: end it with */.';
        }
        return `Unexpected character \`${character}\`: names use letters, digits and _, texts go in double quotes.`;
    }
}
