/* Cases side by side (compare/#cases=a,b,c): their facts row by row, aligned by label, with
   the categories they share marked; then each section of their text (what was done, results,
   problems) in the same row, the summary first. Prints on landscape A4 (casebook.css). */
(function () {
  "use strict";
  var sel = window.casebookSelection, root = document.getElementById("cb-compare");
  if (!sel || !root) return;
  document.body.classList.add("cb-compare-page");  // printed on landscape A4 (casebook.css)
  var t = sel.texts, ids = sel.chosen();
  if (ids.length < t.min || ids.length > t.max) { sel.say(root, t.compare_none); return; }
  sel.say(root, t.compare_loading);

  /* A case's facts (label -> value node) and sections (heading -> nodes), in page order. */
  function parts(node) {
    var facts = [], sections = [], current = null;
    Array.prototype.forEach.call(node.querySelectorAll(".cb-meta dt"), function (dt) {
      var dd = dt.nextElementSibling;
      if (dd && dd.tagName === "DD") facts.push([dt.textContent.trim(), dd]);
    });
    var summary = node.querySelector(".cb-summary");
    Array.prototype.forEach.call(node.children, function (child) {
      if (child.tagName === "H2") {
        if (child.id === "related" || child.id === "cite") { current = null; return; }
        current = { heading: child.textContent.trim(), nodes: [] };
        sections.push(current);
      } else if (current) {
        current.nodes.push(child);
      }
    });
    return { title: (node.querySelector("h1") || node).textContent.trim(), facts: facts, summary: summary, sections: sections };
  }

  function union(lists) {
    var seen = {}, out = [];
    lists.forEach(function (list) { list.forEach(function (label) { if (!seen[label]) { seen[label] = true; out.push(label); } }); });
    return out;
  }

  Promise.all(ids.map(function (id) { return sel.load("case", id); })).then(function (datas) {
    var cases = datas.map(function (data) { var p = parts(sel.article("case", data)); p.id = data.id; return p; });
    var table = document.createElement("table");
    table.className = "cb-compare__table";
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = t.compare_case;
    head.appendChild(corner);
    cases.forEach(function (c) {
      var th = document.createElement("th");
      th.scope = "col";
      var a = document.createElement("a");
      a.href = t.root + "/cases/" + c.id + (t.directory_urls ? "/" : ".html");
      a.textContent = c.title;
      th.appendChild(a);
      head.appendChild(th);
    });
    var body = table.createTBody();
    function row(label, cells, missing) {
      var tr = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = label;
      tr.appendChild(th);
      cells.forEach(function (nodes, i) {
        var td = tr.insertCell();
        td.setAttribute("data-case", cases[i].title);  // a phone shows the case above its cell (casebook.css)
        if (!nodes || !nodes.length) { td.className = "cb-compare__missing"; td.textContent = missing; return; }
        nodes.forEach(function (n) { td.appendChild(n.cloneNode(true)); });
      });
      return tr;
    }
    union(cases.map(function (c) { return c.facts.map(function (f) { return f[0]; }); })).forEach(function (label) {
      var cells = cases.map(function (c) {
        var fact = c.facts.filter(function (f) { return f[0] === label; })[0];
        return fact ? Array.prototype.slice.call(fact[1].childNodes) : null;
      });
      var tr = row(label, cells, "—");
      // Chips that every case has (its categories, its unit type) are marked as shared.
      var chips = Array.prototype.map.call(tr.cells, function (td) {
        return Array.prototype.map.call(td.querySelectorAll(".cb-chip"), function (a) { return a.textContent.trim(); });
      }).slice(1);
      if (chips.every(function (list) { return list.length; })) {
        Array.prototype.forEach.call(tr.querySelectorAll(".cb-chip"), function (a) {
          var name = a.textContent.trim();
          if (chips.every(function (list) { return list.indexOf(name) !== -1; })) {
            a.classList.add("cb-compare__shared");
            var mark = document.createElement("span");
            mark.className = "cb-compare__mark";
            mark.textContent = t.compare_shared;  // with its brackets: （共同）, " (shared)"
            a.appendChild(mark);
          }
        });
      }
    });
    if (cases.some(function (c) { return c.summary; })) {
      row("", cases.map(function (c) { return c.summary ? [c.summary] : null; }), "—").classList.add("cb-compare__summary");
    }
    union(cases.map(function (c) { return c.sections.map(function (s) { return s.heading; }); })).forEach(function (heading) {
      row(heading, cases.map(function (c) {
        var section = c.sections.filter(function (s) { return s.heading === heading; })[0];
        return section ? section.nodes : null;
      }), t.compare_section_missing);
    });
    var print = document.createElement("button");
    print.type = "button";
    print.className = "md-button cb-compare__print";
    print.textContent = t.compare_print;
    print.addEventListener("click", function () { window.print(); });
    var scroll = document.createElement("div");
    scroll.className = "cb-compare__scroll";
    scroll.tabIndex = 0;  // a box that scrolls sideways can be scrolled with the keyboard
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", t.compare_title);
    scroll.appendChild(table);
    root.innerHTML = "";
    root.appendChild(print);
    root.appendChild(scroll);
    root.setAttribute("data-ready", String(cases.length));
  }, function () { sel.say(root, t.compare_none); });
})();
