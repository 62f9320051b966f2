/* What the handout and the comparison share (pages/selection.py): the selection read from the
   address (#cases=a,b,c), each page's article loaded from the data script beside it (scripts,
   not fetches, so that it works from disk), and its links made to work from here. Texts and
   data come from the page's JSON block; nothing is sent anywhere. */
(function () {
  "use strict";
  var block = document.getElementById("cb-selection-texts");
  if (!block) return;
  var texts = JSON.parse(block.textContent);
  var waiting = { case: {}, checklist: {} };

  function callback(kind) {
    return function (data) {
      var resolve = waiting[kind][data.id];
      if (resolve) { delete waiting[kind][data.id]; resolve(data); }
    };
  }
  window.casebookCaseData = callback("case");
  window.casebookChecklistData = callback("checklist");

  /* The folder of a page, from this page: where its data script and its relative links start. */
  function folder(kind, id) {
    return texts.root + "/" + (kind === "case" ? "cases/" : "checklists/") + id + "/";
  }
  function pageBase(kind, id) {
    var f = folder(kind, id);
    return texts.directory_urls ? f : f.replace(/[^/]+\/$/, "");
  }

  /* Served from a web server, the page itself is read; from disk (the offline copy, built with
     file addresses) the data script beside it, since a page from disk may not fetch. */
  function load(kind, id) {
    if (location.protocol !== "file:" && texts.directory_urls) return fetchPage(kind, id);
    return new Promise(function (resolve, reject) {
      waiting[kind][id] = resolve;
      var script = document.createElement("script");
      script.src = folder(kind, id) + "data.js";
      script.onerror = function () { delete waiting[kind][id]; reject(new Error(id)); };
      document.head.appendChild(script);
    });
  }

  function fetchPage(kind, id) {
    return fetch(folder(kind, id)).then(function (response) {
      if (!response.ok) throw new Error(id);
      return response.text();
    }).then(function (text) {
      var page = new DOMParser().parseFromString(text, "text/html");
      var body = page.querySelector("article.md-content__inner");
      Array.prototype.forEach.call(body.querySelectorAll(".md-content__button, .md-source-file"), function (n) { n.remove(); });
      var measures = Array.prototype.map.call(body.querySelectorAll(".cb-meta a.cb-chip"), function (a) {
        var m = /measures\/([^/]+)\//.exec(a.getAttribute("href"));
        return m ? m[1] : null;
      }).filter(Boolean);
      return { id: id, measures: measures, html: body.innerHTML };
    });
  }

  /* The article as a node: permalinks gone, links and images addressed from this page. */
  function article(kind, data) {
    var node = document.createElement("div");
    node.innerHTML = data.html;
    Array.prototype.forEach.call(node.querySelectorAll(".headerlink, script, .cb-checklist__actions, .cb-assess__kept"),
      function (n) { n.remove(); });
    var base = new URL(pageBase(kind, data.id), location.href);
    Array.prototype.forEach.call(node.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) !== "#") a.setAttribute("href", new URL(href, base).href);
    });
    Array.prototype.forEach.call(node.querySelectorAll("img[src]"), function (img) {
      img.setAttribute("src", new URL(img.getAttribute("src"), base).href);
    });
    return node;
  }

  function chosen() {
    var match = /(?:^#|&)cases=([^&]*)/.exec(location.hash);
    if (!match) return [];
    var seen = {};
    return decodeURIComponent(match[1]).split(",").filter(function (id) {
      var ok = /^[a-z0-9][a-z0-9-]*$/.test(id) && !seen[id];
      seen[id] = true;
      return ok;
    });
  }

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function say(node, text) {
    var p = document.createElement("p");
    p.className = "cb-selection__message";
    p.textContent = text;
    node.innerHTML = "";
    node.appendChild(p);
  }

  window.casebookSelection = { texts: texts, load: load, article: article, chosen: chosen, today: today, say: say };
})();
