"""The page cache of public pages (palaute/pagecache.py): kept pages are answered without
the database, every kind of change to public data shows at once, private and staff pages
are never kept, and conditional GETs answer 304 until something changes."""

import gzip
import os
import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from palaute import pagecache
from palaute.feedback.services import (
    add_answer,
    redact,
    release_for_publication,
    remove_feedback,
)
from palaute.pagecache import ENTRY_PREFIX, GENERATION_KEY, GenerationWatch, LocalPages
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]

LIST = "/feedback/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PALAUTE_PAGE_CACHE = True


@pytest.fixture
def published(make_feedback):
    return make_feedback(title="Katuvalo pimeänä", text="Katuvalo ei pala Kauppakadulla.").feedback


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if committed: the generation is bumped after the commit."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def kept_entries() -> int:
    return sum(1 for key in cache._cache if ENTRY_PREFIX in key)


def test_a_kept_page_is_answered_without_the_database(client, published, django_assert_num_queries):
    first = client.get(LIST)
    assert published.public_title in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(LIST)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_write_that_bypasses_the_services_is_not_seen_until_expiry(client, published):
    """Shows that pages really are kept: only the generation makes them fresh."""
    client.get(LIST)
    type(published).objects.filter(pk=published.pk).update(public_title="Ohitettu muutos")
    assert "Ohitettu muutos" not in client.get(LIST).content.decode()
    cache.clear()
    assert "Ohitettu muutos" in client.get(LIST).content.decode()


def test_a_new_published_feedback_shows_at_once(client, published, make_feedback, commit):
    client.get(LIST)
    commit(make_feedback, title="Uusi julkaistu palaute")
    assert "Uusi julkaistu palaute" in client.get(LIST).content.decode()


def test_an_answer_shows_at_once_on_the_page_and_in_the_feed(client, published, commit):
    page = reverse("site:feedback-detail", kwargs={"reference": published.reference})
    client.get(page)
    client.get("/feeds/latest/")
    commit(add_answer, feedback=published, text="Korjaamme valon huomenna.")
    assert "Korjaamme valon huomenna." in client.get(page).content.decode()
    assert "Korjaamme valon huomenna." in client.get("/feeds/latest/").content.decode()


def test_a_removal_takes_the_feedback_off_every_kept_page(client, published, commit):
    page = reverse("site:feedback-detail", kwargs={"reference": published.reference})
    api = "/open311/v2/requests.json"
    for url in (LIST, page, "/feeds/latest/", api):
        assert client.get(url).status_code == 200
    commit(remove_feedback, feedback=published, actor=UserFactory(), reason="Asiaton")
    assert published.public_title not in client.get(LIST).content.decode()
    assert client.get(page).status_code == 404
    assert published.reference not in client.get("/feeds/latest/").content.decode()
    assert published.reference not in client.get(api).content.decode()


def test_a_redaction_shows_at_once(client, published, commit):
    page = reverse("site:feedback-detail", kwargs={"reference": published.reference})
    client.get(page)
    start = published.public_text.index("Kauppakadulla")
    commit(
        redact,
        feedback=published,
        actor=UserFactory(),
        field="public_text",
        start=start,
        end=start + len("Kauppakadulla"),
        expected="Kauppakadulla",
    )
    html = client.get(page).content.decode()
    assert "Kauppakadulla" not in html
    assert "[poistettu]" in html


def test_a_release_from_moderation_publishes_at_once(client, published, make_feedback, commit):
    held = make_feedback(title="Pidätetty palaute", text="Soittakaa minulle 040 123 4567").feedback
    assert not held.is_published
    assert "Pidätetty palaute" not in client.get(LIST).content.decode()
    commit(release_for_publication, feedback=held, actor=UserFactory(), despite_findings=True)
    assert "Pidätetty palaute" in client.get(LIST).content.decode()


