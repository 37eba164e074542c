"""Table 1 as 100% stacked bars: for each survey question, the share of each answer."""

import altair as alt

# Okabe–Ito colours, told apart with the common colour-vision deficiencies; every segment
# also carries its answer as text, so nothing depends on colour alone. The attitude scale
# (positive, neutral, opposed) has its colours; "yes" and "no" have others, since they are
# not on that scale ("Yes, I feel competition" is not "Positive").
COLOURS = {"positive": "#56B4E9", "neutral": "#F0E442", "negative": "#E69F00",
           "yes": "#CC79A7", "no": "#009E73"}
WIDTH = 380  # px: the plot's width, which the shares are stacked across
FONT_SIZE = 12
PAD = 4  # px kept free at each end of a segment
# Vega-Lite cannot measure text, so a label's width is estimated from its letters, as DejaVu
# Sans draws them (the font the chart names, and wider than the sans-serif a reader without
# it gets): most take 0.66 em, these narrow ones 0.4 em, these wide ones 0.78 em and these
# widest 1 em (within 3 % of the real width of every label here, in kk, ru and en). Each label
# is also limited to its segment, so an estimate that falls short shortens the label ("…")
# and never lets it overflow.
EM = {" \u00a0\u202f(),.:;IJfijltІі-": 0.4,
      "DGHNOQUДИЙКЛНОПЦъыҚҢӘӨ": 0.78,
      "%MWmwЖМФШЩЪЫЮжмфшщю": 1.0}
# A segment shows "answer share" on one line if it fits, else answer and share on two lines,
# else the share alone, else nothing (the tooltip, the data table and the description have it).
SHOWN = ("datum.w_label <= datum.room ? datum.label"
         " : max(datum.w_answer, datum.w_share) <= datum.room ? [datum.answer, datum.share_text]"
         " : datum.w_share <= datum.room ? datum.share_text : ''")


def text_width(field: str) -> str:
    """A Vega expression: the estimated width in px of the text in datum[field]."""
    terms = [f"0.66 * length(datum.{field})"] + [
        f"{em - 0.66:+.2f} * length(replace(datum.{field}, regexp('[^{letters}]', 'g'), ''))"
        for letters, em in EM.items()]
    return f"{FONT_SIZE} * ({' '.join(terms)})"


def chart(ctx):
    _ = ctx._
    rows = ctx.records("survey_attitudes")
    for order, row in enumerate(rows):
        row["order"] = order
        row["share_text"] = ctx.fmt.percent(row["share"])
        row["label"] = f"{row['answer']} {row['share_text']}"
    summary = "; ".join(
        question + ": " + ", ".join(f"{r['answer']} {ctx.fmt.percent(r['share'])}"
                                   for r in rows if r["question"] == question)
        for question in dict.fromkeys(r["question"] for r in rows))
    base = alt.Chart(alt.Data(values=rows)).transform_stack(
        stack="share", groupby=["question"], as_=["start", "end"], offset="normalize",
        sort=[alt.SortField("order")],
    ).transform_calculate(middle="(datum.start + datum.end) / 2",
                          room=f"(datum.end - datum.start) * {WIDTH} - {2 * PAD}",
                          w_label=text_width("label"), w_answer=text_width("answer"),
                          w_share=text_width("share_text"),
    ).transform_calculate(shown=SHOWN)
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
    # Two lines are centred on the bar: moved up by half a line.
    labels = base.mark_text(fontSize=FONT_SIZE, lineHeight=FONT_SIZE + 2, color="#111111",
                            limit=alt.ExprRef("datum.room"),
                            dy=alt.ExprRef(f"isArray(datum.shown) ? {-(FONT_SIZE + 2) / 2} : 0"),
                            ).encode(
        y=question, x="middle:Q", text="shown:N", tooltip=tooltip)
    return (bars + labels).properties(
        width=WIDTH, height=alt.Step(46),
        description=_("Survey answers by question") + ". " + summary + ".",
    ).configure_view(stroke=None).configure_axis(labelFont="DejaVu Sans", titleFont="DejaVu Sans") \
     .configure_text(font="DejaVu Sans")
