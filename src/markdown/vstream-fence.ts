/**
 * A markdown-it plugin: each ```vstream fence becomes its value stream map, drawn by the same
 * renderer as the preview. A fence that does not parse shows what is wrong, with lines counted
 * in the Markdown file, and its text, all escaped.
 */
import type MarkdownIt from 'markdown-it';
import { countOf } from '../analysis/figures.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { panelStreams, renderSvg, toDiagramDiagnostic } from '../diagram/index.js';
import { svgStyleSheet, type Palette } from '../theme/theme.js';
import { escapeXml as escapeHtml } from '../diagram/svg-text.js';
import { createStandaloneBuilder, type StandaloneBuilder } from '../language/vstream-module.js';

type FenceRule = NonNullable<MarkdownIt['renderer']['rules']['fence']>;

export interface VstreamFenceOptions {
    /** 'editor' (the default) takes its colours from the VS Code theme of the page. */
    palette?: Palette;
    /**
     * Marks each map `v-pre`, for sites that compile pages as Vue templates (VitePress): a
     * label holding `{{ … }}` would otherwise be read as an expression.
     */
    vPre?: boolean;
}

/** Beyond this a fence would hold up the whole Markdown preview; the CLI draws any size. */
export const MAX_FENCE_CHARACTERS = 500_000;

const FENCE_STYLE = `
.vstream-fence { margin: 1em 0; }
.vstream-fence > svg { max-width: 100%; height: auto; }
.vstream-fence-problems { margin: 0.5em 0 0; padding-left: 1.5em; }
.vstream-fence-error { border-left: 4px solid var(--vscode-editorError-foreground, #cf222e); padding: 0.25em 0 0.25em 1em; }
.vstream-fence-error pre { margin: 0.5em 0 0; }
`;

/** An SVG drawn in the editor palette leaves its style sheet to the page: here, the fence's (built once). */
const EDITOR_FENCE_STYLE = FENCE_STYLE + svgStyleSheet('editor');

export function vstreamFences(md: MarkdownIt, options: VstreamFenceOptions = {}): void {
    const palette = options.palette ?? 'editor';
    let builder: StandaloneBuilder | undefined;
    const fallback: FenceRule =
        md.renderer.rules.fence ??
        ((tokens, index, markdownOptions, _env, renderer) => renderer.renderToken(tokens, index, markdownOptions));
    md.renderer.rules.fence = (tokens, index, markdownOptions, env, renderer) => {
        const token = tokens[index];
        if (!isVstreamFence(token.info)) {
            return fallback(tokens, index, markdownOptions, env, renderer);
        }
        builder ??= createStandaloneBuilder();
        const attributes = renderer.renderAttrs(token) + (options.vPre ? ' v-pre' : '');
        // The first line of the fence's text, one-based, in the Markdown file.
        const firstLine = (token.map?.[0] ?? -1) + 2;
        return `${fenceHtml(builder, token.content, { palette, firstLine, idPrefix: `vstream-fence-${index}` }, attributes)}\n`;
    };
}

/** A fence as HTML: its map (or what is wrong with it) in a div that carries the styles it needs. */
export function fenceHtml(builder: StandaloneBuilder, text: string, context: FenceContext, attributes = ''): string {
    const style = context.palette === 'editor' ? EDITOR_FENCE_STYLE : FENCE_STYLE;
    return `<div class="vstream-fence"${attributes}><style>${style}</style>${renderFence(builder, text, context)}</div>`;
}

/** Is this fence's language vstream? (Its info string's first word, in any case.) */
export function isVstreamFence(info: string): boolean {
    return info.trim().split(/\s+/)[0]?.toLowerCase() === 'vstream';
}

export interface FenceContext {
    palette: Palette;
    firstLine: number;
    idPrefix: string;
}

function renderFence(builder: StandaloneBuilder, text: string, context: FenceContext): string {
    if (text.length > MAX_FENCE_CHARACTERS) {
        return failure(
            `This value stream map is too large to draw in a Markdown preview (${text.length.toLocaleString('en')} characters). Draw it with vstream render.`,
            [],
            text,
            context
        );
    }
    let built;
    try {
        built = builder.build(text);
    } catch (error) {
        return failure(
            `This value stream map could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
            [],
            text,
            context
        );
    }
    if (!built.parses) {
        return failure('This value stream map does not parse.', built.diagnostics, text, context);
    }
    const streams = panelStreams(built.streams);
    const svg = renderSvg(
        streams.map(stream => stream.layout),
        {
            palette: context.palette,
            diagnostics: built.diagnostics.map(toDiagramDiagnostic),
            idPrefix: context.idPrefix
        }
    );
    const errors = built.diagnostics.filter(diagnostic => diagnostic.severity === 1);
    const warnings = built.diagnostics.filter(diagnostic => diagnostic.severity === 2);
    return (
        svg +
        problemList(errors, context) +
        (warnings.length > 0
            ? `<details class="vstream-fence-problems"><summary>${countOf(warnings.length, 'warning')}</summary><ul>${problemItems(warnings, context)}</ul></details>`
            : '')
    );
}

function failure(headline: string, diagnostics: Diagnostic[], text: string, context: FenceContext): string {
    return `<div class="vstream-fence-error" role="alert"><p><strong>${escapeHtml(headline)}</strong></p>${problemList(diagnostics, context)}<pre><code class="language-vstream">${escapeHtml(text)}</code></pre></div>`;
}

/** The problems as a list under the map or the error, or nothing when there are none. */
function problemList(diagnostics: Diagnostic[], context: FenceContext): string {
    return diagnostics.length > 0
        ? `<ul class="vstream-fence-problems">${problemItems(diagnostics, context)}</ul>`
        : '';
}

function problemItems(diagnostics: Diagnostic[], context: FenceContext): string {
    return diagnostics
        .map(diagnostic => {
            const line = diagnostic.range.start.line + context.firstLine;
            const code = diagnostic.code === undefined ? '' : ` <code>${escapeHtml(String(diagnostic.code))}</code>`;
            const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
            return `<li>Line ${line}, column ${diagnostic.range.start.character + 1}: ${escapeHtml(message)}${code}</li>`;
        })
        .join('');
}
