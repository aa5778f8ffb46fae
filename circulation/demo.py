"""Demo circulation: reader profiles for the demo personas (with a photo for "reader"), loans (one overdue), an
order held for 24 hours, a refusal with a waiting list, an ILL request, and the information services' registers.
Idempotent: running it again changes nothing that is already there."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import AcademicDepartment, User
from cataloguing.constants import ItemStatus, LoanCategory
from cataloguing.models import BibliographicRecord, Item

from .constants import DeliveryKind, InfoServiceKind, ReferenceKind, ReservationStatus
from .exceptions import CirculationError
from .models import (
    Event,
    EventParticipant,
    ExhibitionRequest,
    InfoServiceRequest,
    Loan,
    Publication,
    Reader,
    ReaderSource,
    ReferenceEntry,
    Reservation,
)
from .services import (
    ill_request_create,
    loan_issue,
    reader_register,
    reservation_create,
    reservation_wait,
)

# username: (study group, course, programme, source)
PROFILES = {
    "reader": ("ПИ-23-1", 3, "6B06102 Бағдарламалық инженерия", ReaderSource.REGISTRAR),
    "master": ("ГФ-М-25", 1, "7M07203 Геофизика", ReaderSource.REGISTRAR),
    "phd": ("ТК-D-24", 2, "8D07201 Тау-кен ісі", ReaderSource.REGISTRAR),
    "faculty": ("", None, "", ReaderSource.HR),
    "staff": ("", None, "", ReaderSource.HR),
    "external": ("", None, "", ReaderSource.DESK),
}


def _photo(initials: str) -> bytes:
    image = Image.new("RGB", (300, 400), (214, 222, 232))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 60, 210, 180), fill=(160, 170, 185))
    draw.rectangle((60, 200, 240, 400), fill=(160, 170, 185))
    draw.text((130, 360), initials, fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _free_copy(*, exclude_records=(), loan_category=LoanCategory.REGULAR) -> Item | None:
    return (
        Item.objects.filter(status=ItemStatus.ON_SHELF, loan_category=loan_category,
                            record__control_number__startswith="KAZNTU-DEMO-")
        .exclude(record_id__in=exclude_records)
        .order_by("inventory_number")
        .first()
    )


def load(stdout) -> None:
    today = timezone.localdate()
    readers: dict[str, Reader] = {}
    for username, (group, course, programme, source) in PROFILES.items():
        user = User.objects.filter(username=username, reader_card_number__isnull=False).first()
        if user is None or user.reader_category_id is None:
            continue
        reader, created = Reader.objects.get_or_create(user=user, defaults={
            "card_number": user.reader_card_number, "category": user.reader_category,
            "department": user.academic_department,
            "institute": user.academic_department.institute if user.academic_department else None,
            "study_group": group, "course": course, "programme": programme, "position": user.position,
            "email": user.email, "phone": user.phone, "source": source, "rules_accepted_on": today,
            "registered_on": today,
        })
        if created and username == "reader":
            initials = f"{user.last_name[:1]}{user.first_name[:1]}"
            reader.photo.save(f"{reader.card_number}.jpg", ContentFile(_photo(initials)), save=True)
        reader_register(reader=reader)
        readers[username] = reader

    if "reader" not in readers or Loan.objects.filter(reader__in=readers.values()).exists():
        stdout.write(f"circulation: {len(readers)} reader profiles (loans already there)")
        return

    used: list[int] = []
    loans = 0
    # "reader", the README's headline persona, has a current book and no debt, so that their first order works;
    # "staff" has an overdue one (a debt that blocks borrowing) to show the refusal and the desk's overdue list.
    for username, days_ago, overdue in (("reader", 5, False), ("staff", 45, True), ("master", 10, False),
                                        ("faculty", 20, False), ("phd", 3, False)):
        reader = readers.get(username)
        item = _free_copy(exclude_records=used)
        if reader is None or item is None:
            continue
        try:
            loan = loan_issue(reader=reader, item=item)
        except CirculationError:
            continue
        used.append(item.record_id)
        loans += 1
        issued_at = timezone.now() - dt.timedelta(days=days_ago)
        due_on = today - dt.timedelta(days=15) if overdue else loan.due_on
        Loan.objects.filter(pk=loan.pk).update(issued_at=issued_at, due_on=due_on)

    # "master" ordered a book this morning: a copy is held for 24 hours.
    held = _free_copy(exclude_records=used)
    if held is not None and "master" in readers:
        reservation_create(reader=readers["master"], record=held.record)
        used.append(held.record_id)
    # "phd" waits for the title "reader" holds; so "reader" cannot renew it.
    awaited = Loan.objects.filter(reader=readers["reader"], returned_at__isnull=True).select_related("item").first()
    if awaited is not None and "phd" in readers and not Reservation.objects.filter(
        reader=readers["phd"], status=ReservationStatus.WAITING
    ).exists():
        reservation_wait(reader=readers["phd"], record=awaited.item.record)

    if "faculty" in readers:
        ill_request_create(reader=readers["faculty"], kind=DeliveryKind.EDD,
                           title="Machine learning for reservoir characterization", author="Tariq Z.",
                           host="Journal of Petroleum Science and Engineering", publication_year=2021,
                           volume_issue="vol. 196", pages="107–128", isbn_issn="0920-4105",
                           citation_source="Scopus")
    department = AcademicDepartment.objects.filter(code="petroleum-engineering").first()
    librarian = User.objects.filter(username="analyst").first()
    ReferenceEntry.objects.get_or_create(
        question="Қазақстандағы мұнай-газ кен орындарының тізімі (2015–2025 жж. басылымдары)",
        defaults={"kind": ReferenceKind.THEMATIC, "answer": "ЭК: 14 жазба; Scopus: 37 мақала",
                  "reader": readers.get("master"), "answered_by": librarian},
    )
    ReferenceEntry.objects.get_or_create(
        question="Где найти ГОСТ 7.1-2003?",
        defaults={"kind": ReferenceKind.ADDRESS, "answer": "Читальный зал, стеллаж 12", "remote": True,
                  "requester": "Ким О., ИАиИТ", "answered_by": librarian},
    )
    if department is not None:
        ExhibitionRequest.objects.get_or_create(
            topic="Қ.И. Сәтбаев — ғалым және ұстаз", department=department,
            defaults={"occasion": "Ғалымның туған күні", "date_from": today + dt.timedelta(days=10),
                      "date_to": today + dt.timedelta(days=24), "place": "Бас ғимарат, 1-қабат"},
        )
        InfoServiceRequest.objects.get_or_create(
            topic="Scopus және Web of Science деректер базаларымен жұмыс", department=department,
            defaults={"kind": InfoServiceKind.DATABASE_TRAINING, "audience": "НГД-22-1, 3 курс",
                      "participants_expected": 25, "preferred_date": today + dt.timedelta(days=7)},
        )
        for n, (title, authors, year, citations, quartile) in enumerate((
            ("Reservoir simulation of mature fields in Western Kazakhstan", "Ғабдуллина Л.", 2024, 5, "Q2"),
            ("Enhanced oil recovery with polymer flooding", "Ғабдуллина Л.; Әбенов Қ.", 2025, 2, "Q1"),
            ("Мұнай ұңғымаларын бұрғылау тиімділігі", "Ғабдуллина Л.", 2025, 0, ""),
        ), start=1):
            Publication.objects.get_or_create(source="scopus", external_id=f"DEMO-{n}", defaults={
                "year": year, "title": title, "authors": authors, "university_authors": authors,
                "department": department, "citations": citations, "quartile": quartile, "journal": "Energies"})
    event, _created = Event.objects.get_or_create(title="Жаңа түсімдер көрмесінің ашылуы",
                                                  defaults={"held_on": today, "place": "Оқу залы"})
    for username in ("reader", "master"):
        reader = readers.get(username)
        if reader is not None:
            EventParticipant.objects.get_or_create(event=event, reader=reader, defaults={
                "full_name": reader.full_name, "unit": reader.study_group})
    stdout.write(f"circulation: {len(readers)} reader profiles, {loans} loans (1 overdue), 1 order held, "
                 f"{BibliographicRecord.objects.filter(pk__in=used).count()} titles in use")
