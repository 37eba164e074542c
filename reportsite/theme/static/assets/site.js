/* Small progressive enhancements; the site works without them. Classic script, no fetch. */
(function () {
  "use strict";
  var html = document.documentElement;

  /* The language switcher keeps the reader at the same section: section ids are the same
     in every language, so carry the current #anchor over. */
  function keepPlace(event) {
    var link = event.target.closest ? event.target.closest(".lang-switcher a") : null;
    if (link && window.location.hash) {
      link.href = link.href.split("#")[0] + window.location.hash;
    }
    var choice = event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (choice) {
      try { window.localStorage.setItem("reportsite-language", choice.getAttribute("hreflang")); }
      catch (e) { /* storage may be off; choosing still works */ }
    }
  }
  document.addEventListener("click", keepPlace);

  /* Headings get a copyable link to themselves. */
  function addAnchors() {
    var label = html.getAttribute("data-anchor-label") || "#";
    var headings = document.querySelectorAll(".prose h2[id], .prose h3[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      var link = document.createElement("a");
      link.className = "anchor";
      link.href = "#" + heading.id;
      link.setAttribute("aria-label", label + ": " + heading.textContent);
      link.textContent = "#";
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(link);
    });
  }

  /* The root chooser remembers the last choice and offers it first, without redirecting. */
  function offerLastChoice() {
    var chooser = document.querySelector(".chooser[data-remember]");
    if (!chooser) { return; }
    var last = null;
    try { last = window.localStorage.getItem("reportsite-language"); } catch (e) { return; }
    var section = last && chooser.querySelector('section[lang="' + last + '"]');
    if (section) {
      section.classList.add("last-choice");
      chooser.insertBefore(section, chooser.firstChild);
    }
  }

  /* The table of contents comes folded, so that nothing below it moves on a phone while the
     page loads; wide screens, where it stands in its own column beside the text (site.css),
     unfold it without moving anything. */
  function unfoldContents() {
    var toc = document.querySelector("details.toc");
    if (toc && window.matchMedia && window.matchMedia("(min-width: 70rem)").matches) {
      toc.setAttribute("open", "");
    }
  }

  function start() { addAnchors(); offerLastChoice(); unfoldContents(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
