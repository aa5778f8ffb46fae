"""Demo storage: the library's rooms, shelves by UDC, service points, a month of climate readings,
inspection acts, obsolescence rules, and — when the catalogue has copies — placements and a weeding list."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import LibraryDepartment, User

from .constants import (
    CandidateDecision,
    CopyCondition,
    InspectionKind,
    LocationKind,
    PrescriptionStatus,
    ServicePointKind,
    WeedingRule,
)
from .models import ConditionReading, InspectionAct, ItemPlacement, Location, ObsolescenceRule, WeedingList
from .services import (
    condition_reading_record,
    copy_condition_note,
    inspection_act_register,
    item_place,
    weeding_candidate_decide,
    weeding_list_build,
    weeding_list_confirm,
)

# code, kind, parent, kk, ru, en, extra
LOCATIONS = [
    ("main-building", LocationKind.BUILDING, None, "Бас ғимарат (Сәтбаев к-сі, 22)",
     "Главный корпус (ул. Сатпаева, 22)", "Main building (22 Satbayev St)", {}),
    ("stack-1", LocationKind.ROOM, "main-building", "№1 кітап қоймасы", "Книгохранилище №1", "Stack room No. 1", {}),
    ("stack-2", LocationKind.ROOM, "main-building", "№2 кітап қоймасы (оқулықтар)", "Книгохранилище №2 (учебники)",
     "Stack room No. 2 (textbooks)", {}),
    ("rare-books", LocationKind.ROOM, "main-building", "Сирек кітаптар қоры", "Фонд редких книг", "Rare books room",
     {"temperature_target": Decimal("17.0"), "temperature_tolerance": Decimal("1.0"),
      "humidity_target": Decimal("52.0"), "humidity_tolerance": Decimal("3.0")}),
    ("loan-desk", LocationKind.SERVICE_POINT, "main-building", "Оқу әдебиеті абонементі",
     "Абонемент учебной литературы", "Textbook loan desk", {"service_point_kind": ServicePointKind.LOAN_DESK}),
    ("reading-room-1", LocationKind.SERVICE_POINT, "main-building", "№1 оқу залы (ғылыми әдебиет)",
     "Читальный зал №1 (научная литература)", "Reading room No. 1 (research literature)",
     {"service_point_kind": ServicePointKind.READING_ROOM}),
    ("reading-room-2", LocationKind.SERVICE_POINT, "main-building", "Электрондық оқу залы", "Электронный читальный зал",
     "E-reading room", {"service_point_kind": ServicePointKind.READING_ROOM}),
]

# UDC main classes of the shelves of stack room No. 1, in shelving order
SHELVES = [
    ("0", "Жалпы бөлім. Информатика", "Общий отдел. Информатика", "Generalities. Computer science"),
    ("1", "Философия. Психология", "Философия. Психология", "Philosophy. Psychology"),
    ("3", "Қоғамдық ғылымдар", "Общественные науки", "Social sciences"),
    ("5", "Математика. Жаратылыстану ғылымдары", "Математика. Естественные науки", "Mathematics. Natural sciences"),
    ("55", "Геология", "Геология", "Geology"),
    ("6", "Қолданбалы ғылымдар. Техника", "Прикладные науки. Техника", "Applied sciences. Technology"),
    ("62", "Инженерия. Техника", "Инженерное дело. Техника", "Engineering"),
    ("622", "Тау-кен ісі", "Горное дело", "Mining"),
    ("669", "Металлургия", "Металлургия", "Metallurgy"),
    ("8", "Тіл білімі. Әдебиет", "Языкознание. Литература", "Language. Literature"),
    ("9", "География. Тарих", "География. История", "Geography. History"),
]

OBSOLESCENCE = [
    ("004", 5, "Информатика, бағдарламалау"),
    ("0", 15, "Жалпы бөлім"),
    ("3", 10, "Қоғамдық ғылымдар"),
    ("5", 15, "Жаратылыстану ғылымдары"),
    ("62", 10, "Инженерия"),
    ("8", 25, "Тіл білімі, әдебиет"),
]

ACTIONS = ["Желдету жүргізілді", "Ылғал сорғыш қосылды", "Кондиционер қосылды", "ӘШБ-ға өтінім берілді"]


def _locations() -> dict[str, Location]:
    storage = LibraryDepartment.objects.filter(code="storage").first()
    service = LibraryDepartment.objects.filter(code="service").first()
    found = {}
    for code, kind, parent, kk, ru, en, extra in LOCATIONS:
        department = service if kind == LocationKind.SERVICE_POINT else storage
        found[code], _created = Location.objects.get_or_create(code=code, defaults={
            "kind": kind, "parent": found.get(parent), "name_kk": kk, "name_ru": ru, "name_en": en,
            "department": department, **extra,
        })
    for udc, kk, ru, en in SHELVES:
        Location.objects.get_or_create(code=f"stack-1-udc-{udc}", defaults={
            "kind": LocationKind.SHELF, "parent": found["stack-1"], "udc_from": udc, "department": storage,
            "name_kk": f"{udc} · {kk}", "name_ru": f"{udc} · {ru}", "name_en": f"{udc} · {en}",
        })
    return found


def _readings(rooms: list[Location], user) -> int:
    if ConditionReading.objects.exists():
        return 0
    rng = random.Random(607)  # noqa: S311 - reproducible demo figures, not security
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    created = 0
    for room in rooms:
        for days_ago in range(30, 0, -1):
            day = today - dt.timedelta(days=days_ago)
            for hour in (9, 16):
                # Spread so that a reading strays out of the norm now and then, as in a real log.
                temperature = room.temperature_target + Decimal(
                    str(round(rng.gauss(0, float(room.temperature_tolerance) / 2.6), 1)))
                humidity = room.humidity_target + Decimal(
                    str(round(rng.gauss(0, float(room.humidity_tolerance) / 2.6), 1)))
                if room.code == "stack-2" and days_ago in (11, 10) and hour == 16:
                    humidity = Decimal("63.5")  # a wet spell in the textbook stack
                probe = ConditionReading(room=room, temperature=temperature, humidity=humidity)
                out = probe.evaluate()
                condition_reading_record(
                    room=room, measured_at=dt.datetime.combine(day, dt.time(hour, 0), tzinfo=tz),
                    temperature=temperature, humidity=humidity, instrument="ТГЦ-1 №1187",
                    deviation="Жылыту жүйесінің ақауы" if out else "",
                    action_taken=rng.choice(ACTIONS) if out else "", recorded_by=user,
                )
                created += 1
    return created


def _inspections(found: dict[str, Location], user) -> None:
    if InspectionAct.objects.exists():
        return
    today = timezone.localdate()
    inspection_act_register(
        kind=InspectionKind.SANITARY, inspected_on=today - dt.timedelta(days=45), location=found["stack-1"],
        inspector="Алматы қ. Санитариялық-эпидемиологиялық бақылау департаменті",
        commission="Бас маман Серікова Д.А.; кітап сақтау бөлімінің меңгерушісі",
        findings="Қойма таза, дезинсекция уақтылы жүргізілген. №2 қоймада зең белгілері бар 3 кітап анықталды.",
        prescriptions="Зақымданған кітаптарды оқшаулау және өңдеу; ылғалдылықты бақылауды күшейту.",
        deadline=today - dt.timedelta(days=15), status=PrescriptionStatus.DONE,
        follow_up="Кітаптар өңделді, ылғал сорғыш орнатылды.", created_by=user,
    )
    inspection_act_register(
        kind=InspectionKind.FIRE_SAFETY, inspected_on=today - dt.timedelta(days=20), location=found["main-building"],
        inspector="Алматы қ. Төтенше жағдайлар департаментінің өрт қауіпсіздігі басқармасы",
        findings="Өрт сөндіргіштер тексерілген; эвакуация жоспарлары ілінген. №1 оқу залында бір шығу жолы жабық.",
        prescriptions="Эвакуациялық шығу жолын босату.", deadline=today + dt.timedelta(days=10),
        status=PrescriptionStatus.OPEN, created_by=user,
    )


def _copies(found: dict[str, Location], user) -> str:
    """Placements, a worn copy and a weeding list, from the catalogue's copies when there are any."""
    from cataloguing.models import Item

    items = list(Item.objects.select_related("record").order_by("inventory_number")[:40])
    if not items or ItemPlacement.objects.exists():
        return ""
    for item in items:
        shelf = Location.objects.shelf_for_udc(item.record.udc or "", within=found["stack-1"])
        item_place(item=item, location=shelf or found["stack-1"], placed_by=user, note="Демо: қорға орналастыру")
    item_place(item=items[0], location=found["reading-room-1"], placed_by=user, note="Оқу залына берілді")
    for item in items[1:4]:
        copy_condition_note(item=item, condition=CopyCondition.WORN, noted_on=timezone.localdate())
    # A worn copy back from the bindery: the restored copies of section 7.
    copy_condition_note(item=items[4 % len(items)], condition=CopyCondition.GOOD, noted_on=timezone.localdate(),
                        restored=True)
    if not WeedingList.objects.exists():
        worn = weeding_list_build(rule=WeedingRule.WORN, created_by=user)
        weeding_list_build(rule=WeedingRule.OUTDATED, created_by=user)
        # The worn list decided and confirmed: the first copy goes to write-off, the others stay.
        for position, candidate in enumerate(worn.candidates.order_by("pk")):
            weeding_candidate_decide(candidate=candidate, decided_by=user,
                                     decision=CandidateDecision.WRITE_OFF if position == 0 else CandidateDecision.KEEP)
        if worn.candidates.exists():
            weeding_list_confirm(weeding_list=worn, confirmed_by=user)
    return f", {len(items)} copies placed, weeding lists made"


def load(stdout) -> None:
    found = _locations()
    for prefix, years, note in OBSOLESCENCE:
        ObsolescenceRule.objects.get_or_create(udc_prefix=prefix, defaults={"max_age_years": years, "note": note})
    user = User.objects.filter(username="storage").first()
    created = _readings([found["stack-1"], found["stack-2"], found["rare-books"], found["reading-room-1"]], user)
    _inspections(found, user)
    copies = _copies(found, user)
    stdout.write(f"storage: {Location.objects.count()} locations, {created} readings added{copies}")
