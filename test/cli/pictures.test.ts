/**
 * Pictures from the built `vstream` command: PNG drawn by resvg in its own process (the same
 * bytes for the same input, a renderer that dies reported in one line), and Markdown in,
 * Markdown out (every byte but the fences kept, images beside the output).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PngRenderer } from '../../src/cli/png.js';
import { WORKED_EXAMPLE_PATH as EXAMPLE } from '../fixtures.js';

const CLI_TIMEOUT = 60_000;
const CLI = resolve(__dirname, '../../out/cli/main.cjs');
const RASTERIZE = resolve(__dirname, '../../out/cli/rasterize.cjs');

function vstream(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: string;

beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vstream-pictures-'));
    writeFileSync(join(folder, 'onboarding.vstream'), readFileSync(EXAMPLE));
});

function pngOf(path: string): PNG {
    return PNG.sync.read(readFileSync(path));
}

function svgWidth(path: string): number {
    return Number(/^<svg [^>]*?width="([0-9.]+)"/.exec(readFileSync(path, 'utf8'))![1]);
}

describe('vstream render -o map.png', { timeout: CLI_TIMEOUT }, () => {
    it('draws the map at twice its size by default, on the theme’s background, the same bytes every time', () => {
        expect(vstream(['render', 'onboarding.vstream', '-o', 'map.svg'], folder).status).toBe(0);
        for (const name of ['a.png', 'b.png']) {
            const result = vstream(['render', 'onboarding.vstream', '-o', name], folder);
            expect(result.stderr).toBe('');
            expect(result.status).toBe(0);
        }
        const [a, b] = ['a.png', 'b.png'].map(name => readFileSync(join(folder, name)));
        expect(a.equals(b)).toBe(true);
        const png = pngOf(join(folder, 'a.png'));
        expect(png.width).toBe(2 * svgWidth(join(folder, 'map.svg')));
        // The top-left corner is the light background, white; the map is not one colour (not a black box).
        expect([...png.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
        const colours = new Set<number>();
        for (let index = 0; index < png.data.length; index += 4 * 97) {
            colours.add(png.data.readUInt32BE(index));
        }
        expect(colours.size).toBeGreaterThan(20);
    });

    it('takes --scale and the dark theme', () => {
        expect(
            vstream(['render', 'onboarding.vstream', '-o', 'dark.png', '--scale', '1', '--theme', 'dark'], folder)
                .status
        ).toBe(0);
        const png = pngOf(join(folder, 'dark.png'));
        expect(png.width).toBe(svgWidth(join(folder, 'map.svg')));
        expect([...png.data.subarray(0, 3)]).toEqual([0x0d, 0x11, 0x17]);
    });
});

describe('the PNG renderer process', { timeout: CLI_TIMEOUT }, () => {
    it('reports a renderer that aborts as a picture that could not be drawn, and the command lives on', async () => {
        // A marker wholly off the canvas makes resvg 2.6 panic, which aborts its process.
        const offCanvas =
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><defs><marker id="m" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z"/></marker></defs><path d="M500 500L600 500" stroke="black" marker-end="url(#m)"/></svg>';
        const renderer = new PngRenderer(RASTERIZE);
        await expect(renderer.draw(offCanvas, 1, '#ffffff', false)).rejects.toThrow(
            /^the map could not be drawn as PNG \(the renderer stopped: signal SIGABRT\)$/
        );
        // A new renderer starts for the next picture.
        const next = await renderer.draw(
            '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>',
            1,
            '#ffffff',
            false
        );
        renderer.close();
        expect(PNG.sync.read(Buffer.from(next)).width).toBe(20);
    });
});

const DOCUMENT = [
    '---',
    'title: "Maps ```vstream in front matter"',
    '---',
    '',
    '# Our streams',
    '',
    '```js',
    'const kept = "```vstream";',
    '```',
    '',
    '- a list',
    '  - nested, with a map:',
    '',
    '    ```vstream',
    '    team A "Alpha"',
    '    stream listed "Listed [map]" { step a { owner A process 1h wait 1h } }',
    '    ```',
    '',
    '> A quote:',
    '>',
    '> ```vstream',
    '> team B "Beta"',
    '> stream quoted "Quoted" { step b { owner B process 2h } }',
    '> ```',
    '',
    '```vstream',
    'stream broken {',
    '```',
    '',
    '~~~ vstream',
    'team C',
    'stream last "Last" { step c { owner C process 30m wait 90m } }',
    '~~~',
    'trailing line without a line end'
].join('\r\n');

describe('vstream render DOC.md -o OUT.md', { timeout: CLI_TIMEOUT }, () => {
    it('replaces each vstream fence by an image of its map, keeping every other byte', () => {
        writeFileSync(join(folder, 'doc.md'), DOCUMENT);
        const result = vstream(['render', 'doc.md', '-o', 'out.md'], folder);
        // The fence that does not parse stays as it is, with its problem and its Markdown line.
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^doc\.md:26: this vstream fence does not parse; it is left as it is\.$/m);
        expect(result.stderr).toMatch(/^doc\.md:27:16: error syntax-error: Expected `}`/m);
        const written = readFileSync(join(folder, 'out.md'), 'utf8');
        const expected = DOCUMENT.split('\r\n');
        const image = (file: string, alt: string) => `![Value stream map: ${alt}](${file})`;
        // The stream writes its times in minutes: its lead time reads in minutes too.
        expected.splice(
            29,
            4,
            image('out-4-last.svg', 'Last — lead time 120 m, process time 30 m, flow efficiency 25%')
        );
        expected.splice(
            20,
            4,
            `> ${image('out-2-quoted.svg', 'Quoted — lead time 2 h, process time 2 h, flow efficiency 100%')}`
        );
        expected.splice(
            13,
            4,
            `    ${image('out-1-listed.svg', 'Listed \\[map\\] — lead time 2 h, process time 1 h, flow efficiency 50%')}`
        );
        expect(written).toBe(expected.join('\r\n'));
        expect(
            readdirSync(folder)
                .filter(file => file.startsWith('out-'))
                .sort()
        ).toEqual(['out-1-listed.svg', 'out-2-quoted.svg', 'out-4-last.svg']);
        expect(readFileSync(join(folder, 'out-2-quoted.svg'), 'utf8')).toContain('>Beta</text>');
    });

    it('writes PNG images with --image png, under the same names every run', () => {
        writeFileSync(
            join(folder, 'short.md'),
            '# Map\n\n```vstream\nteam A\nstream s "S" { step a { owner A process 1h } }\n```\n'
        );
        for (let run = 0; run < 2; run++) {
            expect(
                vstream(['render', 'short.md', '-o', 'short-out.md', '--image', 'png', '--scale', '1'], folder).status
            ).toBe(0);
        }
        expect(readFileSync(join(folder, 'short-out.md'), 'utf8')).toBe(
            '# Map\n\n![Value stream map: S — lead time 1 h, process time 1 h, flow efficiency 100%](short-out-1-s.png)\n'
        );
        expect(pngOf(join(folder, 'short-out-1-s.png')).width).toBeGreaterThan(300);
    });

    it('draws several PNG images at once, each into its own file, the document in its order', () => {
        const fence = (name: string, hours: number) =>
            `\`\`\`vstream\nteam A\nstream ${name} { step a { owner A process ${hours}h } }\n\`\`\`\n`;
        writeFileSync(join(folder, 'three.md'), [fence('one', 1), fence('two', 2), fence('three', 3)].join('\n'));
        const result = vstream(
            ['render', 'three.md', '-o', 'three-out.md', '--image', 'png', '--scale', '0.5'],
            folder
        );
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const images = [
            ...readFileSync(join(folder, 'three-out.md'), 'utf8').matchAll(/lead time (\d) h.*\]\(([^)]+)\)/g)
        ];
        expect(images.map(([, hours, file]) => [hours, file])).toEqual([
            ['1', 'three-out-1-one.png'],
            ['2', 'three-out-2-two.png'],
            ['3', 'three-out-3-three.png']
        ]);
        for (const [, , file] of images) {
            expect(pngOf(join(folder, file)).width).toBeGreaterThan(100);
        }
    });
});

describe('vstream render DOC.md into itself', { timeout: CLI_TIMEOUT }, () => {
    const page = '# Map\n\n```vstream\nteam A\nstream s "S" { step a { owner A process 1h } }\n```\nAfter.\n';

    it('refuses -o naming the document, by any spelling or through a link, and writes nothing', () => {
        writeFileSync(join(folder, 'self.md'), page);
        symlinkSync('self.md', join(folder, 'link.md'));
        for (const output of ['self.md', './self.md', join(folder, 'self.md'), 'link.md']) {
            const result = vstream(['render', 'self.md', '-o', output], folder);
            expect(result.status).toBe(2);
            expect(result.stderr).toMatch(
                /^vstream: -o '[^']+' is self\.md itself, .*use --in-place to rewrite it.*\n$/
            );
        }
        expect(readFileSync(join(folder, 'self.md'), 'utf8')).toBe(page);
        expect(existsSync(join(folder, 'self-1-s.svg'))).toBe(false);
    });

    it('rewrites it with --in-place, the images beside it and each fence kept, and draws it again from there', () => {
        writeFileSync(join(folder, 'kept.md'), page);
        expect(vstream(['render', 'kept.md', '--in-place'], folder).status).toBe(0);
        const once = readFileSync(join(folder, 'kept.md'), 'utf8');
        expect(once).toBe(
            [
                '# Map',
                '',
                '![Value stream map: S — lead time 1 h, process time 1 h, flow efficiency 100%](kept-1-s.svg)',
                '',
                '<details><summary>vstream source</summary>',
                '',
                '```vstream',
                'team A',
                'stream s "S" { step a { owner A process 1h } }',
                '```',
                '',
                '</details>',
                '',
                'After.',
                ''
            ].join('\n')
        );
        expect(readFileSync(join(folder, 'kept-1-s.svg'), 'utf8')).toContain('<svg ');
        // The map edited in its kept fence is drawn again, in the same place.
        writeFileSync(join(folder, 'kept.md'), once.replace('process 1h', 'process 2h'));
        expect(vstream(['render', 'kept.md', '-o', './kept.md', '--in-place'], folder).status).toBe(0);
        expect(readFileSync(join(folder, 'kept.md'), 'utf8')).toBe(
            once
                .replace('process 1h', 'process 2h')
                .replace(/lead time 1 h, process time 1 h/, 'lead time 2 h, process time 2 h')
        );
    });

    it('creates the folder of -o, with the images in it', () => {
        writeFileSync(join(folder, 'site.md'), page);
        expect(vstream(['render', 'site.md', '-o', 'site/deep/README.md'], folder).status).toBe(0);
        expect(readFileSync(join(folder, 'site/deep/README.md'), 'utf8')).toContain('](README-1-s.svg)');
        expect(existsSync(join(folder, 'site/deep/README-1-s.svg'))).toBe(true);
    });
});
