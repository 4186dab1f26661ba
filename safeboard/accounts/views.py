from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeboard.core.history import history_for
from safeboard.partnerships.selectors import memberships_of

from .models import User


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    return render(
        request,
        "accounts/account.html",
        {"memberships": memberships_of(user=request.user), "history": history_for(request.user)},
    )
