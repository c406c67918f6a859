"""Read-only questions the browser app (``polex serve``) asks the store.

Everything here is portable SQL — ``?`` placeholders, standard SQL only (``LIKE … ESCAPE``,
``EXISTS``, ``COUNT``), rows read by column name — through ``store.db.execute``, so that it
runs on any backend that offers that interface.

Search is one function, :func:`match_condition`: the SQL condition "document ``d`` contains
this substring in its title or in one of its clauses". It finds every substring (理事, 低保,
监事 — the index of whole jieba words finds none of these: 理事会 is one word there), through
the store's bigram index (:meth:`Store.substring_hits`): the clauses holding every bigram of
the term, checked for the exact substring.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any

from extractor.kb.store import Store
from extractor.model import Document
from extractor.normalize.decode import decode_bytes
from extractor.normalize.office import office_text, sniff_office
from extractor.pipeline import extract_bytes

FACETS = ("level", "issuer", "year", "doc_type", "status")
DOC_COLUMNS = ("doc_id", "title", "issuer", "level", "date", "year", "doc_number", "doc_type", "status", "version",
               "n_sections", "n_requirements", "n_thresholds", "n_citations")
ISSUER_SEP = "、"  # Store.add joins a document's issuers with 、 in documents.issuer
MAX_QUERY = 200  # characters of a search term; longer ones are cut (a clause is rarely longer)


@dataclass(frozen=True)
class DocFilters:
    """What the index page is narrowed to: facet values and a search term."""

    level: str | None = None
    issuer: str | None = None
    year: int | None = None
    doc_type: str | None = None
    status: str | None = None
    q: str | None = None

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def like_pattern(term: str) -> str:
    r"""A LIKE pattern matching ``term`` anywhere, its wildcards taken literally (escape character ``\``).

    >>> like_pattern("50%_理事")
    '%50\\%\\_理事%'
    """
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def clean_term(q: str | None) -> str | None:
    """The search term as searched: surrounding white space dropped, at most MAX_QUERY characters; None when empty."""
    t = (q or "").strip()[:MAX_QUERY]
    return t or None


def match_condition(store: Store, q: str, alias: str = "d") -> tuple[str, list[Any]]:
    """SQL condition: document ``alias`` holds ``q`` as a substring of its title or of one of its clauses.

    The one place search is defined (see the module docstring): the clauses come from the
    store's substring index (:meth:`Store.substring_hits`), looked up once for the whole
    query, never a scan of every clause.
    """
    pat = like_pattern(q)
    sql, args = store.substring_hits(q)
    # one set of documents (titles, then clauses), which the planner reads once: an OR of the two
    # made it test every document of the store in page order (54 ms for nothing at 10,000)
    return (f"{alias}.doc_id IN (SELECT t.doc_id FROM documents t WHERE t.title LIKE ? ESCAPE '\\' "
            f"UNION SELECT h.doc_id FROM ({sql}) h)", [pat, *args])


def _where(store: Store, f: DocFilters) -> tuple[str, list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    for col in ("level", "year", "doc_type", "status"):
        v = getattr(f, col)
        if v not in (None, ""):
            where.append(f"d.{col} = ?")
            args.append(v)
    if f.issuer:
        where.append("d.doc_id IN (SELECT i.doc_id FROM issuers i WHERE i.name = ?)")  # by the index issuers_name
        args.append(f.issuer)
    q = clean_term(f.q)
    if q:
        cond, a = match_condition(store, q)
        where.append(cond)
        args += a
    return (" WHERE " + " AND ".join(where) if where else ""), args


@dataclass
class DocumentList:
    total: int
    exact: bool  # False: a search matched more than ``total`` documents; only the first ``total`` were read
    rows: list[dict]
    facets: dict[str, list[tuple[Any, int]]]
    hits: dict[str, list[dict]]  # doc_id → clauses holding the search term (a few per document)
    sums: dict[str, int]  # requirements, thresholds, citations over the documents counted


# Newest first, in the order of the index documents_year_level(year, level, doc_id) read backwards,
# so that a search with a LIMIT stops at the first matches instead of matching every document.
ORDER = " ORDER BY d.year DESC, d.level DESC, d.doc_id DESC"
SUMS = ("requirements", "thresholds", "citations")
SEARCH_CAP = 200  # documents a search reads at most (for its facets and count) before the page it shows


def list_documents(store: Store, f: DocFilters, limit: int = 50, offset: int = 0, facet_size: int = 30,
                   hits_per_doc: int = 3, search_cap: int = SEARCH_CAP) -> DocumentList:
    """One page of documents under the filters, with facet counts and search hits.

    Without a search term, counts and facets are exact (indexed aggregates). With one, the
    matching documents are read newest first up to ``search_cap`` (or the end of the page
    shown, if further): the count and facets are then over those, and ``exact`` says whether
    that was all of them — a substring scan over every clause of a large store is what an
    indexed search would make cheap.
    """
    where, args = _where(store, f)
    q = clean_term(f.q)
    if q:
        cap = max(search_cap, offset + limit) + 1
        scan = store.db.execute(f"SELECT d.doc_id, d.level, d.year, d.doc_type, d.status, d.issuer, d.n_requirements, d.n_thresholds, "
                                f"d.n_citations FROM documents d{where}{ORDER} LIMIT ?", (*args, cap)).fetchall()
        exact = len(scan) < cap
        scan = scan[:cap - 1]
        facets = _count_facets(scan, facet_size)
        ids = [r["doc_id"] for r in scan[offset:offset + limit]]
        total = len(scan)
        sums = {k: sum(r[f"n_{k}"] or 0 for r in scan) for k in SUMS}
    else:
        exact = True
        # one pass over the documents gives the count, the sums and the status facet (status has no index)
        by_status = store.db.execute(
            f"SELECT d.status AS v, COUNT(*) AS n, SUM(d.n_requirements) AS requirements, SUM(d.n_thresholds) AS thresholds, "  # noqa: S608
            f"SUM(d.n_citations) AS citations FROM documents d{where} GROUP BY d.status", args).fetchall()
        total = sum(r["n"] for r in by_status)
        sums = {k: sum(r[k] or 0 for r in by_status) for k in SUMS}
        facets = {"status": sorted(((r["v"], r["n"]) for r in by_status), key=lambda kv: (-kv[1], str(kv[0])))[:facet_size]}
        for col in ("level", "year", "doc_type"):  # each read off its index
            facets[col] = [(r["v"], r["n"]) for r in store.db.execute(
                f"SELECT d.{col} AS v, COUNT(*) AS n FROM documents d{where} GROUP BY d.{col} ORDER BY n DESC, v LIMIT ?",  # noqa: S608
                (*args, facet_size))]
        narrowed = f" WHERE i.doc_id IN (SELECT d.doc_id FROM documents d{where})" if where else ""  # else the index issuers_name alone
        facets["issuer"] = [(r["v"], r["n"]) for r in store.db.execute(
            f"SELECT i.name AS v, COUNT(*) AS n FROM issuers i{narrowed} GROUP BY i.name ORDER BY n DESC, v LIMIT ?",  # noqa: S608
            (*args, facet_size))]
        facets = {k: facets[k] for k in FACETS}
        ids = [r["doc_id"] for r in store.db.execute(f"SELECT d.doc_id FROM documents d{where}{ORDER} LIMIT ? OFFSET ?",
                                                     (*args, limit, offset))]
    rows = _documents_by_id(store, ids)
    hits = clause_hits(store, ids, q, hits_per_doc) if q and ids else {}
    return DocumentList(total, exact, rows, facets, hits, sums)


def _count_facets(scan: list, facet_size: int) -> dict[str, list[tuple[Any, int]]]:
    counts: dict[str, Counter] = {k: Counter() for k in FACETS}
    for r in scan:
        for k in ("level", "year", "doc_type", "status"):
            counts[k][r[k]] += 1
        for name in (r["issuer"] or "").split(ISSUER_SEP):
            if name:
                counts["issuer"][name] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[:facet_size] for k, c in counts.items()}


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _documents_by_id(store: Store, ids: list[str]) -> list[dict]:
    if not ids:
        return []
    found = {r["doc_id"]: dict(r) for r in store.db.execute(
        f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE doc_id IN ({_marks(len(ids))})", ids)}  # noqa: S608
    return [found[i] for i in ids if i in found]


def clause_hits(store: Store, doc_ids: list[str], q: str, per_doc: int = 3) -> dict[str, list[dict]]:
    """The first clauses of each document that hold ``q``, with where the term stands in them."""
    out: dict[str, list[dict]] = {}
    pat = like_pattern(q)
    for d in doc_ids:
        rows = store.db.execute("SELECT id, section_id, text, start, end FROM clauses WHERE doc_id = ? AND text LIKE ? ESCAPE '\\' "
                                "ORDER BY start LIMIT ?", (d, pat, per_doc)).fetchall()
        out[d] = [{"clause": r["id"], "section": r["section_id"], "text": r["text"], "start": r["start"], "end": r["end"],
                   "at": r["text"].find(q)} for r in rows]
    return out


# -- one document --------------------------------------------------------------------------

def get_document(store: Store, doc_id: str) -> dict | None:
    r = store.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    if r is None:
        return None
    d = dict(r)
    d["issuers"] = [dict(x) for x in store.db.execute("SELECT name, level FROM issuers WHERE doc_id = ? ORDER BY position", (doc_id,))]
    return d


def _rows(store: Store, sql: str, args: tuple) -> list[dict]:
    return [dict(r) for r in store.db.execute(sql, args)]


def document_items(store: Store, doc_id: str) -> dict[str, list[dict]]:
    """Sections, clauses, requirements, thresholds, citations and dates of one document, in text order.

    Citations carry ``target``: the stored documents the reference resolves to (by 发文字号,
    then title key), or none — then ``key`` names the placeholder.
    """
    a = (doc_id,)
    items = {
        "sections": _rows(store, "SELECT id, parent, path, label, kind, title, start, end, raw_start, raw_end FROM sections "
                                 "WHERE doc_id = ? ORDER BY start", a),
        "clauses": _rows(store, "SELECT id, section_id, text, start, end FROM clauses WHERE doc_id = ? ORDER BY start", a),
        "requirements": _rows(store, "SELECT id, section_id, text, modality, trigger, actor, actor_source, action, deadline, "
                                     "deadline_date, condition, start, end, raw_start, raw_end FROM requirements WHERE doc_id = ? "
                                     "ORDER BY start, id", a),
        "thresholds": _rows(store, "SELECT id, requirement_id, section_id, subject, comparator, value_text, value_max, unit, kind, "
                                   "condition, baseline, hedge, text, start, end, raw_start, raw_end FROM thresholds "
                                   "WHERE doc_id = ? ORDER BY start, id", a),
        "citations": _rows(store, "SELECT id, section_id, requirement_id, role, relation, title, doc_number, number_key, "
                                  "title_key, issuer, year, cue, start, end, raw_start, raw_end FROM citations WHERE doc_id = ? "
                                  "ORDER BY start, id", a),
        "dates": _rows(store, "SELECT x.id, x.section_id, x.requirement_id, x.kind, x.comparator, x.date, x.date_from, x.time, "
                              "x.resolved_from, x.text, x.start, x.end, x.raw_start, x.raw_end FROM dates x WHERE x.doc_id = ? "
                              "ORDER BY x.start, x.id", a),
    }
    for c in items["citations"]:
        c["key"] = c["number_key"] or c["title_key"]
        c["targets"] = [t for t in resolve_key(store, c["number_key"], c["title_key"]) if t["doc_id"] != doc_id] \
            if c["role"] == "cites" else []
    return items


def resolve_key(store: Store, number: str | None, title: str | None) -> list[dict]:
    """Stored documents answering to a citation: by 发文字号 key first, then by title key (exact keys only)."""
    for key in (number, title):
        if key:
            rows = _rows(store, "SELECT d.doc_id, d.title, d.level, d.year FROM doc_keys k JOIN documents d ON d.doc_id = k.doc_id "
                                "WHERE k.key = ? ORDER BY d.year, d.doc_id", (key,))
            if rows:
                return rows
    return []


def related_documents(store: Store, doc: dict) -> dict[str, list[dict]]:
    """Editions (same series, other years), renditions (other stored versions of the same work) and
    the documents that implement or cite this one."""
    doc_id = doc["doc_id"]
    editions = _rows(store, "SELECT doc_id, title, level, year, date FROM documents WHERE series_key = ? AND doc_id <> ? "
                            "ORDER BY year, doc_id LIMIT 200", (doc["series_key"], doc_id)) if doc.get("series_key") else []
    renditions = _rows(store, "SELECT doc_id, title, level, year, version, ingested_at FROM documents WHERE work_id = ? AND doc_id <> ? "
                              "ORDER BY version LIMIT 200", (doc["work_id"], doc_id))
    keys = [r["key"] for r in store.db.execute("SELECT key FROM doc_keys WHERE doc_id = ?", (doc_id,))]
    citing: list[dict] = []
    if keys:
        m = _marks(len(keys))
        citing = _rows(store, "SELECT c.doc_id, c.relation, c.cue, d.title, d.level, d.year FROM citations c "  # noqa: S608
                              f"JOIN documents d ON d.doc_id = c.doc_id WHERE c.role = 'cites' AND c.doc_id <> ? AND "
                              f"(c.number_key IN ({m}) OR c.title_key IN ({m})) ORDER BY d.year, c.doc_id LIMIT 500",
                       (doc_id, *keys, *keys))
    seen: dict[str, dict] = {}
    for c in citing:  # one row per citing document; implements wins over cites
        if c["doc_id"] not in seen or c["relation"] == "implements":
            seen[c["doc_id"]] = c
    return {"editions": editions, "renditions": renditions,
            "implemented_by": [c for c in seen.values() if c["relation"] == "implements"],
            "cited_by": [c for c in seen.values() if c["relation"] != "implements"]}


def placeholder(store: Store, key: str) -> dict:
    """A document cited but (perhaps) not stored: how it is cited, by whom, and what it resolves to."""
    col = "number_key" if key.startswith("number:") else "title_key"
    citing = _rows(store, f"SELECT c.id, c.doc_id, c.relation, c.title, c.doc_number, c.cue, d.title AS doc_title, d.level, d.year "  # noqa: S608
                          f"FROM citations c JOIN documents d ON d.doc_id = c.doc_id WHERE c.{col} = ? ORDER BY d.year, c.doc_id "
                          "LIMIT 500", (key,))
    stored = resolve_key(store, key if col == "number_key" else None, key if col == "title_key" else None)
    title = next((c["title"] for c in citing if c["title"]), None)
    number = next((c["doc_number"] for c in citing if c["doc_number"]), None)
    return {"key": key, "title": title, "doc_number": number, "cited_by": citing, "stored": stored}


# -- the source ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """The bytes a document was read from and the text the pipeline decoded from them."""

    doc_id: str
    data: bytes
    media_type: str
    content_type: str | None  # the HTTP Content-Type it was fetched with, when it came from the web
    path: str | None
    url: str | None
    raw_text: str


def load_source(store: Store, doc_id: str) -> Source | None:
    """The stored bytes of a document decoded exactly as the pipeline decoded them (its ``raw_text``)."""
    r = store.db.execute("SELECT d.sha256, d.path, d.url, b.media_type, b.data FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                         "WHERE d.doc_id = ?", (doc_id,)).fetchone()
    if r is None:
        return None
    data = bytes(r["data"])
    ct = _fetched_content_type(store, r["sha256"])
    office = sniff_office(data)
    raw = office_text(data, office)[0] if office else decode_bytes(data, ct).text
    return Source(doc_id, data, r["media_type"], ct, r["path"], r["url"], raw)


def _fetched_content_type(store: Store, sha256: str) -> str | None:
    import json

    row = store.db.execute("SELECT headers FROM fetches WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)).fetchone()
    if row is None or not row["headers"]:
        return None
    try:
        return json.loads(row["headers"]).get("content-type")
    except ValueError:
        return None


def load_document(store: Store, doc_id: str) -> Document | None:
    """The full document re-read from its stored bytes (the store keeps the bytes, not every field).

    Raises :class:`~extractor.errors.InputError` when the stored bytes are no longer a notice
    for this parser.
    """
    src = load_source(store, doc_id)
    if src is None:
        return None
    return extract_bytes(src.data, path=src.path, url=src.url, content_type=src.content_type)
