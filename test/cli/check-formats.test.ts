/** The formats of `vstream check` that CI reads, on entries that the examples do not produce. */
import { describe, expect, it } from 'vitest';
import { formatCheck, type CheckReportEntry } from '../../src/cli/check-command.js';
import { artifactUri } from '../../src/cli/sarif.js';

const entry: CheckReportEntry = {
    file: 'maps/a, b: c.vstream',
    line: 2,
    column: 3,
    endLine: 4,
    endColumn: 5,
    severity: 'hint',
    code: 'same-owner-handoff',
    message: '100% of it\r\non two lines'
};

describe('vstream check --format github', () => {
    it('escapes %, CR and LF in the message, and also : and , in the properties', () => {
        expect(formatCheck([entry], 'github', 1)).toBe(
            '::notice file=maps/a%2C b%3A c.vstream,line=2,col=3,endLine=4,endColumn=5,title=same-owner-handoff::100%25 of it%0D%0Aon two lines\n'
        );
    });

    it('prints nothing when there is nothing to report', () => {
        expect(formatCheck([], 'github', 3)).toBe('');
    });
});

describe('the SARIF artifact URI', () => {
    it('keeps a relative path relative, each segment percent-encoded', () => {
        expect(artifactUri('maps/onboarding.vstream')).toBe('maps/onboarding.vstream');
        expect(artifactUri('my maps/<stdin>')).toBe('my%20maps/%3Cstdin%3E');
    });

    it('makes an absolute path a file: URI', () => {
        expect(artifactUri('/work/maps/a b.vstream')).toBe('file:///work/maps/a%20b.vstream');
    });
});
