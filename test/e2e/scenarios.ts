/**
 * `npm run test:e2e`: what a user sees, in a real VS Code workbench (code-server) driven in
 * headless Chromium. Each scenario saves a screenshot under test-output/e2e; waits are on
 * conditions, never fixed sleeps. Prints one line per scenario and a closing count.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { generateStream } from '../bench/generate-stream.js';
import { launchChromium } from './chromium.js';
import { ECHO_COMMAND, ECHO_TITLE } from './suite/keystroke-echo-command.js';
import {
    installCodeServer,
    installExtension,
    packExtension,
    packThisExtension,
    startCodeServer,
    type Installation
} from './code-server.js';

const root = resolve(__dirname, '../..');
const output = resolve(root, 'test-output/e2e');
const cache =
    process.env.VSTREAM_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vstream-e2e');
const TIMEOUT = 30_000;

interface Context {
    page: Page;
    workspace: string;
    preview: FrameLocator;
    notes: string[];
}

const MISTAKE_CODES: Array<[string, number]> = [
    ['step-without-owner', 8],
    ['invalid-percentage', 10],
    ['handoff-without-owner', 12],
    ['handoff-carries-nothing', 12],
    ['rework-without-rate', 15],
    ['low-flow-efficiency', 2]
];

/**
 * Opens a quick input (Quick Open, the command palette, Go to Line) with its key and returns its box.
 * A webview that has the keyboard (the Markdown preview just opened) keeps the key to itself, so
 * the workbench takes the keyboard back first; a key the workbench missed is pressed again.
 */
async function quickInput(page: Page, key: string): Promise<Locator> {
    const box = page.locator('.quick-input-box input');
    for (let attempt = 1; ; attempt++) {
        await page.evaluate(() => {
            const active = document.activeElement;
            if (active instanceof HTMLIFrameElement) {
                active.blur();
            }
        });
        await page.keyboard.press(key);
        try {
            await box.waitFor({ state: 'visible', timeout: 5_000 });
            return box;
        } catch {
            if (attempt === 3) {
                throw new Error(`${key} opened no quick input (${attempt} tries)`);
            }
        }
    }
}

/** The quick input a command opened (a file dialog, for one). */
async function quickInputShown(page: Page): Promise<Locator> {
    const box = page.locator('.quick-input-box input');
    await box.waitFor({ state: 'visible', timeout: TIMEOUT });
    return box;
}

async function openFile(page: Page, name: string): Promise<void> {
    await (await quickInput(page, 'Control+P')).fill(name);
    // Enter picks the focused row: wait until the filtered list has put the file there.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    // The file in front in the group that has the keyboard, not merely in front in some group.
    const inFront = page.locator(`.editor-group-container.active .tab.active[aria-label^="${name}"]`);
    try {
        await inFront.waitFor({ timeout: 5_000 });
    } catch {
        // With a webview's group active, Quick Open may leave the file in front of its own group
        // only: a click on its tab brings it forward, as a user would.
        console.log(`    (Quick Open left ${name} in front of another group only; its tab clicked)`);
        await page.locator(`.tab[aria-label^="${name}"]`).first().click();
        await inFront.waitFor({ timeout: TIMEOUT });
    }
    // Quick Open leaves the keyboard in the file's editor, in whichever group it opened.
    await page.locator('.monaco-editor.focused').waitFor({ timeout: TIMEOUT });
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
    // Go to Line needs the editor focused (not the Problems panel).
    await page.locator('.monaco-editor .view-lines').first().click();
    await (await quickInput(page, 'Control+G')).fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.statusbar').getByText(`Ln ${line}, Col ${column}`).waitFor({ timeout: TIMEOUT });
}

/** The Problems panel in front, showing only what its filter lets through; returns the filter. */
async function problemsOf(page: Page, filter: string): Promise<Locator> {
    await runCommand(page, 'Problems: Focus on Problems View');
    const input = page.locator('.part.panel').getByPlaceholder(/^Filter/);
    await input.fill(filter);
    return input;
}

/** The Problems panel's text. */
async function problems(page: Page): Promise<string> {
    return page.locator('.markers-panel').innerText();
}

/** Keystrokes timed at each size, one after the other (each once the last has shown). */
const TIMED_KEYS = 10;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** A median with its range, for a note. */
function figures(values: number[]): string {
    return `median ${median(values)} ms (${Math.min(...values)}–${Math.max(...values)} ms over ${values.length} keys)`;
}

/** A key's time until its change showed, and until the page got the message that brought it (a preview page). */
interface KeyTiming {
    shown: number;
    arrived?: number;
}

/**
 * What a timed key waits for in a page: the element of `selector` there or gone, or with a text
 * other than `textBefore`, or with a text that says `shows`.
 */
interface Change {
    selector: string;
    present?: boolean;
    textBefore?: string | null;
    shows?: string;
}

