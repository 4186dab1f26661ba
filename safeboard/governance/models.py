"""How a partnership is organised: its groups, their reporting lines, members, meetings and its
links to other boards."""

from __future__ import annotations

from django.db import models

from safeboard.core.models import Archivable, ArchivableQuerySet
from safeboard.partnerships.models import Agency, Membership, PartnershipOwned


class GroupType(models.TextChoices):
    BOARD = "board", "Board"
    STRATEGIC = "strategic", "Strategic management group"
    OPERATIONAL = "operational", "Operational delivery group"
    SUB_GROUP = "sub_group", "Sub-group"
    PANEL = "panel", "Panel"
    REVIEW_GROUP = "review_group", "Review group"
    TASK_GROUP = "task_group", "Short-life task group"


class Group(PartnershipOwned, Archivable):
    key = models.SlugField(
        max_length=80, help_text="A short stable name used in plan files, e.g. education-training."
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    group_type = models.CharField("type", max_length=20, choices=GroupType.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="reports to",
    )
    key_functions = models.TextField("key functions", blank=True)
    terms_of_reference = models.TextField("terms of reference", blank=True)
    chair = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chair_description = models.CharField(
        "chair (description)",
        max_length=200,
        blank=True,
        help_text='Where the chair is not a Safeboard user, e.g. "Independent".',
    )
    vice_chair = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vice chair",
    )
    vice_chair_description = models.CharField(
        "vice chair (description)", max_length=200, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ("position", "name")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="group_unique_key"),
            models.UniqueConstraint(fields=["partnership", "name"], name="group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(PartnershipOwned):
    """A seat on a group: a Safeboard member, or a named person or agency representative."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For someone without a Safeboard account."
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    role_in_group = models.CharField("role in the group", max_length=200, blank=True)
    is_lay_member = models.BooleanField("lay member", default=False)

    class Meta:
        ordering = ("group", "name", "pk")

    def __str__(self) -> str:
        who = self.membership.user.full_name if self.membership else self.name
        return who or (self.agency.name if self.agency else "Member")


class BoardLinkKind(models.TextChoices):
    HEALTH_WELLBEING = "health_wellbeing", "Health and Wellbeing Board"
    ADULT_SAFEGUARDING = "adult_safeguarding", "Adult safeguarding board"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse board"
    MAPPA = "mappa", "Multi-agency public protection arrangements (MAPPA)"
    COMMUNITY_SAFETY = "community_safety", "Community safety partnership"
    CHILDREN_YOUNG_PEOPLE = "children_young_people", "Children and young people's partnership"
    SCRUTINY = "scrutiny", "Scrutiny"
    OTHER = "other", "Other"


class BoardLink(PartnershipOwned):
    """Another board or partnership this one reports to, works with or is held to account by."""

    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=BoardLinkKind.choices)
    relationship = models.TextField(blank=True, help_text="How the two work together.")

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="boardlink_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(PartnershipOwned):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-date", "-pk")

    def __str__(self) -> str:
        return self.title or f"{self.group} meeting"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class MeetingAttendee(PartnershipOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.PRESENT
    )

    class Meta:
        ordering = ("meeting", "name", "pk")

    def __str__(self) -> str:
        return self.membership.user.full_name if self.membership else self.name


class Decision(PartnershipOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("meeting", "position", "pk")

    def __str__(self) -> str:
        return self.text[:80]
