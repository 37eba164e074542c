"""What charts add to the site: each chart's downloads in each language (SVG, PNG, and
the plotted data as CSV headed in that language), and, when a page shows a chart, the
chart runtime (the vega bundle and the theme's glue, loaded on demand)."""

from __future__ import annotations

import csv
import io
from typing import Mapping

from reportsite.core.layout import CHARTS_DIR, RUNTIME, THEME_SHOWN
from reportsite.core.outputs import Outputs
from reportsite.render.charts import ChartRender, Charts

CHARTS_JS = RUNTIME / "charts.js"  # the generator's own chart glue


def add_figures(charts: Charts, outputs: Outputs) -> None:
    """Every chart's downloads in every language, and the runtime when there are charts."""
    renders = charts.make()
    for path, data in chart_files(renders).items():
        chart_id = path.rsplit("/", 1)[1].rsplit(".", 1)[0]
        outputs.add(path, data, f"{CHARTS_DIR}/{chart_id}.py")
    if renders and charts.renderer is not None:
        outputs.add("assets/vega.js", charts.renderer.bundle(), "vl-convert (javascript_bundle)")
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(),
                    f"{THEME_SHOWN}/runtime/charts.js")


def chart_files(charts: Mapping[tuple[str, str], ChartRender]) -> dict[str, bytes]:
    """<lang>/figures/<id>.svg, .png and .csv (the plotted data, headed in that language)."""
    files = {}
    for (chart_id, lang), render in sorted(charts.items()):
        folder = f"{lang}/figures/{chart_id}"
        files[f"{folder}.svg"] = render.svg.encode()
        files[f"{folder}.png"] = render.png
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([title for _, title, _ in render.columns])
        writer.writerows([row.get(name) for name, _, _ in render.columns] for row in render.rows)
        files[f"{folder}.csv"] = buffer.getvalue().encode()
    return files
