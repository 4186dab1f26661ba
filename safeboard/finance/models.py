"""Budget (years, lines, agency contributions, spend) and staffing. Totals are always computed
(finance/domain/budget.py), never stored."""

from __future__ import annotations

from django.db import models

from safeboard.partnerships.models import Agency, PartnershipOwned


class BudgetYear(PartnershipOwned):
    label = models.CharField(max_length=20, help_text="The financial year, e.g. 2011/12.")
    start_year = models.PositiveIntegerField(help_text="The year the financial year starts.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-start_year",)
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "start_year"], name="budgetyear_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class LineKind(models.TextChoices):
    CORE = "core", "Core"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class BudgetLine(PartnershipOwned):
    year = models.ForeignKey(BudgetYear, on_delete=models.CASCADE, related_name="lines")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("year", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["year", "key"], name="budgetline_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class AgencyGroup(models.TextChoices):
    """How the seed budget groups contributors: the core funders, then everyone else."""

    CORE = "core", "Core agencies"
    OTHER = "other", "Other agencies"


class Contribution(PartnershipOwned):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    agency_group = models.CharField(
        "kind of agency", max_length=10, choices=AgencyGroup.choices, default=AgencyGroup.OTHER
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("line", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["line", "agency"], name="contribution_unique_agency"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="contribution_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.amount}"


class Spend(PartnershipOwned):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="spend")
    date = models.DateField()
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ("line", "date", "pk")
        verbose_name_plural = "spend"

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class StaffPost(PartnershipOwned):
    """A post in the partnership's business unit, as the plan states it."""

    title = models.CharField(max_length=200)
    posts = models.DecimalField(
        "number of posts", max_digits=6, decimal_places=1, null=True, blank=True
    )
    fte = models.DecimalField(
        "full-time equivalent", max_digits=6, decimal_places=2, null=True, blank=True
    )
    as_stated = models.CharField(
        "as stated in the plan",
        max_length=300,
        blank=True,
        help_text='The plan\'s own words, e.g. "1 Full-time and 1 half-time".',
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = "staff post"

    def __str__(self) -> str:
        return self.title
