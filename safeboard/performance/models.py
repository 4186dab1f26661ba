"""The partnership data set: indicators and performance measures, their values period by period
(from agency returns or imports), targets, OBA report-card text, the data development agenda,
and published comparator series."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeboard.core.models import Archivable, ArchivableQuerySet
from safeboard.partnerships.models import Agency, Membership, Partnership, PartnershipOwned
from safeboard.plans.models import Action, Theme

from .domain import comparators


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_1000 = "rate_1000", "Rate per 1,000"
    RATE_10000 = "rate_10000", "Rate per 10,000"
    MONEY = "money", "Money (£)"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    TARGET = "target", "Closer to target is better"
    NEUTRAL = "neutral", "No preferred direction"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class IndicatorKind(models.TextChoices):
    POPULATION = "population", "Population indicator"
    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


class Indicator(PartnershipOwned, Archivable):
    code = models.SlugField(max_length=40, help_text="A short stable code, e.g. NEL-DA-01.")
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    why_it_matters = models.TextField("why it matters", blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    numerator_label = models.CharField("numerator", max_length=200, blank=True)
    denominator_label = models.CharField("denominator", max_length=200, blank=True)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    kind = models.CharField(max_length=20, choices=IndicatorKind.choices)
    source_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="source agency",
    )
    owner = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_bellwether = models.BooleanField("bellwether indicator", default=False)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="indicators", verbose_name="priorities and outcomes"
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="indicators", verbose_name="plan actions"
    )
    suppression_threshold = models.PositiveIntegerField(
        "small-number suppression threshold",
        default=5,
        help_text="Counts below this are shown as fewer than this in exports and published "
        "reports, unless the reader is entitled to the detail.",
    )
    # OBA report card text.
    story_behind_baseline = models.TextField("story behind the baseline", blank=True)
    what_works = models.TextField("what works", blank=True)
    # The baseline is the history up to and including this period; the forecast runs on from it.
    baseline_end = models.DateField("end of the baseline", null=True, blank=True)
    is_illustrative = models.BooleanField(
        "illustrative values",
        default=False,
        help_text="The values are synthetic, for demonstration. Shown on every page and export.",
    )
    position = models.PositiveIntegerField(default=0)

    objects = ArchivableQuerySet.as_manager()
    _history_m2m_fields = ["themes", "actions"]

    class Meta:
        ordering = ("position", "code")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorPartner(PartnershipOwned):
    """A partner with a role to play in turning the curve (OBA)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="partners")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    name = models.CharField(max_length=200, blank=True, help_text="If not an agency of ours.")
    role = models.TextField("their role", blank=True)

    class Meta:
        ordering = ("indicator", "pk")

    def __str__(self) -> str:
        return self.agency.name if self.agency else self.name


class ReturnStatus(models.TextChoices):
    EXPECTED = "expected", "Expected"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Sent back"
    APPROVED = "approved", "Approved"


class AgencyReturn(PartnershipOwned):
    """What one agency owes for one period: its values for the indicators it reports."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="returns")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateField("period starts")
    due_date = models.DateField("due")
    status = models.CharField(
        max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.EXPECTED
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewer_comment = models.TextField("comment from the analyst", blank=True)

    class Meta:
        ordering = ("-period_start", "agency__name")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "frequency", "period_start"], name="return_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} return, {self.period_start:%m/%Y}"


class Value(PartnershipOwned):
    """An indicator's value for one period, for the partnership (no agency) or one agency.

    The partnership and the indicator have no index of their own: the composite index and the
    unique constraint begin with them, and an import of 100,000 values would otherwise keep two
    more indexes (and their copies on the history table) for nothing."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    period_start = models.DateField("period starts")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    comment = models.TextField(blank=True)
    agency_return = models.ForeignKey(
        AgencyReturn, on_delete=models.PROTECT, null=True, blank=True, related_name="values"
    )

    class Meta:
        ordering = ("indicator", "period_start", "agency")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "agency"],
                name="value_unique_period_agency",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["partnership", "indicator", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start}: {self.value}"


class Target(PartnershipOwned):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField("period starts")
    value = models.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        ordering = ("indicator", "period_start")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="target_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Target {self.value} from {self.period_start}"


