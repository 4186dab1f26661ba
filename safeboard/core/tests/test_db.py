"""No text with a NUL character reaches the database, on SQLite as on PostgreSQL."""

import pytest
from django.db import transaction

from safeboard.core.errors import ApplicationError
from safeboard.partnerships.models import Agency, Partnership


@pytest.mark.django_db
def test_it_refuses_a_nul_in_a_lookup_with_a_message():
    with pytest.raises(ApplicationError, match="NUL"):
        Agency.objects.filter(name="Police\x00").exists()


@pytest.mark.django_db
def test_it_refuses_a_nul_in_a_bulk_write_and_writes_nothing():
    with pytest.raises(ApplicationError, match="NUL"), transaction.atomic():
        Partnership.objects.bulk_create(
            [Partnership(name="A", slug="a"), Partnership(name="B\x00", slug="b")]
        )
    assert not Partnership.objects.filter(slug__in=["a", "b"]).exists()


@pytest.mark.django_db
def test_it_lets_ordinary_text_through():
    Partnership.objects.create(name="Ourshire – “quoted” ‘text’ é", slug="ourshire")
    assert Partnership.objects.filter(name__startswith="Ourshire").count() == 1
