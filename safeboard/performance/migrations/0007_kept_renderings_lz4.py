"""On PostgreSQL, the kept renderings and stored analyses are compressed with lz4 rather than the
default pglz: a report section's 300 kB part is read on every view of the page, and lz4 gives
it back in half the time (decision 0034). Rows already written keep their compression until
they are next written. A server built without lz4 keeps pglz; SQLite has no such setting."""

from django.db import migrations

COLUMNS = (
    ("performance_pagerendering", "html"),
    ("performance_indicatorrendering", "html"),
    ("performance_indicatoranalysis", "summary"),
    ("performance_indicatoranalysis", "detail"),
)


def _has_lz4(cursor) -> bool:
    cursor.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def compress(apps, schema_editor, method: str = "lz4") -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _has_lz4(cursor):
            return
        for table, column in COLUMNS:
            quoted_table = schema_editor.quote_name(table)
            quoted_column = schema_editor.quote_name(column)
            schema_editor.execute(
                f"ALTER TABLE {quoted_table} ALTER COLUMN {quoted_column} SET COMPRESSION {method}"
            )


def back_to_pglz(apps, schema_editor) -> None:
    compress(apps, schema_editor, method="pglz")


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0006_comparator_label"),
    ]

    operations = [migrations.RunPython(compress, back_to_pglz)]
