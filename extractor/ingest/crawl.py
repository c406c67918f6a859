"""Ingest notices from the web: ``polex ingest URL…`` and ``polex crawl URL --follow PATTERN``.

Every response is archived raw (bytes and headers, table ``fetches``) before it is parsed,
so a parser fix can re-run without fetching again. A page whose validators (ETag,
Last-Modified) are known is fetched conditionally; a 304 or identical bytes is a no-op.
Attachments linked from a notice (.doc .docx .pdf .wps .xls .xlsx) are recorded; with
``attachments=True`` the .docx and PDF ones are fetched and ingested too. A bad URL gives
one failed result with its code and the run goes on.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from extractor.errors import InputError, describe_internal
from extractor.ingest.fetch import FetchError, Fetcher, Response
from extractor.normalize.html import find_links, looks_like_html
from extractor.pipeline import extract_bytes
from extractor.kb.store import IngestResult, Store, document_rows
from extractor.recache import compile_re

ATTACHMENT_EXT = compile_re(r"\.(docx?|pdf|wps|xlsx?)$", re.I)
Progress = Callable[[int, int, str], None]


def _fail(store: Store, url: str, code: str, message: str, sha: str | None = None) -> IngestResult:
    store.record_failure(url, sha, code, message)
    return IngestResult(url, "failed", code=code, message=message)


def fetch_archived(store: Store, fetcher: Fetcher, url: str, conditional: bool = True) -> Response:
    """Fetch one URL, archive what came back (or the failure), and return it."""
    cache = store.cached(url) if conditional else None
    try:
        r = fetcher.fetch(url, cache["etag"] if cache else None, cache["last_modified"] if cache else None)
    except FetchError as e:
        store.archive(url, None, e.status, None, None, e.redirects, e.code, e.message)
        raise
    store.archive(url, r.final_url, r.status, r.headers, r.content or None, r.redirects)
    return r


Mapper = Callable[..., Iterator[Any]]  # map, or extractor.scale's process pool / Dask cluster
Page = tuple[str, bytes, str, str | None]  # url asked, body, final url, Content-Type
Parsed = tuple[dict | None, list[tuple[str, str, str]], str | None, str | None]  # store rows, attachment links | code, message


def parse_page(page: Page) -> Parsed:
    """The pipeline on one fetched page, up to the rows the store writes and the attachments it
    links to; never raises (module-level: a process pool or a Dask cluster runs it)."""
    url, content, final_url, content_type = page
    try:
        doc = extract_bytes(content, url=final_url, content_type=content_type)
        rows = document_rows(doc, content)
    except InputError as e:
        return None, [], e.code, str(e)
    except Exception as e:  # noqa: BLE001 - one page never stops the run
        return None, [], "E904", describe_internal(e)
    links = []
    if doc.source.media_type == "text/html":
        links = [(u, t, ATTACHMENT_EXT.search(urlsplit(u).path).group(1).lower())  # type: ignore[union-attr]
                 for u, t in find_links(doc.raw_text, final_url) if ATTACHMENT_EXT.search(urlsplit(u).path)]
    return rows, links, None, None


def _crashed(page: Page, message: str) -> Parsed:
    return None, [], "E904", message


parse_page.on_crash = _crashed  # type: ignore[attr-defined] - what a process pool reports when a worker dies on it


def _fetch_page(store: Store, fetcher: Fetcher, url: str) -> tuple[list[IngestResult] | None, Page | None, dict]:
    """Fetch and archive one URL: what became of it when that is already known (failed, not
    modified, bytes already stored), else the page to parse and its response headers."""
    try:
        r = fetch_archived(store, fetcher, url)
    except FetchError as e:
        return [_fail(store, url, e.code, e.message)], None, {}
    cache = store.cached(url)
    if r.not_modified:
        store.remember(url, r.headers.get("etag") or (cache["etag"] if cache else None),
                       r.headers.get("last-modified") or (cache["last_modified"] if cache else None), None, None)
        return [IngestResult(url, "not_modified", cache["doc_id"] if cache else None)], None, {}
    sha = hashlib.sha256(r.content).hexdigest()
    existing = store.has_bytes(sha)
    if existing:
        store.remember(url, r.headers.get("etag"), r.headers.get("last-modified"), sha, existing)
        return [IngestResult(url, "duplicate", existing)], None, {}
    return None, (url, r.content, r.final_url, r.content_type), r.headers


def _store_page(store: Store, fetcher: Fetcher, page: Page, parsed: Parsed, headers: dict, attachments: bool) -> list[IngestResult]:
    """Write one parsed page (this process is the one writer), then its attachments."""
    url, content, _, _ = page
    rows, links, code, message = parsed
    sha = hashlib.sha256(content).hexdigest()
    if rows is None:
        return [_fail(store, url, code or "E904", message or "", sha)]
    try:
        result = store.add_rows(rows, url)
    except Exception as e:  # noqa: BLE001 - one page never stops the run; the store rolled back
        return [_fail(store, url, "E904", describe_internal(e), sha)]
    store.remember(url, headers.get("etag"), headers.get("last-modified"), sha, result.doc_id)
    out = [result]
    if result.status == "duplicate":  # stored meanwhile (the same bytes at two URLs of one batch)
        return out
    if links and result.doc_id:
        store.add_attachments(result.doc_id, links)
        if attachments:
            for u, _, ext in links:
                if ext in ("docx", "pdf"):
                    sub = ingest_url(store, fetcher, u)
                    out.extend(sub)
                    if sub and sub[0].doc_id:
                        store.link_attachment(result.doc_id, u, sub[0].doc_id)
    return out


def ingest_url(store: Store, fetcher: Fetcher, url: str, attachments: bool = False) -> list[IngestResult]:
    """One notice URL (and, when asked, its .docx/.pdf attachments)."""
    return ingest_urls(store, fetcher, [url], attachments)


def ingest_urls(store: Store, fetcher: Fetcher, urls: Iterable[str], attachments: bool = False,
                progress: Progress | None = None, mapper: Mapper = map) -> list[IngestResult]:
    """Fetch, parse and store notice URLs, in order.

    Fetching stays in this process, one request at a time (the fetcher's per-host delay and
    robots.txt hold as with one worker); ``mapper`` (a process pool or a Dask cluster, see
    :mod:`extractor.scale`) runs the pipeline on the fetched pages, a few ahead of the writer;
    this process stores them in input order. Pages decided without the pipeline (failed, not
    modified, already stored) never leave this process.
    """
    urls = list(urls)
    slots: list[list[IngestResult]] = [[] for _ in urls]  # what became of each URL, filled as it is decided
    pending: deque[tuple[int, Page, dict]] = deque()  # pages handed to the mapper, in order

    def fetched() -> Iterator[Page]:
        for k, u in enumerate(urls):
            if progress:
                progress(k + 1, len(urls), u)
            done, page, headers = _fetch_page(store, fetcher, u)
            if done is not None:
                slots[k] = done
                continue
            pending.append((k, page, headers))
            yield page

    for parsed in mapper(parse_page, fetched()):
        k, page, headers = pending.popleft()
        slots[k] = _store_page(store, fetcher, page, parsed, headers, attachments)
    return [r for slot in slots for r in slot]


def crawl(store: Store, fetcher: Fetcher, start: str, follow: str, max_pages: int = 50, same_host: bool = True,
          attachments: bool = False, progress: Progress | None = None, mapper: Mapper = map) -> list[IngestResult]:
    """Fetch a list page and ingest the notices it links to whose URL matches ``follow`` (a regex);
    ``mapper`` runs the pipeline on them (see :func:`ingest_urls`)."""
    try:
        r = fetch_archived(store, fetcher, start, conditional=False)
    except FetchError as e:
        return [_fail(store, start, e.code, e.message)]
    from extractor.normalize.decode import decode_bytes

    page = decode_bytes(r.content, r.content_type).text
    if not looks_like_html(page):
        return [_fail(store, start, "E914", "the start page is not HTML")]
    pattern = compile_re(follow)
    host = urlsplit(r.final_url).netloc
    targets: list[str] = []
    for u, _ in find_links(page, r.final_url):
        if u in targets or not pattern.search(u) or (same_host and urlsplit(u).netloc != host):
            continue
        targets.append(u)
    return ingest_urls(store, fetcher, targets[:max_pages], attachments, progress, mapper)
