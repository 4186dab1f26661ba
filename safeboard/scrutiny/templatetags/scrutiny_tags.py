"""Scrutiny on a record's own page: its sign-off (plans, the performance report) and its
comments and challenges, with the form to add one. Scrutiny registers it as its
`record_panel`, so a module's page names no scrutiny code, only the registry's tag:

    {% load record_panels %}{% record_panels plan %}
    {% load record_panels %}{% record_panels "performance.report" report.period %}

It costs two queries at most (the comments, the report's sign-offs), whatever their number."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString

from safeboard.partnerships.domain.roles import Capability
from safeboard.partnerships.subjects import kind_of, subjects
from safeboard.plans.models import PlanStatus

from .. import selectors
from ..models import ChallengeStatus

register = template.Library()

PLAN, REPORT = "plans.plan", "performance.report"
STATUS_CLASSES = {
    ChallengeStatus.OPEN: "govuk-tag--yellow",
    ChallengeStatus.RESPONDED: "govuk-tag--blue",
    ChallengeStatus.ACCEPTED: "govuk-tag--green",
    ChallengeStatus.CLOSED: "govuk-tag--grey",
}


@register.filter
def challenge_status_tag(status: str) -> SafeString:
    """A challenge's status as a tag that says it in words."""
    if status not in ChallengeStatus.values:
        return format_html("<span>{}</span>", "Not recorded")
    value = ChallengeStatus(status)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_CLASSES[value], value.label
    )


@register.inclusion_tag("scrutiny/panel.html", takes_context=True)
def scrutiny_panel(context: template.Context, record: Any, key: Any = None) -> dict[str, Any]:
    """`record` is a model instance, or a subject kind with `key` the value naming it (the
    report's period)."""
    access = context.get("access")
    kind = record if isinstance(record, str) else kind_of(record)
    value = key if isinstance(record, str) else record
    subject = subjects().get(kind)
    if access is None or subject is None or value is None:
        return {"shown": False}
    subject_key = subject.key_of(value)
    partnership = access.partnership
    found: dict[str, Any] = {
        "shown": True,
        "kind": kind,
        "key": subject_key,
        "label": subject.label.lower(),
        "comments": selectors.comments_on(partnership=partnership, kind=kind, key=subject_key),
        "can_comment": access.can(Capability.COMMENT),
        "can_sign_off": access.can(Capability.SIGN_OFF),
        "current_partnership": partnership,
        "csrf_token": context.get("csrf_token"),
    }
    if kind == PLAN:
        found["plan"] = value
        found["plan_signed_off"] = value.status == PlanStatus.APPROVED and bool(value.approved_by)
    elif kind == REPORT:
        found["report_sign_offs"] = selectors.report_sign_offs(
            partnership=partnership, period=value
        )
    return found


def record_panel(context: template.Context, record: Any, key: Any = None) -> SafeString:
    """Scrutiny's part of a record page (`Module.record_panel`, shown by `{% record_panels %}`):
    the panel above, drawn from the page's context."""
    found = scrutiny_panel(context, record, key)
    if not found.get("shown"):
        return SafeString("")
    return SafeString(render_to_string("scrutiny/panel.html", found))
