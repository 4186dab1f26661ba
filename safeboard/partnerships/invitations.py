"""The e-mail a new member receives: a link to set their password (Django's reset token)."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from safeboard.accounts.models import User

from .models import Partnership


def invitation_send(request: HttpRequest, *, user: User, partnership: Partnership) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
    body = render_to_string(
        "partnerships/email/invitation.txt",
        {"user": user, "partnership": partnership, "link": link},
    )
    # A header cannot hold a line break (Django refuses it): names are checked to be one line
    # when saved; this keeps an older record's name from breaking the e-mail too.
    name = " ".join(partnership.name.split())
    subject = f"You have been added to {name} on Safeboard"
    # Send only once the membership is safely stored.
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
