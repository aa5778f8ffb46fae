"""The SRU service as a library system meets it: Index Data's yaz-client (Debian package yaz) against a live
server, with a CQL search, a record shown in MARCXML, and a diagnostic for bad CQL."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from catalogue_search.services import reindex_records
from tests.cataloguing.factories import make_record

YAZ_CLIENT = shutil.which("yaz-client")

# A live server needs committed rows: a transactional test, whose seeded rows (catalogue databases, roles) the
# project's conftest restores around it (serialized rollback), so it runs in any order among the others.
pytestmark = [pytest.mark.skipif(YAZ_CLIENT is None, reason="yaz-client is not installed (Debian package yaz)"),
              pytest.mark.django_db(transaction=True)]


def yaz(live_server, tmp_path, *commands: str) -> str:
    script = tmp_path / "commands"
    script.write_text("\n".join(["sru get 1.2", f"open {live_server.url}/sru", *commands, "quit", ""]))
    done = subprocess.run([YAZ_CLIENT, "-f", str(script)], capture_output=True, text=True, timeout=60, check=False)
    return done.stdout + done.stderr


def test_yaz_client_finds_and_shows_a_record(live_server, tmp_path):
    record = make_record(title="Жер асты суларының гидрологиясы", authors="Жұмабаев Б.")
    other = make_record(title="Металлургия негіздері", authors="Иванов П.")
    reindex_records([record.pk, other.pk])
    output = yaz(live_server, tmp_path, "elements marcxml", "find title=gidrologiyasy and author=жұмабаев",
                 "show 1")
    assert "Number of hits: 1" in output
    assert "Жер асты суларының гидрологиясы" in output
    assert f'<marc:controlfield tag="001">{record.control_number}</marc:controlfield>' in output


def test_yaz_client_reads_the_diagnostic_of_bad_cql(live_server, tmp_path):
    output = yaz(live_server, tmp_path, "find title=(gidrologiyasy")
    assert "SRW diagnostic info:srw/diagnostic/1/10" in output
    assert "Number of hits: 0" in output
