"""A passage copied from a Cyrillic source and retyped in Latin letters is a verbatim copy, and the report says the
script was changed (issue 21, item 3)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from antiplagiarism.engine.fingerprint import FINGERPRINT_SCHEME, fingerprints, tokenize
from antiplagiarism.engine.normalize import normalize
from antiplagiarism.engine.report import TRANSLITERATED, SourceText, analyse, author_key
from antiplagiarism.models import Check, CollectionDocument, Fingerprint
from antiplagiarism.presentation import ALERT_LABELS
from antiplagiarism.services import analyse_text, check_submit, collection_add_source
from antiplagiarism.tasks import check_run_task
from tests.antiplagiarism.factories import AccessCodeFactory
from tests.antiplagiarism.texts import EN, FILLER_RU, KK, RU
from tests.antiplagiarism.transliteration import SCHEMES, transliterate

KAZAKH_2021_BY_HAND = (
    "Jasandy ıntellekt kompiuterlik jüielerdıñ adamnyñ oilau qabıletıne ūqsas mındetterdı oryndau qabıletı "
    "bolyp tabylady. Būl sala maşinalyq oqytu, tabiği tıldı öñdeu jäne kompiuterlik köru siiaqty bağyttardy "
    "qamtidy."
)
RUSSIAN_STYLE_BY_HAND = (
    "Obogashcheniye poleznykh iskopayemykh predstavlyayet soboy sovokupnost' protsessov pervichnoy obrabotki "
    "mineral'nogo syr'ya, imeyushchikh tsel'yu otdeleniye vsekh tsennykh mineralov ot pustoy porody."
)


def words(text: str) -> list[str]:
    return [token.word for token in tokenize(normalize(text).text)]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_transliterated_text_has_the_words_of_its_cyrillic_source(scheme, language):
    source = KK if language == "kk" else RU
    assert words(transliterate(source, scheme)) == words(source)


def test_kazakh_retyped_by_hand_in_the_2021_alphabet_has_the_words_of_its_source():
    assert words(KAZAKH_2021_BY_HAND) == words(KK)[: len(words(KAZAKH_2021_BY_HAND))]


def test_russian_retyped_by_hand_in_russian_style_latin_has_the_words_of_its_source():
    assert words(RUSSIAN_STYLE_BY_HAND) == words(RU)[: len(words(RUSSIAN_STYLE_BY_HAND))]


def test_mixed_script_words_are_folded_before_fingerprints_are_taken():
    half = " ".join(
        transliterate(word, "kk2021") if index % 2 else word for index, word in enumerate(KK.split(" "))
    )
    assert fingerprints(normalize(half).text) == fingerprints(normalize(KK).text)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_transliterated_copy_is_a_verbatim_match_with_a_script_change_alert(scheme):
    copied = transliterate(RU, scheme)
    text = normalize(f"{FILLER_RU}\n{copied}").text
    report = analyse(text, [SourceText(1, "Учебник", RU), SourceText(2, "Other", EN)])
    assert [s.source_id for s in report.sources] == [1]
    passage = report.passages[0]
    assert text[passage.start:passage.end].rstrip(".") == copied.rstrip(".")
    alert = next(a for a in report.alerts if a.code == TRANSLITERATED)
    assert alert.count == passage.words
    assert alert.examples == [copied[:40]]


def test_a_copy_in_the_source_script_raises_no_script_change_alert():
    text = normalize(f"{FILLER_RU}\n{RU}").text
    report = analyse(text, [SourceText(1, "Учебник", RU)])
    assert report.sources
    assert all(alert.code != TRANSLITERATED for alert in report.alerts)


def test_a_cyrillic_copy_of_a_latin_source_raises_the_alert_too():
    latin_source = transliterate(KK, "kk2021")
    report = analyse(normalize(KK).text, [SourceText(1, "Maqala", latin_source)])
    assert report.sources
    assert any(alert.code == TRANSLITERATED for alert in report.alerts)


@pytest.mark.parametrize("latin", ["Seitkali A.", "Seytkali Aigerim", "Seitqali A.", "A. Seıtqalı"])
def test_an_authors_name_in_latin_letters_has_the_key_of_the_cyrillic_name(latin):
    assert author_key(latin) == author_key("Сейтқали Айгерим")


def test_a_copy_of_ones_own_cyrillic_work_retyped_in_latin_is_a_self_citation():
    own = SourceText(1, "Мақала", KK, author_key("Сейтқали А."))
    report = analyse(normalize(transliterate(KK, "kk2021")).text, [own], author="Seitqali Aigerim")
    assert [s.kind for s in report.sources] == ["self_citation"]


def test_the_script_change_alert_has_a_label():
    assert TRANSLITERATED in ALERT_LABELS


@pytest.mark.django_db
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_check_finds_the_cyrillic_source_of_a_kazakh_text_retyped_in_latin(scheme):
    source = collection_add_source(title="Жасанды интеллект", text=KK, author="Әлиев Б.")
    collection_add_source(title="Кен байыту", text=RU)
    _cleaned, report = analyse_text(text=f"{FILLER_RU}\n{transliterate(KK, scheme)}")
    assert [s.source_id for s in report.sources] == [source.pk]
    assert any(alert.code == TRANSLITERATED for alert in report.alerts)


@pytest.mark.django_db
def test_refingerprinting_brings_old_documents_to_the_current_scheme_and_finds_them_again():
    document = collection_add_source(title="Кен байыту", text=RU)
    Fingerprint.objects.filter(document=document).update(hash=1)  # what an older hashing of words left
    CollectionDocument.objects.filter(pk=document.pk).update(fingerprint_scheme=FINGERPRINT_SCHEME - 1,
                                                            author="Петров П.П.", author_key="петров п")
    assert analyse_text(text=f"{FILLER_RU}\n{RU}")[1].sources == []

    call_command("refingerprint_collection")

    document.refresh_from_db()
    assert document.fingerprint_scheme == FINGERPRINT_SCHEME
    assert document.author_key == author_key("Petrov P.") == "petrov p"
    assert sorted(Fingerprint.objects.filter(document=document).values_list("hash", "position")) == sorted(
        fingerprints(document.text)
    )
    assert [s.source_id for s in analyse_text(text=f"{FILLER_RU}\n{RU}")[1].sources] == [document.pk]


@pytest.mark.django_db
def test_refingerprinting_twice_rewrites_nothing_the_second_time():
    document = collection_add_source(title="Кен байыту", text=RU)
    CollectionDocument.objects.filter(pk=document.pk).update(fingerprint_scheme=FINGERPRINT_SCHEME - 1)
    call_command("refingerprint_collection")
    ids = sorted(Fingerprint.objects.filter(document=document).values_list("pk", flat=True))

    call_command("refingerprint_collection")

    assert sorted(Fingerprint.objects.filter(document=document).values_list("pk", flat=True)) == ids


@pytest.mark.django_db
@freeze_time("2026-11-25 10:00:00", tick=True)
def test_the_report_page_names_the_script_change_beside_the_other_alerts(operator, department, client_for):
    code = AccessCodeFactory(operator=operator, department=department, quota=10)
    source = collection_add_source(title="Кен байыту оқулығы", text=RU, author="Петров П.П.")
    check = check_submit(
        operator=operator, code=code.code, title="Бітіру жұмысы", author="Сейтқали Айгерим", department=department,
        work_type=Check.WorkType.BACHELOR,
        upload=SimpleUploadedFile("w.txt", f"{FILLER_RU}\n{transliterate(RU, 'russian')}".encode()),
    )
    check_run_task.delay(check.pk).get()
    check.refresh_from_db()
    assert [s["source_id"] for s in check.report["sources"]] == [source.pk]
    alert = next(a for a in check.report["alerts"] if a["code"] == TRANSLITERATED)
    page = client_for(operator).get(reverse("antiplagiarism:check", args=[check.pk])).content.decode()
    assert f"<td>{alert['examples'][0]}</td>" in page


def test_the_hashing_of_words_is_the_one_its_scheme_number_names():
    """Fails when the fold (catalogue_search.normalize) or the tokenizer changes the stored hashes: then raise
    FINGERPRINT_SCHEME, so that `refingerprint_collection` rewrites the collection, and pin the new digest."""
    digest = hashlib.sha256(repr([fingerprints(normalize(t).text) for t in (KK, RU, EN)]).encode()).hexdigest()
    assert (FINGERPRINT_SCHEME, digest) == (2, "88b793457d6e546102b3082e3ea132454bc737bb4c2d981d043e7fdd2068154f")
