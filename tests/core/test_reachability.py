"""Issue 14.2, no orphan page: every role finds every page it may use within three clicks of its home.

For each role (and anonymous), the crawl starts at the person's home (`/start/` sends a signed-in person to their
landing page; anonymous starts at the public catalogue `/`) and follows the links and GET forms within three
clicks (tests/core/crawl.py). It fails on
- any link that answers 403, 404 or 5xx (the role, the page the link is on, the link, the status);
- any URL pattern of our apps whose view's access rule (`core.access.rule_of`) admits the role (for anonymous:
  a view without a rule that is public) which no crawled URL resolves to, unless NOT_LINKED below names it with
  the reason it is no page one reaches by a link; a POST form's action on a visited page counts as reaching its
  pattern;
- for staff, the admin index and every changelist the role may view. The index lists them: a changelist linked
  there counts as reached without being opened (opening ~60 lists per role would take minutes); one linked from
  a page outside the admin (a staff-home queue) is opened, and if a work page is still missing, its app's
  registers are opened to look for it. No object's change page is opened, and at most PER_PATTERN URLs of any
  one pattern are fetched.

Run with -s to see per role the pages visited and the patterns reached (the issue's closing note quotes them).
"""

from __future__ import annotations

import time

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts import roles
from core.access import rule_of, signed_in_rule
from tests.core.crawl import Crawl, crawl, url_patterns
from tests.core.reachability_data import librarian, seed_library

# The namespaces of our apps: Django's own (admin, i18n) are judged apart (admin) or skipped (language).
OUR_NAMESPACES = {
    "", "core", "accounts", "forms_registry", "catalogue_search", "cataloguing", "circulation", "acquisitions",
    "digital_library", "antiplagiarism", "storage", "risks", "planning", "exhibitions", "surveys", "equipment",
    "website", "eresources",
}
ROOT_NAMES = {"home", "sru"}  # the root's own patterns that are ours ("set_language" is Django's)

# Patterns that are no page one reaches by a link, with the reason. Keep this short and honest.
NOT_LINKED: dict[str, str] = {
    "core:health": "the load balancer's probe (JSON), linked from no page",
    "core:landing": "the sign-in redirect itself: every crawl of a signed-in person starts there",
    "core:no_place": "shown only to a person whose roles give no place to land",
    "accounts:logout": "a POST from every page's header; the crawl never signs out",
    "digital_library:oai": "OAI-PMH harvesting endpoint for other libraries' harvesters, not a page",
    "sru": "SRU 1.2 endpoint for union catalogues and federated search (XML), not a page",
    "circulation:verify": "reached from the QR code printed on a clearance certificate, not from a page",
    "circulation:desk_scan": "JSON endpoint the desk's script calls for each scanned barcode",
    "antiplagiarism:check_status": "JSON endpoint the check page polls while the check runs",
    "antiplagiarism:check_new": "opens once the operator's access code is accepted (POST form of antiplagiarism:code)",
    "acquisitions:holdings": "JSON endpoint the request form's script asks while a title is typed",
    "acquisitions:book_export_status": "JSON endpoint the inventory-book page polls while a PDF is made",
    "circulation:order_wait": "offered on the refusal page an order leads to when no copy is on the shelf (POST)",
    "circulation:record_moved": "the record page's old address, kept as a redirect for bookmarks",
    "digital_library:record": "a redirect to the catalogue's record page, kept as the OAI-PMH identifier of a record",
    "circulation:reader_photo": "an image (img src) on the cabinet and the desk, not a page",
    "planning:plan_step": "the POST of a plan page's forms, shown only to who may take the waiting step",
    "surveys:answer_by_link": "a one-time link of an anonymous survey, handed out as a file, never shown on a page",
    "website:post_image": "a news item's picture (img src) on the news pages, not a page",
}

# Views open to anyone signed in (`signed_in_rule`) that decide by the object they show: the roles whose own
# objects they show. A new view with that rule must be named here (or in NOT_LINKED), or the test says so.
DECIDED_BY_OBJECT: dict[str, tuple[set[str], str]] = {
    "circulation:clearance_pdf": ({roles.READER}, "the reader's own certificate, from the cabinet"),
    "circulation:paid_receipt": ({roles.READER, roles.LIBRARIAN_SERVICE},
                                 "the reader's own receipts from the cabinet; the desk's receipts of the day"),
}

# Views without an access rule that still need a signed-in person (they check inside): not public pages.
SIGNED_IN_INSIDE: dict[str, str] = {
    "core:landing": "redirects anonymous people to sign in",
    "core:no_place": "login_required",
    "forms_registry:form": "each printed form checks its own permission",
    "circulation:reader_photo": "the desk's staff and the reader alone see a reader's photo",
}

# The personas of tests/conftest.py, and the librarian roles it has no fixture for.
FIXTURE_OF_ROLE = {
    roles.READER: "reader",
    roles.DEPARTMENT_HEAD: "department_head",
    roles.PLAGIARISM_OPERATOR: "operator",
    roles.LIBRARIAN_SERVICE: "librarian",
    roles.LIBRARIAN_CATALOGUING: "cataloguer",
    roles.LIBRARIAN_ACQUISITIONS: "acquisitions_librarian",
    roles.DIRECTOR: "director",
    roles.VICE_RECTOR: "vice_rector",
    roles.SYSADMIN: "sysadmin",
}
ROLES = ("anonymous", *roles.ALL_ROLES)

CLICKS = 3
PER_PATTERN = 3


def persona(request, role: str):
    if role == "anonymous":
        return None
    if role in FIXTURE_OF_ROLE:
        return request.getfixturevalue(FIXTURE_OF_ROLE[role])
    return librarian(role)


