from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms


class SignInForm(auth_forms.AuthenticationForm):
    """E-mail and password. The error never says which of the two was wrong."""

    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org.",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password.",
        "inactive": "This account has been switched off. Ask your partnership manager.",
    }


class ResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org.",
        },
    )

    def get_users(self, email: str) -> Any:
        # Invited people have no usable password yet; they set one through this same link.
        from .models import User

        return User.objects.filter(email__iexact=email, is_active=True)


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    pass
