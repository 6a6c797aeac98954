"""What every response carries and every request must pass: security headers and the Host check.

DNS rebinding: a page on another site can make its own name resolve to 127.0.0.1
and then talk to this server as if it were same-origin. The browser still sends
that name in the Host header, so the server answers only to the names it was
started for. Being framed by another site (clickjacking) is refused by
``frame-ancestors 'none'`` and X-Frame-Options.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import cast

from nnscratch.i18n import LANGUAGES, t
from nnscratch.web.http import to_json

# Everything from this server, nothing from elsewhere: the page must work offline, and a
# mistaken external link shows up as a blocked request in the browser tests.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def _normal(host: str) -> str:
    """A host name or address in one spelling: lower case, no brackets, no trailing dot."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        return host


def machine_names() -> set[str]:
    """This computer's names and the addresses they resolve to (for a server listening on every interface),
    plus the addresses of its outgoing routes (a host name often resolves only to 127.0.x.1)."""
    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        try:
            # cast: the address is a str for the AF_INET/AF_INET6 entries getaddrinfo returns
            names |= {cast(str, info[4][0]) for info in socket.getaddrinfo(name, None)}
        except OSError:
            pass
    names |= route_addresses()
    return {_normal(n) for n in names if n}


def route_addresses() -> set[str]:
    """The local address of the route to a public IPv4 and IPv6 address (a UDP connect sends no packet)."""
    found = set()
    for family, target in ((socket.AF_INET, "198.51.100.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                found.add(probe.getsockname()[0])
        except OSError:
            pass  # no such route (offline, no IPv6): nothing to add
    return found


def allowed_hosts(host: str | None) -> frozenset[str]:
    """The Host names to answer to when started with ``--host host`` (None: the local names only)."""
    names = {_normal(n) for n in LOCAL_NAMES}
    if host is not None and _normal(host) not in WILDCARDS:
        names.add(_normal(host))
    elif host is not None:
        names |= machine_names()
    return frozenset(names)


def split_host(header: str) -> str:
    """The name part of a Host header: 'localhost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    header = header.strip()
    if header.startswith("["):
        return _normal(header.split("]", 1)[0] + "]")
    return _normal(header.rsplit(":", 1)[0] if header.count(":") == 1 else header)


def _lang(scope, default: str) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    for part in query.split("&"):
        if part in ("lang=zh", "lang=en"):
            return part[5:]
    headers = dict(scope.get("headers", []))
    value = headers.get(b"x-lang", b"").decode("latin-1")
    return value if value in LANGUAGES else default


class Guard:
    """Pure ASGI middleware (it must not buffer the event stream): Host check, then SECURITY_HEADERS on every response.

    A request arriving with a Host that is the literal address it arrived on is accepted too:
    no rebinding attack can produce that, and it is how a LAN user opens a server on 0.0.0.0.
    """

    def __init__(self, app, hosts: frozenset[str], lang: str = "en"):
        self.app, self.hosts, self.lang = app, hosts, lang

    def allows(self, scope) -> tuple[bool, str]:
        raw = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        host = split_host(raw)
        server = scope.get("server") or (None,)
        return host in self.hosts or (server[0] is not None and host == _normal(str(server[0]))), raw

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        ok, host = self.allows(scope)
        if not ok:
            # The allowed names are not listed: a rebinding page can read this answer.
            lang = _lang(scope, self.lang)
            body = to_json({"error": t("web.err.bad_host", lang, host=host),
                            "key": "web.err.bad_host", "param": "host"}).encode()
            await send_with_headers({"type": "http.response.start", "status": 400,
                                     "headers": [(b"content-type", b"application/json"),
                                                 (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send_with_headers)
