import { describe, expect, it } from 'vitest';
import { cardDifferences } from '../../src/cards/card-check.js';

const card = [
    '# Stream',
    '',
    '## Figures',
    '',
    '| lead time | 9 h |',
    '',
    '```sh',
    '# not a heading',
    '```',
    'end',
    ''
];

describe('cardDifferences', () => {
    it('finds nothing in the same text', () => {
        expect(cardDifferences(card.join('\n'), card.join('\n'))).toEqual([]);
    });

    it('names the line and the headings above each difference, not taking a # line in a fence for one', () => {
        const generated = card.map(line => line.replace('9 h', '8 h').replace('end', 'the end'));
        expect(cardDifferences(card.join('\n'), generated.join('\n'))).toEqual([
            { line: 5, section: 'Stream › Figures', lines: ['-| lead time | 9 h |', '+| lead time | 8 h |'] },
            { line: 10, section: 'Stream › Figures', lines: ['-end', '+the end'] }
        ]);
    });

    it('places lines that are only added, and reads CRLF and LF cards alike', () => {
        const generated = [...card.slice(0, 3), '', 'New line.', ...card.slice(3)];
        expect(cardDifferences(card.join('\r\n'), generated.join('\n'))).toEqual([
            { line: 5, section: 'Stream › Figures', lines: ['+New line.', '+'] }
        ]);
    });

    it('leaves the record of generated lines out of what it shows, yet sees when only it differs', () => {
        const record = (hash: string) => `<!-- vstream: the lines this card was generated with (…)\n${hash}\n-->\n`;
        const text = card.join('\n');
        expect(cardDifferences(`${text}${record('abc')}`, `${text}${record('abd')}`)).toEqual([
            { line: card.length, section: 'the record of the lines it was generated with', lines: [] }
        ]);
    });
});
