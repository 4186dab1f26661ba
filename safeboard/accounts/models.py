"""A person who signs in. Their roles live in memberships, one per partnership."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are matched without regard to case.
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser):
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField("full name", max_length=200)
    is_active = models.BooleanField("active", default=True)
    is_site_admin = models.BooleanField(
        "site administrator",
        default=False,
        help_text="Creates partnerships and their first manager. Sees no partnership data "
        "unless made a member.",
    )
    date_joined = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name", "email")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
