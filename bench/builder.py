"""Builds the benchmark's data set with bulk inserts (no history rows, no services: the point is
volume, fast). The large partnership's agency breakdown is generated inside the database, one
INSERT … SELECT per batch of indicators. Call only with Django set up and a throwaway database."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

from safeboard.accounts.models import User
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, AgencyType, Membership, Partnership
from safeboard.performance.domain import periods
from safeboard.performance.models import (
    Frequency,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    Unit,
    Value,
)
from safeboard.plans.models import Plan, Theme, ThemeKind

BATCH = 5000
# Rows per INSERT … SELECT of the agency breakdown (whole indicators per statement).
SQL_BATCH = 40_000
FIRST_PERIOD = datetime.date(2015, 4, 1)


@dataclass(frozen=True)
class Scale:
    partnerships: int = 150
    indicators: int = 300
    periods: int = 120
    agencies: int = 10
    # Indicators of the large partnership that also get a value per agency per period (all).
    agency_breakdown_indicators: int = 300
    # Each of the other partnerships: a small data set.
    other_indicators: int = 10
    other_periods: int = 24
    # One of the others is medium-sized, for the PDF (WeasyPrint on the large one takes minutes).
    medium_indicators: int = 30
    medium_periods: int = 36
    # The plan of the large, medium and small partnerships: every indicator under one priority
    # (round-robin), every third also under an outcome (a report that repeated an indicator under
    # each of its themes would show it twice).
    priorities: int = 6
    outcomes: int = 6


TINY = Scale(
    partnerships=3,
    indicators=4,
    periods=13,
    agencies=2,
    agency_breakdown_indicators=4,
    other_indicators=2,
    other_periods=3,
    medium_indicators=2,
    medium_periods=13,
    priorities=2,
    outcomes=2,
)


@dataclass
class Built:
    large: Partnership
    small: Partnership
    medium: Partnership
    user: User
    large_indicator: Indicator
    small_indicator: Indicator
    # The first strategic priority of each plan: the report section page's theme.
    large_section: int
    small_section: int
    values: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _indicators(partnership: Partnership, n: int, prefix: str) -> list[Indicator]:
    kinds = list(IndicatorKind.values)
    made = [
        Indicator(
            partnership=partnership,
            code=f"{prefix}-{i:04d}",
            name=f"Benchmark measure {i}",
            unit=Unit.PERCENTAGE if i % 3 == 0 else Unit.COUNT,
            polarity=Polarity.LOWER if i % 2 else Polarity.HIGHER,
            frequency=Frequency.MONTHLY,
            kind=kinds[i % len(kinds)],
            is_bellwether=i < 8,
            is_illustrative=True,
            position=i,
        )
        for i in range(n)
    ]
    return Indicator.objects.bulk_create(made, batch_size=BATCH)


def _values(
    indicators: list[Indicator],
    n_periods: int,
    agencies: list[Agency | None],
    rng: random.Random,
) -> int:
    starts = [periods.add_months(FIRST_PERIOD, m) for m in range(n_periods)]
    total, batch = 0, []
    for indicator in indicators:
        level = rng.uniform(20, 80)
        for agency in agencies:
            for start in starts:
                batch.append(
                    Value(
                        partnership_id=indicator.partnership_id,
                        indicator=indicator,
                        agency=agency,
                        period_start=start,
                        value=Decimal(round(max(0.0, rng.gauss(level, 5)))),
                    )
                )
                if len(batch) >= BATCH:
                    Value.objects.bulk_create(batch)
                    total += len(batch)
                    batch = []
    Value.objects.bulk_create(batch)
    return total + len(batch)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # a concrete column, never a reverse relation
    return field.column


def _agency_values(indicators: list[Indicator], n_periods: int, agencies: list[Agency]) -> int:
    """A value per indicator, period and agency, generated inside the database by one
    INSERT … SELECT per batch of indicators: the cross join of the indicators, the periods (a
    common table expression of the period starts) and the agencies, with a deterministic
    pseudo-random value from 1 to 50. Each (indicator, period, agency) occurs once, as the unique
    constraint wants. Returns the number of rows inserted."""
    if not indicators or not agencies or n_periods < 1:
        return 0
    ops, qn = connection.ops, connection.ops.quote_name
    columns = ", ".join(
        qn(_column(Value, name))
        for name in (
            "created_at", "modified_at", "partnership", "indicator", "period_start", "agency",
            "value", "numerator", "denominator", "comment", "agency_return",
        )
    )  # fmt: skip
    indicator_pk, agency_pk = qn(Indicator._meta.pk.column), qn(Agency._meta.pk.column)
    indicator_partnership = qn(_column(Indicator, "partnership"))
    # Dates and datetimes as parameters, adapted as Django stores them ('YYYY-MM-DD' on SQLite).
    now = ops.adapt_datetimefield_value(timezone.now())
    starts = [
        ops.adapt_datefield_value(periods.add_months(FIRST_PERIOD, m)) for m in range(n_periods)
    ]
    period_rows = ", ".join(f"({m}, %s)" for m in range(n_periods))
    agency_ids = [a.pk for a in agencies]
    per_indicator = n_periods * len(agencies)
    step = max(1, SQL_BATCH // per_indicator)
    total = 0
    with connection.cursor() as cursor:
        for first in range(0, len(indicators), step):
            indicator_ids = [i.pk for i in indicators[first : first + step]]
            # Identifiers come from the models' _meta (quoted); every value is a parameter.
            sql = (
                f"WITH bench_periods (period_index, period_start) AS (VALUES {period_rows}) "  # noqa: S608
                f"INSERT INTO {qn(Value._meta.db_table)} ({columns}) "
                f"SELECT %s, %s, i.{indicator_partnership}, i.{indicator_pk}, p.period_start, "
                f"a.{agency_pk}, "
                f"((i.{indicator_pk} * 7919 + p.period_index * 104729 + a.{agency_pk} * 31)"
                " %% 50) + 1, NULL, NULL, '', NULL "
                f"FROM {qn(Indicator._meta.db_table)} i "
                "CROSS JOIN bench_periods p "
                f"CROSS JOIN {qn(Agency._meta.db_table)} a "
                f"WHERE i.{indicator_pk} IN ({', '.join(['%s'] * len(indicator_ids))}) "
                f"AND a.{agency_pk} IN ({', '.join(['%s'] * len(agency_ids))}) "
                f"ORDER BY i.{indicator_pk}, p.period_index, a.{agency_pk}"
            )
            cursor.execute(sql, [*starts, now, now, *indicator_ids, *agency_ids])
            inserted = len(indicator_ids) * per_indicator
            total += cursor.rowcount if cursor.rowcount >= 0 else inserted
    return total


def _plan(
    partnership: Partnership, indicators: list[Indicator], priorities: int, outcomes: int
) -> list[Theme]:
    """A plan with `priorities` strategic priorities and `outcomes` outcomes; indicator i is
    linked to priority i mod `priorities`, and every third indicator also to an outcome. Returns
    the themes, priorities first."""
    plan = Plan.objects.create(
        partnership=partnership,
        key="bench-plan",
        title=f"{partnership.name} plan",
        start_year=FIRST_PERIOD.year,
        end_year=FIRST_PERIOD.year + 10,
    )
    kinds = [(ThemeKind.STRATEGIC_PRIORITY, "priority", priorities)]
    kinds.append((ThemeKind.OUTCOME, "outcome", outcomes))
    themes = Theme.objects.bulk_create(
        [
            Theme(
                partnership=partnership,
                plan=plan,
                key=f"{word}-{n}",
                kind=kind,
                title=f"Benchmark {word} {n + 1}",
                position=n,
            )
            for kind, word, count in kinds
            for n in range(count)
        ]
    )
    first_priorities, first_outcomes = themes[:priorities], themes[priorities:]
    link = Indicator.themes.through
    links = []
    for i, indicator in enumerate(indicators):
        if first_priorities:
            theme = first_priorities[i % len(first_priorities)]
            links.append(link(indicator_id=indicator.pk, theme_id=theme.pk))
        if first_outcomes and i % 3 == 0:
            theme = first_outcomes[(i // 3) % len(first_outcomes)]
            links.append(link(indicator_id=indicator.pk, theme_id=theme.pk))
    link.objects.bulk_create(links, batch_size=BATCH)
    return themes


def build(scale: Scale = Scale(), *, seed: int = 1) -> Built:
    """The large partnership (`scale.indicators` by `scale.periods`, with a value per agency for
    the first `scale.agency_breakdown_indicators`, by default all of them), a small one (the same
    pages with little data), and the rest with a small data set each. The large, medium and
    small partnerships have a plan (see `_plan`). One user is a manager in the large, the small
    and the medium partnership."""
    rng = random.Random(seed)
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(name=f"Bench partnership {i:03d}", slug=f"bench-{i:03d}")
            for i in range(scale.partnerships)
        ]
    )
    large, small, medium = partnerships[0], partnerships[1], partnerships[2]
    others = partnerships[3:]
    user = User.objects.create_user(email="bench@example.org", password="bench-password")  # noqa: S106 (throwaway database)
    Membership.objects.bulk_create(
        [
            Membership(partnership=p, user=user, role=Role.MANAGER.value)
            for p in (large, small, medium)
        ]
    )
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                partnership=large,
                key=f"agency-{a}",
                name=f"Agency {a}",
                agency_type=AgencyType.OTHER,
            )
            for a in range(scale.agencies)
        ]
    )
    built_values = 0
    large_indicators = _indicators(large, scale.indicators, "L")
    built_values += _values(large_indicators, scale.periods, [None], rng)
    breakdown = large_indicators[: scale.agency_breakdown_indicators]
    built_values += _agency_values(breakdown, scale.periods, list(agencies))
    Target.objects.bulk_create(
        [
            Target(partnership=large, indicator=i, period_start=FIRST_PERIOD, value=Decimal(50))
            for i in large_indicators[::5]
        ]
    )
    small_indicators = _indicators(small, 4, "S")
    built_values += _values(small_indicators, 13, [None], rng)
    medium_indicators = _indicators(medium, scale.medium_indicators, "M")
    built_values += _values(medium_indicators, scale.medium_periods, [None], rng)
    for p in others:
        mine = _indicators(p, scale.other_indicators, "O")
        built_values += _values(mine, scale.other_periods, [None], rng)
    large_themes = _plan(large, large_indicators, scale.priorities, scale.outcomes)
    _plan(medium, medium_indicators, scale.priorities, scale.outcomes)
    # The small one's plan has at most as many themes as it has indicators.
    small_themes = _plan(small, small_indicators, min(scale.priorities, 2), min(scale.outcomes, 2))
    return Built(
        large=large,
        small=small,
        medium=medium,
        user=user,
        large_indicator=large_indicators[0],
        small_indicator=small_indicators[0],
        large_section=large_themes[0].pk,
        small_section=small_themes[0].pk,
        values=built_values,
        counts={
            "partnerships": len(partnerships),
            "large indicators": len(large_indicators),
            "large partnership-level values": scale.indicators * scale.periods,
            "large agency-level values": len(breakdown) * scale.periods * scale.agencies,
            "large priorities": scale.priorities,
            "large outcomes": scale.outcomes,
        },
    )