/**
 * Presses a key in the workbench and times it until `change` shows in `frame`: from the keydown
 * in the workbench page to the animation frame that first paints the change, both on the
 * browser's clock. The change is watched for with a MutationObserver set up before the key.
 */
async function timeKey(page: Page, key: string, frame: Frame, change: Change): Promise<KeyTiming> {
    await frame.evaluate(({ selector, present, textBefore, shows }) => {
        const happened = () => {
            const element = document.querySelector(selector);
            if (shows !== undefined) {
                return element?.textContent?.includes(shows) === true;
            }
            return present !== undefined ? (element !== null) === present : element?.textContent !== textBefore;
        };
        const target = window as unknown as { shownAt?: Promise<number>; updateAt?: number };
        // When the page got the picture's change from the extension host: the rest is the page's own work.
        target.updateAt = undefined;
        const arrived = (event: MessageEvent<{ type?: string }>) => {
            if (event.data?.type === 'update') {
                target.updateAt = Date.now();
                window.removeEventListener('message', arrived);
            }
        };
        window.addEventListener('message', arrived);
        target.shownAt = new Promise(resolve => {
            const observer = new MutationObserver(() => {
                if (happened()) {
                    observer.disconnect();
                    requestAnimationFrame(() => resolve(Date.now()));
                }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        });
    }, change);
    await page.evaluate(() => {
        const target = window as unknown as { keyAt?: number };
        target.keyAt = undefined;
        document.addEventListener('keydown', () => (target.keyAt ??= Date.now()), { capture: true, once: true });
    });
    await page.keyboard.press(key);
    const shownAt = await Promise.race([
        frame.evaluate(() => (window as unknown as { shownAt: Promise<number> }).shownAt),
        page.waitForTimeout(TIMEOUT).then(() => {
            throw new Error(`${key} did not show within ${TIMEOUT} ms: ${JSON.stringify(change)}`);
        })
    ]);
    const keyAt = await page.evaluate(() => (window as unknown as { keyAt: number }).keyAt);
    const updateAt = await frame.evaluate(() => (window as unknown as { updateAt?: number }).updateAt);
    return { shown: shownAt - keyAt, ...(updateAt !== undefined && { arrived: updateAt - keyAt }) };
}

/** A file written into the workspace and opened from the Explorer in the first group (Quick Open does not know a file made after it indexed the folder). */
async function openNewFile(page: Page, workspace: string, name: string, text: string): Promise<void> {
    writeFileSync(join(workspace, name), text);
    await runCommand(page, 'View: Focus First Editor Group');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).click({ timeout: TIMEOUT });
    await page
        .locator(`.editor-group-container.active .tab.active[aria-label^="${name}"]`)
        .waitFor({ timeout: TIMEOUT });
}

/** Where the keys go in a generated stream: after the digit of step s12's process time (line and column from 1). */
function s12Figure(text: string): { line: number; column: number } {
    const lines = text.split('\n');
    const line = lines.findIndex(candidate => candidate.includes('step s12 '));
    return { line: line + 1, column: lines[line].indexOf('process 5h') + 'process 5'.length + 1 };
}

/**
 * A generated stream opened with the dynamic preview following it; the cursor after the digit of
 * step s12's process time. Its teams and systems get names of their own, as two files must not
 * declare the same.
 */
async function openGenerated(
    page: Page,
    workspace: string,
    steps: number
): Promise<{ frame: Frame; cursor: { line: number; column: number } }> {
    const text = generateStream(steps).replace(/\b(T\d+|Desk|Erp)\b/g, `$1x${steps}`);
    await openNewFile(page, workspace, `generated-${steps}.vstream`, text);
    const frame = await frameWith(page, `.vs-step[data-name="s${steps - 1}"]`);
    const cursor = s12Figure(text);
    await goTo(page, cursor.line, cursor.column);
    return { frame, cursor };
}

/**
 * The editor's own path, which every extension's preview stands on: the same keys typed into the
 * same text, each timed until the keystroke echo (a webview of the checks extension that shows
 * the change's version the moment the extension host has it) shows it. As plain text, no
 * language server is at work; as a .vstream file, vstream's is (its teams and systems renamed,
 * as two files must not declare the same).
 */
async function editorFloor(
    page: Page,
    workspace: string,
    steps: number,
    extension: 'txt' | 'vstream'
): Promise<number[]> {
    const text = generateStream(steps).replace(/\b(T\d+|Desk|Erp)\b/g, `$1echo${steps}`);
    await openNewFile(page, workspace, `echo-${steps}.${extension}`, text);
    await runCommand(page, ECHO_TITLE);
    try {
        const frame = await frameWith(page, '#echo');
        const cursor = s12Figure(text);
        await goTo(page, cursor.line, cursor.column);
        return (await digitTypedAndTakenBack(page, frame, '#echo')).map(timing => timing.shown);
    } finally {
        await runCommand(page, ECHO_TITLE);
    }
}

/**
 * TIMED_KEYS keys at the cursor, a digit typed and taken back in turn, each timed until the text
 * of `selector` in `frame` changes, or says what the key makes it say (`shows`): a map's step
 * also changes when its forecast arrives, which must not pass for the key's change.
 */
async function digitTypedAndTakenBack(
    page: Page,
    frame: Frame,
    selector: string,
    shows?: (typed: boolean) => string
): Promise<KeyTiming[]> {
    const timings: KeyTiming[] = [];
    for (let key = 0; key < TIMED_KEYS; key++) {
        const typed = key % 2 === 0;
        const textBefore = await frame.locator(selector).textContent();
        timings.push(
            await timeKey(page, typed ? '1' : 'Backspace', frame, { selector, textBefore, shows: shows?.(typed) })
        );
    }
    return timings;
}

/**
 * Keystrokes that change a figure of step s12 (a digit typed, then taken back), each timed until
 * the preview shows the step's new text; with `diagnostics`, the unit deleted and typed back,
 * each timed until the editor shows or drops the error's squiggle.
 */
async function keystrokeLatency(
    page: Page,
    { frame, cursor }: { frame: Frame; cursor: { line: number; column: number } },
    diagnostics: boolean
): Promise<Record<string, number[]>> {
    const step = '.vs-step[data-name="s12"]';
    // s12's `process 5h` becomes 51h and back.
    const map = await digitTypedAndTakenBack(page, frame, step, typed => (typed ? 'PT 51 h' : 'PT 5 h ·'));
    const squiggles: KeyTiming[] = [];
    for (let key = 0; diagnostics && key < TIMED_KEYS; key++) {
        const error = key % 2 === 0;
        // The cursor back after the digit (typing moved it), the suggestions closed.
        await page.keyboard.press('Escape');
        await goTo(page, cursor.line, cursor.column);
        squiggles.push(
            await timeKey(page, error ? 'Delete' : 'h', page.mainFrame(), {
                selector: '.monaco-editor .squiggly-error',
                present: error
            })
        );
    }
    return {
        map: map.map(timing => timing.shown),
        arrived: map.flatMap(timing => timing.arrived ?? []),
        diagnostics: squiggles.map(timing => timing.shown)
    };
}

const scenarios: Array<[string, (context: Context) => Promise<void>]> = [
    [
        'open a .vstream file: the text is highlighted',
        async ({ page }) => {
            await openFile(page, 'mistakes.vstream');
            // Semantic tokens and the grammar give keywords and names their own colours (not the default mtk1).
            const keyword = page.locator('.view-line span', { hasText: /^stream$/ }).first();
            await keyword.waitFor({ timeout: TIMEOUT });
            const colours = await page.$$eval(
                '.view-line span',
                spans => new Set(spans.map(span => getComputedStyle(span).color)).size
            );
            if (colours < 4) {
                throw new Error(`only ${colours} colours in the editor`);
            }
        }
    ],
    [
        'a fixture with mistakes: the Problems panel lists the expected codes at the expected lines',
        async ({ page }) => {
            await page.keyboard.press('Control+Shift+M');
            await page
                .waitForFunction(
                    codes => {
                        const text = document.querySelector<HTMLElement>('.markers-panel')?.innerText ?? '';
                        return codes.every(([code, line]) =>
                            new RegExp(`vstream\\s*\\(?${code}\\)?\\s*\\[Ln ${line},`).test(text)
                        );
                    },
                    MISTAKE_CODES,
                    { timeout: TIMEOUT }
                )
                .catch(async error => {
                    throw new Error(
                        `${(error as Error).message.split('\n')[0]}; the panel shows: ${(await problems(page)).replace(/\s+/g, ' ')}`
                    );
                });
            // The shared catalogue (teams.vstream, not open) resolves: in the web worker host too, where the server reads it through the editor.
            if ((await problems(page)).includes('unresolved-reference')) {
                throw new Error(`a name did not resolve: ${(await problems(page)).replace(/\s+/g, ' ')}`);
            }
        }
    ],
    [
        'apply a quick fix from the light bulb: its diagnostic disappears',
        async ({ page }) => {
            await goTo(page, 15, 5);
            await page.keyboard.press('Control+.');
            await page.locator('.action-widget').getByText('Add a rate to the rework').waitFor({ timeout: TIMEOUT });
            await page.keyboard.press('Enter');
            await page.waitForFunction(
                () => !document.querySelector<HTMLElement>('.markers-panel')?.innerText.includes('rework-without-rate'),
                undefined,
                { timeout: TIMEOUT }
            );
            if (!(await problems(page)).includes('step-without-owner')) {
                throw new Error('the other diagnostics went away too');
            }
        }
    ],
    [
        'hover a step: its figures show',
        async ({ page }) => {
            await goTo(page, 9, 11);
            await page.keyboard.press('Control+K');
            await page.keyboard.press('Control+I');
            await page.locator('.monaco-hover').getByText('share of lead time').waitFor({ timeout: TIMEOUT });
        }
    ],
    [
        'open the preview to the side: the map shows every step of the file',
        async ({ page, preview, workspace }) => {
            await page.keyboard.press('Escape');
            // The keys go to the editor, as a user types them there (the Problems panel may have the keyboard).
            await page.locator('.monaco-editor .view-lines').first().click();
            await page.keyboard.press('Control+K');
            await page.keyboard.press('V');
            await preview.locator('svg.vs-map').waitFor({ timeout: TIMEOUT });
            const text = readFileSync(join(workspace, 'mistakes.vstream'), 'utf8');
            const declared = [...text.matchAll(/^\s*step (\w+)/gm)].map(match => match[1]);
            const drawn = await preview
                .locator('.vs-step')
                .evaluateAll(steps => steps.map(step => step.getAttribute('data-name')));
            if (JSON.stringify(drawn) !== JSON.stringify(declared)) {
                throw new Error(`drawn ${drawn.join(', ')}; declared ${declared.join(', ')}`);
            }
        }
    ],
    [
        'type a new step: the preview shows it',
        async ({ page, preview, notes }) => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await goTo(page, 10, 1);
            await page.keyboard.press('End');
            await page.keyboard.type('\n    step label "Print the label" { owner Ops process 10m }');
            // Playwright has sent the keys; the clock starts once the editor shows the last one.
            await page.locator('.view-line', { hasText: 'process 10m }' }).waitFor({ timeout: TIMEOUT });
            const typed = Date.now();
            // Settled either way at once, so that a failure further on leaves no promise to reject unhandled.
            const problemsAt = page
                .waitForFunction(
                    () =>
                        /disconnected-step\)?\s*\[Ln 11,/.test(
                            document.querySelector<HTMLElement>('.markers-panel')?.innerText ?? ''
                        ),
                    undefined,
                    { timeout: TIMEOUT, polling: 20 }
                )
                .then(
                    () => Date.now() - typed,
                    (error: Error) => error
                );
            // The step as typed in full: its process time shows only once the whole line is drawn.
            await preview.locator('.vs-step[data-name="label"]', { hasText: 'PT 10 m' }).waitFor({ timeout: TIMEOUT });
            const shown = Date.now() - typed;
            const diagnosed = await problemsAt;
            if (diagnosed instanceof Error) {
                throw new Error(
                    `the new step's disconnected-step never reached the Problems panel (${diagnosed.message.split('\n')[0]})`
                );
            }
            notes.push(
                `preview latency from the last keystroke in the editor to the new step in the webview, after typing the line: ${shown} ms (its diagnostics in the Problems panel: ${diagnosed} ms)`
            );
            // One keystroke on its own: 10m becomes 15m.
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('Backspace');
            await page.locator('.view-line', { hasText: 'process 0m }' }).waitFor({ timeout: TIMEOUT });
            // A time reads in the unit it is written in.
            await preview.locator('.vs-step[data-name="label"]', { hasText: 'PT 0 m' }).waitFor({ timeout: TIMEOUT });
            await page.keyboard.type('5');
            await page.locator('.view-line', { hasText: 'process 50m }' }).waitFor({ timeout: TIMEOUT });
            const pressed = Date.now();
            await preview.locator('.vs-step[data-name="label"]', { hasText: 'PT 50 m' }).waitFor({ timeout: TIMEOUT });
            notes.push(`preview latency for a single keystroke (0m → 50m): ${Date.now() - pressed} ms`);
        }
    ],
    [
        'click a step in the preview: the editor cursor moves to its declaration',
        async ({ page, preview }) => {
            await preview.locator('.vs-step[data-name="pack"]').click();
            await page
                .locator('.statusbar')
                .getByText(/Ln 9, Col 5/)
                .waitFor({ timeout: TIMEOUT });
        }
    ],
    [
        'export SVG: the file is written and well-formed',
        async ({ page, preview, workspace }) => {
            await preview.locator('button[data-action="export-svg"]').click();
            // code-server asks for the path in a quick input, proposing mistakes.svg beside the file.
            await page.locator('.quick-input-box input').waitFor({ timeout: TIMEOUT });
            await page.keyboard.press('Enter');
            const svg = await writtenFile(page, join(workspace, 'mistakes.svg'), text =>
                text.trimEnd().endsWith('</svg>')
            );
            const wellFormed = await page.evaluate(
                source =>
                    new DOMParser().parseFromString(source, 'image/svg+xml').querySelector('parsererror') === null,
                svg
            );
            if (!wellFormed || !svg.includes('data-name="label"')) {
                throw new Error('the exported SVG is not well-formed or misses the new step');
            }
        }
    ],
    [
        'switch the preview to the classic layout: the processes in a row between supplier and customer, the file unchanged',
        async ({ page, preview, workspace }) => {
            const before = readFileSync(join(workspace, 'mistakes.vstream'), 'utf8');
            await preview.locator('select.layout').selectOption('classic');
            await preview.locator('.vs-party.vs-customer').waitFor({ timeout: TIMEOUT });
            await preview.locator('.vs-classic-process[data-name="label"]').waitFor({ timeout: TIMEOUT });
            await page.screenshot({ path: join(output, '09a-preview-classic-layout.png') });
            if ((await preview.locator('.vs-lane').count()) > 0) {
                throw new Error('the classic map still draws lanes');
            }
            await preview.locator('select.layout').selectOption('file');
            await preview.locator('.vs-lane').first().waitFor({ timeout: TIMEOUT });
            if (readFileSync(join(workspace, 'mistakes.vstream'), 'utf8') !== before) {
                throw new Error('choosing a layout for viewing changed the file');
            }
        }
    ],
    [
        'keystroke latency: the map follows a figure typed at 30 and 1,000 steps, the diagnostics at 1,000',
        async ({ page, workspace, notes }) => {
            for (const steps of [30, 1000]) {
                const timed = await keystrokeLatency(page, await openGenerated(page, workspace, steps), steps === 1000);
                const size = `${steps.toLocaleString('en')}-step map`;
                notes.push(
                    `keystroke → map updated, ${size}: ${figures(timed.map)}; the change reached the page after ${figures(timed.arrived)}`
                );
                if (timed.diagnostics.length > 0) {
                    notes.push(`keystroke → diagnostics shown in the editor, ${size}: ${figures(timed.diagnostics)}`);
                }
            }
            for (const steps of [30, 1000]) {
                const size = `${steps.toLocaleString('en')}-step`;
                notes.push(
                    `the editor's own path, keystroke → an echoing webview, the same ${size} text as plain text: ${figures(await editorFloor(page, workspace, steps, 'txt'))}`,
                    `the same with vstream's server at work, as a .vstream file: ${figures(await editorFloor(page, workspace, steps, 'vstream'))}`
                );
            }
        }
    ],
    [
        'generate a stream card: a Markdown card opens beside the text',
        async ({ page }) => {
            await openFile(page, 'mistakes.vstream');
            await runCommand(page, 'Value Stream: Generate Stream Card');
            // An unsaved Markdown document, named by its first line: the stream's title.
            await page.locator('.tab.active', { hasText: '# Order handling' }).waitFor({ timeout: TIMEOUT });
            await page.locator('.statusbar').getByText('Markdown', { exact: true }).waitFor({ timeout: TIMEOUT });
            await page.locator('.view-line', { hasText: 'Stream card of' }).first().waitFor({ timeout: TIMEOUT });
            await page.locator('.view-line', { hasText: '## Identification' }).first().waitFor({ timeout: TIMEOUT });
        }
    ],
    [
        'update a stream card file: the card is generated again and keeps what the teams wrote',
        async ({ page, workspace }) => {
            await openFile(page, 'mistakes.vstream');
            await runCommand(page, 'Value Stream: Update Stream Card File…');
            // code-server asks for the file in a quick input that holds a path: the folder first.
            const path = await quickInputShown(page);
            await page.waitForFunction(
                folder => document.querySelector<HTMLInputElement>('.quick-input-box input')?.value.startsWith(folder),
                workspace,
                { timeout: TIMEOUT }
            );
            await path.fill(join(workspace, 'orders-card.md'));
            await page.keyboard.press('Enter');
            await page.locator('.tab.active[aria-label^="orders-card.md"]').waitFor({ timeout: TIMEOUT });
            await page.locator('.view-line', { hasText: 'Stream card of' }).first().waitFor({ timeout: TIMEOUT });
            await page
                .locator('.notifications-toasts', { hasText: 'kept what the teams wrote under 1 handoff' })
                .waitFor({ timeout: TIMEOUT });
            // The card is changed but not saved; saved, the whole of it can be read.
            await page.keyboard.press('Control+S');
            const card = await writtenFile(page, join(workspace, 'orders-card.md'), text =>
                text.includes('Stream card of')
            );
            if (
                !/#### Intake rules\n\n[^\n]+\n\nAgreed by the teams:\n\n- \[x\] The order names a delivery date\n/.test(
                    card
                )
            ) {
                throw new Error(`the teams' item is not where it was:\n${card.slice(card.indexOf('## Handoffs'))}`);
            }
        }
    ],
    [
        'measure against a tracker history: the drift shows in Problems, the preview marks the measured lead time, and the update is reviewed before it applies',
        async ({ page, preview, workspace }) => {
            await openFile(page, 'tickets.vstream');
            await runCommand(page, 'Value Stream: Measure Against Tracker History…');
            // code-server asks for the file in a quick input that holds a path, as for the card.
            const path = await quickInputShown(page);
            await page.waitForFunction(
                folder => document.querySelector<HTMLInputElement>('.quick-input-box input')?.value.startsWith(folder),
                workspace,
                { timeout: TIMEOUT }
            );
            await path.fill(join(workspace, 'tickets-history.csv'));
            await page.keyboard.press('Enter');
            const toast = page.locator('.notifications-toasts', { hasText: 'Measured: 1 figure drifts' });
            await toast.waitFor({ timeout: TIMEOUT });
            // Beside the map, its forecast marks the lead time the history measured.
            await runCommand(page, 'Value Stream: Open Preview to the Side');
            // A mark is a line, of no width: there, not visible in Playwright's sense.
            await preview
                .locator('.vs-forecast-mark.vs-forecast-measured')
                .first()
                .waitFor({ state: 'attached', timeout: TIMEOUT });
            await preview.locator('.vs-forecast-history', { hasText: 'measured: p50' }).waitFor({ timeout: TIMEOUT });
            await page.screenshot({ path: join(output, '12-preview-with-history.png') });
            // The Problems panel holds the other files' problems too: only this file's, filtered.
            const filter = await problemsOf(page, '**/tickets.vstream');
            await page.locator('.markers-panel', { hasText: 'measured-drift' }).waitFor({ timeout: TIMEOUT });
            await toast.getByRole('button', { name: 'Update the Map…' }).click();
            // The edit waits in the refactor preview until the user applies it.
            const apply = page.locator('.part.panel').getByRole('button', { name: 'Apply', exact: true });
            await apply.waitFor({ timeout: TIMEOUT });
            if (readFileSync(join(workspace, 'tickets.vstream'), 'utf8').includes('process 8h')) {
                throw new Error('the map changed before the update was applied');
            }
            // Each figure waits unticked for the team to take it: the file's row, ticked with Space, takes them all.
            await page.locator('.part.panel .monaco-list-row').first().click();
            await page.keyboard.press('Space');
            await page.locator('.part.panel .monaco-list-row .checked').first().waitFor({ timeout: TIMEOUT });
            await page.screenshot({ path: join(output, '12a-measured-update-for-review.png') });
            await apply.click();
            await page.locator('.view-line', { hasText: 'process 8h' }).waitFor({ timeout: TIMEOUT });
            // The refactor preview took the panel: the Problems view again, still filtered.
            await runCommand(page, 'Problems: Focus on Problems View');
            await page.locator('.markers-panel').waitFor({ timeout: TIMEOUT });
            // The drift is gone, and the preview's copy of the map never reached the server as a second map.
            await page.waitForFunction(
                () => {
                    const text = document.querySelector<HTMLElement>('.markers-panel')?.innerText ?? '';
                    return !text.includes('measured-drift') && !text.includes('duplicate-name');
                },
                undefined,
                { timeout: TIMEOUT }
            );
            await filter.fill('');
        }
    ],
    [
        'a README with ```vstream blocks: the Markdown preview draws the map and explains the broken block',
        async ({ page, notes }) => {
            await openFile(page, 'README.md');
            await runCommand(page, 'Markdown: Open Preview to the Side');
            const preview = await frameWith(page, '.vstream-fence');
            await preview.locator('.vstream-fence svg.vs-map .vs-step[data-name="fix"]').waitFor({ timeout: TIMEOUT });
            await preview
                .locator('.vstream-fence-error', { hasText: 'This value stream map does not parse.' })
                .waitFor({ timeout: TIMEOUT });
            // The map takes the theme's colours: its steps are not drawn in the browser's default black.
            const fill = await preview
                .locator('.vs-step rect')
                .first()
                .evaluate(rect => getComputedStyle(rect).stroke);
            if (!fill || fill === 'none' || fill === 'rgb(0, 0, 0)') {
                throw new Error(`the steps have no theme colour (stroke ${fill})`);
            }
            // Zoom and pan as in the map preview: the map in its viewport, the toolbar's + zooms in.
            notes.push(`Markdown preview: ${await markdownZoom(preview)}`);
            // Room to look at: the preview alone, the map fitted to its width, then the broken block.
            await runCommand(page, 'View: Toggle Panel Visibility');
            await runCommand(page, 'View: Toggle Maximize Editor Group');
            await page.screenshot({ path: join(output, '10a-markdown-preview-map.png') });
            await preview.locator('.vstream-fence-error').scrollIntoViewIfNeeded();
        }
    ]
];

