"""Reads on a replica (issue 18, item 3).

The first tests hold the routing rules without a server: reads go to the replica only inside the replica context
(the listed public views), never after a write, inside a transaction, for the tables of sessions and users, or for
a session pinned to the primary after it wrote. The tests marked `replica` run against a real streaming standby
(.ci/replica, given as KITAPHANA_TEST_REPLICA_URL): the test database created on the primary reaches it by
replication, so each test waits for the standby to replay the primary's WAL position before reading.
"""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse

from cataloguing.models import BibliographicRecord
from core import db_router
from core.db_router import ReplicaRouter
from core.replica import PINNED_UNTIL_KEY, ReplicaMiddleware, current_state, read_from_replica, reads_from_replica

router = ReplicaRouter()


@pytest.fixture
def replica_on(monkeypatch, settings):
    """The rules as with DATABASE_REPLICA_URL set (no server is touched: only where a read would go is asked)."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr("core.replica.replica_configured", lambda: True)
    settings.REPLICA_PIN_SECONDS = 5.0


def test_without_a_replica_every_read_goes_to_the_primary():
    with read_from_replica():
        assert router.db_for_read(BibliographicRecord) is None
    assert BibliographicRecord.objects.all().db == "default"


def test_reads_go_to_the_replica_only_inside_its_context(replica_on):
    assert router.db_for_read(BibliographicRecord) is None
    with read_from_replica():
        assert router.db_for_read(BibliographicRecord) == "replica"
        assert router.db_for_read(Session) is None  # sessions, users, lockouts: always the primary
    assert router.db_for_read(BibliographicRecord) is None


def test_after_a_write_the_rest_of_the_block_reads_the_primary(replica_on):
    with read_from_replica():
        assert router.db_for_write(BibliographicRecord) == "default"
        assert router.db_for_read(BibliographicRecord) is None


def test_a_pinned_session_and_a_transaction_read_the_primary(replica_on, db):
    with read_from_replica(pinned=True):
        assert router.db_for_read(BibliographicRecord) is None
    with read_from_replica(), transaction.atomic():
        assert router.db_for_read(BibliographicRecord) is None


def _view_names(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _view_names(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace
                                                                      else ""))
        elif pattern.name:
            yield namespace + pattern.name


def test_every_view_named_for_the_replica_exists(settings):
    """A renamed view would silently fall back to the primary: the list must name real views."""
    assert set(settings.REPLICA_READ_VIEWS) <= set(_view_names(get_resolver().url_patterns))


def test_the_replica_never_receives_migrations():
    assert router.allow_migrate("replica", "cataloguing") is False
    assert router.allow_migrate("default", "cataloguing") is None


def _through_middleware(request, view, view_name: str):
    middleware = ReplicaMiddleware(lambda req: view(req))

    class Match:
        pass

    request.resolver_match = Match()
    request.resolver_match.view_name = view_name
    original = middleware.get_response

    def get_response(req):
        middleware.process_view(req, view, (), {})
        return original(req)

    middleware.get_response = get_response
    return middleware(request)


class FakeSession(dict):
    session_key = "abc"


def test_listed_public_views_read_the_replica_and_staff_pages_do_not(replica_on, settings):
    seen = {}

    def view(request):
        seen[request.path] = BibliographicRecord.objects.all().db
        return HttpResponse()

    factory = RequestFactory()
    for name in ("catalogue_search:search", "sru", "digital_library:oai", "forms_registry:form"):
        assert name in settings.REPLICA_READ_VIEWS
        _through_middleware(factory.get(f"/{name}"), view, name)
        assert seen[f"/{name}"] == "replica"
    _through_middleware(factory.get("/workbench/"), view, "core:workbench")
    assert seen["/workbench/"] == "default"
    _through_middleware(factory.get("/marked/"), reads_from_replica(view), "somewhere:marked")
    assert seen["/marked/"] == "replica"


def test_a_request_that_wrote_pins_its_session_to_the_primary_for_a_few_seconds(replica_on):
    used = []

    def writing_view(request):
        used.append(BibliographicRecord.objects.all().db)
        router.db_for_write(BibliographicRecord)
        used.append(BibliographicRecord.objects.all().db)
        return HttpResponse()

    def reading_view(request):
        used.append(BibliographicRecord.objects.all().db)
        return HttpResponse()

    factory = RequestFactory()
    session = FakeSession()
    request = factory.post("/catalogue/")
    request.session = session
    _through_middleware(request, writing_view, "catalogue_search:search")
    assert used == ["replica", "default"]  # nothing read after the write comes from the replica
    assert session[PINNED_UNTIL_KEY] > time.time()
    later = factory.get("/catalogue/")
    later.session = session
    _through_middleware(later, reading_view, "catalogue_search:search")
    assert used[-1] == "default"  # the next page of that session: the primary, no stale page
    session[PINNED_UNTIL_KEY] = time.time() - 1
    _through_middleware(later, reading_view, "catalogue_search:search")
    assert used[-1] == "replica"  # the pin has run out
    anonymous = factory.post("/catalogue/")
    anonymous.session = type("NoSession", (dict,), {"session_key": None})()
    _through_middleware(anonymous, writing_view, "catalogue_search:search")
    assert PINNED_UNTIL_KEY not in anonymous.session  # no session (and so no cookie) is created for the pin
    assert current_state() is None


# --- against the real standby ---------------------------------------------------------------------------------------

replica = pytest.mark.skipif(
    "replica" not in connections.settings,
    reason="no standby: start one with .ci/replica and set KITAPHANA_TEST_REPLICA_URL (CI does)",
)


def wait_for_replay(timeout: float = 30.0) -> None:
    """Until the standby has replayed everything the primary has written so far (no fixed sleep)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with connections["replica"].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
            if time.monotonic() > deadline:
                pytest.fail(f"the standby did not replay {target} within {timeout} s")
            time.sleep(0.05)


