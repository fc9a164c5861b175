/**
 * The extension's package as the marketplace lists it: `npm run package` runs vsce without the
 * flags that skip a license or a repository, and vsce neither warns nor asks anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    icon: string;
    license: string;
    repository: { type: string; url: string };
    scripts: Record<string, string>;
};

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(path: string): [number, number] {
    const bytes = readFileSync(path);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the extension package', () => {
    it('has what a marketplace listing needs: license, changelog, repository, a 128×128 PNG icon', () => {
        expect(manifest.license).toBe('MIT');
        expect(readFileSync(resolve(root, 'LICENSE'), 'utf8')).toMatch(
            /^MIT License\n\nCopyright \(c\) \d{4} vstream contributors\n/
        );
        expect(readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8')).toMatch(/^# Changelog\n[\s\S]*\n## 0\.1\.0\n/);
        expect(manifest.repository).toEqual({
            type: 'git',
            url: expect.stringMatching(/^https:\/\/github\.com\//) as unknown
        });
        expect(manifest.icon).toMatch(/\.png$/);
        expect(pngSize(resolve(root, manifest.icon))).toEqual([128, 128]);
    });

    it('is packed by vsce with no warning and no question', () => {
        const script = manifest.scripts.package;
        expect(script).not.toMatch(/--skip-license|--allow-missing-repository/);
        const out = join(mkdtempSync(join(tmpdir(), 'vstream-vsix-')), 'vstream.vsix');
        // The arguments of `npm run package`, writing elsewhere.
        const args = script
            .slice(script.indexOf('vsce package') + 'vsce '.length)
            .split(' ')
            .map(arg => (arg === 'vstream.vsix' ? out : arg));
        const result = spawnSync(process.execPath, [resolve(root, 'node_modules/@vscode/vsce/vsce'), ...args], {
            cwd: root,
            encoding: 'utf8',
            // A question would read standard input: with none, it fails instead of waiting.
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const output = result.stdout + result.stderr;
        expect(result.status, output).toBe(0);
        expect(output).not.toMatch(/WARNING|Do you want to continue/i);
        expect(output).toMatch(/LICENSE\.txt/);
        expect(output).toMatch(/changelog\.md/);
        expect(existsSync(out)).toBe(true);
        // A zip names its files in the clear.
        const packed = readFileSync(out);
        expect(packed.includes('extension/media/vstream-icon.png')).toBe(true);
        expect(packed.includes('extension/out/language/main.cjs')).toBe(true);
        expect(packed.includes('support-ticket-events.csv')).toBe(false);
    }, 60_000);
});

describe("the extension for one platform (DuckDB's binding inside)", () => {
    it('holds the binding of its target beside the language server, and leaves nothing staged behind', () => {
        const out = join(mkdtempSync(join(tmpdir(), 'vstream-platform-')), 'vstream-linux-x64.vsix');
        const result = spawnSync(
            process.execPath,
            [resolve(root, 'scripts/package-extension.js'), '--target', 'linux-x64', '--out', out],
            { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
        );
        expect(result.status, result.stdout + result.stderr).toBe(0);
        const packed = readFileSync(out);
        for (const file of [
            'extension/out/language/node_modules/@duckdb/node-api/package.json',
            'extension/out/language/node_modules/@duckdb/node-bindings/duckdb.js',
            'extension/out/language/node_modules/@duckdb/node-bindings-linux-x64/duckdb.node',
            'extension/out/language/node_modules/detect-libc/package.json'
        ]) {
            expect(packed.includes(file), file).toBe(true);
        }
        expect(packed.includes('node-bindings-darwin')).toBe(false);
        expect(existsSync(resolve(root, 'out/language/node_modules'))).toBe(false);
    }, 120_000);

    it('refuses a target it does not know, naming those it does', () => {
        const result = spawnSync(
            process.execPath,
            [resolve(root, 'scripts/package-extension.js'), '--target', 'amiga'],
            {
                encoding: 'utf8'
            }
        );
        expect(result.status).toBe(2);
        expect(result.stderr).toContain('--target is one of linux-x64, linux-arm64, alpine-x64');
    });
});