def test_a_topic_renamed_shows_at_once(client, published, topics, commit):
    page = reverse("site:feedback-detail", kwargs={"reference": published.reference})
    assert "Kunnossapito" in client.get(page).content.decode()
    topic = topics["maintenance"]
    topic.name_fi = "Katujen kunnossapito ja auraus"

    commit(topic.save)
    assert "Katujen kunnossapito ja auraus" in client.get(page).content.decode()


def test_a_change_to_private_feedback_keeps_the_pages(client, published, make_feedback, commit):
    client.get(LIST)
    private = commit(make_feedback, title="Yksityinen", publish_consent=False).feedback
    commit(add_answer, feedback=private, text="Vastaus yksityiseen.")
    # The answer bumps (answers are rare), but a private intake alone does not.
    generation = cache.get("palaute:pages:generation")
    commit(make_feedback, title="Toinen yksityinen", publish_consent=False)
    assert cache.get("palaute:pages:generation") == generation


def test_languages_are_kept_apart(client, published):
    finnish = client.get(LIST).content.decode()
    english = client.get("/en" + LIST).content.decode()
    assert 'lang="fi"' in finnish and 'lang="en"' in english
    assert client.get("/en" + LIST).content.decode() == english


def test_pages_of_signed_in_staff_are_neither_kept_nor_answered_from_the_cache(
    client, published, django_assert_max_num_queries
):
    client.force_login(UserFactory())
    client.get(LIST)
    assert kept_entries() == 0
    client.logout()
    client.cookies.clear()
    client.get(LIST)
    assert kept_entries() == 1
    client.force_login(UserFactory())
    response = client.get(LIST)
    assert response.status_code == 200
    assert "ETag" not in response


