"""Demo circulation: reader profiles for the demo personas (with a photo for "reader"), loans (one overdue), an
order held for 24 hours, a refusal with a waiting list, an ILL request, and the information services' registers.
Idempotent: running it again changes nothing that is already there."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import AcademicDepartment, User
from cataloguing.constants import ItemStatus, LoanCategory
from cataloguing.models import BibliographicRecord, Item

from .constants import (
    DeliveryKind,
    FeedbackService,
    InfoServiceKind,
    ReferenceKind,
    RefusalAction,
    RefusalReason,
    ReservationStatus,
)
from .exceptions import CirculationError
from .models import (
    Event,
    EventParticipant,
    ExhibitionRequest,
    FeedbackCard,
    InfoServiceRequest,
    Loan,
    LostItem,
    PaidServiceKind,
    PriceList,
    PriceListItem,
    PriceUnit,
    Publication,
    Reader,
    ReaderSource,
    ReferenceEntry,
    Refusal,
    Reservation,
)
from .services import (
    feedback_submit,
    ill_request_create,
    loan_declare_lost,
    loan_issue,
    loss_replace,
    paid_service_record,
    price_list_approve,
    reader_register,
    refusal_record,
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

    from . import demo_outreach  # the outreach's demo needs the readers above (the group of a booked class)

    demo_outreach.load(stdout)
    if "reader" not in readers or Loan.objects.filter(reader__in=readers.values()).exists():
        stdout.write(f"circulation: {len(readers)} reader profiles (loans already there)")
        _desk_registers(readers, stdout)
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
    # "phd" ordered a book and collected it at the desk: a copy issued on a reader's order (section 7, 5.6).
    collected = _free_copy(exclude_records=used)
    if collected is not None and "phd" in readers:
        order = reservation_create(reader=readers["phd"], record=collected.record)
        loan_issue(reader=readers["phd"], item=order.item)
        used.append(collected.record_id)
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
        # A book no library in the city holds, asked from the National Academic Library (ILL, 607-41).
        ill_request_create(reader=readers["faculty"], kind=DeliveryKind.ILL,
                           title="Нефтегазоносные бассейны Казахстана", author="Жолтаев Г.Ж.",
                           publication_year=2016, isbn_issn="978-601-7150-12-3")
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
    _desk_registers(readers, stdout)


def _desk_registers(readers: dict[str, Reader], stdout) -> None:
    """The desk's registers the forms print: refusals (607-53), a lost book replaced by the reader (607-43,
    607-44), readers' feedback cards (607-45) and paid services with their receipts. Each register is filled once."""
    desk = User.objects.filter(username="desk").first()
    made = [_refusals(readers), _loss(readers, desk), _feedback(readers, desk), _paid_services(readers, desk)]
    if any(made):
        stdout.write("circulation: " + ", ".join(part for part in made if part))


def _refusals(readers: dict[str, Reader]) -> str:
    if Refusal.objects.exists():
        return ""
    now = timezone.now()
    # "phd" asked for the title "reader" holds and joined its waiting list.
    awaited = Loan.objects.filter(reader=readers.get("reader"), returned_at__isnull=True).select_related(
        "item__record").first()
    refusals = []
    if awaited is not None and "phd" in readers:
        refusals.append((awaited.item.record, readers["phd"], RefusalReason.ALL_ON_LOAN, RefusalAction.WAITLIST, 2))
    # Articles and e-resources have no copy on a shelf: an interlibrary or electronic delivery is offered.
    without_copies = list(BibliographicRecord.objects.filter(control_number__startswith="KAZNTU-DEMO-",
                                                              items__isnull=True).order_by("control_number")[:2])
    for record, (username, action, days_ago) in zip(without_copies, (("master", RefusalAction.EDD, 9),
                                                                       ("faculty", RefusalAction.ILL, 16)),
                                                    strict=False):
        refusals.append((record, readers.get(username), RefusalReason.NOT_IN_FUND, action, days_ago))
    # A dissertation is read in the reading room only; a visitor at the desk was not registered yet.
    dissertation = Item.objects.filter(loan_category=LoanCategory.READING_ROOM,
                                       record__control_number__startswith="KAZNTU-DEMO-").select_related(
        "record").order_by("inventory_number").first()
    if dissertation is not None:
        refusals.append((dissertation.record, None, RefusalReason.READING_ROOM_ONLY, RefusalAction.NONE, 5))
    for record, reader, reason, action, days_ago in refusals:
        refusal_record(record=record, reader=reader, reason=reason, action=action,
                       at=now - dt.timedelta(days=days_ago, hours=3))
    return f"{len(refusals)} refusals" if refusals else ""


