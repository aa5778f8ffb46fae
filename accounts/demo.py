"""Demo organisation and personas: one account per role, readers of every category."""

from __future__ import annotations

from core.demodata import DEMO_PASSWORD

from . import roles
from .models import AcademicDepartment, Institute, LibraryDepartment, ReaderCategory, User
from .services import user_set_roles

INSTITUTES = [
    ("geology", "Қ. Тұрысов атындағы Геология және мұнай-газ ісі институты",
     "Институт геологии и нефтегазового дела имени К. Турысова",
     "K. Turyssov Institute of Geology and Oil and Gas Business"),
    ("it", "Автоматика және ақпараттық технологиялар институты",
     "Институт автоматики и информационных технологий", "Institute of Automation and Information Technologies"),
    ("metallurgy", "О.А. Байқоңыров атындағы Тау-кен металлургия институты",
     "Горно-металлургический институт имени О.А. Байконурова", "O.A. Baikonurov Mining and Metallurgical Institute"),
    ("architecture", "Т.Қ. Басенов атындағы Сәулет және құрылыс институты",
     "Институт архитектуры и строительства имени Т.К. Басенова",
     "T.K. Bassenov Institute of Architecture and Civil Engineering"),
]

DEPARTMENTS = [
    ("petroleum-engineering", "geology", "Мұнай инженериясы", "Нефтяная инженерия", "Petroleum Engineering"),
    ("geophysics", "geology", "Геофизика", "Геофизика", "Geophysics"),
    ("software-engineering", "it", "Бағдарламалық инженерия", "Программная инженерия", "Software Engineering"),
    ("cybersecurity", "it", "Киберқауіпсіздік, ақпаратты өңдеу және сақтау",
     "Кибербезопасность, обработка и хранение информации", "Cybersecurity, Information Processing and Storage"),
    ("metallurgy-processes", "metallurgy",
     "Металлургиялық процестер, жылутехника және арнайы материалдар технологиясы",
     "Металлургические процессы, теплотехника и технология специальных материалов",
     "Metallurgical Processes, Heat Engineering and Special Materials Technology"),
    ("mining", "metallurgy", "Тау-кен ісі", "Горное дело", "Mining"),
    ("architecture", "architecture", "Сәулет", "Архитектура", "Architecture"),
    ("civil-engineering", "architecture", "Құрылыс және құрылыс материалдары", "Строительство и стройматериалы",
     "Civil Engineering and Building Materials"),
]

# username, last, first, patronymic, roles, extra
PERSONAS = [
    ("admin", "Жүйелік", "Әкімші", "", [roles.SYSADMIN], {"library_department": "new-it", "is_superuser": True}),
    ("director", "Омарова", "Гүлнар", "Серікқызы", [roles.DIRECTOR],
     {"library_department": "directorate", "position": "Ғылыми кітапхана директоры"}),
    ("vicerector", "Бектұров", "Ерлан", "Асқарұлы", [roles.VICE_RECTOR],
     {"position": "Ғылыми жұмыс жөніндегі проректор"}),
    ("acquisitions", "Жұмабаева", "Айгүл", "Қайратқызы", [roles.LIBRARIAN_ACQUISITIONS],
     {"library_department": "acquisitions", "position": "Бөлім меңгерушісі"}),
    ("cataloguer", "Нұрланова", "Дина", "Маратқызы", [roles.LIBRARIAN_CATALOGUING],
     {"library_department": "cataloguing", "position": "Каталогтаушы"}),
    ("desk", "Сейітова", "Әсел", "Бауыржанқызы", [roles.LIBRARIAN_SERVICE],
     {"library_department": "service", "position": "Кітапханашы"}),
    ("storage", "Ахметов", "Нұржан", "Серікұлы", [roles.LIBRARIAN_STORAGE],
     {"library_department": "storage", "position": "Кітап сақтау бөлімінің кітапханашысы"}),
    ("digital", "Қасымов", "Тимур", "Ғаниұлы", [roles.LIBRARIAN_DIGITAL],
     {"library_department": "new-it", "position": "Жүйелік кітапханашы"}),
    ("analyst", "Ибраева", "Жанар", "Оразқызы", [roles.LIBRARIAN_ANALYTICS],
     {"library_department": "analytics", "position": "Библиограф"}),
    ("head", "Мұхамеджанов", "Бауыржан", "Қалиұлы", [roles.DEPARTMENT_HEAD],
     {"academic_department": "software-engineering", "position": "Кафедра меңгерушісі",
      "reader_category": "faculty", "reader_card_number": "F-0001"}),
    ("operator", "Төлеуова", "Самал", "Ерболқызы", [roles.PLAGIARISM_OPERATOR],
     {"academic_department": "software-engineering", "position": "Антиплагиат операторы"}),
    ("reader", "Сәтбаев", "Арман", "Нұрланұлы", [roles.READER],
     {"reader_category": "bachelor", "academic_department": "software-engineering",
      "reader_card_number": "2026000001"}),
    ("master", "Иванова", "Мария", "Сергеевна", [roles.READER],
     {"reader_category": "master", "academic_department": "geophysics", "reader_card_number": "2026000002"}),
    ("phd", "Әбенов", "Қанат", "Төлегенұлы", [roles.READER],
     {"reader_category": "phd", "academic_department": "mining", "reader_card_number": "2026000003"}),
    ("faculty", "Ғабдуллина", "Ләззат", "Әбілқызы", [roles.READER],
     {"reader_category": "faculty", "academic_department": "petroleum-engineering", "reader_card_number": "F-0002",
      "position": "Доцент"}),
    ("staff", "Петров", "Андрей", "Викторович", [roles.READER],
     {"reader_category": "staff", "reader_card_number": "S-0001", "position": "Инженер"}),
    ("external", "Smith", "John", "", [roles.READER],
     {"reader_category": "external", "reader_card_number": "E-0001"}),
]


def load(stdout) -> None:
    for code, kk, ru, en in INSTITUTES:
        Institute.objects.update_or_create(code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en})
    for code, institute, kk, ru, en in DEPARTMENTS:
        AcademicDepartment.objects.update_or_create(
            code=code,
            defaults={"institute": Institute.objects.get(code=institute), "name_kk": kk, "name_ru": ru, "name_en": en},
        )
    lookups = {
        "library_department": LibraryDepartment,
        "academic_department": AcademicDepartment,
        "reader_category": ReaderCategory,
    }
    created = 0
    for username, last, first, patronymic, role_codes, extra in PERSONAS:
        defaults = {
            "last_name": last, "first_name": first, "patronymic": patronymic,
            "email": f"{username}@kitaphana.kz",
        }
        for key, value in extra.items():
            defaults[key] = lookups[key].objects.get(code=value) if key in lookups else value
        user, was_created = User.objects.update_or_create(username=username, defaults=defaults)
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
        user_set_roles(user=user, roles=role_codes)
    stdout.write(f"accounts: {len(INSTITUTES)} institutes, {len(DEPARTMENTS)} departments, "
                 f"{len(PERSONAS)} personas ({created} new)")
