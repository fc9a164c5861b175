/**
 * What the language server, the extension and the preview page say to each other. Each message
 * is defined once, its name bound to its parameter and result types (vscode-jsonrpc's
 * RequestType and NotificationType), so that neither side pairs a name with a type by hand.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';

/**
 * The Node flags the language server process runs with. A small young generation: the server's
 * AST, CST and models outlive a keystroke, and copying them between large semi-spaces cost a
 * third of a keystroke's time at 1,000 steps and 120 MiB of peak memory at 20,000
 * (docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

/** Commands the server's code lenses invoke; the extension registers them. */
export const Commands = {
    showStreamFigures: 'vstream.showStreamFigures',
    newStream: 'vstream.newStream',
    openPreview: 'vstream.openPreview',
    openPreviewToSide: 'vstream.openPreviewToSide',
    openLockedPreviewToSide: 'vstream.openLockedPreviewToSide',
    togglePreviewLock: 'vstream.togglePreviewLock',
    generateStreamCard: 'vstream.generateStreamCard',
    updateStreamCard: 'vstream.updateStreamCard',
    measure: 'vstream.measure'
} as const;

/** A row of the list `vstream.showStreamFigures` shows: a heading, or a figure or finding ready to read. */
export interface FigureRow {
    label: string;
    description?: string;
    /** A heading that groups the rows after it. */
    heading?: boolean;
    /** Where a finding is, to reveal when picked. */
    range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The argument of `vstream.showStreamFigures`: a stream's figures and findings, as rows ready to show. */
export interface StreamFiguresArgument {
    uri: string;
    /** The list's title: the stream's title, or its name. */
    title: string;
    rows: FigureRow[];
}

export interface PreviewDocumentParams {
    uri: string;
}

/** The preview: the extension asks the server to follow a document; the server pushes pictures. */
export const PreviewMessages = {
    /** Client → server: a preview of this document is open. */
    open: new NotificationType<PreviewDocumentParams>('vstream/previewOpen'),
    /** Client → server: the last preview of this document closed. */
    close: new NotificationType<PreviewDocumentParams>('vstream/previewClose'),
    /** Server → client: what changed in the picture, after each validated build that changed it. */
    update: new NotificationType<PreviewUpdate>('vstream/previewUpdate'),
    /** Client → server: draw this document's maps in this layout, or (none) in the layouts its streams name. */
    layout: new NotificationType<PreviewLayoutParams>('vstream/previewLayout'),
    /** Client → server: the map as a file would have it, with a fixed palette. */
    render: new RequestType<RenderParams, RenderResult, void>('vstream/render')
} as const;

/** Every part's key and the key of the group that holds it ('' for the SVG element), in drawing order. */
export type PartLayout = Array<[key: string, group: string]>;

/**
 * What changed in the map a preview shows (see src/picture-parts.ts): only the parts that are
 * new or different, so that a keystroke sends and redraws a step rather than the whole map.
 */
export interface PictureChange {
    /** The new arrangement, sent when parts came, went or moved: a part not in it is gone. */
    layout?: PartLayout;
    /** The parts that are new or different: each key with its markup, one element (a group's without its parts). */
    parts: Array<[key: string, markup: string]>;
}

export interface PreviewUpdate {
    uri: string;
    /** The document version drawn. */
    version: number;
    /** What changed in the map (editor palette); absent when nothing did. */
    picture?: PictureChange;
    /** The text does not parse, or the map is too large to draw: the preview keeps its last good picture. */
    undrawn?: true;
    /** Figures and findings as escaped HTML, when they changed. */
    panels?: string;
    /** What is wrong, one line each, for the banner above the picture. */
    problems: string[];
}

export interface RenderParams {
    uri: string;
    palette: 'light' | 'dark';
    /** The layout the preview shows, over the streams' own. */
    layout?: PreviewLayout;
}

/** The layout the preview's menu chose for a document; absent: each stream's own (`layout`, lanes by default). */
export interface PreviewLayoutParams {
    uri: string;
    layout?: PreviewLayout;
}

/** A layout the map can be drawn in (the analysis's LayoutName: the protocol imports nothing of the core). */
export type PreviewLayout = 'lanes' | 'classic';

/** The preview's layout menu: the file's choice, or one layout over it. */
export type LayoutChoice = PreviewLayout | 'file';

export interface RenderResult {
    svg?: string;
    problem?: string;
}

/** Source positions travel as [line, character, line, character], zero-based. */
export type RangeTuple = [number, number, number, number];

/** Messages from the extension host to the preview page. */
export type ToWebview =
    /** The document the page shows from now on, and whether the page is locked to it (kept for a reload of the window). */
    | { type: 'showing'; uri: string; locked: boolean; layout: LayoutChoice }
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
    /** The layout menu changed. */
    | { type: 'layout'; layout: LayoutChoice }
    | { type: 'rasterized'; requestId: number; dataUrl?: string; error?: string };

export interface StreamCardParams {
    uri: string;
    /** The file as the reader would name it (relative to the workspace), written on the card. */
    source: string;
    /** The card file this one replaces (its name as the reader would say it, and its text): what people wrote in it is carried over. */
    earlierCard?: { name: string; text: string };
}

/** The stream cards of a document: Markdown the extension opens beside the text, or writes over a card file. */
export const StreamCardMessages = {
    /** Client → server. */
    card: new RequestType<StreamCardParams, StreamCardResult, void>('vstream/streamCard')
} as const;

export interface StreamCardResult {
    markdown?: string;
    /** What of the earlier card's writing was kept, and where, in a sentence; absent when there was nothing to keep. */
    kept?: string;
    /** Why there is no card, for a message to the user. */
    problem?: string;
}

/**
 * "Measure Against Tracker History…": the server measures the document's streams on the files
 * picked (its Node process reads them with DuckDB; the Web Worker cannot, and says so), keeps
 * the measurement for `measured-drift` and `unseen-status`, and writes the measured figures into
 * the map as edits the editor shows for review.
 */
export interface MeasureParams {
    uri: string;
    /** Paths of the history's files (CSV, Parquet, JSON lines), as the server's file system names them. */
    events: string[];
    calendar?: 'workweek' | 'all';
    columns?: { item?: string; status?: string; at?: string };
    /** As `--time-format` (setting vstream.measure.timeFormat); ISO 8601 when absent. */
    timeFormat?: string;
    /** As `--timezone` (setting vstream.measure.timezone); UTC when absent. */
    timezone?: string;
    /** As `--skip-bad-rows`: measure even when more than 1% of the rows cannot be read. */
    skipBadRows?: boolean;
}

export interface MeasureResult {
    /** The figures measured beside the mapped ones, and what the history got wrong, ready to show. */
    report?: string;
    /** The steps whose figures drift, as "stream.step: process". */
    drifts?: string[];
    /** Why nothing was measured, for a message to the user. */
    problem?: string;
    /** Nothing was measured because more than 1% of the rows cannot be read: which they are, for an error to show. */
    refused?: string;
}

export interface MeasuredUpdateParams {
    uri: string;
    /** Write ranges (range-shapes.ts) rather than the median. */
    ranges: boolean;
}

/** Edits of the document's durations, with a line per figure changed or left. */
export interface MeasuredUpdateResult {
    edits?: Array<{ range: RangeTuple; newText: string }>;
    lines?: string[];
    problem?: string;
}

export const MeasureMessages = {
    /** Client → server; cancelling the request stops the measurement. */
    measure: new RequestType<MeasureParams, MeasureResult, void>('vstream/measure'),
    update: new RequestType<MeasuredUpdateParams, MeasuredUpdateResult, void>('vstream/measuredUpdate')
} as const;

/**
 * The workspace's files, read through the editor: the language server in a Web Worker (VS Code
 * for the web) has no disk, so it asks the extension, which reads with the editor's file system
 * (the repository of github.dev, a virtual workspace). Server → client requests.
 */
export interface WorkspaceFileParams {
    uri: string;
}

export interface WorkspaceFileNode {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}

export const WorkspaceFileMessages = {
    stat: new RequestType<WorkspaceFileParams, WorkspaceFileNode, void>('vstream/workspace/stat'),
    readFile: new RequestType<WorkspaceFileParams, string, void>('vstream/workspace/readFile'),
    readDirectory: new RequestType<WorkspaceFileParams, WorkspaceFileNode[], void>('vstream/workspace/readDirectory')
} as const;
