/**
 * Syntax error messages in the language's own words, on one line each: "Expected a duration
 * such as 4h after `process`, but found `}`" instead of Chevrotain's list of token types.
 */
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const TOKEN_DESCRIPTIONS: Record<string, string | undefined> = {
    ID: 'a name',
    DURATION: 'a duration such as 4h',
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

export class VstreamParserErrorMessages extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({
        expected,
        actual,
        previous
    }: {
        expected: TokenType;
        actual: IToken;
        previous: IToken;
        ruleName: string;
    }): string {
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
