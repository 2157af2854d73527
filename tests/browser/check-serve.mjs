#!/usr/bin/env node
// Checks `leafpress serve` the way an author uses it: a real browser on the preview while the
// leaflet's Markdown is edited, and measures how long a save takes to reach the page.
//
//   node tests/browser/check-serve.mjs [--binary PATH] [--site DIR] [--edits N]
//                                      [--screenshots DIR]
//
// --binary       the leafpress binary (default target/debug/leafpress)
// --site         a site folder; it is copied, never edited (default: this repository's site)
// --edits        how many timed saves (default 3)
// --screenshots  write the error panel over an English and a Chinese page as PNG here
//
// Steps, each failing the run when it does not happen within 10 s:
// 1. Starts `serve --port 0` on a copy of the site and opens the English and the Chinese page
//    of the first leaflet that has both in headless Debian Chromium (no other host may be
//    contacted; console errors and uncaught exceptions fail the run). The served page, with its
//    injected script, must pass the W3C Nu HTML checker.
// 2. Saves a new sentence into the English Markdown N times; each time the English page must
//    reload by itself and show it. Prints the time from the save to the server's event and to
//    the reloaded page's `load` (median and maximum).
// 3. Saves an invalid date into the front matter: both pages must show the error panel (in
//    the page's language) over the last good version, and it must pass axe-core (WCAG 2.1 AA).
// 4. Saves the fix: the panel must go away without a reload (the output is unchanged).
// 5. Stops the server with SIGINT; it must exit.
//
// Last line: "serve: N passed, M failed". Exit status 0 only when every step passed.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), JAVA (default java).

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXE_PATH, AXE_TAGS, CHROMIUM_ARGS, CHROMIUM_PATH, VNU_JAR } from './browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const STEP_TIMEOUT_MS = 10_000;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const opts = {
    binary: path.join(REPO, 'target/debug/leafpress'),
    site: REPO,
    edits: 3,
    screenshots: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--binary': opts.binary = value; i++; break;
      case '--site': opts.site = value; i++; break;
      case '--edits': opts.edits = Number(value); i++; break;
      case '--screenshots': opts.screenshots = value; i++; break;
      default:
        console.error(`check-serve: unknown argument ${argv[i]}`);
        process.exit(2);
    }
  }
  if (!Number.isInteger(opts.edits) || opts.edits < 1) {
    console.error('check-serve: --edits must be a positive number');
    process.exit(2);
  }
  return opts;
}

// Only what makes the site: not the build output, the repository's code or its tests.
async function copySite(from, to) {
  for (const name of ['site.yaml', 'leaflets', 'locales', 'templates']) {
    await cp(path.join(from, name), path.join(to, name), { recursive: true }).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

// The first leaflet published in English and Chinese (a withdrawn one shows a notice, not its
// text, so edits to it change no page).
async function firstBilingualLeaflet(site) {
  for (const slug of (await readdir(path.join(site, 'leaflets'))).sort()) {
    const files = await readdir(path.join(site, 'leaflets', slug)).catch(() => []);
    if (!files.includes('en.md') || !files.includes('zh.md')) continue;
    const en = await readFile(path.join(site, 'leaflets', slug, 'en.md'), 'utf8');
    const front = en.split(/^---$/m)[1] ?? '';
    if (/^(withdrawn|draft):/m.test(front) && !/^draft:\s*false/m.test(front)) continue;
    return slug;
  }
  throw new Error('no published leaflet with en.md and zh.md');
}

// Replaces `file` as an editor's save does: a temporary file in the same folder renamed over
// it, so the preview never builds a half-written (or truncated, empty) leaflet. The temporary
// name starts with a dot and does not end in .md: neither the watcher nor the loader takes it
// for a source.
async function saveAtomically(file, text) {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

// Resolves with the value `probe` returns once it is truthy, polling every 10 ms.
async function until(what, probe, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function startServer(binary, root) {
  const child = spawn(binary, ['serve', '--port', '0', '--root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, log: '', origin: null, exited: null };
  child.stderr.on('data', (d) => (server.log += d));
  child.on('exit', (code, signal) => (server.exited = { code, signal }));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${server.log}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^Serving (http:\/\/127\.0\.0\.1:\d+)\/ — press Ctrl-C to stop$/m);
      if (m && !server.origin) {
        server.origin = m[1];
        clearTimeout(timer);
        resolve(server);
      }
    });
    child.on('error', reject);
  });
}

// The server's event stream, as the page's script reads it; every status with its arrival time.
function listen(origin) {
  const events = [];
  const request = http.get(`${origin}/__leafpress/events`, (response) => {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      const at = performance.now();
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('data: ')) events.push({ at, status: JSON.parse(line.slice(6)) });
        }
      }
    });
  });
  request.on('error', () => {});
  return { events, close: () => request.destroy() };
}

function fetchText(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (d) => (body += d));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

