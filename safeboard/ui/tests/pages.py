"""Test helper: how many database queries a page takes, to show that a page's queries do not
grow with the number of records it lists."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_to_show(client: Client, url: str) -> int:
    """The number of queries `client` takes to GET `url`, which must show (200)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)
