/* The front page's and the 404 page's search button: it takes the reader to the search box in
   the header, which searches as they type (docs/javascripts/casebook-search.js). A file, not an
   inline script, so that the Content-Security-Policy can refuse every inline script. */
(function () {
  "use strict";
  document.querySelectorAll(".cb-home__search-button, .cb-404-search").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.querySelector(".cb-search__input");
      if (box) box.focus();
    });
  });
})();
