"""Scrutiny pages. Each view: access -> service or selector -> render or redirect.

Pages acting on a challenge are open to everyone with COMMENT; whether the person in hand may
respond, accept or close it is decided for the challenge (`access.can_*`). Someone who may not
is told who may (GET), and their POST is refused with 403, as the record-progress page does."""

from __future__ import annotations

import datetime
import functools

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.history import history_for
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.partnerships.subjects import SubjectRecord, subjects
from safeboard.plans import services as plan_services
from safeboard.plans.access import access_plan
from safeboard.plans.models import PlanStatus
from safeboard.reports.document import Document
from safeboard.ui.pages import (
    AppPages,
    Crumb,
    confirm_page,
    create_page,
    file_download,
    form_page,
    posted,
)

from . import exports, selectors, services
from .access import (
    RESOLVE_REFUSED,
    RESPOND_REFUSED,
    access_challenge,
    access_subject,
    can_accept,
    can_close,
    can_respond,
)
from .domain import challenges
from .domain.challenges import signer_description
from .forms import ChallengeForm, CommentForm, PlanSignOffForm, ReportSignOffForm, ResponseForm
from .models import ChallengeStatus

PAGE_SIZE = 50
REPORT = "performance.report"
pages = AppPages("scrutiny", root=("Challenges", "challenge_log"))


def _today() -> datetime.date:
    return timezone.localdate()


def _on(request: PartnershipRequest, subject: SubjectRecord) -> list[Crumb]:
    crumbs = pages.crumbs(request, app_root=False)
    if subject.url:
        crumbs.append((subject.title, subject.url))
    return crumbs


def _signer(request: PartnershipRequest) -> str:
    membership = request.access.membership
    return signer_description(
        name=request.user.full_name,
        job_title=membership.job_title,
        role_label=request.access.role.label,
    )


def _status(request: PartnershipRequest) -> str:
    status = request.GET.get("status", "")
    return status if status in ChallengeStatus.values else ""


# --- The challenge log --------------------------------------------------------------------------


