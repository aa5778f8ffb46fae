"""Several web nodes (issue 18, item 4): with the production services configured, nothing a node keeps in its own
memory is needed by another: cache in Redis, sessions and sign-in lockouts in the database, media in the bucket,
public reads on the standby. Checked on the settings as a deployment loads them (a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
from axes.handlers.database import AxesDatabaseHandler
from django.core.files.storage import storages
from django.utils.module_loading import import_string
from digital_library.models import DigitalFile
replica = settings.DATABASES.get("replica", {})
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "axes_in_db": issubclass(import_string(settings.AXES_HANDLER), AxesDatabaseHandler),
    "messages": settings.MESSAGE_STORAGE,
    "media": type(storages["default"]).__name__, "full_texts": DigitalFile.file.field.storage.__class__.__name__,
    "bucket": getattr(storages["default"], "bucket_name", None), "acl": getattr(storages["default"], "default_acl", 1),
    "signed": getattr(storages["default"], "querystring_auth", None),
    "replica_host": replica.get("HOST"), "replica_test": replica.get("TEST"),
    "routers": settings.DATABASE_ROUTERS, "replica_reads": settings.REPLICA_READS,
}))
"""


def probe(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "S3_BUCKET", "DATABASE_REPLICA_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_READ_DOT_ENV="false", SECRET_KEY="x" * 50)
    result = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, cwd=ROOT,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_node_of_a_cluster_keeps_nothing_another_node_needs():
    found = probe(
        DATABASE_URL="postgres://kitaphana@10.0.0.11:5432/kitaphana", REDIS_URL="redis://10.0.0.13:6379/0",
        DATABASE_REPLICA_URL="postgres://kitaphana@10.0.0.12:5432/kitaphana", S3_BUCKET="kitaphana-media",
        S3_ENDPOINT_URL="https://s3.example.kz", AWS_ACCESS_KEY_ID="k", AWS_SECRET_ACCESS_KEY="s",
    )
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["axes_in_db"] is True
    assert found["messages"] == "django.contrib.messages.storage.fallback.FallbackStorage"  # cookie, then session
    assert (found["media"], found["full_texts"]) == ("PrivateS3Storage", "ProtectedS3Storage")
    assert (found["bucket"], found["acl"], found["signed"]) == ("kitaphana-media", None, True)
    assert found["replica_host"] == "10.0.0.12"
    assert found["replica_test"]["MIRROR"] == "default"  # the test database reaches the standby by replication
    assert found["routers"] == ["core.db_router.ReplicaRouter"]
    assert found["replica_reads"] is True


def test_a_single_server_keeps_media_on_disk_and_reads_only_the_primary():
    found = probe()
    assert (found["media"], found["full_texts"]) == ("FileSystemStorage", "ProtectedFileStorage")
    assert found["replica_host"] is None
    assert found["replica_reads"] is False
