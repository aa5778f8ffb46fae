"""Three languages: Kazakh by default, a switcher on every page, complete catalogues, per-language formats."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import django
import polib
import pytest
from django.utils import formats, translation

from accounts.models import ReaderCategory

ROOT = Path(__file__).resolve().parents[2]
# Each language's number of plural forms, as in Django's own catalogues (Russian: one, few, many, fractions).
NPLURALS = {"kk": 2, "ru": 4, "en": 2}
TRANSLATED = ("kk", "ru")
VENDOR = ROOT / "locale_vendor"
SITE_PACKAGES = Path(django.__file__).resolve().parents[1]
SKIP_DIRS = {".venv", ".git", "node_modules", "media", "staticfiles", "backups", "__pycache__", ".pytest_cache"}
# A word with a plural suffix right after a number: Kazakh counts in the singular ("20 дана", not "20 даналар").
KAZAKH_PLURAL_AFTER_NUMBER = re.compile(
    r"(?:%\(\w+\)[sd]|%[sd]|\{\w*\}|\d)[\s\xa0]+[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІіҺһ]+(?:лар|лер|дар|дер|тар|тер)\b")


def catalogue_roots() -> list[Path]:
    return [*sorted(p.parent for p in ROOT.glob("*/locale") if p.parent.name not in SKIP_DIRS), ROOT]


def project_catalogues() -> list[Path]:
    """Every catalogue the project keeps: per app, the project templates' (locale/) and locale_vendor/."""
    paths = [path for root in catalogue_roots() for path in sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))]
    return paths + sorted(VENDOR.glob("*/LC_MESSAGES/*.po"))


def language_of(path: Path) -> str:
    return path.parent.parent.name


def incomplete(po: polib.POFile, nplurals: int) -> list[str]:
    """Entries untranslated, fuzzy, or with a plural form missing or empty."""
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            done = sorted(forms) == list(range(nplurals)) and all(forms.values())
        else:
            done = bool(entry.msgstr)
        if not done or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("root", catalogue_roots(), ids=lambda p: p.name)
def test_every_app_keeps_a_catalogue_per_language(root):
    for language in NPLURALS:
        assert (root / "locale" / language / "LC_MESSAGES" / "django.po").exists(), f"{root.name}: {language} missing"


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_in_every_form(path):
    """kk, ru and en alike: no untranslated or fuzzy entry, and every plural form the language has filled."""
    language = language_of(path)
    po = polib.pofile(str(path))
    expected = NPLURALS[language]
    assert f"nplurals={expected};" in po.metadata.get("Plural-Forms", "").replace(" ", ""), (
        f"{path.relative_to(ROOT)}: Plural-Forms must have {expected} forms, as Django's {language} catalogue")
    missing = incomplete(po, expected)
    assert not missing, f"{path.relative_to(ROOT)}: untranslated, fuzzy or missing a plural form: {missing[:10]}"


@pytest.mark.parametrize("path", [p for p in project_catalogues() if language_of(p) == "kk"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_kazakh_counts_in_the_singular(path):
    wrong = [entry.msgid for entry in polib.pofile(str(path)) for text in
             ([entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values())
             if KAZAKH_PLURAL_AFTER_NUMBER.search(text)]
    assert not wrong, f"{path.relative_to(ROOT)}: a plural noun after a number: {wrong[:10]}"


# Django's catalogues of the parts the admin shows (the forms' and validators' messages live in django/conf),
# by their English catalogue, which lists every current msgid.
DJANGO_CATALOGUES = [
    ("django/conf", "django"), ("django/contrib/admin", "django"), ("django/contrib/admin", "djangojs"),
    ("django/contrib/auth", "django"), ("django/contrib/contenttypes", "django"),
    ("django/contrib/humanize", "django"), ("django/contrib/sessions", "django"),
]
# The third-party apps in the admin ship no English catalogue (and django-import-export's Kazakh one is filed
# under "kz", which Django never loads): their msgids are extracted from their source.
THIRD_PARTY = ("import_export", "axes", "auditlog")


def translated_keys(paths: list[Path]) -> set[tuple[str | None, str]]:
    """Keys translated in full in any of the catalogues, each read with its own Plural-Forms (Django keeps a
    catalogue's plural rule with it: django-import-export's Russian has 3 forms, Django's 4)."""
    keys = set()
    for path in paths:
        if path.exists():
            po = polib.pofile(str(path))
            found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
            nplurals = int(found.group(1)) if found else 2
            keys |= {(entry.msgctxt, entry.msgid) for entry in po if not incomplete([entry], nplurals)}
    return keys


@pytest.fixture(scope="module")
def third_party_msgids(tmp_path_factory) -> set[tuple[str | None, str]]:
    copy = tmp_path_factory.mktemp("packages")
    for name in THIRD_PARTY:
        shutil.copytree(SITE_PACKAGES / name, copy / name, ignore=shutil.ignore_patterns("locale", "tests", "*.pyc"))
    (copy / "locale").mkdir()
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([str(Path(sys.executable).with_name("django-admin")), "makemessages", "-l", "en", "--no-location"],
                   cwd=copy, env=env, check=True, capture_output=True, timeout=120)
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_admins_own_strings_are_translated(language, third_party_msgids):
    """Every string of Django's admin, auth and forms and of the third-party apps in our admin has a
    translation in the package's own catalogue or in locale_vendor/ (which lists what they lack)."""
    problems = []
    for package, domain in DJANGO_CATALOGUES:
        ours = VENDOR / language / "LC_MESSAGES" / f"{domain}.po"
        theirs = SITE_PACKAGES / package / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
        done = translated_keys([theirs, ours])
        reference = polib.pofile(str(SITE_PACKAGES / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))
        problems += [f"{package} ({domain}): {e.msgid!r}" for e in reference
                     if not e.obsolete and (e.msgctxt, e.msgid) not in done]
    theirs = [SITE_PACKAGES / name / "locale" / language / "LC_MESSAGES" / "django.po" for name in THIRD_PARTY]
    done = translated_keys([*theirs, VENDOR / language / "LC_MESSAGES" / "django.po"])
    problems += [f"third-party: {msgid!r}" for ctx, msgid in sorted(third_party_msgids, key=str)
                 if (ctx, msgid) not in done]
    assert not problems, f"{language}: {len(problems)} admin strings without a translation: {problems[:10]}"


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
