/* Casebook search: runs in the page, from script files, so it also works from disk.

   Each language's index is cut into scripts (src/casebook/pages/searchchunks.py): a manifest
   (search/index.js) loaded on first use, postings chunks (search/g<n>.js) loaded by the keys a
   query has, and what results show (search/d<n>.js) loaded for the pages shown.
   Chinese: the query is turned into Simplified script and split into the words of the
   vocabulary; characters that make no known word stay together as a phrase. A word or phrase
   matches where its characters stand together (every pair of adjacent characters in one field).
   English: a word matches the index's words of the same key (searchwords.ENGLISH: British
   spelling folded, an inflection dropped), found in one chunk; the last word also matches as
   the beginning of a longer word while it is being typed (search/w<letter>.js for two to four
   letters). A page holding a word only in another form (boards for boarding) ranks lower, and
   if no page holds it as typed the box says so. A page must hold every word; a title or
   summary match ranks above a passing mention, and a page holding the whole query as typed
   ranks above one holding its parts. When nothing matches, or only part of the query, a word
   one edit off is corrected; else the box says so and offers the nearest words (search/words.js),
   the other language's results and the browse page. The box follows the ARIA combobox pattern. */
(function () {
  "use strict";

  var OTHER_SHOWN = 3, SUGGESTIONS = 5;
  // The index format this script reads (searchchunks.FORMAT_VERSION); everything else about the
  // format and the ranking comes from the manifest (searchchunks.wire_format, search.SCORING).
  var FORMAT = 4;
  var HAN = /[\u3400-\u9fff]/;  // only to tell which language a query is in, before any index is open

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
      // A file that failed (a dropped connection) is asked for again by the next query.
      script.onerror = function () { delete scripts[key]; s.reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    }
    return s.promise;
  }

  /* searchchunks.key_hash, from the manifest's constants. */
  function hasher(spec) {
    var basis = spec.fnv[0], prime = spec.fnv[1], f = spec.fmix;
    return function (key) {
      var h = basis;
      for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), prime) >>> 0;
      h ^= h >>> f[0];
      h = Math.imul(h, f[1]) >>> 0;
      h ^= h >>> f[2];
      h = Math.imul(h, f[3]) >>> 0;
      return (h ^ (h >>> f[4])) >>> 0;
    };
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

  /* search.ENGLISH's rules as functions: $1 in a replacement is the first group in both languages. */
  function rules(list) {
    return (list || []).map(function (r) { return [new RegExp(r[0]), r[1]]; });
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
        var f = m.format || {};
        if (f.version !== FORMAT) throw new Error("search index format " + f.version + ", this page reads " + FORMAT + ": reload the page");
        self.m = m;
        self.hash = hasher(f.hash);
        self.han = new RegExp("[" + f.han + "]");
        self.hanOnly = new RegExp("^[" + f.han + "]+$");
        self.hanRuns = new RegExp("[" + f.han + "]+", "g");
        self.tokens = new RegExp("[" + f.han + "]+|" + f.word, "g");
        self.marks = new RegExp("[" + f.marks + "]", "g");
        self.punct = new RegExp("[" + f.punct + "]+");
        self.bodyBit = 1 << (m.fields.length - 1);
        self.column = {};
        f.shown.forEach(function (name, i) { self.column[name] = i; });
        var english = m.english || {};
        self.fold = rules(english.fold);
        self.inflect = rules(english.inflect);
        self.closeRules = english.close == null ? self.inflect.length : english.close;
        self.stop = new Set(m.scoring.stop);
        self.question = new Set(m.scoring.question);
        self.t2s = new Map();
        self.t2sPhrases = new Map();
        self.longestPhrase = 0;
        if (self.lang === "zh") {
          // The words of questions are words too, so that a question is cut around them.
          self.vocabulary = new Set(m.vocabulary.concat(m.scoring.stop));
          self.longest = 1;
          self.vocabulary.forEach(function (w) { self.longest = Math.max(self.longest, w.length); });
          // Pairs of characters, by code point: a few Simplified forms lie outside the BMP.
          var chars = Array.from(m.t2s);
          for (var i = 0; i + 1 < chars.length; i += 2) self.t2s.set(chars[i], chars[i + 1]);
          (m.t2s_phrases || []).forEach(function (p) {
            var tv = p.split("=");
            self.t2sPhrases.set(tv[0], tv[1]);
            self.longestPhrase = Math.max(self.longestPhrase, tv[0].length);
          });
        }
        return self;
      });
    }
    return this.opening;
  };

  /* What of a key gives its chunk (searchchunks.chunk_text): an English word by the first
     letters of its key, a key holding figures by its first letters, a figure by its first
     characters; else the whole key. */
  Index.prototype.chunkText = function (key) {
    var prefix = this.m.format.latin_prefix;
    if (!prefix || !isAscii(key)) return key;
    var letters = /^[a-z]*/.exec(key)[0];
    if (letters === key) return this.key(key).slice(0, prefix);
    return letters.slice(0, prefix) || key.slice(0, prefix);
  };

  /* The postings chunk of `text` (a chunkText). */
  Index.prototype.chunk = function (text) {
    var n = this.hash(text) % this.m.chunks;
    return load(this.lang + ":g" + n, this.root + "/search/g" + n + ".js");
  };

  /* key -> Map(page -> mask of the fields holding it), from its chunk. */
  Index.prototype.posting = function (key) {
    var self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    var mask = this.m.format.mask;
    return this.chunk(this.chunkText(key)).then(function (chunk) {
      var entry = chunk[key], pages = new Map();
      // A number is the count of a word posted in another chunk (searchchunks.moved_words).
      if (Array.isArray(entry)) {
        if (entry[0]) decodeVarints(entry[0]).forEach(function (d, i) { pages.set(d, mask.indexOf(entry[1][i])); });
        if (entry[2]) decodeVarints(entry[2]).forEach(function (d) { pages.set(d, (pages.get(d) || 0) | self.bodyBit); });
      }
      self.postings.set(key, pages);
      return pages;
    });
  };

  /* The shown columns of page `d`. */
  Index.prototype.doc = function (d) {
    var per = this.m.docs_per_chunk, c = Math.floor(d / per), i = d % per, shown = this.m.format.shown;
    return load(this.lang + ":d" + c, this.root + "/search/d" + c + ".js").then(function (part) {
      // Fields by name, the title as searched (its Simplified form where that differs).
      var fields = {};
      shown.forEach(function (name) { fields[name] = part[name][i]; });
      fields.title = part.search_titles[d] || part.title[i];
      return { d: d, url: part.url[i], title: part.title[i], tag: part.tag[i], fields: fields };
    });
  };

  /* Traditional to Simplified as the index converted the content (OpenCC): the longest
     phrase of t2s_phrases that starts here, else one character from the table. */
  Index.prototype.simplify = function (text) {
    var chars = Array.from(text), out = "", i = 0;
    while (i < chars.length) {
      var done = false;
      for (var n = Math.min(this.longestPhrase, chars.length - i); n >= 2 && !done; n--) {
        var to = this.t2sPhrases.get(chars.slice(i, i + n).join(""));
        if (to !== undefined) { out += to; i += n; done = true; }
      }
      if (!done) { out += this.t2s.get(chars[i]) || chars[i]; i++; }
    }
    return out;
  };

  /* A query as the index reads it: lower case, without tone marks or accents (Xiàgǔpíng:
     xiaguping), in Simplified script. */
  Index.prototype.normal = function (query) {
    return this.simplify(query.toLowerCase().normalize("NFD").replace(this.marks, "").normalize("NFC"));
  };

  /* An English word's key (searchwords.ENGLISH): British spelling folded, an inflection
     dropped; its close key (a plural dropped only) if `close`. */
  Index.prototype.key = function (word, close) {
    for (var i = 0; i < this.fold.length; i++) {
      if (this.fold[i][0].test(word)) { word = word.replace(this.fold[i][0], this.fold[i][1]); break; }
    }
    var n = close ? this.closeRules : this.inflect.length;
    for (var j = 0; j < n && j < this.inflect.length; j++) word = word.replace(this.inflect[j][0], this.inflect[j][1]);
    return word;
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

  /* The query's terms: Latin words and figures as the index has them, Han runs split into
     words and phrases; the words of a question (search.SCORING's `stop`: how, 如何, 的) left
     out unless nothing else is left. */
  Index.prototype.terms = function (query) {
    var self = this, terms = [], stop = this.stop;
    (this.normal(query).match(this.tokens) || []).forEach(function (run) {
      if (!self.han.test(run) || self.lang !== "zh" || self.vocabulary.has(run)) { terms.push(run); return; }
      // A word of a question between two phrases keeps them apart (如何防止走过场: 防止 + 走过场).
      var chunk = [];
      self.segment(run).concat([null]).forEach(function (p) {
        if (p === null || stop.has(p)) {
          terms.push.apply(terms, phrases(chunk));
          if (p !== null) terms.push(p);
          chunk = [];
        } else chunk.push(p);
      });
    });
    var kept = terms.filter(function (t) { return !stop.has(t); });
    return kept.length ? kept : terms;
  };

  /* Whether a query asks a question: a question's words in it, or a question mark. */
  Index.prototype.asks = function (query) {
    var self = this, q = this.normal(query);
    if (/[?？]/.test(q)) return true;
    var words = q.match(this.tokens) || [];
    if (this.lang === "zh") words = [].concat.apply([], words.map(function (r) { return self.han.test(r) ? self.segment(r) : [r]; }));
    return words.some(function (w) { return self.question.has(w); });
  };

  /* The keys whose pages all hold a term, in one field each: the pairs of a Han term (its
     character if it has one), a Latin word itself. */
  Index.prototype.pairs = function (term) {
    if (!this.han.test(term) || term.length < 2) return [term];
    var chars = Array.from(term), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  };

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

  /* English: every word of the index, the commonest first (searchchunks.WORDS_SCRIPT), loaded
     only when a query needs it; this.allWords once loaded. */
  Index.prototype.words = function () {
    var self = this;
    if (this.lang !== "en") return Promise.resolve([]);
    return load(this.lang + ":words", this.root + "/search/words.js").then(function (words) {
      self.allWords = words;
      return words;
    });
  };

  /* English: the words that begin with `letter`, the commonest first (search/w<letter>.js). */
  Index.prototype.initialWords = function (letter) {
    if ((this.m.initials || "").indexOf(letter) === -1) return Promise.resolve([]);
    return load(this.lang + ":w" + letter, this.root + "/search/w" + letter + ".js");
  };

  /* The words of the chunk of `text`: key -> its words posted there, and every word there or
     counted there, the commonest first (as the words file orders them). */
  Index.prototype.chunkWords = function (text) {
    var self = this, n = this.hash(text) % this.m.chunks;
    this.wordsOf = this.wordsOf || new Map();
    if (this.wordsOf.has(n)) return Promise.resolve(this.wordsOf.get(n));
    return this.chunk(text).then(function (chunk) {
      var byKey = new Map(), counted = [];
      Object.keys(chunk).forEach(function (w) {
        if (!/^[a-z]+$/.test(w)) return;
        var entry = chunk[w];
        if (Array.isArray(entry)) {
          var k = self.key(w);
          if (!byKey.has(k)) byKey.set(k, []);
          byKey.get(k).push(w);
          counted.push([entry[0].length + entry[2].length, w]);
        } else counted.push([entry, w]);
      });
      counted.sort(function (a, b) { return (b[0] - a[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      var found = { byKey: byKey, ordered: counted.map(function (c) { return c[1]; }) };
      self.wordsOf.set(n, found);
      return found;
    });
  };

  /* English: the index's words a query word stands for: those of its key (its other
     inflections and spellings), from its key's chunk, and while it is being typed the
     commonest words it begins, from the chunk of its first letters (of fewer letters, from
     the words of its first letter). */
  Index.prototype.forms = function (term, typing) {
    var self = this, prefix = this.m.format.latin_prefix;
    // A figure is its own key (the words hold none).
    if (/[0-9]/.test(term)) return Promise.resolve([term]);
    var begins = !typing || term.length < 2 ? Promise.resolve([])
      : term.length >= prefix ? this.chunkWords(term.slice(0, prefix)).then(function (c) { return c.ordered; })
      : this.initialWords(term[0]);
    return Promise.all([this.chunkWords(this.chunkText(term)), begins]).then(function (found) {
      var out = (found[0].byKey.get(self.key(term)) || []).slice(), words = found[1], begun = 0;
      for (var i = 0; i < words.length && begun < 8; i++) {
        if (words[i].length > term.length && words[i].lastIndexOf(term, 0) === 0 && out.indexOf(words[i]) === -1) {
          out.push(words[i]); begun++;
        }
      }
      return out;
    });
  };

  /* Map(page -> mask) of one term. */
  Index.prototype.match = function (term, typing) {
    var self = this;
    if (this.lang === "zh" || this.han.test(term)) return this.together(this.pairs(term));
    return this.forms(term, typing).then(function (forms) {
      return Promise.all(forms.map(function (w) { return self.posting(w); }));
    }).then(function (lists) {
      var out = new Map();
      lists.forEach(function (list) { list.forEach(function (mask, d) { out.set(d, (out.get(d) || 0) | mask); }); });
      return out;
    });
  };

  Index.prototype.best = function (mask) {
    var w = 0;
    var weights = this.m.scoring.weights;
    for (var f = 0; f < weights.length; f++) if (mask & (1 << f)) w = Math.max(w, weights[f]);
    return w;
  };

  /* The query's terms in groups: each group is found where one of its alternatives is, an
     alternative being terms found together. A run of terms that is a word of the synonyms
     (content/synonyms.yml, glossary aliases) has that word's group as alternatives; any other
     term is a group of itself. */
  Index.prototype.groups = function (terms) {
    var self = this, out = [];
    if (!this.synonyms) {
      // synonym word's terms joined by spaces -> [its group's other words' terms]
      this.synonyms = new Map();
      this.longestSynonym = 1;
      (this.m.synonyms || []).forEach(function (group, g) {
        var parts = group.map(function (w) { return self.terms(w); });
        parts.forEach(function (p, i) {
          var k = p.map(function (t) { return self.same(t); }).join(" ");
          if (!self.synonyms.has(k)) self.synonyms.set(k, { groups: [], also: [] });
          var entry = self.synonyms.get(k);
          entry.groups.push(g);
          parts.forEach(function (q, j) { if (j !== i && q.length) entry.also.push({ terms: q, text: group[j] }); });
          self.longestSynonym = Math.max(self.longestSynonym, p.length);
        });
      });
    }
    // Pinyin typed with spaces (xia gu ping) is searched joined too, as the index has it.
    if (this.lang === "zh" && terms.length > 1 && terms.every(function (t) { return /^[a-z]+$/.test(t); })) {
      return [{ typed: terms, also: [{ terms: [terms.join("")], text: terms.join("") }], synonyms: [] }];
    }
    for (var i = 0; i < terms.length;) {
      var found = null, n;
      for (n = Math.min(this.longestSynonym, terms.length - i); n >= 1 && !found; n--) {
        found = this.synonyms.get(terms.slice(i, i + n).map(function (t) { return self.same(t); }).join(" "));
        if (found) break;
      }
      if (found) { out.push({ typed: terms.slice(i, i + n), also: found.also, synonyms: found.groups }); i += n; }
      else { out.push({ typed: [terms[i]], also: [], synonyms: [] }); i++; }
    }
    return out;
  };

  /* Whether page `d` answers questions: a checklist (the manifest's `answers`: ranges of pages). */
  Index.prototype.answers = function (d) {
    return (this.m.answers || []).some(function (r) { return d >= r[0] && d < r[1]; });
  };

  /* What two terms must share to be the same word: an English word's key, else the term. */
  Index.prototype.same = function (term) {
    return this.lang === "en" && !this.han.test(term) ? this.key(term) : term;
  };

  /* Map(page -> mask) of pages holding every term of `terms`, the last one `typing`. */
  /* Map(page -> mask) of the pages holding `term` closely: in a form of its close key (as
     typed, its plural, its other spelling) or, while it is typed, as the beginning of a longer word. */
  Index.prototype.closeMatch = function (term, typing) {
    var self = this;
    if (this.lang === "zh" || this.han.test(term) || /[0-9]/.test(term)) return this.match(term, typing);
    var near = this.key(term, true);
    return this.forms(term, typing).then(function (forms) {
      return Promise.all(forms.filter(function (w) {
        return self.key(w, true) === near || (typing && w.length > term.length && w.lastIndexOf(term, 0) === 0);
      }).map(function (w) { return self.posting(w); }));
    }).then(function (lists) {
      var out = new Map();
      lists.forEach(function (list) { list.forEach(function (mask, d) { out.set(d, (out.get(d) || 0) | mask); }); });
      return out;
    });
  };

  Index.prototype.all = function (terms, typing, close) {
    var self = this;
    return Promise.all(terms.map(function (t, i) {
      var last = typing && i === terms.length - 1;
      return close ? self.closeMatch(t, last) : self.match(t, last);
    }))
      .then(function (lists) {
        lists.sort(function (a, b) { return a.size - b.size; });
        var out = new Map(lists[0]);
        for (var i = 1; i < lists.length; i++) {
          out.forEach(function (mask, d) { if (lists[i].has(d)) out.set(d, mask | lists[i].get(d)); else out.delete(d); });
        }
        return out;
      });
  };

  /* {terms, also, total, partial, results: [{doc, score}]}: the pages holding every group of
     the query's terms, best first (search.SCORING). */
  Index.prototype.search = function (query) {
    var self = this, terms = this.terms(query), typing = !/\s$/.test(query), sc = this.m.scoring;
    if (!terms.length) return Promise.resolve({ terms: terms, also: [], total: 0, results: [] });
    var groups = this.groups(terms);
    var whole = this.normal(query).split(this.punct).join("");
    var checks = groups.map(function (g, i) {
      var last = typing && i === groups.length - 1;
      // The pages holding another word of the group: by the group's key where the index has
      // one (search.synonym_keys), else by each word.
      var keys = self.m.synonym_keys, others = keys && keys.length && g.synonyms.length
        ? g.synonyms.map(function (k) { return self.posting(keys[k]); })
        : g.also.map(function (a) { return self.all(a.terms, false); });
      return Promise.all([self.all(g.typed, last)].concat(others))
        .then(function (lists) {
          var out = new Map();
          lists.forEach(function (list) { list.forEach(function (mask, d) { out.set(d, (out.get(d) || 0) | mask); }); });
          // English: the pages holding the words typed only in a form of another close key
          // (boards for boarding), and no other word of their synonym group.
          if (self.lang !== "en" || !out.size) return { pages: out, loose: new Set() };
          return self.all(g.typed, last, true).then(function (close) {
            var loose = new Set();
            out.forEach(function (mask, d) {
              if (!close.has(d) && !lists.slice(1).some(function (list) { return list.has(d); })) loose.add(d);
            });
            return { pages: out, loose: loose };
          });
        });
    });
    // The whole query as typed, its characters together: a strong sign of the page sought.
    var exact = this.lang === "zh" && terms.length > 1 && this.hanOnly.test(whole);
    if (exact) checks.push(this.together(this.pairs(whole)));
    return Promise.all(checks).then(function (found) {
      var scores = new Map(), most = 0, forms = [];
      groups.forEach(function (g, t) {
        var weight = Math.min(Array.from(g.typed.join("")).length, sc.term_cap), loose = found[t].loose;
        if (found[t].pages.size && loose.size === found[t].pages.size) forms.push(g.typed.join(" "));
        found[t] = found[t].pages;
        found[t].forEach(function (mask, d) {
          var s = scores.get(d) || { score: 0, matched: 0 };
          s.score += Math.floor(self.best(mask) * weight / (loose.has(d) ? sc.loose_divisor : 1)); s.matched++;
          most = Math.max(most, s.matched);
          scores.set(d, s);
        });
      });
      if (exact) scores.forEach(function (s, d) { var m = found[groups.length].get(d); if (m) s.score += sc.whole_bonus + sc.whole_factor * self.best(m); });
      // A question is answered by a checklist before a glossary entry names its words.
      if (self.asks(query)) scores.forEach(function (s, d) { if (self.answers(d)) s.score *= sc.question_factor; });
      // The pages holding every group; if there are none, those holding the most of them, said
      // to be partial. A page holding none is never shown.
      var ranked = [];
      scores.forEach(function (s, d) { if (s.matched === most) ranked.push({ d: d, score: s.score }); });
      // By score; a stable tie-break keeps the content order.
      ranked.sort(function (a, b) { return (b.score - a.score) || (a.d - b.d); });
      var top = ranked.slice(0, sc.results);
      var also = [];
      // The words searched besides those typed, as the synonyms write them (a short form
      // inside the words typed is not news).
      var sep = self.lang === "zh" ? "" : " ";
      groups.forEach(function (g) {
        var typed = g.typed.join(sep);
        g.also.forEach(function (a) {
          if (typed.indexOf(a.terms.join(sep)) === -1 && also.indexOf(a.text) === -1) also.push(a.text);
        });
      });
      return Promise.all(top.map(function (r) { return self.doc(r.d); })).then(function (docs) {
        return { terms: terms, also: also, total: ranked.length, partial: most > 0 && most < groups.length,
                 forms: ranked.length ? forms : [],
                 results: top.map(function (r, i) { return { doc: docs[i], score: r.score }; }) };
      });
    });
  };

  /* The words of the index nearest a query that found nothing (at most SUGGESTIONS); in English
     once every word is loaded (words()). */
  Index.prototype.nearest = function (query) {
    var q = this.normal(query).split(this.punct).join(""), scored = [];
    if (this.lang === "zh") {
      // The words sharing the longest run of characters with the query (two at least, or the
      // one character typed), the closest in length first.
      var han = (q.match(this.hanRuns) || []).join(""), typo = Array.from(han).length >= 3 ? this.oneOff(han) : null;
      if (!han) return [];
      // The word one character off first (巴冬县: 巴东县), whose run in common may be short.
      if (typo) scored.push([-Infinity, 0, typo]);
      this.m.vocabulary.forEach(function (w) {
        var common = sharedRun(han, w);
        if (common >= Math.min(2, han.length)) scored.push([-common, Math.abs(w.length - han.length), w]);
      });
    } else {
      var words = q.match(/[a-z]+/g) || [];
      if (!words.length) return [];
      (this.allWords || []).forEach(function (w, rank) {
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

  /* The query with each word that finds nothing replaced by the word of the index one edit
     away (English: the commonest such word with its first letter; Chinese: a word of the
     vocabulary as long as the query, one character different), or null: a one-character typo
     is shown its results. A promise (English loads what it needs first); corrected() is the
     rule itself, once loaded. */
  Index.prototype.correct = function (query) {
    var self = this;
    if (this.lang !== "en") {
      // Chinese: which phrases of three characters or more that are no word find nothing.
      this.unheld = this.unheld || new Set();
      return Promise.all(this.terms(query).filter(function (t) {
        return Array.from(t).length >= 3 && self.hanOnly.test(t) && !self.vocabulary.has(t);
      }).map(function (t) {
        return self.match(t, false).then(function (pages) { if (!pages.size) self.unheld.add(t); });
      })).then(function () { return self.corrected(query); });
    }
    // For each word of four letters or more: its key's chunk (is it a word of the index?) and
    // the words of its first letter (those one edit away), not every word.
    this.initialLists = this.initialLists || {};
    var long = (this.normal(query).match(/[a-z]+/g) || []).filter(function (w) { return w.length >= 4; });
    return Promise.all(long.map(function (w) {
      return Promise.all([self.chunkWords(self.chunkText(w)), self.initialWords(w[0])])
        .then(function (found) { self.initialLists[w[0]] = found[1]; });
    })).then(function () { return self.corrected(query); });
  };

  /* English, once correct() loaded its chunk: whether `w` is a word of the index (by its key). */
  Index.prototype.isWord = function (w) {
    var found = this.wordsOf && this.wordsOf.get(this.hash(this.chunkText(w)) % this.m.chunks);
    return !!(found && found.byKey.has(this.key(w)));
  };

  Index.prototype.corrected = function (query) {
    var self = this, q = this.normal(query).trim(), changed = false;
    if (this.lang === "zh") {
      // The whole query one character off a word (巴冬县: 巴东县); else each phrase of three
      // characters or more that is no word and finds nothing (巴冬县问卷: 巴东县问卷), once
      // correct() has looked.
      var whole = this.hanOnly.test(q) && Array.from(q).length >= 3 ? this.oneOff(q) : null;
      if (whole) return whole;
      var out = "", last = "";
      this.terms(query).forEach(function (t) {
        var c = self.unheld && self.unheld.has(t) ? self.oneOff(t) : null;
        if (c) changed = true;
        var piece = c || t;
        out += (out && !(self.han.test(last) && self.han.test(piece)) ? " " : "") + piece;
        last = piece;
      });
      return changed ? out : null;
    }
    var out = q.replace(/[a-z]+/g, function (w) {
      if (w.length < 4 || self.isWord(w)) return w;
      var candidates = self.initialLists[w[0]] || [];
      for (var i = 0; i < candidates.length; i++) {
        var c = candidates[i];
        if (Math.abs(c.length - w.length) <= 1 && /^[a-z]+$/.test(c) && distance(w, c) === 1) { changed = true; return c; }
      }
      return w;
    });
    return changed ? out : null;
  };

  /* Chinese: the first word of the vocabulary as long as `q`, one character different, or null. */
  Index.prototype.oneOff = function (q) {
    var chars = Array.from(q), best = null;
    this.m.vocabulary.forEach(function (w) {
      var wc = Array.from(w);
      if (best || wc.length !== chars.length) return;
      var differ = 0;
      for (var i = 0; i < wc.length && differ < 2; i++) if (wc[i] !== chars[i]) differ++;
      if (differ === 1) best = w;
    });
    return best;
  };

  function sharedRun(a, b) {
    var best = 0;
    for (var i = 0; i < a.length; i++) {
      for (var n = best + 1; i + n <= a.length && b.indexOf(a.slice(i, i + n)) !== -1; n++) best = n;
    }
    return best;
  }

  /* Edits from a to b: a letter added, dropped, changed, or two neighbours swapped (mongolain). */
  function distance(a, b) {
    var before = [], prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      for (var k = 1; k <= b.length; k++) {
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) cur[k] = Math.min(cur[k], before[k - 2] + 1);
      }
      before = prev;
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

  function snippet(doc, terms, order) {
    // The first field of `order` (search.SCORING's snippet: the summary first) with a match,
    // around the first match; a match in the body alone shows the summary.
    for (var k = 0; k < order.length; k++) {
      var text = doc.fields[order[k]] || "", lower = text.toLowerCase();
      for (var t = 0; t < terms.length; t++) {
        var at = lower.indexOf(terms[t]);
        if (at !== -1) {
          var start = Math.max(0, at - 30);
          return (start ? "…" : "") + text.slice(start, start + 120) + (start + 120 < text.length ? "…" : "");
        }
      }
    }
    var first = doc.fields[order[0]] || "";
    return first.slice(0, 120) + (first.length > 120 ? "…" : "");
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
      if (e.target.closest("[data-as-typed]")) { self.input.focus(); self.run(true); }
    });
    document.addEventListener("click", function (e) { if (!root.contains(e.target)) self.close(); });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "/" || e.key === "s") && document.activeElement === document.body) {
        e.preventDefault(); self.input.focus();
      }
    });
  }

  Box.prototype.run = function (asTyped) {
    var self = this, query = this.input.value, run = ++this.runs, index;
    if (!query.trim()) { this.close(); return; }
    this.index.open().then(function (i) { index = i; return index.search(query); }).then(function (found) {
      if (run !== self.runs) return;
      if (found.results.length && (!found.partial || asTyped)) return self.show(query, found, null);
      // A word one character off: its results, said to be for the corrected query (the nearest
      // words, offered below, need the words that correct() loads); where some pages hold part
      // of the query, only if the corrected query is held whole (Mongolain medicine).
      var corrected;
      return (asTyped ? Promise.resolve(null) : index.correct(query)).then(function (c) {
        corrected = c;
        return corrected ? index.search(corrected) : null;
      }).then(function (better) {
        if (run !== self.runs) return;
        if (better && better.results.length && (!found.results.length || !better.partial)) {
          better.corrected = corrected;
          return self.show(query, better, null);
        }
        if (found.results.length) return self.show(query, found, null);
        // The nearest words, offered below "no result", are chosen from every word.
        return Promise.all([self.otherLanguage(query), index.words()]).then(function (got) {
          if (run === self.runs) self.show(query, found, got[0]);
        });
      });
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
    var self = this, lang = this.index.lang, texts = this.index.m.texts, order = this.index.m.scoring.snippet;
    var marks = found.terms.concat(found.also || []);
    this.list.innerHTML = found.results.map(function (r, i) {
      return '<li class="cb-search__result" role="option" aria-selected="false" id="cb-result-' + i + '" data-href="' +
        escape(self.base + "/" + r.doc.url) + '"><span class="cb-search__title">' + highlight(r.doc.title, marks, lang) +
        '</span> <span class="cb-search__tag">' + escape(r.doc.tag) + "</span>" +
        '<span class="cb-search__snippet">' + highlight(snippet(r.doc, marks, order), marks, lang) + "</span></li>";
    }).join("");
    var html = "";
    if (found.corrected) {
      html += '<p class="cb-search__corrected">' + escape(format(texts.search_corrected, { word: found.corrected })) +
        ' <button type="button" class="cb-search__as-typed" data-as-typed="">' + escape(format(texts.search_as_typed, { query: query.trim() })) + "</button></p>";
    }
    if (found.results.length && found.also && found.also.length) {
      html += '<p class="cb-search__also">' + escape(texts.search_also) + " " + found.also.map(escape).join(lang === "zh" ? "、" : ", ") + "</p>";
    }
    if (found.partial) html += '<p class="cb-search__partial">' + escape(texts.search_partial) + "</p>";
    // A word no page holds as typed, only in another form (boards for boarding): said, not passed off as it.
    var forms = found.results.length && found.forms && found.forms.length ? found.forms : [];
    if (forms.length) {
      html += '<p class="cb-search__forms">' + escape(format(texts.search_forms, { word: forms.join(lang === "zh" ? "、" : ", ") })) + "</p>";
    }
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
    this.root.setAttribute("data-forms", forms.join(" "));
    this.root.setAttribute("data-corrected", found.corrected || "");
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

/* Not search, but every page's: each heading's permalink (the toc extension's "¶" link), added
   here from the heading's id, with the title the page's theme settings give (docs/overrides/
   main.html), instead of written out on every heading of every page (mkdocs.yml, toc). */
(function () {
  "use strict";
  var config = document.querySelector("script#__config");
  var title = config && (JSON.parse(config.textContent).casebook || {}).permalink;
  if (!title) return;
  var headings = document.querySelectorAll(
    "article.md-typeset h1[id], article.md-typeset h2[id], article.md-typeset h3[id], " +
    "article.md-typeset h4[id], article.md-typeset h5[id], article.md-typeset h6[id]");
  Array.prototype.forEach.call(headings, function (heading) {
    if (heading.querySelector(".headerlink")) return;
    var link = document.createElement("a");
    link.className = "headerlink";
    link.href = "#" + heading.id;
    link.title = title;
    link.textContent = "\u00b6";
    heading.appendChild(link);
  });
})();
