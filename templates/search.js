// leafpress search box: looks the reader's words up in the search index built beside the site
// (search/<lang>/, see src/search/mod.rs), in the browser, with no server.
//
// The form (templates/search.html) is hidden until this script runs; it carries the bundle's
// address relative to the page (data-search-bundle), the site root (data-search-root) and its
// texts in the page's language (data-text-*). Each language has its own bundle, so each
// language searches its own leaflets.
//
// A query becomes terms exactly as the build turns text into terms (`terms` below mirrors
// src/search/terms.rs; a test runs both on the same texts). A page must hold every term of the
// query; pages are ranked by BM25 (the build stores each page's term weight, this script
// multiplies it by the term's rarity). The last word, while it is being typed, also finds the
// words it begins ("colono" finds "colonoscopy"), at half weight; so does a single Chinese
// character (it is indexed inside pairs of characters).
//
// Results are built with DOM APIs and text nodes only: leaflet text is never parsed as HTML.

const MAX_SHOWN = 10;
const DEBOUNCE_MS = 250;
// A word being typed is completed only from this many letters on: shorter beginnings match
// too many words to be useful.
const MIN_PREFIX = 3;
// A word that only begins with the query word counts this much of an exact match.
const PREFIX_FACTOR = 0.5;
// How many index chunks completing one word may fetch.
const MAX_PREFIX_CHUNKS = 4;
// Characters of context shown before the first match, and in all, in an excerpt.
const EXCERPT_BEFORE = { han: 24, other: 60 };
const EXCERPT_LENGTH = { han: 90, other: 200 };

// ------------------------------------------------------------------ terms (as terms.rs)

// Han characters: the CJK unified ideographs with their extensions, compatibility ideographs
// and 〇. The same ranges as `is_han` in src/lint/text_rules.rs.
function isHan(cp) {
  return (
    cp === 0x3007 ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

// Rust's char::is_alphanumeric: the Alphabetic property or a number (Nd, Nl, No).
const ALPHANUMERIC = /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u;
const MAX_WORD_CHARS = 40;

// Porter's inflection steps (1a, 1b, 1c, 5a, 5b) on a lower-case ASCII word, as `stem` in
// terms.rs.
export function stem(word) {
  if (word.length <= 2) return word;
  const consonant = (w, i) => {
    const c = w[i];
    if ('aeiou'.includes(c)) return false;
    if (c === 'y') return i === 0 || !consonant(w, i - 1);
    return true;
  };
  const measure = (w) => {
    let m = 0;
    let i = 0;
    while (i < w.length && consonant(w, i)) i++;
    while (i < w.length) {
      while (i < w.length && !consonant(w, i)) i++;
      if (i === w.length) break;
      while (i < w.length && consonant(w, i)) i++;
      m++;
    }
    return m;
  };
  const hasVowel = (w) => [...w].some((_, i) => !consonant(w, i));
  const doubleConsonant = (w) => w.length >= 2 && w.at(-1) === w.at(-2) && consonant(w, w.length - 1);
  const cvc = (w) => {
    const n = w.length;
    return n >= 3 && consonant(w, n - 3) && !consonant(w, n - 2) && consonant(w, n - 1) && !'wxy'.includes(w[n - 1]);
  };
  let w = word;
  // Step 1a: plurals.
  if (w.endsWith('sses') || w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 2 : w.endsWith('ing') ? 3 : 0;
    if (suffix > 0 && hasVowel(w.slice(0, -suffix))) {
      w = w.slice(0, -suffix);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleConsonant(w) && !'lsz'.includes(w.at(-1))) w = w.slice(0, -1);
      else if (measure(w) === 1 && cvc(w)) w += 'e';
    }
  }
  // Step 1c: a final y after a vowel somewhere becomes i.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Step 5a: a final e goes.
  if (w.endsWith('e')) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !cvc(base))) w = base;
  }
  // Step 5b: -ll after a long stem becomes -l.
  if (measure(w) > 1 && w.endsWith('ll')) w = w.slice(0, -1);
  return w;
}

