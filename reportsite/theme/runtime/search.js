/* Search, offline: a classic deferred script; no fetch(), no modules, no workers, so it
   works from file:// and in the zip. The index (reportsite/outputs/search.py) is files of
   classic scripts under assets/search/<lang>/, each calling reportsiteSearch.add(): the
   manifest (index.js) when the reader first focuses the box, with search-words.js and the
   language's stemmer; then only the term shards a query's words need, and the fragments of
   the hits shown. A hit is a block of a page (a paragraph, a heading, a caption ...); its
   link carries the query (?q=) and the block's place (&b=), and on that page this script
   scrolls to the block and marks the query's words. */
(function () {
  "use strict";
  var SHOWN = 6, CONTEXT = 60, SNIPPET = 200, TERMINAL = "0123456789abcdefghijklmnopqrstuv";
  var BLOCKS = /^(H[1-6]|P|LI|DT|DD|FIGCAPTION|CAPTION|PRE|BLOCKQUOTE|TABLE)$/;
  var DROPPED = /^(SCRIPT|STYLE|SVG|TEMPLATE|NOSCRIPT)$/i;
  var DROPPED_CLASSES = ["backlink", "footnote-backref", "footnote-ref"];
  var SPACING = /^(BR|TD|TH|TR|LI|P|DIV|DT|DD|SUP|SUB|FIGCAPTION|CAPTION|UL|OL|HR)$/;
  var loaded = {}, waiting = {}, data = {};
  var words = null;  /* window.reportsiteWords, once loaded */

  /* What each index file hands over: kept under its name, and whoever waits for it told. */
  window.reportsiteSearch = {
    add: function (lang, kind, n, value) {
      var name = lang + "/" + kind + n;
      data[name] = value;
      (waiting[name] || []).forEach(function (then) { then(); });
      delete waiting[name];
    }
  };

  /* Add a classic script once; then() when it ran (or failed: then the data is missing). */
  function addScript(src, then) {
    if (loaded[src] === true) { then(); return; }
    if (loaded[src]) { loaded[src].push(then); return; }
    loaded[src] = [then];
    var script = document.createElement("script");
    script.src = src;
    script.onload = script.onerror = function () {
      var callbacks = loaded[src];
      loaded[src] = true;
      callbacks.forEach(function (f) { f(); });
    };
    document.head.appendChild(script);
  }

  /* Add several; then() when all ran. */
  function addScripts(sources, then) {
    var left = sources.length;
    if (!left) { then(); return; }
    sources.forEach(function (src) { addScript(src, function () { if (--left === 0) { then(); } }); });
  }

  /* The language's index: the manifest, the words and the stemmer; then(index) or null. */
  function Index(form) {
    this.folder = form.getAttribute("data-folder");
    this.lang = form.getAttribute("data-lang");
    this.root = form.getAttribute("data-root");
    this.wordsSrc = form.getAttribute("data-words");
    this.terms = {};  /* term -> [postings text, a word], from the shards loaded */
    this.decoded = {};  /* term -> [[block, weight], ...] */
    this.state = "idle";
    this.queue = [];
  }

  Index.prototype.ready = function (then) {
    var self = this;
    if (this.state === "ready" || this.state === "failed") { then(this.state === "ready" ? this : null); return; }
    this.queue.push(then);
    if (this.state === "loading") { return; }
    this.state = "loading";
    addScripts([this.folder + "index.js", this.wordsSrc], function () {
      var manifest = data[self.lang + "/m0"];
      words = window.reportsiteWords;
      var stemmer = manifest && manifest.stemmer !== "kazakh" ? manifest.stemmer : "";
      addScripts(stemmer ? [self.root + "assets/snowball-" + stemmer + ".js"] : [], function () {
        var ok = manifest && words && (!stemmer || window.snowballFactory);
        if (ok) {
          self.manifest = manifest;
          self.stem = words.makeStem(manifest);
          self.spell = words.makeSpell(manifest);
        }
        self.state = ok ? "ready" : "failed";
        self.queue.splice(0).forEach(function (f) { f(ok ? self : null); });
      });
    });
  };

  /* The shard that holds term (or would): the last whose first term is not after it. */
  Index.prototype.shardOf = function (term) {
    var firsts = this.manifest.shards, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  /* The shards a query's words need: each term's, and all that a prefix may span. */
  Index.prototype.shards = function (query) {
    var self = this, wanted = {};
    if (!this.manifest.shards.length) { return []; }
    query.forEach(function (word) {
      wanted[self.shardOf(word[0])] = true;
      if (word[1]) {
        for (var k = self.shardOf(word[1]); k <= self.shardOf(word[1] + "\uffff"); k++) { wanted[k] = true; }
      }
    });
    return Object.keys(wanted).map(Number);
  };

  Index.prototype.load = function (kind, numbers, then) {
    var self = this;
    addScripts(numbers.map(function (k) { return self.folder + kind + k + ".js"; }), function () {
      numbers.forEach(function (k) {
        var shard = data[self.lang + "/" + kind + k];
        if (kind === "t" && shard) {
          Object.keys(shard).forEach(function (term) { self.terms[term] = shard[term]; });
        }
      });
      then();
    });
  };

  Index.prototype.postings = function (term) {
    if (!this.decoded[term]) { this.decoded[term] = decode(this.terms[term][0]); }
    return this.decoded[term];
  };

  /* The terms a query word matches among those loaded: its own, and the word being typed's
     letters as the beginning of others. */
  Index.prototype.matching = function (word) {
    var found = this.terms[word[0]] ? [word[0]] : [];
    if (word[1]) {
      for (var term in this.terms) {
        if (term !== word[0] && term.lastIndexOf(word[1], 0) === 0) { found.push(term); }
      }
    }
    return found;
  };

  /* Every block holding all of the query's words, best first: [block, score]. A word's
     score in a block is its best term's weight there times how rare that term is. */
  Index.prototype.rank = function (query) {
    var self = this, blocks = this.manifest.blocks, scores = null;
    query.forEach(function (word) {
      var mine = new Map();
      self.matching(word).forEach(function (term) {
        var postings = self.postings(term), rarity = idf(postings.length, blocks);
        postings.forEach(function (p) {
          var score = rarity * p[1];
          if (!(mine.get(p[0]) >= score)) { mine.set(p[0], score); }
        });
      });
      if (scores === null) { scores = mine; return; }
      var both = new Map();
      scores.forEach(function (score, block) {
        if (mine.has(block)) { both.set(block, score + mine.get(block)); }
      });
      scores = both;
    });
    var out = [];
    (scores || new Map()).forEach(function (score, block) { out.push([block, score]); });
    out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return out;
  };

  /* A near word for a word that found nothing: among the loaded terms' words, the one
     with the fewest edits (at most 2, 1 for a short word) from it, the most frequent
     first; or "". */
  Index.prototype.near = function (word) {
    var best = null, most = word.length > 4 ? 2 : 1, bestCost = most + 1, bestCount = 0;
    for (var term in this.terms) {
      var cost = distance(word, words.fold(this.terms[term][1]), most + 1);
      var count = this.terms[term][0].length;
      if (cost < bestCost || cost === bestCost && cost <= most && count > bestCount) {
        best = term; bestCost = cost; bestCount = count;
      }
    }
    return best === null ? "" : this.terms[best][1];
  };

  Index.prototype.fragment = function (block) {
    var k = Math.floor(block / this.manifest.fragmentBlocks);
    var fragment = data[this.lang + "/f" + k];
    return fragment ? [fragment.page, fragment.blocks[block % this.manifest.fragmentBlocks]] : null;
  };

  function idf(found, blocks) {
    return Math.log(1 + (blocks - found + 0.5) / (found + 0.5));
  }

  /* Postings text (search.py's encode_postings) as [[block, weight], ...]. */
  function decode(text) {
    var numbers = [], n = 0, out = [], block = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i), t = TERMINAL.indexOf(text.charAt(i));
      if (t < 0) {
        n = n * 32 + (c >= 65 && c <= 90 ? c - 65 : "wxyz-_".indexOf(text.charAt(i)) + 26);
      } else {
        numbers.push(n * 32 + t);
        n = 0;
      }
    }
    for (var j = 0; j + 1 < numbers.length; j += 2) {
      block += numbers[j];
      out.push([block, numbers[j + 1]]);
    }
    return out;
  }

  /* Edits (insert, delete, change a letter) from a to b, or limit if that many or more. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) >= limit) { return limit; }
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) { row.push(j); }
    for (i = 1; i <= a.length; i++) {
      var before = row[0], least = i;
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var here = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, before + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
        before = here;
        least = Math.min(least, row[j]);
      }
      if (least >= limit) { return limit; }
    }
    return Math.min(row[b.length], limit);
  }

  /* Whether a text's token matches one of the query's words (by the same rules). */
  function matcher(index, query) {
    var cache = new Map();
    return function (token) {
      var own = cache.get(token);
      if (own === undefined) {
        own = words.wordTerms(token, index.stem).some(function (term) {
          return query.some(function (word) { return words.matches(term, word); });
        });
        cache.set(token, own);
      }
      return own;
    };
  }

  /* --- the box and its results ----------------------------------------------------- */

  function Search(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.status = form.querySelector("[role=status]");
    this.panel = form.querySelector(".search-panel");
    this.count = form.querySelector(".search-count");
    this.list = form.querySelector(".search-results");
    this.more = form.querySelector(".search-more");
    this.index = new Index(form);
    this.runs = 0;
    this.hits = [];
    this.shown = 0;
    this.enter = false;  /* Enter pressed before the results came: open the first then */
    this.announce = null;
  }

  Search.prototype.run = function () {
    var self = this, run = ++this.runs, text = this.input.value;
    this.index.ready(function (index) {
      if (!index || run !== self.runs) { return; }
      var query = words.queryWords(text, index.stem, index.spell);
      if (!query.length) { self.close(); self.list.textContent = ""; self.say(""); return; }
      index.load("t", index.shards(query), function () {
        if (run !== self.runs) { return; }
        self.hits = index.rank(query);
        self.query = query;
        self.text = text;
        self.shown = 0;
        self.showMore(run);
      });
    });
  };

  /* Show the next SHOWN hits, once their fragments are loaded. */
  Search.prototype.showMore = function (run) {
    var self = this, index = this.index, next = this.hits.slice(this.shown, this.shown + SHOWN);
    var fragments = {};
    next.forEach(function (hit) { fragments[Math.floor(hit[0] / index.manifest.fragmentBlocks)] = true; });
    index.load("f", Object.keys(fragments).map(Number), function () {
      if (run !== self.runs) { return; }
      var matches = matcher(index, self.query);
      if (!self.shown) { self.list.textContent = ""; }  /* the old results stay until now */
      next.forEach(function (hit) { self.item(index.fragment(hit[0]), matches); });
      self.shown += next.length;
      self.more.hidden = self.shown >= self.hits.length;
      self.done();
    });
  };

  Search.prototype.done = function () {
    var self = this, count = this.hits.length, message;
    message = this.form.getAttribute("data-count").replace("{count}", String(count));
    this.count.textContent = message;
    if (!count) {  /* suggest a near word for the first word that found nothing */
      var typed = (this.text.match(new RegExp(words.TOKEN.source, "gu")) || []).map(words.fold);
      var missing = this.query.map(function (w, n) { return self.index.matching(w).length ? null : typed[n]; });
      var word = this.index.near(missing.filter(Boolean)[0] || typed[0] || "");
      message = this.form.getAttribute("data-none");
      this.count.textContent = message;
      if (word) { this.suggest(word); message += " " + this.form.getAttribute("data-suggest").replace("{word}", word); }
    }
    this.list.setAttribute("data-query", this.text);
    this.panel.hidden = false;
    window.clearTimeout(this.announce);  /* one announcement when typing pauses */
    this.announce = window.setTimeout(function () { self.say(message); }, 400);
    if (this.enter) {
      this.enter = false;
      this.open();
    }
  };

  /* "No results": a button that searches for a near word instead. */
  Search.prototype.suggest = function (word) {
    var self = this, template = this.form.getAttribute("data-suggest").split("{word}");
    var item = document.createElement("li"), button = document.createElement("button");
    button.type = "button";
    button.className = "search-suggestion";
    button.textContent = word;
    button.addEventListener("click", function () {
      self.input.value = word;
      self.input.focus();
      self.run();
    });
    item.appendChild(document.createTextNode(template[0]));
    item.appendChild(button);
    item.appendChild(document.createTextNode(template[1] || ""));
    this.list.appendChild(item);
  };

  Search.prototype.item = function (found, matches) {
    if (!found) { return; }
    var page = found[0], block = found[1];
    var link = document.createElement("a");
    link.href = page[0] + "?q=" + encodeURIComponent(this.text) + "&b=" + block[2] +
      (block[0] ? "#" + block[0] : "");
    var where = document.createElement("span");
    where.className = "search-where";
    where.textContent = block[1] && block[1] !== block[4] ? page[1] + " › " + block[1] : page[1];
    var snippet = document.createElement("span");
    snippet.className = "search-snippet";
    this.snippet(block[4], matches, snippet);
    link.appendChild(where);
    link.appendChild(snippet);
    var item = document.createElement("li");
    item.appendChild(link);
    this.list.appendChild(item);
  };

  /* A stretch of text around the first match, each matching word in <mark>. */
  Search.prototype.snippet = function (text, matches, into) {
    var hits = [], match, token = new RegExp(words.TOKEN.source, "gu");
    while ((match = token.exec(text)) !== null) {
      if (matches(match[0])) { hits.push([match.index, match.index + match[0].length]); }
      if (hits.length && match.index > hits[0][0] + SNIPPET) { break; }
    }
    var start = hits.length ? Math.max(0, hits[0][0] - CONTEXT) : 0;
    if (start > 0) { start = text.indexOf(" ", start) + 1 || start; }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) { end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end; }
    var at = start;
    into.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) { return; }
      into.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      into.appendChild(mark);
      at = hit[1];
    });
    into.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
  };

  Search.prototype.say = function (message) {
    this.status.textContent = message;
  };

  Search.prototype.close = function () {
    this.panel.hidden = true;
  };

  Search.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a"));
  };

  /* Open the first result (Enter in the box), or once the results for it have come. */
  Search.prototype.open = function () {
    var first = this.links()[0];
    if (this.list.getAttribute("data-query") !== this.input.value) { this.enter = true; return; }
    if (first) { window.location.href = first.href; }
  };

  /* Keys: down/up move between the input and the results, Escape closes. */
  Search.prototype.key = function (event) {
    var links = this.links(), at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (!this.panel.hidden || at >= 0) {
        event.preventDefault();  /* keep the query (a search field clears on Escape) */
        this.close();
        this.input.focus();
      }
    } else if (event.key === "ArrowDown" && !this.panel.hidden && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? this.input : links[at - 1]).focus();
    }
  };

  Search.prototype.reopen = function () {
    this.index.ready(function () {});
    if (this.input.value && this.list.firstChild && this.panel.hidden) { this.panel.hidden = false; }
  };

  Search.prototype.bind = function () {
    var self = this, form = this.form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (document.activeElement === self.input) { self.open(); }
    });
    this.input.addEventListener("focus", function () { self.reopen(); });
    this.input.addEventListener("click", function () { self.reopen(); });
    this.input.addEventListener("input", function () { self.enter = false; self.run(); });
    this.more.addEventListener("click", function () { self.showMore(self.runs); });
    form.addEventListener("keydown", function (event) { self.key(event); });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) { self.close(); }
    });
    this.list.addEventListener("click", function (event) {
      if (event.target.closest("a")) { self.close(); }
    });
    form.classList.add("is-ready");
  };

  /* --- the page a hit opens: scroll to the block, mark the query's words -------------- */

  /* Whether an element is left out of search (and all it holds). */
  function dropped(el) {
    return DROPPED.test(el.tagName) || el.hasAttribute("data-search-ignore") ||
      DROPPED_CLASSES.some(function (c) { return el.classList.contains(c); });
  }

  /* The searchable elements' blocks, as outputs/searchpage.py finds them in the HTML:
     [{anchor, n, element, text}], in order. */
  function pageBlocks() {
    var blocks = [], section = { anchor: "", n: 0 };
    function visit(el) {
      if (dropped(el)) { return; }
      var label = el.getAttribute("role") === "img" && el.getAttribute("aria-label");
      if (BLOCKS.test(el.tagName) || label) {
        var heading = /^H[1-6]$/.test(el.tagName) && el.id;
        if (heading) { section = { anchor: el.id, n: 0 }; }
        var text = (label || blockText(el)).replace(/\s+/g, " ").trim();
        if (text || heading) { blocks.push({ anchor: section.anchor, n: section.n++, element: el, text: text }); }
        return;
      }
      Array.prototype.forEach.call(el.children, visit);
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-search-body]"), function (region) {
      if (!region.parentElement.closest("[data-search-body]")) { visit(region); }
    });
    return blocks;
  }

  /* An element's text as search reads it: what is left out skipped, cells apart. */
  function blockText(el) {
    var out = "";
    Array.prototype.forEach.call(el.childNodes, function (node) {
      if (node.nodeType === 3) { out += node.nodeValue; }
      else if (node.nodeType === 1 && !dropped(node)) {
        var space = SPACING.test(node.tagName) ? " " : "";
        out += space + blockText(node) + space;
      }
    });
    return out;
  }

  /* Wrap each word of el that matches in <mark class="search-hit">. */
  function markWords(el, matches) {
    var texts = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var p = node.parentElement; p && p !== el; p = p.parentElement) {
          if (dropped(p)) { return NodeFilter.FILTER_REJECT; }
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    var marked = 0;
    texts.forEach(function (node) {
      var text = node.nodeValue, token = new RegExp(words.TOKEN.source, "gu"), match, at = 0;
      var parts = document.createDocumentFragment(), found = false;
      while ((match = token.exec(text)) !== null) {
        if (!matches(match[0])) { continue; }
        found = true;
        parts.appendChild(document.createTextNode(text.slice(at, match.index)));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = match[0];
        parts.appendChild(mark);
        at = match.index + match[0].length;
        marked += 1;
      }
      if (found) {
        parts.appendChild(document.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(parts, node);
      }
    });
    return marked;
  }

  /* Arriving from a hit: the query's words marked, its block in view and outlined. */
  function land(search) {
    var params = new URLSearchParams(window.location.search), text = params.get("q");
    if (!text) { return; }
    search.input.value = text;
    search.index.ready(function (index) {
      if (!index) { return; }
      var query = words.queryWords(text, index.stem, index.spell), matches = matcher(index, query);
      var anchor = decodeURIComponent(window.location.hash.slice(1)), n = Number(params.get("b"));
      var target = null;
      pageBlocks().forEach(function (block) {
        if (block.anchor === anchor && block.n === n) { target = block.element; }
      });
      Array.prototype.forEach.call(document.querySelectorAll("[data-search-body]"), function (region) {
        if (!region.parentElement.closest("[data-search-body]") && query.length) { markWords(region, matches); }
      });
      if (target) {
        target.classList.add("search-target");
        target.setAttribute("tabindex", "-1");
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
      document.documentElement.setAttribute("data-search-landed", target ? "block" : "page");
    });
  }

  window.reportsiteSearch.blocks = pageBlocks;  /* for tests/test_search.py */

  function start() {
    var form = document.querySelector("form.site-search");
    if (form && window.Map && String.prototype.normalize && window.URLSearchParams) {
      var search = new Search(form);
      search.bind();
      land(search);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
