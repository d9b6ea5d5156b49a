"""Attachments on S3-compatible object storage, against a real S3 server (moto's, on a
local port, speaking the S3 protocol over HTTP): intake with metadata stripping, the PDF
check, downloads through the checked views, erasure and the purge of unsent uploads."""

from __future__ import annotations

import datetime as dt
import socket
import urllib.error
import urllib.request

import boto3
import environ
import pytest
from botocore.config import Config
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from palaute.feedback.models import Attachment, Feedback, StagedUpload
from palaute.feedback.services import purge_stale_uploads, stage_upload
from palaute.privacy import services as privacy
from palaute.storage import file_storage
from tests.factories import MembershipFactory, UserFactory
from tests.media import jpeg_with_gps, pdf_with_text

pytestmark = pytest.mark.django_db

BUCKET = "palaute-attachments"
STATEMENT = "Lääkärinlausunto. Potilas: Matti Virtanen, henkilötunnus 131052-308T."


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    """The settings made from the environment as production sets it, pointing to a new,
    empty bucket; the local media folder is a fresh one that must stay empty."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "palaute-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "palaute-test-secret")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", s3_server)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-north-1")
    monkeypatch.delenv("PALAUTE_STORAGE", raising=False)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-north-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": file_storage(environ.Env(), media_root=tmp_path),
    }
    yield client
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    for key in keys:
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)
    assert not any(tmp_path.iterdir()), "nothing is written to the local folder"


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def body(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def send(client_http, **extra):
    data = {
        "topic": "maintenance",
        "kind": "feedback",
        "title": "Kuoppa kadussa",
        "text": "Kauppakadun ja Puijonkadun risteyksessä on syvä kuoppa.",
        "address": "",
        "publish_consent": "on",
        "rights_confirmed": "on",
        "website": "",
        **extra,
    }
    response = client_http.post("/feedback/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_settings_choose_s3_by_the_bucket_and_refuse_an_unknown_kind(monkeypatch, tmp_path):
    monkeypatch.delenv("PALAUTE_STORAGE", raising=False)
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    local = file_storage(environ.Env(), media_root=tmp_path)
    assert local["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    s3 = file_storage(environ.Env(), media_root=tmp_path)
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["default_acl"] == "private"
    monkeypatch.setenv("PALAUTE_STORAGE", "ftp")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="PALAUTE_STORAGE"):
        file_storage(environ.Env(), media_root=tmp_path)


def test_a_photo_is_stored_cleaned_and_private_and_served_only_through_the_views(
    bucket, client, topics, s3_server
):
    tracking = send(
        client, files=[SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), content_type="image/jpeg")]
    )
    attachment = Attachment.objects.get()
    assert keys(bucket) == {attachment.file.name}
    stored = body(bucket, attachment.file.name)
    assert b"PhoneMaker" not in stored
    assert stored[:2] == b"\xff\xd8"
    assert len(stored) == attachment.size
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers grant
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_server}/{BUCKET}/{attachment.file.name}")  # noqa: S310
    assert refused.value.code == 403
    assert "X-Amz-Signature=" in default_storage.url(attachment.file.name)

    feedback = attachment.feedback
    public = client.get(reverse("site:attachment", args=[feedback.reference, attachment.pk]))
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == stored
    assert public["Content-Type"] == "image/jpeg"
    tracked = client.get(f"{tracking}attachments/{attachment.pk}/")
    assert tracked.status_code == 200
    assert b"".join(tracked.streaming_content) == stored


def test_the_pdf_check_reads_the_stored_file_and_the_moderator_sees_the_finding(
    bucket, client, topics
):
    send(
        client,
        files=[SimpleUploadedFile("lausunto.pdf", pdf_with_text(STATEMENT))],
        text="Liitteenä lausunto kadun liukkaudesta.",
    )
    feedback = Feedback.objects.get()
    attachment = feedback.attachments.get()
    assert {f["kind"] for f in feedback.sensitive_findings if f.get("attachment")} == {
        "name",
        "hetu",
    }
    assert feedback.publication_state == Feedback.PublicationState.HELD
    handler = UserFactory()
    MembershipFactory(user=handler, organization=feedback.organization, role="handler")
    client.force_login(handler)
    page = client.get(reverse("backoffice:feedback", args=[feedback.reference]))
    assert "131052-308T" in page.content.decode()
    download = client.get(
        reverse("backoffice:attachment", args=[feedback.reference, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == body(bucket, attachment.file.name)


def test_erasure_and_the_purge_of_unsent_uploads_delete_the_objects(
    bucket, client, topics, django_capture_on_commit_callbacks
):
    send(
        client,
        files=[SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), content_type="image/jpeg")],
        email="asukas@example.fi",
    )
    feedback = Feedback.objects.get()
    kept = feedback.attachments.get().file.name
    unsent = stage_upload(uploaded=SimpleUploadedFile("toinen.jpg", jpeg_with_gps()))
    assert keys(bucket) == {kept, unsent.file.name}

    with django_capture_on_commit_callbacks(execute=True):
        erased = privacy.erase_feedback(feedback=feedback, erasure=Feedback.Erasure.REQUEST)
    assert erased.attachments == 1
    assert keys(bucket) == {unsent.file.name}

    StagedUpload.objects.filter(pk=unsent.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    assert purge_stale_uploads() == 1
    assert keys(bucket) == set()


def test_an_erasure_is_kept_and_logged_when_the_store_cannot_be_reached(
    bucket, client, topics, settings, django_capture_on_commit_callbacks, caplog
):
    send(
        client,
        files=[SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), content_type="image/jpeg")],
        email="asukas@example.fi",
    )
    feedback = Feedback.objects.get()
    name = feedback.attachments.get().file.name
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    unreachable = settings.STORAGES["default"]["OPTIONS"] | {
        "endpoint_url": f"http://127.0.0.1:{closed}",
        "client_config": Config(retries={"total_max_attempts": 1}, connect_timeout=2),
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": unreachable},
    }
    with django_capture_on_commit_callbacks(execute=True):
        erased = privacy.erase_feedback(feedback=feedback, erasure=Feedback.Erasure.REQUEST)
    assert erased.attachments == 1
    assert not Attachment.objects.exists()
    assert f"could not delete the erased attachment file {name}" in caplog.text
    bucket.delete_object(Bucket=BUCKET, Key=name)
