"""Questions to the store: documents, requirements, thresholds, dates (filtered), and ``trace``.

Every query is one indexed SQL statement, the same on both backends; full-text search over the
segmented clauses is the backend's (:meth:`Store.clause_hits`). Text filters are substring
tests (``instr``), not LIKE patterns: ``--issuer %`` means a per-cent sign, and a filter of any
length is fine. ``trace`` walks the citation links of one document (or of the document
of one requirement) upstream — what it implements, up to the national level — and
downstream — what implements it — and puts aligned thresholds side by side.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from extractor.errors import ParseError
from extractor.kb.graph import Resolver, align_requirements, guess_level
from extractor.kb.reuse import find_reuse, load_clauses, reuse_summary
from extractor.kb.works import ensure_index, find_renditions, series_members
from extractor.kb.store import Store
from extractor.recache import compile_re

LEVEL_RANK = {"national": 0, "provincial": 1, "municipal": 2, "county": 3, "unknown": 4}


@dataclass
class Filters:
    level: str | None = None
    issuer: str | None = None
    year: int | None = None
    doc_type: str | None = None
    modality: str | None = None
    subject: str | None = None
    unit: str | None = None
    kind: str | None = None  # threshold kind: amount, rate, age, duration, lead_time … (model.ThresholdKind); for dates
    #                          deadline, effective, … (model.DateKind)
    actor_level: str | None = None  # requirements: the actor's level (省财政厅 → provincial)
    actor_org: str | None = None  # requirements: part of the actor as written or of its organization (财政, finance)
    actor_role: str | None = None  # requirements: part of the actor's role (pilot cities, applicant)
    search: str | None = None
    date_from: str | None = None  # dates: YYYY-MM-DD, a day set on or after it (a range ending on or after it)
    date_to: str | None = None  # dates: YYYY-MM-DD, a day set on or before it (a range starting on or before it)
    limit: int = 100


def _doc_where(f: Filters, alias: str = "d") -> tuple[list[str], list[Any]]:
    where, args = [], []
    if f.level:
        where.append(f"{alias}.level = ?")
        args.append(f.level)
    if f.issuer:
        where.append(f"EXISTS (SELECT 1 FROM issuers i WHERE i.doc_id = {alias}.doc_id AND instr(i.name, ?) > 0)")
        args.append(f.issuer)
    if f.year is not None:
        where.append(f"{alias}.year = ?")
        args.append(f.year)
    if f.doc_type:
        where.append(f"{alias}.doc_type = ?")
        args.append(f.doc_type)
    return where, args


def _hits(store: Store, f: Filters) -> tuple[str, list[Any]] | None:
    """The clause hits of ``--search``; raises :class:`NoWords` for a search with no words in it
    (``--search " "`` finds nothing rather than everything)."""
    if f.search is None:
        return None
    hits = store.clause_hits(f.search)
    if hits is None:
        raise NoWords(f.search)
    return hits


class NoWords(ValueError):
    """A search made of blanks or punctuation only."""


def query_documents(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    try:
        hits = _hits(store, f)
    except NoWords:
        return []
    fast = store.hit_rowids(f.search) if hits else None
    if fast:  # the documents of the hits from the index of clause rowids, no clause read (SQLite: 93 → 49 ms for 低保)
        where.append(f"d.doc_id IN ({fast[2]})")
        args = [*fast[1], *args]
    elif hits:  # the hit documents read once (PostgreSQL ran the GIN scan again for each document it walked)
        where.append("d.doc_id IN (SELECT doc_id FROM hd)")
        args = [*hits[1], *args]
    head = f"WITH rs AS ({fast[0]}) " if fast else f"WITH hd AS MATERIALIZED (SELECT DISTINCT doc_id FROM ({hits[0]}) h) " if hits else ""
    sql = (head + "SELECT d.doc_id, d.title, d.issuer, d.level, d.date, d.year, d.doc_number, d.doc_type, d.version, d.status, "
           "d.n_sections AS sections, d.n_requirements AS requirements, d.n_thresholds AS thresholds, d.n_citations AS citations, "
           "d.path FROM documents d" + (" WHERE " + " AND ".join(where) if where else "") +
           " ORDER BY d.year, d.doc_id LIMIT ?")
    return [dict(r) for r in store.db.execute(sql, (*args, f.limit))]


def _select(store: Store, f: Filters, columns: str, table: str, alias: str, where: list[str], args: list[Any], hit: str) -> list[dict]:
    """One query over ``table`` joined to its document; full-text hits (one FTS5 query over the
    segmented clauses) are joined by span — ``hit`` says how a clause ``m`` falls in a row.

    Both ways find the first LIMIT documents (in year order) that hold a matching row first, then read
    those documents' rows only: the first LIMIT rows lie in them. Sorting every matching row took
    130-250 ms at 100,000 notices without a search (requirements --modality prohibition --level
    national, figures) and 314 ms with one (requirements --search 理事会规模, 19,000 clause hits)."""
    try:
        found = _hits(store, f)
    except NoWords:
        return []
    conds = "".join(f" AND {w}" for w in where)
    fast = store.hit_rowids(f.search) if found else None
    rows = _select_hit_documents(store, f, columns, table, alias, conds, args, hit, fast) if fast else None
    if rows is not None:
        return rows
    if found:
        # the hits are read once (a materialized CTE): the documents that hold one, in year order, are
        # probed one by one for a row the filters keep that holds a hit, until LIMIT of them are found
        # (the inner LIMIT keeps the ordered list a subquery of its own, so that the probe runs on it
        # lazily rather than on every hit document before sorting); then those documents' rows
        sql = (f"WITH m AS MATERIALIZED (SELECT DISTINCT h.doc_id, h.start, h.end FROM ({found[0]}) h), "
               "docs AS MATERIALIZED (SELECT d.doc_id FROM (SELECT x.doc_id, x.year, x.level, x.doc_type FROM documents x "
               "WHERE x.doc_id IN (SELECT doc_id FROM m) ORDER BY x.year, x.doc_id LIMIT ?) d "
               f"WHERE EXISTS (SELECT 1 FROM {table} {alias} JOIN m ON m.doc_id = {alias}.doc_id AND {hit} "
               f"WHERE {alias}.doc_id = d.doc_id{conds}) LIMIT ?) "
               # from those documents outwards (SQLite keeps the order of CROSS JOIN; it scanned every hit first)
               f"SELECT DISTINCT {columns}, {alias}.start AS _start FROM docs k CROSS JOIN {table} {alias} CROSS JOIN documents d "
               f"CROSS JOIN m WHERE {alias}.doc_id = k.doc_id AND d.doc_id = k.doc_id AND m.doc_id = k.doc_id AND {hit}{conds} "
               f"ORDER BY d.year, {alias}.doc_id, {alias}.start, {alias}.id LIMIT ?")
        params: list[Any] = [*found[1], ALL, *args, f.limit, *args, f.limit]
    else:
        # an index walk over documents with an EXISTS probe that stops at the LIMIT (5-20 ms)
        docs = (f"SELECT d.doc_id FROM documents d WHERE EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.doc_id = d.doc_id"
                + conds + ") ORDER BY d.year, d.doc_id LIMIT ?")
        ids = [r[0] for r in store.db.execute(docs, (*args, f.limit))]
        if not ids:
            return []
        # ordered by d.doc_id rather than the row's own (equal) doc_id: the planner then reads documents in
        # index order; no DISTINCT, which over every column, texts included, kept SQLite from stopping at
        # the LIMIT (thresholds --level municipal --unit %: 284 → 38 ms at 10,000)
        sql = (f"SELECT {columns}, {alias}.start AS _start FROM {table} {alias} JOIN documents d ON d.doc_id = {alias}.doc_id "
               f"WHERE d.doc_id IN ({', '.join('?' * len(ids))}){conds} ORDER BY d.year, d.doc_id, {alias}.start, {alias}.id LIMIT ?")
        params = [*ids, *args, f.limit]
    rows = []
    for r in store.db.execute(sql, params):
        d = dict(r)
        d.pop("_start")
        rows.append(d)
    return rows


ALL = 2**62  # a LIMIT that keeps everything (both backends read it as a number)


def _select_hit_documents(store: Store, f: Filters, columns: str, table: str, alias: str, conds: str, args: list[Any], hit: str,
                          fast: tuple[str, list[Any], str]) -> list[dict] | None:
    """:func:`_select` with a search, where the store finds the documents of the hits without reading
    the clauses (:meth:`Store.hit_rowids`): the first ``k`` of those documents in year order that pass
    the document filters, then only their clauses among the hits, then as in :func:`_select`. Their
    rows come first in the answer; when they give fewer than LIMIT rows and there may be more such
    documents, again with more of them; None when that would be all of them (reading each one's
    clauses would then cost more than reading the hits). requirements --search 理事会规模 at 100,000
    notices read all 19,000 hit clauses (35 ms) to learn their documents."""
    doc_where, doc_args = _doc_where(f, "dx")
    rs, rs_args, hit_docs = fast
    k = f.limit
    while True:
        sql = (f"WITH rs AS MATERIALIZED ({rs}), "
               f"cand AS MATERIALIZED (SELECT dx.doc_id FROM documents dx WHERE dx.doc_id IN ({hit_docs})"
               + "".join(f" AND {w}" for w in doc_where) + " ORDER BY dx.year, dx.doc_id LIMIT ?), "
               "m AS MATERIALIZED (SELECT DISTINCT c.doc_id, c.start, c.end FROM cand q CROSS JOIN clauses c "
               "WHERE c.doc_id = q.doc_id AND +c.rowid IN (SELECT r FROM rs)), "
               "docs AS MATERIALIZED (SELECT d.doc_id FROM (SELECT dx.doc_id, dx.year, dx.level, dx.doc_type FROM documents dx "
               "WHERE dx.doc_id IN (SELECT doc_id FROM m) ORDER BY dx.year, dx.doc_id LIMIT ?) d "
               f"WHERE EXISTS (SELECT 1 FROM {table} {alias} JOIN m ON m.doc_id = {alias}.doc_id AND {hit} "
               f"WHERE {alias}.doc_id = d.doc_id{conds}) LIMIT ?) "
               f"SELECT DISTINCT {columns}, {alias}.start AS _start, (SELECT COUNT(*) FROM cand) AS _cand, "
               "(SELECT COUNT(*) FROM rs) AS _hits FROM docs q "
               f"CROSS JOIN {table} {alias} CROSS JOIN documents d CROSS JOIN m "
               f"WHERE {alias}.doc_id = q.doc_id AND d.doc_id = q.doc_id AND m.doc_id = q.doc_id AND {hit}{conds} "
               f"ORDER BY d.year, {alias}.doc_id, {alias}.start, {alias}.id LIMIT ?")
        rows = [dict(r) for r in store.db.execute(sql, [*rs_args, *doc_args, k, ALL, *args, f.limit, *args, f.limit])]
        if len(rows) >= f.limit or (rows and rows[0]["_cand"] < k):
            break
        # more documents hold a hit, but too few of the first ones a row the filters keep: eight times
        # as many, while reading their clause lists (~140 per document at 0.25 µs) costs less than
        # reading every hit clause (1.8 µs each); else, and when none gave a row, as _select does
        if not rows or 8 * k * 140 * 0.25 > rows[0]["_hits"] * 1.8:
            return None
        k *= 8
    for d in rows:
        for extra in ("_start", "_cand", "_hits"):
            d.pop(extra)
    return rows


def query_requirements(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    if f.modality:
        where.append("r.modality = ?")
        args.append(f.modality)
    if f.subject:
        where.append("instr(r.text, ?) > 0")
        args.append(f.subject)
    # issue 19: "what must provincial finance departments do" — the actor's level, and the organization
    # matched on the actor as written (财政) or on its normalized name (finance department)
    if f.actor_level:
        where.append("r.actor_level = ?")
        args.append(f.actor_level)
    if f.actor_org:
        where.append("(instr(r.actor, ?) > 0 OR instr(r.actor_org, ?) > 0)")
        args += [f.actor_org, f.actor_org]
    if f.actor_role:
        where.append("instr(r.actor_role, ?) > 0")
        args.append(f.actor_role)
    return _select(store, f, "r.id, r.doc_id, d.title, d.level, d.year, r.modality, r.trigger, r.actor, r.actor_org, "
                   "r.actor_level, r.actor_role, r.action, r.deadline, "
                   "r.deadline_date, r.condition, r.text", "requirements", "r", where, args, "m.start >= r.start AND m.start < r.end")


def query_thresholds(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    if f.subject:
        where.append("(instr(t.subject, ?) > 0 OR instr(t.text, ?) > 0)")
        args += [f.subject] * 2
    if f.unit:
        where.append("t.unit = ?")
        args.append(f.unit)
    if f.kind:
        where.append("t.kind = ?")
        args.append(f.kind)
    return _select(store, f, "t.id, t.doc_id, d.title, d.level, d.year, t.kind, t.subject, t.comparator, t.value_text AS value, t.value_max, "
                   "t.unit, t.per, t.condition, t.baseline, t.hedge, t.text", "thresholds", "t", where, args, "m.start <= t.start AND t.start < m.end")


def query_figures(store: Store, f: Filters) -> list[dict]:
    """Figures documents report as facts (统计公报), not thresholds: 全年地区生产总值比上年增长8.2%."""
    where, args = _doc_where(f)
    if f.subject:
        where.append("(x.subject LIKE ? OR x.text LIKE ?)")
        args += [f"%{f.subject}%"] * 2
    for col, val in (("unit", f.unit), ("kind", f.kind)):
        if val:
            where.append(f"x.{col} = ?")
            args.append(val)
    return _select(store, f, "x.id, x.doc_id, d.title, d.level, d.year, x.reason, x.kind, x.subject, x.comparator, x.value_text AS value, "
                   "x.value_max, x.unit, x.per, x.baseline, x.text", "figures", "x", where, args, "m.start <= x.start AND x.start < m.end")


# requirement_text: what is due, which the date phrase alone (2019年6月底前) does not say
_DAY = compile_re(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> str:
    """A calendar day written YYYY-MM-DD, as the store keeps dates, so that they compare as text.

    >>> parse_day("2025-06-30")
    '2025-06-30'
    >>> parse_day("2025-02-30")
    Traceback (most recent call last):
    ...
    extractor.errors.ParseError: not a day YYYY-MM-DD: '2025-02-30'
    """
    try:
        if _DAY.fullmatch(text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ParseError(f"not a day YYYY-MM-DD: {text!r}")


DATE_COLUMNS = ("x.date, x.date_from, x.time, x.kind, x.comparator, d.level, d.issuer, d.title, x.text, r.text AS requirement_text, "
                "x.id, x.doc_id, d.year, x.resolved_from, x.section_id, x.requirement_id, x.start, x.end, x.raw_start, x.raw_end")


def query_dates(store: Store, f: Filters) -> list[dict]:
    """The dates notices set (deadlines, effective dates, periods …: ``model.DateRule``), in date order.

    ``date_from``/``date_to`` keep the dates whose day, or range of days, overlaps them: a deadline of
    2025-06-30 is kept by ``date_to`` 2025-06-30 ("what is due by then"), a period 2026-05-24 … 05-26 by
    ``date_from`` 2026-05-25. They filter on the days the text names, not on the open interval a
    comparator implies (施行 from 2019-01-01 is not kept by ``date_from`` 2024-01-01). Dates that fix no
    calendar day (自印发之日起施行, 每年3月底) are listed, after the dated ones, only when neither is given.
    ``search`` keeps the dates whose clause holds the words, as for thresholds.

    Without a search the rows come from an index in answer order (dates_date, or dates_kind_date with
    ``kind``) and the walk stops at the LIMIT.
    """
    where, args = _doc_where(f)
    if f.kind:
        where.append("x.kind = ?")
        args.append(f.kind)
    if f.date_from is not None:
        where.append("x.date >= ?")
        args.append(f.date_from)
    if f.date_to is not None:
        where.append("COALESCE(x.date_from, x.date) <= ?")
        args.append(f.date_to)
    try:
        found = _hits(store, f)
    except NoWords:
        return []
    head, hit_args = "", []
    if found:  # the hit clauses read once; a date is in the clause whose span holds its start
        head = f"WITH m AS MATERIALIZED (SELECT DISTINCT h.doc_id, h.start, h.end FROM ({found[0]}) h) "
        hit_args = found[1]
        where.append("EXISTS (SELECT 1 FROM m WHERE m.doc_id = x.doc_id AND m.start <= x.start AND x.start < m.end)")
    base = f"{head}SELECT {DATE_COLUMNS} FROM dates x JOIN documents d ON d.doc_id = x.doc_id LEFT JOIN requirements r ON r.id = x.requirement_id WHERE "
    rows = [dict(r) for r in store.db.execute(
        base + " AND ".join(["x.date IS NOT NULL", *where]) + " ORDER BY x.date, x.doc_id, x.start, x.id LIMIT ?",
        (*hit_args, *args, f.limit))]
    if f.date_from is None and f.date_to is None and len(rows) < f.limit:
        rows += [dict(r) for r in store.db.execute(
            base + " AND ".join(["x.date IS NULL", *where]) + " ORDER BY d.year, x.doc_id, x.start, x.id LIMIT ?",
            (*hit_args, *args, f.limit - len(rows)))]
    return rows


# -- trace ------------------------------------------------------------------------------------

@dataclass
class TraceLink:
    relation: str  # implements | cites | next_edition
    direction: str  # upstream | downstream
    depth: int
    doc_id: str | None  # None: a document cited but not stored
    title: str | None
    level: str | None
    doc_number: str | None
    evidence: dict = field(default_factory=dict)


def _doc_row(store: Store, doc_id: str) -> dict | None:
    r = store.db.execute("SELECT doc_id, title, level, doc_number, year, series_key FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return dict(r) if r else None


def trace(store: Store, ident: str, max_depth: int = 5, with_reuse: bool = True) -> dict:
    """Upstream and downstream of a document or requirement, its renditions and editions, the
    clauses it copies from what it implements (and what it adds), and aligned thresholds side
    by side. Reads only the neighbourhood: every step is an indexed query on one document."""
    req = store.db.execute("SELECT id, doc_id, text FROM requirements WHERE id = ?", (ident,)).fetchone()
    doc_id = req["doc_id"] if req else ident.removeprefix("doc:")
    root = _doc_row(store, doc_id)
    if root is None:
        raise KeyError(f"no document or requirement {ident!r} in the store")
    links: list[TraceLink] = []
    seen = {doc_id}
    ensure_index(store)  # documents stored since the last graph command get their signature and editions
    renditions = find_renditions(store, [doc_id])
    twins = set()
    for r in renditions:
        other = r.b if r.a == doc_id else r.a
        twins.add(other)
        seen.add(other)
        row = _doc_row(store, other) or {}
        links.append(TraceLink("rendition_of", "same", 0, other, row.get("title"), row.get("level"), row.get("doc_number"), r.evidence))
    frontier = [doc_id]
    placeholders: set[tuple] = set()
    resolver = Resolver.over(store)  # the graph's rule, asking the store's indexes one key at a time
    for depth in range(1, max_depth + 1):  # upstream: what these documents cite and implement
        nxt = []
        for d in frontier:
            for c in store.db.execute("SELECT * FROM citations WHERE doc_id = ? AND role = 'cites' ORDER BY start", (d,)):
                if c["relation"] != "implements" and depth > 1:
                    continue  # beyond the first step, follow only what is implemented
                targets, how, _, why = resolver.resolve_with_evidence(c["number_key"], c["title_key"], c["title"], c["year"])
                ev = {"citation": c["id"], "from": d, "cue": c["cue"], "text": (f"《{c['title']}》" if c["title"] else "") + (c["doc_number"] or ""),
                      "resolved_by": how, **why}
                if not targets:
                    mark = (c["relation"], c["number_key"] or c["title_key"])
                    if mark in placeholders:
                        continue  # the same document not stored, named again
                    placeholders.add(mark)
                    guessed = guess_level(c["number_key"], c["title"])
                    links.append(TraceLink(c["relation"], "upstream", depth, None, c["title"], f"~{guessed}", c["doc_number"], ev))
                if len(targets) > 1:  # versions or copies answering to one key: the first stands for them
                    ev["same_key"] = targets[1:]
                    seen.update(targets[1:])
                    targets = targets[:1]
                for t in targets:
                    if t in seen:
                        continue
                    seen.add(t)
                    row = _doc_row(store, t) or {}
                    title = row.get("title")
                    if not title and c["title"]:  # corpus-dev 027 is stored without its title: say what the citing notice calls it
                        title, ev = c["title"], {**ev, "title_from": "citation"}
                    links.append(TraceLink(c["relation"], "upstream", depth, t, title, row.get("level"), row.get("doc_number"), ev))
                    if c["relation"] == "implements":
                        nxt.append(t)
        frontier = nxt
    frontier = [doc_id]
    for depth in range(1, max_depth + 1):  # downstream: who cites or implements these documents
        nxt = []
        for d in frontier:
            keys = [r[0] for r in store.db.execute("SELECT key FROM doc_keys WHERE doc_id = ?", (d,))]
            if not keys:
                continue
            marks = ",".join("?" * len(keys))
            for c in store.db.execute(f"SELECT * FROM citations WHERE role = 'cites' AND number_key IN ({marks}) UNION "  # noqa: S608
                                      f"SELECT * FROM citations WHERE role = 'cites' AND title_key IN ({marks})", (*keys, *keys)):
                if c["doc_id"] in seen:
                    continue
                seen.add(c["doc_id"])
                row = _doc_row(store, c["doc_id"]) or {}
                ev = {"citation": c["id"], "to": d, "cue": c["cue"], "text": (f"《{c['title']}》" if c["title"] else "") + (c["doc_number"] or "")}
                links.append(TraceLink(c["relation"], "downstream", depth, c["doc_id"], row.get("title"), row.get("level"), row.get("doc_number"), ev))
                if c["relation"] == "implements":
                    nxt.append(c["doc_id"])
        frontier = nxt
    # other editions of its series (by the series index, not the whole table)
    mine = [r["key"] for r in store.db.execute("SELECT key FROM doc_series WHERE doc_id = ?", (doc_id,))]
    members = series_members(store, mine) if mine else {}
    for key, eds in members.items():
        if not any(e["doc_id"] == doc_id for e in eds):
            continue
        me = next(e for e in eds if e["doc_id"] == doc_id)
        by_text: dict[str, TraceLink] = {}  # copies of one edition (same signature) are one link that counts them
        for e in eds:
            if e["doc_id"] in seen:
                continue
            seen.add(e["doc_id"])
            if e["minhash"] and e["minhash"] == me["minhash"]:
                twins.add(e["doc_id"])  # a copy of this very notice, not another edition
                continue
            if e["minhash"] and e["minhash"] in by_text:
                by_text[e["minhash"]].evidence.setdefault("same_text", []).append(e["doc_id"])
                continue
            way = "upstream" if (e["year"], e["issue"]) < (me["year"], me["issue"]) else "downstream"
            row = _doc_row(store, e["doc_id"]) or {}  # series_members reads no document columns: one row per link
            link = TraceLink("next_edition", way, 1, e["doc_id"], row.get("title"), row.get("level"), row.get("doc_number"),
                             {"series": key, "years": [e["year"], me["year"]], "issues": [e["issue"], me["issue"]]})
            if e["minhash"]:
                by_text[e["minhash"]] = link
            links.append(link)
    links = _fold_copies(store, links)
    related = {l.doc_id for l in links if l.doc_id and l.relation != "rendition_of"} | {doc_id}
    aligned = []
    work = {t: doc_id for t in twins}
    for a, b, score, sides in align_requirements(store, related, pivot=doc_id, same_work=work | {doc_id: doc_id}):
        if req is not None and req["id"] not in (a, b):
            continue
        if doc_id not in (a.split("#")[0], b.split("#")[0]):
            continue
        aligned.append({"requirements": [a, b], "score": round(min(score, 1.0), 3),
                        "thresholds": [{**s, "difference": threshold_difference(s["old"], s["new"])} for s in sides]})
    reuse = []
    if with_reuse:  # what it copies from each stored notice it implements (or cites, one step up)
        local = load_clauses(store, doc_id)
        for l in links:
            if l.direction != "upstream" or l.depth != 1 or not l.doc_id or l.relation not in ("implements", "cites"):
                continue
            found = find_reuse(local, load_clauses(store, l.doc_id))
            if not found and l.relation == "cites":
                continue
            summary = reuse_summary(local, found)
            reuse.append({"source": l.doc_id, "title": l.title, "level": l.level, "relation": l.relation, **summary,
                          "copies": [r.evidence() for r in found]})
    links.sort(key=lambda l: (l.direction != "same", l.direction != "upstream", l.depth, LEVEL_RANK.get((l.level or "unknown").lstrip("~"), 4)))
    return {"root": root, "requirement": dict(req) if req else None, "links": [l.__dict__ for l in links], "aligned": aligned,
            "reuse": reuse}


def _fold_copies(store: Store, links: list[TraceLink]) -> list[TraceLink]:
    """One link per text: links to documents with the same MinHash signature (copies of one
    notice, e.g. the same 要点 stored from many sites) fold into the first, which counts them."""
    ids = sorted({l.doc_id for l in links if l.doc_id})
    sig: dict[str, str] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        sig.update((r["doc_id"], r["minhash"]) for r in store.db.execute(  # 4 hashes: equal by chance with probability J⁴
            f"SELECT doc_id, substr(minhash, 1, 64) AS minhash FROM kb_index WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk))  # noqa: S608
    out: list[TraceLink] = []
    first: dict[tuple, TraceLink] = {}
    for l in links:
        key = (l.relation, l.direction, sig.get(l.doc_id or ""))
        if l.doc_id and key[2] and key in first:
            first[key].evidence.setdefault("same_text", []).append(l.doc_id)
            continue
        if l.doc_id and key[2]:
            first[key] = l
        out.append(l)
    return out


def threshold_difference(old: dict, new: dict) -> str:
    """What changed between two aligned thresholds, in words: ``value 50 → 60 %``, ``same``.

    >>> threshold_difference({"comparator": "<=", "value": "50", "value_max": None, "unit": "%", "condition": None},
    ...                      {"comparator": "<=", "value": "60", "value_max": None, "unit": "%", "condition": None})
    'value 50 → 60 % (+10)'
    """
    out = []
    if old["value"] != new["value"] or old["value_max"] != new["value_max"]:
        try:
            delta = float(new["value"]) - float(old["value"])
            out.append(f"value {old['value']} → {new['value']} {new['unit'] or ''}".rstrip() + (f" ({delta:+g})" if old["unit"] == new["unit"] else ""))
        except (TypeError, ValueError):
            out.append(f"value {old['value']} → {new['value']}")
    if old["comparator"] != new["comparator"]:
        out.append(f"comparator {old['comparator']} → {new['comparator']}")
    if old["unit"] != new["unit"]:
        out.append(f"unit {old['unit']} → {new['unit']}")
    if (old["condition"] or "") != (new["condition"] or ""):
        out.append(f"condition {old['condition'] or '-'} → {new['condition'] or '-'}")
    return "; ".join(out) or "same"
