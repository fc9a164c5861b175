/**
 * What the language server, the extension and (later) the preview say to each other. One
 * module, so that no message is stringly typed on either side.
 */
import type { Finding, StreamMetrics } from './analysis/stream-model.js';

/** Commands the server's code lenses invoke; the extension registers them. */
export const Commands = {
    showStreamFigures: 'vstream.showStreamFigures',
    newStream: 'vstream.newStream',
    openPreview: 'vstream.openPreview',
    openPreviewToSide: 'vstream.openPreviewToSide',
    generateStreamCard: 'vstream.generateStreamCard',
    updateStreamCard: 'vstream.updateStreamCard'
} as const;

/** The argument of `vstream.showStreamFigures`: a stream's figures and findings, ready to show. */
export interface StreamFiguresArgument {
    uri: string;
    stream: string;
    title?: string;
    metrics: StreamMetrics;
    findings: Finding[];
}

/** The preview: the extension asks the server to follow a document; the server pushes pictures. */
export const PreviewMessages = {
    /** Client → server notification: a preview of this document is open. */
    open: 'vstream/previewOpen',
    /** Client → server notification: the last preview of this document closed. */
    close: 'vstream/previewClose',
    /** Server → client notification: a new picture, after each validated build. */
    update: 'vstream/previewUpdate',
    /** Client → server request: the map as a file would have it, with a fixed palette. */
    render: 'vstream/render'
} as const;

export interface PreviewDocumentParams {
    uri: string;
}

export interface PreviewUpdate {
    uri: string;
    /** The document version drawn; a preview never shows an older one after a newer. */
    version: number;
    /** The map (editor palette); absent when the text does not parse, so the last good picture stays. */
    svg?: string;
    /** Figures and findings as escaped HTML. */
    panels?: string;
    /** What is wrong, one line each, for the banner above the picture. */
    problems: string[];
}

export interface RenderParams {
    uri: string;
    palette: 'light' | 'dark';
}

export interface RenderResult {
    svg?: string;
    problem?: string;
}

/** Source positions travel as [line, character, line, character], zero-based. */
export type RangeTuple = [number, number, number, number];

/** Messages from the extension host to the preview page. */
export type ToWebview =
    | { type: 'update'; update: PreviewUpdate }
    | { type: 'highlight'; line: number; character: number }
    | { type: 'rasterize'; svg: string; requestId: number };

/** Messages from the preview page to the extension host. */
export type FromWebview =
    | { type: 'ready' }
    /** The page has drawn the picture of this version; the host may send the next one. */
    | { type: 'shown'; version: number }
    | { type: 'reveal'; range: RangeTuple }
    | { type: 'export'; format: 'svg' | 'png' }
    | { type: 'rasterized'; requestId: number; dataUrl?: string; error?: string };

/** The stream cards of a document: Markdown the extension opens beside the text. */
export const StreamCardMessages = {
    /** Client → server request. */
    card: 'vstream/streamCard'
} as const;

export interface StreamCardParams {
    uri: string;
    /** The file as the reader would name it (relative to the workspace), written on the card. */
    source: string;
    /** The card file this one replaces (its name as the reader would say it, and its text): what people wrote in it is carried over. */
    earlierCard?: { name: string; text: string };
}

export interface StreamCardResult {
    markdown?: string;
    /** What of the earlier card's writing was kept, and where, in a sentence; absent when there was nothing to keep. */
    kept?: string;
    /** Why there is no card, for a message to the user. */
    problem?: string;
}

/**
 * The workspace's files, read through the editor: the language server in a Web Worker (VS Code
 * for the web) has no disk, so it asks the extension, which reads with the editor's file system
 * (the repository of github.dev, a virtual workspace). Server → client requests.
 */
export const WorkspaceFileMessages = {
    stat: 'vstream/workspace/stat',
    readFile: 'vstream/workspace/readFile',
    readDirectory: 'vstream/workspace/readDirectory'
} as const;

export interface WorkspaceFileParams {
    uri: string;
}

export interface WorkspaceFileNode {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}
