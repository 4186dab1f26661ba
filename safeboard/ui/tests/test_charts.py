"""The server-drawn SVG charts: well-formed, escaped, one marker per point, labelled."""

import xml.etree.ElementTree as ET  # the SVG is our own output, not untrusted input
from dataclasses import dataclass

from django.template import Context, Template

from safeboard.ui.charts import (
    BLUE,
    GREY,
    ORANGE,
    PURPLE,
    Line,
    LineChart,
    LineKind,
    Marker,
    PointStyle,
    Sparkline,
    key_marker,
    nice_ticks,
    render,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def _text(root: ET.Element, tag: str) -> str | None:
    found = root.find(f"{SVG}{tag}")
    assert found is not None
    return found.text


HOSTILE = '<script>alert("x")</script> & "quotes"'

STYLES = {
    "common_cause": PointStyle(GREY, "circle", "Common cause variation"),
    "improvement": PointStyle(BLUE, "square", "Special cause: improvement"),
    "concern": PointStyle(ORANGE, "triangle", "Special cause: concern"),
    "neutral_high": PointStyle(PURPLE, "diamond", "Special cause: neutral"),
}


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float | None
    point_type: str | None = None
    mean: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    target: float | None = None
    forecast: float | None = None
    comparator: float | None = None


def indicator_chart(*, title, description, rows, comparator_name="", chart_id="chart"):
    """A chart described as an app describes one: values by class, and every kind of line."""
    return render(
        LineChart(
            title=title,
            description=description,
            labels=[r.label for r in rows],
            values=[r.value for r in rows],
            point_classes=[r.point_type for r in rows],
            point_styles=STYLES,
            chart_id=chart_id,
            lines=[
                Line(
                    "comparator",
                    LineKind.COMPARATOR,
                    [r.comparator for r in rows],
                    comparator_name or "Comparator",
                ),
                Line(
                    "upper_limit", LineKind.LIMIT, [r.upper_limit for r in rows], "Process limits"
                ),
                Line("lower_limit", LineKind.LIMIT, [r.lower_limit for r in rows]),
                Line("mean", LineKind.MEAN, [r.mean for r in rows], "Mean"),
                Line("target", LineKind.TARGET, [r.target for r in rows], "Target"),
                Line(
                    "forecast", LineKind.FORECAST, [r.forecast for r in rows], "Baseline forecast"
                ),
            ],
        )
    )


def sparkline(*, title, values):
    return render(Sparkline(title=title, values=values))


def _rows(n=12):
    types = ["common_cause", "improvement", "concern", "neutral_high"]
    return [
        ChartRow(
            label=f"Month {i}",
            value=float(10 + i % 5),
            point_type=types[i % 4],
            mean=12.0,
            lower_limit=8.0,
            upper_limit=16.0,
            target=11.0,
            forecast=10.0 + i * 0.2,
            comparator=13.0 if i % 2 else None,
        )
        for i in range(n)
    ]


def test_it_draws_well_formed_svg_with_title_and_description():
    svg = indicator_chart(title="Referrals", description="12 months of referrals", rows=_rows())
    root = _parse(svg)
    assert root.get("role") == "img"
    assert _text(root, "title") == "Referrals"
    assert _text(root, "desc") == "12 months of referrals"


def test_it_draws_one_marker_per_point_with_a_shape_per_point_type():
    rows = _rows()
    root = _parse(indicator_chart(title="T", description="D", rows=rows))
    points = [e for e in root.iter() if e.get("class") == "point"]
    assert len(points) == len(rows)
    shapes = {e.tag.replace(SVG, "") for e in points}
    assert shapes == {"circle", "rect", "polygon"}
    colours = {e.get("fill") for e in points}
    assert {"#505a5f", "#005ea5", "#b35a00", "#490092"} <= colours


def test_it_skips_missing_values_but_keeps_their_period():
    rows = [ChartRow(label="A", value=1.0), ChartRow(label="B", value=None), ChartRow("C", 3.0)]
    root = _parse(indicator_chart(title="T", description="D", rows=rows))
    assert len([e for e in root.iter() if e.get("class") == "point"]) == 2
    labels = [e.text for e in root.iter(f"{SVG}text")]
    assert "B" in labels


def test_it_escapes_hostile_text_everywhere():
    rows = [ChartRow(label=HOSTILE, value=1.0), ChartRow(label="x", value=2.0, comparator=1.0)]
    svg = indicator_chart(
        title=HOSTILE, description=HOSTILE, rows=rows, comparator_name=HOSTILE, chart_id='"x'
    )
    assert "<script>" not in svg
    root = _parse(svg)
    assert _text(root, "title") == HOSTILE


def test_it_draws_the_legend_of_lines_and_point_types():
    root = _parse(indicator_chart(title="T", description="D", rows=_rows()))
    texts = {e.text for e in root.iter(f"{SVG}text")}
    for name in ("Process limits", "Mean", "Target", "Baseline forecast", "Comparator"):
        assert name in texts
    assert "Special cause: improvement" in texts
    assert "Special cause: concern" in texts
    classes = {e.get("class") for e in root.iter()}
    assert {"line-mean", "line-upper_limit", "line-target", "line-forecast"} <= classes


def test_it_draws_an_empty_chart_without_failing():
    root = _parse(indicator_chart(title="T", description="No data", rows=[]))
    assert _text(root, "desc") == "No data"


def test_it_chooses_four_to_six_round_ticks():
    for low, high in [(0, 1), (3, 97), (-5, 5), (1000, 1003), (10, 10), (0.12, 0.87), (0, 7e6)]:
        ticks = nice_ticks(low, high)
        assert 4 <= len(ticks) <= 6, (low, high, ticks)
        assert ticks[0] <= low
        assert ticks[-1] >= high


def test_it_draws_a_sparkline():
    root = _parse(sparkline(title="<b>", values=[1.0, None, 3.0]))
    assert _text(root, "title") == "<b>"


def test_it_draws_an_unknown_or_missing_point_class_in_the_default_style():
    chart = LineChart(
        title="T", description="D", labels=["A", "B"], values=[1.0, 2.0], point_classes=["odd"]
    )
    root = _parse(render(chart))
    points = [e for e in root.iter() if e.get("class") == "point"]
    assert [p.get("fill") for p in points] == ["#0b0c0c", "#0b0c0c"]
    assert "Value" in {e.text for e in root.iter(f"{SVG}text")}


def test_it_leaves_a_line_with_no_values_and_its_legend_out():
    chart = LineChart(
        title="T",
        description="D",
        labels=["A", "B"],
        values=[1.0, 2.0],
        lines=[Line("target", LineKind.TARGET, [None, None], "Target")],
    )
    root = _parse(render(chart))
    assert "Target" not in {e.text for e in root.iter(f"{SVG}text")}
    assert "line-target" not in {e.get("class") for e in root.iter()}


def _tag(template: str, **context):
    return Template("{% load charts %}" + template).render(Context(context))


def test_it_draws_a_chart_in_a_template_with_unique_ids():
    chart = LineChart(title="<T>", description="D", labels=["A"], values=[1.0], chart_id="c-7")
    html = _tag("{% chart a %}{% chart a %}", a=chart)
    assert html.count('id="c-7-title"') == 1
    assert html.count('id="c-7-2-title"') == 1
    assert "&lt;T&gt;" in html
    assert "<T>" not in html


def test_it_draws_a_sparkline_in_a_template_and_nothing_for_anything_else():
    assert 'class="sb-sparkline"' in _tag("{% chart s %}", s=Sparkline(title="x", values=[1.0]))
    assert _tag("{% chart s %}", s="<svg onload=alert(1)>") == ""
    assert _tag("{% chart missing %}") == ""


def test_it_marks_a_change_and_starts_the_mean_and_limits_afresh_there():
    """Limits recalculated at the third period: a dotted line there, named with its reason, and
    the limit and mean lines in two pieces, while the values and target run on across it."""
    chart = LineChart(
        title="T",
        description="D",
        labels=["A", "B", "C", "D"],
        values=[1.0, 2.0, 5.0, 6.0],
        lines=[
            Line("upper_limit", LineKind.LIMIT, [3.0, 3.0, 8.0, 8.0], "Process limits"),
            Line("mean", LineKind.MEAN, [1.5, 1.5, 5.5, 5.5], "Mean"),
            Line("target", LineKind.TARGET, [4.0, 4.0, 4.0, 4.0], "Target"),
        ],
        markers=[Marker(2, "Limits recalculated from C: new rules <b>")],
        marker_legend="Limits recalculated",
    )
    root = _parse(render(chart))
    paths = {e.get("class"): e.get("d") or "" for e in root.iter(f"{SVG}path")}
    assert paths["line-upper_limit"].count("M") == 2
    assert paths["line-mean"].count("M") == 2
    assert paths["line-target"].count("M") == 1
    assert paths["line-value"].count("M") == 1
    (marker,) = [e for e in root.iter() if e.get("class") == "marker"]
    assert _text(marker, "title") == "Limits recalculated from C: new rules <b>"
    assert "Limits recalculated" in {e.text for e in root.iter(f"{SVG}text")}


def test_it_draws_a_point_styles_marker_alone_hidden_from_screen_readers():
    root = _parse(key_marker(STYLES["concern"]))
    assert root.get("aria-hidden") == "true"
    (shape,) = [e for e in root.iter() if e.get("class") == "key"]
    assert shape.tag == f"{SVG}polygon"
    assert shape.get("fill") == ORANGE
