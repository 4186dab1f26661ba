from django.test import Client, RequestFactory
from django.views.defaults import server_error


def test_it_shows_a_govuk_404(db):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-frontend.min.css" in response.content


def test_it_shows_a_govuk_500_without_needing_a_database_or_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"govuk-frontend.min.css" in response.content


def test_it_sends_security_headers(db):
    response = Client().get("/account/sign-in/")
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


def test_it_formats_dates_the_uk_way():
    import datetime

    from safeboard.ui.templatetags.govuk import uk_date, uk_datetime

    assert uk_date(datetime.date(2026, 4, 5)) == "5 April 2026"
    assert uk_date(None) == "Not recorded"
    aware = datetime.datetime(2026, 7, 1, 12, 30, tzinfo=datetime.UTC)
    assert uk_datetime(aware) == "1 July 2026, 13:30"
