/**
 * The tool people use today for text-to-diagram: the same stream as Mermaid source (its
 * swimlane diagram, lanes as subgraphs), rendered by mermaid from npm in the same headless
 * Chromium, with its text and edge limits raised. Returns the render time, or why it failed.
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { StreamModel } from '../../src/analysis/stream-model.js';

export function mermaidSource(model: StreamModel, diagram: 'swimlane-beta' | 'flowchart'): string {
    const lines = [`${diagram} LR`];
    model.lanes.forEach((lane, index) => {
        lines.push(
            `  subgraph lane${index}["${(lane.owner?.title ?? lane.owner?.name ?? 'No owner').replace(/"/g, "'")}"]`
        );
        for (const step of lane.steps) {
            lines.push(`    s${step}["${(model.steps[step].title ?? model.steps[step].name).replace(/"/g, "'")}"]`);
        }
        lines.push('  end');
    });
    for (const edge of model.edges) {
        lines.push(
            edge.kind === 'handoff' ? `  s${edge.from} -->|handoff| s${edge.to}` : `  s${edge.from} --> s${edge.to}`
        );
    }
    for (const rework of model.reworks) {
        lines.push(`  s${rework.from} -.->|rework| s${rework.to}`);
    }
    return lines.join('\n');
}

export interface MermaidResult {
    milliseconds?: number;
    diagram: string;
    failure?: string;
}

export async function timeMermaid(browser: Browser, model: StreamModel, timeoutMs: number): Promise<MermaidResult> {
    const page = await browser.newPage();
    try {
        await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
        await page.addScriptTag({ path: resolve(__dirname, '../../node_modules/mermaid/dist/mermaid.min.js') });
        for (const diagram of ['swimlane-beta', 'flowchart'] as const) {
            const source = mermaidSource(model, diagram);
            let timer: NodeJS.Timeout | undefined;
            const outcome = await Promise.race([
                page.evaluate(async text => {
                    const mermaid = (
                        window as unknown as {
                            mermaid: {
                                initialize(config: object): void;
                                render(id: string, text: string): Promise<{ svg: string }>;
                            };
                        }
                    ).mermaid;
                    mermaid.initialize({
                        startOnLoad: false,
                        maxTextSize: 100_000_000,
                        maxEdges: 1_000_000,
                        securityLevel: 'strict'
                    });
                    const start = performance.now();
                    try {
                        const { svg } = await mermaid.render(`m${Date.now()}`, text);
                        return { milliseconds: performance.now() - start, size: svg.length };
                    } catch (error) {
                        return { error: String(error instanceof Error ? error.message : error).split('\n')[0] };
                    }
                }, source),
                new Promise<{ timeout: true }>(resolveTimeout => {
                    timer = setTimeout(() => resolveTimeout({ timeout: true }), timeoutMs);
                })
            ]).finally(() => clearTimeout(timer));
            if ('timeout' in outcome) {
                return { diagram, failure: `no picture after ${timeoutMs / 1000} s` };
            }
            if ('milliseconds' in outcome) {
                return { diagram, milliseconds: outcome.milliseconds };
            }
            if (diagram === 'flowchart') {
                return { diagram, failure: outcome.error };
            }
        }
        return { diagram: 'flowchart', failure: 'no diagram type rendered' };
    } finally {
        // A page still rendering may not close quickly; its browser is closed by the caller.
        void page.close().catch(() => undefined);
    }
}
