from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from safeboard.core.modules import registered
from safeboard.partnerships import views as partnership_views


def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the process answers. Holds no state."""
    return HttpResponse("ok", content_type="text/plain")


def partnership_urls() -> list[URLPattern | URLResolver]:
    """Each registered module's pages, under /p/<slug>/ at the prefix the module declares."""
    return [
        path(f"p/<slug:partnership_slug>/{module.url_prefix}", include(module.urlconf))
        for module in registered()
        if module.url_prefix is not None
    ]


urlpatterns = [
    path("", partnership_views.home_redirect, name="home"),
    path("healthz", healthz, name="healthz"),
    path("switch/", partnership_views.switch_partnership, name="switch_partnership"),
    path("site-admin/", partnership_views.site_partnerships, name="site_partnerships"),
    path(
        "site-admin/partnerships/new/",
        partnership_views.site_partnership_create,
        name="site_partnership_create",
    ),
    path("account/", partnership_views.account, name="account"),
    path("account/", include("safeboard.accounts.urls")),
    *partnership_urls(),
]
