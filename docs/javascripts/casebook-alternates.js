/* Material's script reads every <link rel="alternate"> at DOMContentLoaded as the root of a
   language version, fetches the sitemap.xml beside it on every page view and reroutes clicks
   through it. The head's alternates here are the page itself in each language (hreflang) and
   the feed: they would cost a 404 per language and a download of the whole sitemap on each
   page view. So they are hidden from that one look, and put back at once after it: this
   listener is added in <head>, before Material's, and runs first. */
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var links = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate]"));
    links.forEach(function (link) { link.rel = "casebook-alternate"; });
    setTimeout(function () { links.forEach(function (link) { link.rel = "alternate"; }); }, 0);
  }, { once: true });
})();