/**
 * Zooms the first map of the Markdown preview in with its toolbar, and says how that went. Not a
 * failure when the toolbar is missing: code-server's Markdown preview has not been seen to run
 * the extension's preview script yet, so the note says which scripts the page has.
 */
async function markdownZoom(preview: Frame): Promise<string> {
    const label = preview.locator('.vstream-fence .vstream-zoom-label').first();
    try {
        await label.waitFor({ timeout: 5_000 });
    } catch {
        const scripts = await preview.evaluate(() =>
            [...document.querySelectorAll('script')].map(script => script.getAttribute('src') ?? 'inline')
        );
        return `the maps have no zoom toolbar; the page's scripts: ${scripts.join(', ')}`;
    }
    const before = await label.innerText();
    await preview.locator('.vstream-fence button[data-action="zoom-in"]').first().click();
    await preview
        .locator('.vstream-fence .vstream-zoom-label', { hasNotText: before })
        .first()
        .waitFor({ timeout: TIMEOUT });
    return `a map zoomed from ${before} to ${await label.innerText()} with its toolbar`;
}

/** The first line of an error, and for a wait that timed out, what it waited for. */
function failure(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const [first, ...rest] = error.message.split('\n');
    const waited = rest.find(line => /waiting for/.test(line))?.trim();
    return waited ? `${first} (${waited})` : first;
}

