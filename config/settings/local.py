"""Production-like on one machine: what `make run` serves (gunicorn, scripts/serve.py).

Everything as in production (DEBUG off, the GOV.UK error pages, hashed and compressed static files
served by WhiteNoise after `collectstatic`) except what one machine needs: plain HTTP on the
loopback addresses, and the embedded SQLite database in WAL mode unless DATABASE_URL names
another. Never used for a real deployment: that is config.settings.prod.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _secret_key(path: Path) -> str:
    """SECRET_KEY from the environment, else the one generated into `path` on the first run
    (readable by its owner only, ignored by git), so sessions survive a restart."""
    if key := os.environ.get("SECRET_KEY", ""):
        return key
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process (a second gunicorn worker) wrote it first: use theirs.
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


SECRET_KEY = _secret_key(Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret-key")))

# Plain HTTP on loopback: no HTTPS redirect and no Secure or __Host- cookies (a browser would not
# send them back over http://127.0.0.1). Everything else is base.py's, as in production.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# E-mails (reminders, invitations) are printed by the worker and web processes, not sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The reminder job runs every minute, so an "as soon as" reminder shows soon after a change.
REMINDERS_INTERVAL = int(os.environ.get("REMINDERS_INTERVAL", "60"))

# collectstatic writes the hashed, compressed files here; WhiteNoise serves only those.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets gunicorn's workers read while one writes. IMMEDIATE takes the write lock when a
    # transaction starts, so a second writer waits (up to `timeout` seconds, SQLite's busy
    # timeout) instead of failing with "database is locked" when its read lock cannot be upgraded.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
