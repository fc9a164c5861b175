/**
 * The map's palettes and style sheet: the light and dark palettes of files, and the editor's,
 * whose colours are the theme's own CSS variables. The SVG, the preview page and the Markdown
 * fences all style the map from here.
 */

export type Palette = 'light' | 'dark' | 'editor';

const PALETTES: Record<Palette, Record<string, string>> = {
    light: {
        bg: '#ffffff',
        fg: '#1f2328',
        muted: '#59636e',
        'step-fill': '#ffffff',
        'step-stroke': '#8c959f',
        critical: '#1a7f37',
        'lane-a': '#f6f8fa',
        'lane-b': '#eef1f4',
        'lane-stroke': '#d0d7de',
        'unowned-fill': '#fff8c5',
        'unowned-stroke': '#bf8700',
        handoff: '#0969da',
        flow: '#57606a',
        rework: '#8250df',
        error: '#cf222e',
        warning: '#9a6700',
        info: '#0969da',
        wait: '#bc4c00',
        outside: '#cf222e',
        kaizen: '#bf8700',
        'header-fill': '#f6f8fa'
    },
    dark: {
        bg: '#0d1117',
        fg: '#e6edf3',
        muted: '#9198a1',
        'step-fill': '#161b22',
        'step-stroke': '#6e7681',
        critical: '#3fb950',
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
.vs-map { font-family: var(--vscode-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif); font-size: 12px; fill: var(--vs-fg); }
.vs-background { fill: var(--vs-bg); }
.vs-header rect { fill: var(--vs-header-fill); stroke: var(--vs-lane-stroke); }
.vs-header .vs-title { font-size: 18px; font-weight: 600; }
.vs-muted { fill: var(--vs-muted); }
.vs-lane rect { fill: var(--vs-lane-a); stroke: var(--vs-lane-stroke); }
.vs-lane.vs-alternate rect { fill: var(--vs-lane-b); }
.vs-lane.vs-unowned rect { fill: var(--vs-unowned-fill); stroke: var(--vs-unowned-stroke); stroke-dasharray: 6 3; }
.vs-lane-label { font-weight: 600; }
.vs-unowned .vs-lane-label { fill: var(--vs-unowned-stroke); }
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
.vs-wait polygon { fill: none; stroke: var(--vs-wait); stroke-width: 1.5; }
.vs-wait text { font-size: 10px; fill: var(--vs-wait); }
.vs-wait .vs-outside { fill: var(--vs-outside); font-weight: 600; }
.vs-kaizen polygon { fill: var(--vs-kaizen); stroke: var(--vs-bg); }
.vs-ladder polyline { fill: none; stroke: var(--vs-fg); stroke-width: 1.5; }
.vs-ladder text { font-size: 10px; }
.vs-totals .vs-total-value { font-weight: 600; }
.vs-step.vs-selected rect, .vs-edge.vs-selected path { stroke: var(--vscode-focusBorder, #0090f1); stroke-width: 3; }
[data-range] { cursor: pointer; }
`;

/** The map's styles with a palette's colours. */
export function svgStyleSheet(palette: Palette): string {
    const variables = Object.entries(PALETTES[palette])
        .map(([name, value]) => `--vs-${name}: ${value};`)
        .join(' ');
    return `.vs-map { ${variables} }${STYLE}`;
}
