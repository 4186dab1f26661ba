import itertools

from hypothesis import given
from hypothesis import strategies as st

from safeboard.governance.domain.structure import (
    Connector,
    Node,
    ancestors,
    descendants,
    forest,
    layout,
    reading_order,
    would_create_cycle,
    wrap_label,
)

# Board -> strategic management group -> operational delivery group -> eight sub-groups.
LINCOLNSHIRE = [Node(1, None), Node(2, 1), Node(3, 2), *(Node(i, 3) for i in range(4, 12))]
EPS = 1e-9


@st.composite
def trees(draw, max_size=40):
    """A random forest: each group reports to nobody or to one drawn before it, then the groups
    are given in a shuffled order with shuffled ids."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    parents = [None]
    for i in range(1, size):
        parents.append(draw(st.one_of(st.none(), st.integers(min_value=0, max_value=i - 1))))
    ids = draw(st.permutations(range(100, 100 + size)))
    nodes = [Node(ids[i], None if p is None else ids[p]) for i, p in enumerate(parents)]
    return draw(st.permutations(nodes))


def _parents(nodes):
    return {n.id: n.parent_id for n in nodes}


# --- Reporting lines ------------------------------------------------------------------------------


def test_it_refuses_a_group_reporting_to_itself():
    assert would_create_cycle({1: None}, node=1, new_parent=1)


def test_it_refuses_a_group_reporting_to_a_group_below_it():
    parents = _parents(LINCOLNSHIRE)
    assert would_create_cycle(parents, node=1, new_parent=3)
    assert would_create_cycle(parents, node=2, new_parent=11)


def test_it_allows_moving_a_group_to_another_branch_or_to_the_top():
    parents = _parents(LINCOLNSHIRE)
    assert not would_create_cycle(parents, node=11, new_parent=4)
    assert not would_create_cycle(parents, node=3, new_parent=1)
    assert not would_create_cycle(parents, node=3, new_parent=None)


def test_it_lists_the_groups_above_and_below():
    parents = _parents(LINCOLNSHIRE)
    assert ancestors(parents, 11) == [3, 2, 1]
    assert descendants(parents, 2) == {3, *range(4, 12)}
    assert descendants(parents, 11) == set()


def test_it_stops_at_a_loop_already_in_the_data():
    parents = {1: 2, 2: 1, 3: 1}
    assert ancestors(parents, 3) == [1, 2]
    assert would_create_cycle(parents, node=3, new_parent=2) is False
    assert would_create_cycle(parents, node=1, new_parent=3) is True


@given(trees())
def test_it_never_allows_a_move_that_makes_a_group_its_own_ancestor(nodes):
    parents = _parents(nodes)
    for node in parents:
        for new_parent in [None, *parents]:
            moved = {**parents, node: new_parent}
            current, loops = node, False
            for _ in range(len(moved)):
                current = moved[current]
                if current is None:
                    break
                if current == node:
                    loops = True
                    break
            assert would_create_cycle(parents, node=node, new_parent=new_parent) == loops


def test_it_makes_a_group_whose_parent_is_missing_the_top_of_its_own_tree():
    roots, children = forest([Node(5, 99), Node(6, 5)])
    assert roots == [5]
    assert children == {5: [6], 6: []}


def test_it_still_shows_every_group_of_a_loop_once():
    roots, children = forest([Node(1, 2), Node(2, 1), Node(3, None)])
    assert roots == [3, 1]
    assert reading_order(roots, children) == [3, 1, 2]


# --- Layout ---------------------------------------------------------------------------------------


def _assert_readable(result, nodes):
    placements = result.placements
    assert set(placements) == {n.id for n in nodes}
    assert sorted(result.order) == sorted(placements)
    for p in placements.values():
        assert p.x >= -EPS
        assert p.x + 1 <= result.width + EPS
        assert 0 <= p.row < result.rows
    by_row: dict[int, list[float]] = {}
    for p in placements.values():
        by_row.setdefault(p.row, []).append(p.x)
    for xs in by_row.values():
        xs.sort()
        for left, right in itertools.pairwise(xs):
            assert right - left >= 1 - EPS, "two boxes overlap"
    parents = _parents(nodes)
    for p in placements.values():
        if p.parent_id is not None:
            assert parents[p.id] == p.parent_id
            assert p.row > placements[p.parent_id].row, "a child is not below its parent"


@given(trees())
def test_it_lays_out_any_tree_without_overlaps_and_with_children_below_parents(nodes):
    _assert_readable(layout(nodes), nodes)


@given(trees(), st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=5))
def test_it_keeps_those_rules_however_children_are_stacked(nodes, stack_after, per_column):
    _assert_readable(layout(nodes, stack_after=stack_after, rows_per_column=per_column), nodes)


@given(trees())
def test_it_never_runs_a_line_through_a_box(nodes):
    result = layout(nodes, stack_after=2, rows_per_column=3)
    placements = result.placements.values()
    for child in placements:
        if child.parent_id is None:
            continue
        parent = result.placements[child.parent_id]
        if child.connector is Connector.BELOW:
            assert child.row == parent.row + 1
            continue
        assert child.trunk_x is not None
        assert child.trunk_x < child.x
        for other in placements:
            if parent.row < other.row <= child.row:
                assert not other.x < child.trunk_x < other.x + 1


@given(trees())
def test_it_lays_out_the_same_tree_the_same_way_every_time(nodes):
    assert layout(nodes) == layout(list(nodes))


@given(trees())
def test_it_reads_each_group_before_the_groups_that_report_to_it(nodes):
    order = layout(nodes).order
    position = {i: n for n, i in enumerate(order)}
    for n in nodes:
        if n.parent_id is not None:
            assert position[n.parent_id] < position[n.id]


def test_it_stacks_the_eight_lincolnshire_sub_groups_in_two_columns():
    result = layout(LINCOLNSHIRE)
    rows = {i: result.placements[i].row for i in range(1, 12)}
    assert rows[1] == 0
    assert rows[2] == 1
    assert rows[3] == 2
    assert sorted(rows[i] for i in range(4, 12)) == [3, 3, 4, 4, 5, 5, 6, 6]
    assert {result.placements[i].connector for i in range(4, 12)} == {Connector.STACKED}
    assert result.width < 2.5
    assert result.rows == 7


def test_it_draws_a_few_sub_groups_side_by_side_centred_under_their_parent():
    result = layout([Node(1, None), Node(2, 1), Node(3, 1), Node(4, 1)])
    xs = [result.placements[i].x for i in (2, 3, 4)]
    assert xs == [0, 1, 2]
    assert result.placements[1].x == 1
    assert {result.placements[i].row for i in (2, 3, 4)} == {1}


def test_it_draws_separate_trees_side_by_side():
    result = layout([Node(1, None), Node(2, None)])
    assert [result.placements[i].x for i in (1, 2)] == [0, 1]
    assert result.width == 2


def test_it_lays_out_nothing_for_no_groups():
    result = layout([])
    assert result.placements == {}
    assert result.width == 0
    assert result.rows == 0


# --- Labels and keys ------------------------------------------------------------------------------


def test_it_wraps_a_long_name_at_spaces():
    lines = wrap_label(
        "Short life task group sexual exploitation and missing children", width=24, max_lines=4
    )
    assert lines == ["Short life task group", "sexual exploitation and", "missing children"]


def test_it_ends_a_name_too_long_for_the_box_with_an_ellipsis():
    lines = wrap_label("word " * 40, width=10, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")


def test_it_breaks_a_word_longer_than_a_line():
    assert wrap_label("Supercalifragilistic", width=8, max_lines=5) == [
        "Superca-",
        "lifragi-",
        "listic",
    ]


@given(st.text(max_size=200), st.integers(min_value=2, max_value=30), st.integers(1, 6))
def test_it_never_makes_a_line_too_long_or_too_many(text, width, max_lines):
    lines = wrap_label(text, width=width, max_lines=max_lines)
    assert len(lines) <= max_lines
    assert all(len(line) <= width for line in lines)
