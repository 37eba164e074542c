"""Table 2 as bars: migrants who came in 2022 by country, split into those who stayed and
those who did not (both estimates: arrivals × share who stayed)."""

import altair as alt

PARTS = ("stayed", "left")
# Okabe–Ito blue and vermillion: each stands out from the chart's background by 3:1 or more
# in the light theme (white) and the dark one (#1f2228); the blue carries the white share
# labels at 5:1. (Okabe–Ito's orange fades into white: 2.2:1.)
COLOURS = ("#0072B2", "#D55E00")


def chart(ctx):
    _ = ctx._
    flows = ctx.dataset("external_flows_2022")
    rows = []
    for record in sorted(ctx.records("external_flows_2022"), key=lambda r: -r["arrivals"]):
        for order, part in enumerate(PARTS):
            rows.append({
                "country": record["country"],
                "part": flows.field(part).titles[ctx.lang],
                "part_code": part,
                "order": order,
                "persons": record[part],
                "persons_label": ctx.fmt.number(record[part]),
                "arrivals": record["arrivals"],
                "arrivals_label": ctx.fmt.number(record["arrivals"]),
                "stayed_share": record["stayed_share"],
                "share_label": ctx.fmt.percent(record["stayed_share"]),
            })
    summary = "; ".join(
        f"{r['country']}: {r['arrivals_label']}, {ctx.fmt.percent(r['stayed_share'])}"
        for r in rows if r["part_code"] == "stayed")
    base = alt.Chart(alt.Data(values=rows))
    country = alt.Y("country:N", sort=None, title=None,
                    axis=alt.Axis(domain=False, ticks=False, labelFontSize=12))
    tooltip = [alt.Tooltip("country:N", title=flows.field("country").titles[ctx.lang]),
               alt.Tooltip("part:N", title=_("Group")),
               alt.Tooltip("persons:Q", title=_("Persons"), format=",d"),
               alt.Tooltip("arrivals:Q", title=flows.field("arrivals").titles[ctx.lang], format=",d"),
               alt.Tooltip("stayed_share:Q",
                           title=flows.field("stayed_share").titles[ctx.lang] + ", %")]
    bars = base.mark_bar().encode(
        y=country,
        x=alt.X("sum(persons):Q", stack="zero",
                title=flows.field("arrivals").titles[ctx.lang],
                axis=alt.Axis(format=",d", tickCount=4)),
        color=alt.Color("part:N", sort=[flows.field(p).titles[ctx.lang] for p in PARTS],
                        scale=alt.Scale(range=list(COLOURS)),
                        legend=alt.Legend(title=None, orient="top", direction="horizontal")),
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    )
    # The totals stand on the chart's background: in the theme's text colour.
    totals = base.transform_filter(alt.datum.order == 0).mark_text(
        align="left", dx=4, fontSize=12).encode(
        y=country, x="arrivals:Q", text="arrivals_label:N", tooltip=tooltip)
    shares = base.transform_filter(alt.datum.order == 0).transform_calculate(
        middle="datum.persons / 2").mark_text(fontSize=12, color="#ffffff").encode(
        y=country, x="middle:Q", text="share_label:N", tooltip=tooltip)
    return (bars + totals + shares).properties(
        width=380, height=alt.Step(40),
        description=_("Migrants who came to Kazakhstan in 2022 by country, and the estimated "
                      "number who stayed") + ". " + summary + ".",
    )
