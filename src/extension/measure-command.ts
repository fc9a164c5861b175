/**
 * "Value Stream: Measure Against Tracker History…": pick the history's files, measure with a
 * progress notification that Cancel stops, read the figures in an output channel, and write the
 * measured figures into the map as an edit shown for review before it applies.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { MeasureMessages, type MeasureParams, type MeasureResult, type RangeTuple } from '../protocol.js';
import { LANGUAGE_ID } from './client-options.js';

const UPDATE = 'Update the Map…';
const UPDATE_WITH_RANGES = 'Update with Ranges…';
const SHOW_REPORT = 'Show the Figures';
const MEASURE_ANYWAY = 'Measure the Other Rows';

export class MeasureCommand {
    private readonly output: vscode.OutputChannel;

    constructor(
        context: vscode.ExtensionContext,
        private readonly client: BaseLanguageClient
    ) {
        this.output = vscode.window.createOutputChannel('vstream measure');
        context.subscriptions.push(this.output);
    }

    async run(target: vscode.Uri | undefined): Promise<void> {
        const active = vscode.window.activeTextEditor?.document;
        const map = target ?? (active?.languageId === LANGUAGE_ID ? active.uri : undefined);
        if (!map) {
            void vscode.window.showInformationMessage('Open a .vstream file to measure its streams.');
            return;
        }
        const events = await vscode.window.showOpenDialog({
            title: "The tracker's status history (rows of item, status, at)",
            openLabel: 'Measure',
            canSelectMany: true,
            defaultUri: vscode.workspace.getWorkspaceFolder(map)?.uri,
            filters: { 'Status history': ['csv', 'parquet', 'jsonl', 'ndjson', 'gz'] }
        });
        if (!events || events.length === 0) {
            return;
        }
        const result = await this.measure(map, events, false);
        if (result) {
            await this.offerUpdate(map, result);
        }
    }

    /**
     * Measures with a progress notification; a history refused for its unreadable rows is shown
     * as an error naming them, with the choice to measure the other rows anyway.
     */
    private async measure(
        map: vscode.Uri,
        events: vscode.Uri[],
        skipBadRows: boolean
    ): Promise<MeasureResult | undefined> {
        const reading = vscode.workspace.getConfiguration('vstream.measure', map);
        const params: MeasureParams = {
            uri: map.toString(),
            events: events.map(file => file.fsPath),
            // An empty setting is the default: ISO 8601, UTC.
            timeFormat: reading.get<string>('timeFormat') || undefined,
            timezone: reading.get<string>('timezone') || undefined,
            skipBadRows
        };
        const result = await vscode.window.withProgress(
            {
                location: vscode.ProgressLocation.Notification,
                title: `Measuring ${vscode.workspace.asRelativePath(map)} against its tracker history…`,
                cancellable: true
            },
            (_progress, token) => this.request(params, token)
        );
        if (result?.refused) {
            const choice = await vscode.window.showErrorMessage(result.refused, MEASURE_ANYWAY);
            return choice === MEASURE_ANYWAY ? this.measure(map, events, true) : undefined;
        }
        return result;
    }

    private async request(params: MeasureParams, token: vscode.CancellationToken): Promise<MeasureResult | undefined> {
        const result = await this.client.sendRequest(MeasureMessages.measure, params, token);
        if (result.refused) {
            return result;
        }
        if (result.problem || !result.report) {
            if (!token.isCancellationRequested) {
                void vscode.window.showWarningMessage(result.problem ?? 'Nothing was measured.');
            }
            return undefined;
        }
        this.output.clear();
        this.output.append(result.report);
        return result;
    }

    private async offerUpdate(map: vscode.Uri, result: MeasureResult): Promise<void> {
        const drifts = result.drifts ?? [];
        const summary =
            drifts.length === 0
                ? 'Measured: every mapped figure lies within half and twice its measured median.'
                : `Measured: ${drifts.length} ${drifts.length === 1 ? 'figure drifts' : 'figures drift'} from the history (${drifts.join('; ')}), shown as measured-drift in Problems.`;
        const choice = await vscode.window.showInformationMessage(summary, UPDATE, UPDATE_WITH_RANGES, SHOW_REPORT);
        if (choice === SHOW_REPORT) {
            this.output.show(true);
        } else if (choice === UPDATE || choice === UPDATE_WITH_RANGES) {
            await this.update(map, choice === UPDATE_WITH_RANGES);
        }
    }

    /** The measured figures as an edit the editor shows for review (the refactor preview): the team ticks what it takes. */
    private async update(map: vscode.Uri, ranges: boolean): Promise<void> {
        const result = await this.client.sendRequest(MeasureMessages.update, { uri: map.toString(), ranges });
        if (result.problem || !result.edits) {
            void vscode.window.showWarningMessage(result.problem ?? 'Nothing to update.');
            return;
        }
        this.output.appendLine('');
        this.output.appendLine(
            ranges ? "Update with ranges shaped like the visits' times:" : 'Update with the measured medians:'
        );
        (result.lines ?? []).forEach(line => this.output.appendLine(`  ${line}`));
        if (result.edits.length === 0) {
            void vscode.window.showInformationMessage('The map already has the measured figures.');
            return;
        }
        const edit = new vscode.WorkspaceEdit();
        // Each figure waits in the refactor preview, unticked, for the team to take or leave.
        const review: vscode.WorkspaceEditEntryMetadata = {
            label: 'Measured figures',
            description: `${ranges ? 'Ranges' : 'Medians'} from the tracker history: tick those to take, then Apply`,
            needsConfirmation: true
        };
        for (const change of result.edits) {
            edit.replace(map, toRange(change.range), change.newText, review);
        }
        await vscode.workspace.applyEdit(edit);
    }
}

function toRange([startLine, startCharacter, endLine, endCharacter]: RangeTuple): vscode.Range {
    return new vscode.Range(startLine, startCharacter, endLine, endCharacter);
}
