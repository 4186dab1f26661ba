"""The page kit: the create, edit and delete pages every module writes, in one shape.

A view still reads access -> service -> render: it finds the record through its app's
`access.py` and hands it, the form class and the service to `edit_page` (or `create_page`, or
`confirm_page`). These build the form from the request and the record, pass the person as `by`
to the service, and call `form_page`, which shows the form, calls the service through
`core.forms.run_service` (a broken rule or a stale edit becomes a GOV.UK error on the form) and
redirects with a success banner. How to use it: docs/how-to/page-kit.md. The kit imports only
`core` (the partnership's home is reached by URL name), never a feature app, so every app,
`partnerships` too, may use it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, Required, TypedDict, TypeVar, Unpack

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from safeboard.core.errors import ApplicationError
from safeboard.core.forms import VERSION_FIELD, run_service, service_data

T = TypeVar("T")
Crumb = tuple[str, str]  # (text, href), as base.html shows them
FORM_TEMPLATE = "ui/pages/form.html"


class _Partnership(Protocol):
    slug: str
    name: str
    short_name: str


class _Access(Protocol):
    @property
    def partnership(self) -> _Partnership: ...


class PartnershipRequest(Protocol):
    """What the kit needs of a partnership view's request (partnerships.access sets `access`).
    A protocol, so that the kit imports nothing above core and any layer may use it."""

    @property
    def access(self) -> _Access: ...


CONFIRM_TEMPLATE = "ui/pages/confirm.html"
CONFIRM_FIELD = "confirm"


def file_download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A file the browser saves as `filename` (an attachment, every download). Django
    quotes the name in the header, so no character of it can break the header."""
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Disposition"] = disposition or "attachment"
    return response


def posted(request: HttpRequest) -> Any:
    """The form data to bind: the POST on a POST, None (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


@dataclass(frozen=True)
class AppPages:
    """One app's pages under /p/<slug>/: its URL namespace and the page its breadcrumbs start
    from. Replaces each app's own `_url` and `_crumbs`.

        pages = AppPages("finance", root=("Budget", "budget_overview"))
        pages.url(request, "line_detail", line.pk)
        pages.crumbs(request, (line.year.label, "year_detail", line.year_id))
    """

    namespace: str
    root: tuple[str, str] | None = None  # (text, URL name) of the app's front page

    def url(self, request: PartnershipRequest, name: str, *args: object) -> str:
        """The URL of page `name` (in this app unless it names its namespace) in the
        partnership of the request."""
        full = name if ":" in name else f"{self.namespace}:{name}"
        return reverse(full, args=[request.access.partnership.slug, *args])

    def crumbs(
        self, request: PartnershipRequest, *trail: tuple[Any, ...], app_root: bool = True
    ) -> list[Crumb]:
        """The partnership's home, the app's root (unless `app_root=False`, on the root page
        itself), then each `(text, URL name, *args)` of `trail`."""
        p = request.access.partnership
        result = [(p.short_name or p.name, reverse("partnerships:home", args=[p.slug]))]
        if self.root is not None and app_root:
            result.append((self.root[0], self.url(request, self.root[1])))
        for text, name, *args in trail:
            result.append((str(text), self.url(request, name, *args)))
        return result


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[..., T | None],
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str],
    title: str,
    breadcrumbs: list[Crumb] | None = None,
    record: Any = None,
    template: str = FORM_TEMPLATE,
    context: dict[str, Any] | None = None,
    caption: str = "",
    intro: str = "",
    button: str = "Save",
) -> HttpResponse:
    """GET shows `form`; POST validates it and calls `save` with the cleaned data (the version as
    `expected_version`), then redirects to `next_url` with the `success` banner. A broken rule,
    or someone else's newer save of `record`, shows the form again with the error and the
    person's input. `record` is the record being edited: its version goes into the form."""
    if record is not None and VERSION_FIELD in form.fields and not form.is_bound:
        form.initial = {**form.initial, VERSION_FIELD: record.record_version}
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, save, **service_data(form))
        if saved is not None:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "caption": caption,
            "intro": intro,
            "button": button,
            "breadcrumbs": breadcrumbs,
            **(context or {}),
        },
    )


class PageOptions(TypedDict, total=False):
    """What `edit_page` and `create_page` pass on to `form_page` as it is."""

    title: Required[str]
    breadcrumbs: list[Crumb] | None
    template: str
    context: dict[str, Any] | None
    caption: str
    intro: str
    button: str


class RecordForm(Protocol):
    """An edit form class: built like any form, with `initial_for(record)` giving its initial
    data (a `VersionedForm`, so the record's version goes in too)."""

    def __call__(self, *args: Any, **kwargs: Any) -> forms.BaseForm: ...

    def initial_for(self, record: Any, /) -> dict[str, Any]: ...


def edit_page(
    request: HttpRequest,
    form_class: RecordForm,
    record: Any,
    *,
    save: Callable[..., T | None],
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str],
    form_kwargs: dict[str, Any] | None = None,
    **page: Unpack[PageOptions],
) -> HttpResponse:
    """The page changing `record`: `form_class` bound to the POST (on a POST), filled from
    `form_class.initial_for(record)` and the record's version, with `form_kwargs` (e.g.
    `partnership=`); `save` (the update service, bound to the record) gets `by=request.user`
    and the cleaned data. The rest is `form_page`'s."""
    form = form_class(
        posted(request), initial=form_class.initial_for(record), **(form_kwargs or {})
    )
    return form_page(
        request,
        form,
        record=record,
        save=functools.partial(save, by=request.user),
        success=success,
        next_url=next_url,
        **page,
    )


def create_page(
    request: HttpRequest,
    form_class: Callable[..., forms.BaseForm],
    *,
    save: Callable[..., T | None],
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str],
    form_kwargs: dict[str, Any] | None = None,
    **page: Unpack[PageOptions],
) -> HttpResponse:
    """The page adding a record: `form_class` bound to the POST (on a POST), with `form_kwargs`
    (e.g. `partnership=`, `initial=`); `save` (the create service, bound to where the record
    goes) gets `by=request.user` and the cleaned data. The rest is `form_page`'s."""
    return form_page(
        request,
        form_class(posted(request), **(form_kwargs or {})),
        save=functools.partial(save, by=request.user),
        success=success,
        next_url=next_url,
        **page,
    )


def confirm_page(
    request: HttpRequest,
    *,
    act: Callable[[], object],
    title: str,
    button: str,
    success: str,
    next_url: str,
    cancel: str,
    body: str = "",
    breadcrumbs: list[Crumb] | None = None,
    warning: bool = True,
    note: str = "Safeboard keeps a record of who did this and when.",
) -> HttpResponse:
    """The one way to archive, remove or delete: GET (or a POST without `confirm=yes`) asks the
    question; the page's button posts `confirm=yes`, which calls `act`. A broken rule is shown in
    a banner on the `cancel` page, and nothing is changed."""
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes":
        try:
            act()
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(cancel)
        messages.success(request, success)
        return redirect(next_url)
    return render(
        request,
        CONFIRM_TEMPLATE,
        {
            "title": title,
            "body": body,
            "button": button,
            "cancel": cancel,
            "warning": warning,
            "note": note,
            "breadcrumbs": breadcrumbs,
        },
    )
