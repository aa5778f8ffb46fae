from __future__ import annotations

import pytest

from accounts import roles
from accounts.models import LibraryDepartment
from tests.factories import UserFactory


@pytest.fixture
def digital_librarian(db):
    # get_or_create: the backup tests run on a transactional database that earlier tests may have flushed.
    service, _ = LibraryDepartment.objects.get_or_create(code="service", defaults={"name_kk": "Қызмет көрсету бөлімі"})
    return UserFactory(username="digital", roles=[roles.LIBRARIAN_DIGITAL], is_staff=True, library_department=service)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
