/** The extension manifest: what VS Code reads from package.json must point at real files and registered commands. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Commands } from '../../src/protocol.js';

const root = resolve(__dirname, '../..');
/** The parts of package.json the extension host reads. */
interface Manifest {
    type: string;
    main: string;
    browser: string;
    capabilities: { untrustedWorkspaces: { supported: boolean }; virtualWorkspaces: boolean };
    contributes: {
        languages: Array<{
            id: string;
            extensions: string[];
            configuration: string;
            icon: { light: string; dark: string };
        }>;
        grammars: Array<{ path: string; scopeName: string }>;
        snippets: Array<{ path: string }>;
        commands: Array<{ command: string }>;
        configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
        'markdown.previewScripts': string[];
        'markdown.previewStyles': string[];
    };
}

const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Manifest;
const esbuild = readFileSync(resolve(root, 'esbuild.js'), 'utf8');

describe('the extension manifest', () => {
    it('points main and browser at bundles that esbuild writes', () => {
        for (const entry of [manifest.main, manifest.browser]) {
            expect(esbuild).toContain(`outfile: '${entry.replace(/^\.\//, '')}'`);
        }
    });

    it('gives both extension hosts a CommonJS entry: a .js entry of a "type": "module" package is loaded as an ES module, which the web worker host cannot load', () => {
        expect(manifest.type).toBe('module');
        for (const entry of [manifest.main, manifest.browser]) {
            expect(entry).toMatch(/\.cjs$/);
            expect(esbuild).toMatch(
                new RegExp(
                    `outfile: '${entry.replace(/^\.\//, '').replace(/\./g, '\\.')}',\\s+platform: '(node|browser)',\\s+format: 'cjs'`
                )
            );
        }
    });

    it('contributes the language, its grammar, configuration, snippets and icon from files that exist', () => {
        const [language] = manifest.contributes.languages;
        expect(language).toMatchObject({ id: 'vstream', extensions: ['.vstream'] });
        const paths = [
            language.configuration,
            language.icon.light,
            language.icon.dark,
            manifest.contributes.grammars[0].path,
            manifest.contributes.snippets[0].path
        ];
        for (const path of paths) {
            expect(existsSync(resolve(root, path)), path).toBe(true);
        }
        expect(manifest.contributes.grammars[0].scopeName).toBe(
            (
                JSON.parse(readFileSync(resolve(root, 'syntaxes/vstream.tmLanguage.json'), 'utf8')) as {
                    scopeName: string;
                }
            ).scopeName
        );
    });

    it("gives the Markdown preview a script esbuild writes and a style sheet that exists: the maps' zoom and pan", () => {
        const [script] = manifest.contributes['markdown.previewScripts'];
        expect(esbuild).toContain(`outfile: '${script.replace(/^\.\//, '')}'`);
        const [style] = manifest.contributes['markdown.previewStyles'];
        expect(existsSync(resolve(root, style))).toBe(true);
    });

    it('declares every command the extension registers', () => {
        const declared = manifest.contributes.commands.map((command: { command: string }) => command.command);
        expect(declared.sort()).toEqual(Object.values(Commands).sort());
    });

    it('has the settings of the issue, with their defaults', () => {
        const properties = manifest.contributes.configuration.properties;
        expect(properties['vstream.flowEfficiencyThreshold'].default).toBe(25);
        expect(properties['vstream.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
        // Measuring reads times as --time-format and --timezone say; empty is ISO 8601 in UTC.
        expect([
            properties['vstream.measure.timeFormat'].default,
            properties['vstream.measure.timezone'].default
        ]).toEqual(['', '']);
    });

    it('supports untrusted and virtual workspaces', () => {
        expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
        expect(manifest.capabilities.virtualWorkspaces).toBe(true);
    });

    it('packs only what runs', () => {
        const ignore = readFileSync(resolve(root, '.vscodeignore'), 'utf8')
            .split('\n')
            .filter(line => line && !line.startsWith('#'));
        expect(ignore[0]).toBe('**');
        expect(ignore.filter(line => line.startsWith('!')).sort()).toEqual([
            '!CHANGELOG.md',
            '!LICENSE',
            '!README.md',
            '!docs/*.md',
            '!examples/**/*.md',
            '!examples/**/*.vstream',
            '!examples/.vscode/*.json',
            '!media/**',
            '!out/extension/*.cjs',
            '!out/language/*.cjs',
            '!out/language/*.js',
            // DuckDB's binding, staged there only while a platform's package is packed.
            '!out/language/node_modules/**',
            '!out/webview/*.js',
            '!package.json',
            '!syntaxes/**'
        ]);
    });
});
