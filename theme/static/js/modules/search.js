/* The search page: a small UI on Pagefind's JS API (no Pagefind UI, no inline script; works
   under script-src 'self' 'wasm-unsafe-eval').

   - Two tiers (portal/search/index.py). The quick one (config.quick) holds a short record of
     every public item of this site and of the sites it searches (a parent's members, a
     member's parent): its result URLs are /<site-id>/<path>, mapped to that site's root. The
     full text of a site is one bundle (site.full + "shards.json" lists it, "all"; the build
     indexes large sites in shards and merges them into it, portal/search/merge.py), loaded
     when the reader asks for full text (a button under the results, first in line when the
     quick index finds nothing: on a parent the full text of every member costs several
     hundred KB more); a parent merges its members' bundles in the browser, a member its
     parent's when asked ("wide"). Filters are loaded when the reader opens the filter panel.
   - Bundles merged in the browser (fullSearch; the code says "shard" for each): Pagefind
     skips a query word an index does not hold at all, so a site without one of the words
     would answer with pages holding only the others; and it merges indexes by score, while a
     sorted search scores a page by its position in its own index. Every full-text page
     carries a hidden "shard" filter naming its site's bundle ("<site>/all"): a site's results
     are kept only when it holds every word typed, and a sorted search merges the sites' lists
     by date (ByDate), fetching a result's data only when it is a candidate for the next place.
   - Vietnamese: the indexes hold "đ" as "d" + U+0335 (portal/search/fold.py), so the query is
     marked the same way and every string shown is unmarked.
   - Tones: Pagefind folds them, so "lừa đảo" also finds "lúa" and ranks by other signals
     (a folded match in a title beats an exact one in a body). A query typed with tone marks
     gets a second pass (rerank): the first RERANK results (in full text: the first page) are
     ordered by how many of the words the reader typed with marks (or đ) the page holds
     exactly, Pagefind's order kept otherwise. A query without marks is left as Pagefind ranks it, and costs nothing more.
   - Excerpts: a result shows its summary (meta "excerpt", body text; portal/search/facts.py)
     with the query's words marked, not Pagefind's excerpt, which goes where the matches are
     densest and so often reads as a string of fields. In full text, Pagefind's excerpt is
     kept when a query word is in none of the title, number and summary (it is deeper in the
     body, and Pagefind's excerpt shows it there).
   - State lives in the URL (?q=…&type=…&sort=…&wide=1&full=1), so a search can be linked and
     the back button works; the page sets data-pt-state="done" and data-pt-count on
     [data-pt-search] when results are shown (used by the tests and the benchmark). */

const MARK = "\u0335";
const PAGE_SIZE = 10;
const DEBOUNCE_MS = 350;
const FILTER_KEYS = ["type", "site", "category", "doctype", "issuer", "field", "year"];
const RANKING = {
  // An exact-accent match outranks a folded one by more than Pagefind's default.
  diacriticSimilarity: 0.8,
  metaWeights: { title: 8 },
};

// Results re-ranked by exact tones: fragments of the first RERANK are fetched at once (those
// beyond the first page cost bytes; make bench-search reports the first query's total). A
// full-text fragment is a whole page: there only the first page is re-ranked (no extra bytes).
const RERANK = 20;
// The hidden filter naming a full-text page's shard (portal/search/shards.py), and a value no
// page has: "none" of it filters nothing but makes Pagefind count the shards that answered.
const SHARD = "shard";
const NO_SHARD = "-";
const UNDATED = "-0000"; // the name's end of a shard of pages without a date

const mark = (text) => text.replace(/đ/g, "d" + MARK).replace(/Đ/g, "D" + MARK);
const unmark = (text) =>
  String(text).replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
const format = (template, values) =>
  template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/* Pagefind's excerpt is page text with <mark> around the matched words. Keep exactly that:
   text nodes and <mark> elements, nothing else, whatever the index holds. */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = [];
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(unmark(node.data)));
    else if (node.nodeName === "MARK") out.push(el("mark", { text: unmark(node.textContent) }));
    else out.push(document.createTextNode(unmark(node.textContent)));
  }
  return out;
}

