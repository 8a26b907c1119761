// The search page (/sok/) on Pagefind's JS API, no framework. Without this
// file the form still submits ?q=. Pagefind and the word list load as soon as
// the page has been parsed (the page preloads them), so typing waits only for
// the index chunk of the word and the first result's fragment: no debounce,
// each result is shown as soon as its fragment arrives, and the address
// follows the query (?q=, ?kurs=) so a search can be shared.
import { interpret, parseVocabulary } from './search-words.js';

const form = document.querySelector('[data-search]');
const input = document.getElementById('sok-fraga');
const course = document.getElementById('sok-kurs');
const status = document.getElementById('sok-status');
const hint = document.getElementById('sok-forslag');
const list = document.getElementById('sok-traffar');
const more = document.getElementById('sok-fler');
const PAGE = 10;

let engine = null;
let vocabulary = null;
/** Which search is current: an older one that finishes late changes nothing. */
let generation = 0;
let pending = [];
let shown = 0;

function warm() {
  engine ??= import('/pagefind/pagefind.js').then(async (pagefind) => {
    // The build names the index in the page and preloads its files under that name.
    const index = document.querySelector('meta[name="pagefind-index"]')?.getAttribute('content');
    // noWorker: the search is a few milliseconds of WebAssembly, and a worker
    // would cost a script download and start-up before the first result.
    await pagefind.options({ noWorker: true, excerptLength: 24, ...(index ? { metaCacheTag: index } : {}) });
    await pagefind.init();
    return pagefind;
  });
  vocabulary ??= fetch('/sok/ord.txt')
    .then((r) => (r.ok ? r.text() : ''))
    .then(parseVocabulary, () => parseVocabulary(''));
  return Promise.all([engine, vocabulary]);
}

const quoted = (q) => `”${q}”`;

function setAddress(query, courseName) {
  const url = new URL(location.href);
  url.searchParams.delete('q');
  url.searchParams.delete('kurs');
  if (query) url.searchParams.set('q', query);
  if (courseName) url.searchParams.set('kurs', courseName);
  history.replaceState(null, '', url);
}

/** Excerpt HTML from Pagefind (text escaped, <mark> around hits) as nodes: only text and <mark> get through. */
function excerptNodes(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else out.append(node.textContent ?? '');
  }
  return out;
}

function resultItem(data) {
  const li = document.createElement('li');
  const title = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta?.title ?? data.url;
  title.append(link);
  const where = document.createElement('p');
  where.className = 'search-result-course';
  const isCourse = /^\/kurser\/[^/]+\/$/.test(data.url);
  where.textContent = isCourse ? 'Kursöversikt' : data.meta?.kurs ? `Kurs: ${data.meta.kurs}` : '';
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  excerpt.append(excerptNodes(data.excerpt ?? ''));
  li.append(title, where, excerpt);
  return li;
}

/** Shows the next page of results, each as soon as it and those before it have loaded. */
async function showMore(current) {
  const batch = pending.slice(shown, shown + PAGE);
  const firstPage = shown === 0;
  shown += batch.length;
  more.hidden = true;
  // The first result's fragment alone first: the others would compete with it for the connection.
  const first = firstPage && batch.length > 0 ? batch[0].data() : null;
  if (first) await first;
  const loads = batch.map((r, i) => (i === 0 && first ? first : r.data()));
  for (const load of loads) {
    const data = await load;
    if (current !== generation) return;
    list.append(resultItem(data));
  }
  more.hidden = shown >= pending.length;
}

function clear() {
  list.replaceChildren();
  hint.hidden = true;
  more.hidden = true;
  pending = [];
  shown = 0;
}

function offer(suggestion) {
  hint.replaceChildren('Menade du ');
  const link = document.createElement('a');
  const url = new URL('/sok/', location.href);
  url.searchParams.set('q', suggestion);
  link.href = url.pathname + url.search;
  link.textContent = suggestion;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    input.value = suggestion;
    input.focus();
    run();
  });
  hint.append(link, '?');
  hint.hidden = false;
}

async function run() {
  const current = ++generation;
  const query = input.value.trim();
  const courseName = course?.value ?? '';
  setAddress(query, courseName);
  if (!query) {
    clear();
    status.textContent = '';
    return;
  }
  const [pagefind, words] = await warm();
  if (current !== generation) return;
  const { term, unknown, suggestion } = interpret(words, query);
  const search =
    unknown.length > 0 || !term
      ? { results: [] }
      : await pagefind.search(term, courseName ? { filters: { kurs: courseName } } : {});
  if (current !== generation) return;
  clear();
  pending = search.results;
  const n = pending.length;
  const within = courseName ? ` i kursen ${courseName}` : '';
  status.textContent =
    n === 0
      ? `Inga träffar för ${quoted(query)}${within}.`
      : `${n} ${n === 1 ? 'träff' : 'träffar'} för ${quoted(query)}${within}.`;
  if (suggestion) offer(suggestion);
  await showMore(current);
}

if (form && input && status && hint && list && more) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener('input', run);
  course?.addEventListener('change', run);
  more.addEventListener('click', async () => {
    // The button disappears while the next results load: keep the keyboard where the new ones start.
    const first = list.children.length;
    await showMore(generation);
    list.children[first]?.querySelector('a')?.focus();
  });
  const params = new URLSearchParams(location.search);
  input.value = (params.get('q') ?? '').slice(0, 200);
  if (course && params.get('kurs')) course.value = params.get('kurs');
  // The page is parsed and has nothing else to do: fetch Pagefind now, so the
  // first keystroke waits only for its own index chunk.
  if (input.value) run();
  else warm();
}
