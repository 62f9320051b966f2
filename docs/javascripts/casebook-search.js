/* Casebook search: runs in the page, from script files, so it also works from disk.

   Each language's index is cut into scripts (src/casebook/pages/searchchunks.py): a manifest
   (search/index.js) loaded on first use, postings chunks (search/g<n>.js) loaded by the keys a
   query has, and what results show (search/d<n>.js) loaded for the pages shown.
   Chinese: the query is turned into Simplified script and split into the words of the
   vocabulary; characters that make no known word stay together as a phrase. A word or phrase
   matches where its characters stand together (every pair of adjacent characters in one field).
   English: words are stemmed (Porter), the last word also matches as the beginning of a longer
   word while it is being typed. A page must hold every word; a title or summary match ranks
   above a passing mention, and a page holding the whole query as typed ranks above one holding
   its parts. When nothing matches, the box says so and offers the nearest words, the other
   language's results and the browse page. The box follows the ARIA combobox pattern. */
(function () {
  "use strict";

  var MAX_RESULTS = 10, OTHER_SHOWN = 3, SUGGESTIONS = 5;
  var MASK = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var PUNCT = /[\s,.;:!?'"()\[\]{}<>\/\\|，。；：！？、“”‘’（）《》【】·…—-]+/;
  var HAN = /[\u3400-\u9fff]/;

  /* ---- scripts, loaded once each ---- */

  var scripts = {};
  function slot(key) {
    if (!scripts[key]) {
      var s = scripts[key] = {};
      s.promise = new Promise(function (resolve, reject) { s.resolve = resolve; s.reject = reject; });
    }
    return scripts[key];
  }
  window.casebookSearchChunk = function (key, data) { slot(key).resolve(data); };
  function load(key, src) {
    var s = slot(key);
    if (!s.requested) {
      s.requested = true;
      var script = document.createElement("script");
      script.src = src;
      script.onerror = function () { s.reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    }
    return s.promise;
  }

  /* FNV-1a over code points, then mixed, as searchchunks.key_hash. */
  function hash(key) {
    var h = 0x811c9dc5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
  }
  function isAscii(text) { return /^[\x00-\x7f]*$/.test(text); }

  function decodeVarints(text) {
    var out = [], bytes = atob(text), last = 0, value = 0, shift = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes.charCodeAt(i);
      value += (b & 127) * Math.pow(2, shift);
      if (b < 128) { last += value; out.push(last); value = 0; shift = 0; } else shift += 7;
    }
    return out;
  }

  /* ---- one language's index ---- */

  function Index(lang, root) {
    this.lang = lang;
    this.root = root;
    this.postings = new Map();
  }

  Index.prototype.open = function () {
    var self = this;
    if (!this.opening) {
      this.opening = load(this.lang + ":index", this.root + "/search/index.js").then(function (m) {
        self.m = m;
        self.bodyBit = 1 << (m.fields.length - 1);
        if (self.lang === "zh") {
          self.vocabulary = new Set(m.vocabulary);
          self.longest = m.vocabulary.reduce(function (n, w) { return Math.max(n, w.length); }, 1);
          // Pairs of characters, by code point: a few Simplified forms lie outside the BMP.
          var chars = Array.from(m.t2s);
          self.t2s = new Map();
          for (var i = 0; i + 1 < chars.length; i += 2) self.t2s.set(chars[i], chars[i + 1]);
        }
        return self;
      });
    }
    return this.opening;
  };

  /* key -> Map(page -> mask of the fields holding it), from its chunk. */
  Index.prototype.posting = function (key) {
    var self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    var n = hash(isAscii(key) ? key.slice(0, 5) : key) % this.m.chunks;
    return load(this.lang + ":g" + n, this.root + "/search/g" + n + ".js").then(function (chunk) {
      var entry = chunk[key], pages = new Map();
      if (entry) {
        if (entry[0]) decodeVarints(entry[0]).forEach(function (d, i) { pages.set(d, MASK.indexOf(entry[1][i])); });
        if (entry[2]) decodeVarints(entry[2]).forEach(function (d) { pages.set(d, (pages.get(d) || 0) | self.bodyBit); });
      }
      self.postings.set(key, pages);
      return pages;
    });
  };

  /* The shown columns of page `d`. */
  Index.prototype.doc = function (d) {
    var per = this.m.docs_per_chunk, c = Math.floor(d / per), i = d % per;
    return load(this.lang + ":d" + c, this.root + "/search/d" + c + ".js").then(function (part) {
      var fields = [part.search_titles[d] || part.title[i], part.meta[i], part.summary[i], part.headings[i]];
      return { url: part.url[i], title: part.title[i], tag: part.tag[i], fields: fields,
               lower: fields.map(function (f) { return f.toLowerCase(); }) };
    });
  };

  Index.prototype.simplify = function (text) {
    var t2s = this.t2s;
    return t2s ? Array.from(text, function (ch) { return t2s.get(ch) || ch; }).join("") : text;
  };

  /* A run of Chinese typed without spaces, split into the fewest pieces, each a word of the
     vocabulary or a single character; among equal splits the one with longer words first wins. */
  Index.prototype.segment = function (run) {
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

  /* Characters that make no word of the vocabulary stay together: two or more as a phrase of
     their own, a single one with the word beside it. 白节小学 -> 白节 + 小学, never 白 + 节. */
  function phrases(pieces) {
    var out = [], loose = "";
    pieces.forEach(function (p) {
      if (p.length === 1) { loose += p; return; }
      if (loose.length === 1) p = loose + p;
      else if (loose) out.push(loose);
      loose = "";
      out.push(p);
    });
    if (loose.length === 1 && out.length) out.push(out.pop() + loose);
    else if (loose) out.push(loose);
    return out;
  }

  Index.prototype.terms = function (query) {
    var self = this, terms = [];
    // Latin words and figures as the index has them (searchchunks._WORD), Han runs split.
    (this.simplify(query.toLowerCase()).match(/[\u3400-\u9fff]+|[a-z0-9]+(?:\.[0-9]+)*/g) || []).forEach(function (run) {
      if (!HAN.test(run)) terms.push(run);
      else if (self.lang !== "zh" || self.vocabulary.has(run)) terms.push(run);
      else terms.push.apply(terms, phrases(self.segment(run)));
    });
    return terms;
  };

  /* The keys whose pages all hold a term, in one field each: the pairs of a Han term (its
     character if it has one), a Latin word itself. */
  function pairs(term) {
    if (!HAN.test(term) || term.length < 2) return [term];
    var chars = Array.from(term), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /* Map(page -> mask of the fields holding every key), keys all required. */
  Index.prototype.together = function (keys) {
    var self = this;
    return Promise.all(keys.map(function (k) { return self.posting(k); })).then(function (lists) {
      lists.sort(function (a, b) { return a.size - b.size; });
      var out = new Map(lists[0]);
      for (var i = 1; i < lists.length; i++) {
        out.forEach(function (mask, d) {
          var both = mask & (lists[i].get(d) || 0);
          if (both) out.set(d, both); else out.delete(d);
        });
      }
      return out;
    });
  };

  /* English: the index's words a query word stands for: the forms of its stem, and while it is
     being typed the commonest words it begins. */
  Index.prototype.forms = function (term, typing) {
    var stem = window.casebookStemmer, words = this.m.words;
    if (!this.stems) {
      this.stems = new Map();
      words.forEach(function (w) {
        var s = stem(w);
        if (!this.stems.has(s)) this.stems.set(s, []);
        this.stems.get(s).push(w);
      }, this);
    }
    var out = (this.stems.get(stem(term)) || []).slice();
    if (typing && term.length >= 2) {
      var begun = 0;
      for (var i = 0; i < words.length && begun < 8; i++) {
        if (words[i].length > term.length && words[i].lastIndexOf(term, 0) === 0 && out.indexOf(words[i]) === -1) {
          out.push(words[i]); begun++;
        }
      }
    }
    return out;
  };

  /* Map(page -> mask) of one term. */
  Index.prototype.match = function (term, typing) {
    var self = this;
    if (this.lang === "zh" || HAN.test(term)) return this.together(pairs(term));
    var forms = this.forms(term, typing);
    return Promise.all(forms.map(function (w) { return self.posting(w); })).then(function (lists) {
      var out = new Map();
      lists.forEach(function (list) { list.forEach(function (mask, d) { out.set(d, (out.get(d) || 0) | mask); }); });
      return out;
    });
  };

  Index.prototype.best = function (mask) {
    var w = 0;
    for (var f = 0; f < this.m.weights.length; f++) if (mask & (1 << f)) w = Math.max(w, this.m.weights[f]);
    return w;
  };

  /* {terms, total, results: [{doc, score}]}: the pages holding every term, best first. */
  Index.prototype.search = function (query) {
    var self = this, terms = this.terms(query), typing = !/\s$/.test(query);
    if (!terms.length) return Promise.resolve({ terms: terms, total: 0, results: [] });
    var whole = this.simplify(query.toLowerCase()).split(PUNCT).join("");
    var checks = terms.map(function (t, i) { return self.match(t, typing && i === terms.length - 1); });
    // The whole query as typed, its characters together: a strong sign of the page sought.
    var exact = this.lang === "zh" && terms.length > 1 && HAN.test(whole) && /^[\u3400-\u9fff]+$/.test(whole);
    if (exact) checks.push(this.together(pairs(whole)));
    return Promise.all(checks).then(function (found) {
      var scores = new Map(), most = 0;
      terms.forEach(function (term, t) {
        var weight = Math.min(Array.from(term).length, 4);
        found[t].forEach(function (mask, d) {
          var s = scores.get(d) || { score: 0, matched: 0 };
          s.score += self.best(mask) * weight; s.matched++;
          most = Math.max(most, s.matched);
          scores.set(d, s);
        });
      });
      if (exact) scores.forEach(function (s, d) { var m = found[terms.length].get(d); if (m) s.score += 25 + 2 * self.best(m); });
      // The pages holding every word; if there are none, those holding the most of them, said
      // to be partial. A page holding none is never shown.
      var ranked = [];
      scores.forEach(function (s, d) { if (s.matched === most) ranked.push({ d: d, score: s.score }); });
      // By score; a stable tie-break keeps the content order.
      ranked.sort(function (a, b) { return (b.score - a.score) || (a.d - b.d); });
      var top = ranked.slice(0, MAX_RESULTS);
      return Promise.all(top.map(function (r) { return self.doc(r.d); })).then(function (docs) {
        return { terms: terms, total: ranked.length, partial: most > 0 && most < terms.length,
                 results: top.map(function (r, i) { return { doc: docs[i], score: r.score }; }) };
      });
    });
  };

  /* The words of the index nearest a query that found nothing (at most SUGGESTIONS). */
  Index.prototype.nearest = function (query) {
    var q = this.simplify(query.toLowerCase()).split(PUNCT).join(""), scored = [];
    if (this.lang === "zh") {
      // The words sharing the longest run of characters with the query (two at least, or the
      // one character typed), the closest in length first.
      var han = (q.match(/[\u3400-\u9fff]+/g) || []).join("");
      if (!han) return [];
      this.m.vocabulary.forEach(function (w) {
        var common = sharedRun(han, w);
        if (common >= Math.min(2, han.length)) scored.push([-common, Math.abs(w.length - han.length), w]);
      });
    } else {
      var words = q.match(/[a-z]+/g) || [];
      if (!words.length) return [];
      this.m.words.forEach(function (w, rank) {
        if (/^\d/.test(w)) return;
        words.forEach(function (typed) {
          if (Math.abs(w.length - typed.length) > 2) return;
          var d = distance(typed, w);
          if (d <= (typed.length > 5 ? 2 : 1)) scored.push([d, rank, w]);
        });
      });
    }
    scored.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]) || (a[2] < b[2] ? -1 : 1); });
    var out = [];
    scored.forEach(function (s) { if (out.length < SUGGESTIONS && out.indexOf(s[2]) === -1) out.push(s[2]); });
    return out;
  };

  function sharedRun(a, b) {
    var best = 0;
    for (var i = 0; i < a.length; i++) {
      for (var n = best + 1; i + n <= a.length && b.indexOf(a.slice(i, i + n)) !== -1; n++) best = n;
    }
    return best;
  }

  function distance(a, b) {
    var prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      for (var k = 1; k <= b.length; k++) {
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

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
    // The summary where it matches, else the first field with a match, around the first match;
    // a match in the body alone shows the summary.
    var order = [2, 3, 1];
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
    return doc.fields[2].slice(0, 120) + (doc.fields[2].length > 120 ? "…" : "");
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function Box(root) {
    this.root = root;
    this.input = root.querySelector(".cb-search__input");
    this.list = root.querySelector(".cb-search__results");
    this.status = root.querySelector(".cb-search__status");
    this.base = root.getAttribute("data-base") || ".";
    var lang = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";
    this.index = new Index(lang, this.base);
    // The other language's root beside this one: English under /en/ of the Chinese site.
    this.other = new Index(lang === "zh" ? "en" : "zh", lang === "zh" ? this.base + "/en" : this.base + "/..");
    this.active = -1;
    this.runs = 0;
    var self = this, timer = null;
    this.input.addEventListener("focus", function () { self.index.open(); });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 60);
    });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest("[role=option]");
      if (option) window.location.href = option.getAttribute("data-href");
    });
    this.status.addEventListener("click", function (e) {
      var word = e.target.closest("[data-word]");
      if (word) { self.input.value = word.getAttribute("data-word"); self.input.focus(); self.run(); }
    });
    document.addEventListener("click", function (e) { if (!root.contains(e.target)) self.close(); });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "/" || e.key === "s") && document.activeElement === document.body) {
        e.preventDefault(); self.input.focus();
      }
    });
  }

  Box.prototype.run = function () {
    var self = this, query = this.input.value, run = ++this.runs;
    if (!query.trim()) { this.close(); return; }
    this.index.open().then(function (index) { return index.search(query); }).then(function (found) {
      if (run !== self.runs) return;
      if (found.results.length) return self.show(query, found, null);
      return self.otherLanguage(query).then(function (other) { if (run === self.runs) self.show(query, found, other); });
    }).catch(function (error) {
      if (run === self.runs) { self.status.textContent = String(error.message || error); self.root.setAttribute("data-query", query); }
    });
  };

  /* The other language's results, when the query is in its script or words. */
  Box.prototype.otherLanguage = function (query) {
    var han = HAN.test(query), latin = /[a-z]/i.test(query);
    var theirs = this.other.lang === "zh" ? han : latin && !han;
    if (!theirs) return Promise.resolve(null);
    var other = this.other;
    return other.open().then(function (index) { return index.search(query); })
      .catch(function () { return null; });
  };

  Box.prototype.show = function (query, found, other) {
    var self = this, lang = this.index.lang, texts = this.index.m.texts;
    this.list.innerHTML = found.results.map(function (r, i) {
      return '<li class="cb-search__result" role="option" aria-selected="false" id="cb-result-' + i + '" data-href="' +
        escape(self.base + "/" + r.doc.url) + '"><span class="cb-search__title">' + highlight(r.doc.title, found.terms, lang) +
        '</span> <span class="cb-search__tag">' + escape(r.doc.tag) + "</span>" +
        '<span class="cb-search__snippet">' + highlight(snippet(r.doc, found.terms), found.terms, lang) + "</span></li>";
    }).join("");
    var html = found.partial ? '<p class="cb-search__partial">' + escape(texts.search_partial) + "</p>" : "";
    if (!found.results.length) {
      html += '<p class="cb-search__none">' + escape(format(texts.search_none, { query: query.trim() })) + "</p>";
      var near = this.index.nearest(query);
      if (near.length) {
        html += '<p class="cb-search__nearest">' + escape(texts.search_nearest) + " " + near.map(function (w) {
          return '<button type="button" class="cb-search__word" data-word="' + escape(w) + '">' + escape(w) + "</button>";
        }).join(" ") + "</p>";
      }
      if (other && other.total) {
        html += '<div class="cb-search__other" lang="' + this.other.lang + '"><p>' +
          escape(format(other.total === 1 ? texts.search_other_one : texts.search_other, { count: other.total })) + "</p><ul>" +
          other.results.slice(0, OTHER_SHOWN).map(function (r) {
            return '<li><a href="' + escape(self.other.root + "/" + r.doc.url) + '">' + escape(r.doc.title) + "</a></li>";
          }).join("") + "</ul></div>";
      }
      html += '<p><a class="cb-search__browse" href="' + escape(this.base + "/browse/") + '">' + escape(texts.search_browse) + "</a></p>";
    }
    this.status.innerHTML = html;
    this.root.setAttribute("data-partial", found.partial ? "true" : "false");
    this.root.classList.add("cb-search--open");
    this.input.setAttribute("aria-expanded", found.results.length ? "true" : "false");
    this.select(-1);
    this.root.setAttribute("data-results", String(found.results.length));
    this.root.setAttribute("data-other", String(other ? other.total : 0));
    // Tells tests (and assistive tools) which query the list shows.
    this.root.setAttribute("data-query", query);
  };

  Box.prototype.select = function (i) {
    var options = this.list.querySelectorAll("[role=option]");
    this.active = i;
    options.forEach(function (o, k) {
      o.setAttribute("aria-selected", k === i ? "true" : "false");
      o.classList.toggle("cb-search__focus", k === i);
    });
    if (i >= 0 && options[i]) {
      this.input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else this.input.removeAttribute("aria-activedescendant");
  };

  Box.prototype.key = function (e) {
    var options = this.list.querySelectorAll("[role=option]");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!options.length) return;
      if (!this.root.classList.contains("cb-search--open")) this.open();
      var n = options.length;
      this.select(this.active < 0 ? (e.key === "ArrowDown" ? 0 : n - 1) : (this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
    } else if (e.key === "Enter") {
      var target = options[this.active < 0 ? 0 : this.active];
      if (target) { e.preventDefault(); window.location.href = target.getAttribute("data-href"); }
    } else if (e.key === "Escape") {
      // The list closes; the reader stays in the box to type again.
      e.preventDefault();
      this.close();
      this.input.focus();
    }
  };

  Box.prototype.open = function () {
    this.root.classList.add("cb-search--open");
    this.input.setAttribute("aria-expanded", this.list.children.length ? "true" : "false");
  };

  Box.prototype.close = function () {
    this.root.classList.remove("cb-search--open");
    this.input.setAttribute("aria-expanded", "false");
    this.select(-1);
  };

  window.CasebookSearch = { Index: Index, phrases: phrases };
  var root = document.querySelector(".cb-search");
  if (root) window.casebookSearchBox = new Box(root);
})();
