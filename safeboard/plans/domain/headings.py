"""How a plan's titles and headings read. Pure Python: no Django.

A plan's own title often holds its period already ("Strategic Business Plan 2011 - 2014"), and a
statement's title often names its kind already ("Board Member Values"). Safeboard adds the period
or the kind only where the plan's words do not say it, so headings read as the plan reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A year of this century or the last, standing alone ("2011", not "120115").
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# A range whose end is written short: "2011-14", "2011 – 14", "2017/18".
_SHORT_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*(\d\d)(?!\d)")


def years_named(text: str) -> set[int]:
    """Every year `text` names, a short range's end ("2011-14") read as its full year."""
    years = {int(year) for year in _YEAR.findall(text)}
    for start, end in _SHORT_RANGE.findall(text):
        century = int(start) // 100 * 100
        full = century + int(end)
        years.add(full if full >= int(start) else full + 100)
    return years


def holds_period(text: str, start_year: int, end_year: int) -> bool:
    """Whether `text` already names the period: both its first and its last year."""
    years = years_named(text)
    return start_year in years and end_year in years


def title_with_period(title: str, start_year: int, end_year: int, period: str) -> str:
    """The plan's title, followed by `period` only when the title does not name it already."""
    if holds_period(title, start_year, end_year):
        return title
    return f"{title} {period}".strip()


def file_stem(key: str, start_year: int, end_year: int) -> str:
    """A download's file name, without its extension: the plan's key, and its years unless the
    key holds them already ("strategic-business-plan-2011-2014", never "...-2014-2011-2014")."""
    stem = key or "plan"
    if holds_period(stem, start_year, end_year):
        return stem
    return f"{stem}-{start_year}-{end_year}"


_WORD = re.compile(r"[a-z]+")
STEM = 5  # "monitoring" and "monitored" share "monit"
OTHER = "other"


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in _WORD.findall(text.lower()) if len(word) > 2}


def statement_kind_caption(title: str, kind: str, kind_label: str) -> str:
    """The kind of statement to show beside its heading, or "" when it would add nothing: when
    the kind is "other" (an unknown kind is no information) or the title already names it
    ("Board Member Values" is a values statement)."""
    if not kind or kind == OTHER:
        return ""
    wanted = _stems(kind_label)
    if not wanted or wanted <= _stems(title):
        return ""
    return kind_label


def ends_in_a_promise(body: str) -> bool:
    """Whether a statement's text ends by promising what follows ("...are outlined below:",
    "To do this we will:"), so a reader expects something after it."""
    text = body.rstrip()
    return text.endswith((":", ":-"))


# Words that tell the promised part is the plan's budget: what each agency contributes.
_BUDGET_WORDS = ("contribution", "budget", "funded", "funding")


def promises_the_budget(body: str) -> bool:
    """Whether what the statement promises is the budget (agencies' contributions)."""
    last = body.rstrip().rsplit("\n", 1)[-1].lower()
    return ends_in_a_promise(body) and any(word in last for word in _BUDGET_WORDS)


def promised_work_stream(body: str, streams: Sequence[tuple[int, str]]) -> int | None:
    """The work stream (by id, from (id, description) pairs) that a statement ending in a
    promise introduces: the one whose description the statement's last paragraph repeats, as a
    plan's "The work planned for 2017–19 ... To do this we will:" introduces its list of work."""
    if not ends_in_a_promise(body):
        return None
    last = _squashed(body.rstrip().rsplit("\n", 1)[-1])
    for stream_id, description in streams:
        wanted = _squashed(description)
        if wanted and wanted in last:
            return stream_id
    return None


def _squashed(text: str) -> str:
    return " ".join(text.split()).lower()
