from __future__ import annotations

import datetime

from safeboard.governance.tests.factories import GroupFactory, MeetingFactory
from safeboard.partnerships.tests.factories import record_factory
from safeboard.plans.models import (
    Action,
    Plan,
    ProgressUpdate,
    Statement,
    StatementKind,
    Theme,
    ThemeKind,
    WorkStream,
)

__all__ = [
    "ActionFactory",
    "GroupFactory",  # the governance app's, which plans uses
    "MeetingFactory",
    "PlanFactory",
    "ProgressUpdateFactory",
    "StatementFactory",
    "ThemeFactory",
    "WorkStreamFactory",
]

PlanFactory = record_factory(
    Plan, key="plan-{n}", title="Strategic Business Plan", start_year=2017, end_year=2019
)
StatementFactory = record_factory(
    Statement,
    within=("plan", PlanFactory),
    kind=StatementKind.VISION,
    title="Vision",
    body="All children in the area are safe.",
)
ThemeFactory = record_factory(
    Theme,
    within=("plan", PlanFactory),
    key="theme-{n}",
    kind=ThemeKind.STRATEGIC_PRIORITY,
    title="Priority {n}",
)
WorkStreamFactory = record_factory(
    WorkStream, within=("plan", PlanFactory), key="work-stream-{n}", title="Work stream {n}"
)
ActionFactory = record_factory(
    Action, within=("plan", PlanFactory), key="action-{n}", title="Action {n}"
)
ProgressUpdateFactory = record_factory(
    ProgressUpdate,
    within=("action", ActionFactory),
    date=datetime.date(2018, 1, 15),
    narrative="Audit completed.",
)
