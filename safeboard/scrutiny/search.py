"""What of scrutiny people can find by searching (`partnerships.searchable`): the text of
comments and challenges, and the responses to challenges. A hit is shown as the record it is
about, looked up through that record's module (one lookup per kind of record on the page)."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from safeboard.partnerships.models import Partnership
from safeboard.partnerships.searchable import Row, Searchable, Shown

from .models import Comment, CommentKind
from .selectors import subject_records


def _shown(partnership: Partnership, rows: Sequence[Row]) -> list[Shown]:
    records = subject_records(
        partnership=partnership,
        pairs=((row["subject_kind"], row["subject_key"]) for row in rows),
    )
    shown = []
    for row in rows:
        subject = records[(row["subject_kind"], row["subject_key"])]
        is_challenge = row["kind"] == CommentKind.CHALLENGE
        what = "Challenge" if is_challenge else "Comment"
        if is_challenge:
            url = reverse("scrutiny:challenge_detail", args=[partnership.slug, row["pk"]])
        else:
            url = subject.url or reverse("scrutiny:challenge_log", args=[partnership.slug])
        shown.append(Shown(f"{what} on {subject.label.lower()}: {subject.title}", url))
    return shown


SEARCHABLES = (
    Searchable(
        kind="scrutiny.comment",
        label="Comment or challenge",
        model=Comment,
        title=(),
        text=("text", "response"),
        values=("kind", "subject_kind", "subject_key"),
        present=_shown,
        order=40,
    ),
)
