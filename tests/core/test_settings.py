"""Settings come from the environment: SQLite by default, PostgreSQL and Redis when configured."""

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
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER, "broker": settings.CELERY_BROKER_URL,
    "cache": settings.CACHES["default"]["BACKEND"], "debug": settings.DEBUG,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS, "language": settings.LANGUAGE_CODE,
}))
"""


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}}
    # A developer's .env must not leak into the probe.
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_READ_DOT_ENV="false")
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=clean, capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )


def probe(**env: str) -> dict:
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_default_database_is_an_sqlite_file_in_the_project():
    config = probe(DEBUG="true")
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"] == str(ROOT / "db.sqlite3")


def test_database_url_selects_postgresql():
    config = probe(DEBUG="true", DATABASE_URL="postgres://kitaphana:pw@db.example:5432/kitaphana")
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "kitaphana"
    assert config["host"] == "db.example"


def test_without_redis_tasks_run_eagerly_in_process():
    config = probe(DEBUG="true")
    assert config["eager"] is True
    assert config["cache"].endswith("LocMemCache")


def test_redis_url_makes_redis_the_broker_and_cache():
    config = probe(DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/3")
    assert config["eager"] is False
    assert config["broker"] == "redis://127.0.0.1:6379/3"
    assert config["cache"].endswith("RedisCache")


def test_debug_off_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_off_turns_on_secure_cookies_and_hsts():
    config = probe(DEBUG="false", SECRET_KEY="a-real-production-secret-key-0123456789")
    assert config["debug"] is False
    assert config["secure_cookies"] is True
    assert config["hsts"] > 0


def test_kazakh_is_the_default_language():
    assert probe(DEBUG="true")["language"] == "kk"
