/* Small progressive enhancements; the site works without them. Classic script, no fetch. */
(function () {
  "use strict";
  var html = document.documentElement;

  /* The headings of the text, in order: the sections a reader can be in. */
  function sectionHeadings() {
    return document.querySelectorAll(".prose h2[id], .prose h3[id], .article-abstract[id]");
  }

  /* The section in view: the nearest heading at or above the top of the viewport (the
     first one while none is yet), or null on a page without headings. */
  function sectionInView() {
    var headings = sectionHeadings();
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > 4) { break; }
      found = headings[i];
    }
    return found;
  }

  /* Where the reader is reading: the section in view where scrolling last came to rest.
     Scrolling back up to the switcher at the top keeps it; staying at the top a while,
     to read it, forgets it. */
  var reading = null;
  var settleTimer = 0;
  var forgetTimer = 0;
  function settled() {
    var here = sectionInView();
    window.clearTimeout(forgetTimer);
    if (here) { reading = here; }
    else { forgetTimer = window.setTimeout(function () { reading = null; }, 4000); }
  }
  window.addEventListener("scroll", function () {
    window.clearTimeout(settleTimer);
    settleTimer = window.setTimeout(settled, 150);
  }, { passive: true });

  /* The language switcher keeps the reader at the same section: section ids are the same
     in every language, so carry over the section being read (else the #anchor). */
  function keepPlace(event) {
    var link = event.target.closest ? event.target.closest(".lang-switcher a") : null;
    if (link) {
      var here = sectionInView() || reading;
      var hash = here ? "#" + here.id : window.location.hash;
      if (hash) { link.href = link.href.split("#")[0] + hash; }
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

  /* The contents mark the section in view, and the page tools hide at the very top. */
  function followSections() {
    var toc = document.querySelector(".toc");
    var tools = document.querySelector(".page-tools");
    if (!toc && !tools) { return; }
    var current = null;
    var pending = false;
    function update() {
      pending = false;
      if (tools) { tools.classList.toggle("at-top", window.scrollY < 200); }
      if (!toc) { return; }
      var here = sectionInView();
      var link = here ? toc.querySelector('a[href="#' + here.id + '"]') : null;
      if (link === current) { return; }
      if (current) { current.removeAttribute("aria-current"); }
      if (link) { link.setAttribute("aria-current", "true"); }
      current = link;
    }
    function later() {
      if (!pending) { pending = true; window.requestAnimationFrame(update); }
    }
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    /* Not while the page loads: reading the headings' places then would force a layout
       of the whole article inside this script's task. */
    function first() {
      if (window.pageYOffset === 0 && !window.location.hash) {  /* at the top: nothing to mark */
        if (tools) { tools.classList.add("at-top"); }
      } else { later(); }
    }
    function soon() { window.requestAnimationFrame(first); }  /* with the frame's own layout */
    if (document.readyState === "complete") { soon(); }
    else { window.addEventListener("load", soon); }
    var opener = tools && tools.querySelector(".tool-contents");
    if (opener && toc.tagName === "DETAILS") {
      opener.addEventListener("click", function () { toc.setAttribute("open", ""); });
    }
  }

  function start() {
    addAnchors(); offerLastChoice(); unfoldContents(); followSections(); startPreviews();
    startCopying();
  }
  /* Previews of citations [n] and notes: hovering or focusing the mark shows the
     reference (or the note) in a box over the text; Esc, or leaving, closes it; on a touch
     screen the first tap opens it and the box links on. Without the script the mark is a
     plain link to the entry. */
  var preview = null;
  var previewFor = null;
  var closeTimer = 0;

  function previewTarget(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    return id ? document.getElementById(id) : null;
  }

  function previewBox() {
    if (!preview) {
      preview = document.createElement("div");
      preview.className = "preview";
      preview.id = "preview";
      preview.setAttribute("role", "tooltip");
      preview.hidden = true;
      preview.addEventListener("mouseenter", function () { window.clearTimeout(closeTimer); });
      preview.addEventListener("mouseleave", closeLater);
      document.body.appendChild(preview);
    }
    return preview;
  }

  function openPreview(link) {
    var target = previewTarget(link);
    if (!target) { return; }
    window.clearTimeout(closeTimer);
    var box = previewBox();
    var text = target.cloneNode(true);
    Array.prototype.forEach.call(text.querySelectorAll(".backlink, .footnote-backref, [id]"),
      function (node) {
        if (node.classList.contains("backlink") || node.classList.contains("footnote-backref")) {
          node.parentNode.removeChild(node);
        } else { node.removeAttribute("id"); }
      });
    box.textContent = "";
    var body = document.createElement("p");
    var number = target.getAttribute("value");
    if (number) { body.appendChild(document.createTextNode(number + ". ")); }
    while (text.firstChild) { body.appendChild(text.firstChild); }
    box.appendChild(body);
    var go = document.createElement("a");
    go.className = "preview-go";
    go.href = link.getAttribute("href");
    go.textContent = html.getAttribute("data-preview-go") || "→";
    box.appendChild(go);
    box.hidden = false;
    place(box, link);
    if (previewFor && previewFor !== link) { previewFor.removeAttribute("aria-describedby"); }
    link.setAttribute("aria-describedby", "preview");
    previewFor = link;
  }

  function place(box, link) {
    var mark = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.min(Math.max(8, mark.left), document.documentElement.clientWidth - width - 8);
    var below = mark.bottom + 6;
    var top = below + box.offsetHeight > window.innerHeight && mark.top > box.offsetHeight + 6
      ? mark.top - box.offsetHeight - 6 : below;
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (top + window.scrollY) + "px";
  }

  function closePreview() {
    window.clearTimeout(closeTimer);
    if (preview) { preview.hidden = true; }
    if (previewFor) { previewFor.removeAttribute("aria-describedby"); }
    previewFor = null;
  }

  function closeLater() {
    window.clearTimeout(closeTimer);
    closeTimer = window.setTimeout(closePreview, 250);
  }

  function previewLink(node) {
    return node && node.closest ? node.closest(".prose a.cite, .prose a.footnote-ref") : null;
  }

  function startPreviews() {
    if (!document.querySelector(".prose a.cite, .prose a.footnote-ref")) { return; }
    var touched = false;
    document.addEventListener("mouseover", function (event) {
      var link = previewLink(event.target);
      if (link && !touched) { openPreview(link); }
    });
    document.addEventListener("mouseout", function (event) {
      if (previewLink(event.target)) { closeLater(); }
    });
    document.addEventListener("focusin", function (event) {
      var link = previewLink(event.target);
      if (link) { openPreview(link); }
      else if (preview && !preview.contains(event.target)) { closePreview(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && previewFor) {
        var link = previewFor;
        closePreview();
        link.focus();
      }
    });
    var openBeforeTap = null;
    document.addEventListener("touchstart", function () {
      touched = true;
      openBeforeTap = previewFor;  /* the tap's own focus opens the box too */
    }, { passive: true });
    document.addEventListener("click", function (event) {
      var link = previewLink(event.target);
      if (link && touched && openBeforeTap !== link) {
        event.preventDefault();  /* the first tap previews; the box's link goes on */
        openPreview(link);
        openBeforeTap = link;
      } else if (!link && preview && !preview.contains(event.target)) {
        closePreview();
      }
    });
  }

  /* Copy buttons (the cite box): the Clipboard API where the page may use it, else (as
     over file://) the text selected and copied with execCommand. */
  function copyText(node, done) {
    var text = node.textContent.replace(/\s+/g, " ").trim();
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(node);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function startCopying() {
    var buttons = document.querySelectorAll(".copy-button[data-copy]");
    if (!buttons.length) { return; }
    Array.prototype.forEach.call(buttons, function (button) {
      var label = button.textContent;
      button.classList.add("is-ready");  /* on the button: no restyling of the whole page */
      button.addEventListener("click", function () {
        var node = document.getElementById(button.getAttribute("data-copy"));
        if (!node) { return; }
        copyText(node, function (ok) {
          if (ok) {
            button.textContent = button.getAttribute("data-copied") || label;
            window.setTimeout(function () { button.textContent = label; }, 2000);
          }
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
