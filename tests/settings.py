"""Settings for the test suite: the real settings with a private var folder."""

import os
import tempfile

os.environ.setdefault("PALAUTE_VAR_DIR", tempfile.mkdtemp(prefix="palaute-test-"))
# Fixed keys, so no test depends on a generated file; on PostgreSQL the settings want them.
TEST_KEYS = {
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    "PALAUTE_FIELD_KEYS": "KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY=",
    "PALAUTE_BLIND_INDEX_KEY": "test-blind-index-key-0123456789abcdefghijklmnop",
}
for _name, _value in TEST_KEYS.items():
    os.environ.setdefault(_name, _value)

from palaute.settings import *  # noqa: E402, F403

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PALAUTE_BASE_URL = "http://testserver"
SECRET_KEY = TEST_KEYS["SECRET_KEY"]
PALAUTE_FIELD_KEYS = [TEST_KEYS["PALAUTE_FIELD_KEYS"]]
PALAUTE_BLIND_INDEX_KEY = TEST_KEYS["PALAUTE_BLIND_INDEX_KEY"]
# Tests post at once; tests of the minimum fill time set it themselves.
PALAUTE_MIN_FILL_SECONDS = 0
# Submissions are recorded in their request, as in the embedded default, whatever REDIS_URL
# the environment has; the tests of deferred intake turn it on themselves.
PALAUTE_DEFERRED_INTAKE = False
