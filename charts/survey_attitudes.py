"""Table 1 as 100% stacked bars: for each survey question, the share of each answer."""

import altair as alt

# Okabe–Ito colours, told apart with the common colour-vision deficiencies; every segment
# also carries its answer as text, so nothing depends on colour alone.
COLOURS = {"positive": "#56B4E9", "yes": "#56B4E9", "neutral": "#F0E442",
           "negative": "#E69F00", "no": "#E69F00"}


def chart(ctx):
    _ = ctx._
    rows = ctx.records("survey_attitudes")
    for order, row in enumerate(rows):
        row["order"] = order
        row["label"] = f"{row['answer']} {ctx.fmt.percent(row['share'])}"
    summary = "; ".join(
        question + ": " + ", ".join(f"{r['answer']} {ctx.fmt.percent(r['share'])}"
                                   for r in rows if r["question"] == question)
        for question in dict.fromkeys(r["question"] for r in rows))
    base = alt.Chart(alt.Data(values=rows)).transform_stack(
        stack="share", groupby=["question"], as_=["start", "end"], offset="normalize",
        sort=[alt.SortField("order")],
    ).transform_calculate(middle="(datum.start + datum.end) / 2")
    question = alt.Y("question:N", sort=None, title=None,
                     axis=alt.Axis(labelLimit=320, labelFontSize=12, domain=False, ticks=False))
    tooltip = [alt.Tooltip("question:N", title=ctx.title("survey_attitudes", "question")),
               alt.Tooltip("answer:N", title=ctx.title("survey_attitudes", "answer")),
               alt.Tooltip("share:Q", title=ctx.title("survey_attitudes", "share") + ", %")]
    bars = base.mark_bar(stroke="#ffffff", strokeWidth=1).encode(
        y=question,
        x=alt.X("start:Q", title=_("Share of respondents"),
                axis=alt.Axis(format="%", tickCount=5, grid=False)),
        x2="end:Q",
        color=alt.Color("answer_code:N", legend=None,
                        scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values()))),
        tooltip=tooltip,
    )
    # The labels carry the same tooltip, so hovering the text of a bar shows it too.
    labels = base.mark_text(fontSize=12, color="#111111").encode(
        y=question, x="middle:Q", text="label:N", tooltip=tooltip)
    return (bars + labels).properties(
        width=380, height=alt.Step(46),
        description=_("Survey answers by question") + ". " + summary + ".",
    ).configure_view(stroke=None).configure_axis(labelFont="DejaVu Sans", titleFont="DejaVu Sans") \
     .configure_text(font="DejaVu Sans")
