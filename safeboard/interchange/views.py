"""Plan files on the web: export the partnership, or import a file into an empty one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeboard.core.errors import ApplicationError
from safeboard.partnerships.access import PartnershipRequest, partnership_view
from safeboard.partnerships.domain.roles import Capability
from safeboard.ui.pages import AppPages, file_download, posted, posted_files

from .exporter import export_partnership
from .forms import PlanFileForm
from .importer import import_plan_file, partnership_is_empty
from .validate import InvalidFile, Problem

# The plan-file page is one of the partnership's settings.
SETTINGS = AppPages("partnerships", root=("Settings", "settings"))


@require_http_methods(["GET", "POST"])
@partnership_view(Capability.MANAGE_STRUCTURE)
def plan_file(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    form = PlanFileForm(posted(request), posted_files(request))
    problems: list[Problem] = []
    empty = partnership_is_empty(p)
    if request.method == "POST" and form.is_valid():
        try:
            import_plan_file(form.cleaned_data["file"], into=p, by=request.user)
        except InvalidFile as error:
            problems = error.problems
            form.add_error(
                "file",
                f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}: "
                "nothing was imported. Fix the lines listed below and try again.",
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, "Plan file imported.")
            return redirect(reverse("partnerships:home", args=[p.slug]))
    return render(
        request,
        "interchange/plan_file.html",
        {
            "form": form,
            "problems": problems,
            "empty": empty,
            "breadcrumbs": SETTINGS.crumbs(request),
        },
    )


@require_GET
@partnership_view(Capability.MANAGE_STRUCTURE)
def plan_file_download(request: PartnershipRequest) -> HttpResponse:
    p = request.access.partnership
    return file_download(
        export_partnership(p),
        filename=f"{p.slug}-{timezone.localdate().isoformat()}.yaml",
        content_type="application/yaml; charset=utf-8",
    )
