import { defineConfig } from 'vitest/config';

// CI (.ci/run) names a file for the results as JSON; npm test passes no arguments on to vitest.
const jsonResults = process.env.VSTREAM_TEST_JSON;

export default defineConfig({
    test: {
        // Installs Chromium for the browser tests when it is missing (or says how).
        globalSetup: ['test/e2e/global-setup.ts'],
        ...(jsonResults ? { reporters: ['default', 'json'], outputFile: { json: jsonResults } } : {})
    }
});
