import { describe, expect, it } from 'vitest';
import { DocumentPicture, PageBacklog } from '../../src/extension/document-picture.js';
import { PictureParts, type SvgPart } from '../../src/picture-parts.js';
import type { PreviewUpdate } from '../../src/protocol.js';

const part = (key: string, markup: string, parent = 'svg'): SvgPart => ({ key, parent, markup });
const MAP = [
    part('svg', '<svg></svg>', ''),
    part('step:a', '<g>a</g>'),
    part('step:b', '<g>b</g>'),
    part('step:c', '<g>c</g>')
];

/** The server's side: each drawing as the update it sends. */
function server() {
    const sent = new PictureParts();
    let version = 0;
    return (parts: SvgPart[] | undefined, panels?: string): PreviewUpdate => {
        const picture = parts && sent.diff(parts);
        return {
            uri: 'u',
            version: ++version,
            problems: parts ? [] : ['Line 1: wrong'],
            ...(picture && { picture }),
            ...(panels !== undefined && { panels }),
            ...(!parts && { undrawn: true as const })
        };
    };
}

/** The host keeps the picture, and notes for one page what it was not sent yet. */
function host() {
    const picture = new DocumentPicture();
    const backlog = new PageBacklog();
    const page = new PictureParts();
    return {
        picture,
        backlog,
        page,
        receive: (update: PreviewUpdate) => {
            picture.apply(update);
            backlog.add(update);
        },
        /** The page has shown the last update: it is sent what it lacks. */
        send: (): PreviewUpdate => {
            const update = picture.updateFor('u', backlog);
            backlog.clear();
            if (update.picture) {
                page.apply(update.picture);
            }
            return update;
        }
    };
}

describe('the picture the extension host keeps for the pages of a document', () => {
    it('sends a page that starts the whole picture and the panels', () => {
        const draw = server();
        const { receive, send, page, picture } = host();
        expect(picture.known).toBe(false);
        receive(draw(MAP, '<h2>s</h2>'));
        expect(picture.known).toBe(true);
        const update = send();
        expect(update.panels).toBe('<h2>s</h2>');
        expect(update.picture!.parts).toHaveLength(MAP.length);
        expect(page.svg()).toBe('<svg><g>a</g><g>b</g><g>c</g></svg>');
    });

    it('sends a page that fell behind only the newest of each part that changed meanwhile', () => {
        const draw = server();
        const { receive, send, page, backlog } = host();
        receive(draw(MAP, '<h2>s</h2>'));
        send();
        expect(backlog.empty).toBe(true);
        receive(draw(MAP.map(p => (p.key === 'step:a' ? { ...p, markup: '<g>a1</g>' } : p))));
        receive(draw(MAP.map(p => (p.key === 'step:a' ? { ...p, markup: '<g>a2</g>' } : p))));
        receive(
            draw(MAP.filter(p => p.key !== 'step:c').map(p => (p.key === 'step:a' ? { ...p, markup: '<g>a2</g>' } : p)))
        );
        const update = send();
        expect(update.version).toBe(4);
        expect(update.panels).toBeUndefined();
        expect(update.picture!.parts).toEqual([['step:a', '<g>a2</g>']]);
        expect(page.svg()).toBe('<svg><g>a2</g><g>b</g></svg>');
    });

    it('keeps the last good picture while the text does not parse, and says so', () => {
        const draw = server();
        const { receive, send, page } = host();
        receive(draw(MAP));
        send();
        receive(draw(undefined));
        const update = send();
        expect(update).toMatchObject({ undrawn: true, problems: ['Line 1: wrong'] });
        expect(update.picture).toBeUndefined();
        expect(page.svg()).toContain('<g>c</g>');
    });

    it('sends the whole picture again to a page that starts afresh', () => {
        const draw = server();
        const { receive, send, backlog } = host();
        receive(draw(MAP, '<h2>s</h2>'));
        send();
        backlog.restart();
        expect(backlog.empty).toBe(false);
        const update = send();
        expect(update.picture!.layout).toHaveLength(MAP.length);
        expect(update.panels).toBe('<h2>s</h2>');
    });
});
