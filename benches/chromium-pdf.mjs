// Prints HTML print pages to PDF with headless Chromium (Debian's, through playwright-core from
// tests/browser), as leafpress did before it typeset PDFs itself: one browser for the run, one
// tab per core printing pages in turn, paper size and footers from the pages' CSS. For
// benches/pdf.sh, which compares its rate with leafpress's own.
//
//   node benches/chromium-pdf.mjs SITE_DIR OUT_DIR TABS < page-list
//
// page-list: one print page per line, relative to SITE_DIR (`en/colonoscopy/print/index.html`).
// Prints one line: `<pages> <seconds>` (the browser's start included).

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { CHROMIUM_PATH, CHROMIUM_ARGS } = await import('../tests/browser/browser.mjs');

const [site, out, tabs] = process.argv.slice(2);
if (!site || !out || !tabs) {
  console.error('usage: node benches/chromium-pdf.mjs SITE_DIR OUT_DIR TABS < page-list');
  process.exit(2);
}
const pages = readFileSync(0, 'utf8').split('\n').filter(Boolean);
mkdirSync(out, { recursive: true });

const started = process.hrtime.bigint();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
let next = 0;
async function worker() {
  const page = await browser.newPage();
  while (next < pages.length) {
    const index = next++;
    await page.goto(pathToFileURL(join(site, pages[index])).href, { waitUntil: 'load' });
    await page.pdf({
      path: join(out, `${index}.pdf`),
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
    });
  }
  await page.close();
}
await Promise.all(Array.from({ length: Number(tabs) }, worker));
await browser.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`${pages.length} ${seconds.toFixed(3)}`);
