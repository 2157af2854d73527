#!/usr/bin/env node
// Checks the print stylesheet's promises in headless Chromium, on the built print pages with
// print media emulated, by the styles Chromium computes for each element:
//
//   node tests/browser/check-print.mjs [--leafpress BIN]
//
// Builds tests/fixtures/print-styles (a leaflet in English and Chinese with ## and ### headings
// and links to other sites) and this repository's own site into a temporary folder, then opens
// every print page (<lang>/<slug>/print/ and the bilingual handout <slug>/print/bilingual/)
// from the file system and checks, with print media:
// - headings are kept with the text after them: every h2 and h3 has `break-after: avoid`;
// - links to other sites print their address: each `a[href^=http]` in the leaflet's text has
//   an `::after` whose content holds the link's address (the fixture's pages must have some);
// - Chinese lines break by the strict rules: every element in Chinese (`:lang(zh)`) that holds
//   text has `line-break: strict` (pages in Chinese and the handout must have some);
// - nothing is requested from another host, no console error, no uncaught exception.
// A page without any h2 or h3 fails too, so that an empty selection never passes.
//
// Last line: "N passed, M failed" (print pages). Exit status 0 only if every page passed.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = 30_000;

function parseArgs(argv) {
  const opts = { leafpress: path.join(REPO, 'target/debug/leafpress') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--leafpress') opts.leafpress = path.resolve(argv[++i] || '');
    else {
      console.error(`check-print: unknown argument ${argv[i]}`);
      console.error('usage: node tests/browser/check-print.mjs [--leafpress BIN]');
      process.exit(2);
    }
  }
  return opts;
}

function build(leafpress, root, out) {
  const r = spawnSync(leafpress, ['build', '--root', root, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`leafpress build of ${root} failed (${r.status}):\n${r.stderr}${r.error || ''}`);
}

// Every print page under `out`, relative to it: <lang>/<slug>/print/index.html and
// <slug>/print/bilingual/index.html.
async function printPages(out) {
  const found = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === 'index.html' && /(^|\/)print(\/bilingual|\/large)?$/.test(path.relative(out, dir))) {
        // A renamed leaflet's old print address redirects, and a withdrawn leaflet's shows a
        // notice: neither is a print page.
        const html = await readFile(full, 'utf8');
        if (html.includes('http-equiv="refresh"') || html.includes('withdrawn-page')) continue;
        found.push(path.relative(out, full));
      }
    }
  }
  await walk(out);
  return found.sort();
}

// What the print media styles say about the page's headings, links to other sites and Chinese text.
function computedPrintStyles() {
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${el.textContent.trim().slice(0, 30)}"`;
  const headings = Array.from(document.querySelectorAll('h2, h3')).map((h) => ({
    what: describe(h),
    breakAfter: getComputedStyle(h).breakAfter,
  }));
  const links = Array.from(document.querySelectorAll('.leaflet-body a[href^="http"]')).map((a) => ({
    what: describe(a),
    href: a.getAttribute('href'),
    after: getComputedStyle(a, '::after').content,
  }));
  const ownText = (el) =>
    Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const chinese = Array.from(document.body.querySelectorAll('*'))
    .filter((el) => el.matches(':lang(zh)') && ownText(el) && getComputedStyle(el).display !== 'none')
    .map((el) => ({ what: describe(el), lineBreak: getComputedStyle(el).lineBreak }));
  return { lang: document.documentElement.lang, headings, links, chinese };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.leafpress)) {
    console.log(`check-print: no leafpress binary at ${opts.leafpress} (run cargo build first)`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leafpress-print-'));
  let passed = 0;
  let failed = 0;
  let browser;
  try {
    const sites = [
      // The fixture has links to other sites on every print page; the repository's leaflets
      // have none, so there only headings and Chinese text are checked.
      { name: 'print-styles', root: path.join(REPO, 'tests/fixtures/print-styles'), externalLinks: true },
      { name: 'repo', root: REPO, externalLinks: false },
    ];
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    for (const site of sites) {
      const out = path.join(tmp, site.name);
      build(opts.leafpress, site.root, out);
      const pages = await printPages(out);
      if (pages.length === 0) {
        failed++;
        console.log(`FAIL ${site.name}: no print pages in the build`);
        continue;
      }
      for (const rel of pages) {
        const problems = [];
        const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
        const page = await context.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        await context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:')) return route.continue();
          problems.push(`request to another host: ${url}`);
          return route.abort('blockedbyclient');
        });
        page.on('console', (msg) => {
          if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
        });
        page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
        try {
          await page.goto(pathToFileURL(path.join(out, rel)).href, { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          const styles = await page.evaluate(computedPrintStyles);
          const handout = rel.includes('/bilingual/');
          if (styles.headings.length === 0) problems.push('no h2 or h3 on the page');
          for (const h of styles.headings) {
            if (h.breakAfter !== 'avoid') problems.push(`${h.what}: break-after is ${h.breakAfter}, not avoid`);
          }
          if (site.externalLinks && styles.links.length === 0) problems.push('no link to another site in the text');
          for (const a of styles.links) {
            if (!a.after.includes(a.href)) {
              problems.push(`${a.what}: prints ${a.after} after the link, not its address ${a.href}`);
            }
          }
          if ((styles.lang.startsWith('zh') || handout) && styles.chinese.length === 0) {
            problems.push('no Chinese text found on the page');
          }
          for (const c of styles.chinese) {
            if (c.lineBreak !== 'strict') problems.push(`${c.what}: line-break is ${c.lineBreak}, not strict`);
          }
          if (problems.length === 0) {
            console.log(
              `PASS ${site.name}: ${rel} (${styles.headings.length} headings, ${styles.links.length} links to other sites, ${styles.chinese.length} Chinese elements)`,
            );
          }
        } catch (err) {
          problems.push(`check crashed: ${err.message.split('\n')[0]}`);
        } finally {
          await context.close().catch(() => {});
        }
        if (problems.length) {
          failed++;
          console.log(`FAIL ${site.name}: ${rel}`);
          for (const p of problems) console.log(`  - ${p}`);
        } else {
          passed++;
        }
      }
    }
  } catch (err) {
    failed++;
    console.log(`FAIL setup\n  - ${err.stack || err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.log(`check-print: ${err.stack || err}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
