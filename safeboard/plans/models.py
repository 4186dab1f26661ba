"""A partnership's strategic business plans: statements, priorities and themes, work streams,
actions and their dated progress updates."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeboard.core.models import Archivable, ArchivableQuerySet
from safeboard.governance.models import Group, Meeting
from safeboard.partnerships.models import Agency, Membership, PartnershipOwned


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class Plan(PartnershipOwned, Archivable):
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    start_year = models.PositiveIntegerField("first year")
    end_year = models.PositiveIntegerField("last year")
    version = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, blank=True)
    approved_by = models.CharField("approved by", max_length=200, blank=True)
    date_approved = models.DateField("date approved", null=True, blank=True)
    author = models.CharField(max_length=200, blank=True)
    date_issued = models.DateField("date issued", null=True, blank=True)
    review_date = models.DateField("review date", null=True, blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("-start_year", "title")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="plan_unique_key"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class StatementKind(models.TextChoices):
    INTRODUCTION = "introduction", "Introduction"
    FOREWORD = "foreword", "Foreword"
    VISION = "vision", "Vision"
    MISSION = "mission", "Mission"
    VALUES = "values", "Values"
    PRINCIPLES = "principles", "Principles"
    APPROACH = "approach", "Approach"
    MONITORING = "monitoring", "Monitoring arrangements"
    OTHER = "other", "Other"


class Statement(PartnershipOwned):
    """A passage of the plan in the partnership's own words. Lines starting "- " are a list."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    signed_by = models.CharField("signed by", max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan", "position", "pk")

    def __str__(self) -> str:
        return self.title


class ThemeKind(models.TextChoices):
    STRATEGIC_PRIORITY = "strategic_priority", "Strategic priority"
    KEY_THEME = "key_theme", "Key theme"
    BROADER_THEME = "broader_theme", "Broader safeguarding theme"
    CROSS_CUTTING = "cross_cutting", "Cross-cutting theme"
    OUTCOME = "outcome", "Outcome of the outcomes framework"


class Theme(PartnershipOwned):
    """A priority, theme or outcome the plan works towards."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    key = models.SlugField(max_length=80)
    kind = models.CharField(max_length=30, choices=ThemeKind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    outcome_wanted = models.TextField("outcome wanted", blank=True)
    bellwether = models.TextField(
        "bellwether indicator",
        blank=True,
        help_text="The headline indicator the board watches for this priority.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan", "kind", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="theme_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title


class WorkStream(PartnershipOwned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="work_streams")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_streams",
        verbose_name="owning group",
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="work_streams", verbose_name="priorities and themes"
    )
    position = models.PositiveIntegerField(default=0)

    # Changes to the linked themes are kept in the history too (django-simple-history).
    _history_m2m_fields = ["themes"]

    class Meta:
        ordering = ("plan", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="workstream_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Action(PartnershipOwned, Archivable):
    """A deliverable or action of the plan. Blank status, RAG, dates or owners were not recorded."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    key = models.SlugField(max_length=80)
    work_stream = models.ForeignKey(
        WorkStream,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="work stream",
    )
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="owning group",
    )
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lead agency",
    )
    lead_person = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lead person",
    )
    start_date = models.DateField("start date", null=True, blank=True)
    due_date = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="actions", verbose_name="priorities and themes"
    )
    _history_m2m_fields = ["themes"]
    impact_measure = models.TextField("how impact will be measured", blank=True)
    arising_from = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_arising",
        verbose_name="arising from meeting",
    )
    position = models.PositiveIntegerField(default=0)
    is_illustrative = models.BooleanField(
        "illustrative delivery details",
        default=False,
        help_text="Its dates, leads, status, RAG, progress and links to priorities are synthetic, "
        "for demonstration. Shown on every page and export.",
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("plan", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="action_unique_key"),
        ]
        indexes = [
            models.Index(fields=["partnership", "due_date"]),
            models.Index(fields=["partnership", "group"]),
            models.Index(fields=["partnership", "lead_agency"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owning_group_id(self) -> int | None:
        """Its own group, or else the group owning its work stream (domain.rag.owning_group_id).
        Select the work stream with the action to avoid a query."""
        if self.group_id is not None:
            return self.group_id
        stream = self.work_stream if self.work_stream_id is not None else None
        return stream.group_id if stream is not None else None

    @property
    def owning_group(self) -> Group | None:
        if self.group_id is not None:
            return self.group
        stream = self.work_stream if self.work_stream_id is not None else None
        return stream.group if stream is not None else None


class ProgressUpdate(PartnershipOwned):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    narrative = models.TextField()
    rag = models.CharField("RAG at the time", max_length=10, choices=Rag.choices, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    evidence_url = models.URLField("evidence link", blank=True)
    evidence_file = models.FileField("evidence file", upload_to="evidence/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_illustrative = models.BooleanField(
        "illustrative",
        default=False,
        help_text="A synthetic update, for demonstration. Shown on every page and export.",
    )

    class Meta:
        ordering = ("action", "-date", "-pk")

    def __str__(self) -> str:
        return f"Update of {self.date:%d/%m/%Y}"
