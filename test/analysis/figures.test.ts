import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
    compareFigures,
    formatDuration,
    formatDurationsAlike,
    formatPercent,
    formatTime,
    formatTotal,
    headline,
    showHoursOnly
} from '../../src/analysis/figures.js';
import { addSpans, fixedTime, timeSpan } from '../../src/analysis/quantities.js';
import type { StreamMetrics } from '../../src/analysis/stream-model.js';
import { buildWorkspace } from '../helpers.js';

afterEach(() => showHoursOnly(false));

describe('durations', () => {
    it('read in the unit that reads best: days from two, weeks from four', () => {
        expect(formatDuration(39 / 3600)).toBe('39 s');
        expect(formatDuration(0.75)).toBe('45 m');
        expect(formatDuration(15)).toBe('15 h');
        expect(formatDuration(16)).toBe('2 d');
        expect(formatDuration(91)).toBe('11.4 d');
        expect(formatDuration(160)).toBe('4 w');
        expect(formatDuration(0)).toBe('0 h');
    });

    it('count days in the stream’s working day', () => {
        expect(formatDuration(24, 24)).toBe('24 h');
        expect(formatDuration(48, 24)).toBe('2 d');
    });

    it('read in hours only when asked', () => {
        showHoursOnly(true);
        expect(formatDuration(91)).toBe('91 h');
        expect(formatTime({ low: 8, likely: 16, high: 40 })).toBe('8–40 h');
    });

    it('give a range in the unit of its high end', () => {
        expect(formatTime({ low: 1, likely: 2, high: 3 })).toBe('1–3 h');
        expect(formatTime({ low: 8, likely: 16, high: 64 })).toBe('1–8 d');
        expect(formatTime({ low: 2, likely: 2, high: 2 })).toBe('2 h');
    });

    it('side by side, read in the unit of the smallest', () => {
        const alike = (...hours: number[]) => formatDurationsAlike(hours.map(h => ({ hours: h, workdayHours: 8 })));
        expect(alike(16, 14.5, 1.5)).toEqual(['16 h', '14.5 h', '1.5 h']);
        expect(alike(91, 60, 31)).toEqual(['11.4 d', '7.5 d', '3.88 d']);
        expect(alike(0, 16)).toEqual(['0 d', '2 d']);
        expect(alike(0, 0)).toEqual(['0 h', '0 h']);
    });
});

describe('times as written', () => {
    const written = (text: string, workdayHours = 8) => formatTime(timeSpan(text, workdayHours), workdayHours);

    it('keep the unit written: seconds stay seconds, each end of a range its own', () => {
        expect(written('62s')).toBe('62 s');
        expect(written('90m')).toBe('90 m');
        expect(written('20m..40m..1.5h')).toBe('20 m–1.5 h');
        expect(written('1h..3h')).toBe('1–3 h');
        expect(written('1d..2d..4d')).toBe('1–4 d');
        expect(written('0m..5.67m..6.09d')).toBe('0 m–6.09 d');
        expect(written('2.5d', 7.5)).toBe('2.5 d');
    });

    it('read in hours only when asked, both ends of a range too', () => {
        showHoursOnly(true);
        expect(written('20m..40m..1.5h')).toBe('0.33–1.5 h');
        expect(written('2d')).toBe('16 h');
    });

    it('stay as written when added to nothing, and read in the unit that reads best once added up', () => {
        expect(formatTime(addSpans([timeSpan('62s', 8), fixedTime(0)]))).toBe('62 s');
        expect(formatTime(addSpans([timeSpan('62s', 8), timeSpan('58s', 8)]))).toBe('2 m');
    });
});

