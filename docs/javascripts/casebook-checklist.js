/* Checklists in a training session: ticks are kept in this browser (localStorage) until they
   are cleared, and the print button prints the checklist without the site around it. Works
   from disk too; where localStorage is refused, ticks simply last as long as the page. */
(function () {
  "use strict";
  var list = document.querySelector(".cb-checklist");
  if (!list) return;
  var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
  var key = "casebook:checklist:" + location.pathname.replace(/\/index\.html$/, "/").replace(/^.*\/((en\/)?checklists\/)/, "$1");
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }

  function load() {
    var saved = [];
    try { saved = JSON.parse(store && store.getItem(key) || "[]"); } catch (e) { saved = []; }
    boxes.forEach(function (box, i) { box.checked = saved.indexOf(i) !== -1; });
  }
  function save() {
    var ticked = [];
    boxes.forEach(function (box, i) { if (box.checked) ticked.push(i); });
    try { if (store) store.setItem(key, JSON.stringify(ticked)); } catch (e) { /* private mode */ }
  }
  boxes.forEach(function (box) { box.disabled = false; box.addEventListener("change", save); });
  load();

  var print = document.querySelector(".cb-print"), reset = document.querySelector(".cb-reset");
  if (print) print.addEventListener("click", function (e) {
    e.preventDefault();
    document.body.classList.add("cb-printing-checklist");
    window.print();
    document.body.classList.remove("cb-printing-checklist");
  });
  if (reset) reset.addEventListener("click", function (e) {
    e.preventDefault();
    boxes.forEach(function (box) { box.checked = false; });
    try { if (store) store.removeItem(key); } catch (err) { /* nothing kept */ }
  });
})();
