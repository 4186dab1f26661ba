"""The tenant (Partnership) and who belongs to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeboard.core.models import Archivable, ArchivableQuerySet, Recorded

from .domain.roles import Role


class Partnership(Recorded, Archivable):
    # Names are checked for clashes where people choose them (services.py), not by the database:
    # a plan file exported from one partnership must import into an empty copy beside it.
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="For example LSCB or SCP. Shown where space is short."
    )
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in web addresses: /p/<slug>/. Lower-case letters, numbers and hyphens.",
    )
    area = models.CharField(
        "area served", max_length=200, blank=True, help_text="The local authority area."
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class PartnershipOwned(Recorded):
    """Every record that belongs to one partnership. Reach it only through `access.py`."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class AgencyType(models.TextChoices):
    LA_CHILDRENS = "la_childrens", "Local authority children's services"
    DISTRICT_COUNCIL = "district_council", "District council"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    FIRE_RESCUE = "fire_rescue", "Fire and rescue"
    CAFCASS = "cafcass", "CAFCASS"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class Agency(PartnershipOwned, Archivable):
    key = models.SlugField(
        max_length=80, help_text="A short stable name used in plan files, e.g. police."
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    agency_type = models.CharField("type", max_length=30, choices=AgencyType.choices)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_unique_name"),
            models.UniqueConstraint(fields=["partnership", "key"], name="agency_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name


ROLE_CHOICES = [(r.value, r.label) for r in Role]


class ReminderFrequency(models.TextChoices):
    """How often a person is e-mailed about what needs them (the reminders app sends them)."""

    IMMEDIATE = "immediate", "As soon as something needs me (one e-mail for each thing)"
    DAILY = "daily", "A daily summary"
    WEEKLY = "weekly", "A weekly summary (on Mondays)"
    NONE = "none", "No e-mails"


class Membership(PartnershipOwned, Archivable):
    """A person's place in one partnership: their role there and, optionally, their agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    job_title = models.CharField("job title", max_length=200, blank=True)
    reminder_frequency = models.CharField(
        "e-mail reminders",
        max_length=10,
        choices=ReminderFrequency.choices,
        default=ReminderFrequency.DAILY,
    )
    # When the person last opened their home page here: "since" for what changed. Written with a
    # plain UPDATE (services.membership_record_home_visit), so a visit is no change in history;
    # the history pages leave it out (MEMBERSHIP_HISTORY_IGNORED).
    last_home_visit = models.DateTimeField("last home page visit", null=True, editable=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("user__full_name",)
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role_enum.label})"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


# Fields of Membership the history pages do not show: a visit to the home page is not a change.
MEMBERSHIP_HISTORY_IGNORED = ("last_home_visit",)
