/**
 * The dependency rules between the folders of src/ (docs/architecture.md): each folder imports
 * only the folders the rules allow, and the folders form no cycle. A wrong import fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '../src');

/** What each part of src/ may import of the others. */
const ALLOWED: Record<string, readonly string[]> = {
    protocol: [],
    // The map in parts, kept on each side of the wire to the preview.
    'picture-parts': ['protocol'],
    theme: [],
    'language/generated': [],
    analysis: ['language/generated'],
    diagram: ['analysis', 'theme', 'picture-parts'],
    cards: ['analysis'],
    // Reading a tracker's history with an embedded database: plain input, plain report.
    measure: [],
    language: [
        'language/generated',
        'analysis',
        'diagram',
        'cards',
        'measure',
        'theme',
        'protocol',
        'picture-parts',
        'runtime-support'
    ],
    markdown: ['language', 'analysis', 'diagram', 'theme'],
    cli: [
        'language',
        'language/generated',
        'analysis',
        'diagram',
        'cards',
        'markdown',
        'measure',
        'theme',
        'runtime-support'
    ],
    // The GitHub Action runs the built command, as a workflow would.
    action: [],
    // The Markdown preview calls its plugins in the extension host, so the extension hands it the fence plugin.
    extension: ['protocol', 'picture-parts', 'markdown'],
    webview: ['protocol', 'picture-parts', 'theme'],
    // The library and its docs-site plugins: the standalone builder, the fence renderer, the picture.
    lib: ['language', 'analysis', 'diagram', 'markdown', 'runtime-support'],
    'runtime-support': []
};

/** The part of src/ a file belongs to: its top folder, the generated code apart, or a top-level module by name. */
function partOf(file: string): string {
    const path = relative(src, file).replace(/\\/g, '/');
    if (path.startsWith('language/generated/')) {
        return 'language/generated';
    }
    return path.includes('/') ? path.split('/')[0] : path.replace(/\.ts$/, '');
}

function sourceFiles(folder: string): string[] {
    return readdirSync(folder).flatMap(name => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
    });
}

/** Every import of ours, as [importing part, imported part, the line that says so]. */
function imports(): Array<[string, string, string]> {
    return sourceFiles(src).flatMap(file => {
        const text = readFileSync(file, 'utf8');
        return [...text.matchAll(/^(?:import|export)\s(?:[^;]*?from\s+)?'(\.[^']+)'/gms)].flatMap(match => {
            const target = resolve(dirname(file), match[1]).replace(/\.js$/, '.ts');
            if (!target.startsWith(src)) {
                return [];
            }
            return [[partOf(file), partOf(target), `${relative(src, file)}: ${match[1]}`] as [string, string, string]];
        });
    });
}

describe('the dependency rules between folders', () => {
    const found = imports();

    it('finds the imports it checks', () => {
        expect(found.length).toBeGreaterThan(100);
        expect(Object.keys(ALLOWED)).toEqual(expect.arrayContaining([...new Set(found.map(([from]) => from))]));
    });

    it('are kept by every import', () => {
        const against = found
            .filter(([from, to]) => from !== to && !ALLOWED[from]?.includes(to))
            .map(([, , where]) => where);
        expect(against).toEqual([]);
    });

    it('leave no cycle between folders', () => {
        const edges = new Map<string, Set<string>>();
        for (const [from, to] of found.filter(([from, to]) => from !== to)) {
            edges.set(from, new Set([...(edges.get(from) ?? []), to]));
        }
        const cycles: string[] = [];
        const visit = (part: string, path: string[]) => {
            if (path.includes(part)) {
                cycles.push([...path.slice(path.indexOf(part)), part].join(' → '));
                return;
            }
            edges.get(part)?.forEach(next => visit(next, [...path, part]));
        };
        [...edges.keys()].forEach(part => visit(part, []));
        expect(cycles).toEqual([]);
    });
});
