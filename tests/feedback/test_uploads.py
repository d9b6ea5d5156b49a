import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from palaute.feedback.models import StagedUpload
from palaute.feedback.services import purge_stale_uploads, stage_upload
from palaute.feedback.tasks import purge_stale_uploads as purge_task
from palaute.privacy.media import UploadRejected
from tests.media import jpeg_with_gps, pdf

pytestmark = pytest.mark.django_db


def test_staging_keeps_a_cleaned_copy_with_its_checksum():
    staged = stage_upload(uploaded=SimpleUploadedFile("kuva.jpg", jpeg_with_gps()))
    content = staged.file.read()
    assert b"PhoneMaker" not in content
    assert staged.size == len(content)
    assert len(staged.sha256) == 64
    assert staged.file.name.endswith(".jpg")
    assert "kuva" not in staged.file.name  # stored under a random name


def test_rejected_uploads_leave_nothing_behind():
    with pytest.raises(UploadRejected):
        stage_upload(uploaded=SimpleUploadedFile("x.pdf", b"not a pdf at all"))
    assert not StagedUpload.objects.exists()


def test_uploads_of_forms_never_sent_are_purged_after_a_day():
    old = stage_upload(uploaded=SimpleUploadedFile("old.pdf", pdf()))
    fresh = stage_upload(uploaded=SimpleUploadedFile("new.pdf", pdf()))
    day_ago = timezone.now() - dt.timedelta(hours=25)
    StagedUpload.objects.filter(pk=old.pk).update(created_at=day_ago)
    assert purge_task.delay().get() == 1
    assert list(StagedUpload.objects.all()) == [fresh]
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(fresh.file.name)
    assert purge_stale_uploads(now=timezone.now() + dt.timedelta(days=2)) == 1
