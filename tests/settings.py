"""Settings for the test suite: the real settings with a private var folder."""

import os
import tempfile

os.environ.setdefault("PALAUTE_VAR_DIR", tempfile.mkdtemp(prefix="palaute-test-"))

from palaute.settings import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PALAUTE_BASE_URL = "http://testserver"
# Tests post at once; tests of the minimum fill time set it themselves.
PALAUTE_MIN_FILL_SECONDS = 0
# Fixed keys, so no test depends on a generated file.
PALAUTE_FIELD_KEYS = ["KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY="]
PALAUTE_BLIND_INDEX_KEY = "test-blind-index-key-0123456789abcdefghijklmnop"
