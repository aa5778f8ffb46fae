"""Three languages: Kazakh by default, a switcher on every page, complete catalogues, per-language formats."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.utils import formats, translation

from accounts.models import ReaderCategory

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("kk", "ru")
SKIP_DIRS = {".venv", ".git", "node_modules", "media", "staticfiles", "backups", "__pycache__", ".pytest_cache"}


def catalogue_roots() -> list[Path]:
    return [*sorted(p.parent for p in ROOT.glob("*/locale") if p.parent.name not in SKIP_DIRS), ROOT]


def untranslated(po: polib.POFile) -> list[str]:
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if not done or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("root", catalogue_roots(), ids=lambda p: p.name)
def test_every_string_is_translated_into_kazakh_and_russian(root):
    for language in TRANSLATED:
        path = root / "locale" / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            assert not (root / "locale" / "en" / "LC_MESSAGES" / "django.po").exists(), f"{path} missing"
            continue
        missing = untranslated(polib.pofile(str(path)))
        assert not missing, f"{path.relative_to(ROOT)}: untranslated or fuzzy: {missing[:10]}"


def test_catalogues_hold_every_string_of_the_source(tmp_path):
    """Re-extract the strings from a copy of the source: nothing may be missing from the committed catalogues."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*SKIP_DIRS, "*.mo", "db.sqlite3*", ".env"))
    env = {**os.environ, "SECRET_KEY": "x", "DEBUG": "true", "DJANGO_READ_DOT_ENV": "false",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "kk", "--no-location", "--no-obsolete",
         "--ignore=tests/*", "--ignore=bench/*", "--ignore=.venv/*"],
        cwd=copy, env=env, check=True, capture_output=True, timeout=300,
    )
    problems = []
    for root in catalogue_roots():
        relative = root.relative_to(ROOT)
        fresh = copy / relative / "locale" / "kk" / "LC_MESSAGES" / "django.po"
        committed = root / "locale" / "kk" / "LC_MESSAGES" / "django.po"
        if not fresh.exists():
            continue
        fresh_ids = {e.msgid for e in polib.pofile(str(fresh))}
        committed_ids = {e.msgid for e in polib.pofile(str(committed))} if committed.exists() else set()
        if fresh_ids - committed_ids:
            problems.append(f"{relative or '.'}: {sorted(fresh_ids - committed_ids)[:5]}")
    assert not problems, "strings missing from the catalogues (run makemessages and translate): " + "; ".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sign_in"), [("kk", "Кіру"), ("ru", "Войти"), ("en", "Sign in")]
)
def test_language_switcher_changes_the_interface(client, language, sign_in):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert f'<html lang="{language}">' in page
    assert sign_in in page
    assert 'name="language" value="ru"' in page  # the switcher is on the page


@pytest.mark.django_db
def test_kazakh_is_served_by_default(client):
    page = client.get("/").content.decode()
    assert '<html lang="kk">' in page
    assert "Кіру" in page


@pytest.mark.parametrize(
    ("language", "expected_number", "expected_date"),
    [
        ("kk", "1 234,5", "2026 ж. 25 қараша"),
        ("ru", "1 234,5", "25 ноября 2026 г."),
        ("en", "1,234.5", "Nov. 25, 2026"),
    ],
)
def test_numbers_and_dates_follow_the_language(language, expected_number, expected_date):
    with translation.override(language):
        number = formats.number_format(Decimal("1234.5"), decimal_pos=1, use_l10n=True, force_grouping=True)
        assert number.replace("\xa0", " ") == expected_number
        assert formats.date_format(dt.date(2026, 11, 25)) == expected_date


@pytest.mark.django_db
def test_admin_defined_labels_follow_the_readers_language_with_kazakh_fallback():
    category = ReaderCategory.objects.get(code="master")
    with translation.override("ru"):
        assert str(category) == "Магистрант"
    with translation.override("en"):
        assert str(category) == "Master's student"
    category.name_en = ""
    with translation.override("en"):
        assert str(category) == category.name_kk


@pytest.mark.django_db
def test_the_admin_has_the_language_switcher_too(client_for, librarian):
    page = client_for(librarian).get("/admin/").content.decode()
    assert 'name="language" value="kk"' in page
    assert 'name="language" value="en"' in page
