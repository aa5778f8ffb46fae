"""The university's networks and the browser's address: what "on campus" means for licensed databases, full texts
and the remote users of section 7, decided in one place."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

# Private ranges until an installation names its own (`UNIVERSITY_NETWORKS`, a list of CIDR blocks).
DEFAULT_UNIVERSITY_NETWORKS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")


@lru_cache(maxsize=32)
def _networks(specs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)


def ip_in_networks(ip: str | None, specs: tuple[str, ...]) -> bool:
    """Whether the address lies in one of the CIDR blocks; an unknown or malformed address lies in none."""
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in network for network in _networks(tuple(specs)))


def university_networks() -> tuple[str, ...]:
    return tuple(getattr(settings, "UNIVERSITY_NETWORKS", DEFAULT_UNIVERSITY_NETWORKS))


def on_university_network(ip: str | None) -> bool:
    return ip_in_networks(ip, university_networks())


def client_ip(request: HttpRequest) -> str | None:
    """The browser's address, also behind the reverse proxy.

    Behind nginx every request comes from 127.0.0.1, which would put the whole world on campus. With
    LOGIN_TRUSTED_PROXIES = n the address is the one the outermost of our n proxies appended to X-Forwarded-For
    (entries to its left were written by the client and can be forged).
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "LOGIN_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not chain:
        return remote
    return chain[-proxies] if len(chain) >= proxies else chain[0]