function runVnu(file) {
  return new Promise((resolve) => {
    const child = spawn(process.env.JAVA || 'java', ['-jar', VNU_JAR, '--errors-only', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ code: -1, out: err.message }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function openPage(browser, url, problems) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const origin = new URL(url).origin;
  await page.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    problems.push(`request to another host: ${route.request().url()}`);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${url}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception on ${url}: ${err.message}`));
  page.loads = [];
  page.on('load', () => page.loads.push(performance.now()));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// What the page shows now; undefined while it is between two documents.
async function mainText(page) {
  return page.textContent('main').catch(() => undefined);
}

async function panel(page) {
  return page
    .evaluate(() => {
      const element = document.getElementById('leafpress-errors');
      return element && { text: element.innerText, lang: element.lang };
    })
    .catch(() => undefined);
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return `median ${median.toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), 'leafpress-serve-'));
  const root = path.join(work, 'site');
  await copySite(opts.site, root);
  const slug = await firstBilingualLeaflet(root);
  const enFile = path.join(root, 'leaflets', slug, 'en.md');
  const original = await readFile(enFile, 'utf8');

  let passed = 0;
  let failed = 0;
  const problems = [];
  const step = async (name, body) => {
    try {
      await body();
      if (problems.length) throw new Error(problems.splice(0).join('\n  - '));
      passed++;
      console.log(`PASS ${name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}\n  - ${err.message}`);
    }
  };

  let server;
  let browser;
  let stream;
  try {
    server = await startServer(opts.binary, root);
    stream = listen(server.origin);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const en = await openPage(browser, `${server.origin}/en/${slug}/`, problems);
    const zh = await openPage(browser, `${server.origin}/zh/${slug}/`, problems);
    console.log(`check-serve: ${server.origin}/en/${slug}/ and /zh/${slug}/`);

    await step('the served page, with the live-reload script, is valid HTML', async () => {
      const html = await fetchText(`${server.origin}/en/${slug}/`);
      if (!html.includes('data-leafpress-build')) throw new Error('no live-reload script');
      const file = path.join(work, 'served.html');
      await writeFile(file, html);
      const vnu = await runVnu(file);
      if (vnu.code !== 0) throw new Error(`vnu:\n${vnu.out}`);
    });

    const toEvent = [];
    const toLoad = [];
    await step(`${opts.edits} saves each reload the page with the new text`, async () => {
      await until('the first event', () => stream.events.length > 0);
      for (let i = 1; i <= opts.edits; i++) {
        const sentence = `Live preview check number ${i}.`;
        const build = stream.events.at(-1).status.build;
        const loads = en.loads.length;
        const saved = performance.now();
        await saveAtomically(enFile, `${original.trimEnd()}\n\n${sentence}\n`);
        const event = await until(`the build after save ${i}`, () =>
          stream.events.find((e) => e.status.build > build && e.status.errors.length === 0),
        );
        await until(`the page to show save ${i}`, async () =>
          en.loads.length > loads && (await mainText(en))?.includes(sentence),
        );
        toEvent.push(event.at - saved);
        toLoad.push(en.loads.at(-1) - saved);
      }
      console.log(`  save -> event: ${summary(toEvent)}`);
      console.log(`  save -> page reloaded: ${summary(toLoad)}`);
    });

    await step('a broken front matter shows the error panel on both pages', async () => {
      const broken = original.replace(/^reviewed: .*$/m, 'reviewed: 2026-13-45');
      if (broken === original) throw new Error(`no reviewed: line in ${enFile}`);
      await saveAtomically(enFile, broken);
      // The panel that shows this error, not whichever panel comes first.
      const showsTheError = (shown) =>
        shown && shown.text.includes(`leaflets/${slug}/en.md`) && shown.text.includes('invalid date');
      const enPanel = await until('the panel with the invalid date on the English page', async () => {
        const shown = await panel(en);
        return showsTheError(shown) && shown;
      });
      const zhPanel = await until('the panel with the invalid date on the Chinese page', async () => {
        const shown = await panel(zh);
        return showsTheError(shown) && shown;
      });
      if (!enPanel.text.includes(`leaflets/${slug}/en.md`) || !enPanel.text.includes('invalid date')) {
        throw new Error(`English panel: ${enPanel.text}`);
      }
      if (enPanel.lang !== 'en' || !enPanel.text.includes('does not build')) {
        throw new Error(`English panel is not in English: ${enPanel.text}`);
      }
      if (zhPanel.lang !== 'zh-Hans' || !zhPanel.text.includes('未能生成网站')) {
        throw new Error(`Chinese panel is not in Chinese: ${zhPanel.text}`);
      }
      if (!(await mainText(en))?.includes(`Live preview check number ${opts.edits}.`)) {
        throw new Error('the last good version is not shown under the panel');
      }
      if (opts.screenshots) {
        await mkdir(opts.screenshots, { recursive: true });
        await en.screenshot({ path: path.join(opts.screenshots, 'serve-errors-en.png') });
        await zh.screenshot({ path: path.join(opts.screenshots, 'serve-errors-zh.png') });
      }
      for (const page of [en, zh]) {
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate(async (tags) => {
          const result = await axe.run(
            { include: ['#leafpress-errors'] },
            { runOnly: { type: 'tag', values: tags } },
          );
          return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
        }, AXE_TAGS);
        if (violations.length) throw new Error(`axe on the panel: ${violations.join('; ')}`);
      }
    });

    await step('the fix clears the panel without a reload', async () => {
      const loads = en.loads.length;
      await saveAtomically(enFile, `${original.trimEnd()}\n\nLive preview check number ${opts.edits}.\n`);
      await until('the panel to go', async () => (await panel(en)) === null && (await panel(zh)) === null);
      if (en.loads.length !== loads) throw new Error('the page reloaded although nothing changed');
    });
  } catch (err) {
    failed++;
    console.log(`FAIL ${err.message}`);
  } finally {
    stream?.close();
    if (browser) await browser.close().catch(() => {});
    if (server) {
      await step('the server stops on SIGINT', async () => {
        server.child.kill('SIGINT');
        await until('the server to exit', () => server.exited);
      });
      if (failed) console.log(`server log:\n${server.log}`);
      if (!server.exited) server.child.kill('SIGKILL');
    }
    await rm(work, { recursive: true, force: true });
  }
  console.log(`serve: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
