"""The explorer's outer ASGI layer: which hosts it answers, which POSTs it accepts, how big a
body may be, and the security headers on every answer.

- **Host allow-list** (DNS rebinding): a request whose ``Host`` is not a loopback name, the
  bound host or a name given with ``--allow-host`` answers 400 before the app sees it.
- **Cross-site POSTs** (CSRF): a POST whose ``Sec-Fetch-Site`` says another site, or (from
  a client that does not send it) whose ``Origin`` (or, without one, ``Referer``) is another
  host than the request's or ``null``, answers 403;
  a POST body must be a form (``application/x-www-form-urlencoded``): anything else is 415
  (a ``text/plain`` body is never read as a form).
- **Body cap**: the largest body a form with :data:`~reportedly.web.params.MAX_TEXT_CHARS`
  characters of any script can take (a form sends each character as up to 12 bytes:
  4 UTF-8 bytes, each ``%XX``); the characters themselves are counted by the route.
- **Redirects** are relative: an absolute ``Location`` the framework builds from the
  ``Host`` header is cut to its path.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .params import MAX_TEXT_CHARS, BadRequest

# 12 bytes per character (4 UTF-8 bytes, each sent as %XX) plus room for the field names
MAX_BODY_BYTES = 12 * MAX_TEXT_CHARS + 16 * 1024
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin: the pages' own form posts carry their Origin (no-referrer makes it "null")
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def host_name(value: str) -> str:
    """The name of a ``Host`` header or netloc, lower-cased, without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, the address the server is bound to, and the names given."""
    names = set(LOOPBACK_HOSTS)
    if bound:
        names.add(host_name(bound))
    names |= {host_name(name) for name in extra if name.strip()}
    return frozenset(names)


def cross_site(headers: dict[bytes, bytes], host: str) -> str | None:
    """Why a POST with ``headers`` to ``host`` is refused as cross-site (``None``: it is not)."""
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").strip().lower()
    if site:  # a browser's own word (it may send ``Origin: null`` for its own page's form)
        return None if site in ("same-origin", "none") else f"a {site} form post is refused"
    for name in (b"origin", b"referer"):
        value = headers.get(name)
        if value is None:
            continue
        text = value.decode("latin-1").strip()
        if text == "null" or host_name(urlsplit(text).netloc) != host_name(host):
            return f"a post from another site ({name.decode()}: {text[:80]}) is refused"
        return None  # the Origin is enough when present; the Referer only without it
    return None


class Guard:
    """ASGI middleware around the explorer (see the module's docstring)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str], max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.hosts:
            await plain_error(send, 400, "unknown host (start the server with --allow-host NAME)")
            return
        if scope["method"] not in SAFE_METHODS:
            refused = cross_site(headers, host)
            if refused:
                await plain_error(send, 403, refused)
                return
            kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            has_body = headers.get(b"content-length", b"0") != b"0" or (
                b"transfer-encoding" in headers
            )
            if has_body and kind.decode("latin-1") not in FORM_TYPES:
                await plain_error(send, 415, "send the text as a form (x-www-form-urlencoded)")
                return
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await plain_error(send, 413, "request body too large")
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BadRequest("request body too large")
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    relative_location(name, value) for name, value in message.get("headers", [])
                ] + SECURITY_HEADERS
            await send(message)

        await self.app(scope, limited_receive, secured_send)


def relative_location(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    """A ``Location`` header without scheme and host (the rest unchanged)."""
    if name.lower() != b"location":
        return name, value
    parts = urlsplit(value.decode("latin-1"))
    if not parts.scheme and not parts.netloc:
        return name, value
    path = "/" + parts.path.lstrip("/")  # never '//evil' (a scheme-relative URL)
    return name, (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


async def plain_error(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": f"error: {text}\n".encode()})
