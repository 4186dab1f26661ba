"""Governance's part of the example partnerships: the demo group chair chairs one group."""

from __future__ import annotations

from safeboard.core.services import save_recorded
from safeboard.interchange.examples import Demo
from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Partnership

from .models import Group

# The group the demo group chair chairs. The Lincolnshire plan names no chair for it; North East
# Lincolnshire's names one group only, the Leadership Board.
DEMO_CHAIRED_GROUP = {
    "lincolnshire": "education-and-training",
    "north-east-lincolnshire": "leadership-board",
}


def load(partnership: Partnership, demo: Demo) -> str | None:
    """Make the demo group chair the chair of their group, if it has none."""
    key = DEMO_CHAIRED_GROUP.get(partnership.slug)
    chair = demo.members.get(Role.GROUP_CHAIR)
    group = Group.objects.filter(partnership=partnership, key=key).first() if key else None
    if group is not None and chair is not None and group.chair_id is None:
        group.chair = chair
        save_recorded(group, by=None)
    return None
