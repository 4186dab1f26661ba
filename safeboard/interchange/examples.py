"""What a module's `examples` entry is given when the example partnerships are loaded."""

from __future__ import annotations

from dataclasses import dataclass

from safeboard.partnerships.domain.roles import Role
from safeboard.partnerships.models import Membership


@dataclass(frozen=True)
class Demo:
    """The example partnership's demo accounts, by role (one each)."""

    members: dict[Role, Membership]
