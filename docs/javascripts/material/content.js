/* Material for MkDocs 9.8.1's inline script of partials/javascripts/content.html, as a file so that the
   site runs under a Content-Security-Policy of script-src 'self' (deploy/nginx/casebook.conf). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