// The terms of `text`, in order, as terms.rs makes them, each with where it stands in `text`
// (UTF-16 offsets) and its kind: 'word', 'pair' (two Han characters), 'last' (the last
// character of a run of several) or 'lone' (a run of one).
export function terms(text) {
  // Fold each character (full-width ASCII forms to ASCII, then lower case), keeping where it
  // came from.
  const chars = [];
  let offset = 0;
  for (const original of text) {
    let cp = original.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    for (const c of String.fromCodePoint(cp).toLowerCase()) {
      chars.push({ c, start: offset, end: offset + original.length });
    }
    offset += original.length;
  }
  const found = [];
  let word = [];
  let run = [];
  const endWord = () => {
    if (word.length === 0) return;
    let text = word.map((x) => x.c).join('');
    if (text.endsWith("'s")) text = text.slice(0, -2);
    text = text.replaceAll("'", '');
    if (text.length > 0 && [...text].length <= MAX_WORD_CHARS) {
      const term = /^[a-z]+$/.test(text) ? stem(text) : text;
      found.push({ term, kind: 'word', start: word[0].start, end: word.at(-1).end });
    }
    word = [];
  };
  const endRun = () => {
    for (let i = 0; i + 1 < run.length; i++) {
      found.push({ term: run[i].c + run[i + 1].c, kind: 'pair', start: run[i].start, end: run[i + 1].end });
    }
    if (run.length > 0) {
      const last = run.at(-1);
      found.push({ term: last.c, kind: run.length === 1 ? 'lone' : 'last', start: last.start, end: last.end });
    }
    run = [];
  };
  for (let i = 0; i < chars.length; i++) {
    const { c } = chars[i];
    if (isHan(c.codePointAt(0))) {
      endWord();
      run.push(chars[i]);
      continue;
    }
    endRun();
    const next = chars[i + 1]?.c;
    if (ALPHANUMERIC.test(c)) {
      word.push(chars[i]);
    } else if (
      (c === "'" || c === '\u2019') &&
      word.length > 0 &&
      next !== undefined &&
      ALPHANUMERIC.test(next) &&
      !isHan(next.codePointAt(0))
    ) {
      word.push({ ...chars[i], c: "'" });
    } else {
      endWord();
    }
  }
  endWord();
  endRun();
  return found;
}

// What a query looks up: [{ term, prefix }]. Chinese: the pairs of a run of two or more
// characters; a single character finds every term it begins. Other words: their stem; the last
// word, while it is being typed (no space or punctuation after it), also every term it begins.
export function queryTerms(query) {
  const found = terms(query);
  const open = !/[\s\p{P}]$/u.test(query);
  const wanted = new Map();
  found.forEach((t, i) => {
    let prefix;
    if (t.kind === 'pair') prefix = false;
    else if (t.kind === 'lone') prefix = true;
    else if (t.kind === 'last') return; // its pair already finds it
    else prefix = open && i === found.length - 1 && t.term.length >= MIN_PREFIX;
    const known = wanted.get(t.term);
    wanted.set(t.term, { term: t.term, prefix: prefix || Boolean(known?.prefix) });
  });
  return [...wanted.values()];
}

// ------------------------------------------------------------------ the index