def required_patterns(user) -> dict[str, str]:
    """The URL patterns this person may use, each with why: its access rule admits them, or it is public."""
    required: dict[str, str] = {}
    for name, (namespace, view) in url_patterns().items():
        if namespace not in OUR_NAMESPACES or (namespace == "" and name not in ROOT_NAMES):
            continue
        rule = rule_of(view)
        if user is None:
            if rule is None and name not in SIGNED_IN_INSIDE:
                required[name] = "public"
        elif rule is signed_in_rule:
            assert name in DECIDED_BY_OBJECT or name in NOT_LINKED, (
                f"{name} admits anyone signed in and decides by the object: say in DECIDED_BY_OBJECT whose it is")
            if name in DECIDED_BY_OBJECT and user.has_role(*DECIDED_BY_OBJECT[name][0]):
                required[name] = DECIDED_BY_OBJECT[name][1]
        elif rule is not None and rule(user):
            required[name] = getattr(rule, "__qualname__", "rule")
    if user is not None and user.is_staff:
        required.update(admin_patterns(user))
    return required


def admin_patterns(user) -> dict[str, str]:
    """The admin index and each changelist the person may view (the index lists exactly those)."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = user
    found = {"admin:index": "staff"}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_module_permission(request):
            continue
        if model_admin.has_view_or_change_permission(request):
            opts = model._meta
            found[f"admin:{opts.app_label}_{opts.model_name}_changelist"] = "admin view permission"
    return found


@pytest.mark.django_db
def test_every_page_a_role_may_use_is_reachable_within_three_clicks(request):
    # One library for all the roles (seeding it takes seconds; the crawls only read).
    people = {role: persona(request, role) for role in ROLES}
    seed_library(request)
    problems: list[str] = []
    started, cpu = time.monotonic(), time.process_time()
    for role, user in people.items():
        problems += _walk(role, user)
    print(f"\n[reachability] {len(ROLES)} roles crawled in {time.monotonic() - started:.1f}s "
          f"({time.process_time() - cpu:.1f}s of CPU)")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def _walk(role: str, user) -> list[str]:
    """Crawl as this person; the failing links and the patterns they may use but cannot reach."""
    client = Client(raise_request_exception=False)
    if user is not None:
        user.refresh_from_db()  # seeding may have saved the persona (its session must match the stored one)
        client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
    required = required_patterns(user)
    started = time.monotonic()
    result = crawl(client, role, "/" if user is None else reverse("core:landing"), clicks=CLICKS,
                   per_pattern=PER_PATTERN, wanted=set(required) - set(NOT_LINKED))
    elapsed = time.monotonic() - started
    reached = set(result.reached) | set(result.reached_by_form) | set(result.listed_in_admin)
    orphans = sorted(name for name in required if name not in reached and name not in NOT_LINKED)
    _report(result, required, orphans, elapsed)
    return [*result.failures,
            *(f"{role}: cannot reach {name} ({required[name]}) within {CLICKS} clicks" for name in orphans)]


def _report(result: Crawl, required: dict[str, str], orphans: list[str], elapsed: float) -> None:
    reachable = sorted(name for name in required if name not in orphans)
    print(f"\n[reachability] {result.role}: {result.pages} pages visited in {elapsed:.1f}s "
          f"({result.capped} links past the per-pattern cap), {len(set(result.reached))} patterns reached by "
          f"link, {len(set(result.reached_by_form) - set(result.reached))} more by a POST form, "
          f"{len(set(result.listed_in_admin) - set(result.reached))} admin lists on the index; "
          f"required {len(required)}, reachable {len(reachable)}, orphaned {len(orphans)}, "
          f"failing links {len(result.failures)}")
    print(f"  reachable: {', '.join(reachable)}")
    if orphans:
        print(f"  ORPHANED: {', '.join(orphans)}")
    slowest = sorted(result.visits, key=lambda visit: -visit.seconds)[:3]
    print("  slowest: " + ", ".join(f"{visit.url} {visit.seconds:.2f}s" for visit in slowest))
    for failure in result.failures:
        print(f"  FAIL {failure}")



# The links the crawl found answering 403, fixed where they were drawn: each page offers only what its reader may open.

@pytest.mark.django_db
def test_admin_lists_link_no_page_their_viewer_is_refused(client_for, director, librarian, operator):
    from tests.circulation.factories import make_reader
    from tests.core.reachability_data import _antiplagiarism

    reader = make_reader()
    _antiplagiarism(operator)
    card = reverse("circulation:reader_card", args=[reader.pk])
    readers = reverse("admin:circulation_reader_changelist")
    assert card in client_for(librarian).get(readers).content.decode()
    assert card not in client_for(director).get(readers).content.decode()
    page = client_for(director).get(reverse("admin:antiplagiarism_check_changelist")).content.decode()
    assert "/antiplagiarism/checks/" not in page


@pytest.mark.django_db
def test_the_director_reading_the_fund_is_offered_no_entry_form(client_for, director, acquisitions_librarian):
    for name, entry in (("acquisitions:receipt_list", "acquisitions:receipt_create"),
                        ("acquisitions:write_off_list", "acquisitions:write_off_create")):
        assert reverse(entry) in client_for(acquisitions_librarian).get(reverse(name)).content.decode()
        assert reverse(entry) not in client_for(director).get(reverse(name)).content.decode()
    stocktaking = reverse("acquisitions:stocktaking_list")
    assert "stocktaking-start" not in client_for(director).get(stocktaking).content.decode()
    assert "stocktaking-start" in client_for(acquisitions_librarian).get(stocktaking).content.decode()
