"""Factories of acquisitions data."""

from __future__ import annotations

from acquisitions import services
from acquisitions.constants import LanguageGroup, LiteratureKind, RequestKind


def purchase_request(*, head, titles=(("Python негіздері", "Ахметов А.", 10),), submit=True, isbn=""):
    lines = [
        {"title": title, "author": author, "copies_requested": copies, "discipline": "Бағдарламалау",
         "programme": "6B06102 Программная инженерия", "literature_kind": LiteratureKind.MAIN,
         "language": LanguageGroup.KAZAKH, "students": 40, "publisher": "Фолиант", "year": 2024, "isbn": isbn}
        for title, author, copies in titles
    ]
    request = services.request_create(department=head.academic_department, kind=RequestKind.PURCHASE,
                                      academic_year=2026, created_by=head, lines=lines)
    if submit:
        services.request_submit(request=request, user=head)
    return request
