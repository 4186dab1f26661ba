from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "safeboard.search"
    label = "search"
    verbose_name = "Search"
