"""The digital library's full texts join the comparison collection; indexing again is harmless."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from antiplagiarism.models import CollectionDocument
from antiplagiarism.services import analyse_text, collection_index_digital_library
from digital_library.choices import AccessLevel, FileKind, LegalBasis
from digital_library.models import DigitalFile
from tests.antiplagiarism.texts import EN, FILLER_RU, KK, RU
from tests.digital_library.factories import record

pytestmark = pytest.mark.django_db


def digital_file(user, text: str, **fields) -> DigitalFile:
    return DigitalFile.objects.create(
        record=fields.pop("record", None) or record(), file="digital/test.pdf", kind=FileKind.PDF, sha256="0" * 64,
        size=1, text=text, uploaded_by=user, legal_basis=LegalBasis.PUBLIC_DOMAIN, access_level=AccessLevel.OPEN,
        **fields,
    )


def test_full_texts_are_indexed_once_and_found_by_a_check(librarian):
    indexed = digital_file(librarian, RU)
    digital_file(librarian, "")  # not extracted yet: nothing to index
    assert collection_index_digital_library() == {"indexed": 1, "unchanged": 0, "removed": 0}
    assert collection_index_digital_library() == {"indexed": 0, "unchanged": 1, "removed": 0}
    document = CollectionDocument.objects.get()
    assert document.kind == CollectionDocument.Kind.DIGITAL_LIBRARY
    assert document.title == indexed.record.title
    assert document.author == "Сәтбаев Қ.И."
    _cleaned, report = analyse_text(text=FILLER_RU + RU, author="Басқа автор")
    assert [s.source_id for s in report.sources] == [document.pk]


def test_changed_text_is_indexed_again_and_deleted_file_leaves_the_collection(librarian):
    changed = digital_file(librarian, KK)
    deleted = digital_file(librarian, EN)
    collection_index_digital_library()
    changed.text = RU
    changed.save()
    deleted.delete()
    assert collection_index_digital_library() == {"indexed": 1, "unchanged": 0, "removed": 1}
    assert CollectionDocument.objects.get().text == RU


def test_command_indexes_the_digital_library(librarian, capsys):
    digital_file(librarian, RU)
    call_command("index_digital_library")
    assert "indexed: 1" in capsys.readouterr().out
