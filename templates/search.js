// leafpress search box: searches the leaflets of the page's language with the Pagefind bundle
// built beside the site (pagefind/<lang>/), in the browser, with no server.
//
// The form (templates/search.html) is hidden until this script runs; it carries the bundle's
// address relative to the page (data-search-bundle), the site root (data-search-root) and its
// texts in the page's language (data-text-*). Each language has its own bundle, so each
// language searches its own leaflets. A large language's index is split into shards, listed in
// the bundle's shards.json and merged into the search (they share its wasm and worker).
// Results are built with DOM APIs and text nodes only: of the excerpt's markup, only Pagefind's
// <mark> is kept.
//
// Chinese has no spaces between words. The index holds the words the build's dictionary found
// (检查, 白内障) and single characters where it found none (结 肠 镜); a query word matches the
// indexed words it begins, and a page must match every query word. Pagefind splits a Chinese
// query into words the same way, with Intl.Segmenter. Browsers without it (Firefox before 125,
// so older ESR releases) would look 肠镜检查 up as one word, and Pagefind then falls back to its
// longest known beginning, 肠. There the query is split into single characters first, and typed
// as it is only if that finds nothing (大肠内部: 部 begins no indexed word). See queryVariants.

const MAX_SHOWN = 10;
const DEBOUNCE_MS = 250;
const HAN = /\p{Script=Han}/u;
const NOTHING = { search: async () => ({ results: [] }) };
const EXACT = /^\s*".+"\s*$/;

// The searches to run for a query, in order, until one finds something: where the browser has
// no Intl.Segmenter, a query with Chinese in it first with its Chinese characters apart, then as
// typed. Everywhere else, and for "exact phrases", just the query.
function queryVariants(query) {
  if (typeof Intl.Segmenter === 'function' || !HAN.test(query) || EXACT.test(query)) {
    return [query];
  }
  const apart = query.split(/(\p{Script=Han})/u).join(' ').replace(/\s+/g, ' ').trim();
  return [apart, query];
}

function setup(form) {
  const input = form.querySelector('input[type="search"]');
  const status = form.querySelector('.search-status');
  const list = form.querySelector('.search-results');
  if (!input || !status || !list) return;
  const texts = form.dataset;
  const lang = document.documentElement.lang || 'en';
  const plural = new Intl.PluralRules(lang);
  let pagefind = null;
  let loading = null;
  let latest = 0;
  let timer = 0;

  function load() {
    if (!loading) {
      const bundle = new URL(texts.searchBundle, document.baseURI);
      const root = new URL(texts.searchRoot || './', document.baseURI).pathname;
      const options = { baseUrl: root, excerptLength: 24 };
      const shards = fetch(new URL('shards.json', bundle)).then((response) =>
        response.ok ? response.json() : { shards: [] },
      );
      loading = Promise.all([import(bundle.href), shards]).then(async ([module, list]) => {
        // A language without leaflets has an empty index, which Pagefind cannot search.
        if (list.pages === 0) return NOTHING;
        await module.options(options);
        const more = Array.isArray(list.shards) ? list.shards : [];
        await Promise.all(
          more.map((shard) => module.mergeIndex(new URL(shard, bundle).pathname, options)),
        );
        pagefind = module;
        return module;
      });
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  function countText(count) {
    if (count === 0) return texts.textNone;
    const one = plural.select(count) === 'one';
    return (one ? texts.textOne : texts.textOther).replace('{count}', String(count));
  }

  function clear() {
    latest++;
    status.textContent = '';
    list.replaceChildren();
    list.hidden = true;
  }

  async function run(query) {
    const id = ++latest;
    if (!query.trim()) {
      clear();
      return;
    }
    status.textContent = texts.textSearching;
    let found;
    try {
      const module = pagefind || (await load());
      found = [];
      for (const variant of queryVariants(query)) {
        const search = await module.search(variant);
        found = search ? search.results : [];
        if (found.length > 0) break;
      }
      const shown = await Promise.all(found.slice(0, MAX_SHOWN).map((r) => r.data()));
      if (id !== latest) return; // a newer query is under way
      list.replaceChildren(...shown.map(resultItem).filter(Boolean));
      list.hidden = shown.length === 0;
      status.textContent = countText(found.length);
    } catch (error) {
      if (id !== latest) return;
      list.replaceChildren();
      list.hidden = true;
      status.textContent = texts.textUnavailable;
      console.warn('leafpress search:', error);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      input.value = '';
      clear();
    }
  });
  // Start fetching the bundle when the reader shows interest, not on every page view.
  input.addEventListener('focus', () => load().catch(() => {}), { once: true });

  form.hidden = false;
  const noscript = form.nextElementSibling;
  if (noscript && noscript.tagName === 'NOSCRIPT') noscript.remove();

  // ?q=… (the form's own address when sent without this script) starts a search at once.
  const query = new URLSearchParams(location.search).get('q');
  if (query) {
    input.value = query;
    run(query);
  }
}

// One result: the leaflet's title as a link, its summary, and the excerpt with the match marked.
function resultItem(data) {
  const url = typeof data.url === 'string' ? data.url : '';
  if (!url.startsWith('/') || url.startsWith('//')) return null; // only this site's pages
  const item = document.createElement('li');
  item.className = 'search-result';
  const title = document.createElement('a');
  title.className = 'search-result-title';
  title.href = url;
  title.textContent = data.meta?.title || url;
  item.append(title);
  if (data.meta?.summary) {
    const summary = document.createElement('p');
    summary.className = 'search-result-summary';
    summary.textContent = data.meta.summary;
    item.append(summary);
  }
  const text = excerptOf(data);
  if (text) {
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result-excerpt';
    excerpt.append(...excerptNodes(tidyExcerpt(text)));
    item.append(excerpt);
  }
  return item;
}

// The excerpt to show: from the first section (a heading and its text) with a match, rather than
// the page's top, which repeats the title and summary shown above it.
function excerptOf(data) {
  const sections = Array.isArray(data.sub_results) ? data.sub_results : [];
  const section = sections.find(
    (s) => typeof s.url === 'string' && s.url.includes('#') && typeof s.excerpt === 'string' && s.excerpt.includes('<mark>'),
  );
  return section ? section.excerpt : typeof data.excerpt === 'string' ? data.excerpt : '';
}

// Pagefind joins a heading to the text after it with ". ", which in Chinese reads as a stray
// Latin full stop (治疗. 大多数…): there it becomes 。, and the space after Chinese punctuation
// goes. A separator left at the start is dropped.
function tidyExcerpt(html) {
  return html
    .replace(/^[\s.]+/, '')
    .replace(/(\p{Script=Han}(?:<\/mark>)?)\. /gu, '$1。')
    .replace(/([。？！；：，、）」』》])\s+/gu, '$1');
}

// Pagefind's excerpt is escaped text with <mark> around the matches. It is parsed in an inert
// document (no script runs, nothing loads) and rebuilt as text nodes and <mark> elements only.
// Marks that touch are joined: a Chinese match comes as one mark per word (结<mark>肠</mark>
// <mark>镜</mark>检查) and reads as one.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const nodes = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'MARK') {
      const last = nodes[nodes.length - 1];
      if (last && last.nodeName === 'MARK') {
        last.textContent += node.textContent;
        continue;
      }
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

for (const form of document.querySelectorAll('form.search[data-search-bundle]')) setup(form);
