"""The plan file format, version 1: a whole partnership's structure, plans and budget as YAML.

docs/how-to/plan-files.md describes it for people. The pydantic models below are the precise
definition: unknown keys are refused, text is never a number, dates are YYYY-MM-DD.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

FORMAT = "safeboard-partnership"
VERSION = 1

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Markup has no place in a plan's text: a tag here is a mistake or an attack, so say so rather
# than store it (pages escape text anyway).
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control character; remove it")
    if _TAG.search(value):
        raise ValueError("contains HTML markup such as <script>; write plain text")
    return value


Key = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
Short = Annotated[str, StringConstraints(max_length=60), AfterValidator(_no_control_characters)]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_control_characters)
]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=500), AfterValidator(_no_control_characters)
]
Text = Annotated[str, AfterValidator(_no_control_characters)]
Line = Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_control_characters)]
LongLine = Annotated[str, StringConstraints(max_length=300), AfterValidator(_no_control_characters)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartnershipIn(Strict):
    """The partnership's own details. Its web address (slug) belongs to the installation, so it
    is not in the file: it is chosen when the file is imported."""

    name: Name
    short_name: Short = ""
    area: Line = ""


AgencyType = Literal[
    "la_childrens",
    "district_council",
    "health",
    "police",
    "probation",
    "fire_rescue",
    "cafcass",
    "education",
    "voluntary",
    "other",
]


class AgencyIn(Strict):
    key: Key
    name: Name
    short_name: Short = ""
    type: AgencyType


class GroupMemberIn(Strict):
    name: Line = ""
    agency: Key | None = None
    role: Line = ""
    lay_member: bool = False


class GroupIn(Strict):
    key: Key
    name: Name
    short_name: Short = ""
    type: Literal[
        "board", "strategic", "operational", "sub_group", "panel", "review_group", "task_group"
    ]
    reports_to: Key | None = None
    key_functions: Text = ""
    terms_of_reference: Text = ""
    chair: Line = ""
    vice_chair: Line = ""
    members: list[GroupMemberIn] = []


class BoardLinkIn(Strict):
    key: Key
    name: Name
    kind: Literal[
        "health_wellbeing",
        "adult_safeguarding",
        "domestic_abuse",
        "mappa",
        "community_safety",
        "children_young_people",
        "scrutiny",
        "other",
    ]
    relationship: Text = ""


class PeriodIn(Strict):
    start: Annotated[int, Field(ge=1990, le=2100)]
    end: Annotated[int, Field(ge=1990, le=2100)]


class StatementIn(Strict):
    kind: Literal[
        "introduction",
        "foreword",
        "vision",
        "mission",
        "values",
        "principles",
        "approach",
        "monitoring",
        "other",
    ]
    title: Name
    body: Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_control_characters)]
    signed_by: Line = ""


class ThemeIn(Strict):
    key: Key
    kind: Literal["strategic_priority", "key_theme", "broader_theme", "cross_cutting", "outcome"]
    title: Annotated[
        str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control_characters)
    ]
    description: Text = ""
    outcome_wanted: Text = ""
    bellwether: Text = ""


class WorkStreamIn(Strict):
    key: Key
    title: Annotated[
        str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control_characters)
    ]
    description: Text = ""
    group: Key | None = None
    themes: list[Key] = []


Status = Literal["not_started", "on_track", "at_risk", "off_track", "complete", "cancelled"]
RagValue = Literal["red", "amber", "green"]


class UpdateIn(Strict):
    date: datetime.date
    narrative: Annotated[
        str, StringConstraints(min_length=1), AfterValidator(_no_control_characters)
    ]
    rag: RagValue | None = None
    status: Status | None = None
    evidence_url: Annotated[
        str, StringConstraints(max_length=200, pattern=r"^(https?://\S+)?$")
    ] = ""


class ActionIn(Strict):
    key: Key
    title: Title
    description: Text = ""
    work_stream: Key | None = None
    group: Key | None = None
    lead_agency: Key | None = None
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    status: Status | None = None
    rag: RagValue | None = None
    themes: list[Key] = []
    impact_measure: Text = ""
    updates: list[UpdateIn] = []


class PlanIn(Strict):
    key: Key
    title: Name
    period: PeriodIn
    version: Short = ""
    status: Literal["draft", "approved", "superseded"] | None = None
    approved_by: Line = ""
    date_approved: datetime.date | None = None
    author: Line = ""
    date_issued: datetime.date | None = None
    review_date: datetime.date | None = None
    statements: list[StatementIn] = []
    themes: list[ThemeIn] = []
    work_streams: list[WorkStreamIn] = []
    actions: list[ActionIn] = []


class ContributionIn(Strict):
    agency: Key
    group: Literal["core", "other"] = "other"
    amount: Amount


class SpendIn(Strict):
    date: datetime.date
    description: Annotated[
        str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control_characters)
    ]
    amount: Amount


class BudgetLineIn(Strict):
    key: Key
    name: Name
    kind: Literal["core", "training", "other"]
    contributions: list[ContributionIn] = []
    spend: list[SpendIn] = []


class BudgetYearIn(Strict):
    year: Annotated[str, StringConstraints(pattern=r"^\d{4}/\d{2}$")]
    start_year: Annotated[int, Field(ge=1990, le=2100)]
    notes: Text = ""
    lines: list[BudgetLineIn] = []


class StaffPostIn(Strict):
    title: Name
    posts: Quantity | None = None
    fte: Quantity | None = None
    as_stated: LongLine = ""


class PartnershipFile(Strict):
    format: Literal["safeboard-partnership"]
    version: Literal[1]
    partnership: PartnershipIn
    agencies: list[AgencyIn] = []
    groups: list[GroupIn] = []
    board_links: list[BoardLinkIn] = []
    plans: list[PlanIn] = []
    budget: list[BudgetYearIn] = []
    staffing: list[StaffPostIn] = []
