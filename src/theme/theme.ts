/**
 * The map's palettes and style sheet: the light and dark palettes of files, whose colours are
 * written into the SVG so that any renderer draws them (resvg and most non-browser tools know
 * no CSS variables), and the editor's, whose colours are the theme's own CSS variables. The
 * SVG, the preview page and the Markdown fences all style the map from here.
 */

export type Palette = 'light' | 'dark' | 'editor';

const LIGHT = {
    bg: '#ffffff',
    fg: '#1f2328',
    muted: '#59636e',
    'step-fill': '#ffffff',
    'step-stroke': '#8c959f',
    critical: '#1a7f37',
    // The typical path's highlight, drawn translucent under its steps and edges: never text.
    typical: '#0598bc',
    'lane-a': '#f6f8fa',
    'lane-b': '#eef1f4',
    'lane-stroke': '#d0d7de',
    'unowned-fill': '#fff8c5',
    'unowned-stroke': '#bf8700',
    handoff: '#0969da',
    flow: '#57606a',
    // Text colours are dark enough for 4.5:1 on every lane they sit on (test/theme/contrast.test.ts).
    rework: '#6e40c9',
    error: '#cf222e',
    warning: '#7d4e00',
    info: '#0969da',
    wait: '#a04100',
    outside: '#cf222e',
    kaizen: '#bf8700',
    'header-fill': '#f6f8fa'
};

/** The name of a colour of every palette. */
export type ColourName = keyof typeof LIGHT;

const PALETTES: Record<Palette, Record<ColourName, string>> = {
    light: LIGHT,
    dark: {
        bg: '#0d1117',
        fg: '#e6edf3',
        muted: '#9198a1',
        'step-fill': '#161b22',
        'step-stroke': '#6e7681',
        critical: '#3fb950',
        typical: '#39c5cf',
        'lane-a': '#11161d',
        'lane-b': '#151b23',
        'lane-stroke': '#30363d',
        'unowned-fill': '#2f2508',
        'unowned-stroke': '#d29922',
        handoff: '#4493f8',
        flow: '#9198a1',
        rework: '#ab7df8',
        error: '#f85149',
        warning: '#d29922',
        info: '#4493f8',
        wait: '#ffa657',
        outside: '#ff7b72',
        kaizen: '#e3b341',
        'header-fill': '#161b22'
    },
    // Inside the editor: the colours of the active theme (light, dark or high contrast).
    editor: {
        bg: 'var(--vscode-editor-background)',
        fg: 'var(--vscode-editor-foreground)',
        muted: 'var(--vscode-descriptionForeground)',
        'step-fill': 'var(--vscode-editorWidget-background)',
        'step-stroke': 'var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888888))',
        critical: 'var(--vscode-charts-green)',
        typical: 'var(--vscode-terminal-ansiCyan, #0598bc)',
        'lane-a': 'var(--vscode-sideBar-background, transparent)',
        'lane-b': 'var(--vscode-editor-background)',
        'lane-stroke': 'var(--vscode-panel-border, var(--vscode-contrastBorder, #80808060))',
        'unowned-fill': 'var(--vscode-inputValidation-warningBackground, transparent)',
        'unowned-stroke': 'var(--vscode-editorWarning-foreground)',
        handoff: 'var(--vscode-charts-blue)',
        flow: 'var(--vscode-descriptionForeground)',
        rework: 'var(--vscode-charts-purple)',
        error: 'var(--vscode-editorError-foreground)',
        warning: 'var(--vscode-editorWarning-foreground)',
        info: 'var(--vscode-editorInfo-foreground)',
        wait: 'var(--vscode-charts-orange)',
        outside: 'var(--vscode-editorError-foreground)',
        kaizen: 'var(--vscode-charts-yellow)',
        'header-fill': 'var(--vscode-editorWidget-background)'
    }
};

