"""A crawler for the reachability test (issue 14.2): from a person's home, the links a person can follow within a
few clicks, with the status each answered and the URL patterns they reached.

Only GET: links (`a[href]`) and the actions of GET forms are followed; the actions of POST forms are noted (the
pattern counts as reached through a form on a page the person sees) but never sent, so the walk changes nothing.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

SITE_HOSTS = {"", "testserver"}
# Not pages of anyone's work: signing out ends the walk, switching the language repeats every page.
SKIPPED_VIEWS = {"accounts:logout", "admin:logout", "set_language"}
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Target:
    """A link found on a page: where it leads, the page it was found on, and whether it is a form's action."""

    url: str
    found_on: str
    method: str = "get"


class _LinkParser(HTMLParser):
    """The `a[href]` and the form actions of one HTML page, each with the form's method."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append((values["href"], "get"))
        elif tag == "form":
            self.links.append((values.get("action", ""), (values.get("method") or "get").lower()))


def links_of(html: str) -> list[tuple[str, str]]:
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


def view_name_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def same_site_url(href: str, base: str) -> str | None:
    """The link as a path with its query, or None when the walk leaves it alone (other sites, mailto:, a fragment
    of the same page, static and media files, signing out, the language switch)."""
    href = href.strip()
    if href.startswith("#"):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in SITE_HOSTS:
        return None
    path = parts.path or "/"
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    if view_name_of(path) in SKIPPED_VIEWS:
        return None
    return urlunsplit(("", "", path, parts.query, ""))


@dataclass
class Visit:
    url: str
    found_on: str
    depth: int
    status: int
    final_url: str
    seconds: float


@dataclass
class Crawl:
    """What one person reached: the pages fetched, the patterns behind them, and the links that failed."""

    role: str
    visits: list[Visit] = field(default_factory=list)
    reached: dict[str, str] = field(default_factory=dict)  # view name → the first URL that reached it
    reached_by_form: dict[str, str] = field(default_factory=dict)  # POST forms' patterns → the page of the form
    listed_in_admin: dict[str, str] = field(default_factory=dict)  # changelists the admin index links to
    failures: list[str] = field(default_factory=list)
    capped: int = 0  # links not fetched because their pattern had been fetched enough times
    admin_skipped: int = 0  # admin links not opened: changelists listed on the index, object pages, sort links

    @property
    def pages(self) -> int:
        return len(self.visits)


def crawl(client: Client, role: str, start: str, *, clicks: int = 3, per_pattern: int = 3,
          wanted: set[str] | None = None) -> Crawl:
    """Walk breadth-first from `start` (depth 0, redirects followed) to the pages `clicks` links away.

    A link is a failure when it answers 403, 404 or 5xx (after its redirects). At most `per_pattern` URLs of one
    URL pattern are fetched (the admin lists hundreds of change pages, a list many sort orders). `wanted`: the
    patterns the person must reach, for which the admin registers are opened if the links missed them.
    """
    result = Crawl(role)
    errors: list[str] = []

    def keep_error(sender, **kwargs) -> None:
        error = sys.exc_info()[1]
        errors.append(f"{type(error).__name__}: {str(error)[:300]}")

    seen: set[str] = set()
    fetched_per_pattern: Counter[str] = Counter()
    listed: list[tuple[Target, int]] = []  # changelists on the admin index, not opened, with their depth

    def visit(target: Target, depth: int) -> list[Target]:
        """Fetch one link (unless the walk leaves it); the links and forms on the page if it may be followed."""
        if target.method == "post":
            name = view_name_of(urlsplit(target.url).path)
            if name:
                result.reached_by_form.setdefault(name, target.found_on)
            return []
        if target.url in seen:
            return []
        name = view_name_of(urlsplit(target.url).path) or "(no pattern)"
        if name.startswith("admin:") and not _admin_list(name, target):
            if view_name_of(urlsplit(target.found_on).path) in ADMIN_INDEXES and name.endswith("_changelist"):
                result.listed_in_admin.setdefault(name, target.found_on)
                listed.append((target, depth))
            result.admin_skipped += 1
            return []
        if fetched_per_pattern[name] >= per_pattern:
            result.capped += 1
            return []
        seen.add(target.url)
        fetched_per_pattern[name] += 1
        errors.clear()
        fetched, chain, html = _fetch(client, target, depth)
        result.visits.append(fetched)
        if fetched.status in (403, 404) or fetched.status >= 500:
            detail = f" ({'; '.join(errors)})" if errors else ""
            result.failures.append(
                f"{role}: on {target.found_on} the link {target.url} answers {fetched.status}{detail}")
            return []
        if fetched.status >= 400:
            return []
        for url in chain:
            reached = view_name_of(urlsplit(url).path)
            if reached:
                result.reached.setdefault(reached, url)
        if html is None or depth == clicks:
            return []
        return [Target(url, fetched.final_url, method) for href, method in links_of(html)
                if (url := same_site_url(href, fetched.final_url)) is not None]

    got_request_exception.connect(keep_error)
    try:
        frontier = [Target(start, "(home)")]
        for depth in range(clicks + 1):
            frontier = [found for target in frontier for found in visit(target, depth)]
        # The admin's registers were counted from the index, unopened. A page the person still lacks may be linked
        # from its own app's register (a column leading to the work page): open those now, following only such
        # links.
        for target, depth in listed:
            missing = (wanted or set()) - set(result.reached) - set(result.reached_by_form) - set(
                result.listed_in_admin)
            apps = {name.split(":")[0] for name in missing}
            if not apps:
                break
            register = view_name_of(urlsplit(target.url).path) or ""
            if not any(register.startswith(f"admin:{app}_") for app in apps):
                continue
            seen.discard(target.url)
            for found in visit(Target(target.url, "(admin index)"), depth):
                name = view_name_of(urlsplit(found.url).path) or ""
                if name in missing:
                    visit(Target(found.url, target.url, found.method), depth + 1)
    finally:
        got_request_exception.disconnect(keep_error)
    return result


ADMIN_INDEXES = ("admin:index", "admin:app_list")


def _admin_list(name: str, target: Target) -> bool:
    """In the admin the walk opens the index and the app lists (which list every register the person may view),
    and a changelist only when a page outside the admin links to it (a staff-home queue, a work page): not each
    object's change, history or delete page, nor a list's sort, filter and page links."""
    if name in ADMIN_INDEXES:
        return True
    found_on = view_name_of(urlsplit(target.found_on).path) or ""
    return name.endswith("_changelist") and not found_on.startswith("admin:")


def _fetch(client: Client, target: Target, depth: int) -> tuple[Visit, list[str], str | None]:
    """GET the URL and follow its redirects on this site; the visit, the chain of URLs, and the HTML if any."""
    started = time.monotonic()
    url, chain = target.url, [target.url]
    response = client.get(url)
    while response.status_code in (301, 302, 303, 307, 308) and len(chain) <= MAX_REDIRECTS:
        following = same_site_url(response["Location"], url)
        if following is None:
            break
        url = following
        chain.append(url)
        response = client.get(url)
    html = None
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode(response.charset or "utf-8", errors="replace")
    visit = Visit(target.url, target.found_on, depth, response.status_code, url, time.monotonic() - started)
    return visit, chain, html


def url_patterns() -> dict[str, tuple[str, Callable]]:
    """Every named URL pattern: its view name → (the namespace of its app, "" for the root's own; its view)."""
    found: dict[str, tuple[str, Callable]] = {}

    def walk(resolver: URLResolver, namespaces: list[str]) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, [*namespaces, entry.namespace] if entry.namespace else namespaces)
            elif isinstance(entry, URLPattern) and entry.name:
                found.setdefault(":".join([*namespaces, entry.name]), (":".join(namespaces), entry.callback))

    walk(get_resolver(), [])
    return found