@pytest.fixture
def standby(settings):
    settings.REPLICA_READS = True
    settings.REPLICA_PIN_SECONDS = 30.0
    return connections["replica"]


def _catalogue_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "cataloguing_" in q["sql"] or "catalogue_" in q["sql"]]


@replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_replica_is_a_real_standby_that_refuses_writes(standby):
    with standby.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_setting('port'), current_database()")
        in_recovery, port, name = cursor.fetchone()
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_setting('port'), current_database()")
        primary_in_recovery, primary_port, primary_name = cursor.fetchone()
    assert (in_recovery, primary_in_recovery) == (True, False)
    assert port != primary_port  # another server, not the primary under a second name
    assert name == primary_name  # the test database, replicated
    with pytest.raises(DatabaseError, match="read-only"), standby.cursor() as cursor:
        cursor.execute("CREATE TABLE replica_write_probe (id int)")


@replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_public_catalogue_sru_and_oai_read_the_replica(client, standby):
    from catalogue_search.services import reindex_records
    from tests.catalogue_search.factories import RecordFactory

    record = RecordFactory(title="Жерасты суларының гидрохимиясы", year=2024)
    reindex_records([record.pk])
    wait_for_replay()
    with CaptureQueriesContext(standby) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        page = client.get(reverse("catalogue_search:search"), {"q": "гидрохимиясы"})
        record_page = client.get(reverse("catalogue_search:record", args=[record.pk]))
        sru = client.get("/sru", {"operation": "searchRetrieve", "version": "1.2", "query": "гидрохимиясы"})
        oai = client.get("/digital/oai/", {"verb": "Identify"})
    assert page.status_code == record_page.status_code == sru.status_code == oai.status_code == 200
    assert "Жерасты суларының гидрохимиясы" in page.content.decode()
    assert "<srw:numberOfRecords>1<" in sru.content.decode()
    assert _catalogue_queries(on_replica)
    assert not _catalogue_queries(on_primary)


@replica
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_after_a_save_the_session_reads_the_primary_until_the_pin_runs_out(client_for, digital_librarian, standby):
    from catalogue_search.services import reindex_records
    from digital_library.models import SubjectHeading
    from tests.catalogue_search.factories import RecordFactory

    client = client_for(digital_librarian)
    record = RecordFactory(title="Кен геологиясы", year=2020)
    reindex_records([record.pk])
    wait_for_replay()
    record_url = reverse("catalogue_search:record", args=[record.pk])
    with CaptureQueriesContext(standby) as on_replica:
        assert client.get(reverse("core:workbench")).status_code == 200  # a staff page: the primary
        assert client.get(record_url).status_code == 200  # the public record page: the replica
    assert _catalogue_queries(on_replica)
    assert all("cataloguing_" in sql or "catalogue_" in sql or "digital_library_" in sql
               for sql in (q["sql"] for q in on_replica.captured_queries))
    # A save (the admin's add form) pins the session: its next catalogue page comes from the primary.
    response = client.post(reverse("admin:digital_library_subjectheading_add"), {"heading": "Гидрогеология"})
    assert response.status_code == 302
    assert SubjectHeading.objects.filter(heading="Гидрогеология").exists()
    assert client.session[PINNED_UNTIL_KEY] > time.time()
    with CaptureQueriesContext(standby) as on_replica:
        assert client.get(record_url).status_code == 200
    assert on_replica.captured_queries == []
    session = client.session
    session[PINNED_UNTIL_KEY] = time.time() - 1
    session.save()
    with CaptureQueriesContext(standby) as on_replica:
        assert client.get(record_url).status_code == 200
    assert _catalogue_queries(on_replica)  # the pin ran out: back to the replica
