/* "Cite this case": the references are written at build time with the page's path and without
   a day of access, which only the reader's browser knows. Here the address becomes the page's
   published one (its canonical or hreflang link, or the address it was opened at) and the day
   of access today's; a "Copy" button, added here, puts the reference on the clipboard. Without
   script the reference still reads right, only without those two and without the button. */
/* Related cases: each line gains its link to the comparison of the two cases, a page that only
   a script can fill, made here from the address and the label the list carries
   (pages/case.py) and the case's own address, rather than written out on every line of every
   case page. */
(function () {
  var list = document.querySelector(".cb-related[data-compare]");
  if (!list) return;
  Array.prototype.forEach.call(list.querySelectorAll("li > a:first-child"), function (to) {
    // The case's id is the last part of its page's address ("../x/", or "../x.html").
    var id = to.getAttribute("href").replace(/(\/|\.html)$/, "").split("/").pop();
    var li = to.parentNode, link = document.createElement("a");
    link.className = "cb-related__compare";
    link.href = list.getAttribute("data-compare") + encodeURIComponent(id);
    link.textContent = list.getAttribute("data-compare-label");
    // After a middot: a space alone would sit between two Chinese words.
    li.append(" · ", link);
  });
})();
(function () {
  var refs = document.querySelectorAll(".cb-cite__ref");
  if (!refs.length) return;
  var pageLang = document.documentElement.lang.slice(0, 2);
  function here() { return location.href.split("#")[0]; }
  function addressIn(lang) {
    var alt = document.querySelector('link[hreflang="' + lang + '"]');
    if (alt) return alt.href;
    if (lang === pageLang) {
      var canonical = document.querySelector('link[rel="canonical"]');
      return canonical ? canonical.href : here();
    }
    return null;  // the other language's address is not known from here: the path stays
  }
  var now = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var english = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(now);
  Array.prototype.forEach.call(refs, function (ref) {
    var lang = ref.id.replace("cite-", "");
    // The copy button, labelled by the block (pages/cite.py): a button that needs this script.
    var block = ref.closest(".cb-cite"), button = document.createElement("button");
    button.type = "button";
    button.className = "md-button cb-cite__copy";
    button.setAttribute("data-copy", ref.id);
    button.setAttribute("aria-describedby", ref.id + "-label");
    button.setAttribute("data-done", block.getAttribute("data-done"));
    button.textContent = block.getAttribute("data-copy");
    ref.insertAdjacentElement("afterend", button);
    var url = ref.querySelector(".cb-cite__url");
    var address = addressIn(lang);
    if (url && address) url.textContent = address;
    var accessed = ref.querySelector(".cb-cite__accessed");
    if (accessed) accessed.textContent = lang === "zh" ? "[" + iso + "]" : " (accessed " + english + ")";
    // GB/T 7714 puts ". " after the days: one is needed where the case had no date of its own.
    var next = accessed && accessed.nextSibling;
    if (lang === "zh" && accessed && !(next && next.textContent.charAt(0) === ".")) accessed.insertAdjacentText("afterend", ". ");
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cb-cite__copy");
    if (!button) return;
    var ref = document.getElementById(button.getAttribute("data-copy"));
    var text = ref.textContent.replace(/\s+/g, " ").trim();
    var label = button.textContent;
    function done() {
      button.textContent = button.getAttribute("data-done");
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { select(ref); });
    } else {
      select(ref);
    }
  });
  // Where the clipboard cannot be written (an old browser, a page from disk in some), the
  // reference is selected for the reader to copy.
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
/* The header bar shows the page's title once the reader scrolls past the heading (Material's
   script, which needs this script for it anyway): a case page leaves it to be written here from
   its heading (partials/header.html), without the heading's permalink. */
(function () {
  var bar = document.querySelector(".md-header__ellipsis");
  var heading = document.querySelector("article h1");
  if (!bar || !heading || bar.querySelector("[data-md-component=header-topic]")) return;
  var title = heading.cloneNode(true);
  Array.prototype.forEach.call(title.querySelectorAll(".headerlink"), function (a) { a.remove(); });
  var topic = document.createElement("div"), text = document.createElement("span");
  topic.className = "md-header__topic";
  topic.setAttribute("data-md-component", "header-topic");
  text.className = "md-ellipsis";
  text.textContent = title.textContent.trim();
  topic.append(text);
  bar.append(topic);
})();
/* The table of contents of a case page: its headings below the title, nested by level, as
   Material's partials/toc.html writes them, in the sidebar the page leaves empty for them
   (docs/overrides/main.html); here, before the theme's script looks for it. */
(function () {
  var nav = document.querySelector(".md-sidebar--secondary nav.md-nav--secondary");
  if (!nav || nav.firstChild) return;
  var headings = document.querySelectorAll(
    "article.md-typeset h2[id], article.md-typeset h3[id], article.md-typeset h4[id], " +
    "article.md-typeset h5[id], article.md-typeset h6[id]");
  if (!headings.length) return;
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }
  var label = el("label", "md-nav__title");
  label.htmlFor = "__toc";
  label.append(el("span", "md-nav__icon md-icon"), nav.getAttribute("aria-label"));
  var top = el("ul", "md-nav__list");
  top.setAttribute("data-md-component", "toc");
  top.setAttribute("data-md-scrollfix", "");
  var open = [{ level: 1, list: top, item: null }];
  Array.prototype.forEach.call(headings, function (h) {
    var level = parseInt(h.tagName.charAt(1), 10);
    while (open.length > 1 && open[open.length - 1].level >= level) open.pop();
    var parent = open[open.length - 1];
    if (parent.list === null) {  // the first entry under a heading: its own list
      var sub = el("nav", "md-nav");
      sub.setAttribute("aria-label", parent.text);
      parent.list = el("ul", "md-nav__list");
      sub.append(parent.list);
      parent.item.append(sub);
    }
    var title = h.cloneNode(true);
    Array.prototype.forEach.call(title.querySelectorAll(".headerlink"), function (a) { a.remove(); });
    var text = title.textContent.trim();
    var item = el("li", "md-nav__item"), link = el("a", "md-nav__link");
    link.href = "#" + h.id;
    link.textContent = text;
    item.append(link);
    parent.list.append(item);
    open.push({ level: level, list: null, item: item, text: text });
  });
  nav.append(label, top);
  nav.hidden = false;
})();