function createIndex(bundle) {
  const files = new Map();
  const fetchJson = (name) => {
    if (!files.has(name)) {
      const loading = fetch(new URL(name, bundle)).then((response) => {
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return response.json();
      });
      loading.catch(() => files.delete(name));
      files.set(name, loading);
    }
    return files.get(name);
  };
  const meta = fetchJson('index.json');

  // The chunks that may hold `term` (or, with `prefix`, the terms it begins).
  function chunksFor(chunks, term, prefix) {
    // The last chunk whose first term is not after `term` (chunks are in UTF-16 order, as < is).
    let low = 0;
    let high = chunks.length - 1;
    let at = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (chunks[middle][0] <= term) {
        at = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    const picked = at >= 0 ? [chunks[at][1]] : [];
    if (prefix) {
      for (let i = at + 1; i < chunks.length && chunks[i][0].startsWith(term); i++) {
        if (picked.length >= MAX_PREFIX_CHUNKS) break;
        picked.push(chunks[i][1]);
      }
    }
    return picked;
  }

  // The pages holding a query term: Map(page number → weight).
  async function postings(index, { term, prefix }) {
    const names = chunksFor(index.chunks, term, prefix);
    const chunks = await Promise.all(names.map(fetchJson));
    const pages = new Map();
    for (const chunk of chunks) {
      const keys = prefix ? Object.keys(chunk).filter((k) => k.startsWith(term)) : Object.hasOwn(chunk, term) ? [term] : [];
      for (const key of keys) {
        const factor = key === term ? 1 : PREFIX_FACTOR;
        const list = chunk[key];
        let page = 0;
        for (let i = 0; i + 1 < list.length; i += 2) {
          page += list[i];
          const weight = list[i + 1] * factor;
          if (!(pages.get(page) >= weight)) pages.set(page, weight);
        }
      }
    }
    return pages;
  }

  return {
    // The pages that hold every term, best first: [{ page, score }].
    async search(wanted) {
      const index = await meta;
      if (wanted.length === 0 || index.pages === 0) return [];
      const lists = await Promise.all(wanted.map((t) => postings(index, t)));
      lists.sort((a, b) => a.size - b.size);
      const scored = [];
      for (const [page] of lists[0]) {
        let score = 0;
        let everywhere = true;
        for (const list of lists) {
          const weight = list.get(page);
          if (weight === undefined) {
            everywhere = false;
            break;
          }
          // BM25's inverse document frequency: rare terms count more.
          score += Math.log(1 + (index.pages - list.size + 0.5) / (list.size + 0.5)) * weight;
        }
        if (everywhere) scored.push({ page, score });
      }
      return scored.sort((a, b) => b.score - a.score || a.page - b.page);
    },
    // A page's address, title, summary and sections.
    async page(number) {
      const index = await meta;
      const group = await fetchJson(index.groups[Math.floor(number / index.group_pages)]);
      return { lang: index.lang, ...group[number % index.group_pages] };
    },
  };
}

// ------------------------------------------------------------------ the form

function setup(form) {
  const input = form.querySelector('input[type="search"]');
  const status = form.querySelector('.search-status');
  const list = form.querySelector('.search-results');
  if (!input || !status || !list) return;
  const texts = form.dataset;
  const lang = document.documentElement.lang || 'en';
  const plural = new Intl.PluralRules(lang);
  const root = new URL(texts.searchRoot || './', document.baseURI);
  let index = null;
  let latest = 0;
  let timer = 0;

  function load() {
    if (!index) index = createIndex(new URL(texts.searchBundle, document.baseURI));
    return index;
  }

  function countText(count) {
    if (count === 0) return texts.textNone;
    const one = plural.select(count) === 'one';
    return (one ? texts.textOne : texts.textOther).replace('{count}', String(count));
  }

  // The status says which query its count belongs to (data-query), so a reader's script or a
  // test can tell the answer to what was typed from the answer to a query typed half-way.
  function announce(query, text) {
    status.textContent = text;
    if (query === null) delete status.dataset.query;
    else status.dataset.query = query;
  }

  function clear() {
    latest++;
    announce(null, '');
    list.replaceChildren();
    list.hidden = true;
  }

  async function run(query) {
    const id = ++latest;
    if (!query.trim()) {
      clear();
      return;
    }
    announce(null, texts.textSearching);
    try {
      const search = load();
      const wanted = queryTerms(query);
      const found = await search.search(wanted);
      const shown = await Promise.all(found.slice(0, MAX_SHOWN).map((r) => search.page(r.page)));
      if (id !== latest) return; // a newer query is under way
      list.replaceChildren(...shown.map((page) => resultItem(page, wanted, root)).filter(Boolean));
      list.hidden = shown.length === 0;
      announce(query, countText(found.length));
    } catch (error) {
      if (id !== latest) return;
      index = null; // try again with the next query
      list.replaceChildren();
      list.hidden = true;
      announce(query, texts.textUnavailable);
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
  // Start fetching the index when the reader shows interest, not on every page view.
  input.addEventListener('focus', () => load(), { once: true });

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

// One result: the leaflet's title as a link, its summary, and an excerpt with the matches marked.
function resultItem(page, wanted, root) {
  // Slugs are lowercase words joined by hyphens; anything else is not a page of this site.
  if (typeof page.u !== 'string' || !/^[a-z0-9-]+\/$/.test(page.u)) return null;
  const item = document.createElement('li');
  item.className = 'search-result';
  const title = document.createElement('a');
  title.className = 'search-result-title';
  title.href = new URL(`${page.lang}/${page.u}`, root).pathname;
  title.textContent = page.t || page.u;
  item.append(title);
  if (page.s) {
    const summary = document.createElement('p');
    summary.className = 'search-result-summary';
    summary.textContent = page.s;
    item.append(summary);
  }
  const excerpt = excerptNodes(Array.isArray(page.x) ? page.x : [], wanted);
  if (excerpt.length > 0) {
    const paragraph = document.createElement('p');
    paragraph.className = 'search-result-excerpt';
    paragraph.append(...excerpt);
    item.append(paragraph);
  }
  return item;
}

// Where the query's terms stand in `text`: [[start, end]], joined where they touch or overlap
// (a Chinese match is several overlapping pairs: 结[肠镜][镜检] reads as one 肠镜检).
function matchRanges(text, wanted) {
  const ranges = [];
  for (const t of terms(text)) {
    for (const q of wanted) {
      if (t.term === q.term || (q.prefix && t.term.startsWith(q.term))) {
        // A single Chinese character found inside a pair marks that character only.
        const end = t.kind === 'pair' && q.term.length < t.term.length ? t.start + q.term.length : t.end;
        ranges.push([t.start, end, q.term]);
        break;
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const joined = [];
  for (const range of ranges) {
    const last = joined.at(-1);
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
      last[2].add(range[2]);
    } else {
      joined.push([range[0], range[1], new Set([range[2]])]);
    }
  }
  return joined;
}

// Chinese punctuation that ends a clause: an excerpt may start after it, and two blocks
// joined after it need no space between them.
const HAN_STOP = /[。！？；：，、）」』》]/u;

// The excerpt: from the section that holds the most of the query's terms (the first section
// when none does), around its first match, as text nodes and <mark> elements. It starts at the
// beginning of the match's paragraph or sentence when that is near, else a little before it.
function excerptNodes(sections, wanted) {
  let best = null;
  for (const section of sections) {
    const text = typeof section[2] === 'string' ? section[2] : '';
    const ranges = matchRanges(text, wanted);
    const distinct = new Set(ranges.flatMap((r) => [...r[2]])).size;
    if (!best || distinct > best.distinct) best = { text, ranges, distinct };
  }
  if (!best || !best.text) return [];
  const { text, ranges } = best;
  const han = /\p{Script=Han}/u.test(text);
  const before = han ? EXCERPT_BEFORE.han : EXCERPT_BEFORE.other;
  const length = han ? EXCERPT_LENGTH.han : EXCERPT_LENGTH.other;
  const first = ranges.length > 0 ? ranges[0][0] : 0;
  let start = Math.max(0, first - before);
  // Blocks (paragraphs, list items) are separated by \n: start in the match's own block.
  start = Math.max(start, text.lastIndexOf('\n', first - 1) + 1);
  if (start > 0 && han) {
    // …or after the end of the clause before the match.
    for (let i = first - 1; i >= start; i--) {
      if (HAN_STOP.test(text[i])) {
        start = i + 1;
        break;
      }
    }
  } else if (start > 0 && text[start - 1] !== '\n') {
    // …or at a word, not inside one.
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length && !han) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  // Blocks join with a space, or with nothing after Chinese punctuation (a zero-width space, so
  // offsets stay put).
  const shown = (from, to) =>
    text.slice(from, to).replace(/\n/g, (_, at) => (HAN_STOP.test(text[from + at - 1] || '') ? '\u200b' : ' '));
  const nodes = [];
  let at = start;
  if (start > 0 && text[start - 1] !== '\n') nodes.push(document.createTextNode('…'));
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const markFrom = Math.max(from, start);
    const markTo = Math.min(to, end);
    if (markFrom > at) nodes.push(document.createTextNode(shown(at, markFrom)));
    const mark = document.createElement('mark');
    mark.textContent = shown(markFrom, markTo);
    nodes.push(mark);
    at = markTo;
  }
  if (end > at) nodes.push(document.createTextNode(shown(at, end)));
  if (end < text.length) nodes.push(document.createTextNode('…'));
  return nodes;
}

if (typeof document !== 'undefined') {
  for (const form of document.querySelectorAll('form.search[data-search-bundle]')) setup(form);
}
