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
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from extractor.errors import InputError, describe_internal
from extractor.ingest.fetch import FetchError, Fetcher, Response
from extractor.normalize.html import find_links, looks_like_html
from extractor.pipeline import extract_bytes
from extractor.kb.store import IngestResult, Store

ATTACHMENT_EXT = re.compile(r"\.(docx?|pdf|wps|xlsx?)$", re.I)
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


def ingest_url(store: Store, fetcher: Fetcher, url: str, attachments: bool = False) -> list[IngestResult]:
    """One notice URL (and, when asked, its .docx/.pdf attachments)."""
    try:
        r = fetch_archived(store, fetcher, url)
    except FetchError as e:
        return [_fail(store, url, e.code, e.message)]
    cache = store.cached(url)
    if r.not_modified:
        store.remember(url, r.headers.get("etag") or (cache["etag"] if cache else None),
                       r.headers.get("last-modified") or (cache["last_modified"] if cache else None), None, None)
        return [IngestResult(url, "not_modified", cache["doc_id"] if cache else None)]
    sha = hashlib.sha256(r.content).hexdigest()
    existing = store.has_bytes(sha)
    if existing:
        store.remember(url, r.headers.get("etag"), r.headers.get("last-modified"), sha, existing)
        return [IngestResult(url, "duplicate", existing)]
    try:
        doc = extract_bytes(r.content, url=r.final_url, content_type=r.content_type)
        result = store.add(doc, r.content)
    except InputError as e:
        return [_fail(store, url, e.code, str(e), sha)]
    except Exception as e:  # noqa: BLE001 - one page never stops the run; the store rolled back
        return [_fail(store, url, "E904", describe_internal(e), sha)]
    store.remember(url, r.headers.get("etag"), r.headers.get("last-modified"), sha, result.doc_id)
    out = [result]
    if doc.source.media_type == "text/html":
        links = [(u, t, ATTACHMENT_EXT.search(urlsplit(u).path).group(1).lower())  # type: ignore[union-attr]
                 for u, t in find_links(doc.raw_text, r.final_url) if ATTACHMENT_EXT.search(urlsplit(u).path)]
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


def ingest_urls(store: Store, fetcher: Fetcher, urls: Iterable[str], attachments: bool = False,
                progress: Progress | None = None) -> list[IngestResult]:
    urls = list(urls)
    out: list[IngestResult] = []
    for k, u in enumerate(urls, start=1):
        if progress:
            progress(k, len(urls), u)
        out.extend(ingest_url(store, fetcher, u, attachments))
    return out


def crawl(store: Store, fetcher: Fetcher, start: str, follow: str, max_pages: int = 50, same_host: bool = True,
          attachments: bool = False, progress: Progress | None = None) -> list[IngestResult]:
    """Fetch a list page and ingest the notices it links to whose URL matches ``follow`` (a regex)."""
    try:
        r = fetch_archived(store, fetcher, start, conditional=False)
    except FetchError as e:
        return [_fail(store, start, e.code, e.message)]
    from extractor.normalize.decode import decode_bytes

    page = decode_bytes(r.content, r.content_type).text
    if not looks_like_html(page):
        return [_fail(store, start, "E914", "the start page is not HTML")]
    pattern = re.compile(follow)
    host = urlsplit(r.final_url).netloc
    targets: list[str] = []
    for u, _ in find_links(page, r.final_url):
        if u in targets or not pattern.search(u) or (same_host and urlsplit(u).netloc != host):
            continue
        targets.append(u)
    return ingest_urls(store, fetcher, targets[:max_pages], attachments, progress)
