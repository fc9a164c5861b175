/**
 * Text measured before it is drawn, and wrapped to fit: Latin, CJK, Arabic, emoji (ZWJ
 * sequences, skin tones), decomposed accents and very long titles. Every line fits its box.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitText, lineRuns, segmentedRuns, wrapText } from '../../src/diagram/svg-text.js';
import { graphemes, isSimpleText, textWidth, type TextStyle } from '../../src/diagram/text-width.js';
import { GENERATED_FILE, generatedAdvances } from '../../scripts/font-advances.js';

const REGULAR: TextStyle = { size: 12 };
const TITLE: TextStyle = { size: 12, weight: 'semibold' };
/** Every width carries 8% for fonts other than the bundled one. */
const SLACK = 1.08;

const JAPANESE = '顧客オンボーディングの契約書に署名する';
const SAMPLES: Record<string, string> = {
    latin: 'Countersign the contract and send it back to the customer',
    cjk: JAPANESE,
    chinese: '请在本周内完成、并通知客户。然后归档',
    arabic: 'مراجعة العقد مع الفريق القانوني قبل التوقيع',
    emoji: '👩🏽‍💻 review 👨‍👩‍👧‍👦 with the 🇯🇵 team ✅',
    decomposed: 'Cafe\u0301 re\u0301sume\u0301 nai\u0308ve fac\u0327ade',
    long: `Step ${'with an extraordinarily long title '.repeat(6)}`.slice(0, 200),
    word: 'Supercalifragilisticexpialidocious-and-then-some-more-characters'
};

describe('textWidth', () => {
    it('measures Latin with the bundled font’s advances', () => {
        // Inter: 'Kickoff call' is 63.26 px at 12 px (the same advances fontkit reads).
        expect(textWidth('Kickoff call', REGULAR)).toBeCloseTo(63.264 * SLACK, 2);
        expect(textWidth('WWWW', REGULAR)).toBeGreaterThan(3 * textWidth('iiii', REGULAR));
        expect(textWidth('Kickoff', TITLE)).toBeGreaterThan(textWidth('Kickoff', REGULAR));
    });

    it('gives a wide character one em, and CJK text its full width', () => {
        expect(textWidth(JAPANESE, REGULAR)).toBeCloseTo(19 * 12 * SLACK, 5);
    });

    it('counts an emoji grapheme once, however many code points it has', () => {
        const one = textWidth('👩', REGULAR);
        expect(textWidth('👩🏽‍💻', REGULAR)).toBe(one);
        expect(textWidth('👨‍👩‍👧‍👦', REGULAR)).toBe(one);
        expect(textWidth('🇯🇵', REGULAR)).toBe(one);
        expect(graphemes('👩🏽‍💻👨‍👩‍👧‍👦')).toHaveLength(2);
    });

    it('gives combining marks no width: decomposed and composed accents measure the same', () => {
        expect(textWidth('Cafe\u0301', REGULAR)).toBe(textWidth('Café', REGULAR));
        expect(textWidth('q\u0301', REGULAR)).toBe(textWidth('q', REGULAR));
    });

    it('gives scripts the font lacks a generous width', () => {
        expect(textWidth('مراجعة', REGULAR)).toBeGreaterThan(6 * 12 * 0.5);
        expect(textWidth('ภาษาไทย', REGULAR)).toBeGreaterThan(0);
    });
});

describe('wrapText', () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
        it(`fits every line of ${name} text in its box, at every width and line count`, () => {
            for (const style of [REGULAR, TITLE, { size: 10 }]) {
                for (const maxWidth of [30, 60, 112, 160, 400]) {
                    for (const maxLines of [1, 2, 3]) {
                        const lines = wrapText(text, style, maxWidth, maxLines);
                        expect(lines.length).toBeLessThanOrEqual(maxLines);
                        for (const line of lines) {
                            expect(textWidth(line, style), `"${line}" in ${maxWidth} px`).toBeLessThanOrEqual(maxWidth);
                        }
                        const shown = lines.join('').replace(/ /g, '');
                        const whole = text.normalize('NFC').replace(/ /g, '');
                        if (shown.endsWith('…')) {
                            // Cut between graphemes: what is shown is the start of the text.
                            expect(whole.startsWith(shown.slice(0, -1))).toBe(true);
                        } else {
                            expect(shown).toBe(whole);
                        }
                    }
                }
            }
        });
    }

    it('breaks Japanese between its words, not inside them', () => {
        const lines = wrapText(JAPANESE, TITLE, 160, 3);
        expect(lines).toEqual(['顧客オンボーディングの', '契約書に署名する']);
    });

    it('breaks Latin at spaces and a word too long for its box between its letters', () => {
        expect(wrapText('Sign the contract', REGULAR, 80, 3)).toEqual(['Sign the', 'contract']);
        const word = wrapText(SAMPLES.word, REGULAR, 100, 2);
        expect(word).toHaveLength(2);
        expect(word[1].endsWith('…')).toBe(true);
    });

    it('never splits an emoji sequence or a letter from its accent', () => {
        const cut = fitText('👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻 review', REGULAR, 60);
        expect(cut.endsWith('…')).toBe(true);
        expect(graphemes(cut.slice(0, -1)).every(grapheme => grapheme === '👩🏽‍💻')).toBe(true);
        expect(fitText('Cafe\u0301 café café', REGULAR, 40)).toMatch(/^Café|^Caf…$/);
    });

    it('keeps a text that fits as it is', () => {
        expect(wrapText('Triage', TITLE, 160, 2)).toEqual(['Triage']);
        expect(fitText('', REGULAR, 100)).toBe('');
    });
});

describe('text measured without the segmenter', () => {
    /** Characters of the texts measured on the fast path: Latin, punctuation, arrows, signs, dingbats, and spaces. */
    const simpleCharacter = fc.oneof(
        fc.constant(' '),
        ...[
            [0x20, 0x7e],
            [0xa1, 0x17f],
            [0x2010, 0x205e],
            [0x20a0, 0x20c0],
            [0x2190, 0x22ff],
            [0x2700, 0x27bf]
        ].map(([min, max]) => fc.integer({ min, max }).map(code => String.fromCharCode(code)))
    );
    const simpleText = fc
        .array(simpleCharacter, { maxLength: 16 })
        .map(characters => characters.join(''))
        .filter(isSimpleText);
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

    it('splits, breaks and measures such text as the segmenter does', () => {
        fc.assert(
            fc.property(simpleText, text => {
                expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), segment => segment.segment));
                expect(lineRuns(text)).toEqual(segmentedRuns(text));
                expect(text.normalize('NFC')).toBe(text);
            }),
            { numRuns: 3000 }
        );
    });

    it('knows the text of a map for such text, and text with marks, emoji or CJK for other', () => {
        expect(isSimpleText('PT 1–3 h · WT 2 d → 91%  ✓ met, ≈ 4 h, naïve façade')).toBe(true);
        for (const text of [SAMPLES.cjk, SAMPLES.emoji, SAMPLES.decomposed, SAMPLES.arabic, 'a\u00a0b']) {
            expect(isSimpleText(text)).toBe(false);
        }
    });
});

describe('the advance table', () => {
    it('is what the script generates from the bundled fonts', () => {
        const committed = readFileSync(resolve(__dirname, '../..', GENERATED_FILE), 'utf8');
        expect(generatedAdvances()).toBe(committed);
    });
});
