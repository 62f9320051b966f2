/* Casebook search: runs in the page, from a plain script index, so it also works from disk.

   The index (search/index.js under each language's root) is loaded on first use. Chinese:
   the query is turned into Simplified script, split into the index's words (typed without
   spaces), and each word is matched as a substring of the fields, so parts of compounds match.
   English: words are stemmed (Porter) on both sides, the last word also matches as a prefix
   while it is being typed. A page must contain every word; a title or summary match ranks
   above a passing mention. */
(function () {
  "use strict";

  var MAX_RESULTS = 10;
  var PUNCT = /[\s,.;:!?'"()\[\]{}<>\/\\|，。；：！？、“”‘’（）《》【】·…—-]+/;

  function Engine(data) {
    this.lang = data.lang;
    this.weights = data.weights;
    // The index comes by column (see search.py); the title field is the title unless
    // Simplified script changes it.
    var columns = data.columns, names = data.fields.slice(1), retitled = data.search_titles;
    this.docs = columns.url.map(function (url, d) {
      var title = columns.title[d];
      var fields = [retitled[d] || title].concat(names.map(function (name) { return columns[name][d]; }));
      return { url: url, title: title, tag: columns.tag[d], fields: fields,
               lower: fields.map(function (f) { return f.toLowerCase(); }) };
    });
    if (this.lang === "zh") {
      this.vocabulary = new Set(data.vocabulary);
      this.longest = data.vocabulary.reduce(function (n, w) { return Math.max(n, w.length); }, 1);
      // Pairs of characters, by code point: a few Simplified forms lie outside the BMP.
      var chars = Array.from(data.t2s);
      this.t2s = new Map();
      for (var i = 0; i + 1 < chars.length; i += 2) this.t2s.set(chars[i], chars[i + 1]);
    } else {
      this.buildInverted();
    }
  }

  /* English: stem -> the documents that have it (ascending) and the summed field weights of
     its words in each. Each distinct word is stemmed once and looked up once per occurrence:
     a stem's list grows only at its end, as the documents come in order (a map per stem made
     the first search wait noticeably longer). */
  Engine.prototype.buildInverted = function () {
    var stem = window.casebookStemmer, weights = this.weights;
    var words = new Map(), postings = new Map(), byWord = new Map();
    this.docs.forEach(function (doc, d) {
      doc.lower.forEach(function (field, f) {
        var found = field.match(/[a-z0-9]+/g);
        if (!found) return;
        for (var i = 0; i < found.length; i++) {
          var list = byWord.get(found[i]);
          if (list === undefined) {
            var s = stem(found[i]);
            words.set(found[i], s);
            list = postings.get(s);
            if (!list) { list = { docs: [], weights: [], last: -1 }; postings.set(s, list); }
            byWord.set(found[i], list);
          }
          if (list.last === d) list.weights[list.weights.length - 1] += weights[f];
          else { list.docs.push(d); list.weights.push(weights[f]); list.last = d; }
        }
      });
    });
    this.postings = postings;
    this.words = words;  // every word of the index -> its stem
  };

  function eachPosting(list, fn) {
    for (var i = 0; i < list.docs.length; i++) fn(list.weights[i], list.docs[i]);
  }

  Engine.prototype.simplify = function (text) {
    var t2s = this.t2s;
    return Array.from(text, function (ch) { return t2s.get(ch) || ch; }).join("");
  };

  /* A run of Chinese typed without spaces, split into the fewest pieces, each a word of the
     index or a single character; among equal splits the one with longer words first wins. */
  Engine.prototype.segment = function (run) {
    var n = run.length, best = [0], back = [0];
    for (var i = 1; i <= n; i++) {
      best[i] = Infinity;
      for (var j = Math.max(0, i - this.longest); j < i; j++) {
        var piece = run.slice(j, i);
        if (i - j > 1 && !this.vocabulary.has(piece)) continue;
        var cost = best[j] + 1 + (i - j === 1 ? 0.5 : 0);
        if (cost < best[i]) { best[i] = cost; back[i] = j; }
      }
    }
    var pieces = [];
    for (var k = n; k > 0; k = back[k]) pieces.unshift(run.slice(back[k], k));
    return pieces;
  };

  Engine.prototype.terms = function (query) {
    var self = this, terms = [];
    query = query.toLowerCase();
    if (this.lang === "zh") query = this.simplify(query);
    query.split(PUNCT).forEach(function (part) {
      if (!part) return;
      if (self.lang !== "zh") { terms.push(part); return; }
      // Latin words inside a Chinese query stay whole; Han runs are segmented.
      (part.match(/[\u3400-\u9fff]+|[^\u3400-\u9fff]+/g) || []).forEach(function (run) {
        if (/[\u3400-\u9fff]/.test(run) && !self.vocabulary.has(run)) terms.push.apply(terms, self.segment(run));
        else terms.push(run);
      });
    });
    return terms;
  };

  Engine.prototype.search = function (query) {
    var terms = this.terms(query);
    if (!terms.length) return { terms: terms, results: [] };
    var scores = this.lang === "zh" ? this.scoreSubstrings(terms, query) : this.scoreWords(terms, /\s$/.test(query));
    var results = [];
    scores.forEach(function (s, d) { results.push({ doc: this.docs[d], score: s.score, matched: s.matched }); }, this);
    // Pages with every word first, then by score; a stable tie-break keeps the content order.
    results.sort(function (a, b) { return (b.matched - a.matched) || (b.score - a.score); });
    var all = results.filter(function (r) { return r.matched === terms.length; });
    return { terms: terms, results: (all.length ? all : results).slice(0, MAX_RESULTS) };
  };

  Engine.prototype.scoreSubstrings = function (terms, query) {
    var weights = this.weights, scores = new Map(), phrase = this.simplify(query.toLowerCase().trim());
    this.docs.forEach(function (doc, d) {
      var score = 0, matched = 0;
      terms.forEach(function (term) {
        var best = 0;
        for (var f = 0; f < doc.lower.length; f++) {
          if (doc.lower[f].indexOf(term) !== -1) best = Math.max(best, weights[f] * Math.min(term.length, 4));
        }
        if (best) { matched++; score += best; }
      });
      if (!matched) return;
      // The whole query as typed, found as it is: a strong sign of the page sought.
      if (phrase.length > 1 && (doc.lower[0].indexOf(phrase) !== -1 || doc.lower[2].indexOf(phrase) !== -1)) score += 50;
      scores.set(d, { score: score, matched: matched });
    });
    return scores;
  };

  Engine.prototype.scoreWords = function (terms, complete) {
    var self = this, stem = window.casebookStemmer, scores = new Map();
    terms.forEach(function (term, i) {
      var hits = new Map(), exact = self.postings.get(stem(term));
      if (exact) eachPosting(exact, function (w, d) { hits.set(d, w * 2); });
      // The word being typed also matches as the start of a longer word.
      if (i === terms.length - 1 && !complete && term.length >= 2) {
        self.words.forEach(function (s, word) {
          if (word.length > term.length && word.lastIndexOf(term, 0) === 0) {
            eachPosting(self.postings.get(s), function (w, d) { hits.set(d, Math.max(hits.get(d) || 0, w)); });
          }
        });
      }
      hits.forEach(function (w, d) {
        var s = scores.get(d) || { score: 0, matched: 0 };
        s.score += w; s.matched += 1; scores.set(d, s);
      });
    });
    return scores;
  };

  /* ---- rendering ---- */

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function highlight(text, terms, lang) {
    var marks = terms.filter(function (t) { return t.length > (lang === "zh" ? 0 : 1); })
      .map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!marks.length) return escape(text);
    var re = new RegExp("(" + marks.sort(function (a, b) { return b.length - a.length; }).join("|") + ")", "gi");
    return text.split(re).map(function (part, i) { return i % 2 ? "<mark>" + escape(part) + "</mark>" : escape(part); }).join("");
  }

  function snippet(doc, terms) {
    // The summary where it matches, else the first field with a match, around the first match.
    var order = [2, 4, 3, 1];
    for (var k = 0; k < order.length; k++) {
      var f = order[k], text = doc.fields[f], lower = doc.lower[f];
      for (var t = 0; t < terms.length; t++) {
        var at = lower.indexOf(terms[t]);
        if (at !== -1) {
          var start = Math.max(0, at - 30);
          return (start ? "…" : "") + text.slice(start, start + 120) + (start + 120 < text.length ? "…" : "");
        }
      }
    }
    return doc.fields[2].slice(0, 120);
  }

  function Box(root) {
    this.root = root;
    this.input = root.querySelector(".cb-search__input");
    this.list = root.querySelector(".cb-search__results");
    this.status = root.querySelector(".cb-search__status");
    this.base = root.getAttribute("data-base") || ".";
    this.active = -1;
    var self = this, timer = null;
    this.input.addEventListener("focus", function () { self.load(); });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 60);
    });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    document.addEventListener("click", function (e) { if (!root.contains(e.target)) self.close(); });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "/" || e.key === "s") && document.activeElement === document.body) {
        e.preventDefault(); self.input.focus();
      }
    });
  }

  Box.prototype.load = function () {
    var self = this;
    if (this.loading) return this.loading;
    this.loading = new Promise(function (resolve, reject) {
      window.casebookSearchIndex = function (data) { self.engine = new Engine(data); resolve(self.engine); };
      var script = document.createElement("script");
      script.src = self.base + "/search/index.js";
      script.onerror = reject;
      document.head.appendChild(script);
    });
    this.loading.then(function () { if (self.input.value) self.run(); });
    return this.loading;
  };

  Box.prototype.run = function () {
    var self = this, query = this.input.value;
    if (!this.engine) { this.load(); return; }
    if (!query.trim()) { this.close(); return; }
    var found = this.engine.search(query), lang = this.engine.lang;
    this.list.innerHTML = found.results.map(function (r, i) {
      var href = self.base + "/" + r.doc.url;
      return '<li class="cb-search__result" role="option" id="cb-result-' + i + '">' +
        '<a href="' + escape(href) + '"><span class="cb-search__title">' + highlight(r.doc.title, found.terms, lang) +
        '</span> <span class="cb-search__tag">' + escape(r.doc.tag) + "</span>" +
        '<span class="cb-search__snippet">' + highlight(snippet(r.doc, found.terms), found.terms, lang) + "</span></a></li>";
    }).join("");
    this.status.textContent = found.results.length ? "" : this.root.getAttribute("data-none");
    this.root.classList.add("cb-search--open");
    this.active = -1;
    this.root.setAttribute("data-results", String(found.results.length));
    // Tells tests (and assistive tools) which query the list shows.
    this.root.setAttribute("data-query", query);
  };

  Box.prototype.key = function (e) {
    var items = this.list.querySelectorAll("a");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!items.length) return;
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : items.length - 1) + (this.active < 0 && e.key === "ArrowUp" ? 1 : 0)) % items.length;
      items.forEach(function (a, i) { a.classList.toggle("cb-search__focus", i === this.active); }, this);
      this.input.setAttribute("aria-activedescendant", "cb-result-" + this.active);
    } else if (e.key === "Enter") {
      var target = items[this.active < 0 ? 0 : this.active];
      if (target) { e.preventDefault(); window.location.href = target.href; }
    } else if (e.key === "Escape") {
      this.close(); this.input.blur();
    }
  };

  Box.prototype.close = function () {
    this.root.classList.remove("cb-search--open");
  };

  window.CasebookSearch = { Engine: Engine };
  var root = document.querySelector(".cb-search");
  if (root) window.casebookSearchBox = new Box(root);
})();
