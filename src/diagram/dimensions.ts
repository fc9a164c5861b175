/** The map's measures: the sizes of its parts and the font of each kind of its text. */
import type { TextStyle } from './text-width.js';

export const Dimensions = {
    margin: 16,
    headerHeight: 84,
    laneLabelWidth: 150,
    columnGap: 132,
    stepWidth: 176,
    stepHeight: 96,
    rowGutter: 40,
    ladderHeight: 96,
    totalsWidth: 230,
    /** Spacing of parallel edge segments in a channel or a gutter. */
    track: 8
} as const;

/** The font of each kind of text on the map, as the style sheet (src/theme) draws it: what widths are measured in. */
export const TextStyles = {
    title: { size: 18, weight: 'semibold' },
    headerLine: { size: 12 },
    laneLabel: { size: 12, weight: 'semibold' },
    stepTitle: { size: 12, weight: 'semibold' },
    data: { size: 11 },
    edgeLabel: { size: 10 },
    shareLabel: { size: 10, weight: 'semibold' },
    reworkLabel: { size: 10, weight: 'semibold' },
    wait: { size: 10 },
    outside: { size: 10, weight: 'semibold' },
    ladder: { size: 10 },
    totalValue: { size: 10, weight: 'semibold' }
} as const satisfies Record<string, TextStyle>;
