/**
 * The extension host's copy of each previewed document's map, kept up to date from the
 * server's changes, and what each page still lacks of it. A page is sent one update at a time
 * (the next once it has shown the last); what changes meanwhile gathers as the keys of the
 * parts it lacks, so a page that falls behind is sent only the newest of each part, and a page
 * that starts (opened, reloaded, shown again, or following another document) is sent the whole.
 */
import { PictureParts } from '../picture-parts.js';
import type { PictureChange, PreviewUpdate } from '../protocol.js';

export class DocumentPicture {
    private readonly picture = new PictureParts();
    private panels?: string;
    private undrawn = false;
    private problems: string[] = [];
    private version = 0;
    private received = false;

    /** Takes in the server's update; the pages that show this document are told what it changed (see `PageBacklog.add`). */
    apply(update: PreviewUpdate): void {
        this.received = true;
        this.version = update.version;
        this.problems = update.problems;
        this.undrawn = update.undrawn === true;
        this.panels = update.panels ?? this.panels;
        if (update.picture) {
            this.picture.apply(update.picture);
        }
    }

    /** Has the server sent anything yet? */
    get known(): boolean {
        return this.received;
    }

    /** The update that brings a page from what it had to this picture, given what it lacks. */
    updateFor(uri: string, backlog: PageBacklog): PreviewUpdate {
        const picture = backlog.everything ? this.picture.whole() : this.lacking(backlog);
        const panels = backlog.everything || backlog.panels ? this.panels : undefined;
        return {
            uri,
            version: this.version,
            problems: this.problems,
            ...(picture && { picture }),
            ...(panels !== undefined && { panels }),
            ...(this.undrawn && { undrawn: true as const })
        };
    }

    private lacking(backlog: PageBacklog): PictureChange | undefined {
        const parts = [...backlog.parts].flatMap(key => {
            const markup = this.picture.markupOf(key);
            return markup === undefined ? [] : [[key, markup] as [string, string]];
        });
        return parts.length > 0 || backlog.layout
            ? { ...(backlog.layout && { layout: this.picture.layout }), parts }
            : undefined;
    }
}

/** What one page has not been sent yet of the picture it shows. */
export class PageBacklog {
    everything = true;
    layout = false;
    panels = false;
    readonly parts = new Set<string>();
    /** Anything at all, the banner included. */
    private pending = true;

    /** Notes what an update from the server changed. */
    add(update: PreviewUpdate): void {
        this.pending = true;
        this.layout ||= update.picture?.layout !== undefined;
        this.panels ||= update.panels !== undefined;
        update.picture?.parts.forEach(([key]) => this.parts.add(key));
    }

    /** The page starts afresh: it lacks the whole picture. */
    restart(): void {
        this.clear();
        this.everything = true;
        this.pending = true;
    }

    get empty(): boolean {
        return !this.pending;
    }

    clear(): void {
        this.everything = false;
        this.layout = false;
        this.panels = false;
        this.parts.clear();
        this.pending = false;
    }
}