describe('totals', () => {
    it('read in the stream’s unit from one of it on, below it as they read best, in hours when asked', () => {
        expect(formatTotal(23.6 * 16, 16, 'd')).toBe('23.6 d');
        expect(formatTotal(188 / 3600, 16, 's')).toBe('188 s');
        expect(formatTotal(6, 8, 'd')).toBe('6 h');
        expect(formatTotal(0, 8, 'd')).toBe('0 h');
        expect(formatTotal(160, 8, undefined)).toBe('4 w');
        showHoursOnly(true);
        expect(formatTotal(23.6 * 16, 16, 'd')).toBe('378 h');
    });

    it('read as the book reads Acme Stamping: its work in seconds, its inventories in the unit of the demand, days', async () => {
        const acme = await buildWorkspace(
            readFileSync(resolve(__dirname, '../../examples/published/acme-stamping-learning-to-see.vstream'), 'utf8')
        );
        const current = acme.model('acme_current');
        expect(current.totalsUnits).toEqual({ leadTime: 'd', processTime: 's' });
        // An inventory's wait reads in the unit of the demand: 1,700 items at 920 a day.
        expect(formatTime(current.steps[2].wait, current.workdayHours)).toBe('1.85 d');
        expect(headline(current)).toBe('lead time 23.6 d · process time 188 s · flow efficiency 0.014% · 3 handoffs');
        const future = compareFigures(acme.model('acme_future'), current);
        expect(future.find(figure => figure.label === 'lead time')).toMatchObject({
            before: '23.6 d',
            value: '4.5 d',
            change: '−19.1 d'
        });
        expect(future.find(figure => figure.label === 'process time')).toMatchObject({
            before: '188 s',
            value: '169 s',
            change: '−19 s'
        });
    });

    it('read in the unit most times are written in; of as many, the one of more hours, then the larger', async () => {
        const workspace = await buildWorkspace(
            [
                'team A',
                'stream hours { step a { owner A process 2h wait 30h } step b { owner A process 40h } flow a -> b }',
                'stream few { step a { owner A process 1h wait 4h } step b { owner A process 2h wait 1d } flow a -> b }',
                'stream even { step a { owner A process 8h wait 1d } }',
                'stream hours2 { step a { owner A process 30m wait 1.5h } step b { owner A process 1h } flow a -> b }',
                'stream ranges { step a { owner A process 30m..1h..4h wait 1d..2d } }',
                'stream many { step a { owner A process 15m wait 2d } step b { owner A process 15m } step c { owner A process 15m } step d { owner A process 15m wait 2d } flow a -> b -> c -> d }',
                'stream none { step a { owner A } }'
            ].join('\n')
        );
        const model = (name: string) => workspace.model(name);
        expect(model('hours').totalsUnits).toEqual({ leadTime: 'h', processTime: 'h' });
        expect(headline(model('hours'))).toMatch(/^lead time 72 h · process time 42 h/);
        // Three times in hours, one in days: 15 h, not 1.88 d.
        expect(model('few').totalsUnits).toEqual({ leadTime: 'h', processTime: 'h' });
        expect(headline(model('few'))).toMatch(/^lead time 15 h/);
        // One each, of equal hours: the larger unit.
        expect(model('even').totalsUnits).toEqual({ leadTime: 'd', processTime: 'h' });
        // The process has a vote for minutes and one for hours (30m, 1h): hours, which add up to more.
        expect(model('hours2').totalsUnits).toEqual({ leadTime: 'h', processTime: 'h' });
        // A range's ends share its vote: the process's 30 m and 4 h, half a vote each.
        expect(model('ranges').totalsUnits).toEqual({ leadTime: 'd', processTime: 'h' });
        // Four minutes against two days: 4 d and 60 m read as 1,980 m would not, so in days.
        expect(model('many').totalsUnits).toEqual({ leadTime: 'm', processTime: 'm' });
        expect(headline(model('many'))).toMatch(/^lead time 4.13 d · process time 60 m/);
        expect(model('none').totalsUnits).toEqual({ leadTime: undefined, processTime: undefined });
    });
});

describe('percentages', () => {
    it('keep one decimal, more below 1%, and never round a non-zero share to 0', () => {
        expect(formatPercent(0.165)).toBe('16.5%');
        expect(formatPercent(0.00014)).toBe('0.014%');
        expect(formatPercent(0.0000012)).toBe('0.00012%');
    });
});

describe('compareFigures', () => {
    const metrics = (leadTime: number, processTime: number): StreamMetrics => ({
        leadTime,
        processTime,
        flowEfficiency: processTime / leadTime,
        rolledCompleteAccurate: 1,
        effort: processTime,
        handoffs: 1,
        waitOutsideControl: 0,
        expectedLeadTime: leadTime,
        bestLeadTime: leadTime,
        worstLeadTime: leadTime,
        target: null,
        criticalPath: [],
        typicalLeadTime: leadTime,
        typicalPath: [],
        typicalShare: 1
    });

    it('reads a duration before and after, and its change, in one unit', () => {
        const [leadTime] = compareFigures(
            { metrics: metrics(14.5, 4.5), workdayHours: 8 },
            { metrics: metrics(16, 4), workdayHours: 8 }
        );
        expect(leadTime).toEqual({
            label: 'lead time',
            value: '14.5 h',
            before: '16 h',
            change: '−1.5 h',
            verdict: 'better'
        });
    });

    it('says which way a share went, in points', () => {
        const efficiency = compareFigures(
            { metrics: metrics(10, 5), workdayHours: 8 },
            { metrics: metrics(10, 2.5), workdayHours: 8 }
        ).find(figure => figure.label === 'flow efficiency');
        expect(efficiency).toMatchObject({ before: '25%', value: '50%', change: '+25 pts', verdict: 'better' });
    });

    it('shows a target only for a stream that has one', () => {
        const labels = compareFigures({ metrics: metrics(10, 5), workdayHours: 8 }).map(figure => figure.label);
        expect(labels).not.toContain('target');
        expect(labels).not.toContain('best lead time');
    });
});
