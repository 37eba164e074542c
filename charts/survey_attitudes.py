"""Table 1 as 100% stacked bars: for each survey question, the share of each answer."""

import altair as alt

# Every segment carries its answer as text, so nothing depends on colour alone. The attitude
# scale (positive, neutral, opposed) has its colours; "yes" and "no" have others, since they
# are not on that scale ("Yes, I feel competition" is not "Positive"): Okabe–Ito's reddish
# purple and bluish green. Each colour stands out from the chart's background by 3:1 or more
# in the light theme (white) and the dark one (#1f2228), and carries its #111 label at 4.5:1
# or more: a mid blue, a grey for "neutral" and Okabe–Ito's vermillion for the scale
# (the lighter sky blue, yellow and orange fade into white).
COLOURS = {"positive": "#3A87C8", "neutral": "#858585", "negative": "#D55E00",
           "yes": "#CC79A7", "no": "#009E73"}
FONT_SIZE = 12
SMALL = 11  # px: the smallest chart text a reader gets (tests/test_readable.py)
PAD = 4  # px kept free at each end of a segment
# A segment shows "answer share" on one line if it fits, else answer and share on two lines,
# at 12 px or else at 11 px, else the share alone, else nothing (the tooltip, the data table
# and the description have it). The widths of the texts are measured in Python at 12 px
# (ctx.text_width: the charts' font; at 11 px they are 11/12 of that); the room a segment
# has depends on the width the chart is drawn at (`width`), which the generator chooses per
# form (wide, narrow: on a phone a 25 % segment is about 80 px), so Vega works it out.
ROOM = f"(datum.end - datum.start) * width - {2 * PAD}"
TWO_LINES = "max(datum.w_answer, datum.w_share)"


def fits(width: str, size: int = FONT_SIZE) -> str:
    """A Vega expression: text of this width at 12 px fits its segment at size px."""
    return f"{width} * {size / FONT_SIZE:.6f} <= {ROOM}"


SHOWN = (f"{fits('datum.w_label')} ? datum.label"
         f" : {fits(TWO_LINES)} || {fits(TWO_LINES, SMALL)} ? [datum.answer, datum.share_text]"
         f" : {fits('datum.w_share')} ? datum.share_text : ''")
SIZE = (f"{fits('datum.w_label')} || {fits(TWO_LINES)} || !({fits(TWO_LINES, SMALL)})"
        f" ? {FONT_SIZE} : {SMALL}")


def chart(ctx):
    _ = ctx._
    rows = ctx.records("survey_attitudes")
    for order, row in enumerate(rows):
        row["order"] = order
        row["share_text"] = ctx.fmt.percent(row["share"])
        row["label"] = f"{row['answer']} {row['share_text']}"
        for name in ("label", "answer", "share_text"):
            row[f"w_{name.split('_')[0]}"] = ctx.text_width(row[name], FONT_SIZE)
    summary = "; ".join(
        question + ": " + ", ".join(f"{r['answer']} {ctx.fmt.percent(r['share'])}"
                                   for r in rows if r["question"] == question)
        for question in dict.fromkeys(r["question"] for r in rows))
    base = alt.Chart(alt.Data(values=rows)).transform_stack(
        stack="share", groupby=["question"], as_=["start", "end"], offset="normalize",
        sort=[alt.SortField("order")],
    ).transform_calculate(middle="(datum.start + datum.end) / 2", shown=SHOWN)
    question = alt.Y("question:N", sort=None, title=None,
                     axis=alt.Axis(labelLimit=320, labelFontSize=12, domain=False, ticks=False))
    tooltip = [alt.Tooltip("question:N", title=ctx.title("survey_attitudes", "question")),
               alt.Tooltip("answer:N", title=ctx.title("survey_attitudes", "answer")),
               alt.Tooltip("share:Q", title=ctx.title("survey_attitudes", "share") + ", %")]
    bars = base.mark_bar().encode(
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
    labels = base.mark_text(fontSize=alt.ExprRef(SIZE), lineHeight=FONT_SIZE + 2, color="#111111",
                            limit=alt.ExprRef(ROOM),
                            dy=alt.ExprRef(f"isArray(datum.shown) ? {-(FONT_SIZE + 2) / 2} : 0"),
                            ).encode(
        y=question, x="middle:Q", text="shown:N", tooltip=tooltip)
    return (bars + labels).properties(
        width=380, height=alt.Step(46),
        description=_("Survey answers by question") + ". " + summary + ".",
    )