/** The text of a file the editor writes, once `complete` says it is all there. */
async function writtenFile(page: Page, path: string, complete: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
        const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
        if (complete(text)) {
            return text;
        }
        if (Date.now() > deadline) {
            throw new Error(`${path} was not written${text ? ` in full (${text.length} characters)` : ''}`);
        }
        await page.waitForTimeout(100);
    }
}

/** Runs a command from the command palette by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
    const box = await quickInput(page, 'F1');
    await box.fill(`>${title}`);
    // The row of exactly this command (the fuzzy filter may put a longer title first), clicked.
    const exactly = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: exactly }) })
        .first();
    await row.click({ timeout: TIMEOUT });
    // The palette gone, or the command's own quick input in its place: the command has the keyboard.
    await page.waitForFunction(
        () => {
            const input = document.querySelector<HTMLInputElement>('.quick-input-box input');
            return !input || input.offsetParent === null || !input.value.startsWith('>');
        },
        undefined,
        { timeout: TIMEOUT }
    );
}

/** The frame (at any depth: webviews nest two iframes) whose page has an element matching `selector`. */
async function frameWith(page: Page, selector: string): Promise<Frame> {
    const deadline = Date.now() + TIMEOUT;
    while (Date.now() < deadline) {
        for (const frame of page.frames()) {
            if (
                (await frame
                    .locator(selector)
                    .count()
                    .catch(() => 0)) > 0
            ) {
                return frame;
            }
        }
        await page.waitForTimeout(200);
    }
    throw new Error(`no frame shows ${selector}`);
}

