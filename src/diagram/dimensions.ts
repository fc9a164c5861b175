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
    track: 8,
    /** The width a map is wrapped to by default: a README's column, where it is read at its own size. */
    pictureWidth: 880,
    /** Where a map is cut between two columns: this far right of the boxes (clear of a kaizen burst and a diamond), before the channel's first track. */
    cutGap: 9,
    /** Room right of a cut for the arrows and letters that say where lines go on: letters of lines close together stand side by side, up to three. */
    connectorRoom: 44,
    /** Vertical space between two rows of a wrapped map. */
    bandGap: 28
} as const;

/** The smallest text on the map, in pixels, at its own size: readable where it is shown at that size. */
export const MIN_TEXT_SIZE = 11;

/** The font of each kind of text on the map, as the style sheet (src/theme) draws it: what widths are measured in. */
export const TextStyles = {
    title: { size: 18, weight: 'semibold' },
    headerLine: { size: 12 },
    laneLabel: { size: 12, weight: 'semibold' },
    stepTitle: { size: 12, weight: 'semibold' },
    data: { size: 11 },
    edgeLabel: { size: 11 },
    shareLabel: { size: 11, weight: 'semibold' },
    reworkLabel: { size: 11, weight: 'semibold' },
    wait: { size: 11 },
    outside: { size: 11, weight: 'semibold' },
    ladder: { size: 11 },
    totalValue: { size: 11, weight: 'semibold' }
} as const satisfies Record<string, TextStyle>;
