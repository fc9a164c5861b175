/**
 * How fast the forecast runs: 10,000 trials of generated streams with ranges and rework
 * (`generateStream(steps, 12, { ranges: true })`), on their own and with the five waits worth
 * halving. Medians of several runs after one that warms the engine up.
 */
import { EmptyFileSystem, URI } from 'langium';
import { buildStreamModel } from '../../src/analysis/build-model.js';
import { forecastStream } from '../../src/analysis/forecast.js';
import type { StreamModel } from '../../src/analysis/stream-model.js';
import { isStream, type Document } from '../../src/language/generated/ast.js';
import { createVstreamCoreServices } from '../../src/language/vstream-module.js';
import { generateStream } from './generate-stream.js';

export interface ForecastFigures {
    steps: number;
    /** Milliseconds for 10,000 trials, median. */
    forecast: number;
    /** The same with the five waits worth halving. */
    withHalvedWaits: number;
}

/** The targets: 10,000 trials of 50 steps within 100 ms, of 1,000 steps within 2 s. */
export const FORECAST_TARGETS = new Map([
    [50, 100],
    [1000, 2000]
]);

async function modelOf(text: string): Promise<StreamModel> {
    const { shared } = createVstreamCoreServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(
        text,
        URI.parse('memory:///forecast.vstream')
    );
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return buildStreamModel(document.parseResult.value.elements.find(isStream)!);
}

function medianTime(runs: number, work: () => void): number {
    work();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
        const start = performance.now();
        work();
        times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export async function benchForecast(quick: boolean): Promise<ForecastFigures[]> {
    const figures: ForecastFigures[] = [];
    for (const steps of FORECAST_TARGETS.keys()) {
        const model = await modelOf(generateStream(steps, 12, { ranges: true }));
        const runs = quick ? 3 : steps >= 1000 ? 5 : 11;
        figures.push({
            steps,
            forecast: medianTime(runs, () => forecastStream(model)),
            withHalvedWaits: medianTime(runs, () => forecastStream(model, { halvedWaits: 5 }))
        });
    }
    return figures;
}
