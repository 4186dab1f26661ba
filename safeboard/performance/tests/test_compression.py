"""On PostgreSQL the kept renderings and stored analyses are compressed with lz4 (migration
0007), which gives a 300 kB part back in half pglz's time."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]


def test_the_kept_parts_are_compressed_with_lz4_where_the_server_has_it():
    if connection.vendor != "postgresql":
        pytest.skip("compression is PostgreSQL's (make test runs this on PostgreSQL only)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL server was built without lz4")
        cursor.execute(
            """SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a
                 JOIN pg_class c ON c.oid = a.attrelid
                WHERE (c.relname, a.attname) IN (
                      ('performance_pagerendering', 'html'),
                      ('performance_indicatorrendering', 'html'),
                      ('performance_indicatoranalysis', 'summary'),
                      ('performance_indicatoranalysis', 'detail'))"""
        )
        found = {(table, column): method for table, column, method in cursor.fetchall()}
    assert len(found) == 4
    assert set(found.values()) == {"l"}, found
