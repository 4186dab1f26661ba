"""Plans' part of the example partnerships: illustrative delivery details for the seed plans'
actions (plans' `examples` entry in its module, called by `manage.py load_examples` after the
plan files load).

The seed plans give their actions' titles and nothing else: no dates, owners, status or RAG, so
every action read "Not recorded" and every roll-up was empty. Here each action gets a due date
(counted from today, so that whenever the demo runs some are late and some due soon), a lead
agency from the partnership's agencies, a lead person from the demo accounts (the demo agency
lead and group chair lead some), a status, a RAG rating (a mix, some red and amber, a few
unrated), dated progress updates and, where its title names one, links to the plan's priorities
and themes (so the roll-ups by priority fill), all through the plans services so the history
says so.

Every action changed here is marked illustrative (`Action.is_illustrative`, shown on every page
and export as the example measures' `Indicator.is_illustrative` is), and so is every update,
whose text also starts "Illustrative:". Nothing of the seed's own text (titles, descriptions) is
changed. The pattern is fixed and each action's days come from a random generator seeded with
the partnership and the action's key, so a load gives the same details every time it runs on
the same day.

A partnership whose actions already carry delivery details (someone has started recording them,
or this has run before) is left alone.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safeboard.interchange.examples import Demo
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Agency, Membership, Partnership

from .models import Action, ActionStatus, Rag, Theme
from .services import action_update, progress_update_record

ILLUSTRATIVE = "Illustrative: "
DEMO_AGENCY_MARK = "(not from the plan)"


@dataclass(frozen=True)
class Step:
    """A progress update `days_ago` days before today, leaving the action at `rag`/`status`."""

    days_ago: tuple[int, int]
    rag: str
    status: str


@dataclass(frozen=True)
class Profile:
    """How an action is going: its due date (days from today, a range), its status and RAG now,
    and the updates that led there, oldest first."""

    name: str
    due_in: tuple[int, int]
    status: str
    rag: str
    steps: tuple[Step, ...] = ()


G, A, R = Rag.GREEN.value, Rag.AMBER.value, Rag.RED.value
ON, RISK, OFF = (
    ActionStatus.ON_TRACK.value,
    ActionStatus.AT_RISK.value,
    ActionStatus.OFF_TRACK.value,
)
DONE, NOT_STARTED = ActionStatus.COMPLETE.value, ActionStatus.NOT_STARTED.value

ON_TRACK = Profile("on track", (30, 150), ON, G, (Step((40, 60), G, ON), Step((5, 20), G, ON)))
LATE_RED = Profile(
    "late, off track", (-60, -20), OFF, R, (Step((70, 90), A, RISK), Step((3, 12), R, OFF))
)
LATE_AMBER = Profile(
    "late, at risk", (-14, -3), RISK, A, (Step((35, 50), G, ON), Step((2, 8), A, RISK))
)
DUE_SOON_AMBER = Profile(
    "due soon, at risk", (3, 12), RISK, A, (Step((25, 40), G, ON), Step((2, 7), A, RISK))
)
DUE_SOON_GREEN = Profile("due soon, on track", (4, 13), ON, G, (Step((10, 25), G, ON),))
COMPLETE = Profile("complete", (-45, -5), DONE, G, (Step((50, 70), G, ON), Step((1, 4), G, DONE)))
NOT_YET = Profile("not started, not rated", (60, 180), NOT_STARTED, "")
UNRATED = Profile("not rated", (20, 90), "", "")

# The fixed pattern, repeated over each plan's actions in their order: of every ten, about one is
# late and red, one late and amber, two due within a fortnight, three on track, one complete and
# two not rated yet.
PATTERN = (
    ON_TRACK,
    LATE_RED,
    DUE_SOON_GREEN,
    LATE_AMBER,
    ON_TRACK,
    COMPLETE,
    DUE_SOON_AMBER,
    NOT_YET,
    ON_TRACK,
    UNRATED,
)

NARRATIVES = {
    (G, ON): (
        "Work is going to plan. The lead reported progress to the owning group's last meeting.",
        "The first stage is finished and partners have agreed the next steps.",
    ),
    (A, RISK): (
        "Partners' capacity has slowed the work. A revised timetable goes to the next meeting.",
        "A dependency on another agency's work is holding this up; the lead is following it up.",
    ),
    (R, OFF): (
        "The work has stalled and is behind its timetable. The lead has escalated it to the Board.",
        "The resources this needs are not yet agreed. The Board is asked to decide how to proceed.",
    ),
    (G, DONE): (
        "The work is complete. The group will check its impact at its next review.",
        "Delivered and signed off by the owning group.",
    ),
}

# The seed plans link no action to a priority or theme, so every roll-up by priority was empty.
# An action that names none is linked, illustratively, to the plan's priorities and themes whose
# words its title uses (by theme key; a theme the plan does not have is skipped).
THEME_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "lincolnshire": {
        "priority-1": ("links", "lay members", "communications strategy", "informed by children"),
        "priority-2": ("audit", "accountability", "inspections", "risk register", "account"),
        "priority-3": ("multi-agency",),
        "priority-4": ("training", "workshops"),
        "priority-5": ("munro",),
        "child-protection": ("child protection", "serious case", "escalation", "decision making",
                             "pre-birth", "referral process"),
        "homelessness": ("homeless",),
        "e-safety": ("digital technology",),
        "child-exploitation": ("sexual exploitation",),
        "child-safety": ("sudden unexpected death", "safer recruitment"),
    },
    "north-east-lincolnshire": {
        "domestic-abuse": ("domestic abuse",),
        "sexual-harm": ("sexual harm",),
        "neglect": ("neglect",),
        "voice-and-influence-of-the-child": ("voice",),
        "modern-day-slavery": ("modern day slavery",),
        "criminal-exploitation": ("criminal exploitation",),
    },
}  # fmt: skip

# The demo accounts who lead the actions neither the group chair nor the agency lead leads, in
# turn (None: no lead person recorded).
OTHER_LEADS: tuple[Role | None, ...] = (
    Role.BOARD_MEMBER,
    Role.MANAGER,
    None,
    Role.CHAIR,
    Role.ANALYST,
)


def _between(rng: random.Random, low_high: tuple[int, int]) -> int:
    return rng.randint(*low_high)


def _agencies(partnership: Partnership) -> list[Agency]:
    """The partnership's agencies, those named by its plan first (a demo-only agency, labelled
    so, stands in only where the plan names none)."""
    agencies = list(Agency.objects.filter(partnership=partnership, archived_at__isnull=True))
    from_plan = [a for a in agencies if DEMO_AGENCY_MARK not in a.name]
    return sorted(from_plan or agencies, key=lambda a: a.name)


def _started(actions: list[Action]) -> bool:
    """Whether anyone has recorded delivery details (or this has run before)."""
    return any(
        a.is_illustrative
        or a.due_date
        or a.start_date
        or a.status
        or a.rag
        or a.lead_agency_id
        or a.lead_person_id
        for a in actions
    )


@transaction.atomic
def load(partnership: Partnership, demo: Demo) -> str | None:
    """Illustrative delivery details for every current action of `partnership`'s plans, unless
    any action has delivery details already."""
    actions = list(
        Action.objects.filter(partnership=partnership, archived_at__isnull=True)
        .select_related("plan", "group", "work_stream__group", "lead_agency", "arising_from")
        .prefetch_related("themes")
        .order_by("-plan__start_year", "plan_id", "position", "pk")
    )
    if not actions or _started(actions):
        return None
    today = timezone.localdate()
    agencies = _agencies(partnership)
    members = demo.members
    group_chair = members.get(Role.GROUP_CHAIR)
    agency_lead = members.get(Role.AGENCY_LEAD)
    words = THEME_WORDS.get(partnership.slug, {})
    plan_themes: dict[int, dict[str, Theme]] = {}
    for theme in Theme.objects.filter(partnership=partnership):
        plan_themes.setdefault(theme.plan_id, {})[theme.key] = theme
    updates = 0
    for index, action in enumerate(actions):
        rng = random.Random(f"{partnership.slug}:{action.plan.key}:{action.key}")
        profile = PATTERN[index % len(PATTERN)]
        lead_person, lead_agency = _leads(
            index, action, rng, agencies, members, group_chair, agency_lead
        )
        due = today + datetime.timedelta(days=_between(rng, profile.due_in))
        first_step = max((s.days_ago[1] for s in profile.steps), default=0)
        start = min(due, today - datetime.timedelta(days=first_step)) - datetime.timedelta(
            days=_between(rng, (60, 150))
        )
        action_update(
            action=action,
            title=action.title,
            description=action.description,
            work_stream=action.work_stream,
            group=action.group,
            lead_agency=lead_agency,
            lead_person=lead_person,
            start_date=start,
            due_date=due,
            status=profile.status,
            rag=profile.rag,
            themes=_themes(action, plan_themes.get(action.plan_id, {}), words),
            impact_measure=action.impact_measure,
            arising_from=action.arising_from,
            is_illustrative=True,
            by=None,
        )
        for step in profile.steps:
            date = today - datetime.timedelta(days=_between(rng, step.days_ago))
            progress_update_record(
                action=action,
                date=max(date, start),
                narrative=ILLUSTRATIVE + rng.choice(NARRATIVES[(step.rag, step.status)]),
                rag=step.rag,
                status=step.status,
                by=None,
                today=today,
                sets_action=False,
                is_illustrative=True,
            )
            updates += 1
    return (
        f"{partnership.slug}: illustrative delivery details for {len(actions)} actions, "
        f"{updates} illustrative progress updates."
    )


def _themes(
    action: Action, themes: dict[str, Theme], words: dict[str, tuple[str, ...]]
) -> list[Theme]:
    """The action's own priorities and themes, or, where it names none, those whose words its
    title uses."""
    own = list(action.themes.all())
    if own:
        return own
    title = action.title.lower()
    return [
        themes[key]
        for key, wanted in words.items()
        if key in themes and any(word in title for word in wanted)
    ]


def _leads(
    index: int,
    action: Action,
    rng: random.Random,
    agencies: list[Agency],
    members: dict[Role, Membership],
    group_chair: Membership | None,
    agency_lead: Membership | None,
) -> tuple[Membership | None, Agency | None]:
    """Who leads the action: the demo group chair leads the work of the group they chair (or,
    where they chair none of the plan's groups, every fourth action); the demo agency lead leads
    every fourth action for their agency; the others lead in turn. The lead agency is the lead
    person's own agency when they have one, otherwise one of the partnership's agencies."""
    owner = action.owning_group
    chairs_it = group_chair is not None and owner is not None and owner.chair_id == group_chair.pk
    person: Membership | None
    if chairs_it or (owner is None and group_chair is not None and index % 4 == 3):
        person = group_chair
    elif agency_lead is not None and index % 4 == 1:
        person = agency_lead
    else:
        role = OTHER_LEADS[index % len(OTHER_LEADS)]
        person = members.get(role) if role is not None else None
    if person is not None and person.agency is not None:
        return person, person.agency
    return person, rng.choice(agencies) if agencies else None