class SpcRebase(PartnershipOwned):
    """A known change in process (a new service model, a new way of counting): from this period
    on, the indicator's SPC mean and limits are worked out afresh from the periods after it
    (a "rebase" in Making Data Count), with the reason shown beside the chart."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rebases")
    period_start = models.DateField("period starts")
    reason = models.CharField(max_length=300)

    class Meta:
        verbose_name = "SPC rebase"
        ordering = ("indicator", "period_start")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="spcrebase_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Rebase from {self.period_start}: {self.reason}"


class PartOfWhole(PartnershipOwned):
    """A validation rule between related measures: the part can never exceed the whole."""

    part = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    whole = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "part-of-whole rule"
        constraints = [
            models.UniqueConstraint(fields=["part", "whole"], name="partofwhole_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.part.code} ≤ {self.whole.code}"


class DevelopmentStatus(models.TextChoices):
    NEEDED = "needed", "Needed"
    IN_PROGRESS = "in_progress", "In progress"
    AVAILABLE = "available", "Now available"


class DataDevelopmentItem(PartnershipOwned):
    """Data we need but do not have yet (the data development agenda)."""

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="development"
    )
    status = models.CharField(
        max_length=20, choices=DevelopmentStatus.choices, default=DevelopmentStatus.NEEDED
    )

    class Meta:
        ordering = ("status", "title")
        verbose_name = "data development item"

    def __str__(self) -> str:
        return self.title


class ComparatorSeries(PartnershipOwned):
    """A published series (England, another area) drawn beside the partnership's own."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="comparators", null=True, blank=True
    )
    source_measure = models.CharField(max_length=100, help_text="The measure in the source file.")
    label = models.CharField(
        "name shown",
        max_length=200,
        blank=True,
        help_text="What the measure is called on charts and tables. Leave empty to use a name "
        "made from the measure in the source file.",
    )
    area_code = models.CharField(max_length=20)
    area_name = models.CharField(max_length=200)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("area_name", "source_measure")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source_measure", "area_code"], name="comparator_unique"
            ),
        ]
        verbose_name_plural = "comparator series"

    @property
    def measure_name(self) -> str:
        return comparators.measure_name(self.source_measure, label=self.label)

    def __str__(self) -> str:
        return f"{self.area_name}: {self.measure_name}"


class ComparatorValue(models.Model):
    """One published figure. A suppressed or missing figure keeps its symbol (c, x, z, u) and
    has no number: it is never read as zero."""

    series = models.ForeignKey(ComparatorSeries, on_delete=models.CASCADE, related_name="points")
    period_label = models.CharField(max_length=20)
    period_end = models.DateField()
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    symbol = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ("series", "period_end")
        constraints = [
            models.UniqueConstraint(fields=["series", "period_end"], name="comparatorvalue_unique"),
            models.CheckConstraint(
                condition=(models.Q(value__isnull=True) & ~models.Q(symbol=""))
                | (models.Q(value__isnull=False) & models.Q(symbol="")),
                name="comparatorvalue_number_or_symbol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {self.value if self.value is not None else self.symbol}"


class IndicatorAnalysis(models.Model):
    """An indicator's series and analysis (SPC, trends, forecast, icons) as last computed from its
    data: worked out by `indicators.analysis` whenever its values, targets, comparator or
    settings change, so a page only reads it. Derived data, so no history of its own.

    The row with no `as_of` is the current analysis, kept up to date by every write. A row with
    `as_of` is the analysis as it stood at the end of that period (the composite report for an
    earlier period), computed on first request and kept only while `data_version` is current:
    every refresh removes them. `data_version` moves on with each refresh; anything cached from
    an analysis (a rendered chart) is keyed by it, so nothing stale is ever shown.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="analyses")
    as_of = models.DateField(null=True, blank=True)
    data_version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)
    # The first and last periods with a value, and the last period of any row (a target may run
    # on after the values): what the report's period choices and `as_of` are decided from.
    first_value = models.DateField(null=True, blank=True)
    last_value = models.DateField(null=True, blank=True)
    last_period = models.DateField(null=True, blank=True)
    # What a summary needs (latest figure, target, icons, trend, recent values): small.
    summary = models.JSONField(default=dict)
    # Every period's row and the forecast: read only to draw the series. Last, as SQLite reads a
    # row's columns in order, through the pages of any long one before the one wanted.
    detail = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "as_of"], name="indicatoranalysis_unique_as_of"
            ),
            # One current analysis an indicator (NULLs are distinct in a plain unique index).
            models.UniqueConstraint(
                fields=["indicator"],
                condition=models.Q(as_of__isnull=True),
                name="indicatoranalysis_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"Analysis of indicator {self.indicator_id} (version {self.data_version})"


class IndicatorRendering(models.Model):
    """A part of a page drawn from an analysis (its chart and table, say), kept so the next
    reader need not draw it again: valid while `key` matches what it was drawn from (the data
    version, the partnership's address, the indicator as last saved; analysis.rendering_key).
    Dropped with every refresh of the analysis."""

    analysis = models.ForeignKey(
        IndicatorAnalysis, on_delete=models.CASCADE, related_name="renderings"
    )
    name = models.CharField(max_length=20)
    key = models.CharField(max_length=120)
    html = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["analysis", "name"], name="indicatorrendering_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} of analysis {self.analysis_id}"


class PageRendering(models.Model):
    """A part of a page drawn from many analyses (the composite report's summary table), kept
    while `key` (a digest of everything it was drawn from) matches. One a page and period."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=60)
    key = models.CharField(max_length=64)
    html = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="pagerendering_unique"),
        ]

    def __str__(self) -> str:
        return self.name
