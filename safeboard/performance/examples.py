"""The illustrative example data set of the example partnerships (idempotent): performance's
`examples` entry in its module, called by `manage.py load_examples` after the plan files load.

North East Lincolnshire gets its four bellwether indicators, worded as its plan words them, and a
small core data set for its three priorities; Lincolnshire a performance dataset for its five key
themes. Every value is SYNTHETIC (safeboard/performance/domain/synthetic.py, fixed seeds) and every
indicator is marked illustrative. Where a measure matches the Department for Education's published
statistics (examples/measures/dfe_csc_la_extract.csv) the real England series is imported as a
comparator and linked to it.

A partnership that already has indicators is left alone, so the command never adds to (or
changes) a data set someone has started.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from safeboard.interchange.examples import Demo
from safeboard.partnerships.models import Partnership
from safeboard.performance.comparators.services import comparators_import
from safeboard.performance.domain.synthetic import Design
from safeboard.performance.indicators.examples import ExampleIndicator, example_indicators_load
from safeboard.performance.models import Indicator, IndicatorKind, Polarity, Unit

DFE_FILE = Path(settings.BASE_DIR) / "examples" / "measures" / "dfe_csc_la_extract.csv"
ENGLAND = "E92000001"
MONTHS = 48

NEL_PLAN = "strategic-business-plan-2017-2019"
NEL_OUTCOME = (NEL_PLAN, "feel-safe-and-are-safe")
NEL_AGENCY = "Demo agency (not from the plan)"
LINCS_PLAN = "strategic-business-plan-2011-2014"

HOW_MUCH, HOW_WELL, BETTER_OFF, POPULATION = (
    IndicatorKind.HOW_MUCH,
    IndicatorKind.HOW_WELL,
    IndicatorKind.BETTER_OFF,
    IndicatorKind.POPULATION,
)


def _nel(code: str, name: str, theme: str | None, **kwargs: Any) -> ExampleIndicator:
    themes = ((NEL_PLAN, theme), NEL_OUTCOME) if theme else (NEL_OUTCOME,)
    return ExampleIndicator(code=code, name=name, agency_name=NEL_AGENCY, themes=themes, **kwargs)


def _lincs(code: str, name: str, theme: str, agency: str, **kwargs: Any) -> ExampleIndicator:
    return ExampleIndicator(
        code=code, name=name, agency_name=agency, themes=((LINCS_PLAN, theme),), **kwargs
    )


NEL_SPECS: list[ExampleIndicator] = [
    # The four bellwethers, worded as the plan words them.
    _nel(
        "NEL-BW-01", "Incidence of Domestic Abuse", "domestic-abuse",
        definition="Domestic abuse incidents and crimes recorded in the month.",
        unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=POPULATION, is_bellwether=True,
        design=Design(level=260, sd=16, shape="shift", at=24, size=3.5), seed=101,
        pattern="a sustained shift upwards from April 2018, as if recording practice changed",
    ),
    _nel(
        "NEL-BW-02", "Open cases for each element of Sexual Harm", "sexual-harm",
        definition="Children's cases open at the end of the month where sexual harm is a factor.",
        unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH, is_bellwether=True,
        design=Design(level=70, sd=6, shape="trend", size=5), seed=102,
        pattern="a steady upward trend",
    ),
    _nel(
        "NEL-BW-03", "% of children on a CP plan for neglect", "neglect",
        definition="Children on a child protection plan at the end of the month whose plan's "
        "category is neglect, as a percentage of all children on a plan.",
        unit=Unit.PERCENTAGE, polarity=Polarity.LOWER, kind=POPULATION, is_bellwether=True,
        design=Design(level=48, sd=3, kind="percentage"), seed=103, target=45,
        pattern="common cause variation only",
    ),
    _nel(
        "NEL-BW-04", "Number of children open to services across the Child Concern Model", None,
        definition="Children open at the end of the month to any level of the Child Concern "
        "Model (early help to statutory services).",
        unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH, is_bellwether=True,
        design=Design(level=1850, sd=45, shape="outlier", at=30, size=5), seed=104,
        pattern="one month far above the rest (an outlier) in October 2018",
    ),
    # Core data set: domestic abuse.
    _nel(
        "NEL-DA-02", "Children in households discussed at MARAC", "domestic-abuse",
        unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH,
        design=Design(level=42, sd=6), seed=111, pattern="common cause variation only",
    ),
    _nel(
        "NEL-DA-03", "Repeat MARAC cases within 12 months (%)", "domestic-abuse",
        unit=Unit.PERCENTAGE, polarity=Polarity.LOWER, kind=HOW_WELL,
        design=Design(level=31, sd=3, kind="percentage"), seed=112, target=28,
        pattern="common cause variation only",
    ),
    _nel(
        "NEL-DA-04", "Perpetrators completing a behaviour change programme (%)",
        "domestic-abuse", unit=Unit.PERCENTAGE, polarity=Polarity.HIGHER, kind=BETTER_OFF,
        design=Design(level=52, sd=4, kind="percentage", shape="trend", size=6), seed=113,
        target=65, pattern="an improving trend",
    ),
    # Core data set: sexual harm.
    _nel(
        "NEL-SH-02", "Children referred to the sexual assault referral centre", "sexual-harm",
        unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH,
        design=Design(level=9, sd=3), seed=121, pattern="common cause variation only",
    ),
    _nel(
        "NEL-SH-03", "Child sexual exploitation risk assessments completed within 10 working "
        "days (%)", "sexual-harm", unit=Unit.PERCENTAGE, polarity=Polarity.HIGHER,
        kind=HOW_WELL, design=Design(level=84, sd=4, kind="percentage"), seed=122, target=90,
        pattern="common cause variation only",
    ),
    _nel(
        "NEL-SH-04", "Children at risk of sexual exploitation whose risk reduced at review (%)",
        "sexual-harm", unit=Unit.PERCENTAGE, polarity=Polarity.HIGHER, kind=BETTER_OFF,
        design=Design(level=58, sd=5, kind="percentage"), seed=123,
        pattern="common cause variation only",
    ),
    # Core data set: neglect.
    _nel(
        "NEL-NG-02", "Children subject to a child protection plan per 10,000 children",
        "neglect", unit=Unit.RATE_10000, polarity=Polarity.NEUTRAL, kind=POPULATION,
        design=Design(level=62, sd=3, kind="rate"), seed=131,
        pattern="common cause variation only",
    ),
    _nel(
        "NEL-NG-03", "Child protection plans starting that were a second or subsequent plan (%)",
        "neglect", unit=Unit.PERCENTAGE, polarity=Polarity.LOWER, kind=HOW_WELL,
        design=Design(level=24, sd=3, kind="percentage", shape="shift", at=30, size=-3),
        seed=132, target=20, pattern="a sustained shift downwards from October 2018",
    ),
    _nel(
        "NEL-NG-04", "Re-referrals to children's social care within 12 months (%)", "neglect",
        unit=Unit.PERCENTAGE, polarity=Polarity.LOWER, kind=BETTER_OFF,
        design=Design(level=23, sd=2.5, kind="percentage"), seed=133, target=21,
        pattern="common cause variation only",
    ),
]  # fmt: skip

# Lincolnshire's plan names no bellwether indicators, so Safeboard chose one headline measure
# for each of its Five Key Themes, for demonstration; each says so where it says why it matters.
LINCS_BELLWETHER_NOTE = (
    "Illustrative bellwether: Lincolnshire's plan names no bellwether indicators. Safeboard chose "
    "this headline measure for the key theme {theme}, for demonstration."
)


def _lincs_bellwether(
    code: str, name: str, theme: str, title: str, agency: str, **kwargs: Any
) -> ExampleIndicator:
    return _lincs(
        code, name, theme, agency, is_bellwether=True,
        why_it_matters=LINCS_BELLWETHER_NOTE.format(theme=title), **kwargs,
    )  # fmt: skip


LINCS_SPECS: list[ExampleIndicator] = [
    # One bellwether for each of the Five Key Themes.
    _lincs_bellwether(
        "LIN-BW-01", "Referrals to children's social care per 10,000 children",
        "child-protection", "Child Protection", "Children's Services", unit=Unit.RATE_10000,
        polarity=Polarity.NEUTRAL, kind=POPULATION,
        definition="Referrals received by children's social care in the month, per 10,000 "
        "children aged 0 to 17.",
        design=Design(level=42, sd=3, kind="rate", shape="shift", at=26, size=3), seed=251,
        pattern="a sustained shift upwards from June 2012",
    ),
    _lincs_bellwether(
        "LIN-BW-02", "16 and 17 year olds owed a homelessness duty per 10,000 young people",
        "homelessness", "Homelessness", "Lincoln City Council", unit=Unit.RATE_10000,
        polarity=Polarity.LOWER, kind=POPULATION,
        definition="Young people aged 16 or 17 owed a homelessness duty in the month, per "
        "10,000 young people of that age.",
        design=Design(level=14, sd=2, kind="rate", shape="trend", size=-4), seed=252,
        target=10, pattern="an improving (downward) trend",
    ),
    _lincs_bellwether(
        "LIN-BW-03", "E-safety incidents reported by schools", "e-safety", "E-Safety",
        "Children's Services", unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=POPULATION,
        definition="Incidents involving digital technology that schools reported to the "
        "e-Safety Officer in the month.",
        design=Design(level=30, sd=5, shape="outlier", at=33, size=5), seed=253,
        pattern="one month far above the rest (an outlier) in January 2013",
    ),
    _lincs_bellwether(
        "LIN-BW-04", "Children assessed as at high risk of exploitation",
        "child-exploitation", "Child Exploitation", "Police", unit=Unit.COUNT,
        polarity=Polarity.LOWER, kind=POPULATION,
        definition="Children assessed in the month as at high risk of sexual or criminal "
        "exploitation.",
        design=Design(level=16, sd=3), seed=254, pattern="common cause variation only",
    ),
    _lincs_bellwether(
        "LIN-BW-05", "Emergency hospital admissions for injuries to children per 10,000",
        "child-safety", "Child Safety", "Health", unit=Unit.RATE_10000,
        polarity=Polarity.LOWER, kind=POPULATION,
        definition="Emergency hospital admissions caused by unintentional and deliberate "
        "injuries to children aged 0 to 14 in the month, per 10,000 children of that age.",
        design=Design(level=11, sd=1, kind="rate"), seed=255, target=10,
        pattern="common cause variation only",
    ),
    _lincs(
        "LIN-CP-01", "Children subject to a child protection plan per 10,000 children",
        "child-protection", "Children's Services", unit=Unit.RATE_10000,
        polarity=Polarity.NEUTRAL, kind=POPULATION,
        design=Design(level=34, sd=2, kind="rate", shape="shift", at=20, size=3), seed=201,
        pattern="a sustained shift upwards from December 2011",
    ),
    _lincs(
        "LIN-CP-02", "Child protection plans starting that were a second or subsequent plan (%)",
        "child-protection", "Children's Services", unit=Unit.PERCENTAGE,
        polarity=Polarity.LOWER, kind=HOW_WELL,
        design=Design(level=15, sd=2.5, kind="percentage"), seed=202, target=13,
        pattern="common cause variation only",
    ),
    _lincs(
        "LIN-CP-03", "Initial child protection conferences held within 15 working days (%)",
        "child-protection", "Children's Services", unit=Unit.PERCENTAGE,
        polarity=Polarity.HIGHER, kind=HOW_WELL,
        design=Design(level=72, sd=4, kind="percentage", shape="trend", size=5), seed=203,
        target=85, pattern="an improving trend",
    ),
    _lincs(
        "LIN-HO-01", "16 and 17 year olds presenting as homeless", "homelessness",
        "Lincoln City Council", unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH,
        design=Design(level=18, sd=4), seed=211, pattern="common cause variation only",
    ),
    _lincs(
        "LIN-HO-02", "Homeless 16 and 17 year olds placed in bed and breakfast accommodation",
        "homelessness", "Lincoln City Council", unit=Unit.COUNT, polarity=Polarity.LOWER,
        kind=BETTER_OFF, design=Design(level=6, sd=2, shape="outlier", at=17, size=6),
        seed=212, target=3, pattern="one month far above the rest (an outlier)",
    ),
    _lincs(
        "LIN-ES-01", "Schools with an e-safety policy reviewed in the last year (%)",
        "e-safety", "Children's Services", unit=Unit.PERCENTAGE, polarity=Polarity.HIGHER,
        kind=HOW_WELL, design=Design(level=55, sd=3, kind="percentage", shape="trend", size=8),
        seed=221, target=90, pattern="an improving trend",
    ),
    _lincs(
        "LIN-ES-02", "Referrals for online child sexual abuse received by the police",
        "e-safety", "Police", unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=HOW_MUCH,
        design=Design(level=12, sd=3.5), seed=222, pattern="common cause variation only",
    ),
    _lincs(
        "LIN-CE-01", "Children identified as at risk of sexual exploitation", "child-exploitation",
        "Police", unit=Unit.COUNT, polarity=Polarity.NEUTRAL, kind=POPULATION,
        design=Design(level=25, sd=5), seed=231, pattern="common cause variation only",
    ),
    _lincs(
        "LIN-CE-02", "Episodes of children missing from home or care", "child-exploitation",
        "Police", unit=Unit.COUNT, polarity=Polarity.LOWER, kind=POPULATION,
        design=Design(level=140, sd=12, shape="shift", at=28, size=-3.5), seed=232,
        pattern="a sustained shift downwards from August 2012",
    ),
    _lincs(
        "LIN-CS-01", "Emergency hospital admissions for unintentional injuries to children "
        "aged 0 to 14", "child-safety", "Health", unit=Unit.COUNT, polarity=Polarity.LOWER,
        kind=POPULATION, design=Design(level=95, sd=9), seed=241,
        pattern="common cause variation only",
    ),
    _lincs(
        "LIN-CS-02", "Parents and carers attending a home safety session", "child-safety",
        "Lincolnshire Fire & Rescue", unit=Unit.COUNT, polarity=Polarity.HIGHER,
        kind=HOW_MUCH, design=Design(level=40, sd=7), seed=242, target=45,
        pattern="common cause variation only",
    ),
]  # fmt: skip

# (DfE measure, indicator code): the England series drawn beside the indicator.
NEL_COMPARATORS = {
    "cpp_at_31_march_per_10000": "NEL-NG-02",
    "cpp_second_or_subsequent_percent": "NEL-NG-03",
    "rereferrals_within_12_months_percent": "NEL-NG-04",
}
LINCS_COMPARATORS = {
    "cpp_at_31_march_per_10000": "LIN-CP-01",
    "cpp_second_or_subsequent_percent": "LIN-CP-02",
}
EXAMPLES: dict[str, tuple[list[ExampleIndicator], datetime.date, dict[str, str]]] = {
    "north-east-lincolnshire": (NEL_SPECS, datetime.date(2016, 4, 1), NEL_COMPARATORS),
    "lincolnshire": (LINCS_SPECS, datetime.date(2010, 4, 1), LINCS_COMPARATORS),
}


@transaction.atomic
def load(partnership: Partnership, demo: Demo) -> str | None:
    """The example data set for `partnership`, if it is an example and has no indicators yet.
    A partnership that has indicators is left alone."""
    if partnership.slug not in EXAMPLES:
        return None
    specs, first, comparators = EXAMPLES[partnership.slug]
    if Indicator.objects.filter(partnership=partnership).exists():
        return None
    made = example_indicators_load(
        partnership=partnership, specs=specs, first_period=first, count=MONTHS, by=None
    )
    with DFE_FILE.open("rb") as dfe_file:
        summary = comparators_import(
            partnership=partnership,
            upload=dfe_file,
            by=None,
            area_codes=[ENGLAND],
            rates_for=["cpp_at_31_march"],
            links={(m, ENGLAND): code for m, code in comparators.items()},
        )
    return (
        f"{partnership.slug}: {len(made)} illustrative indicators, "
        f"{summary.series_created} England comparator series."
    )
