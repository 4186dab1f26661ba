from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from safeboard.partnerships import views as partnership_views


def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the process answers. Holds no state."""
    return HttpResponse("ok", content_type="text/plain")


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
    path("p/<slug:partnership_slug>/", include("safeboard.partnerships.urls")),
    path("p/<slug:partnership_slug>/governance/", include("safeboard.governance.urls")),
    path("p/<slug:partnership_slug>/plans/", include("safeboard.plans.urls")),
    path("p/<slug:partnership_slug>/budget/", include("safeboard.finance.urls")),
    path("p/<slug:partnership_slug>/measures/", include("safeboard.performance.urls")),
    path("p/<slug:partnership_slug>/plan-file/", include("safeboard.interchange.urls")),
]
