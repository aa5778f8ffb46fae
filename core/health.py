"""Health probes of the services the app depends on."""

from __future__ import annotations

from django.conf import settings
from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the message says why
        return False, f"error: {exc.__class__.__name__}: {exc}"
    return True, "ok"


def check_redis() -> tuple[bool, str]:
    if not settings.REDIS_URL:
        return True, "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except Exception as exc:  # connection refused, timeout, auth…
        return False, f"error: {exc.__class__.__name__}: {exc}"
    return True, "ok"


def health_report() -> tuple[bool, dict[str, str]]:
    db_ok, db_state = check_database()
    redis_ok, redis_state = check_redis()
    return db_ok and redis_ok, {"database": db_state, "redis": redis_state}
