#!/usr/bin/env node
// Checks a built leafpress site the way a reader's browser gets it.
//
//   node tests/browser/check-pages.mjs <site-dir> [--screenshots DIR] [--concurrency N]
//
// 1. W3C Nu HTML checker (vnu.jar, run once over every *.html, errors only).
// 2. Serves <site-dir> on 127.0.0.1 (random port; index.html for directory
//    URLs; unknown paths get the site's 404.html with status 404) and opens
//    every page in headless Debian Chromium through playwright-core:
//    - axe-core, WCAG 2.0/2.1 A + AA rules, with screen media and with print
//      media;
//    - any request to a host other than 127.0.0.1 fails the page (a built
//      site must need no network), and is blocked;
//    - a console error or an uncaught exception fails the page;
//    - a same-site resource (stylesheet, image, script, font, <link> target)
//      that fails to load or answers >= 400 fails the page;
//    - a same-site <a href> that answers >= 400, or a same-page "#id" link
//      whose target id does not exist, fails the page;
//    - content wider than a 390px phone (the page scrolls sideways) fails
//      the page;
//    - a page that sends the reader on with <meta http-equiv="refresh"> (the
//      redirect pages of leaflets' earlier addresses) is checked as it is, the
//      browser held on it: its refresh must fire and lead to a page that
//      answers 200;
//    - a large-print page (<html class="large-print">, at <lang>/<slug>/print/large/)
//      has every visible text
//      at 16pt (21.33px) or more, headings at 18pt (24px) or more, and nothing
//      in italics, with screen and with print media.
//    Then 404.html as a reader meets it, at a missing nested address
//    (/leafpress-check/no/such/page/): it must answer 404 and pass the same
//    network, console and link checks there (its stylesheet, images and
//    links work at any depth); it counts as one more checked page.
// 3. With --screenshots DIR: a full-page PNG per page (screen, 1280 wide),
//    one with print media (<name>__print-media.png), and for index pages a
//    390x844 phone shot (<name>__phone.png); <name> is the page's path with
//    ".html" dropped and "/" turned into "__" (en/colonoscopy.html ->
//    en__colonoscopy).
//
// Last line of output: "N passed, M failed" (pages, and the nested 404
// address when the site has a 404.html). Exit status 0 only if
// every page passed; 1 on any failure; 2 on a usage error.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), JAVA (default java).

import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXE_PATH, AXE_TAGS, CHROMIUM_ARGS, CHROMIUM_PATH, VNU_JAR } from './browser.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
const PHONE_VIEWPORT = { width: 390, height: 844 };
const NAV_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------- arguments
function usage(msg) {
  if (msg) console.error(`check-pages: ${msg}`);
  console.error(
    'usage: node tests/browser/check-pages.mjs <site-dir> [--screenshots DIR] [--concurrency N]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { siteDir: null, screenshots: null, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshots') {
      if (!argv[i + 1]) usage('--screenshots needs a directory');
      opts.screenshots = path.resolve(argv[++i]);
    } else if (a.startsWith('--screenshots=')) {
      opts.screenshots = path.resolve(a.slice('--screenshots='.length));
    } else if (a === '--concurrency') {
      opts.concurrency = Number(argv[++i]);
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (opts.siteDir === null) {
      opts.siteDir = path.resolve(a);
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  if (!opts.siteDir) usage('missing <site-dir>');
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) usage('bad --concurrency');
  return opts;
}

// ---------------------------------------------------------------- files
async function findHtml(root) {
  const out = [];
  async function walk(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.endsWith('.html')) out.push(full);
    }
  }
  await walk(root);
  const rel = out.map((f) => path.relative(root, f).split(path.sep).join('/'));
  rel.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return rel;
}

