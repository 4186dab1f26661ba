"""A chair challenges an indicator, its owner (the analyst) responds, the chair accepts: as each
of them uses the pages."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from safeboard.partnerships.domain.roles import Role
from safeboard.performance.tests.factories import IndicatorFactory
from safeboard.scrutiny.models import ChallengeStatus, Comment
from safeboard.ui.tests.forms import date_parts, form_data

SLUG = "ourshire"


def _url(name, *args):
    return reverse(f"scrutiny:{name}", args=[SLUG, *args])


def _card(indicator):
    return reverse("performance:indicator_detail", args=[SLUG, indicator.pk])


def _raise(client, indicator, text, due):
    url = _url("challenge_create", "performance.indicator", str(indicator.pk))
    return client.post(url, {"text": text, **date_parts("response_due", due)})


def test_it_takes_a_challenge_from_the_chair_to_the_owner_and_back(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    analyst = client_for(tenancy.user(Role.ANALYST))
    due = timezone.localdate() + datetime.timedelta(days=10)

    card = chair.get(_card(indicator)).content.decode()
    assert "Comments and challenges" in card
    assert "Challenge this indicator" in card

    raised = _raise(chair, indicator, "Why did repeat plans rise in March?", due)
    challenge = Comment.objects.get()
    assert raised.status_code == 302
    assert raised["Location"] == _url("challenge_detail", challenge.pk)
    assert challenge.status == ChallengeStatus.OPEN
    assert challenge.author == tenancy.members[Role.CHAIR]

    # The owner sees it on the report card and answers it.
    assert "Why did repeat plans rise in March?" in analyst.get(_card(indicator)).content.decode()
    detail = analyst.get(_url("challenge_detail", challenge.pk)).content.decode()
    assert "Respond" in detail
    assert "Our Analyst" in detail  # the owner
    data = form_data(
        analyst, _url("challenge_respond", challenge.pk), response="Two large sibling groups."
    )
    assert analyst.post(_url("challenge_respond", challenge.pk), data).status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.RESPONDED
    assert challenge.responded_by == tenancy.members[Role.ANALYST]

    # The chair accepts the response.
    assert (
        "Accept the response" in chair.get(_url("challenge_detail", challenge.pk)).content.decode()
    )
    accepted = chair.post(_url("challenge_accept", challenge.pk), {"confirm": "yes"})
    assert accepted.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.ACCEPTED
    assert challenge.resolved_by == tenancy.members[Role.CHAIR]

    # The log shows the challenge and the response; its history says who did each step.
    log = chair.get(_url("challenge_log")).content.decode()
    assert "Why did repeat plans rise in March?" in log
    assert "Two large sibling groups." in log
    assert "NEL-CP-02 Repeat child protection plans" in log
    assert "Accepted" in log
    history = chair.get(_url("challenge_detail", challenge.pk)).content.decode()
    assert history.count("Our Chair or scrutineer") >= 2
    assert challenge.history.count() == 3


def test_it_filters_the_log_by_status(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    due = timezone.localdate() + datetime.timedelta(days=10)
    _raise(chair, indicator, "First question", due)
    _raise(chair, indicator, "Second question", due)
    Comment.objects.filter(text="Second question").update(status=ChallengeStatus.CLOSED)
    page = chair.get(_url("challenge_log") + "?status=closed").content.decode()
    assert "Second question" in page
    assert "First question" not in page
    everything = chair.get(_url("challenge_log") + "?status=nonsense").content.decode()
    assert "First question" in everything
    assert "Second question" in everything


def test_it_exports_the_log_with_formula_looking_text_neutralised(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    analyst = client_for(tenancy.user(Role.ANALYST))
    _raise(chair, indicator, '=HYPERLINK("http://x")', timezone.localdate())
    challenge = Comment.objects.get()
    data = form_data(analyst, _url("challenge_respond", challenge.pk), response="+1 more referral")
    analyst.post(_url("challenge_respond", challenge.pk), data)

    workbook = chair.get(_url("challenge_log_xlsx"))
    assert workbook.status_code == 200
    assert "attachment" in workbook["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    challenge_cell = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert challenge_cell.data_type == "s"  # stored as text, never a formula
    assert any(c.value == "+1 more referral" and c.data_type == "s" for c in cells)
    assert any(c.value == "NEL-CP-02 Repeat child protection plans" for c in cells)

    text = chair.get(_url("challenge_log_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Raised on", "Raised by", "Kind of record", "Record", "Challenge"]
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][8] == "'+1 more referral"
    assert rows[1][7] == "Responded"


def test_it_refuses_empty_text_and_bad_dates_and_writes_nothing(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    url = _url("challenge_create", "performance.indicator", str(indicator.pk))
    empty = chair.post(url, {"text": "  ", **date_parts("response_due", timezone.localdate())})
    assert empty.status_code == 200
    assert "Enter your challenge" in empty.content.decode()
    no_month = chair.post(
        url,
        {
            "text": "Why?",
            "response_due_day": "3",
            "response_due_month": "",
            "response_due_year": "2030",
        },
    )
    assert "Response needed by must include a month" in no_month.content.decode()
    unreal = chair.post(url, {"text": "Why?", **date_parts("response_due", "31/2/2030")})
    assert "Response needed by must be a real date" in unreal.content.decode()
    past = _raise(chair, indicator, "Why?", timezone.localdate() - datetime.timedelta(days=1))
    assert "must be today or in the future" in past.content.decode()
    missing = chair.post(url, {"text": "Why?"})
    assert "Enter the date a response is needed by" in missing.content.decode()
    comment = chair.post(
        _url("comment_create", "performance.indicator", str(indicator.pk)), {"text": ""}
    )
    assert comment.status_code == 200
    assert "Enter your comment" in comment.content.decode()
    assert not Comment.objects.exists()


def test_it_adds_a_plain_comment_from_the_record_page(tenancy, indicator):
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    url = _url("comment_create", "performance.indicator", str(indicator.pk))
    response = lead.post(url, {"text": "Police data for March is late."})
    assert response["Location"] == _card(indicator) + "#comments"
    comment = Comment.objects.get()
    assert comment.kind == "comment"
    assert comment.status == ""
    card = lead.get(_card(indicator)).content.decode()
    assert "Comment from Our Agency lead" in card
    assert "Police data for March is late." in card


def test_it_gives_roles_without_comment_a_403_and_no_form(tenancy, indicator):
    board = client_for(tenancy.user(Role.BOARD_MEMBER))
    card = board.get(_card(indicator)).content.decode()
    assert "Comments and challenges" in card
    assert "Add a comment" not in card
    assert "Challenge this indicator" not in card
    for name in ("comment_create", "challenge_create"):
        url = _url(name, "performance.indicator", str(indicator.pk))
        assert board.get(url).status_code == 403
        assert board.post(url, {"text": "Hello"}).status_code == 403
    assert not Comment.objects.exists()


def test_it_answers_404_for_another_partnerships_record_or_an_unknown_kind(tenancy):
    theirs = IndicatorFactory(partnership=tenancy.theirs, code="THEIR-01")
    chair = client_for(tenancy.user(Role.CHAIR))
    for kind, key in (
        ("performance.indicator", str(theirs.pk)),
        ("performance.indicator", "987654"),
        ("performance.indicator", "not-a-number"),
        ("accounts.user", str(tenancy.manager.pk)),
        ("performance.report", "2099-01-01"),
    ):
        for name in ("comment_create", "challenge_create"):
            url = _url(name, kind, key)
            assert chair.get(url).status_code == 404, url
            assert chair.post(url, {"text": "Leak?"}).status_code == 404, url
    assert not Comment.objects.exists()


def test_it_lets_only_the_owner_or_the_manager_respond(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    _raise(chair, indicator, "Why?", timezone.localdate())
    challenge = Comment.objects.get()
    url = _url("challenge_respond", challenge.pk)
    lead = client_for(tenancy.user(Role.AGENCY_LEAD))
    refused = lead.get(url)
    assert refused.status_code == 200
    assert "Only the owner of the record or a partnership manager can respond." in (
        refused.content.decode()
    )
    assert 'name="response"' not in refused.content.decode()
    assert lead.post(url, {"response": "Me!", "version": "1"}).status_code == 403
    assert chair.post(url, {"response": "Me!", "version": "1"}).status_code == 403
    manager = client_for(tenancy.manager)
    assert manager.post(url, form_data(manager, url, response="For the board")).status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "For the board"


def test_it_lets_only_the_raiser_or_the_manager_accept_or_close(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    _raise(chair, indicator, "Why?", timezone.localdate())
    challenge = Comment.objects.get()
    analyst = client_for(tenancy.user(Role.ANALYST))
    # Nothing to accept before a response.
    assert chair.post(_url("challenge_accept", challenge.pk), {"confirm": "yes"}).status_code == 403
    assert (
        analyst.post(_url("challenge_close", challenge.pk), {"confirm": "yes"}).status_code == 403
    )
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN
    manager = client_for(tenancy.manager)
    assert (
        manager.post(_url("challenge_close", challenge.pk), {"confirm": "yes"}).status_code == 302
    )
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.CLOSED
    # Settled: nobody responds to it any more.
    again = analyst.get(_url("challenge_respond", challenge.pk)).content.decode()
    assert 'name="response"' not in again


def test_it_keeps_both_responses_when_two_people_answer_from_the_same_form(tenancy, indicator):
    chair = client_for(tenancy.user(Role.CHAIR))
    _raise(chair, indicator, "Why?", timezone.localdate())
    challenge = Comment.objects.get()
    url = _url("challenge_respond", challenge.pk)
    analyst = client_for(tenancy.user(Role.ANALYST))
    manager = client_for(tenancy.manager)
    first = form_data(analyst, url, response="First answer")
    second = form_data(manager, url, response="Second answer")
    assert analyst.post(url, first).status_code == 302
    stale = manager.post(url, second)
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "Our Analyst changed this" in page
    assert "Second answer" in page
    challenge.refresh_from_db()
    assert challenge.response == "First answer"
    again = form_data(manager, url, response="Second answer")
    assert manager.post(url, again).status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "Second answer"
