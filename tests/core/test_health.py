"""/health/ answers JSON with the state of the database and, when configured, Redis."""

import pytest


@pytest.mark.django_db
def test_health_is_ok_without_redis_configured(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_health_reports_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["redis"].startswith("error:")


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_a_live_redis(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["redis"] == "ok"


@pytest.mark.django_db
def test_health_reports_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"].startswith("error: OperationalError")
