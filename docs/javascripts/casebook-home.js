/* Front page: the search button takes the reader to the search box in the header, which
   searches as they type (docs/javascripts/casebook-search.js). Loaded on the front page only. */
(function () {
  "use strict";
  var button = document.querySelector(".cb-home__search-button");
  if (!button) return;
  button.addEventListener("click", function () {
    var box = document.querySelector(".cb-search__input");
    if (box) box.focus();
  });
})();
