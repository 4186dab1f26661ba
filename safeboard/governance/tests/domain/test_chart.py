from hypothesis import given
from hypothesis import strategies as st

from safeboard.governance.domain.chart import (
    BACKGROUND,
    LINE,
    SECONDARY_TEXT,
    TEXT,
    TYPE_COLOURS,
    ChartGroup,
    structure_svg,
)
from safeboard.governance.tests.svg import NS, parse

SVG = NS

GROUPS = [
    ChartGroup(1, None, "Lincolnshire Safeguarding Children Board", "board", "Board"),
    ChartGroup(2, 1, "Strategic Management Group", "strategic", "Strategic management group"),
    ChartGroup(3, 2, "Operational Delivery Group", "operational", "Operational delivery group"),
    ChartGroup(4, 3, "Serious Case Review Group", "review_group", "Review group"),
    ChartGroup(5, 3, "Child Death Overview Panel", "panel", "Panel"),
    ChartGroup(6, 3, "Policies and Procedures", "sub_group", "Sub-group"),
    ChartGroup(
        7,
        3,
        "Short life task group sexual exploitation and missing children",
        "task_group",
        "Short-life task group",
    ),
]


def _svg(groups=GROUPS):
    return parse(structure_svg(groups, title="Structure chart", description="Groups"))


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_it_is_an_image_with_a_title_and_description():
    svg = _svg()
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "structure-chart-title structure-chart-desc"
    assert svg.find(f"{SVG}title").text == "Structure chart"
    assert svg.find(f"{SVG}desc").text == "Groups"


def test_it_draws_a_box_with_the_name_and_type_of_every_group():
    svg = _svg()
    boxes = svg.findall(f"{SVG}g")
    assert [b.get("data-group") for b in boxes] == [str(g.id) for g in GROUPS]
    for box, group in zip(boxes, GROUPS, strict=True):
        text = " ".join("".join(t.itertext()) for t in box.findall(f"{SVG}text"))
        assert group.type_label in text
        assert box.find(f"{SVG}title").text == f"{group.name} ({group.type_label})"
        name = " ".join(span.text for span in box.iter(f"{SVG}tspan"))
        assert name == group.name


def test_it_draws_one_line_per_reporting_line():
    lines = _svg().findall(f"{SVG}path")
    assert sorted((p.get("data-parent"), p.get("data-child")) for p in lines) == sorted(
        (str(g.parent_id), str(g.id)) for g in GROUPS if g.parent_id is not None
    )


def test_it_fits_the_lincolnshire_structure_in_a_1000_pixel_page():
    assert int(_svg().get("width")) <= 960


def test_it_escapes_names_so_they_cannot_inject_markup():
    groups = [ChartGroup(1, None, '<script>alert("x")</script> & co', "board", "Board")]
    raw = structure_svg(groups, title="<b>t</b>", description='"d"')
    assert "<script>" not in raw
    assert "<b>" not in raw
    svg = parse(raw)
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == "<b>t</b>"
    assert "&lt;script&gt;" in raw


def test_it_drops_characters_xml_cannot_hold_from_names():
    names = ["Board\ufffe", "Panel\uffff", "Group\x00\x1f"]
    groups = [
        ChartGroup(i + 1, None, name, "sub_group", "Sub-group") for i, name in enumerate(names)
    ]
    svg = parse(structure_svg(groups, title="t\ufffe", description="d"))
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for name in ("Board", "Panel", "Group"):
        assert name in texts
    for character in ("\ufffe", "\uffff", "\x00"):
        assert character not in texts


def test_it_draws_an_empty_chart_for_no_groups():
    svg = _svg([])
    assert svg.findall(f"{SVG}g") == []
    assert svg.findall(f"{SVG}path") == []


def test_it_uses_colours_with_aa_contrast_on_white():
    assert _contrast(TEXT, BACKGROUND) >= 4.5
    assert _contrast(SECONDARY_TEXT, BACKGROUND) >= 4.5
    assert _contrast(LINE, BACKGROUND) >= 3
    for colour in TYPE_COLOURS.values():
        assert _contrast(colour, BACKGROUND) >= 4.5, colour


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=15), st.data())
def test_it_draws_any_structure_as_well_formed_svg(names, data):
    groups = [
        ChartGroup(
            i + 1,
            data.draw(st.one_of(st.none(), st.integers(1, i))) if i else None,
            name,
            "sub_group",
            "Sub-group",
        )
        for i, name in enumerate(names)
    ]
    svg = parse(structure_svg(groups, title="t", description="d"))
    assert len(svg.findall(f"{SVG}g")) == len(groups)
    assert len(svg.findall(f"{SVG}path")) == sum(1 for g in groups if g.parent_id is not None)
