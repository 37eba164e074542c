/* Search, offline: a classic deferred script; no fetch(), no modules, no workers, so it
   works from file:// and in the zip. At load it only shows the search box. When the reader
   first focuses or types in it, it adds classic scripts: this language's index
   (assets/search-<lang>.js, made by reportsite/search.py), MiniSearch, the rules that make
   a query's words into terms (search-words.js) and, for English and Russian, the Snowball
   stemmers. */
(function () {
  "use strict";
  var LIMIT = 50, CONTEXT = 70, SNIPPET = 220;
  var words = null;  /* window.reportsiteWords, once loaded */

  function Search(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.status = form.querySelector("[role=status]");
    this.panel = form.querySelector(".search-panel");
    this.count = form.querySelector(".search-count");
    this.list = form.querySelector(".search-results");
    this.state = "idle";  /* idle, loading, ready, failed */
    this.cache = new Map();
    this.announce = null;
  }

  Search.prototype.load = function () {
    if (this.state !== "idle") { return; }
    this.state = "loading";
    var self = this, form = this.form;
    var scripts = ["data-index", "data-engine", "data-words"].map(function (name) {
      return form.getAttribute(name);
    });
    addScripts(scripts, function (ok) {
      var index = window.reportsiteSearchIndex;
      words = window.reportsiteWords;
      if (!ok || !index || !words || typeof window.MiniSearch !== "function") {
        self.state = "failed";
        return;
      }
      var needsSnowball = index.stemmer && index.stemmer !== "kazakh" && !window.snowballFactory;
      addScripts(needsSnowball ? [form.getAttribute("data-stemmers")] : [], function () {
        self.start(index);
      });
    });
  };

  Search.prototype.start = function (index) {
    this.index = index;
    this.stem = words.makeStem(index);
    this.spell = words.makeSpell(index);
    this.mini = new window.MiniSearch({
      fields: ["terms"],
      tokenize: words.expandTerms,
      processTerm: function (term) { return term; },
      searchOptions: {  /* the query comes as terms (queryOf); each is matched as given */
        prefix: false, combineWith: "AND",
        tokenize: function (term) { return [term]; },
        processTerm: function (term) { return term; }
      }
    });
    this.mini.addAll(index.sections.map(function (s, n) { return { id: n, terms: s[4] }; }));
    this.state = "ready";
    this.run();
  };

  Search.prototype.run = function () {
    if (this.state !== "ready") { this.load(); return; }
    var query = this.input.value;
    var terms = words.queryWords(query, this.stem, this.spell);
    if (!terms.length) { this.close(); this.say(""); return; }
    var found = this.mini.search({ combineWith: "AND", queries: terms.map(queryOf) });
    this.show(found.slice(0, LIMIT), terms);
    var message = this.form.getAttribute("data-count").replace("{count}", String(found.length));
    this.count.textContent = message;
    var self = this;
    window.clearTimeout(this.announce);  /* one announcement when typing pauses */
    this.announce = window.setTimeout(function () { self.say(message); }, 400);
  };

  Search.prototype.say = function (message) {
    this.status.textContent = message;
  };

  Search.prototype.show = function (found, terms) {
    var self = this, index = this.index;
    this.list.textContent = "";
    found.forEach(function (result) {
      var section = index.sections[result.id], page = index.pages[section[0]];
      var link = document.createElement("a");
      link.href = page[0] + (section[1] ? "#" + section[1] : "");
      var where = document.createElement("span");
      where.className = "search-where";
      where.textContent = section[2] ? page[1] + " › " + section[2] : page[1];
      var snippet = document.createElement("span");
      snippet.className = "search-snippet";
      self.snippet(section[3], terms, snippet);
      link.appendChild(where);
      link.appendChild(snippet);
      var item = document.createElement("li");
      item.appendChild(link);
      self.list.appendChild(item);
    });
    this.panel.hidden = false;
  };

  /* A stretch of text around the first match, each matching word in <mark>. */
  Search.prototype.snippet = function (text, terms, into) {
    var hits = [], match, token = new RegExp(words.TOKEN.source, "gu");
    while ((match = token.exec(text)) !== null) {
      if (this.matches(match[0], terms)) { hits.push([match.index, match.index + match[0].length]); }
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

  Search.prototype.matches = function (token, terms) {
    var own = this.cache.get(token);
    if (own === undefined) {
      own = words.wordTerms(token, this.stem);
      this.cache.set(token, own);
    }
    return own.some(function (term) {
      return terms.some(function (word) { return words.matches(term, word); });
    });
  };

  Search.prototype.close = function () {
    this.panel.hidden = true;
  };

  Search.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a"));
  };

  /* Keys: down/up move between the input and the results, Escape closes, Enter follows. */
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

  Search.prototype.bind = function () {
    var self = this, form = this.form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();  /* results show as one types; Enter on one follows it */
      var first = self.links()[0];
      if (first) { first.focus(); }
    });
    this.input.addEventListener("focus", function () {
      self.load();
      if (self.list.firstChild && self.input.value) { self.panel.hidden = false; }
    });
    this.input.addEventListener("input", function () { self.run(); });
    form.addEventListener("keydown", function (event) { self.key(event); });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) { self.close(); }
    });
    this.list.addEventListener("click", function () { self.close(); });
    form.classList.add("is-ready");
  };

  /* A query word [term, prefix] as a MiniSearch query: the term itself, or for the word
     being typed, the term or any term its letters begin (words.matches, as a query). */
  function queryOf(word) {
    if (!word[1]) { return word[0]; }
    return { combineWith: "OR", queries: [word[0], { queries: [word[1]], prefix: true }] };
  }

  /* Add classic scripts in order; then(true) when all loaded, then(false) if one failed. */
  function addScripts(sources, then) {
    var left = sources.length, ok = true;
    if (!left) { then(true); return; }
    sources.forEach(function (source) {
      var script = document.createElement("script");
      script.src = source;
      script.async = false;  /* run in the order given */
      script.onload = script.onerror = function (event) {
        ok = ok && event.type === "load";
        left -= 1;
        if (!left) { then(ok); }
      };
      document.head.appendChild(script);
    });
  }

  function start() {
    var form = document.querySelector("form.site-search");
    if (form && window.Map && String.prototype.normalize) { new Search(form).bind(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
