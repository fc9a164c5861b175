/**
 * The PNG renderer, in a process of its own (out/cli/rasterize.cjs): resvg draws each SVG it is
 * sent. resvg aborts its whole process on some inputs (a Rust panic no JavaScript can catch), so
 * it runs apart from the command, which then says in one line that the map could not be drawn.
 * The command starts it once and sends it every picture over IPC.
 */
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { RasterReply, RasterRequest } from './png.js';

/** The bundled fonts, beside the CLI's bundle: out/fonts. */
const FONTS = join(__dirname, '..', 'fonts');

type Resvg = typeof import('@resvg/resvg-js').Resvg;

async function loadResvg(): Promise<Resvg> {
    // Loaded here, not by the command: only a PNG needs the native renderer.
    const { Resvg } = await import('@resvg/resvg-js');
    return Resvg;
}

function draw(Resvg: Resvg, request: RasterRequest): RasterReply {
    const resvg = new Resvg(request.svg, {
        fitTo: { mode: 'zoom', value: request.zoom },
        background: request.background,
        font: {
            fontFiles: [join(FONTS, 'Inter-Regular.ttf'), join(FONTS, 'Inter-SemiBold.ttf')],
            // The system's fonts only for characters Inter lacks: then the picture depends on the machine.
            loadSystemFonts: request.systemFonts,
            defaultFontFamily: 'Inter',
            sansSerifFamily: 'Inter'
        },
        logLevel: 'off'
    });
    const image = resvg.render();
    return {
        id: request.id,
        png: encodePng(image.width, image.height, image.pixels),
        width: image.width,
        height: image.height
    };
}

/**
 * An opaque RGBA picture as PNG: rows unfiltered, deflated by Node's zlib. resvg's own encoder
 * filters every row adaptively and takes most of the time on a large map (a second for 40
 * million pixels, against a tenth); the map's few flat colours compress well either way.
 */
function encodePng(width: number, height: number, pixels: Uint8Array): Uint8Array {
    const stride = width * 4;
    const rows = Buffer.alloc((stride + 1) * height);
    for (let row = 0; row < height; row++) {
        // Each row starts with its filter type, 0: none.
        rows.set(pixels.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    // 8 bits per channel, colour type 6 (RGBA), deflate, no filter method beyond the rows', no interlace.
    header.set([8, 6, 0, 0, 0], 8);
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', header),
        chunk('IDAT', deflateSync(rows)),
        chunk('IEND', Buffer.alloc(0))
    ]);
}

function chunk(type: string, data: Uint8Array): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, check]);
}

const renderer = loadResvg();

function failure(id: number, what: string, error: unknown): RasterReply {
    return { id, error: `${what} (${error instanceof Error ? error.message : String(error)})` };
}

process.on('message', (request: RasterRequest) => {
    renderer.then(
        Resvg => {
            let reply: RasterReply;
            try {
                reply = draw(Resvg, request);
            } catch (error) {
                reply = failure(request.id, 'resvg could not read the picture', error);
            }
            process.send!(reply);
        },
        (error: unknown) =>
            process.send!(failure(request.id, 'the renderer @resvg/resvg-js could not be loaded', error))
    );
});