def _loss(readers: dict[str, Reader], desk: User | None) -> str:
    """"faculty" lost a book borrowed last month and brought an equivalent copy, accepted by the desk's act."""
    reader = readers.get("faculty")
    if reader is None or desk is None or LostItem.objects.exists():
        return ""
    item = Item.objects.filter(status=ItemStatus.ON_SHELF, loan_category=LoanCategory.REGULAR,
                               record__control_number__startswith="KAZNTU-DEMO-", price__isnull=False).exclude(
        record__in=Loan.objects.open().values("item__record")).order_by("-inventory_number").first()
    if item is None:
        return ""
    now = timezone.now()
    try:
        loan = loan_issue(reader=reader, item=item, by=desk)
    except CirculationError:
        return ""
    Loan.objects.filter(pk=loan.pk).update(issued_at=now - dt.timedelta(days=34))
    loss = loan_declare_lost(loan=loan, by=desk, at=now - dt.timedelta(days=12))
    # The replacement copy carries the lost copy's number with a letter, as the fund marks a copy "in place of".
    number = f"{item.inventory_number}-А"
    loss = loss_replace(loss=loss, inventory_number=number, barcode=number, price=item.price, by=desk,
                        at=now - dt.timedelta(days=4))
    return f"1 lost book replaced (act № {loss.act_number}/{loss.act_year})"


# Feedback cards (607-45): reader, service rated, ratings (access, fund, e-resources, staff, comfort, overall),
# what the reader could not get, suggestions, and the library's answer.
FEEDBACK = [
    ("reader", FeedbackService.LENDING, (5, 4, 4, 5, 4, 5), "«Деректер қорын жобалау» оқулығының бос данасы",
     "Сессия кезінде абонементті сенбі күні де ашса екен",
     "Сессия аптасында абонемент сенбі күндері 10:00–15:00 аралығында жұмыс істейді"),
    ("master", FeedbackService.E_RESOURCES, (4, 3, 5, 5, 4, 4), "",
     "Scopus бойынша оқыту семинарын магистранттарға жиірек өткізу",
     "Келесі семинар кафедраның өтінімімен ақпараттық қызмет жоспарына енгізілді"),
]


def _feedback(readers: dict[str, Reader], desk: User | None) -> str:
    if FeedbackCard.objects.exists():
        return ""
    cards = 0
    for username, service, ratings, not_obtained, suggestion, response in FEEDBACK:
        reader = readers.get(username)
        if reader is None:
            continue
        access, fund, e_resources, staff, comfort, overall = ratings
        feedback_submit(reader=reader, service=service, rating_access=access, rating_fund=fund,
                        rating_e_resources=e_resources, rating_staff=staff, rating_comfort=comfort,
                        rating_overall=overall, not_obtained=not_obtained, suggestions=suggestion,
                        response=response, responsible=desk,
                        responded_on=timezone.localdate() - dt.timedelta(days=1))
        cards += 1
    return f"{cards} feedback cards" if cards else ""


# The library's price list as the director approved it (tenge); the desk's receipts of the demo year use it.
PRICE_LIST = (
    (PaidServiceKind.COPYING, "Ксерокөшірме, А4", "Ксерокопия, А4", "Photocopy, A4", PriceUnit.PAGE, "20.00"),
    (PaidServiceKind.PRINTING, "Басып шығару, А4", "Распечатка, А4", "Printing, A4", PriceUnit.PAGE, "25.00"),
    (PaidServiceKind.SCANNING, "Сканерлеу, А4", "Сканирование, А4", "Scanning, A4", PriceUnit.PAGE, "40.00"),
    (PaidServiceKind.DOCUMENT_DELIVERY, "Құжатты электрондық жеткізу", "Электронная доставка документа",
     "Electronic document delivery", PriceUnit.DOCUMENT, "500.00"),
    (PaidServiceKind.BINDING, "Диссертацияны түптеу", "Переплёт диссертации", "Binding of a thesis", PriceUnit.COPY,
     "2500.00"),
)


def _paid_services(readers: dict[str, Reader], desk: User | None) -> str:
    if desk is None or PriceList.objects.exists():
        return ""
    today = timezone.localdate()
    director = User.objects.filter(username="director").first() or desk
    price_list = PriceList.objects.create(title="Ақылы қызметтер прейскуранты",
                                          valid_from=today.replace(month=1, day=1),
                                          basis="Университет басқармасының шешімі, № 3 хаттама")
    for position, (kind, name_kk, name_ru, name_en, unit, price) in enumerate(PRICE_LIST):
        PriceListItem.objects.create(price_list=price_list, kind=kind, name_kk=name_kk, name_ru=name_ru,
                                     name_en=name_en, unit=unit, price=Decimal(price), position=position)
    price_list_approve(price_list=price_list, by=director)
    items = {item.kind: item for item in price_list.items.all()}
    receipts = 0
    for username, kind, quantity in (("reader", PaidServiceKind.COPYING, 24), ("master", PaidServiceKind.SCANNING, 60),
                                     ("phd", PaidServiceKind.BINDING, 3), ("faculty", PaidServiceKind.PRINTING, 40),
                                     ("reader", PaidServiceKind.DOCUMENT_DELIVERY, 1)):
        if username in readers:
            paid_service_record(reader=readers[username], service=items[kind], quantity=quantity, by=desk)
            receipts += 1
    return f"a price list of {len(items)} paid services and {receipts} receipts"
