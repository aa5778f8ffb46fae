"""Section 7, sub-process 5.4: automation of the library's processes and the digital library."""

from __future__ import annotations

from accounts.models import User
from accounts.roles import DIRECTOR, LIBRARIAN_ROLES
from antiplagiarism.models import Check
from core.constants import Subprocess
from core.periods import period_filter
from digital_library.choices import SystemRequestKind, UsageKind
from digital_library.models import DigitalFile, ScanningRequest, SystemRequest, UsageEvent
from digital_library.selectors import elibrary_users, kpi_downloads
from equipment.selectors import equipment_count, workstation_count, workstation_users

from .base import admin_rows, indicator, register, rows

# Requests to the system's administrator reporting a fault, submitted in the period.
register("system_failures", Subprocess.AUTOMATION,
         "Жүйенің істен шығуы (өтінімдер)", "Сбои системы (заявки)", "System failures (requests)",
         rows(SystemRequest, "submitted_at", kind=SystemRequestKind.FAULT),
         records=admin_rows(SystemRequest, "submitted_at", kind__exact=SystemRequestKind.FAULT))


@indicator("library_staff", Subprocess.AUTOMATION,
           "Кітапхана қызметкерлері", "Сотрудники библиотеки", "Library staff")
def library_staff(date_from, date_to) -> int:
    """Active accounts holding a librarian's or the director's role, registered by the end of the period (the
    accounts do not keep when someone left, so a past period counts today's staff who were there by then)."""
    return (User.objects.filter(period_filter("date_joined", None, date_to), is_active=True,
                                groups__name__in=(*LIBRARIAN_ROLES, DIRECTOR))
            .values("pk").distinct().count())


@indicator("workstations", Subprocess.AUTOMATION,
           "Автоматтандырылған жұмыс орындары (АЖО)", "Автоматизированные рабочие места (АРМ)", "Workstations")
def workstations(date_from, date_to) -> int:
    """The equipment register's rule: workstations (staff, readers' PCs, self-service) in service on the last day."""
    return workstation_count(on=date_to)


# The equipment register's rule: people assigned to a workstation in service for a day of the period at least.
register("workstation_users", Subprocess.AUTOMATION,
         "АЖО пайдаланушылары", "Пользователи АРМ", "Workstation users",
         workstation_users)


@indicator("equipment", Subprocess.AUTOMATION,
           "Жабдықтар саны", "Количество оборудования", "Equipment units")
def equipment(date_from, date_to) -> int:
    """The equipment register's rule: units in service on the last day of the period."""
    return equipment_count(on=date_to)


# Full-text files uploaded in the period.
register("files_uploaded", Subprocess.AUTOMATION,
         "Жүктелген толық мәтінді файлдар", "Загружено полнотекстовых файлов", "Full-text files uploaded",
         rows(DigitalFile, "uploaded_at"), records=admin_rows(DigitalFile, "uploaded_at"))

# Scanning requests (607-35) whose digitised copy was published in the period.
register("documents_digitised", Subprocess.AUTOMATION,
         "Цифрландырылған құжаттар", "Оцифровано документов", "Documents digitised",
         rows(ScanningRequest, "published_at"), records=admin_rows(ScanningRequest, "published_at"))

# The digital library's rule: people with a counted view or download (COUNTER) in the period.
register("elibrary_users", Subprocess.AUTOMATION,
         "Электрондық кітапхананы пайдаланушылар", "Пользователи электронной библиотеки", "E-library users",
         elibrary_users)


@indicator("downloads", Subprocess.AUTOMATION,
           "Электрондық кітапханадан жүктеп алу", "Скачивания из электронной библиотеки", "E-library downloads",
           records=admin_rows(UsageEvent, "occurred_at", kind__exact=UsageKind.DOWNLOAD))
def downloads(date_from, date_to) -> int:
    """The digital library's rule: downloads counted the COUNTER way (robots and double clicks out)."""
    return kpi_downloads(date_from=date_from, date_to=date_to)


# Anti-plagiarism checks submitted in the period.
register("plagiarism_checks", Subprocess.AUTOMATION,
         "Плагиатқа тексерулер", "Проверок на плагиат", "Plagiarism checks run",
         rows(Check, "submitted_at"), records=admin_rows(Check, "submitted_at"))
