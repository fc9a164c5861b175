/** What the extension gives VS Code's Markdown preview: ```vstream fences drawn as maps. */
import type MarkdownIt from 'markdown-it';
import { vstreamFences } from '../markdown/vstream-fence.js';

export interface MarkdownPreviewApi {
    /** Called by the built-in Markdown preview for extensions that contribute `markdown.markdownItPlugins`. */
    extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export const markdownPreviewApi: MarkdownPreviewApi = {
    extendMarkdownIt: md => md.use(vstreamFences)
};
