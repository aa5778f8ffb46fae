"""Test overlay: the same settings, made fast and hermetic."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kitaphana-media-"))  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests call tasks directly; the one test that needs a real worker switches this off for itself.
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The replica tests (tests/core/test_replica.py) get the standby CI starts (.ci/replica) as the "replica" alias;
# reads go there only where a test turns REPLICA_READS on, so the rest of the suite never waits for replay.
if os.environ.get("KITAPHANA_TEST_REPLICA_URL"):
    DATABASES["replica"] = env.db_url_config(os.environ["KITAPHANA_TEST_REPLICA_URL"])  # noqa: F405
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
REPLICA_READS = False
# The site's visit counter counts only in its own tests (tests/website/test_visits.py turns it on): elsewhere a batch
# written by whichever request fills it would add queries to another test's page. There, the request that fills a
# batch writes it (a background thread would write outside the test's transaction); the thread has its own test.
VISIT_COUNTING = False
VISIT_COUNTER_IN_BACKGROUND = False
