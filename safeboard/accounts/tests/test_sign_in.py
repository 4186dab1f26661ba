from django.conf import settings
from django.core import mail
from django.test import Client

from safeboard.partnerships.tests.factories import PASSWORD


def _sign_in(client, email, password=PASSWORD):
    return client.post("/account/sign-in/", {"username": email, "password": password})


def test_it_signs_in_by_email_whatever_its_case(tenancy):
    client = Client()
    response = _sign_in(client, "MANAGER@Ourshire.example")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # one partnership: straight there
    assert client.get("/")["Location"] == "/p/ourshire/"


def test_it_does_not_say_which_of_email_and_password_was_wrong(tenancy):
    wrong_password = _sign_in(Client(), "manager@ourshire.example", "nope").content.decode()
    no_such_person = _sign_in(Client(), "nobody@ourshire.example", "nope").content.decode()
    message = "Enter a correct e-mail address and password."
    assert message in wrong_password
    assert message in no_such_person


def test_it_locks_out_after_five_failures_even_with_the_right_password(tenancy):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "manager@ourshire.example", "wrong password")
    response = _sign_in(client, "manager@ourshire.example")
    assert response.status_code == 429
    assert b"Too many attempts to sign in" in response.content
    assert "_auth_user_id" not in client.session
    # Another person at the same address is not locked out.
    assert _sign_in(Client(), "chair@ourshire.example").status_code == 302


def test_it_signs_out_only_by_post(tenancy):
    client = Client()
    _sign_in(client, "manager@ourshire.example")
    assert client.get("/account/sign-out/").status_code == 405
    assert client.post("/account/sign-out/").status_code == 302
    assert client.get("/p/ourshire/").status_code == 302


def test_it_resets_a_password_by_email(tenancy):
    client = Client()
    response = client.post("/account/password/reset/", {"email": "manager@ourshire.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert b"Set your password" in form_page.content
    new = "a much longer new passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert b"Your password is set" in done.content
    assert _sign_in(Client(), "manager@ourshire.example", new).status_code == 302


def test_it_says_the_same_for_an_unknown_address_and_sends_nothing(tenancy):
    response = Client().post(
        "/account/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert b"Check your e-mail" in response.content
    assert mail.outbox == []


def test_it_hashes_passwords_with_argon2_in_production():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
