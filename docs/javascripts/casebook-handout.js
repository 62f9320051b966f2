/* A handout of the chosen cases (handout/#cases=a,b,c): a cover naming the selection and the
   day, a table of contents with page numbers, each case in full with its facts and source, and
   the checklists whose items fall under the cases' categories. Paged.js (vendor/paged.min.js,
   MIT) lays it out in A4 pages in the browser, page numbers included, so that it prints or
   saves as PDF as it is shown, from the offline copy too. Its style sheet is given as text:
   from disk a page may not fetch one. */
(function () {
  "use strict";
  var sel = window.casebookSelection, root = document.getElementById("cb-handout");
  var Paged = window.PagedModule;  // the global that paged.min.js defines
  if (!sel || !root || !Paged) return;
  var t = sel.texts, ids = sel.chosen();
  if (!ids.length) { sel.say(root, t.handout_none); return; }
  if (ids.length > t.max) {
    sel.say(root, t.handout_too_many.replace("{max}", t.max).replace("{n}", ids.length));
    return;
  }
  sel.say(root, t.handout_loading);

  function css(text) { return '"' + String(text).replace(/["\\]/g, "\\$&") + '"'; }
  var pageLabel = t.handout_page.split("{page}");
  var PAGED_CSS = [
    "@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: " + css(pageLabel[0]) +
      " counter(page) " + css(pageLabel[1] || "") + "; font-size: 9pt; } }",
    "@page :first { @bottom-center { content: none; } }",
    ".ho-cover { break-after: page; padding-top: 60mm; }",
    ".ho-cover h1 { font-size: 24pt; margin: 0 0 8mm; }",
    ".ho-toc { break-after: page; }",
    ".ho-toc ol { list-style: none; padding: 0; }",
    ".ho-toc li { margin: 0 0 2mm; display: flex; gap: 4mm; }",
    ".ho-toc a { color: inherit; text-decoration: none; flex: 1; }",
    ".ho-toc a::after { content: target-counter(attr(href), page); float: right; padding-left: 4mm; }",
    ".ho-part { break-before: page; }",
    ".ho-item { break-before: page; }",
    ".ho-item h1 { font-size: 16pt; }",
    ".ho-document.md-typeset { font-size: 10.5pt; line-height: 1.5; }",
    ".cb-meta { break-inside: avoid; }",
    ".cb-meta dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0 0 4mm; }",
    ".cb-meta dt { font-weight: 700; } .cb-meta dd { margin: 0; }",
    "a { color: inherit; }"
  ].join("\n");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function tocEntry(list, href, title) {
    var li = el("li"), a = el("a", "", title);
    a.href = "#" + href;
    li.appendChild(a);
    list.appendChild(li);
  }

  Promise.all(ids.map(function (id) { return sel.load("case", id); })).then(function (cases) {
    var measures = {};
    cases.forEach(function (c) { c.measures.forEach(function (m) { measures[m] = true; }); });
    var lists = t.checklists.filter(function (c) { return c[2].some(function (m) { return measures[m]; }); });
    return Promise.all(lists.map(function (c) { return sel.load("checklist", c[0]); })).then(function (checklists) {
      return { cases: cases, checklists: checklists };
    });
  }).then(function (found) {
    var doc = el("div", "md-typeset ho-document");
    var cover = el("section", "ho-cover");
    cover.appendChild(el("p", "ho-site", t.site_name));
    cover.appendChild(el("h1", "", t.handout_cover.replace("{n}", found.cases.length)));
    cover.appendChild(el("p", "ho-date", t.handout_made.replace("{date}", sel.today())));
    doc.appendChild(cover);
    var toc = el("nav", "ho-toc");
    toc.appendChild(el("h2", "", t.handout_contents));
    var list = el("ol");
    toc.appendChild(list);
    doc.appendChild(toc);
    var part = el("h2", "ho-part-title", t.handout_cases);
    found.cases.forEach(function (data, i) {
      var section = el("section", "ho-item ho-case");
      section.id = "ho-case-" + data.id;
      var body = sel.article("case", data);
      // The case page's own ends (related cases, "cite this case") are for the screen.
      ["related", "cite"].forEach(function (id) {
        var heading = body.querySelector("h2#" + id);
        while (heading && heading.nextSibling) heading.nextSibling.remove();
        if (heading) heading.remove();
      });
      var title = body.querySelector("h1");
      tocEntry(list, section.id, title ? title.textContent.trim() : data.id);
      if (i === 0) section.appendChild(part);
      while (body.firstChild) section.appendChild(body.firstChild);
      doc.appendChild(section);
    });
    if (found.checklists.length) {
      var checklistTitle = el("h2", "ho-part-title", t.handout_checklists);
      found.checklists.forEach(function (data, i) {
        var section = el("section", "ho-item ho-checklist");
        section.id = "ho-checklist-" + data.id;
        var body = sel.article("checklist", data);
        var title = body.querySelector("h1");
        tocEntry(list, section.id, title ? title.textContent.trim() : data.id);
        if (i === 0) section.appendChild(checklistTitle);
        while (body.firstChild) section.appendChild(body.firstChild);
        doc.appendChild(section);
      });
    }
    // The handout replaces the page: what prints is the handout alone.
    var bar = el("div", "ho-bar");
    var print = el("button", "md-button md-button--primary", t.handout_print);
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var back = el("a", "md-button", t.handout_back);
    back.href = document.referrer && document.referrer.indexOf(location.origin) === 0 ? document.referrer : t.root + "/";
    bar.appendChild(print);
    bar.appendChild(back);
    var pages = el("div", "ho-pages");
    document.body.innerHTML = "";
    document.body.classList.add("ho-body");
    document.body.appendChild(bar);
    document.body.appendChild(pages);
    return new Paged.Previewer().preview(doc, [{ "handout.css": PAGED_CSS }], pages).then(function (flow) {
      document.body.setAttribute("data-pages", String(flow.total));
    });
  }).catch(function () { sel.say(root, t.handout_none); });
})();
