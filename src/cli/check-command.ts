/** `vstream check`: every diagnostic of the files named, as lines or as one JSON array. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { countOf } from '../analysis/figures.js';
import { toDiagramDiagnostic } from '../diagram/index.js';
import type { Severity } from '../language/diagnostic-codes.js';
import type { OutputFormat } from './arguments.js';
import { formatSarif } from './sarif.js';
import type { ReportedFile } from './workspace.js';

export interface CheckReportEntry {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
}

export function checkReport(files: ReportedFile[]): CheckReportEntry[] {
    return files.flatMap(file =>
        [...(file.document.diagnostics ?? [])].sort(byPosition).map(diagnostic => toEntry(file.displayPath, diagnostic))
    );
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function toEntry(file: string, diagnostic: Diagnostic): CheckReportEntry {
    const { range, severity, code, message } = toDiagramDiagnostic(diagnostic);
    return {
        file,
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
        severity,
        code,
        message
    };
}

/** Exit status: 1 when there is an error (or, when strict, a warning), else 0. */
export function checkExitStatus(entries: CheckReportEntry[], strict: boolean): number {
    const failing = entries.some(entry => entry.severity === 'error' || (strict && entry.severity === 'warning'));
    return failing ? 1 : 0;
}

export function formatCheck(entries: CheckReportEntry[], format: OutputFormat, fileCount: number): string {
    switch (format) {
        case 'text':
            return formatCheckText(entries, fileCount);
        case 'json':
            return JSON.stringify(entries, undefined, 2) + '\n';
        case 'sarif':
            return formatSarif(entries);
        case 'github':
            return formatGithubAnnotations(entries);
    }
}

function formatCheckText(entries: CheckReportEntry[], fileCount: number): string {
    const lines = entries.map(
        entry => `${entry.file}:${entry.line}:${entry.column}: ${entry.severity} ${entry.code} ${entry.message}`
    );
    lines.push(summary(entries, fileCount));
    return lines.join('\n') + '\n';
}

const ANNOTATION_OF: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, one per diagnostic: the runner shows each as an annotation
 * on its line of the pull request.
 */
export function formatGithubAnnotations(entries: CheckReportEntry[]): string {
    return entries
        .map(entry => {
            const properties = [
                `file=${escapeProperty(entry.file)}`,
                `line=${entry.line}`,
                `col=${entry.column}`,
                `endLine=${entry.endLine}`,
                `endColumn=${entry.endColumn}`,
                `title=${escapeProperty(entry.code)}`
            ];
            return `::${ANNOTATION_OF[entry.severity]} ${properties.join(',')}::${escapeData(entry.message)}\n`;
        })
        .join('');
}

/** A command's message: `%`, CR and LF would end or garble the command. */
function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: also `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function summary(entries: CheckReportEntry[], fileCount: number): string {
    const files = countOf(fileCount, 'file');
    if (entries.length === 0) {
        return `No problems in ${files}.`;
    }
    const counts = (['error', 'warning', 'info', 'hint'] as const)
        .map(severity => [severity, entries.filter(entry => entry.severity === severity).length] as const)
        .filter(([, count]) => count > 0)
        .map(([severity, count]) => countOf(count, severity));
    return `${counts.join(', ')} in ${files}.`;
}
