"""Polite HTTP fetching of notice pages and their attachments.

One :class:`Fetcher` per run: an ``httpx`` client with timeouts and a clear User-Agent;
retries with exponential backoff on 5xx, 429 and connection errors; a minimum delay between
requests to the same host; robots.txt obeyed (fetched once per host; unreachable robots
with a 5xx means "wait", so the host is skipped); redirects followed by hand so that each hop
is recorded and a loop is caught; a size cap enforced while streaming; a content-type check;
conditional requests (ETag / Last-Modified) so a re-crawl of an unchanged page is a 304.

Every fetch, robots.txt included, also has an overall deadline: ``timeout`` bounds each read,
but a server that drips one byte a second would never trip it, so a watchdog shuts the socket
when the deadline passes (E917).

Errors are :class:`FetchError` with a stable code (E910–E920, see ``extractor/errors.py``); the
caller records them and goes on with the next URL. No httpx exception leaves this module.
"""

from __future__ import annotations

import socket
import threading
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
    deadline: float = 120.0
    """Seconds one :meth:`Fetcher.fetch` may take in all (robots.txt, redirects, retries, slow bodies)."""
    max_robots_bytes: int = 512 * 1024
    """A larger robots.txt is refused (Google reads 500 KiB); the host is skipped (E920)."""


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
        # no keep-alive: every request opens its own connection, so the watchdog always knows
        # the socket to shut (a polite crawl waits --delay between requests anyway)
        self.client = httpx.Client(timeout=settings.timeout, headers={"User-Agent": settings.user_agent},
                                   follow_redirects=False, transport=transport,
                                   limits=httpx.Limits(max_keepalive_connections=0))
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchError | None] = {}
        self._deadline: float | None = None

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
                self._sleep(pause)
        self._last[host] = time.monotonic()

    def _remaining(self) -> float:
        return float("inf") if self._deadline is None else self._deadline - time.monotonic()

    def _sleep(self, seconds: float) -> None:
        """Sleep, but never past the deadline of the current fetch."""
        time.sleep(max(0.0, min(seconds, self._remaining())))

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host says this user agent may fetch it.

        Raises :class:`FetchError` when robots.txt cannot be used: the host is down (E911,
        E916), answers 5xx or sends an oversized file (E920), or a damaged body (E919).
        """
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            rp = urllib.robotparser.RobotFileParser(base + "/robots.txt")
            result: urllib.robotparser.RobotFileParser | FetchError
            try:
                r = self._get(base + "/robots.txt", {}, max_bytes=self.settings.max_robots_bytes, what="robots.txt")
            except FetchError as e:
                if e.code == "E917":  # our own deadline ran out: not the host's fault, ask again next time
                    raise FetchError("E917", url, f"robots.txt: {e.message}") from None
                code = "E920" if e.code == "E910" else e.code  # 5xx after the retries: the host asked to wait
                result = FetchError(code, url, f"robots.txt: {e.message}; the host is skipped", e.status)
            else:
                if r.status >= 500:  # robots unreachable: the host asked to wait; do not crawl it now
                    result = FetchError("E920", url, f"robots.txt answered HTTP {r.status}; the host is skipped", r.status)
                elif r.status >= 400:
                    rp.parse([])  # no robots.txt: everything allowed
                    result = rp
                else:
                    rp.parse(r.content.decode("utf-8", "replace").splitlines())
                    result = rp
            self._robots[base] = result
        found = self._robots[base]
        if isinstance(found, FetchError):
            raise FetchError(found.code, url, found.message, found.status)
        return found is not None and found.can_fetch(self.settings.user_agent, url)

    # -- one request, with retries and the size cap -----------------------------------------
    def _get(self, url: str, headers: dict[str, str], max_bytes: int | None = None, what: str = "") -> Response:
        s = self.settings
        limit = s.max_bytes if max_bytes is None else max_bytes
        code_big = "E920" if what == "robots.txt" else "E913"
        host = urlsplit(url).netloc
        last_error: FetchError | None = None
        for attempt in range(s.retries + 1):
            if attempt:
                self._sleep(s.backoff * 2 ** (attempt - 1))
            if self._remaining() <= 0:
                raise FetchError("E917", url, f"the fetch took longer than its deadline of {s.deadline:g} s")
            self._wait(host)
            t0 = time.monotonic()
            watchdog = _Watchdog(self._remaining())
            encoding = "compressed"
            try:
                with self.client.stream("GET", url, headers=headers, extensions={"trace": watchdog.trace}) as r:
                    if r.status_code >= 500 or r.status_code == 429:
                        last_error = FetchError("E910", url, f"HTTP {r.status_code}", r.status_code)
                        continue
                    encoding = r.headers.get("content-encoding", encoding)
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise FetchError(code_big, url, f"{declared} bytes declared; the limit is {limit}", r.status_code)
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(code_big, url, f"more than {limit} bytes; stopped reading", r.status_code)
                        chunks.append(chunk)
                    if watchdog.fired:  # the body ended because the watchdog shut the socket
                        raise FetchError("E917", url, f"the fetch took longer than its deadline of {s.deadline:g} s "
                                         f"({size} bytes had arrived)")
                    return Response(url, str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()},
                                    b"".join(chunks), elapsed=time.monotonic() - t0)
            except httpx.DecodingError as e:  # corrupt gzip/deflate/brotli: retrying gets the same bytes
                raise FetchError("E919", url, f"damaged {encoding} body: {e}") from None
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:
                # the URL itself was checked in fetch(): httpx refused the Location it was sent
                # (it builds the next request even when not following: data:, javascript: …)
                raise FetchError("E918", url, f"redirect to a URL that is not plain http(s) or not valid: {e}") from None
            except httpx.TimeoutException as e:
                if watchdog.fired:
                    raise FetchError("E917", url, f"the fetch took longer than its deadline of {s.deadline:g} s") from None
                last_error = FetchError("E911", url, f"timeout after {s.timeout:g} s ({type(e).__name__})")
            except httpx.HTTPError as e:  # refused, reset, DNS, protocol errors
                if watchdog.fired:
                    raise FetchError("E917", url, f"the fetch took longer than its deadline of {s.deadline:g} s") from None
                last_error = FetchError("E916", url, f"connection failed: {type(e).__name__}: {e}")
            finally:
                watchdog.cancel()
                self._last[host] = time.monotonic()  # --delay counts from the end of a request
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
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as e:
            raise FetchError("E918", url, f"not a valid URL: {e}") from None
        if parsed.scheme not in ("http", "https"):
            raise FetchError("E918", url, f"only http and https URLs are fetched, not {parsed.scheme or '(no scheme)'}:")
        if not parsed.host:
            raise FetchError("E918", url, "the URL has no host")
        self._deadline = time.monotonic() + self.settings.deadline
        try:
            return self._follow(url, current, headers, redirects, seen)
        finally:
            self._deadline = None

    def _follow(self, url: str, current: str, headers: dict[str, str], redirects: list[tuple[int, str]], seen: set[str]) -> Response:
        for _ in range(self.settings.max_redirects + 1):
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):  # a redirect to data:, file:, ftp:, javascript: …
                raise FetchError("E918", url, f"redirect to an unsupported URL scheme {scheme + ':' if scheme else current[:40]!r}",
                                 redirects=redirects)
            if not self.allowed(current):
                raise FetchError("E912", current, "disallowed by robots.txt", redirects=redirects)
            try:
                r = self._get(current, headers)
            except FetchError as e:
                raise FetchError(e.code, url, e.message, e.status, redirects) from None
            if r.status in (301, 302, 303, 307, 308) and "location" in r.headers:
                try:
                    nxt = urljoin(current, r.headers["location"].strip())
                except ValueError as e:  # e.g. an invalid IPv6 host
                    raise FetchError("E918", url, f"unusable redirect target: {e}", r.status, redirects) from None
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


class _Watchdog:
    """Shuts the socket of one request when the fetch's deadline passes.

    httpx's timeout bounds each read, not the whole response; a server dripping a byte
    every few seconds keeps a fetch alive for ever. httpcore reports the socket it opens
    through the ``trace`` extension; a timer shuts it down, which ends the blocking read.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire) if seconds != float("inf") else None
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def trace(self, event: str, info: dict) -> None:
        if event == "connection.connect_tcp.complete" and info.get("return_value") is not None:
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                self._sock = sock
                if self.fired:
                    self._shut()

    def _shut(self) -> None:
        try:
            if self._sock is not None:
                self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shut()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