function urlPathFor(rel) {
  // Serve index pages at their directory URL, as a reader reaches them.
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

function shotName(rel) {
  return rel.replace(/\.html$/, '').split('/').join('__');
}

// ---------------------------------------------------------------- vnu
function runVnu(siteDir, relFiles) {
  const java = process.env.JAVA || 'java';
  const files = relFiles.map((r) => path.join(siteDir, r));
  const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'gnu', ...files];
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ code: -1, out: `could not start ${java}: ${err.message}` });
      return;
    }
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ code: -1, out: `could not start ${java}: ${err.message}` }));
    child.on('close', (code) => resolve({ code, out, endedAt: Date.now() }));
  });
}

// gnu format lines look like:  "file:/abs/path/en/a.html":12.3-12.40: error: message
function parseVnu(out, siteDir) {
  const perFile = new Map();
  const other = [];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const m = line.match(/^"([^"]+)":(.*)$/);
    if (m) {
      let file = m[1];
      try {
        if (file.startsWith('file:')) file = fileURLToPath(file);
      } catch {
        /* keep as is */
      }
      const rel = path.relative(siteDir, file).split(path.sep).join('/');
      if (!perFile.has(rel)) perFile.set(rel, []);
      perFile.get(rel).push(`vnu ${rel}:${m[2]}`);
    } else {
      other.push(line);
    }
  }
  return { perFile, other };
}

// ---------------------------------------------------------------- server
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

async function statOrNull(p) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

function startServer(root) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      const full = path.join(root, path.normalize(pathname));
      if (full !== root && !full.startsWith(root + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let file = full;
      let st = await statOrNull(file);
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search }).end();
          return;
        }
        file = path.join(file, 'index.html');
        st = await statOrNull(file);
      }
      let status = 200;
      if (!st || !st.isFile()) {
        status = 404;
        file = path.join(root, '404.html');
        st = await statOrNull(file);
        if (!st || !st.isFile()) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
          return;
        }
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- page checks
function formatViolation(v, media) {
  const targets = v.nodes
    .slice(0, 5)
    .map((n) => n.target.join(' '))
    .join(' | ');
  const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
  let summary = (v.nodes[0]?.failureSummary || v.help).replace(/\s+/g, ' ').trim();
  if (summary.length > 300) summary = summary.slice(0, 297) + '...';
  return `axe [${media}] ${v.id} (${v.impact}): ${v.help} -- ${targets}${more} -- ${summary} -- ${v.helpUrl}`;
}