/** Installs the extension-host checks (test/e2e/suite) as an extension that reports into `resultFile`. */
function installChecks(installation: Installation, extensions: string): void {
    const folder = mkdtempSync(join(tmpdir(), 'vstream-checks-'));
    cpSync(resolve(root, 'out/e2e/checks-extension/extension.cjs'), join(folder, 'extension.cjs'));
    writeFileSync(join(folder, 'README.md'), 'The vstream extension-host checks.\n');
    writeFileSync(
        join(folder, 'package.json'),
        JSON.stringify({
            name: 'vstream-checks',
            publisher: 'vstream',
            version: '0.0.1',
            engines: { vscode: '^1.100.0' },
            main: './extension.cjs',
            activationEvents: ['onStartupFinished'],
            extensionDependencies: ['vstream.vstream'],
            contributes: { commands: [{ command: ECHO_COMMAND, title: ECHO_TITLE }] }
        })
    );
    const vsix = join(folder, 'vstream-checks.vsix');
    packExtension(folder, vsix);
    installExtension(installation, vsix, extensions);
}

/** Waits for the checks' report and prints it, one line a check. */
async function extensionHostChecks(page: Page, resultFile: string): Promise<number> {
    const deadline = Date.now() + 90_000;
    while (!existsSync(resultFile)) {
        if (Date.now() > deadline) {
            console.log('✗ the extension-host checks did not report within 90 s');
            return 1;
        }
        await page.waitForTimeout(250);
    }
    const report = JSON.parse(readFileSync(resultFile, 'utf8')) as { passed: boolean; lines: string[] };
    report.lines.forEach(line => console.log(`  extension host: ${line}`));
    return report.passed ? 0 : 1;
}

