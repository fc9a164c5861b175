import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        // Installs Chromium for the browser tests when it is missing (or says how).
        globalSetup: ['test/e2e/global-setup.ts']
    }
});