async function runAxe(page) {
  // Inject once per page (it is ~550 KB; injecting costs more than a run).
  const loaded = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

// Status of a same-site URL, as the server answers it (cached, HEAD).
const linkCache = new Map();
function headStatus(url) {
  if (!linkCache.has(url)) {
    linkCache.set(
      url,
      fetch(url, { method: 'HEAD', redirect: 'follow' })
        .then((r) => r.status)
        .catch((err) => `error ${err.message}`),
    );
  }
  return linkCache.get(url);
}

// Opens one URL in a fresh context and wires up the network/console
// listeners. Returns {page, context, problems, response, leaving}:
// the browser is held on the page, so `leaving` lists where it tried to go
// next on its own (a meta refresh) instead of going there.
async function openPage(browser, origin, urlPath, viewport) {
  const context = await browser.newContext({
    viewport,
    bypassCSP: true, // axe is injected as an inline script
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  const problems = [];
  const originHost = new URL(origin).host;
  const badStatus = new Set(); // same-site URLs already reported for a >= 400 answer
  const leaving = []; // where the page itself sent the browser (meta refresh)
  let loaded = false;

  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (loaded && route.request().isNavigationRequest() && route.request().frame() === page.mainFrame()) {
      leaving.push(u.href);
      return route.abort('aborted');
    }
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host !== originHost) {
      problems.push(`external request (blocked): ${route.request().resourceType()} ${u.href}`);
      return route.abort('blockedbyclient');
    }
    if (u.protocol === 'ws:' || u.protocol === 'wss:') {
      problems.push(`external request (blocked): websocket ${u.href}`);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  page.on('websocket', (ws) => problems.push(`websocket opened: ${ws.url()}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      // Chromium's own "Failed to load resource" lines duplicate what the
      // request/response listeners below report (with the resource type).
      if (msg.text().startsWith('Failed to load resource:')) return;
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('response', (resp) => {
    const u = new URL(resp.url());
    if (u.host !== originHost) return;
    if (resp.request().isNavigationRequest() && resp.request().frame() === page.mainFrame()) return;
    if (resp.status() >= 400) {
      badStatus.add(resp.url());
      problems.push(`same-site ${resp.request().resourceType()} ${u.pathname}${u.search} answered ${resp.status()}`);
    }
  });
  page.on('requestfailed', (req) => {
    const u = new URL(req.url());
    if (u.host !== originHost) return; // already reported as external
    if (leaving.includes(req.url())) return; // held on the page on purpose
    if (badStatus.has(req.url())) return; // Chromium aborts a stylesheet that answered 404
    problems.push(`same-site ${req.resourceType()} ${u.pathname} failed: ${req.failure()?.errorText}`);
  });

  const response = await page.goto(origin + urlPath, { waitUntil: 'commit' });
  loaded = true;
  await page.waitForLoadState('load');
  // Load lazy images too (so a missing one is caught), then wait for every
  // image and web font to finish, loaded or failed.
  await page.evaluate(async () => {
    const imgs = Array.from(document.images);
    for (const img of imgs) if (img.loading === 'lazy') img.loading = 'eager';
    await Promise.all(
      imgs.map((img) =>
        img.complete
          ? null
          : new Promise((r) => {
              img.addEventListener('load', r, { once: true });
              img.addEventListener('error', r, { once: true });
            }),
      ),
    );
    await document.fonts.ready;
  });
  return { page, context, problems, response, leaving };
}

// A page with <meta http-equiv="refresh">: the refresh fires (the browser,
// held on the page, tries to leave) and leads to a page that answers 200.
async function checkRefresh(page, leaving) {
  const problems = [];
  const refresh = await page.evaluate(
    () => document.querySelector('meta[http-equiv="refresh" i]')?.getAttribute('content') ?? null,
  );
  if (refresh === null) return problems;
  const deadline = Date.now() + 5000;
  while (leaving.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  if (leaving.length === 0) {
    problems.push(`meta refresh "${refresh}" did not send the browser on`);
    return problems;
  }
  const target = new URL(leaving[0]);
  target.hash = '';
  const st = await headStatus(target.href);
  if (st !== 200) problems.push(`meta refresh leads to ${target.pathname}, which answered ${st}`);
  return problems;
}

// Large print: every visible text at 16pt or more (headings 18pt or more), no
// italics, in the media the page is emulating now.
const PT = 96 / 72;
async function checkLargePrint(page, media) {
  const found = await page.evaluate(() => {
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const hasText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '',
      );
      if (!hasText || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
      out.push({
        tag: el.tagName.toLowerCase(),
        heading: /^H[1-6]$/.test(el.tagName) || !!el.closest('h1, h2, h3, h4, h5, h6'),
        size: parseFloat(style.fontSize),
        italic: style.fontStyle !== 'normal',
        text: el.textContent.trim().slice(0, 40),
      });
    }
    return out;
  });
  const problems = [];
  if (found.length === 0) problems.push(`large print [${media}]: no text found`);
  for (const f of found) {
    const least = (f.heading ? 18 : 16) * PT - 0.01;
    if (f.size < least) {
      problems.push(
        `large print [${media}]: <${f.tag}> "${f.text}" is ${(f.size / PT).toFixed(1)}pt, less than ${f.heading ? 18 : 16}pt`,
      );
    }
    if (f.italic) problems.push(`large print [${media}]: <${f.tag}> "${f.text}" is in italics`);
  }
  return problems.slice(0, 10);
}

async function checkPage(browser, origin, rel, opts) {
  const urlPath = urlPathFor(rel);
  const problems = [];
  const name = shotName(rel);
  let ctx;
  try {
    ctx = await openPage(browser, origin, urlPath, DESKTOP_VIEWPORT);
    const { page, response } = ctx;
    problems.push(...(await checkRefresh(page, ctx.leaving)));
    if (!response) problems.push('no response for the page itself');
    else if (response.status() !== 200) problems.push(`page answered ${response.status()}`);
    else if (!/^text\/html\b/.test(response.headers()['content-type'] || '')) {
      problems.push(`page served as ${response.headers()['content-type']}`);
    }

    // Same-site <a href> targets and same-page #fragments.
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href], area[href]')).map((a) => ({
        href: a.href,
        raw: a.getAttribute('href'),
      })),
    );
    const here = new URL(page.url());
    for (const { href, raw } of links) {
      let u;
      try {
        u = new URL(href);
      } catch {
        problems.push(`unparsable link href="${raw}"`);
        continue;
      }
      if (u.origin !== here.origin) continue; // external links are fine to have
      const samePage = u.pathname === here.pathname && u.search === here.search;
      if (samePage && u.hash.length > 1) {
        const id = decodeURIComponent(u.hash.slice(1));
        const found = await page.evaluate((i) => !!document.getElementById(i), id);
        if (!found) problems.push(`link href="${raw}" points to no element with id "${id}"`);
      } else if (!samePage) {
        u.hash = '';
        const st = await headStatus(u.href);
        if (st !== 200) problems.push(`link href="${raw}" -> ${u.pathname}${u.search} answered ${st}`);
      }
    }

    // axe with screen media, then print media; a violation found with both
    // is reported once, as [screen+print].
    await page.emulateMedia({ media: 'screen' });
    // A large-print page says so on its root element; a withdrawn leaflet's notice at the
    // same address is an ordinary page.
    const largePrint = await page.evaluate(() =>
      document.documentElement.classList.contains('large-print'),
    );
    if (largePrint) problems.push(...(await checkLargePrint(page, 'screen')));
    const screenViolations = await runAxe(page);
    if (opts.screenshots) {
      await page.screenshot({ path: path.join(opts.screenshots, `${name}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: 'print' });
    if (largePrint) problems.push(...(await checkLargePrint(page, 'print')));
    const printViolations = await runAxe(page);
    const key = (v) => v.id + '\u0000' + v.nodes.map((n) => n.target.join(' ')).join('|');
    const printKeys = new Set(printViolations.map(key));
    const screenKeys = new Set(screenViolations.map(key));
    for (const v of screenViolations) {
      problems.push(formatViolation(v, printKeys.has(key(v)) ? 'screen+print' : 'screen'));
    }
    for (const v of printViolations) {
      if (!screenKeys.has(key(v))) problems.push(formatViolation(v, 'print'));
    }
    if (opts.screenshots) {
      await page.screenshot({
        path: path.join(opts.screenshots, `${name}__print-media.png`),
        fullPage: true,
      });
    }
    await page.emulateMedia({ media: 'screen' });

    // Phone width: the page must not scroll sideways; screenshot index pages.
    await page.setViewportSize(PHONE_VIEWPORT);
    const overflow = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const sw = document.documentElement.scrollWidth;
      if (sw <= w + 1) return null;
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > w + 1 && wide.length < 3) {
          wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''));
        }
      }
      return `${sw}px wide content in a ${w}px viewport (${wide.join(', ')})`;
    });
    if (overflow) problems.push(`horizontal scrolling at phone width: ${overflow}`);
    if (opts.screenshots && (rel === 'index.html' || rel.endsWith('/index.html'))) {
      await page.screenshot({ path: path.join(opts.screenshots, `${name}__phone.png`), fullPage: true });
    }
    problems.unshift(...ctx.problems);
  } catch (err) {
    if (ctx) problems.unshift(...ctx.problems);
    problems.push(`check crashed: ${err.message.split('\n')[0]}`);
  } finally {
    if (ctx) await ctx.context.close().catch(() => {});
  }
  return { rel, url: origin + urlPath, problems };
}