/** Where the extension runs: VS Code's Node extension host, or the browser's web worker extension host (VS Code for the web). */
type Host = 'node' | 'web';

/** The user setting that sends the extension to the web worker host, as VS Code for the web runs it. */
const WEB_WORKER_HOST = { 'remote.extensionKind': { 'vstream.vstream': ['web'] } };

/** The scenarios repeated with the extension in the web worker host: the main path of a user. */
const WEB_SCENARIOS = new Set([
    'open a .vstream file: the text is highlighted',
    'a fixture with mistakes: the Problems panel lists the expected codes at the expected lines',
    'open the preview to the side: the map shows every step of the file',
    'type a new step: the preview shows it'
]);

/** The language server processes of an extensions folder: in the web worker host there must be none (the server runs in a Web Worker). */
function nodeServersOf(extensions: string): number {
    return readdirSync('/proc')
        .filter(pid => /^\d+$/.test(pid))
        .filter(pid => {
            try {
                return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(extensions, 'vstream.vstream-'));
            } catch {
                return false;
            }
        }).length;
}

/** One workbench session: the fixture workspace, the packaged extension in the given host, the scenarios in order. Returns the failures. */
async function runSession(installation: Installation, host: Host, browser: Browser, notes: string[]): Promise<number> {
    const extensions = mkdtempSync(join(tmpdir(), `vstream-e2e-extensions-${host}-`));
    installExtension(installation, resolve(root, 'vstream.vsix'), extensions);
    const resultFile = join(output, 'extension-host-checks.json');
    if (host === 'node') {
        installChecks(installation, extensions);
    }
    const workspace = mkdtempSync(join(tmpdir(), 'vstream-e2e-workspace-'));
    cpSync(resolve(root, 'test/e2e/fixtures'), workspace, { recursive: true });
    const prefix = host === 'web' ? 'web-' : '';
    const server = await startCodeServer(installation, {
        folder: workspace,
        extensionsFolder: extensions,
        outputFolder: join(output, host),
        env: { VSTREAM_CHECKS_RESULT: resultFile },
        settings: host === 'web' ? WEB_WORKER_HOST : {}
    });
    let failed = 0;
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const workbenchErrors: string[] = [];
    page.on('console', message => {
        if (/vstream/i.test(message.text()) && /fail|error/i.test(message.text())) {
            workbenchErrors.push(message.text().split('\n')[0]);
        }
    });
    try {
        await page.goto(server.url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        const preview = page.frameLocator('iframe.webview').frameLocator('iframe');
        if (host === 'node') {
            // The checks @vscode/test-electron runs, here inside code-server's extension host.
            failed += await extensionHostChecks(page, resultFile);
        }
        // VSTREAM_E2E_ONLY='text|other' runs only the scenarios whose names hold one of the texts (while working on them).
        const only = process.env.VSTREAM_E2E_ONLY?.split('|');
        const chosen = scenarios.filter(
            ([name]) =>
                (host === 'node' || WEB_SCENARIOS.has(name)) && (!only || only.some(text => name.includes(text)))
        );
        for (const [index, [name, scenario]] of chosen.entries()) {
            const shot = join(
                output,
                `${prefix}${String(index + 1).padStart(2, '0')}-${name
                    .split(':')[0]
                    .replace(/[^a-z0-9]+/gi, '-')
                    .toLowerCase()}.png`
            );
            try {
                await scenario({ page, workspace, preview, notes });
                console.log(`✓ ${host === 'web' ? '[web worker host] ' : ''}${name}`);
            } catch (error) {
                failed++;
                console.log(`✗ ${host === 'web' ? '[web worker host] ' : ''}${name}\n    ${failure(error)}`);
            }
            await page.screenshot({ path: shot });
        }
        if (host === 'web') {
            failed += webWorkerHostCheck(extensions, workbenchErrors);
        }
    } finally {
        await page.close();
        await server.stop();
    }
    return failed;
}

/** The extension really ran in the web worker host: the workbench reported no failure of it, and no Node language server ran. */
function webWorkerHostCheck(extensions: string, workbenchErrors: string[]): number {
    const servers = nodeServersOf(extensions);
    if (workbenchErrors.length > 0 || servers > 0) {
        console.log(
            `✗ [web worker host] the extension ran in the browser: ${servers} Node language server(s) of the extension ran; the workbench said ${JSON.stringify(workbenchErrors)}`
        );
        return 1;
    }
    console.log(
        '✓ [web worker host] the extension ran in the browser: no Node language server, no failure reported by the workbench'
    );
    return 0;
}

async function main(): Promise<void> {
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    packThisExtension();
    const installation = installCodeServer(cache);
    const browser = await launchChromium();
    const notes: string[] = [];
    let failed = 0;
    let count = 0;
    try {
        for (const host of ['node', 'web'] as const) {
            failed += await runSession(installation, host, browser, notes);
            count +=
                scenarios.filter(([name]) => host === 'node' || WEB_SCENARIOS.has(name)).length +
                (host === 'web' ? 1 : 0);
        }
    } finally {
        await browser.close();
    }
    notes.forEach(note => console.log(note));
    console.log(`e2e: ${count - failed} passed, ${failed} failed`);
    if (failed > 0) {
        console.log(
            `Screenshots: ${output}\ncode-server logs: ${join(output, 'node', 'code-server.log')}, ${join(output, 'web', 'code-server.log')}`
        );
        process.exitCode = 1;
    }
}

main().catch(error => {
    console.error(`vstream e2e: ${error instanceof Error ? error.message : String(error)}`);
    console.error(
        `Screenshots: ${output}\ncode-server logs: ${join(output, 'node', 'code-server.log')}, ${join(output, 'web', 'code-server.log')}`
    );
    process.exitCode = 1;
});
