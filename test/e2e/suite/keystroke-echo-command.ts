/** The keystroke echo's command, for the extension that registers it and the scenario that runs it. */
export const ECHO_COMMAND = 'vstreamChecks.echoKeystrokes';
export const ECHO_TITLE = 'vstream checks: Echo Keystrokes';
