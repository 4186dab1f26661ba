"""The data set's pages, under /p/<slug>/measures/. Each part keeps its own URL list."""

from django.urls import URLPattern, URLResolver

from . import urls_comparators, urls_indicators, urls_returns

app_name = "performance"

urlpatterns: list[URLPattern | URLResolver] = [
    *urls_indicators.urlpatterns,
    *urls_returns.urlpatterns,
    *urls_comparators.urlpatterns,
]
