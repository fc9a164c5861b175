/**
 * What `npm install vstream` costs a user: the package packed from the last build
 * (scripts/pack-npm.js), installed from its tarball into an empty project as npm installs it
 * (the registry asked for what npm's cache lacks), then node_modules weighed, file by file
 * (their sizes, not the disk's blocks), and each package in it. DuckDB, an optional peer, is
 * not installed. Target: at most 10 MB.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const INSTALL_TARGET_MB = 10;

export interface InstallFigures {
    tarballMB: number;
    nodeModulesMB: number;
    /** Each package's share, largest first. */
    packages: Array<[string, number]>;
}

const MB = 1_000_000;

function bytesUnder(path: string): number {
    const stats = lstatSync(path);
    if (!stats.isDirectory()) {
        return stats.isFile() ? stats.size : 0;
    }
    return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

/** The packages of node_modules (scoped ones by their full names). */
function packagesIn(nodeModules: string): string[] {
    return readdirSync(nodeModules)
        .filter(name => !name.startsWith('.'))
        .flatMap(name =>
            name.startsWith('@') ? readdirSync(join(nodeModules, name)).map(inner => `${name}/${inner}`) : [name]
        );
}

export function benchInstall(root: string): InstallFigures {
    const work = mkdtempSync(join(tmpdir(), 'vstream-install-'));
    try {
        const tarball = execFileSync(process.execPath, [resolve(root, 'scripts/pack-npm.js'), '--out', work], {
            encoding: 'utf8'
        }).trim();
        const project = join(work, 'project');
        mkdirSync(project);
        writeFileSync(join(project, 'package.json'), '{ "name": "maps", "private": true }\n');
        execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'ignore' });
        const nodeModules = join(project, 'node_modules');
        const packages = packagesIn(nodeModules)
            .map((name): [string, number] => [name, bytesUnder(join(nodeModules, name)) / MB])
            .sort(([, a], [, b]) => b - a);
        return {
            tarballMB: statSync(tarball).size / MB,
            nodeModulesMB: bytesUnder(nodeModules) / MB,
            packages
        };
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

export function installTarget(figures: InstallFigures): [string, boolean, string] {
    return [
        `npm install of the package (no DuckDB) within ${INSTALL_TARGET_MB} MB of node_modules`,
        figures.nodeModulesMB <= INSTALL_TARGET_MB,
        `${figures.nodeModulesMB.toFixed(1)} MB`
    ];
}