def test_private_and_form_pages_are_never_kept(client, make_feedback):
    submission = make_feedback(title="Seurattava", publish_consent=False)
    track = reverse("site:track", kwargs={"token": submission.tracking_token})
    for url in (track, track, "/feedback/new/", "/feedback/new/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert kept_entries() == 0


def test_open311_reads_with_an_api_key_are_not_kept(client, published):
    client.get("/open311/v2/requests.json", {"api_key": "whatever"})
    assert kept_entries() == 0
    client.get("/open311/v2/requests.json")
    assert kept_entries() == 1


def test_conditional_get_answers_304_until_a_change(client, published, commit):
    first = client.get(LIST)
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get(LIST, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    commit(add_answer, feedback=published, text="Valo on vaihdettu.")
    changed = client.get(LIST, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.content != first.content  # now "answered"


def test_conditional_get_works_without_the_page_cache(client, published, settings):
    settings.PALAUTE_PAGE_CACHE = False
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, headers={"If-None-Match": etag}).status_code == 304
    assert kept_entries() == 0


def test_pages_kept_in_process_memory_stay_within_their_bytes_and_generation():
    pages = LocalPages(max_bytes=4000)
    for number in range(5):
        pages.put(f"page-{number}", (1, 200, [], b"x" * 600, b"x" * 300), 60)
    assert pages.get("page-0", 1) is None  # the oldest made room
    assert pages.get("page-4", 1) is not None
    assert pages.get("page-4", 2) is None  # a newer generation: never used again
    assert pages.get("page-4", 1) is None
    pages.put("too-big", (1, 200, [], b"x" * 900, b"x" * 101), 60)
    assert pages.get("too-big", 1) is None


GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.parametrize("page_cache_on", [True, False])
def test_public_pages_are_given_gzipped_to_a_client_that_accepts_it(
    client, published, settings, page_cache_on
):
    settings.PALAUTE_PAGE_CACHE = page_cache_on
    plain = client.get(LIST)
    assert "Content-Encoding" not in plain
    for _time in ("made", "kept"):
        packed = client.get(LIST, headers=GZIP)
        assert packed["Content-Encoding"] == "gzip"
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
        assert gzip.decompress(packed.content) == plain.content
        assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
        # Each representation has its own validator, and each answers 304 to its own.
        assert packed["ETag"] != plain["ETag"]
        again = client.get(LIST, headers={**GZIP, "If-None-Match": packed["ETag"]})
        assert again.status_code == 304
        assert client.get(LIST, headers={"If-None-Match": plain["ETag"]}).status_code == 304


def test_the_feed_and_open311_are_gzipped_too(client, make_feedback):
    for number in range(5):
        make_feedback(title=f"Katuvalo {number} pimeänä", text="Katuvalo ei pala Kauppakadulla.")
    for path in ("/feeds/latest/", "/open311/v2/requests.json"):
        plain = client.get(path)
        packed = client.get(path, headers=GZIP)
        assert packed["Content-Encoding"] == "gzip", path
        assert gzip.decompress(packed.content) == plain.content


def test_pages_with_a_form_token_are_never_compressed(client):
    """A page holding a secret (the CSRF token) is not compressed: no BREACH."""
    response = client.get("/feedback/new/", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"csrfmiddlewaretoken" in response.content


# The generation heard through Redis instead of asked for on every request

TEST_REDIS = os.environ.get("PALAUTE_TEST_REDIS_URL", "")


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture
def redis_cache(settings):
    """The page cache on a real Redis (a database of its own, keys of this test only)."""
    location = TEST_REDIS.rsplit("/", 1)[0] + "/6"
    settings.REDIS_URL = location
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PALAUTE_PAGE_CACHE_WATCH = True
    return location


@pytest.mark.skipif(not TEST_REDIS, reason="needs Redis: PALAUTE_TEST_REDIS_URL, as CI sets")
def test_web_processes_hear_of_changes_instead_of_asking_redis(
    client, published, redis_cache, monkeypatch, commit
):
    import redis

    watch = GenerationWatch()
    monkeypatch.setattr(pagecache, "generation_watch", watch)
    # A busy machine may starve the watch's thread: that it then stops being trusted is
    # tested below; here, what it heard is used.
    monkeypatch.setattr(pagecache, "WATCH_TRUST_SECONDS", 60.0)
    asked = []
    backend = caches["default"]
    real_get = backend.get

    def counting_get(key, *args, **kwargs):
        asked.append(key)
        return real_get(key, *args, **kwargs)

    try:
        assert wait_until(lambda: watch.value() is not None)
        client.get(LIST)
        monkeypatch.setattr(backend, "get", counting_get)
        assert client.get(LIST).status_code == 200
        assert GENERATION_KEY not in asked

        # Another web node publishes a change (here, one that bypassed the services).
        type(published).objects.filter(pk=published.pk).update(public_title="Toisen solmun muutos")
        other_node = redis.Redis.from_url(redis_cache)
        key = pagecache.cache.make_key(GENERATION_KEY)
        newer = other_node.incr(key)
        other_node.publish(key, newer)
        assert wait_until(lambda: watch.value() == newer)
        assert "Toisen solmun muutos" in client.get(LIST).content.decode()

        # A change made in this process counts at once.
        commit(add_answer, feedback=published, text="Vastaus samasta prosessista.")
        page = reverse("site:feedback-detail", kwargs={"reference": published.reference})
        assert "Vastaus samasta prosessista." in client.get(page).content.decode()
        assert GENERATION_KEY not in asked
    finally:
        watch.stop()


def test_a_watch_that_cannot_reach_redis_is_never_trusted(client, published, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens there
    settings.PALAUTE_PAGE_CACHE_WATCH = True
    watch = GenerationWatch()
    monkeypatch.setattr(pagecache, "generation_watch", watch)
    try:
        assert watch.value() is None
        time.sleep(pagecache.WATCH_POLL_SECONDS * 2)
        assert watch.value() is None
        assert published.public_title in client.get(LIST).content.decode()
        type(published).objects.filter(pk=published.pk).update(public_title="Ohitettu muutos")
        cache.clear()  # the local cache stands in for Redis, asked on every request
        assert "Ohitettu muutos" in client.get(LIST).content.decode()
    finally:
        watch.stop()