const STYLE = `
.vs-map { font-family: var(--vscode-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif); font-size: 12px; fill: var(--vs-fg); font-variant-ligatures: none; font-feature-settings: 'liga' 0, 'calt' 0; }
.vs-background { fill: var(--vs-bg); }
.vs-header rect { fill: var(--vs-header-fill); stroke: var(--vs-lane-stroke); }
.vs-header .vs-title { font-size: 18px; font-weight: 600; }
.vs-muted { fill: var(--vs-muted); }
.vs-lane rect { fill: var(--vs-lane-a); stroke: var(--vs-lane-stroke); }
.vs-lane.vs-alternate rect { fill: var(--vs-lane-b); }
.vs-lane.vs-unowned rect { fill: var(--vs-unowned-fill); stroke: var(--vs-unowned-stroke); stroke-dasharray: 6 3; }
.vs-lane-label { font-weight: 600; }
.vs-unowned .vs-lane-label { fill: var(--vs-warning); }
.vs-step rect { fill: var(--vs-step-fill); stroke: var(--vs-step-stroke); stroke-width: 1.2; }
.vs-step.vs-critical rect { stroke: var(--vs-critical); stroke-width: 2; }
.vs-step .vs-step-title { font-weight: 600; }
.vs-step .vs-data { font-size: 11px; }
.vs-edge path { fill: none; stroke-width: 1.5; }
.vs-handoff path { stroke: var(--vs-handoff); }
.vs-flow path { stroke: var(--vs-flow); }
.vs-rework path { stroke: var(--vs-rework); stroke-dasharray: 6 4; }
.vs-edge.vs-critical path { stroke-width: 2.5; }
.vs-edge.vs-has-error path { stroke: var(--vs-error); }
.vs-edge.vs-has-warning path { stroke: var(--vs-warning); }
.vs-edge-label { font-size: 10px; fill: var(--vs-muted); }
.vs-rework .vs-edge-label { fill: var(--vs-rework); font-weight: 600; }
.vs-badge text { font-size: 9px; font-weight: 600; fill: var(--vs-bg); }
.vs-badge-error { fill: var(--vs-error); }
.vs-badge-warning { fill: var(--vs-warning); }
.vs-wait polygon { fill: none; stroke: var(--vs-wait); stroke-width: 1.5; }
.vs-wait text { font-size: 10px; fill: var(--vs-wait); }
.vs-wait .vs-outside { fill: var(--vs-outside); font-weight: 600; }
.vs-kaizen polygon { fill: var(--vs-kaizen); stroke: var(--vs-bg); }
.vs-kaizen text { font-size: 10px; }
.vs-note-mark { font-weight: 600; }
.vs-step .vs-outside { fill: var(--vs-outside); font-weight: 600; }
.vs-notes text { font-size: 11px; }
.vs-ladder polyline { fill: none; stroke: var(--vs-fg); stroke-width: 1.5; }
.vs-ladder text { font-size: 10px; }
.vs-totals .vs-total-value { font-weight: 600; }
.vs-totals .vs-target-met { fill: var(--vs-critical); }
.vs-totals .vs-target-missed { fill: var(--vs-error); }
.vs-inventory polygon { fill: var(--vs-wait); stroke: var(--vs-wait); stroke-width: 1; }
.vs-wait .vs-inventory-mark { font-size: 9px; font-weight: 600; fill: var(--vs-bg); }
.vs-forecast-frame { fill: var(--vs-header-fill); stroke: var(--vs-lane-stroke); }
.vs-forecast text { font-size: 12px; }
.vs-forecast .vs-forecast-title { font-weight: 600; }
.vs-forecast-bar { fill: var(--vs-handoff); }
.vs-forecast.vs-stale .vs-forecast-bar { fill: var(--vs-muted); }
.vs-forecast-axis { stroke: var(--vs-muted); }
.vs-forecast-mark line { stroke: var(--vs-fg); stroke-dasharray: 3 2; }
.vs-forecast-mark text { font-size: 10px; font-weight: 600; }
.vs-forecast-target line { stroke: var(--vs-critical); stroke-dasharray: none; stroke-width: 2; }
.vs-forecast-measured line { stroke: var(--vs-rework); stroke-dasharray: none; stroke-width: 2; }
.vs-forecast .vs-forecast-history { fill: var(--vs-rework); font-weight: 600; }
.vs-criticality { fill: var(--vs-critical); }
.vs-decision { fill: var(--vs-step-fill); stroke: var(--vs-fg); stroke-width: 1.5; }
.vs-share-label { font-size: 10px; font-weight: 600; }
.vs-legend text { font-size: 10px; }
.vs-legend rect { fill: var(--vs-step-fill); stroke: var(--vs-step-stroke); stroke-width: 1.2; }
.vs-legend .vs-legend-critical { stroke: var(--vs-critical); stroke-width: 2; }
.vs-legend .vs-legend-rare { stroke: var(--vs-flow); stroke-width: 2; }
.vs-step.vs-selected rect, .vs-edge.vs-selected path { stroke: var(--vscode-focusBorder, #0090f1); stroke-width: 3; }
.vs-typical-halo, .vs-edge path.vs-typical-halo { fill: none; stroke: var(--vs-typical); stroke-opacity: 0.3; stroke-width: 7; stroke-linejoin: round; }
.vs-step .vs-typical-halo, .vs-legend .vs-typical-halo { stroke-opacity: 0.55; stroke-width: 3; }
[data-range] { cursor: pointer; }
.vs-classic-title { font-size: 16px; font-weight: 600; }
.vs-party path, .vs-party rect, .vs-truck rect, .vs-truck path, .vs-truck circle { fill: var(--vs-step-fill); stroke: var(--vs-fg); stroke-width: 1.2; }
.vs-party text, .vs-step .vs-classic-data, .vs-classic-ladder text, .vs-classic-notes text { font-size: 11px; }
.vs-classic-notes text { fill: var(--vs-muted); }
.vs-classic-inventory polygon { fill: var(--vs-wait); stroke: var(--vs-wait); stroke-width: 1; }
.vs-classic-inventory text { font-size: 11px; fill: var(--vs-wait); }
.vs-classic-inventory text, .vs-classic-label { paint-order: stroke; stroke: var(--vs-bg); stroke-width: 3px; stroke-linejoin: round; }
.vs-classic-inventory .vs-classic-count { fill: var(--vs-fg); }
.vs-classic-inventory .vs-inventory-mark { font-weight: 600; fill: var(--vs-bg); stroke: none; }
.vs-push .vs-push-body { fill: var(--vs-bg); stroke: var(--vs-fg); stroke-width: 1.2; }
.vs-push .vs-push-stripe, .vs-push .vs-push-head { fill: var(--vs-fg); }
.vs-push path { stroke: var(--vs-fg); stroke-width: 2; }
.vs-shipment path { stroke: var(--vs-flow); stroke-width: 2.5; }
.vs-classic-label { font-size: 11px; font-weight: 600; }
.vs-rework .vs-classic-label { fill: var(--vs-rework); }
.vs-classic-ladder polyline { fill: none; stroke: var(--vs-fg); stroke-width: 1.5; }
.vs-classic-totals rect { fill: var(--vs-header-fill); stroke: var(--vs-lane-stroke); }
.vs-classic-totals text { font-size: 12px; }
.vs-classic-totals .vs-total-value { font-weight: 600; }
`;

