/* Charts: progressive enhancement that costs the page nothing until a reader wants it.
   Every figure already shows a static SVG rendered at build time: one box per form of
   the chart (wide, narrow) and theme (light, dark), of its SVG's exact size, of which the
   stylesheet shows the one that fits the chart's width and the reader's colour scheme.
   The vega runtime (assets/vega.js, 900 KB) is not loaded with the page: it is inserted
   as a classic <script> when the reader touches a chart, or when a chart comes near the
   viewport once the reader has started to scroll or type. Then each chart near the
   viewport, one per task, is replaced by the interactive chart (tooltips) in the box that
   is shown: that form's spec, drawn with that theme's Vega-Lite config (#chart-themes)
   and the page's CLDR number and date locales. When another box comes to be shown (the
   window is resized or turned, the colour scheme changes), it is made interactive in turn.
   No modules, no fetch(), no workers: works from file://. */
(function () {
  "use strict";

  var script = document.currentScript;
  var runtime = script && script.getAttribute("data-runtime");
  var charts = Array.prototype.slice.call(document.querySelectorAll(".chart[data-spec]"));
  var wanted = [];  /* charts to make interactive, in the order they were wanted */
  var requested = false;
  var busy = false;
  var observer = null;
  var STARTS = ["scroll", "keydown", "pointerdown", "touchstart", "wheel"];
  var TOUCHES = ["pointerenter", "pointerdown", "touchstart"];

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  /* The box the stylesheet shows now (none while the chart is out of the layout). */
  function shownBox(chart) {
    var boxes = chart.querySelectorAll(".chart-box");
    for (var i = 0; i < boxes.length; i += 1) {
      if (boxes[i].getClientRects().length) { return boxes[i]; }
    }
    return null;
  }

  /* The runtime, once, as a classic script (file:// allows it; CSP: script-src 'self'). */
  function loadRuntime() {
    if (requested || !runtime) { return; }
    requested = true;
    var tag = document.createElement("script");
    tag.src = runtime;
    tag.onload = next;
    document.head.appendChild(tag);
  }

  function want(chart) {
    var box = shownBox(chart);
    if (wanted.indexOf(chart) >= 0 || !box || box.classList.contains("is-live")) { return; }
    wanted.push(chart);
    loadRuntime();
    next();
  }

  /* Make the next wanted chart interactive; one chart per task keeps each task short. */
  function next() {
    if (busy || typeof window.vegaEmbed !== "function") { return; }
    var chart = wanted.shift();
    if (!chart) { return; }
    busy = true;
    embed(chart).then(function () {
      busy = false;
      window.setTimeout(next, 0);
    });
  }

  function embed(chart) {
    var box = shownBox(chart);
    if (!box || box.classList.contains("is-live")) { return Promise.resolve(); }
    var spec = readJSON(box.getAttribute("data-spec"));
    var themes = readJSON("chart-themes") || {};
    var locales = readJSON("d3-locales") || {};
    var target = document.createElement("div");
    target.className = "chart-live";
    return window.vegaEmbed(target, spec, {
      renderer: "svg",
      actions: false,
      config: themes[box.getAttribute("data-theme")],
      tooltip: {theme: "custom"},  /* styled by site.css, in the page's colours and type */
      formatLocale: locales.format,
      timeFormatLocale: locales.time
    }).then(function () {
      box.replaceChildren(target);  /* the same box: nothing around it moves */
      box.classList.add("is-live");
      chart.classList.add("is-live");
    }).catch(function (error) {
      /* Keep the static SVG; say why in the console for whoever is debugging. */
      if (window.console) { window.console.warn("chart kept static:", error); }
    });
  }

  function touched(event) { want(event.currentTarget); }

  function nearView(entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        want(entry.target);
      }
    });
  }

  /* Another box is shown now (resized, turned, the scheme changed): the charts that were
     interactive are made interactive in their new form or theme too. */
  function shownChanged() {
    charts.forEach(function (chart) {
      if (chart.classList.contains("is-live")) { want(chart); }
    });
  }

  /* The reader has started to read: from now on, charts near the viewport are wanted. */
  function started() {
    STARTS.forEach(function (type) { window.removeEventListener(type, started, true); });
    if (!("IntersectionObserver" in window)) {
      charts.forEach(want);
      return;
    }
    observer = new window.IntersectionObserver(nearView, {rootMargin: "50% 0px"});
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  charts.forEach(function (chart) {
    TOUCHES.forEach(function (type) {
      chart.addEventListener(type, touched, {once: true, passive: true});
    });
  });
  if (charts.length) {
    STARTS.forEach(function (type) {
      window.addEventListener(type, started, {capture: true, passive: true});
    });
    if ("ResizeObserver" in window) {
      new window.ResizeObserver(shownChanged).observe(document.documentElement);
    }
    if (window.matchMedia) {
      var scheme = window.matchMedia("(prefers-color-scheme: dark)");
      if (scheme.addEventListener) { scheme.addEventListener("change", shownChanged); }
    }
  }
}());
