/** Files the tests read, all inside the repository. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The worked example of the language reference (docs/language.md), with its figures stated there: one file, its teams declared in it. */
export const WORKED_EXAMPLE_PATH = resolve(__dirname, 'fixtures/worked-example.vstream');
export const WORKED_EXAMPLE = readFileSync(WORKED_EXAMPLE_PATH, 'utf8');

/** The example of decisions in the language reference (docs/language.md, "Decisions"), its figures stated there. */
export const DECISION_EXAMPLE = readFileSync(resolve(__dirname, 'fixtures/decision-example.vstream'), 'utf8');