/** Where each colour of text sits: the pairs whose contrast must reach 4.5:1 (WCAG 2, normal text). */
export const TEXT_ON_BACKGROUNDS: ReadonlyArray<{ text: ColourName; on: readonly ColourName[] }> = [
    // Text anywhere on the map: header, lanes, steps, the ladder on the background.
    { text: 'fg', on: ['bg', 'header-fill', 'lane-a', 'lane-b', 'unowned-fill', 'step-fill'] },
    { text: 'muted', on: ['header-fill', 'lane-a', 'lane-b', 'unowned-fill', 'step-fill', 'bg'] },
    // Edge labels, wait markers and the unowned lane's label sit on any lane.
    // On the classic map, rework rates and inventory waits sit on the background.
    { text: 'rework', on: ['lane-a', 'lane-b', 'unowned-fill', 'bg'] },
    { text: 'wait', on: ['lane-a', 'lane-b', 'unowned-fill', 'bg'] },
    { text: 'outside', on: ['lane-a', 'lane-b', 'unowned-fill'] },
    { text: 'warning', on: ['unowned-fill', 'lane-a', 'lane-b'] },
    // The glyph of a severity badge, in the background colour on the badge; the I of an inventory triangle.
    { text: 'bg', on: ['error', 'warning', 'wait'] },
    // A target met or missed, beside the ladder on the background (with ✓ or ✗, never by colour alone).
    { text: 'critical', on: ['bg'] },
    { text: 'error', on: ['bg'] }
];

