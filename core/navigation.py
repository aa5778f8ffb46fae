"""Navigation contributed by the apps: the header menu, the staff home's queues and pages, where a person lands
after signing in, and the grouping of the admin index by the sub-processes of QP 607.

core knows none of the apps above it. Each app registers its own entries from `AppConfig.ready()` (in its
`navigation.py`), naming its URLs; who sees an entry is the access rule of the page it leads to (kept on the view
by `core.access.access_rule`), so a link never shows to someone the page would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .access import Rule, rule_of
from .constants import Subprocess


@dataclass(frozen=True)
class Section:
    """A heading of the staff home and the admin index: a sub-process of the procedure or a common part."""

    key: str
    title: Promise
    long_title: Promise
    order: int


# The procedure's order (QP 607-2023 §5.1–5.6), then the risk register (§6), reports, and system administration.
# A sub-process's section is titled by `core.constants.Subprocess` (one list of the procedure's parts).
SECTIONS: tuple[Section, ...] = (
    Section(Subprocess.PLANNING.value, _("Planning"), Subprocess.PLANNING.label, 10),
    Section(Subprocess.ACQUISITIONS.value, _("Acquisitions"), Subprocess.ACQUISITIONS.label, 20),
    Section(Subprocess.CATALOGUING.value, _("Cataloguing"), Subprocess.CATALOGUING.label, 30),
    Section(Subprocess.AUTOMATION.value, _("Digital library"), Subprocess.AUTOMATION.label, 40),
    Section(Subprocess.SERVICES.value, _("Reader services"), Subprocess.SERVICES.label, 50),
    Section(Subprocess.STORAGE.value, _("Storage"), Subprocess.STORAGE.label, 60),
    Section(Subprocess.RISKS.value, _("Risks"), Subprocess.RISKS.label, 70),
    Section("reports", _("Reports and forms"), _("Printed forms, reports and indicators"), 80),
    Section("admin", _("Administration"), _("Accounts, roles, audit trail and system settings"), 90),
)
SECTION_BY_KEY = {section.key: section for section in SECTIONS}


def _section(key: str) -> Section:
    try:
        return SECTION_BY_KEY[key]
    except KeyError:
        raise ImproperlyConfigured(f"unknown navigation section {key!r}") from None


@dataclass(frozen=True)
class Link:
    """A page someone opens from the menu or the staff home."""

    key: str
    label: Promise | str
    url_name: str
    section: str
    rule: Rule | None = None  # None: the access rule of the page's view
    header: bool = False  # also in the page header of everyone it admits
    workbench: bool = True  # listed on the staff home and the admin index (a header-only link says False)
    dashboard: bool = False  # a screen of figures and charts, also listed on the reports page
    order: int = 100
    query: str = ""  # appended to the URL ("status=draft")
    description: Promise | str = ""


@dataclass(frozen=True)
class Queue:
    """Work waiting for someone: a count and the page where it is done."""

    key: str
    label: Promise | str
    url_name: str
    section: str
    count: Callable[[Any], int]  # count(user): how many items wait for this person
    rule: Rule | None = None
    order: int = 100
    query: str | Callable[[], str] = ""  # a callable for a filter that moves with the day ("due_on__lt=<today>")


@dataclass(frozen=True)
class Landing:
    """Where a person lands after signing in; the lowest `priority` whose rule holds wins."""

    url_name: str
    rule: Rule
    priority: int


@dataclass(frozen=True)
class Entry:
    """A link or queue resolved for one person: its URL and, for a queue, its count."""

    key: str
    label: Promise | str
    url: str
    section: Section
    order: int
    count: int | None = None
    description: Promise | str = ""


@dataclass
class Registry:
    links: dict[str, Link] = field(default_factory=dict)
    queues: dict[str, Queue] = field(default_factory=dict)
    landings: list[Landing] = field(default_factory=list)
    admin_apps: dict[str, str] = field(default_factory=dict)  # app label → section key

    # -- registration (from AppConfig.ready) ---------------------------------------------------------------------
    def link(self, key: str, label, url_name: str, section: str, **options) -> None:
        _section(section)
        self.links[key] = Link(key, label, url_name, section, **options)

    def queue(self, key: str, label, url_name: str, section: str, count: Callable[[Any], int], **options) -> None:
        _section(section)
        self.queues[key] = Queue(key, label, url_name, section, count, **options)

    def landing(self, url_name: str, rule: Rule, priority: int) -> None:
        self.landings = sorted([*self.landings, Landing(url_name, rule, priority)], key=lambda x: x.priority)

    def admin_app(self, app_label: str, section: str) -> None:
        _section(section)
        self.admin_apps[app_label] = section

    # -- reading ---------------------------------------------------------------------------------------------------
    def allows(self, entry: Link | Queue, user) -> bool:
        rule = entry.rule or view_rule(entry.url_name)
        if rule is None:
            return True  # a public page
        return bool(user.is_authenticated and rule(user))

    def links_for(self, user, *, header: bool | None = None, dashboard: bool | None = None) -> list[Entry]:
        """The links this person may follow: all of the staff home's (default), the header's, or the dashboards."""
        entries = []
        for link in self.links.values():
            if header is not None:
                if link.header != header:
                    continue
            elif dashboard is not None:
                if link.dashboard != dashboard:
                    continue
            elif not link.workbench:
                continue
            if self.allows(link, user):
                entries.append(Entry(link.key, link.label, _url(link), _section(link.section), link.order,
                                     description=link.description))
        return sorted(entries, key=lambda e: (e.section.order, e.order))

    def queues_for(self, user) -> list[Entry]:
        entries = []
        for queue in self.queues.values():
            if self.allows(queue, user):
                entries.append(Entry(queue.key, queue.label, _url(queue), _section(queue.section), queue.order,
                                     count=queue.count(user)))
        return sorted(entries, key=lambda e: (e.section.order, e.order))

    def landing_url_for(self, user) -> str | None:
        for landing in self.landings:
            if landing.rule(user):
                return reverse(landing.url_name)
        return None

    def section_of_app(self, app_label: str) -> Section:
        return _section(self.admin_apps.get(app_label, "admin"))


def _url(entry: Link | Queue) -> str:
    url = reverse(entry.url_name)
    query = entry.query() if callable(entry.query) else entry.query
    return f"{url}?{query}" if query else url


def view_rule(url_name: str) -> Rule | None:
    """The access rule of the view behind a URL name without arguments."""
    try:
        match = resolve(reverse(url_name))
    except NoReverseMatch as error:
        raise ImproperlyConfigured(f"navigation entry names no URL without arguments: {url_name}") from error
    return rule_of(match.func)


registry = Registry()


@dataclass
class SectionBlock:
    """One section of the staff home: its queues and its pages."""

    section: Section
    queues: list[Entry] = field(default_factory=list)
    links: list[Entry] = field(default_factory=list)


def workbench_for(user) -> list[SectionBlock]:
    """The staff home of this person: per section of the procedure, the queues and pages their rights open."""
    blocks: dict[str, SectionBlock] = {}
    for queue in registry.queues_for(user):
        blocks.setdefault(queue.section.key, SectionBlock(queue.section)).queues.append(queue)
    for link in registry.links_for(user):
        blocks.setdefault(link.section.key, SectionBlock(link.section)).links.append(link)
    return sorted(blocks.values(), key=lambda block: block.section.order)
