"""The data set's pages, under /p/<slug>/measures/. Each part keeps its own URL list."""

from django.urls import URLPattern, URLResolver

from .comparators import urls as comparators
from .indicators import urls as indicators
from .returns import urls as returns

app_name = "performance"

urlpatterns: list[URLPattern | URLResolver] = [
    *indicators.urlpatterns,
    *returns.urlpatterns,
    *comparators.urlpatterns,
]