@require_GET
@partnership_view()
def challenge_log(request: PartnershipRequest) -> HttpResponse:
    partnership = request.access.partnership
    status = _status(request)
    page = Paginator(
        selectors.challenge_log(partnership=partnership, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "scrutiny/challenge_log.html",
        {
            "page": page,
            "rows": selectors.with_subjects(
                partnership=partnership, comments=list(page.object_list)
            ),
            "status": status,
            "statuses": ChallengeStatus.choices,
            "counts": selectors.status_counts(partnership=partnership),
            "query": f"?status={status}" if status else "",
            "breadcrumbs": pages.crumbs(request, app_root=False),
        },
    )


def _log_document(request: PartnershipRequest) -> Document:
    partnership = request.access.partnership
    found = list(selectors.challenge_log(partnership=partnership, status=_status(request)))
    rows = selectors.with_subjects(partnership=partnership, comments=found)
    return exports.challenge_log_document(partnership=partnership, rows=rows, today=_today())


def _log_filename(request: PartnershipRequest, extension: str) -> str:
    status = _status(request)
    return (
        f"{request.access.partnership.slug}-challenges{'-' + status if status else ''}.{extension}"
    )


@require_GET
@partnership_view(Capability.EXPORT)
def challenge_log_xlsx(request: PartnershipRequest) -> HttpResponse:
    return file_download(
        exports.xlsx(_log_document(request)),
        filename=_log_filename(request, "xlsx"),
        content_type=exports.XLSX_CONTENT_TYPE,
    )


@require_GET
@partnership_view(Capability.EXPORT)
def challenge_log_csv(request: PartnershipRequest) -> HttpResponse:
    return file_download(
        exports.csv(_log_document(request)),
        filename=_log_filename(request, "csv"),
        content_type=exports.CSV_CONTENT_TYPE,
    )


# --- Comments and challenges on a record --------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.COMMENT)
def comment_create(
    request: PartnershipRequest, subject_kind: str, subject_key: str
) -> HttpResponse:
    subject = access_subject(request.access, subject_kind, subject_key)
    return create_page(
        request,
        CommentForm,
        save=functools.partial(
            services.comment_add,
            partnership=request.access.partnership,
            subject=subject,
            author=request.access.membership,
        ),
        success="Comment added.",
        next_url=f"{subject.url}#comments",
        title="Add a comment",
        caption=f"{subject.label}: {subject.title}",
        button="Add comment",
        breadcrumbs=_on(request, subject),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.COMMENT)
def challenge_create(
    request: PartnershipRequest, subject_kind: str, subject_key: str
) -> HttpResponse:
    subject = access_subject(request.access, subject_kind, subject_key)
    who = subject.owner_names or "the partnership manager"
    return create_page(
        request,
        ChallengeForm,
        save=functools.partial(
            services.challenge_raise,
            partnership=request.access.partnership,
            subject=subject,
            author=request.access.membership,
            today=_today(),
        ),
        success=lambda c: f"Challenge raised. {who} will be asked to respond.",
        next_url=lambda c: pages.url(request, "challenge_detail", c.pk),
        title="Challenge this record",
        caption=f"{subject.label}: {subject.title}",
        intro=f"A challenge asks for a response by a date. It goes to {who}.",
        button="Raise challenge",
        breadcrumbs=_on(request, subject),
    )


@require_GET
@partnership_view()
def challenge_detail(request: PartnershipRequest, challenge_id: int) -> HttpResponse:
    row = access_challenge(request.access, challenge_id)
    return render(
        request,
        "scrutiny/challenge_detail.html",
        {
            "row": row,
            "challenge": row.comment,
            "subject": row.subject,
            "can_respond": can_respond(request.access, row),
            "can_accept": can_accept(request.access, row),
            "can_close": can_close(request.access, row),
            "history": history_for(row.comment),
            "breadcrumbs": pages.crumbs(request),
        },
    )


def _detail_crumbs(request: PartnershipRequest, row: selectors.ChallengeRow) -> list[Crumb]:
    return pages.crumbs(request, ("Challenge", "challenge_detail", row.comment.pk))


def _refused(
    request: PartnershipRequest, row: selectors.ChallengeRow, *, title: str, message: str
) -> HttpResponse:
    """What someone who may not act on this challenge sees instead of the form (a POST from them
    is refused with 403)."""
    if request.method == "POST":
        raise PermissionDenied(message)
    return render(
        request,
        "scrutiny/not_allowed.html",
        {
            "title": title,
            "message": message,
            "row": row,
            "back": pages.url(request, "challenge_detail", row.comment.pk),
            "breadcrumbs": _detail_crumbs(request, row),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.COMMENT)
def challenge_respond(request: PartnershipRequest, challenge_id: int) -> HttpResponse:
    row = access_challenge(request.access, challenge_id)
    title = "Respond to the challenge"
    if not can_respond(request.access, row):
        return _refused(request, row, title=title, message=RESPOND_REFUSED)
    challenge = row.comment
    detail = pages.url(request, "challenge_detail", challenge.pk)
    return form_page(
        request,
        ResponseForm(posted(request), initial=ResponseForm.initial_for(challenge)),
        record=challenge,
        save=functools.partial(
            services.challenge_respond,
            challenge=challenge,
            responder=request.access.membership,
            by=request.user,
        ),
        success="Response saved. The person who raised the challenge can now accept it.",
        next_url=detail,
        title=title,
        caption=f"{row.subject.label}: {row.subject.title}",
        button="Save response",
        template="scrutiny/respond_form.html",
        breadcrumbs=_detail_crumbs(request, row),
        context={"challenge": challenge, "back": detail},
    )


def _settle(
    request: PartnershipRequest,
    challenge_id: int,
    *,
    accept: bool,
) -> HttpResponse:
    row = access_challenge(request.access, challenge_id)
    allowed = can_accept if accept else can_close
    title = "Accept the response?" if accept else "Close the challenge?"
    if not allowed(request.access, row):
        # The status explains it first (nothing to accept yet, already settled); else the role.
        move = challenges.ACCEPT if accept else challenges.CLOSE
        message = challenges.transition_problem(move, row.comment.status) or RESOLVE_REFUSED
        return _refused(request, row, title=title, message=message)
    service = services.challenge_accept if accept else services.challenge_close
    detail = pages.url(request, "challenge_detail", row.comment.pk)
    return confirm_page(
        request,
        act=functools.partial(
            service, challenge=row.comment, resolver=request.access.membership, by=request.user
        ),
        title=title,
        body=(
            "The challenge will be marked accepted: the response answers it."
            if accept
            else "The challenge will be closed. No further response will be asked for."
        ),
        button="Accept response" if accept else "Close challenge",
        success="Response accepted." if accept else "Challenge closed.",
        next_url=detail,
        cancel=detail,
        warning=not accept,
        breadcrumbs=_detail_crumbs(request, row),
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.COMMENT)
def challenge_accept(request: PartnershipRequest, challenge_id: int) -> HttpResponse:
    return _settle(request, challenge_id, accept=True)


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.COMMENT)
def challenge_close(request: PartnershipRequest, challenge_id: int) -> HttpResponse:
    return _settle(request, challenge_id, accept=False)


# --- Sign-off -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.SIGN_OFF)
def plan_sign_off(request: PartnershipRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.access, plan_id, capability=Capability.SIGN_OFF)
    today = _today()
    plan_url = pages.url(request, "plans:plan_detail", plan.pk)
    form = PlanSignOffForm(
        posted(request),
        initial={"approved_by": _signer(request), "date_approved": today},
    )
    return form_page(
        request,
        form,
        record=plan,
        save=functools.partial(
            plan_services.plan_sign_off, plan=plan, today=today, by=request.user
        ),
        success=lambda p: f"{p.title} signed off.",
        next_url=f"{plan_url}#sign-off",
        title="Sign off this plan version",
        caption=f"{plan.title}{f', version {plan.version}' if plan.version else ''}",
        intro="Signing off approves the plan at this version: its status becomes approved and "
        "the plan shows who signed it off and when.",
        button="Sign off plan",
        template="scrutiny/plan_sign_off.html",
        breadcrumbs=[*pages.crumbs(request, app_root=False), (plan.title, plan_url)],
        context={
            "plan": plan,
            "signed_off": plan.status == PlanStatus.APPROVED and bool(plan.approved_by),
            "back": plan_url,
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.SIGN_OFF)
def report_sign_off(request: PartnershipRequest) -> HttpResponse:
    partnership = request.access.partnership
    subject = subjects().get(REPORT)
    if subject is None or subject.choices is None:
        raise Http404("Page not found")
    reports = subject.choices(partnership)
    chosen = request.GET.get("period", "")
    form = ReportSignOffForm(
        posted(request),
        initial={"period": chosen} if chosen in {r.key for r in reports} else {},
        reports=reports,
        meetings=selectors.meeting_choices(partnership=partnership),
    )
    return form_page(
        request,
        form,
        save=functools.partial(
            services.report_sign_off,
            partnership=partnership,
            signer=request.access.membership,
            signer_description=_signer(request),
            by=request.user,
        ),
        success=lambda s: f"Report signed off for {s.meeting}.",
        next_url=lambda s: f"{form.reports[s.period.isoformat()].url}#sign-off",
        title="Sign off the performance report",
        intro="Sign off the performance report at a period for a governance meeting. The report "
        "then shows who signed it off, for which meeting and when."
        if reports
        else "There is no performance report to sign off yet: no indicator has values.",
        button="Sign off report",
        breadcrumbs=pages.crumbs(request, app_root=False),
    )