/* Words of a text as a reader typed or reads them: NFC, lower case, đ unmarked. */
const wordsOf = (text) =>
  unmark(text || "").normalize("NFC").toLocaleLowerCase("vi").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const fold = (word) =>
  word.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
const toned = (word) => word !== fold(word);

/* How many of the words typed with marks a page (title + text) holds exactly. */
function exactScore(typed, data) {
  const have = new Set(wordsOf(`${data.meta?.title || ""} ${data.content || ""}`));
  return typed.reduce((n, word) => n + (have.has(word) ? 1 : 0), 0);
}

/* The second pass: results holding more of the toned words exactly first, stable otherwise. */
async function rerank(results, query, depth) {
  const typed = [...new Set(wordsOf(query).filter(toned))];
  if (!typed.length || results.length < 2) return results;
  const head = results.slice(0, depth);
  const data = await Promise.all(head.map(dataOf));
  const scored = head.map((result, i) => ({ result, i, score: exactScore(typed, data[i]) }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map((s) => s.result).concat(results.slice(depth));
}

/* Results of several indexes, each sorted by date, merged by date as far as they are shown:
   the next result is the newest (oldest) of the lists' heads. */
class ByDate {
  constructor(lists, direction) {
    this.lists = lists.filter((list) => list.length).map((list) => ({ list, next: 0 }));
    this.length = lists.reduce((n, list) => n + list.length, 0);
    this.newest = direction === "desc";
    this.merged = [];
  }

  async slice(start, end) {
    while (this.merged.length < Math.min(end, this.length)) {
      const heads = this.lists.filter((h) => h.next < h.list.length);
      const data = await Promise.all(heads.map((h) => dataOf(h.list[h.next])));
      let best = 0;
      data.forEach((d, k) => {
        const date = d.meta?.date || "";
        const bestDate = data[best].meta?.date || "";
        if (this.newest ? date > bestDate : date < bestDate) best = k;
      });
      this.merged.push(heads[best].list[heads[best].next++]);
    }
    return this.merged.slice(start, end);
  }
}

const sliceOf = (results, start, end) =>
  Array.isArray(results) ? Promise.resolve(results.slice(start, end)) : results.slice(start, end);

/* A result's data, fetched once (the rerank and the list share it). */
function dataOf(result) {
  result.loaded = result.loaded || result.data();
  return result.loaded;
}

/* The excerpt shown: the summary with the query's words marked (folded comparison), or
   Pagefind's excerpt (text and <mark>) when there is no summary, or in full text when some of
   the query's words are in none of the title, number and summary (they are deeper in the body,
   and Pagefind's excerpt shows them there). */
function excerptOf(item, query, mode) {
  const summary = item.meta?.excerpt;
  if (!summary) return excerptNodes(item.excerpt || "");
  const wanted = new Set(wordsOf(query).map(fold));
  if (mode === "full" && item.excerpt) {
    const known = `${item.meta.title || ""} ${item.meta.number || ""} ${summary}`;
    const shown = new Set(wordsOf(known).map(fold));
    if ([...wanted].some((word) => !shown.has(word))) return excerptNodes(item.excerpt);
  }
  const parts = unmark(summary).split(/([\p{L}\p{N}]+)/u);
  return parts.filter(Boolean).map((part) => {
    const hit = /^[\p{L}\p{N}]+$/u.test(part) && wanted.has(fold(part.toLocaleLowerCase("vi")));
    return hit ? el("mark", { text: part }) : document.createTextNode(part);
  });
}

function displayDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}

class SearchPage {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.config);
    this.msg = this.config.messages;
    this.sitesById = Object.fromEntries(this.config.sites.map((s) => [s.id, s]));
    this.own = this.config.sites[0];
    this.parent = this.config.sites.find((s) => s.relation === "parent");
    this.form = document.querySelector(".pt-search--page");
    this.input = document.getElementById("pt-search-page-q");
    this.status = root.querySelector("[data-pt-status]");
    this.engines = {}; // mode → {pf, merged: Set of site ids}
    this.allFilters = {};
    this.filtersMode = null; // the mode whose filters allFilters holds
    this.results = [];
    this.shown = 0;
    this.serial = 0;
    this.timer = null;
    this.readState();
    this.build();
  }

  readState() {
    const params = new URLSearchParams(location.search);
    this.query = (params.get("q") || "").trim();
    this.sort = ["newest", "oldest"].includes(params.get("sort")) ? params.get("sort") : "";
    this.wide = params.get("wide") === "1" && Boolean(this.parent);
    this.full = params.get("full") === "1";
    // rerank=0: Pagefind's order alone (make bench-search measures the second pass with it).
    this.rerank = params.get("rerank") !== "0";
    this.selected = {};
    for (const key of FILTER_KEYS) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) this.selected[key] = new Set(values);
    }
  }

  writeState(push) {
    const params = new URLSearchParams();
    if (this.query) params.set("q", this.query);
    for (const key of FILTER_KEYS) for (const v of this.selected[key] || []) params.append(key, v);
    if (this.sort) params.set("sort", this.sort);
    if (this.wide) params.set("wide", "1");
    if (this.full) params.set("full", "1");
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  build() {
    const m = this.msg;
    this.input.value = this.query;
    this.filtersBox = el("details", { class: "pt-search-filters" },
      el("summary", { class: "pt-search-filters__title", text: m.filters }));
    // Closed until the reader opens it: the filter lists cost bytes a first search does not need.
    this.filtersBox.open = Object.keys(this.selected).length > 0;
    this.filtersBox.addEventListener("toggle", () => {
      if (this.filtersBox.open) this.showFilters();
    });
    this.groupsBox = el("div", { class: "pt-search-filters__groups" });
    this.clearButton = el("button", { class: "pt-button pt-button--secondary", type: "button", text: m.clear, hidden: true });
    this.clearButton.addEventListener("click", () => {
      this.selected = {};
      this.update(true);
    });
    if (this.parent) {
      const box = el("input", { type: "checkbox", id: "pt-search-wide" });
      box.checked = this.wide;
      box.addEventListener("change", () => {
        this.wide = box.checked;
        this.update(true);
      });
      this.wideBox = el("p", { class: "pt-search-app__wide" }, box,
        el("label", { for: "pt-search-wide", text: format(m.wide, { site: this.parent.name }) }));
    }
    const sortSelect = el("select", { id: "pt-search-sort" },
      el("option", { value: "", text: m.relevance }),
      el("option", { value: "newest", text: m.newest }),
      el("option", { value: "oldest", text: m.oldest }));
    sortSelect.value = this.sort;
    sortSelect.addEventListener("change", () => {
      this.sort = sortSelect.value;
      this.update(true);
    });
    this.filtersBox.append(
      el("p", { class: "pt-search-filters__sort" }, el("label", { for: "pt-search-sort", text: m.sort }), sortSelect),
      this.groupsBox, this.clearButton);
    this.list = el("ol", { class: "pt-search-list" });
    this.moreButton = el("button", { class: "pt-button pt-button--secondary pt-search-more", type: "button", text: m.more, hidden: true });
    this.moreButton.addEventListener("click", () => this.showMore(true));
    this.note = el("p", { class: "pt-search-app__note" });
    this.fullButton = el("button", { class: "pt-button pt-button--secondary pt-search-full", type: "button", text: m.full, hidden: true });
    this.fullButton.addEventListener("click", () => {
      this.full = true;
      this.update(true).then(() => this.status.focus());
    });
    this.status.tabIndex = -1;
    const main = el("div", { class: "pt-search-app__results" }, this.wideBox || null, this.status, this.note, this.list, this.moreButton, this.fullButton);
    this.root.append(el("div", { class: "pt-search-app__layout" }, this.filtersBox, main));

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      // A pending as-you-type search would redo this one and reset the list under the reader.
      clearTimeout(this.timer);
      this.query = this.input.value.trim();
      this.update(true);
    });
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        const query = this.input.value.trim();
        if (query === this.query) return;
        this.query = query;
        this.update(false);
      }, DEBOUNCE_MS);
    });
    window.addEventListener("popstate", () => {
      this.readState();
      this.input.value = this.query;
      sortSelect.value = this.sort;
      this.update(false, true);
    });
    this.update(false, true);
  }

  /* The shard folders of a site's full text (its shards.json); [] when it has none yet. */
  async shardsOf(site) {
    const answer = await fetch(site.full + "shards.json");
    if (!answer.ok) throw new Error(site.id);
    const manifest = await answer.json();
    return (manifest.shards || []).filter((s) => s.pages > 0).map((s) => site.full + s.name + "/");
  }

  async engine(mode) {
    if (!this.engines[mode]) {
      const own = this.own;
      const options = { ranking: RANKING, excerptLength: 30 };
      // One copy of Pagefind's code serves both tiers. The quick index is small enough to
      // search on the page's own thread, which spares readers the worker script.
      this.module = this.module || (await import(this.config.quick + "pagefind.js"));
      const shards = mode === "full" ? await this.shardsOf(own) : [this.config.quick];
      if (!shards.length) throw new Error(own.id);
      const pf = this.module.createInstance({ basePath: shards[0], noWorker: mode === "quick" });
      // Quick result URLs are /<site-id>/<path> (mapped in resultUrl); full ones site-relative.
      const baseUrl = mode === "full" ? own.base : "/";
      await pf.options({ baseUrl, ...options });
      await Promise.all(shards.slice(1).map((path) => pf.mergeIndex(path, { baseUrl, ...options })));
      this.engines[mode] = { pf, merged: new Set([own.id]) };
    }
    return this.engines[mode];
  }

  /* The full-text shards of the other sites searched now, merged once each site. Returns the
     names of those that could not be loaded. */
  async mergeFull(engine) {
    const wanted = this.config.sites.filter(
      (s) => s.relation === "member" || (s.relation === "parent" && this.wide));
    const failed = [];
    await Promise.all(wanted.map(async (site) => {
      if (engine.merged.has(site.id)) return;
      engine.merged.add(site.id);
      try {
        const shards = await this.shardsOf(site);
        await Promise.all(shards.map((path) =>
          engine.pf.mergeIndex(path, { baseUrl: site.base, ranking: RANKING, excerptLength: 30 })));
      } catch (error) {
        engine.merged.delete(site.id);
        failed.push(site.name);
      }
    }));
    return failed;
  }

  async showFilters() {
    const mode = this.full || this.wide ? "full" : "quick";
    if (this.filtersMode === mode) return;
    try {
      const engine = await this.engine(mode);
      if (mode === "full") await this.mergeFull(engine);
      this.allFilters = await engine.pf.filters();
      this.filtersMode = mode;
      this.renderFilters(this.lastCounts || {});
    } catch (error) {
      this.groupsBox.replaceChildren(el("p", { text: this.msg.failed }));
    }
  }

  filterArgument() {
    const filters = {};
    for (const [key, values] of Object.entries(this.selected)) {
      if (values.size) filters[key] = { any: [...values].map(mark) };
    }
    // A merged parent index stays loaded once asked for: unless the reader searches the parent
    // too, leave the parent out.
    if (this.parent && !this.wide) {
      const sites = filters.site ? filters.site.any : this.config.sites.map((s) => s.id);
      filters.site = { any: sites.filter((id) => id !== this.parent.id) };
    }
    return filters;
  }

  setState(state, count) {
    this.root.dataset.ptState = state;
    if (count == null) delete this.root.dataset.ptCount;
    else this.root.dataset.ptCount = String(count);
  }

  async update(push, initial) {
    if (!initial) this.writeState(push);
    const serial = ++this.serial;
    const hasFilters = Object.values(this.selected).some((v) => v.size);
    this.fullButton.hidden = true;
    this.note.textContent = "";
    if (!this.query && !hasFilters) {
      this.list.replaceChildren();
      this.moreButton.hidden = true;
      this.clearButton.hidden = true;
      this.status.textContent = this.msg.prompt;
      this.setState("idle", null);
      if (this.filtersMode) this.renderFilters({});
      return;
    }
    this.setState("loading", null);
    this.status.textContent = this.msg.loading;
    let failed = [];
    let search;
    // The quick index holds this site's items (and a parent's, its members'): searching a
    // member's parent too means searching both full texts.
    let mode = this.full || this.wide ? "full" : "quick";
    try {
      search = await this.run(mode);
    } catch (error) {
      this.status.textContent = this.msg.failed;
      this.setState("error", null);
      return;
    }
    if (serial !== this.serial || !search) return; // a newer search has started
    failed = search.failed;
    this.mode = mode;
    this.results = search.search.results;
    this.shown = 0;
    this.list.replaceChildren();
    const count = this.results.length;
    const query = this.query;
    let text;
    if (count) text = format(query ? this.msg.found : this.msg.found_all, { count, query });
    else if (query && mode === "quick") text = format(this.msg.none_quick, { query });
    else text = format(query ? this.msg.none : this.msg.none_all, { query });
    if (failed.length) text += " " + format(this.msg.partial, { sites: failed.join(", ") });
    this.lastCounts = search.search.filters || {};
    if (this.filtersBox.open) {
      if (this.filtersMode !== mode) await this.showFilters();
      else this.renderFilters(this.lastCounts);
    }
    this.clearButton.hidden = !hasFilters;
    await this.showMore(false);
    if (serial !== this.serial) return;
    this.status.textContent = text;
    if (query && count) this.note.textContent = mode === "full" ? this.msg.full_note : this.msg.quick_note;
    this.fullButton.hidden = mode === "full" || !query;
    this.setState("done", count);
  }

  async run(mode) {
    const engine = await this.engine(mode);
    const failed = mode === "full" ? await this.mergeFull(engine) : [];
    const options = { filters: this.filterArgument() };
    if (this.sort) options.sort = { date: this.sort === "newest" ? "desc" : "asc" };
    const term = this.query ? mark(this.query) : null;
    const search = mode === "full"
      ? await this.fullSearch(engine, term, options)
      : await engine.pf.search(term, options);
    if (!search) return null;
    if (this.query && !this.sort && this.rerank) {
      const depth = mode === "full" ? PAGE_SIZE : RERANK;
      search.results = await rerank(search.results, this.query, depth);
    }
    return { search, failed };
  }

  /* A full-text search over shards (see the top of this file): the results of the shards
     that hold every word typed, in Pagefind's order or merged by date. */
  async fullSearch(engine, term, options) {
    const label = (any) => ({ ...options, filters: { ...options.filters, [SHARD]: any } });
    const everyShard = { none: [NO_SHARD] }; // filters nothing, loads the shard labels
    let search = await engine.pf.search(term, label(everyShard));
    if (!search) return null;
    const answering = () => Object.entries(search.filters?.[SHARD] || {})
      .filter(([, n]) => n > 0).map(([shard]) => shard);
    let shards = answering();
    const pieces = term ? [...new Set(term.split(/\s+/).filter(Boolean))] : [];
    if (pieces.length > 1 && shards.length) {
      // Which shards hold each word (the words' chunks are loaded: no transfer).
      const each = await Promise.all(
        pieces.map((piece) => engine.pf.search(piece, { filters: { [SHARD]: everyShard } })));
      const holding = shards.filter((shard) => each.every((s) => s?.filters?.[SHARD]?.[shard] > 0));
      if (holding.length < shards.length) {
        search = holding.length
          ? await engine.pf.search(term, label({ any: holding }))
          : { ...search, results: [], filters: {} };
        shards = holding;
      }
    }
    if (options.sort) {
      // A sorted search leaves out pages without a date; a shard of undated pages has no date
      // to sort by at all, and Pagefind would return its pages unsorted.
      const dated = shards.filter((shard) => !shard.endsWith(UNDATED));
      const lists = await Promise.all(
        dated.map((shard) => engine.pf.search(term, label({ any: [shard] })).then((s) => s?.results || [])));
      search.results = new ByDate(lists, options.sort.date);
    }
    return search;
  }

  async showMore(moveFocus) {
    const serial = this.serial;
    const batch = await sliceOf(this.results, this.shown, this.shown + PAGE_SIZE);
    if (serial !== this.serial) return;
    const data = await Promise.all(batch.map(dataOf));
    if (serial !== this.serial) return;
    const first = this.shown;
    data.forEach((item, i) => this.list.append(this.renderResult(item, first + i + 1)));
    this.shown += batch.length;
    this.moreButton.hidden = this.shown >= this.results.length;
    if (moveFocus && data.length) this.list.children[first].querySelector("a").focus();
  }

  renderResult(item, position) {
    const meta = item.meta || {};
    const filters = item.filters || {};
    const type = (filters.type || [])[0];
    const siteId = (filters.site || [])[0];
    const details = [];
    if (type) details.push(this.config.types[type] || type);
    if (meta.number) details.push(unmark(meta.number)); // the excerpt is body text: show it here
    if (siteId && this.config.sites.length > 1) details.push(this.sitesById[siteId]?.name || siteId);
    const date = displayDate(meta.date);
    const link = el("a", { href: this.resultUrl(item.url), class: "pt-search-result__link" }, unmark(meta.title || item.url));
    return el("li", { class: "pt-search-result" },
      el("h2", { class: "pt-search-result__title" }, link),
      el("p", { class: "pt-search-result__meta" }, details.join(" · "),
        date ? el("span", {}, details.length ? " · " : "", el("time", { datetime: meta.date, text: date })) : null),
      el("p", { class: "pt-search-result__excerpt" }, ...excerptOf(item, this.query, this.mode)));
  }

  /* A quick result's URL is /<site-id>/<path>: that site's root + path. Full-text URLs are
     already resolved against their bundle's site root. */
  resultUrl(url) {
    if (this.mode !== "quick") return url;
    const match = /^\/([^/]+)\/(.*)$/.exec(url);
    const site = match && this.sitesById[match[1]];
    return site ? site.base + match[2] : url;
  }

  renderFilters(counts) {
    const groups = [];
    for (const [key, label] of this.config.groups) {
      const all = this.allFilters[key] || {};
      let values = Object.keys(all);
      if (key === "site") values = values.filter((v) => this.wide || this.sitesById[v]?.relation !== "parent");
      if (values.length < 2 && !(this.selected[key] || new Set()).size) continue;
      values.sort(key === "year" ? (a, b) => b.localeCompare(a)
        : (a, b) => this.valueLabel(key, a).localeCompare(this.valueLabel(key, b), "vi"));
      const chosen = this.selected[key] || new Set();
      const fieldset = el("fieldset", { class: "pt-search-filter" }, el("legend", { text: label }));
      const options = el("ul", { class: "pt-search-filter__options" });
      values.forEach((value) => {
        const plain = unmark(value);
        const id = `pt-f-${key}-${encodeURIComponent(plain).replace(/[^\w-]/g, "_")}`;
        const box = el("input", { type: "checkbox", id, value: plain });
        box.checked = chosen.has(plain);
        box.addEventListener("change", () => {
          const set = this.selected[key] || (this.selected[key] = new Set());
          if (box.checked) set.add(plain);
          else set.delete(plain);
          this.update(true);
        });
        const n = counts[key] && value in counts[key] ? counts[key][value] : null;
        options.append(el("li", {}, box, el("label", { for: id }, this.valueLabel(key, value),
          n == null ? null : el("span", { class: "pt-search-filter__count", text: ` (${n})` }))));
      });
      fieldset.append(options);
      groups.push(fieldset);
    }
    // Keep keyboard focus on the box the reader just used.
    const focused = document.activeElement && this.groupsBox.contains(document.activeElement)
      ? document.activeElement.id : null;
    this.groupsBox.replaceChildren(...groups);
    if (focused) document.getElementById(focused)?.focus();
  }

  valueLabel(key, value) {
    if (key === "type") return this.config.types[value] || value;
    if (key === "site") return this.sitesById[value]?.name || value;
    return unmark(value);
  }
}

const root = document.querySelector("[data-pt-search]");
if (root) new SearchPage(root);
