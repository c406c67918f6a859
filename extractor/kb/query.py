"""Questions to the store: documents, requirements, thresholds (filtered), and ``trace``.

Every query is one indexed SQL statement; full-text search goes through the FTS5 table of
segmented clauses. ``trace`` walks the citation links of one document (or of the document
of one requirement) upstream — what it implements, up to the national level — and
downstream — what implements it — and puts aligned thresholds side by side.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from extractor.kb.graph import align_requirements, guess_level
from extractor.kb.store import Store, fts_match

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
    kind: str | None = None  # threshold kind: amount, rate, age, duration, lead_time … (model.ThresholdKind)
    search: str | None = None
    limit: int = 100


def _doc_where(f: Filters, alias: str = "d") -> tuple[list[str], list[Any]]:
    where, args = [], []
    if f.level:
        where.append(f"{alias}.level = ?")
        args.append(f.level)
    if f.issuer:
        where.append(f"EXISTS (SELECT 1 FROM issuers i WHERE i.doc_id = {alias}.doc_id AND i.name LIKE ?)")
        args.append(f"%{f.issuer}%")
    if f.year:
        where.append(f"{alias}.year = ?")
        args.append(f.year)
    if f.doc_type:
        where.append(f"{alias}.doc_type = ?")
        args.append(f.doc_type)
    return where, args


def query_documents(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    match = fts_match(f.search) if f.search else None
    if match:
        where.append("d.doc_id IN (SELECT doc_id FROM clauses_fts WHERE clauses_fts MATCH ?)")
        args.append(match)
    sql = ("SELECT d.doc_id, d.title, d.issuer, d.level, d.date, d.year, d.doc_number, d.doc_type, d.version, d.status, "
           "d.n_sections AS sections, d.n_requirements AS requirements, d.n_thresholds AS thresholds, d.n_citations AS citations, "
           "d.path FROM documents d" + (" WHERE " + " AND ".join(where) if where else "") +
           " ORDER BY d.year, d.doc_id LIMIT ?")
    return [dict(r) for r in store.db.execute(sql, (*args, f.limit))]


def _select(store: Store, f: Filters, columns: str, table: str, alias: str, where: list[str], args: list[Any], hit: str) -> list[dict]:
    """One query over ``table`` joined to its document; full-text hits (one FTS5 query over the
    segmented clauses) are joined by span — ``hit`` says how a clause ``m`` falls in a row."""
    match = fts_match(f.search) if f.search else None
    hits = (" JOIN (SELECT DISTINCT c.doc_id, c.start, c.end FROM clauses_fts x JOIN clauses c ON c.id = x.clause_id "
            f"WHERE clauses_fts MATCH ?) m ON m.doc_id = {alias}.doc_id AND {hit}") if match else ""
    sql = (f"SELECT DISTINCT {columns}, {alias}.start AS _start FROM {table} {alias} JOIN documents d ON d.doc_id = {alias}.doc_id"
           + hits + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY d.year, {alias}.doc_id, {alias}.start LIMIT ?")
    rows = []
    for r in store.db.execute(sql, ((match,) if match else ()) + (*args, f.limit)):
        d = dict(r)
        d.pop("_start")
        rows.append(d)
    return rows


def query_requirements(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    if f.modality:
        where.append("r.modality = ?")
        args.append(f.modality)
    if f.subject:
        where.append("r.text LIKE ?")
        args.append(f"%{f.subject}%")
    return _select(store, f, "r.id, r.doc_id, d.title, d.level, d.year, r.modality, r.trigger, r.actor, r.action, r.deadline, "
                   "r.deadline_date, r.condition, r.text", "requirements", "r", where, args, "m.start >= r.start AND m.start < r.end")


def query_thresholds(store: Store, f: Filters) -> list[dict]:
    where, args = _doc_where(f)
    if f.subject:
        where.append("(t.subject LIKE ? OR t.text LIKE ?)")
        args += [f"%{f.subject}%"] * 2
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


def _resolve(store: Store, number_key: str | None, title_key: str | None) -> list[str]:
    for key in (number_key, title_key):
        if key:
            ids = [r[0] for r in store.db.execute("SELECT doc_id FROM doc_keys WHERE key = ?", (key,))]
            if ids:
                return ids
    if title_key:  # fuzzy title, as the graph does
        titles = {r[1][6:]: r[0] for r in store.db.execute("SELECT doc_id, key FROM doc_keys WHERE key LIKE 'title:%'")}
        close = difflib.get_close_matches(title_key[6:], list(titles), n=1, cutoff=0.9)
        if close:
            return [titles[close[0]]]
    return []


def trace(store: Store, ident: str, max_depth: int = 5) -> dict:
    """Upstream and downstream of a document or requirement, with aligned thresholds side by side."""
    req = store.db.execute("SELECT id, doc_id, text FROM requirements WHERE id = ?", (ident,)).fetchone()
    doc_id = req["doc_id"] if req else ident.removeprefix("doc:")
    root = _doc_row(store, doc_id)
    if root is None:
        raise KeyError(f"no document or requirement {ident!r} in the store")
    links: list[TraceLink] = []
    seen = {doc_id}
    frontier = [doc_id]
    for depth in range(1, max_depth + 1):  # upstream: what these documents cite and implement
        nxt = []
        for d in frontier:
            for c in store.db.execute("SELECT * FROM citations WHERE doc_id = ? AND role = 'cites' ORDER BY start", (d,)):
                if c["relation"] != "implements" and depth > 1:
                    continue  # beyond the first step, follow only what is implemented
                targets = _resolve(store, c["number_key"], c["title_key"])
                ev = {"citation": c["id"], "from": d, "cue": c["cue"], "text": (f"《{c['title']}》" if c["title"] else "") + (c["doc_number"] or "")}
                if not targets:
                    guessed = guess_level(c["number_key"], c["title"])
                    links.append(TraceLink(c["relation"], "upstream", depth, None, c["title"], f"~{guessed}", c["doc_number"], ev))
                for t in targets:
                    if t in seen:
                        continue
                    seen.add(t)
                    row = _doc_row(store, t) or {}
                    links.append(TraceLink(c["relation"], "upstream", depth, t, row.get("title"), row.get("level"), row.get("doc_number"), ev))
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
    if root["series_key"]:  # other editions of the same series
        for r in store.db.execute("SELECT doc_id, title, level, doc_number, year FROM documents WHERE series_key = ? AND doc_id != ?",
                                  (root["series_key"], doc_id)):
            if r["doc_id"] in seen:
                continue
            seen.add(r["doc_id"])
            way = "upstream" if (r["year"] or 0) < (root["year"] or 0) else "downstream"
            links.append(TraceLink("next_edition", way, 1, r["doc_id"], r["title"], r["level"], r["doc_number"],
                                   {"series": root["series_key"], "years": [r["year"], root["year"]]}))
    related = {l.doc_id for l in links if l.doc_id} | {doc_id}
    aligned = []
    for a, b, score, sides in align_requirements(store, related, pivot=doc_id):
        if req is not None and req["id"] not in (a, b):
            continue
        if doc_id not in (a.split("#")[0], b.split("#")[0]):
            continue
        aligned.append({"requirements": [a, b], "score": round(min(score, 1.0), 3), "thresholds": sides})
    links.sort(key=lambda l: (l.direction != "upstream", l.depth, LEVEL_RANK.get((l.level or "unknown").lstrip("~"), 4)))
    return {"root": root, "requirement": dict(req) if req else None, "links": [l.__dict__ for l in links], "aligned": aligned}
