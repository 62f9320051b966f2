/* Checklists in a training session and as a unit's self-assessment. Each item can be marked
   done, partly or not yet, with a note; the tick box is "done". Answers are kept in this
   browser (localStorage) until they are cleared, and never sent anywhere. "Print" prints the
   checklist with the answers and the day, without the site around it; "Export" saves a dated
   CSV of every item with its answer, note and the cases that show how others did it. Works
   from disk too; where localStorage is refused, answers last as long as the page. The texts
   come from the page (strings.yml, via pages/checklist.py). */
(function () {
  "use strict";
  var list = document.querySelector(".cb-checklist");
  if (!list) return;
  var textsNode = document.getElementById("cb-assess-texts");
  var t = textsNode ? JSON.parse(textsNode.textContent) : null;
  var items = Array.prototype.slice.call(list.querySelectorAll("li.task-list-item"));
  var boxes = items.map(function (li) { return li.querySelector("input[type=checkbox]"); });
  var key = "casebook:checklist:" + location.pathname.replace(/\/index\.html$/, "/").replace(/^.*\/((en\/)?checklists\/)/, "$1");
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  var STATES = ["done", "partly", "not_yet"];
  var answers = {};  // item index -> {a: state, n: note}

  function read() {
    var saved = null;
    try { saved = JSON.parse(store && store.getItem(key) || "null"); } catch (e) { saved = null; }
    answers = {};
    if (Array.isArray(saved)) {  // kept by an earlier version: the indices of ticked items
      saved.forEach(function (i) { answers[i] = { a: "done", n: "" }; });
    } else if (saved && saved.items) {
      answers = saved.items;
    }
  }
  function save() {
    try { if (store) store.setItem(key, JSON.stringify({ v: 2, items: answers })); } catch (e) { /* private mode */ }
  }
  function answer(i) { return answers[i] || { a: "", n: "" }; }
  function set(i, state, note) {
    var now = answer(i);
    answers[i] = { a: state === undefined ? now.a : state, n: note === undefined ? now.n : note };
    if (!answers[i].a && !answers[i].n) delete answers[i];
    save();
    show(i);
  }
  function show(i) {
    var now = answer(i);
    boxes[i].checked = now.a === "done";
    if (!t) return;
    var li = items[i];
    STATES.forEach(function (state) { li.querySelector(".cb-assess__" + state).checked = now.a === state; });
    var note = li.querySelector(".cb-assess__note");
    if (note.value !== now.n) note.value = now.n;
    li.setAttribute("data-answer", now.a);
  }

  boxes.forEach(function (box, i) {
    box.disabled = false;
    box.addEventListener("change", function () { set(i, box.checked ? "done" : ""); });
  });
  if (t) items.forEach(function (li, i) {
    var label = boxes[i].getAttribute("aria-label") || "";
    var group = document.createElement("div");
    group.className = "cb-assess";
    var choices = document.createElement("fieldset");
    choices.className = "cb-assess__choices";
    var legend = document.createElement("legend");
    legend.className = "cb-visually-hidden";
    legend.textContent = t.answer + ": " + label;
    choices.appendChild(legend);
    STATES.forEach(function (state) {
      var option = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "cb-assess-" + i;
      radio.className = "cb-assess__" + state;
      radio.addEventListener("change", function () { if (radio.checked) set(i, state); });
      option.appendChild(radio);
      option.appendChild(document.createTextNode(" " + t[state]));
      choices.appendChild(option);
    });
    var noteLabel = document.createElement("label");
    noteLabel.className = "cb-assess__note-label";
    var note = document.createElement("input");
    note.type = "text";
    note.className = "cb-assess__note md-input";
    note.setAttribute("aria-label", t.note + ": " + label);
    note.placeholder = t.note;
    note.addEventListener("input", function () { set(i, undefined, note.value); });
    noteLabel.appendChild(note);
    group.appendChild(choices);
    group.appendChild(noteLabel);
    li.appendChild(group);
  });
  read();
  items.forEach(function (_, i) { show(i); });

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  var title = (document.querySelector(".md-content h1") || document.createElement("h1")).textContent.replace(/¶$/, "").trim();
  var stamp = document.createElement("p");
  stamp.className = "cb-assess__stamp";
  list.parentNode.insertBefore(stamp, list);

  // One cell of CSV as pages/opendata.py writes it: a cell a spreadsheet would run as a
  // formula opens as text.
  function cell(value) {
    value = String(value);
    if (/^[=+\-@\t\r]/.test(value)) return "\"'" + value.replace(/"/g, '""') + '"';
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function csv() {
    var day = today(), rows = [t.columns];
    items.forEach(function (li, i) {
      var now = answer(i);
      var cases = Array.prototype.map.call(li.querySelectorAll(".cb-item__meta a:not(.cb-chip)"), function (a) {
        return a.textContent.trim() + " <" + a.href + ">";
      });
      rows.push([day, title, i + 1, boxes[i].getAttribute("aria-label") || "", now.a ? t[now.a] : "", now.n, cases.join("; ")]);
    });
    return "\ufeff" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  var actions = document.querySelector(".cb-checklist__actions");
  if (t && actions) {
    var exportButton = document.createElement("button");
    exportButton.type = "button";
    exportButton.className = "md-button cb-export";
    exportButton.textContent = t.csv;
    exportButton.addEventListener("click", function () {
      var blob = new Blob([csv()], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = key.replace(/^.*\/([^/]+)\/?$/, "$1").replace(/\.html$/, "") + "-" + today() + ".csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(exportButton);
  }

  var print = document.querySelector(".cb-print"), reset = document.querySelector(".cb-reset");
  if (print) print.addEventListener("click", function (e) {
    e.preventDefault();
    if (t) stamp.textContent = t.report.replace("{title}", title) + " · " + t.date.replace("{date}", today());
    document.body.classList.add("cb-printing-checklist");
    window.print();
    document.body.classList.remove("cb-printing-checklist");
  });
  if (reset) reset.addEventListener("click", function (e) {
    e.preventDefault();
    answers = {};
    try { if (store) store.removeItem(key); } catch (err) { /* nothing kept */ }
    items.forEach(function (_, i) { show(i); });
  });
})();
