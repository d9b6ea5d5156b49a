"""Signing in: argon2 hashes, lock-out after repeated failures, session timeout, and no
back-office page or action without signing in."""

import time

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.urls import URLPattern, get_resolver, reverse

from palaute.backoffice.middleware import SESSION_KEY
from palaute.organizations.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "oikein-hyva-salasana-2026"


@pytest.fixture
def account(member):
    user = member("handler", username="hanna")
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client, password, username="hanna"):
    return client.post(reverse("backoffice:login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    from palaute import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    hashed = make_password(PASSWORD)
    assert hashed.startswith("argon2$")
    assert check_password(PASSWORD, hashed)


def test_signing_in_lands_on_the_queue_in_the_users_language(client, account):
    account.language = "sv"
    account.save()
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response.url == "/sv/staff/"
    assert client.get(response.url).status_code == 200


def test_wrong_password_gives_a_translated_error(client, account):
    response = login(client, "väärä")
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin" in response.content.decode()


def test_lock_out_after_five_failures_even_with_the_right_password(client, account):
    for _attempt in range(5):
        login(client, "väärä")
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "lukittu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_ends_after_idle_time(client, account, settings):
    settings.PALAUTE_STAFF_IDLE_MINUTES = 30
    client.force_login(account)
    assert client.get(reverse("backoffice:queue")).status_code == 200
    session = client.session
    session[SESSION_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("backoffice:login"))
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(client, account, settings):
    settings.PALAUTE_STAFF_IDLE_MINUTES = 30
    client.force_login(account)
    session = client.session
    session[SESSION_KEY] = time.time() - 20 * 60
    session.save()
    assert client.get(reverse("backoffice:keepalive")).status_code == 200
    assert client.session[SESSION_KEY] > time.time() - 60


def backoffice_urls():
    resolver = get_resolver()
    patterns = resolver.reverse_dict  # noqa: F841 - builds the namespace table
    namespace = get_resolver().namespace_dict["backoffice"][1]
    for pattern in namespace.url_patterns:
        if isinstance(pattern, URLPattern):
            yield pattern.name


PUBLIC = {"login", "logout", "password-reset", "password-reset-done", "password-reset-confirm"}
ARGUMENTS = {
    "reference": "2026-00001",
    "pk": 1,
    "parent": 1,
    "membership": 1,
    "question": 1,
    "uidb64": "x",
    "token": "y",
    "code": "abcdefghjkmn",
}


@pytest.mark.parametrize("name", sorted(set(backoffice_urls()) - PUBLIC))
def test_no_back_office_page_or_action_without_signing_in(client, name):
    from django.urls import NoReverseMatch

    path = None
    for keys in (
        [],
        ["reference"],
        ["pk"],
        ["parent"],
        ["reference", "pk"],
        ["pk", "membership"],
        ["pk", "question"],
        ["code"],
    ):
        try:
            path = reverse(f"backoffice:{name}", kwargs={key: ARGUMENTS[key] for key in keys})
            break
        except NoReverseMatch:
            continue
    assert path is not None
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302, (name, method)
        assert response.url.startswith(reverse("backoffice:login"))


def test_a_signed_in_user_without_any_role_is_refused(client):
    user = User.objects.create_user("resident", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("backoffice:queue")).status_code == 403


def test_password_reset_link_goes_through_the_outbox(
    client, account, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("backoffice:password-reset"), {"email": account.email})
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/staff/password-reset/" in line
    )
    path = link.replace("http://testserver", "")
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "uusi-salasana-123456", "new_password2": "uusi-salasana-123456"},
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.check_password("uusi-salasana-123456")
