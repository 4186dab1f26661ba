"""What a person types when recording a meeting: the decisions and the other people who attended.
Pure Python; each problem comes back as a message that says how to fix it, in the GOV.UK style.
(The meeting date is a three-part date input: `safeboard.core.domain.date_parts`.)"""

from __future__ import annotations

from dataclasses import dataclass


def decision_lines(text: str) -> list[str]:
    """One decision per non-blank line, trimmed, in the order written."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class OtherAttendee:
    line: int  # 1-based, to point at in an error message
    name: str
    agency: str  # as typed; blank when not given


def other_attendee_lines(text: str) -> list[OtherAttendee]:
    """ "Name, Agency" per non-blank line; the agency (after the last comma) is optional."""
    result: list[OtherAttendee] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        name, comma, agency = line.rpartition(",")
        if not comma:
            name, agency = line, ""
        result.append(OtherAttendee(number, name.strip(), agency.strip()))
    return result
