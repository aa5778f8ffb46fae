from __future__ import annotations

import pytest

from accounts import roles
from tests.factories import UserFactory, library_department


@pytest.fixture
def digital_librarian(db):
    return UserFactory(username="digital", roles=[roles.LIBRARIAN_DIGITAL], is_staff=True,
                       library_department=library_department("service"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
