"""Where uploaded files are kept: the local folder, or an S3-compatible object store.

Attachments and summary PDFs are private: they are served only through views that check
publication and permissions, never from the store's own addresses. Code that reads or writes
them goes through Django's storage API (open, save, delete), never a file system path, so
both places work the same."""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured


def file_storage(env: environ.Env, *, media_root: Path) -> dict:
    """The STORAGES["default"] entry that PALAUTE_STORAGE names: "local" (MEDIA_ROOT, the
    default) or "s3" (the default once AWS_STORAGE_BUCKET_NAME is set). S3 credentials are
    boto3's own: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    kind = env.str("PALAUTE_STORAGE", default="s3" if bucket else "local")
    if kind == "local":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root, "base_url": None},
        }
    if kind != "s3":
        raise ImproperlyConfigured(f'PALAUTE_STORAGE is "{kind}": use "local" or "s3".')
    if not bucket:
        raise ImproperlyConfigured("PALAUTE_STORAGE is s3: set AWS_STORAGE_BUCKET_NAME too.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": env.str("AWS_LOCATION", default=""),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            # For example {"ServerSideEncryption": "aws:kms"} where the store supports it.
            "object_parameters": env.json("AWS_S3_OBJECT_PARAMETERS", default={}),
            # Objects are private to the account; an address made for one is signed and
            # short-lived (Palaute itself makes none).
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }
