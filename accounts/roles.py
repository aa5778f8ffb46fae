"""Roles of QP 607-2023 as Django groups and their permissions (where each lands: the apps' navigation.py).

A role is a group whose name is its code. Permissions are declared here as patterns over app labels so
that models added later by an app are granted automatically: `sync_role_groups()` runs after every
`migrate` and from `python manage.py setup_roles`, and is idempotent.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

READER = "reader"
LIBRARIAN_ACQUISITIONS = "librarian_acquisitions"
LIBRARIAN_CATALOGUING = "librarian_cataloguing"
LIBRARIAN_SERVICE = "librarian_service"
LIBRARIAN_STORAGE = "librarian_storage"
LIBRARIAN_DIGITAL = "librarian_digital"
LIBRARIAN_ANALYTICS = "librarian_analytics"
DEPARTMENT_HEAD = "department_head"
DIRECTOR = "director"
VICE_RECTOR = "vice_rector"
PLAGIARISM_OPERATOR = "plagiarism_operator"
SYSADMIN = "sysadmin"

ROLE_LABELS = {
    READER: _("Reader"),
    LIBRARIAN_ACQUISITIONS: _("Librarian: acquisitions"),
    LIBRARIAN_CATALOGUING: _("Librarian: cataloguing"),
    LIBRARIAN_SERVICE: _("Librarian: service desk"),
    LIBRARIAN_STORAGE: _("Librarian: book storage"),
    LIBRARIAN_DIGITAL: _("Librarian: digital library"),
    LIBRARIAN_ANALYTICS: _("Librarian: information-analytical"),
    DEPARTMENT_HEAD: _("Head of academic department"),
    DIRECTOR: _("Library director"),
    VICE_RECTOR: _("Vice-rector"),
    PLAGIARISM_OPERATOR: _("Plagiarism-check operator"),
    SYSADMIN: _("System administrator"),
}
ALL_ROLES = tuple(ROLE_LABELS)

LIBRARIAN_ROLES = (
    LIBRARIAN_ACQUISITIONS,
    LIBRARIAN_CATALOGUING,
    LIBRARIAN_SERVICE,
    LIBRARIAN_STORAGE,
    LIBRARIAN_DIGITAL,
    LIBRARIAN_ANALYTICS,
)
# Roles that work in the Django admin; the others use the web pages only.
STAFF_ROLES = frozenset({*LIBRARIAN_ROLES, DIRECTOR, VICE_RECTOR, SYSADMIN})
REPORT_ROLES = frozenset({DIRECTOR, VICE_RECTOR, *LIBRARIAN_ROLES, SYSADMIN})

DOMAIN_APPS = (
    "accounts", "forms_registry", "cataloguing", "catalogue_search", "storage", "acquisitions", "circulation",
    "digital_library", "antiplagiarism", "surveys", "equipment", "planning", "risks",
)

# Every library department plans and reports its own work (607-01/02/03) and records risk events as they happen.
LIBRARY_DEPARTMENT_WORK = (
    "planning.view_workplan", "planning.add_workplan", "planning.change_workplan",
    "planning.view_planactivity", "planning.add_planactivity", "planning.change_planactivity",
    "planning.delete_planactivity", "planning.view_innovationcard", "planning.add_innovationcard",
    "planning.change_innovationcard", "planning.view_staffdevelopmentevent", "planning.add_staffdevelopmentevent",
    "planning.change_staffdevelopmentevent", "planning.view_councilmeeting", "planning.view_councildecision",
    "planning.view_improvementdecision", "risks.view", "risks.add_riskevent", "risks.change_riskmeasure",
)
# The automation department keeps the equipment register, its workstations and maintenance (§5.4, risk 4.1); the
# requests to the university's services (604-01, 606-xx) are the director's.
EQUIPMENT_UPKEEP = (
    "equipment.view", "equipment.add_equipment", "equipment.change_equipment",
    "equipment.add_workstationassignment", "equipment.change_workstationassignment",
    "equipment.delete_workstationassignment", "equipment.add_maintenanceplan", "equipment.change_maintenanceplan",
    "equipment.add_maintenancerecord", "equipment.change_maintenancerecord",
)

# Patterns: "app" = every permission of the app; "app.view" = its view permissions; "app.codename" = one.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    READER: (),
    DEPARTMENT_HEAD: (),
    PLAGIARISM_OPERATOR: (),
    LIBRARIAN_ACQUISITIONS: (
        *LIBRARY_DEPARTMENT_WORK,
        "acquisitions", "cataloguing", "storage.view", "circulation.view", "forms_registry.view", "planning.view",
        "accounts.view",
    ),
    LIBRARIAN_CATALOGUING: (
        *LIBRARY_DEPARTMENT_WORK,
        "cataloguing", "acquisitions.view", "storage.view", "circulation.view", "forms_registry.view",
        "accounts.view",
    ),
    LIBRARIAN_SERVICE: (
        *LIBRARY_DEPARTMENT_WORK,
        "circulation", "cataloguing.view", "storage.view", "digital_library.view", "forms_registry.view",
        "accounts.view", "accounts.add_user", "accounts.change_user",
    ),
    LIBRARIAN_STORAGE: (
        *LIBRARY_DEPARTMENT_WORK,
        "storage", "cataloguing.view", "circulation.view", "acquisitions.view", "forms_registry.view",
        "accounts.view",
    ),
    LIBRARIAN_DIGITAL: (
        *LIBRARY_DEPARTMENT_WORK,
        "digital_library", "antiplagiarism", "cataloguing", "storage.view", "forms_registry.view", "accounts.view",
        *EQUIPMENT_UPKEEP,
    ),
    LIBRARIAN_ANALYTICS: (
        *LIBRARY_DEPARTMENT_WORK,
        "circulation", "cataloguing.view", "digital_library.view", "forms_registry.view", "accounts.view",
        "surveys",
    ),
    DIRECTOR: (
        *(f"{app}.view" for app in DOMAIN_APPS), "planning", "risks", "forms_registry", "surveys", "equipment",
        "planning.approve_plan_as_director", "planning.record_council_approval", "planning.compile_library_plan",
        "circulation.approve_pricelist",
    ),
    VICE_RECTOR: (*(f"{app}.view" for app in DOMAIN_APPS), "planning.agree_plan_as_vice_rector"),
    SYSADMIN: (*DOMAIN_APPS, "auth", "axes", "cataloguing.lock_record", "auditlog.view"),
}
# The public site (§5.5): the information-analytical department keeps its pages and news and reads its visits; the
# director, the vice-rector and the system administrator read the visit statistics (the administrator edits too).
ROLE_PERMISSIONS[LIBRARIAN_ANALYTICS] += ("website",)
ROLE_PERMISSIONS[DIRECTOR] += ("website.view",)
ROLE_PERMISSIONS[VICE_RECTOR] += ("website.view",)
ROLE_PERMISSIONS[SYSADMIN] += ("website",)
# The service department counts the visitors (section 7's visits): the daily entrance count, typed in or imported from
# the turnstile's file.
ROLE_PERMISSIONS[LIBRARIAN_SERVICE] += (
    "planning.view_dailyentrancecount", "planning.add_dailyentrancecount", "planning.change_dailyentrancecount",
)
# Granted only to a role that names them: an app-wide pattern ("cataloguing") leaves them out (QP 607 §5.4: only
# the administrator locks records and catalogue databases).
# Each step of the approval chain of plans and reports (§5.1) is its approver's own: an app-wide "planning" (the
# system administrator's) grants none of them. The Academic Council's decision is recorded by the director or by
# the Council's secretary, given `planning.record_council_approval` by name. Only the director approves the price
# list of paid services (§5.5), though the desk keeps the rest of circulation.
NAMED_ONLY_PERMISSIONS = (
    "cataloguing.lock_record", "planning.approve_plan_as_director", "planning.agree_plan_as_vice_rector",
    "planning.record_council_approval", "planning.compile_library_plan", "circulation.approve_pricelist",
)


def resolve_permissions(patterns: tuple[str, ...]):
    """Turn permission patterns into a Permission queryset (only permissions that exist now)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    query = Q(pk__in=[])
    for pattern in patterns:
        app_label, _sep, rest = pattern.partition(".")
        if not rest:
            named_only = [p.partition(".")[2] for p in NAMED_ONLY_PERMISSIONS if p.startswith(f"{app_label}.")]
            query |= Q(content_type__app_label=app_label) & ~Q(codename__in=named_only)
        elif rest == "view":
            query |= Q(content_type__app_label=app_label, codename__startswith="view_")
        else:
            query |= Q(content_type__app_label=app_label, codename=rest)
    return Permission.objects.filter(query)


def sync_role_groups() -> dict[str, int]:
    """Create every role group and set its permissions exactly as declared. Safe to run any number of times."""
    from django.contrib.auth.models import Group

    counts = {}
    for code in ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=code)
        permissions = list(resolve_permissions(ROLE_PERMISSIONS[code]))
        group.permissions.set(permissions)
        counts[code] = len(permissions)
    return counts


def sync_role_groups_after_migrate(sender, **kwargs) -> None:
    # post_migrate fires once per app; the last app in INSTALLED_APPS sees every permission created.
    from django.conf import settings

    if sender.name == settings.LOCAL_APPS[-1]:
        sync_role_groups()


def is_staff_role_set(codes) -> bool:
    return bool(STAFF_ROLES.intersection(codes))
