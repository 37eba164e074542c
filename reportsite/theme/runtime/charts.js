/* Charts: progressive enhancement that costs the page nothing until a reader wants it.
   Every figure already shows a static SVG rendered at build time, in a box of its exact
   size. The vega runtime (assets/vega.js, 900 KB) is not loaded with the page: it is
   inserted as a classic <script> when the reader touches a chart, or when a chart comes
   near the viewport once the reader has started to scroll or type. Then each chart near
   the viewport, one per task, is replaced by the interactive chart (tooltips) in the same
   box, with the page's CLDR number and date locales. No modules, no fetch(), no workers:
   works from file://. */
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
    if (wanted.indexOf(chart) >= 0 || chart.classList.contains("is-live")) { return; }
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
    var box = chart.querySelector(".chart-box") || chart;
    var spec = readJSON(chart.getAttribute("data-spec"));
    var locales = readJSON("d3-locales") || {};
    var target = document.createElement("div");
    target.className = "chart-live";
    return window.vegaEmbed(target, spec, {
      renderer: "svg",
      actions: false,
      formatLocale: locales.format,
      timeFormatLocale: locales.time
    }).then(function () {
      box.replaceChildren(target);  /* the same box: nothing around it moves */
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
  }
}());
