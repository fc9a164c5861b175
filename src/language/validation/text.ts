/** Text that could not be read: a file saved in an encoding other than UTF-8. */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { countOf } from '../../analysis/figures.js';
import type * as ast from '../generated/ast.js';
import { DiagnosticCodes } from '../diagnostic-codes.js';
import { report, type CheckSet } from './checks.js';

/** The replacement character: what a decoder puts where bytes are not UTF-8. */
const UNREADABLE = '\uFFFD';

export const textChecks: CheckSet = {
    Document: [checkReadableText]
};

/**
 * Text decoded from another encoding as UTF-8 (by the server reading a file from disk, or an
 * editor guessing wrong) carries U+FFFD where a character could not be read.
 */
function checkReadableText(document: ast.Document, accept: ValidationAcceptor): void {
    const text = AstUtils.getDocument(document).textDocument;
    const content = text.getText();
    const first = content.indexOf(UNREADABLE);
    if (first < 0) {
        return;
    }
    const count = content.split(UNREADABLE).length - 1;
    const start = text.positionAt(first);
    report(
        accept,
        DiagnosticCodes.unreadableText,
        `This file holds ${countOf(count, 'character')} that could not be read (shown as ${UNREADABLE}): it was probably saved in an encoding other than UTF-8. Save it as UTF-8 so that names and titles read as written.`,
        { node: document, range: { start, end: { line: start.line, character: start.character + 1 } } }
    );
}
