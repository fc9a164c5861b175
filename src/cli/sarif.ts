/**
 * `vstream check --format sarif`: the diagnostics as a SARIF 2.1.0 log, as GitHub code scanning
 * and other SARIF viewers read it. GitHub requires a `results` array even when it is empty, and
 * `shortDescription`, `fullDescription` and `help.text` for every rule.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { DIAGNOSTIC_HELP, type DiagnosticCode, type Severity } from '../language/diagnostic-codes.js';
import type { CheckReportEntry } from './check-command.js';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL_OF: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface SarifRule {
    id: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    help: { text: string; markdown: string };
    defaultConfiguration: { level: SarifLevel };
}

interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: SarifLevel;
    message: { text: string };
    locations: Array<{
        physicalLocation: {
            artifactLocation: { uri: string };
            region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
    }>;
}

export function formatSarif(entries: CheckReportEntry[]): string {
    const codes = [...new Set(entries.map(entry => entry.code))];
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'vstream',
                        version: packageJson.version,
                        semanticVersion: packageJson.version,
                        informationUri: packageJson.repository.url,
                        rules: codes.map(code => rule(code, entries.find(entry => entry.code === code)!.severity))
                    }
                },
                // Positions count UTF-16 code units, as the language server's do.
                columnKind: 'utf16CodeUnits',
                results: entries.map(entry => result(entry, codes.indexOf(entry.code)))
            }
        ]
    };
    return JSON.stringify(log, undefined, 2) + '\n';
}

/** Inline code marks dropped, for the plain-text fields. */
function plain(markdown: string): string {
    return markdown.replace(/`/g, '');
}

function sentence(text: string): string {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function rule(code: string, severity: Severity): SarifRule {
    // Every code the validator reports is documented; a code from elsewhere still gets a rule.
    const help = DIAGNOSTIC_HELP[code as DiagnosticCode] ?? { when: code, fix: 'see the message' };
    return {
        id: code,
        shortDescription: { text: sentence(plain(help.when)) },
        fullDescription: { text: `${sentence(plain(help.when))} What fixes it: ${plain(help.fix)}.` },
        help: {
            text: `When: ${plain(help.when)}. What fixes it: ${plain(help.fix)}.`,
            markdown: `**When:** ${help.when}.\n\n**What fixes it:** ${help.fix}.`
        },
        defaultConfiguration: { level: LEVEL_OF[severity] }
    };
}

function result(entry: CheckReportEntry, ruleIndex: number): SarifResult {
    return {
        ruleId: entry.code,
        ruleIndex,
        level: LEVEL_OF[entry.severity],
        message: { text: entry.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: artifactUri(entry.file) },
                    region: {
                        startLine: entry.line,
                        startColumn: entry.column,
                        endLine: entry.endLine,
                        endColumn: entry.endColumn
                    }
                }
            }
        ]
    };
}

/**
 * The path as `check` prints it, as a URI reference: relative paths stay relative (GitHub
 * resolves them from the repository root) with each segment percent-encoded, as GitHub decodes
 * them; absolute paths become file: URIs.
 */
export function artifactUri(path: string): string {
    if (isAbsolute(path)) {
        return pathToFileURL(path).href;
    }
    return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
