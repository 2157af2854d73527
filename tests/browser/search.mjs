#!/usr/bin/env node
// Tests the leaflet search in headless Chromium, as a reader uses it.
//
//   node tests/browser/search.mjs [--leafpress BIN] [--screenshots DIR]
//
// Builds this repository's site with `--base-url http://127.0.0.1:PORT/leaflets/` (a path
// prefix, as on a CDN) into a temporary folder, serves it under /leaflets/ on 127.0.0.1 with a
// small HTTP server (the script fetches the index, so file:// will not do), then types queries
// into the search box of the language indexes and a leaflet page and checks:
// - a Chinese query finds the expected leaflet first, with the match highlighted (<mark>);
// - an English query in another inflection than the text finds it too (stemming);
// - each language searches only its own leaflets;
// - the script and the language's index are fetched from /leaflets/assets/ and
//   /leaflets/search/<lang>/, and results link under /leaflets/;
// - nothing is requested from another host, no request fails, no console error;
// - without JavaScript the form stays hidden and the note says where the leaflets are.
// Then, on tests/fixtures/search (a word in several leaflets, one of them about it):
// - 骨折 and "fractures" / "FRACTURE" find the fracture leaflet first (ranking, stemming, case),
//   also when every term is a chunk of its own (a query fetches only the chunks it needs);
// - Chinese queries of several words, and a single character, find and highlight their leaflet,
//   also in a browser without Intl.Segmenter (the script does not need it);
// and on a generated site: leaflet text that looks like markup is shown as text, never run, and
// a language without leaflets finds nothing (rather than failing).
//
// Last line: "N passed, M failed" (checks). Exit status 0 only if every check passed.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXE_PATH, AXE_TAGS, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIX = '/leaflets/';
const TIMEOUT_MS = 15_000;

function parseArgs(argv) {
  const opts = { leafpress: path.join(REPO, 'target/debug/leafpress'), screenshots: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--leafpress') opts.leafpress = path.resolve(argv[++i] || '');
    else if (a === '--screenshots') opts.screenshots = path.resolve(argv[++i] || '');
    else {
      console.error(`search: unknown argument ${a}`);
      console.error('usage: node tests/browser/search.mjs [--leafpress BIN] [--screenshots DIR]');
      process.exit(2);
    }
  }
  return opts;
}

// ---------------------------------------------------------------- server
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};

