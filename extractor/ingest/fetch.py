"""Polite HTTP fetching of notice pages and their attachments.

One :class:`Fetcher` per run: an ``httpx`` client with timeouts and a clear User-Agent;
retries with exponential backoff on 5xx, 429 and connection errors; a minimum delay between
requests to the same host; robots.txt obeyed (fetched once per host; unreachable robots
with a 5xx means "wait", so the host is skipped); redirects followed by hand so that each hop
is recorded and a loop is caught; a size cap enforced while streaming; a content-type check;
conditional requests (ETag / Last-Modified) so a re-crawl of an unchanged page is a 304.

Errors are :class:`FetchError` with a stable code (E910–E915); the caller records them and
goes on with the next URL.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from extractor import __version__
from extractor.errors import PolexError

USER_AGENT = f"polex/{__version__} (policy-notice research; +https://polex.local/bot)"
ACCEPTED_TYPES = (
    "text/html", "application/xhtml+xml", "text/plain", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
# octet-stream is accepted only for these: servers often send attachments that way
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".xls", ".xlsx")


class FetchError(PolexError):
    def __init__(self, code: str, url: str, message: str, status: int | None = None, redirects: list | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.code, self.url, self.message, self.status = code, url, message, status
        self.redirects = redirects or []


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5  # seconds; doubled at each retry
    delay: float = 1.0  # minimum seconds between two requests to one host
    max_bytes: int = 64 * 1024 * 1024
    max_redirects: int = 10
    user_agent: str = USER_AGENT
    obey_robots: bool = True


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: list[tuple[int, str]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class Fetcher:
    def __init__(self, settings: FetchSettings = FetchSettings(), transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.Client(timeout=settings.timeout, headers={"User-Agent": settings.user_agent},
                                   follow_redirects=False, transport=transport)
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------------
    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.settings.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host says this user agent may fetch it."""
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            rp: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(base + "/robots.txt")
            try:
                r = self._get(base + "/robots.txt", {})
            except FetchError:
                r = None
            if r is None or r.status >= 500:
                rp = None  # robots unreachable: the host asked to wait; do not crawl it now
            elif r.status >= 400:
                rp.parse([])  # no robots.txt: everything allowed
            else:
                rp.parse(r.content.decode("utf-8", "replace").splitlines())
            self._robots[base] = rp
        rp = self._robots[base]
        return rp is not None and rp.can_fetch(self.settings.user_agent, url)

    # -- one request, with retries and the size cap -----------------------------------------
    def _get(self, url: str, headers: dict[str, str]) -> Response:
        s = self.settings
        host = urlsplit(url).netloc
        last_error: FetchError | None = None
        for attempt in range(s.retries + 1):
            if attempt:
                time.sleep(s.backoff * 2 ** (attempt - 1))
            self._wait(host)
            t0 = time.monotonic()
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code >= 500 or r.status_code == 429:
                        last_error = FetchError("E910", url, f"HTTP {r.status_code}", r.status_code)
                        continue
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > s.max_bytes:
                        raise FetchError("E913", url, f"{declared} bytes declared; the limit is {s.max_bytes}", r.status_code)
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > s.max_bytes:
                            raise FetchError("E913", url, f"more than {s.max_bytes} bytes; stopped reading", r.status_code)
                        chunks.append(chunk)
                    return Response(url, str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()},
                                    b"".join(chunks), elapsed=time.monotonic() - t0)
            except httpx.TimeoutException as e:
                last_error = FetchError("E911", url, f"timeout after {s.timeout} s ({type(e).__name__})")
            except httpx.TransportError as e:
                last_error = FetchError("E911", url, f"connection error: {type(e).__name__}: {e}")
        assert last_error is not None
        raise FetchError(last_error.code, url, f"{last_error.message} (after {s.retries + 1} attempts)", last_error.status)

    # -- a page, following redirects -----------------------------------------------------
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET a notice page or document; raises :class:`FetchError` with a code."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        redirects: list[tuple[int, str]] = []
        seen = {url}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if not self.allowed(current):
                raise FetchError("E912", current, "disallowed by robots.txt", redirects=redirects)
            r = self._get(current, headers)
            if r.status in (301, 302, 303, 307, 308) and "location" in r.headers:
                nxt = urljoin(current, r.headers["location"])
                redirects.append((r.status, nxt))
                if nxt in seen:
                    raise FetchError("E915", url, f"redirect loop at {nxt}", r.status, redirects)
                seen.add(nxt)
                current = nxt
                continue
            r.url, r.redirects = url, redirects
            if r.status == 304:
                return r
            if r.status >= 400:
                raise FetchError("E910", url, f"HTTP {r.status}", r.status, redirects)
            self._check_type(r)
            return r
        raise FetchError("E915", url, f"more than {self.settings.max_redirects} redirects", redirects=redirects)

    def _check_type(self, r: Response) -> None:
        ctype = (r.content_type or "").split(";")[0].strip().lower()
        if not ctype or ctype in ACCEPTED_TYPES:
            return
        if ctype in ("application/octet-stream", "application/msword", "application/x-download", "application/force-download") and \
                urlsplit(r.final_url).path.lower().endswith(ATTACHMENT_SUFFIXES):
            return
        raise FetchError("E914", r.url, f"content type {ctype!r} is not a notice page or document", r.status, r.redirects)
