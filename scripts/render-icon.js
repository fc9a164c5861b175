// Renders media/vstream-icon.svg as the 128×128 PNG the extension's marketplace listing shows
// (`icon` of package.json; a listing cannot use an SVG). Run `npm run icon` after changing the
// SVG, and commit the PNG. It uses Debian's Chromium, as the browser tests do.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZE = 128;
const svg = readFileSync('media/vstream-icon.svg', 'utf8').replace(
    /width="16" height="16"/,
    `width="${SIZE}" height="${SIZE}"`
);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    await page.locator('svg').screenshot({ path: 'media/vstream-icon.png', omitBackground: true });
} finally {
    await browser.close();
}