// Serves `state.root` under PREFIX; everything else is 404. `state.log` records each request.
function startServer(state) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    state.log.push(url.pathname);
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!pathname.startsWith(PREFIX) || !state.root) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = path.join(state.root, path.normalize(pathname.slice(PREFIX.length)));
    if (file !== state.root && !file.startsWith(state.root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let st = await stat(file).catch(() => null);
    if (st?.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await stat(file).catch(() => null);
    }
    if (!st?.isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function build(leafpress, root, out, baseUrl, env = {}) {
  const r = spawnSync(leafpress, ['build', '--root', root, '--out', out, '--base-url', baseUrl], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`leafpress build failed (${r.status}):\n${r.stderr}${r.error || ''}`);
}

// ---------------------------------------------------------------- checks
const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n  - ${String(err.message || err).split('\n').join('\n    ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Opens a page and records what would make it fail: other hosts, failed requests, console errors.
// `noSegmenter` removes Intl.Segmenter from the page, as in browsers that lack it.
async function open(
  browser,
  origin,
  urlPath,
  { javaScript = true, noSegmenter = false, viewport = { width: 1280, height: 900 } } = {},
) {
  const context = await browser.newContext({
    viewport,
    javaScriptEnabled: javaScript,
    serviceWorkers: 'block',
  });
  if (noSegmenter) {
    await context.addInitScript(() => {
      delete Intl.Segmenter;
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  const host = new URL(origin).host;
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.host !== host) {
      problems.push(`request to another host: ${u.href}`);
      return route.abort('blockedbyclient');
    }
    return route.fallback();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('response', (resp) => {
    if (resp.status() >= 400) problems.push(`${resp.url()} answered ${resp.status()}`);
  });
  page.on('requestfailed', (req) => problems.push(`${req.url()} failed: ${req.failure()?.errorText}`));
  await page.goto(origin + urlPath, { waitUntil: 'load' });
  return { page, context, problems };
}

// Types `query` into the page's search box and waits for the result count of that query to be
// announced. Keystrokes can come more than the script's 250 ms apart on a busy machine, so a
// query typed half-way ("frac" of "fractures") may be searched and announced first: the status
// names the query its count belongs to (data-query), and only the whole query's will do.
async function search(page, query) {
  const input = page.getByRole('searchbox');
  await input.focus();
  // Escape clears the box, the results and the status, so a stale status is never read.
  if (await input.inputValue()) await input.press('Escape');
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent === '');
  await input.pressSequentially(query, { delay: 20 });
  await page.waitForFunction((typed) => {
    const status = document.querySelector('.search-status');
    return status && status.dataset.query === typed && status.textContent && !status.textContent.endsWith('…');
  }, query);
  return page.evaluate(() => ({
    status: document.querySelector('.search-status').textContent,
    results: Array.from(document.querySelectorAll('.search-results > li')).map((li) => ({
      href: li.querySelector('a')?.getAttribute('href'),
      resolved: li.querySelector('a')?.href,
      title: li.querySelector('a')?.textContent,
      marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      html: li.innerHTML,
    })),
  }));
}

// axe-core (WCAG 2.1 A + AA) on the page as it is, e.g. with results shown.
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} -- ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }, AXE_TAGS);
}

function describe(found) {
  return `status "${found.status}", results: ${JSON.stringify(found.results.map((r) => r.href))}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.leafpress)) {
    console.log(`search: no leafpress binary at ${opts.leafpress} (run cargo build first)`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (opts.screenshots) await mkdir(opts.screenshots, { recursive: true });
  const state = { root: null, log: [] };
  const server = await startServer(state);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const baseUrl = origin + PREFIX;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leafpress-search-'));
  let browser;
  try {
    const out = path.join(tmp, 'repo-site');
    build(opts.leafpress, REPO, out, baseUrl);
    state.root = out;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });

    await check('Chinese query 肠镜 on the zh index finds the colonoscopy leaflet first, highlighted', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}zh/`);
      state.log.length = 0;
      const found = await search(page, '肠镜');
      assert(found.results.length > 0, `no results: ${describe(found)}`);
      assert(found.results[0].href === `${PREFIX}zh/colonoscopy/`, `first result: ${describe(found)}`);
      assert(found.results[0].title === '结肠镜检查', `title: ${found.results[0].title}`);
      assert(found.results[0].marks.some((m) => m.includes('肠镜')), `no <mark>: ${found.results[0].html}`);
      assert(found.results.every((r) => r.href.startsWith(`${PREFIX}zh/`)), `other language: ${describe(found)}`);
      const bundle = state.log.filter((p) => p.includes('/search/'));
      assert(bundle.length > 0, 'the index was not fetched');
      assert(bundle.every((p) => p.startsWith(`${PREFIX}search/zh/`)), `index paths: ${bundle.join(', ')}`);
      assert(bundle.includes(`${PREFIX}search/zh/index.json`), `index.json not fetched: ${bundle.join(', ')}`);
      for (const kind of ['terms', 'pages']) {
        assert(
          bundle.some((p) => new RegExp(`^/leaflets/search/zh/${kind}\\.[0-9a-f]{12}\\.json$`).test(p)),
          `no ${kind} file fetched: ${bundle.join(', ')}`,
        );
      }
      const script = await page.evaluate(() => document.querySelector('script[type=module]')?.src);
      assert(
        new RegExp(`^${origin}${PREFIX}assets/search\\.[0-9a-f]{12}\\.js$`).test(script || ''),
        `search script address: ${script}`,
      );
      if (opts.screenshots) await page.screenshot({ path: path.join(opts.screenshots, 'zh-index-search.png'), fullPage: true });
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('Chinese query 骨质疏松 (not in any leaflet) says nothing was found', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}zh/`);
      const found = await search(page, '骨质疏松');
      assert(found.results.length === 0, `results: ${describe(found)}`);
      assert(found.status.includes('没有找到'), `status: ${found.status}`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('English query "emptied" (the text says "empty", "empties") finds the colonoscopy leaflet first', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}en/`);
      const found = await search(page, 'emptied');
      assert(found.results.length > 0, `no results: ${describe(found)}`);
      assert(found.results[0].href === `${PREFIX}en/colonoscopy/`, `first result: ${describe(found)}`);
      assert(found.results[0].marks.length > 0, `no <mark>: ${found.results[0].html}`);
      assert(found.results.every((r) => r.href.startsWith(`${PREFIX}en/`)), `other language: ${describe(found)}`);
      if (opts.screenshots) await page.screenshot({ path: path.join(opts.screenshots, 'en-index-search.png'), fullPage: true });
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('each language searches only its own leaflets', async () => {
      const en = await open(browser, origin, `${PREFIX}en/`);
      const zhOnEn = await search(en.page, '结肠镜');
      assert(!zhOnEn.results.some((r) => r.href.startsWith(`${PREFIX}zh/`)), `zh on en: ${describe(zhOnEn)}`);
      await en.context.close();
      const zh = await open(browser, origin, `${PREFIX}zh/`);
      const enOnZh = await search(zh.page, 'colonoscopy');
      assert(!enOnZh.results.some((r) => r.href.startsWith(`${PREFIX}en/`)), `en on zh: ${describe(enOnZh)}`);
      await zh.context.close();
      assert(en.problems.length + zh.problems.length === 0, [...en.problems, ...zh.problems].join('\n'));
    });

    await check('a leaflet page searches too, and a result opens its leaflet', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}en/colonoscopy/`);
      const found = await search(page, 'stomach');
      assert(found.results.length > 0, `no results: ${describe(found)}`);
      assert(found.results[0].href === `${PREFIX}en/gastroscopy/`, `first result: ${describe(found)}`);
      await page.getByRole('link', { name: found.results[0].title, exact: true }).first().click();
      await page.waitForURL(`${origin}${PREFIX}en/gastroscopy/`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('the results can be reached with the keyboard and Escape clears them', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}en/`);
      const found = await search(page, 'contrast');
      assert(found.results.length > 0, `no results: ${describe(found)}`);
      await page.keyboard.press('Tab'); // the Search button
      await page.keyboard.press('Tab'); // the first result
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      assert(focused === found.results[0].href, `focus is on ${focused}`);
      await page.getByRole('searchbox').focus();
      await page.keyboard.press('Escape');
      const left = await page.locator('.search-results > li').count();
      assert(left === 0, `${left} results left after Escape`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('without JavaScript the search box stays hidden and the page lists every leaflet', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}en/`, { javaScript: false });
      const visible = await page.locator('form.search').isVisible();
      assert(!visible, 'the search form is visible without JavaScript');
      const note = await page.locator('.search-noscript').textContent();
      assert(/JavaScript/.test(note || ''), `note: ${note}`);
      const cards = await page.locator('.leaflet-card').count();
      assert(cards >= 4, `${cards} leaflets listed`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    // A site where a word appears in several leaflets and one of them is about it: built with
    // the usual chunks, then with every term in a chunk of its own (as the many chunks of a
    // large site), where a query must find and fetch just the chunks of its terms.
    const fixture = path.join(tmp, 'search-fixture');
    const chunked = path.join(tmp, 'search-fixture-chunked');
    build(opts.leafpress, path.join(REPO, 'tests/fixtures/search'), fixture, baseUrl);
    build(opts.leafpress, path.join(REPO, 'tests/fixtures/search'), chunked, baseUrl, {
      LEAFPRESS_SEARCH_CHUNK_BYTES: '1',
    });
    for (const [variant, root] of [
      ['usual chunks', fixture],
      ['a chunk per term', chunked],
    ]) {
      state.root = root;
      // With a chunk per term, a query fetches a few chunks out of hundreds.
      const fewChunksFetched = async (lang) => {
        if (root !== chunked) return;
        const index = JSON.parse(await readFile(path.join(root, 'search', lang, 'index.json'), 'utf8'));
        const fetched = new Set(state.log.filter((p) => /\/terms\.[0-9a-f]+\.json$/.test(p)));
        assert(index.chunks.length > 100, `${lang}: ${index.chunks.length} chunks`);
        assert(fetched.size > 0 && fetched.size <= 8, `${lang}: ${fetched.size} chunks fetched`);
      };

      await check(`${variant}: 骨折 finds the wrist fracture leaflet first, before others that mention it`, async () => {
        const { page, context, problems } = await open(browser, origin, `${PREFIX}zh/`);
        state.log.length = 0;
        const found = await search(page, '骨折');
        assert(found.results.length >= 2, `expected it in two leaflets: ${describe(found)}`);
        assert(found.results[0].href === `${PREFIX}zh/wrist-fracture/`, `first result: ${describe(found)}`);
        assert(found.results[0].title === '腕部骨折', `title: ${found.results[0].title}`);
        assert(found.results[0].marks.includes('骨折'), `highlight: ${found.results[0].html}`);
        assert(
          found.results.some((r) => r.href === `${PREFIX}zh/bone-density-scan/`),
          `bone density scan missing: ${describe(found)}`,
        );
        assert(found.results.every((r) => r.href.startsWith(`${PREFIX}zh/`)), `other language: ${describe(found)}`);
        await fewChunksFetched('zh');
        await context.close();
        assert(problems.length === 0, problems.join('\n'));
      });

      await check(`${variant}: "fractures" and "FRACTURE" find the leaflet about a fracture first (stemming, case)`, async () => {
        const { page, context, problems } = await open(browser, origin, `${PREFIX}en/`);
        state.log.length = 0;
        for (const query of ['fractures', 'FRACTURE']) {
          const found = await search(page, query);
          assert(found.results.length >= 2, `${query}: ${describe(found)}`);
          assert(found.results[0].href === `${PREFIX}en/wrist-fracture/`, `${query}: first result: ${describe(found)}`);
          assert(
            found.results[0].marks.some((m) => /^fractures?$/i.test(m)),
            `${query}: highlight: ${found.results[0].html}`,
          );
          assert(found.results.every((r) => r.href.startsWith(`${PREFIX}en/`)), `other language: ${describe(found)}`);
        }
        await fewChunksFetched('en');
        await context.close();
        assert(problems.length === 0, problems.join('\n'));
      });
    }
    state.root = fixture;

    await check('Chinese queries of several words or one character find and highlight their leaflet, without Intl.Segmenter too', async () => {
      const { page, context, problems } = await open(browser, origin, `${PREFIX}zh/`, { noSegmenter: true });
      const segmenter = await page.evaluate(() => typeof Intl.Segmenter);
      assert(segmenter === 'undefined', `Intl.Segmenter is ${segmenter}`);
      for (const [query, slug, mark] of [
        ['肠镜检查', 'colonoscopy', '肠镜检查'],
        ['骨折', 'wrist-fracture', '骨折'],
        ['腕部骨折', 'wrist-fracture', '腕部骨折'],
        // 手指发紫、发麻: the pairs of the query, found apart, each marked.
        ['手指发麻', 'cast-care', '手指发'],
        ['大肠内部', 'colonoscopy', '大肠内部'],
        // One character: found inside the pairs it begins, and marked alone.
        ['膏', 'cast-care', '膏'],
      ]) {
        const found = await search(page, query);
        assert(found.results[0]?.href === `${PREFIX}zh/${slug}/`, `${query}: first result: ${describe(found)}`);
        assert(found.results[0].marks.includes(mark), `${query}: highlight ${mark}: ${found.results[0].html}`);
      }
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    {
      await check('results pass axe-core (WCAG 2.1 AA) and fit a phone, in both languages', async () => {
        const shots = [
          ['zh', '骨折'],
          ['en', 'fractures'],
        ];
        for (const [lang, query] of shots) {
          for (const [name, viewport] of [
            ['desktop', { width: 1280, height: 900 }],
            ['phone', { width: 375, height: 740 }],
          ]) {
            const { page, context, problems } = await open(browser, origin, `${PREFIX}${lang}/wrist-fracture/`, { viewport });
            await search(page, query);
            if (opts.screenshots) {
              await page.screenshot({ path: path.join(opts.screenshots, `${lang}-leaflet-search-${name}.png`) });
            }
            const violations = await axeViolations(page);
            assert(violations.length === 0, `${lang} ${name}: axe:\n${violations.join('\n')}`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            await context.close();
            assert(overflow <= 0, `${lang} ${name}: the page scrolls sideways by ${overflow}px`);
            assert(problems.length === 0, problems.join('\n'));
          }
        }
      });
    }

    // A site whose leaflet text looks like markup: it must come out as text.
    await check('leaflet text that looks like markup is shown as text in results, never run', async () => {
      const root = path.join(tmp, 'markup-site');
      const leaflet = path.join(root, 'leaflets', 'markup');
      await mkdir(leaflet, { recursive: true });
      await writeFile(path.join(root, 'site.yaml'), 'hospital: { name: St Example, emergency: "999" }\nlanguages: [en, zh]\n');
      const front = (title) =>
        `---\ntitle: '${title}'\nsummary: 'Summary <img src=x onerror="window.__pwned=1">'\nreference: XSS-0001\nversion: 1\ndepartment: Test\nreviewed: 2026-02-01\nreview_due: 2027-02-01\n---\n`;
      await writeFile(
        path.join(leaflet, 'en.md'),
        front('Zebra <script>window.__pwned=1</script>') +
          '\n## Zebra\n\nThe zebra test uses `<img src=y onerror="window.__pwned=2">` as an example.\n',
      );
      const out = path.join(tmp, 'markup-out');
      build(opts.leafpress, root, out, baseUrl);
      state.root = out;
      const { page, context, problems } = await open(browser, origin, `${PREFIX}en/`);
      const found = await search(page, 'zebra');
      assert(found.results.length === 1, `results: ${describe(found)}`);
      const r = found.results[0];
      assert(r.title.includes('<script>'), `title not shown as text: ${r.title}`);
      const injected = await page.evaluate(() => ({
        pwned: window.__pwned,
        elements: Array.from(document.querySelectorAll('.search-results *')).map((e) => e.tagName),
      }));
      assert(injected.pwned === undefined, 'leaflet text ran as script');
      const allowed = new Set(['LI', 'A', 'P', 'MARK']);
      const bad = injected.elements.filter((t) => !allowed.has(t));
      assert(bad.length === 0, `unexpected elements in results: ${bad.join(', ')}`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });

    await check('a language without leaflets answers that nothing was found', async () => {
      // The site above has no Chinese leaflets.
      const { page, context, problems } = await open(browser, origin, `${PREFIX}zh/`);
      const found = await search(page, '斑马');
      assert(found.results.length === 0, `results: ${describe(found)}`);
      assert(found.status.includes('没有找到'), `status: ${found.status}`);
      await context.close();
      assert(problems.length === 0, problems.join('\n'));
    });
  } catch (err) {
    results.push({ name: 'setup', ok: false });
    console.log(`FAIL setup\n  - ${err.stack || err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.closeAllConnections?.();
    server.close();
    await rm(tmp, { recursive: true, force: true });
  }
  if (opts.screenshots) console.log(`screenshots in ${opts.screenshots}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.log(`search: ${err.stack || err}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
