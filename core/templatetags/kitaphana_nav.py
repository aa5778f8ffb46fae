"""The admin index and sidebar grouped by the sub-processes of QP 607, each group's work pages beside its
registers (templates/admin/app_list.html)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from ..navigation import Entry, Section, registry

register = template.Library()


@dataclass
class AdminSection:
    section: Section
    links: list[Entry] = field(default_factory=list)
    apps: list[dict] = field(default_factory=list)


@register.simple_tag
def admin_sections(app_list: list[dict], user) -> list[AdminSection]:
    groups: dict[str, AdminSection] = {}
    for app in app_list:
        section = registry.section_of_app(app["app_label"])
        groups.setdefault(section.key, AdminSection(section)).apps.append(app)
    only = set(groups) if len(app_list) == 1 else None  # an app's own index: its section's pages alone
    for link in registry.links_for(user):
        if only is None or link.section.key in only:
            groups.setdefault(link.section.key, AdminSection(link.section)).links.append(link)
    return sorted(groups.values(), key=lambda group: group.section.order)
