"""Status and RAG as GOV.UK tags (with their text, never colour alone), plan statements as HTML,
and RAG roll-ups. Load with `{% load plan_tags %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..domain.headings import (
    ends_in_a_promise,
    holds_period,
    promised_work_stream,
    promises_the_budget,
    title_with_period,
)
from ..domain.rag import RagRollUp
from ..domain.text import statement_html
from ..models import ActionStatus, Plan, Rag, Statement

register = template.Library()

RAG_CLASSES = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
}
STATUS_CLASSES = {
    ActionStatus.NOT_STARTED: "govuk-tag--grey",
    ActionStatus.ON_TRACK: "govuk-tag--turquoise",
    ActionStatus.AT_RISK: "govuk-tag--yellow",
    ActionStatus.OFF_TRACK: "govuk-tag--pink",
    ActionStatus.COMPLETE: "",  # the default tag colour (blue)
    ActionStatus.CANCELLED: "govuk-tag--grey",
}


def _tag(modifier: str, text: str) -> SafeString:
    classes = f"govuk-tag {modifier}" if modifier else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', classes, text)


@register.filter
def rag_tag(value: str | None, blank: str = "Not recorded") -> SafeString:
    """A RAG rating as a tag that says its colour in words."""
    if not value or value not in Rag.values:
        return format_html("<span>{}</span>", blank)
    rag = Rag(value)
    return _tag(RAG_CLASSES[rag], str(rag.label))


@register.filter
def status_tag(value: str | None) -> SafeString:
    if not value or value not in ActionStatus.values:
        return format_html("<span>{}</span>", "Not recorded")
    status = ActionStatus(value)
    return _tag(STATUS_CLASSES[status], str(status.label))


@register.filter
def statement(text: str) -> SafeString:
    """Paragraphs and "- " bulleted lists; the text is escaped before any markup is added."""
    return mark_safe(statement_html(text or ""))  # noqa: S308 - statement_html escapes first


@register.filter
def with_period(plan: Plan) -> str:
    """The plan's title with its period, unless the title holds the period already."""
    return title_with_period(plan.title, plan.start_year, plan.end_year, plan.period)


@register.filter
def names_its_period(plan: Plan) -> bool:
    """Whether the plan's title names its period already (so a caption need not repeat it)."""
    return holds_period(plan.title, plan.start_year, plan.end_year)


@register.filter
def promise_note(statement: Statement, blocks: Any) -> str:
    """For the printed plan: where to find what a statement ending in a promise ("... are
    outlined below:") promises, or that the plan lists nothing there; "" for any other statement.
    `blocks` are the printed work streams (each with its `work_stream`, or None)."""
    if not ends_in_a_promise(statement.body):
        return ""
    if promises_the_budget(statement.body):
        return (
            "The plan gives the agencies’ contributions here. Safeboard keeps them in the budget."
        )
    streams = [b.work_stream for b in blocks if b.work_stream is not None]
    found = promised_work_stream(statement.body, [(w.pk, w.description) for w in streams])
    for w in streams:
        if w.pk == found:
            return f"The plan lists this work here: see the work stream “{w.title}” below."
    return "The plan lists nothing after this statement."


@register.inclusion_tag("plans/components/rollup.html")
def rollup(value: RagRollUp, caption: str = "", link: str = "") -> dict[str, Any]:
    """A RAG roll-up as a short line of counts with the overall rating."""
    return {"r": value, "caption": caption, "link": link}
