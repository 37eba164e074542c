/* Text that never moves: until the faces a page's text needs are loaded (or 3 s, a
   browser's own limit for waiting on a font, have passed), the page is laid out but not
   shown (site.css: html.fonts-loading). Layout asks for exactly the faces the text uses
   (unicode-range), so the page appears once, already in its own font, instead of appearing
   in a fallback font and moving when the faces arrive. A preload of the faces cannot do
   this: Chromium refuses a CORS preload from file://, and fonts are fetched with CORS.
   Classic script, loaded before the body (the only script that blocks the parser); without
   JavaScript the page shows at once and swaps the faces in. */
(function () {
  "use strict";
  var html = document.documentElement;
  if (!document.fonts || !window.requestAnimationFrame) { return; }
  html.classList.add("fonts-loading");

  function show() { html.classList.remove("fonts-loading"); }

  window.setTimeout(show, 3000);
  document.addEventListener("DOMContentLoaded", function () {
    /* After the first frame is laid out, every face the text needs is loading. */
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () { document.fonts.ready.then(show, show); });
    });
  });
}());