// 404.html is served at any missing URL, at any depth: its own stylesheet,
// images and links must still work there. A result like a page's.
async function check404Nested(browser, origin) {
  const urlPath = '/leafpress-check/no/such/page/';
  let ctx;
  const problems = [];
  try {
    ctx = await openPage(browser, origin, urlPath, DESKTOP_VIEWPORT);
    if (ctx.response?.status() !== 404) {
      problems.push(`missing URL answered ${ctx.response?.status()}, expected 404`);
    }
    const here = new URL(ctx.page.url());
    const links = await ctx.page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href]')).map((a) => ({ href: a.href, raw: a.getAttribute('href') })),
    );
    if (links.length === 0) problems.push('no links to the rest of the site');
    for (const { href, raw } of links) {
      const u = new URL(href);
      if (u.origin !== here.origin) continue;
      if (u.pathname === here.pathname && u.search === here.search) {
        const id = decodeURIComponent(u.hash.slice(1));
        const found = id && (await ctx.page.evaluate((i) => !!document.getElementById(i), id));
        if (!found) problems.push(`link href="${raw}" points to no element with id "${id}"`);
        continue;
      }
      u.hash = '';
      const st = await headStatus(u.href);
      if (st !== 200) problems.push(`link href="${raw}" -> ${u.pathname}${u.search} answered ${st}`);
    }
    problems.unshift(...ctx.problems);
  } catch (err) {
    if (ctx) problems.unshift(...ctx.problems);
    problems.push(`check crashed: ${err.message.split('\n')[0]}`);
  } finally {
    if (ctx) await ctx.context.close().catch(() => {});
  }
  return { rel: `404.html at ${urlPath}`, url: origin + urlPath, problems };
}

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const st = await statOrNull(opts.siteDir);
  if (!st || !st.isDirectory()) usage(`not a directory: ${opts.siteDir}`);

  const pages = await findHtml(opts.siteDir);
  if (pages.length === 0) {
    console.log(`check-pages: no *.html under ${opts.siteDir}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`check-pages: ${pages.length} page(s) under ${opts.siteDir}`);
  if (opts.screenshots) await mkdir(opts.screenshots, { recursive: true });

  const t0 = Date.now();
  const vnuPromise = runVnu(opts.siteDir, pages);

  const server = await startServer(opts.siteDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  let results;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    results = await pool(pages, opts.concurrency, (rel) => checkPage(browser, origin, rel, opts));
    if (pages.includes('404.html')) results.push(await check404Nested(browser, origin));
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.closeAllConnections?.();
    server.close();
  }
  const tBrowser = Date.now();

  const vnu = await vnuPromise;
  const tVnu = Date.now();
  const { perFile, other } = parseVnu(vnu.out, opts.siteDir);
  const globalProblems = [];
  if (vnu.code !== 0 && perFile.size === 0) {
    globalProblems.push(`vnu exited ${vnu.code} without per-file errors:`);
  }
  if (vnu.code !== 0 || perFile.size) for (const l of other) globalProblems.push(`vnu: ${l}`);
  for (const [rel, errs] of perFile) {
    const r = results.find((x) => x.rel === rel);
    if (r) r.problems.unshift(...errs);
    else globalProblems.push(...errs);
  }

  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.problems.length === 0) {
      passed++;
      console.log(`PASS ${r.rel}`);
    } else {
      failed++;
      console.log(`FAIL ${r.rel}  (${r.url})`);
      for (const p of r.problems) console.log(`  - ${p}`);
    }
  }
  if (globalProblems.length) {
    console.log('FAIL (not tied to one page)');
    for (const p of globalProblems) console.log(`  - ${p}`);
  }
  if (opts.screenshots) console.log(`screenshots in ${opts.screenshots}`);
  console.log(
    `check-pages: browser checks ${((tBrowser - t0) / 1000).toFixed(1)}s ` +
      `(${((tBrowser - t0) / 1000 / pages.length).toFixed(2)}s/page), vnu ${(((vnu.endedAt || tVnu) - t0) / 1000).toFixed(1)}s (in parallel)`,
  );
  if (globalProblems.length && failed === 0) failed = 1; // never report all-green with a global failure
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.log(`check-pages: ${err.stack || err}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
