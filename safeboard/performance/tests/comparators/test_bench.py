"""The benchmark's data builder works (at tiny scale); the benchmark itself is not a test."""

from django.test import Client
from django.urls import reverse

from bench.builder import TINY, build
from safeboard.performance.models import Indicator, Value


def test_it_builds_the_benchmark_data_set_at_tiny_scale(db):
    built = build(TINY)
    assert Indicator.objects.filter(partnership=built.large).count() == TINY.indicators
    per_agency = TINY.agency_breakdown_indicators * TINY.periods * TINY.agencies
    assert (
        Value.objects.filter(partnership=built.large).count()
        == TINY.indicators * TINY.periods + per_agency
    )
    assert built.values == Value.objects.count()
    client = Client()
    client.force_login(built.user)
    url = reverse("performance:comparator_list", args=[built.large.slug])
    assert client.get(url).status_code == 200
