import { afterEach, describe, expect, it } from 'vitest';
import {
    compareFigures,
    formatDuration,
    formatDurationsAlike,
    formatPercent,
    formatTime,
    showHoursOnly
} from '../../src/analysis/figures.js';
import type { StreamMetrics } from '../../src/analysis/stream-model.js';

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
