"""Demo equipment: the library's computers, scanners, printers, a self-service station and climate sensors in its
rooms, staff workstations with their people, a maintenance log with one planned maintenance past its date (so the
daily check records its risk event), and the director's requests to the university's services at every step."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import LibraryDepartment, User
from storage.models import Location

from .constants import (
    EquipmentKind,
    EquipmentState,
    MaintenanceOutcome,
    ServiceRequestKind,
    ServiceRequestStatus,
    WorkstationFor,
)
from .models import Equipment, MaintenancePlan, WorkstationAssignment
from .services import (
    equipment_save,
    maintenance_overdue_check,
    maintenance_plan_save,
    maintenance_record,
    service_request_accept,
    service_request_close,
    service_request_submit,
)

# inventory number, kind, name, model, department, location, workstation for, staff username, commissioned (years ago)
UNITS = [
    ("ОС-10501", EquipmentKind.COMPUTER, "Директордың АЖО", "Lenovo ThinkCentre M70q", "directorate", None,
     WorkstationFor.STAFF, "director", 2),
    ("ОС-10502", EquipmentKind.COMPUTER, "Абонемент кітапханашысының АЖО", "HP ProDesk 400 G7", "service",
     "loan-desk", WorkstationFor.STAFF, "desk", 3),
    ("ОС-10503", EquipmentKind.COMPUTER, "Каталогтаушының АЖО", "HP ProDesk 400 G7", "cataloguing", None,
     WorkstationFor.STAFF, "cataloguer", 3),
    ("ОС-10504", EquipmentKind.COMPUTER, "Жинақтау бөлімінің АЖО", "Dell OptiPlex 3090", "acquisitions", None,
     WorkstationFor.STAFF, "acquisitions", 2),
    ("ОС-10505", EquipmentKind.COMPUTER, "Кітап сақтау бөлімінің АЖО", "Dell OptiPlex 3090", "storage", "stack-1",
     WorkstationFor.STAFF, "storage", 2),
    ("ОС-10506", EquipmentKind.COMPUTER, "Жүйелік кітапханашының АЖО", "Lenovo ThinkCentre M90q", "new-it", None,
     WorkstationFor.STAFF, "digital", 1),
    ("ОС-10507", EquipmentKind.LAPTOP, "Библиографтың ноутбугы", "Lenovo ThinkPad E14", "analytics", None,
     WorkstationFor.STAFF, "analyst", 1),
    ("ОС-10510", EquipmentKind.COMPUTER, "Электрондық оқу залының компьютері №1", "Acer Veriton X", "service",
     "reading-room-2", WorkstationFor.READERS, None, 2),
    ("ОС-10511", EquipmentKind.COMPUTER, "Электрондық оқу залының компьютері №2", "Acer Veriton X", "service",
     "reading-room-2", WorkstationFor.READERS, None, 2),
    ("ОС-10512", EquipmentKind.COMPUTER, "Электрондық оқу залының компьютері №3", "Acer Veriton X", "service",
     "reading-room-2", WorkstationFor.READERS, None, 2),
    ("ОС-10513", EquipmentKind.COMPUTER, "Электрондық каталогқа арналған компьютер", "HP 290 G4", "service",
     "reading-room-1", WorkstationFor.READERS, None, 4),
    ("ОС-10520", EquipmentKind.SELF_SERVICE, "Кітап берудің өзіне-өзі қызмет көрсету станциясы",
     "Bibliotheca selfCheck 1000", "service", "loan-desk", WorkstationFor.READERS, None, 1),
    ("ОС-10530", EquipmentKind.SCANNER, "Планетарлық сканер", "Zeutschel OS 12000", "new-it", None, "", None, 5),
    ("ОС-10531", EquipmentKind.SCANNER, "Планшеттік сканер", "Epson Expression 12000XL", "new-it", None, "", None, 6),
    ("ОС-10540", EquipmentKind.PRINTER, "Абонементтің принтері", "HP LaserJet Pro M404", "service", "loan-desk", "",
     None, 3),
    ("ОС-10541", EquipmentKind.MFP, "Көпфункциялы құрылғы", "Canon i-SENSYS MF443dw", "directorate", None, "", None,
     2),
    ("ОС-10550", EquipmentKind.CLIMATE_SENSOR, "№1 қойманың температура және ылғалдылық датчигі", "Testo 174H",
     "storage", "stack-1", "", None, 2),
    ("ОС-10551", EquipmentKind.CLIMATE_SENSOR, "Сирек кітаптар қорының датчигі", "Testo 174H", "storage",
     "rare-books", "", None, 2),
    ("ОС-10560", EquipmentKind.PROJECTOR, "Конференц-залдың проекторы", "Epson EB-992F", "analytics", None, "", None,
     3),
]


def _years_ago(today: dt.date, years: int) -> dt.date:
    return dt.date(today.year - years, 9, 1)


def load(stdout) -> None:
    if Equipment.objects.exists():
        stdout.write("equipment: register already filled")
        return
    today = timezone.localdate()
    departments = {d.code: d for d in LibraryDepartment.objects.all()}
    locations = {loc.code: loc for loc in Location.objects.filter(code__in={u[5] for u in UNITS if u[5]})}
    people = {u.username: u for u in User.objects.filter(username__in={u[7] for u in UNITS if u[7]})}
    units = {}
    for number, kind, name, model, department, location, workstation_for, username, age in UNITS:
        unit = equipment_save(equipment=Equipment(
            inventory_number=number, kind=kind, name=name, model=model, serial_number=f"SN-{number[-5:]}-26",
            department=departments.get(department), location=locations.get(location or ""),
            workstation_for=workstation_for, commissioned_on=_years_ago(today, age)))
        units[number] = unit
        if username in people:
            WorkstationAssignment.objects.create(equipment=unit, person=people[username],
                                                 assigned_on=unit.commissioned_on)
    # An old computer written off this year, its person moved to the new one.
    old = equipment_save(equipment=Equipment(
        inventory_number="ОС-08012", kind=EquipmentKind.COMPUTER, name="Ескі абонемент компьютері",
        model="HP Compaq 6200", department=departments.get("service"), workstation_for=WorkstationFor.STAFF,
        commissioned_on=dt.date(today.year - 12, 9, 1), state=EquipmentState.WRITTEN_OFF,
        written_off_on=today - dt.timedelta(days=200)))
    if "desk" in people:
        WorkstationAssignment.objects.create(equipment=old, person=people["desk"],
                                             assigned_on=old.commissioned_on, released_on=old.written_off_on)

    # Preventive maintenance: the planetary scanner's quarterly service is 12 days overdue (risk 4.1).
    scanner_plan = maintenance_plan_save(plan=MaintenancePlan(
        equipment=units["ОС-10530"], work="Планетарлық сканердің профилактикасы: оптиканы тазалау, калибрлеу",
        interval_days=90, next_due_on=today - dt.timedelta(days=102)))
    maintenance_record(equipment=units["ОС-10530"], plan=scanner_plan, done_on=today - dt.timedelta(days=102),
                       work="Оптиканы тазалау, түс калибрлеуі", performed_by="«Сервис-Скан» ЖШС инженері",
                       outcome=MaintenanceOutcome.WORKING, recorded_by=people.get("digital"))
    # Done 102 days ago every 90 days: the next one fell due 12 days ago and is not done.
    for number, work, interval, ahead in [
        ("ОС-10531", "Планшеттік сканердің профилактикасы", 180, 40),
        ("ОС-10520", "Станцияның RFID оқу құрылғысын тексеру", 90, 25),
        ("ОС-10550", "Датчикті тексеру (поверка)", 365, 120),
        ("ОС-10551", "Датчикті тексеру (поверка)", 365, 120),
        ("ОС-10540", "Картриджді ауыстыру, тазалау", 120, 15),
    ]:
        plan = maintenance_plan_save(plan=MaintenancePlan(equipment=units[number], work=work, interval_days=interval,
                                                          next_due_on=today - dt.timedelta(days=interval - ahead)))
        maintenance_record(equipment=units[number], plan=plan, done_on=plan.next_due_on, work=work,
                           performed_by="Жүйелік кітапханашы", outcome=MaintenanceOutcome.WORKING,
                           recorded_by=people.get("digital"))
    maintenance_record(equipment=units["ОС-10531"], done_on=today - dt.timedelta(days=20),
                       work="Қақпақ топсасы сынды, диагностика", performed_by="«Сервис-Скан» ЖШС инженері",
                       outcome=MaintenanceOutcome.SENT_FOR_REPAIR, recorded_by=people.get("digital"))
    announced = maintenance_overdue_check(on=today)

    director = people.get("director") or User.objects.filter(username="director").first()
    if director is not None:
        _requests(director, units, today)
    stdout.write(f"equipment: {Equipment.objects.count()} units, {announced} maintenance past its date")


def _requests(director, units: dict, today: dt.date) -> None:
    done = service_request_submit(
        kind=ServiceRequestKind.IT_PURCHASE, addressee="Ақпараттық технологиялар департаменті",
        subject="Электрондық оқу залына компьютерлер", items=[("Компьютер (моноблок)", 3, None)],
        justification="Электрондық оқу залының компьютерлері 2016 жылғы, оқырмандардың кезегі бар.",
        submitted_by=director, submitted_on=today - dt.timedelta(days=300))
    service_request_accept(request=done, on=today - dt.timedelta(days=290), remarks="Сатып алу жоспарына енгізілді.")
    service_request_close(request=done, status=ServiceRequestStatus.DONE, on=today - dt.timedelta(days=200),
                          remarks="3 компьютер орнатылды (ОС-10510…10512).")
    repair = service_request_submit(
        kind=ServiceRequestKind.REPAIR_HANDOVER, addressee="Материалдық-техникалық қамтамасыз ету басқармасы",
        subject="Планшеттік сканерді жөндеуге беру", items=[("Планшеттік сканер", 1, units["ОС-10531"])],
        justification="Қақпақ топсасы сынған, сканерлеу тоқтады (тәуекел 4.1).",
        submitted_by=director, submitted_on=today - dt.timedelta(days=18))
    service_request_accept(request=repair, on=today - dt.timedelta(days=15))
    service_request_submit(
        kind=ServiceRequestKind.PURCHASE, addressee="Сатып алу бөлімі", subject="RFID белгілері",
        items=[("RFID белгісі", 5000, None)],
        justification="Өзіне-өзі қызмет көрсету станциясы үшін жаңа түсімдерге белгі қажет.",
        submitted_by=director, submitted_on=today - dt.timedelta(days=5))
    refused = service_request_submit(
        kind=ServiceRequestKind.IT_SERVICE, addressee="Ақпараттық технологиялар департаменті",
        subject="Мобильді қосымша әзірлеу", items=[("Кітапхананың мобильді қосымшасы", 1, None)],
        justification="Оқырмандар мобильді қолжетімділікті сұрайды (тәуекел 4.3).",
        submitted_by=director, submitted_on=today - dt.timedelta(days=120))
    service_request_close(request=refused, status=ServiceRequestStatus.REFUSED, on=today - dt.timedelta(days=100),
                          remarks="Биылғы бюджетте қаражат жоқ; келесі жылға ауыстырылды.")
