/* Casebook browse page: filter the cases by facets, count what each choice would leave, list
   the result, keep the choice in the address, download the result as CSV.

   The form (checkboxes with labels and counts) is in the page, made by the core
   (src/casebook/browse.py); the cases come from browse/index.js under the language's root,
   a script that calls casebookBrowseData(...), so that it also loads from disk (file://).
   Each case there is [id, title, unit, [measures], province, year, [groups]]: positions in
   each facet's list of values. Every label and text shown comes from the page or the data.

   Chosen values combine with AND across facets; within a facet of mode "any" (unit type,
   province, year: one value a case) a case needs one of them, within a facet of mode "all"
   (measures, ethnic groups) it needs all of them. The count beside a value is the number of
   cases there would be with that value chosen too (for "any", with it among the choices). */
(function () {
  "use strict";
  var root = document.querySelector(".cb-browse");
  if (!root) return;

  var base = root.getAttribute("data-base") || ".";
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 50;
  var list = root.querySelector(".cb-browse__list");
  var status = root.querySelector(".cb-browse__status");
  var more = root.querySelector(".cb-browse__more");
  var boxes = Array.prototype.slice.call(root.querySelectorAll(".cb-facet input[type=checkbox]"));
  var facets = [], byKey = {}, cases = [], matched = [], shown = 0, caseUrl = "", notStated = "", rows = null;
  // Training: the cases shown as a handout, and up to a few ticked ones side by side
  // (pages/selection.py); the choice travels in the address of those pages.
  var handout = root.querySelector(".cb-browse__handout"), compare = root.querySelector(".cb-browse__compare");
  var handoutMax = parseInt(root.getAttribute("data-handout-max"), 10) || 0;
  var compareMax = parseInt(root.getAttribute("data-compare-max"), 10) || 0;
  var picked = [];

  function loadScript(src, callback) {
    return new Promise(function (resolve, reject) {
      window[callback] = resolve;
      var script = document.createElement("script");
      script.src = src;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function prepare(data) {
    caseUrl = data.case_url;
    notStated = data.not_stated;
    facets = data.facets.map(function (f, i) {
      var position = new Map();
      f.values.forEach(function (v, p) { position.set(v[0], p); });
      byKey[f.key] = i;
      return { key: f.key, all: f.mode === "all", values: f.values, position: position,
               boxes: boxes.filter(function (b) { return b.name === f.key; }) };
    });
    cases = data.cases.map(function (row) {
      var values = row.slice(2).map(function (v) { return typeof v === "number" ? [v] : v; });
      return { id: row[0], title: row[1], values: values };
    });
  }

  /* The chosen values of each facet, as sets of positions, read from the checkboxes. */
  function chosen() {
    return facets.map(function (f) {
      var set = new Set();
      f.boxes.forEach(function (b) { if (b.checked && f.position.has(b.value)) set.add(f.position.get(b.value)); });
      return set;
    });
  }

  function fits(facet, values, set) {
    if (!set.size) return true;
    if (facet.all) {
      var all = true;
      set.forEach(function (v) { if (values.indexOf(v) === -1) all = false; });
      return all;
    }
    return values.some(function (v) { return set.has(v); });
  }

  /* One pass over the cases: the result, and for every value the cases it would leave. A case
     that fits every facet counts for each of its values; a case that misses one facet of mode
     "any" only counts for its own values there (choosing one of them would take it in). */
  function filter(sets) {
    var counts = facets.map(function (f) { return f.values.map(function () { return 0; }); });
    var result = [];
    cases.forEach(function (c) {
      var missed = -1, misses = 0;
      for (var f = 0; f < facets.length && misses < 2; f++) {
        if (!fits(facets[f], c.values[f], sets[f])) { misses++; missed = f; }
      }
      if (misses === 0) {
        result.push(c);
        c.values.forEach(function (vs, f) { vs.forEach(function (v) { counts[f][v]++; }); });
      } else if (misses === 1 && !facets[missed].all) {
        c.values[missed].forEach(function (v) { counts[missed][v]++; });
      }
    });
    return { cases: result, counts: counts };
  }

  function update() {
    var sets = chosen(), found = filter(sets);
    matched = found.cases;
    facets.forEach(function (f, i) {
      f.boxes.forEach(function (box) {
        var n = found.counts[i][f.position.get(box.value)] || 0;
        var item = box.closest(".cb-facet__value");
        item.querySelector(".cb-facet__count").textContent = String(n);
        item.classList.toggle("cb-facet__value--none", n === 0 && !box.checked);
      });
    });
    status.textContent = matched.length ? root.getAttribute(matched.length === 1 ? "data-count-one" : "data-count").replace("{n}", String(matched.length))
                                         : root.getAttribute("data-none");
    list.innerHTML = "";
    shown = 0;
    showMore(false);
    writeHash(sets);
    showSelectionLinks();
    root.setAttribute("data-matched", String(matched.length));  // tells tests the list is current
  }

  function showMore(focus) {
    var first = null;
    matched.slice(shown, shown + pageSize).forEach(function (c) {
      var item = card(c);
      list.appendChild(item);
      first = first || item.querySelector("a");
    });
    shown = Math.min(matched.length, shown + pageSize);
    more.hidden = shown >= matched.length;
    if (focus && first) first.focus();
  }

  /* The labels of a case's values in one facet. */
  function labels(c, key, skipNotStated) {
    var f = byKey[key];
    return c.values[f].filter(function (p) { return !skipNotStated || facets[f].values[p][0] !== notStated; })
      .map(function (p) { return facets[f].values[p][1]; });
  }

  function card(c) {
    var li = document.createElement("li");
    li.className = "cb-browse__case";
    var a = document.createElement("a");
    a.className = "cb-browse__title";
    a.href = base + "/" + caseUrl.replace("{id}", c.id);
    a.textContent = c.title;
    li.appendChild(a);
    var where = labels(c, "province", true).concat(labels(c, "year", true)).join(" · ");
    if (where) {
      var p = document.createElement("span");
      p.className = "cb-browse__where";
      p.textContent = where;
      li.appendChild(p);
    }
    var tags = document.createElement("span");
    tags.className = "cb-browse__tags";
    labels(c, "unit").forEach(function (text) { tags.appendChild(tag("cb-unit", text)); });
    labels(c, "measure").forEach(function (text) { tags.appendChild(tag("cb-chip", text)); });
    li.appendChild(tags);
    if (compare && compareMax) {
      var pick = document.createElement("label");
      pick.className = "cb-browse__pick";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = c.id;
      box.checked = picked.indexOf(c.id) !== -1;
      box.setAttribute("aria-label", root.getAttribute("data-compare-pick") + ": " + c.title);
      box.addEventListener("change", function () {
        picked = picked.filter(function (id) { return id !== c.id; });
        if (box.checked) picked.push(c.id);
        if (picked.length > compareMax) {  // the oldest pick makes way
          var dropped = picked.shift();
          var other = list.querySelector('.cb-browse__pick input[value="' + dropped + '"]');
          if (other) other.checked = false;
        }
        showSelectionLinks();
      });
      pick.appendChild(box);
      pick.appendChild(document.createTextNode(" " + root.getAttribute("data-compare-pick")));
      li.appendChild(pick);
    }
    return li;
  }

  function showSelectionLinks() {
    if (handout) {
      handout.hidden = !matched.length || matched.length > handoutMax;
      handout.href = root.getAttribute("data-handout-url") + "#cases=" + matched.map(function (c) { return c.id; }).join(",");
    }
    if (compare) {
      compare.hidden = picked.length < 2;
      compare.href = root.getAttribute("data-compare-url") + "#cases=" + picked.join(",");
    }
  }

  function tag(cls, text) {
    var span = document.createElement("span");
    span.className = cls;
    span.textContent = text;
    return span;
  }

  /* ---- the choice in the address: #unit=hospital&measure=exchange ---- */

  function hashOf(sets) {
    var params = new URLSearchParams();
    facets.forEach(function (f, i) {
      f.values.forEach(function (v, p) { if (sets[i].has(p)) params.append(f.key, v[0]); });
    });
    return params.toString();
  }

  function writeHash(sets) {
    var hash = hashOf(sets);
    if (hash !== location.hash.replace(/^#/, "")) {
      var url = hash ? "#" + hash : location.pathname + location.search;
      try { history.replaceState(null, "", url); } catch (e) { location.replace("#" + hash); }
    }
    // The language switch keeps the choice: the keys are the same in every language.
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("#")[0] + (hash ? "#" + hash : ""));
    });
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
  }

  /* ---- the result as CSV: the rows of data/cases.csv (from data/cases.js, under the default
     language's root: data-rows) of the cases shown ---- */

  // A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) opens as text:
  // a single quote in front and quotes around, as OWASP advises and as data/cases.csv does.
  function csvCell(value) {
    if (/^[=+\-@\t\r]/.test(value)) return '"\'' + value.replace(/"/g, '""') + '"';
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function download() {
    var loading = rows ? Promise.resolve(rows) : loadScript(root.getAttribute("data-rows") || base + "/data/cases.js", "casebookCaseRows");
    loading.then(function (data) {
      rows = data;
      var ids = new Set(matched.map(function (c) { return c.id; })), at = data.columns.indexOf("id");
      var lines = [data.columns].concat(data.rows.filter(function (r) { return ids.has(r[at]); }));
      var text = "\ufeff" + lines.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
      link.download = root.getAttribute("data-file-name") || "cases.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    });
  }

  loadScript(base + "/browse/index.js", "casebookBrowseData").then(function (data) {
    prepare(data);
    readHash();
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    window.addEventListener("hashchange", function () { readHash(); update(); });
    more.addEventListener("click", function () { showMore(true); });
    root.querySelector(".cb-browse__clear").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      update();
    });
    root.querySelector(".cb-browse__download").addEventListener("click", download);
    update();
    var filters = root.querySelector(".cb-browse__filters");
    if (filters && window.matchMedia("(max-width: 44.984em)").matches && !location.hash.replace(/^#/, "")) filters.open = false;
    root.classList.add("cb-browse--ready");
  });
})();
