/** `vstream render -o map.html`: a standalone page with the map, the figures and the findings. No script runs in it. */
import type { PanelStream } from './render-panels.js';
import { renderPanels } from './render-panels.js';
import { escapeXml as escapeHtml } from './svg-text.js';

const PAGE_COLOURS = {
    light: 'color-scheme: light; --page-bg: #ffffff; --page-fg: #1f2328; --page-muted: #59636e; --page-border: #d0d7de; --page-better: #1a7f37; --page-worse: #cf222e;',
    dark: 'color-scheme: dark; --page-bg: #0d1117; --page-fg: #e6edf3; --page-muted: #9198a1; --page-border: #30363d; --page-better: #3fb950; --page-worse: #f85149;'
};

export const PANEL_STYLE = `
.vs-panels { max-width: 960px; margin: 24px 0; }
.vs-panels h2 { font-size: 18px; margin: 0 0 8px; }
.vs-panels h3 { font-size: 14px; margin: 16px 0 4px; }
.vs-panels ul { margin: 0; padding-left: 20px; }
.vs-panels li { margin: 2px 0; }
.vs-figures { border-collapse: collapse; }
.vs-figures th, .vs-figures td { text-align: left; padding: 3px 16px 3px 0; border-bottom: 1px solid var(--page-border); }
.vs-figures td { font-variant-numeric: tabular-nums; }
.vs-muted { color: var(--page-muted); font-weight: normal; }
.vs-better { color: var(--page-better); }
.vs-worse { color: var(--page-worse); }
`;

export function renderHtmlPage(title: string, svg: string, streams: PanelStream[], theme: 'light' | 'dark'): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
:root { ${PAGE_COLOURS[theme]} }
body { margin: 24px; background: var(--page-bg); color: var(--page-fg); font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 14px; }
.vs-map-frame { overflow-x: auto; border: 1px solid var(--page-border); }
${PANEL_STYLE}
</style>
</head>
<body>
<main>
<div class="vs-map-frame">${svg}</div>
${renderPanels(streams)}
</main>
</body>
</html>
`;
}
