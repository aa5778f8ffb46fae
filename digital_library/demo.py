"""Demo data of the digital library: dictionaries with their edit log (607-33), account requests (607-30),
system requests (607-34), full texts with rights (607-31/32), usage, and scanning requests (607-35).
Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from cataloguing.constants import DocumentType
from cataloguing.models import BibliographicRecord

from .choices import (
    AccessLevel,
    AccountRequestKind,
    AccountRequestStatus,
    LegalBasis,
    ScanningStatus,
    SystemRequestKind,
    SystemRequestPriority,
    SystemRequestStatus,
    UsageKind,
)
from .models import (
    AccountRequest,
    DigitalFile,
    DocumentTypeEntry,
    LanguageEntry,
    PublicationPlace,
    Publisher,
    ScanningRequest,
    SubjectHeading,
    SystemRequest,
)
from .services import (
    account_request_close,
    account_request_create,
    dictionary_entry_save,
    digital_file_upload,
    scanning_request_advance,
    scanning_request_publish,
    scanning_request_submit,
    system_request_resolve,
    system_request_submit,
    usage_record,
)

DOCUMENT_TYPES = {
    DocumentType.BOOK: ("кітап", "книга", "book"),
    DocumentType.TEXTBOOK: ("оқулық", "учебник", "textbook"),
    DocumentType.ARTICLE: ("мақала", "статья", "article"),
    DocumentType.DISSERTATION: ("диссертация", "диссертация", "dissertation"),
    DocumentType.AUTHOR_ABSTRACT: ("автореферат", "автореферат", "author abstract"),
    DocumentType.METHODICAL: ("әдістемелік нұсқау", "методические указания", "methodical guidelines"),
    DocumentType.PERIODICAL: ("мерзімді басылым", "периодическое издание", "periodical"),
    DocumentType.E_RESOURCE: ("электрондық ресурс", "электронный ресурс", "electronic resource"),
}
LANGUAGES = [("kaz", "қазақ тілі", "казахский", "Kazakh"), ("rus", "орыс тілі", "русский", "Russian"),
             ("eng", "ағылшын тілі", "английский", "English"), ("deu", "неміс тілі", "немецкий", "German")]
PLACES = [("Алматы", "Алматы", "Almaty", "KZ"), ("Астана", "Астана", "Astana", "KZ"),
          ("Мәскеу", "Москва", "Moscow", "RU"), ("Лондон", "Лондон", "London", "GB")]
PUBLISHERS = [("Satbayev University", "Алматы"), ("Ғылым", "Алматы"), ("Фолиант", "Астана"), ("Наука", "Мәскеу")]
HEADINGS = [("Геология", None), ("Кен орындары", "Геология"), ("Тау-кен ісі", None), ("Мұнай-газ ісі", None),
            ("Ақпараттық технологиялар", None)]

# control number of a cataloguing demo record, label, access level, legal basis, agreement, licence, paragraphs
FULL_TEXTS = [
    ("KAZNTU-DEMO-0006", "Толық мәтін", AccessLevel.OPEN, LegalBasis.AUTHOR_AGREEMENT, "№ 14-АК, 12.09.2022",
     "CC BY 4.0", ["Тау-кен ісі — пайдалы қазбаларды барлау, өндіру және өңдеу туралы ғылым мен техника саласы.",
                   "Оқулықта жер асты және ашық тау-кен жұмыстарының негізгі технологиялары қарастырылады."]),
    ("KAZNTU-DEMO-0007", "Толық мәтін", AccessLevel.REGISTERED, LegalBasis.AUTHOR_AGREEMENT, "№ 15-АК, 20.10.2021",
     "", ["Мұнай және газ кен орындарын игеру қабаттың энергиясын тиімді пайдалануға негізделеді.",
          "Оқу құралында ұңғымаларды пайдалану әдістері мен қабат қысымын ұстау жүйелері сипатталған."]),
    ("KAZNTU-DEMO-0013", "1–3 тараулар", AccessLevel.CAMPUS, LegalBasis.AUTHOR_AGREEMENT, "№ 21-АК, 01.02.2023",
     "", ["Ақпараттық жүйелерді жобалау талаптарды талдаудан басталады.",
          "Information systems design starts with requirements analysis and ends with maintenance."]),
    ("KAZNTU-DEMO-0008", "Полный текст", AccessLevel.READING_ROOM, LegalBasis.RIGHTS_HOLDER_PERMISSION,
     "Письмо № 118 от 03.03.2019", "", ["Геофизические методы разведки основаны на изучении физических полей Земли.",
                                        "Гравиразведка и магниторазведка применяются на региональном этапе работ."]),
]


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    from forms_registry.renderer import html_to_pdf

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return html_to_pdf(f'<html><body style="font-family: DejaVu Serif"><h1>{escape(title)}</h1>{body}</body></html>')


def _load_dictionaries(user) -> None:
    for code, (kk, ru, en) in DOCUMENT_TYPES.items():
        if not DocumentTypeEntry.objects.filter(code=code).exists():
            dictionary_entry_save(entry=DocumentTypeEntry(code=code, name_kk=kk, name_ru=ru, name_en=en), user=user)
    for code, kk, ru, en in LANGUAGES:
        if not LanguageEntry.objects.filter(code=code).exists():
            dictionary_entry_save(entry=LanguageEntry(code=code, name_kk=kk, name_ru=ru, name_en=en), user=user)
    for kk, ru, en, country in PLACES:
        if not PublicationPlace.objects.filter(name_kk=kk, country=country).exists():
            dictionary_entry_save(entry=PublicationPlace(name_kk=kk, name_ru=ru, name_en=en, country=country),
                                  user=user)
    for name, place_name in PUBLISHERS:
        place = PublicationPlace.objects.filter(name_kk=place_name).first()
        if not Publisher.objects.filter(name=name, place=place).exists():
            dictionary_entry_save(entry=Publisher(name=name, place=place), user=user)
    for heading, broader_name in HEADINGS:
        broader = SubjectHeading.objects.filter(heading=broader_name, broader=None).first() if broader_name else None
        if not SubjectHeading.objects.filter(heading=heading, broader=broader).exists():
            dictionary_entry_save(entry=SubjectHeading(heading=heading, broader=broader), user=user)


def _load_requests(admin, desk, storage_librarian) -> None:
    if AccountRequest.objects.exists():
        return
    done = account_request_create(
        requested_by=desk, kind=AccountRequestKind.CREATE, person_name="Жақсыбекова Мадина Ерланқызы",
        position="Кітапханашы", library_department=desk.library_department, roles="librarian_service",
        justification="Қызмет көрсету бөліміне жаңа қызметкер қабылданды.",
    )
    account_request_close(account_request=done, user=admin, status=AccountRequestStatus.DONE,
                          resolution="Есептік жазба ашылды, рөл берілді.")
    account_request_create(
        requested_by=storage_librarian, kind=AccountRequestKind.CHANGE_RIGHTS, person_name="Ахметов Нұржан Серікұлы",
        library_department=storage_librarian.library_department, roles="librarian_storage,librarian_digital",
        justification="Сирек кітаптарды цифрлау жұмысына қатысады.",
    )
    fault = system_request_submit(
        submitted_by=desk, kind=SystemRequestKind.FAULT, priority=SystemRequestPriority.URGENT,
        subject="Абонементте штрихкод сканері кітапты танымайды",
        description="Таңертеңнен бері USB сканері кейбір штрихкодтарды оқымайды.",
    )
    system_request_resolve(system_request=fault, user=admin, status=SystemRequestStatus.RESOLVED,
                           resolution="Сканердің драйвері жаңартылды, Code 128 форматы қосылды.")
    system_request_submit(
        submitted_by=storage_librarian, kind=SystemRequestKind.ADAPTATION,
        subject="Сирек кітаптар қорына арналған жаңа есеп",
        description="Сирек басылымдардың сақталу жағдайы туралы айлық есеп қажет.",
    )


def _load_full_texts(digital) -> int:
    created = 0
    for control_number, label, level, basis, agreement, licence, paragraphs in FULL_TEXTS:
        record = BibliographicRecord.objects.filter(control_number=control_number).first()
        if record is None or DigitalFile.objects.filter(record=record).exists():
            continue
        content = _pdf(record.title, paragraphs)
        digital_file_upload(
            record=record, uploaded_file=SimpleUploadedFile(f"{control_number}.pdf", content), user=digital,
            legal_basis=basis, access_level=level, agreement_reference=agreement, licence=licence, label=label,
            rights_holder="«Наука» баспасы" if basis == LegalBasis.RIGHTS_HOLDER_PERMISSION else "",
        )
        created += 1
    return created


def _load_usage() -> None:
    now = timezone.now()
    browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
    readers = list(User.objects.filter(username__in=["reader", "master", "phd", "faculty"]))
    for index, digital_file in enumerate(DigitalFile.objects.order_by("pk")):
        if digital_file.usage_events.exists():
            continue
        for day in range(0, 30, 3 + index):
            for position, reader in enumerate(readers):
                at = now - dt.timedelta(days=day, hours=position)
                # Half the readers read from home (a public address): the remote users of section 7.
                address = "10.1.2.3" if position % 2 == 0 else "95.56.12.34"
                usage_record(digital_file=digital_file, kind=UsageKind.VIEW, user=reader, ip_address=address,
                             user_agent=browser, at=at)
                if (day + position) % 2 == 0:
                    usage_record(digital_file=digital_file, kind=UsageKind.DOWNLOAD, user=reader,
                                 ip_address=address, user_agent=browser, at=at + dt.timedelta(minutes=2))


def _load_scanning(head, digital) -> None:
    if ScanningRequest.objects.exists() or head is None or head.academic_department_id is None:
        return
    geology = BibliographicRecord.objects.filter(control_number="KAZNTU-DEMO-0001").first()
    published = scanning_request_submit(
        requested_by=head, course="Қазақстанның пайдалы қазбалары", record=geology,
        material="Сәтбаев Қ.И. Таңдамалы шығармалар. 1-том. 1967. 1–60 беттер.", pages="1–60",
        access_level=AccessLevel.REGISTERED, legal_basis=LegalBasis.RIGHTS_HOLDER_PERMISSION,
        agreement_reference="Мұрагерлердің рұқсаты, 10.01.2026", rights_holder="Қ.И. Сәтбаевтың мұрагерлері",
    )
    for status in (ScanningStatus.ACCEPTED, ScanningStatus.SCANNING, ScanningStatus.QUALITY_CHECK):
        published = scanning_request_advance(scanning_request=published, user=digital, to_status=status)
    if geology is not None:
        content = _pdf(geology.title, ["Қазақстан жер қойнауы пайдалы қазбаларға бай.",
                                       "Жезқазған мыс кен орны — елдің ірі кен орындарының бірі."])
        scanning_request_publish(scanning_request=published, user=digital,
                                 uploaded_file=SimpleUploadedFile("scan-0001.pdf", content))
    in_progress = scanning_request_submit(
        requested_by=head, course="Бағдарламалау негіздері",
        material="Кнут Д. Искусство программирования. Т. 1. 2019. 2-тарау.", pages="120–180",
        access_level=AccessLevel.CAMPUS, legal_basis=LegalBasis.RIGHTS_HOLDER_PERMISSION,
        agreement_reference="«Вильямс» баспасының хаты № 45, 05.11.2026", rights_holder="«Вильямс» баспасы",
        needed_by=timezone.localdate() + dt.timedelta(days=20),
    )
    scanning_request_advance(scanning_request=in_progress, user=digital, to_status=ScanningStatus.ACCEPTED)
    scanning_request_submit(
        requested_by=head, course="Жоғары математика", material="Оспанов Қ.Т. Жоғары математика. 1-бөлім. 3-тарау.",
        access_level=AccessLevel.REGISTERED, legal_basis=LegalBasis.AUTHOR_AGREEMENT, agreement_reference="№ 30-АК",
    )


def load(stdout) -> None:
    people = {u.username: u for u in User.objects.filter(
        username__in=["admin", "desk", "storage", "digital", "head"])}
    admin, digital = people.get("admin"), people.get("digital")
    if admin is None or digital is None:
        stdout.write("digital_library: demo personas are missing, nothing loaded")
        return
    _load_dictionaries(admin)
    _load_requests(admin, people.get("desk", admin), people.get("storage", admin))
    created = _load_full_texts(digital)
    _load_scanning(people.get("head"), digital)
    _load_usage()
    stdout.write(
        f"digital_library: {created} full texts added, {DigitalFile.objects.count()} in the digital library, "
        f"{ScanningRequest.objects.count()} scanning requests, {SystemRequest.objects.count()} system requests"
    )
