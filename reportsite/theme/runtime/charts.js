/* Charts: progressive enhancement. Every figure already shows a static SVG rendered at
   build time; when the vega runtime (assets/vega.js, a classic deferred script) is here,
   replace it with the interactive chart (tooltips), using the page's CLDR number and date
   locales. Classic script, no modules, no fetch(): works from file://. */
(function () {
  "use strict";

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function enhance() {
    if (typeof window.vegaEmbed !== "function") {
      return;
    }
    var locales = readJSON("d3-locales") || {};
    var charts = document.querySelectorAll(".chart[data-spec]");
    Array.prototype.forEach.call(charts, function (container) {
      var spec = readJSON(container.getAttribute("data-spec"));
      if (!spec) {
        return;
      }
      var target = document.createElement("div");
      target.className = "chart-live";
      window.vegaEmbed(target, spec, {
        renderer: "svg",
        actions: false,
        formatLocale: locales.format,
        timeFormatLocale: locales.time
      }).then(function () {
        container.replaceChildren(target);
        container.classList.add("is-live");
      }).catch(function (error) {
        /* Keep the static SVG; say why in the console for whoever is debugging. */
        if (window.console) { window.console.warn("chart kept static:", error); }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
}());
