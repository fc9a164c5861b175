/** The hand-refined TextMate grammar must know every keyword of the Langium grammar. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const langium = readFileSync(resolve(__dirname, '../../src/language/vstream.langium'), 'utf8');
const textMate = JSON.parse(readFileSync(resolve(__dirname, '../../syntaxes/vstream.tmLanguage.json'), 'utf8')) as {
    repository: Record<string, unknown>;
};

/** Word keywords of the Langium grammar, read from its parser rules (terminals and comments left out). */
function grammarKeywords(): Set<string> {
    const rules = langium
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*(hidden\s+)?terminal[^;]*;/gm, '');
    return new Set([...rules.matchAll(/'([A-Za-z][A-Za-z-]*)'/g)].map(match => match[1]));
}

function highlightedWords(): Set<string> {
    const patterns: string[] = JSON.stringify(textMate.repository.keywords).match(/\(([a-z|-]+)\)/g) ?? [];
    return new Set(patterns.flatMap(group => group.slice(1, -1).split('|')));
}

describe('the TextMate grammar', () => {
    it('highlights every keyword of the language', () => {
        const missing = [...grammarKeywords()].filter(keyword => !highlightedWords().has(keyword));
        expect(grammarKeywords().size).toBeGreaterThan(25);
        expect(missing).toEqual([]);
    });

    it('uses patterns that compile as regular expressions', () => {
        const sources = JSON.stringify(textMate).match(/"(match|begin|end)":"((?:[^"\\]|\\.)*)"/g) ?? [];
        for (const entry of sources) {
            const pattern = JSON.parse(`{${entry}}`) as Record<string, string>;
            const source = Object.values(pattern)[0];
            expect(() => new RegExp(source)).not.toThrow();
        }
    });
});