/** A file's palette: colours written out, for renderers without CSS variables (resvg, Inkscape, image tools). */
export type FilePalette = Exclude<Palette, 'editor'>;

/** A colour of a palette as the SVG writes it: a hex value in a file, the page's variable in the editor. */
export function paletteColour(palette: Palette, name: ColourName): string {
    return palette === 'editor' ? `var(--vs-${name})` : PALETTES[palette][name];
}

/** The hex colours of a file's palette. */
export function fileColours(palette: FilePalette): Readonly<Record<ColourName, string>> {
    return PALETTES[palette];
}

/**
 * The map's styles with a palette's colours. The editor's keep CSS variables, which the
 * page's theme fills in. A file's have the colours written out, and every rule is scoped by
 * the SVG's id, so that two maps of different palettes on one page keep their own colours.
 */
export function svgStyleSheet(palette: Palette, scope = 'vs'): string {
    if (palette === 'editor') {
        const variables = Object.entries(PALETTES.editor)
            .map(([name, value]) => `--vs-${name}: ${value};`)
            .join(' ');
        return `.vs-map { ${variables} }${STYLE}`;
    }
    const colours = PALETTES[palette];
    const resolved = STYLE.replace(/var\(--vscode-font-family,\s*[^)]*\)/g, FILE_FONTS)
        .replace(/var\(--vscode-focusBorder,\s*([^)]*)\)/g, '$1')
        .replace(/var\(--vs-([a-z-]+)\)/g, (_, name: string) => colours[name as ColourName]);
    return scopeRules(resolved, `#${scope}`);
}

/**
 * A file's fonts: Inter, which the layout measures with and the command embeds; where a viewer
 * cannot load an embedded font (librsvg, resvg, image tools), faces no wider than Inter, so that
 * text still fits its box: Arial and its metric twin Liberation Sans, then the condensed face of
 * DejaVu Sans, the sans-serif most Linux systems fall back to (its normal width runs some 10%
 * wider than Inter).
 */
const FILE_FONTS = "'Inter', Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans Condensed', sans-serif";

/** The map's style sheet as rules (unscoped, with the editor's variables): what sizes and weights its texts. */
export function mapStyleRules(): Array<{ selectors: string[]; declarations: string }> {
    return [...STYLE.matchAll(/^([^{\n]+)\{([^}]*)\}/gm)].map(([, selectors, declarations]) => ({
        selectors: selectors.split(',').map(selector => selector.trim()),
        declarations
    }));
}

/**
 * A text drawn as outlines (`render --text paths`) is a group of glyphs of class `vs-glyphs`
 * with the text's classes: it takes the colour that a rule for the text element gives.
 */
function withGlyphGroups(selector: string): string[] {
    return selector.endsWith(' text') ? [selector, `${selector.slice(0, -'text'.length)}.vs-glyphs`] : [selector];
}

/** Prefixes each rule's selectors with the map's id; `.vs-map` is the SVG itself. */
function scopeRules(css: string, scope: string): string {
    return css.replace(
        /^([^{\n]+)\{/gm,
        (_, selectors: string) =>
            selectors
                .split(',')
                .flatMap(selector => withGlyphGroups(selector.trim()))
                .map(selector =>
                    selector.startsWith('.vs-map') ? scope + selector.slice('.vs-map'.length) : `${scope} ${selector}`
                )
                .join(', ') + ' {'
    );
}
