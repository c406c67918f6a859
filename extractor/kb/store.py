"""The SQLite store: documents, their structure and knowledge, raw bytes, failures.

A relational schema (not a JSON blob) with foreign keys, indexes and numbered migrations
(``PRAGMA user_version``). Raw bytes are kept content-addressed in ``blobs`` so a later
parser can re-run without the source. Each document is written in one transaction;
re-ingesting the same bytes is a no-op; a new text of a known work (same 发文字号, else the
same normalized title) becomes a new version of it, never an overwrite.

Citation targets are stored as normalized keys (``number:中发〔2015〕4号``,
``title:中国科协关于…的意见``) and every document registers the keys it answers to, so a
citation resolves by a join: a document cited before it is ingested is a placeholder
until then, and links up by itself afterwards.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from extractor import __version__
from extractor.data.levels import classify_level
from extractor.extract.citations import citation_relation
from extractor.model import Citation, Document
from extractor.segment.tokens import get_segmenter

DEFAULT_DB = "polex.db"

# Each migration moves the store one version up; applied in order, each in a transaction.
MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema
    """
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL, data BLOB NOT NULL);
    CREATE TABLE works (
        id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT, doc_number TEXT);
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE REFERENCES blobs(sha256),
        work_id INTEGER NOT NULL REFERENCES works(id), version INTEGER NOT NULL,
        path TEXT, url TEXT, title TEXT, issuer TEXT, level TEXT NOT NULL, date TEXT, year INTEGER,
        doc_number TEXT, doc_type TEXT, script TEXT, status TEXT NOT NULL, series_key TEXT,
        n_sections INTEGER, n_requirements INTEGER, n_thresholds INTEGER, n_citations INTEGER,
        parser_version TEXT NOT NULL, schema_version TEXT NOT NULL, ingested_at TEXT NOT NULL,
        UNIQUE (work_id, version));
    CREATE INDEX documents_level ON documents(level);
    CREATE INDEX documents_year ON documents(year);
    CREATE INDEX documents_type ON documents(doc_type);
    CREATE INDEX documents_series ON documents(series_key);
    CREATE TABLE issuers (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, position INTEGER NOT NULL,
        name TEXT NOT NULL, level TEXT, PRIMARY KEY (doc_id, position));
    CREATE INDEX issuers_name ON issuers(name);
    CREATE TABLE doc_keys (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, key TEXT NOT NULL,
        PRIMARY KEY (doc_id, key));
    CREATE INDEX doc_keys_key ON doc_keys(key);
    CREATE TABLE sections (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        parent TEXT, path TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL, title TEXT, text TEXT NOT NULL,
        start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX sections_doc ON sections(doc_id);
    CREATE TABLE requirements (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT REFERENCES sections(id), text TEXT NOT NULL, modality TEXT NOT NULL, trigger TEXT,
        actor TEXT, actor_source TEXT, action TEXT, deadline TEXT, deadline_date TEXT, condition TEXT,
        start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX requirements_doc ON requirements(doc_id);
    CREATE INDEX requirements_modality ON requirements(modality);
    CREATE TABLE thresholds (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        requirement_id TEXT REFERENCES requirements(id), section_id TEXT REFERENCES sections(id),
        subject TEXT, comparator TEXT NOT NULL, value REAL, value_text TEXT NOT NULL, value_max REAL, unit TEXT,
        kind TEXT NOT NULL, condition TEXT, baseline TEXT, hedge TEXT, text TEXT NOT NULL,
        start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX thresholds_doc ON thresholds(doc_id);
    CREATE INDEX thresholds_unit ON thresholds(unit);
    CREATE TABLE citations (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT REFERENCES sections(id), requirement_id TEXT REFERENCES requirements(id),
        role TEXT NOT NULL, relation TEXT NOT NULL, title TEXT, doc_number TEXT, number_key TEXT, title_key TEXT,
        issuer_code TEXT, issuer TEXT, year INTEGER, serial INTEGER, cue TEXT,
        start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX citations_doc ON citations(doc_id);
    CREATE INDEX citations_number ON citations(number_key);
    CREATE INDEX citations_title ON citations(title_key);
    CREATE TABLE clauses (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
    CREATE INDEX clauses_doc ON clauses(doc_id);
    CREATE VIRTUAL TABLE clauses_fts USING fts5(words, clause_id UNINDEXED, doc_id UNINDEXED);
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY, path TEXT, sha256 TEXT, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL);
    """,
    # 2: indexes for the filtered, ordered queries (bench/bench_store.py: the prohibition-by-level
    # query went from 55 to 14 ms on 10,000 documents)
    """
    CREATE INDEX requirements_doc_modality ON requirements(doc_id, modality, start);
    CREATE INDEX thresholds_doc_unit ON thresholds(doc_id, unit, start);
    CREATE INDEX documents_year_level ON documents(year, level, doc_id);
    """,
    # 3: the web: every response archived (bytes in blobs, headers here) before parsing; the
    # validators for conditional re-fetches; attachments linked from a notice
    """
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY, url TEXT NOT NULL, final_url TEXT, status INTEGER, headers TEXT,
        sha256 TEXT REFERENCES blobs(sha256), redirects TEXT, error_code TEXT, error TEXT, fetched_at TEXT NOT NULL);
    CREATE INDEX fetches_url ON fetches(url);
    CREATE TABLE http_cache (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, sha256 TEXT, doc_id TEXT, checked_at TEXT NOT NULL);
    CREATE TABLE attachments (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, url TEXT NOT NULL, text TEXT, ext TEXT,
        attachment_doc_id TEXT, PRIMARY KEY (doc_id, url));
    """,
    # 4: issue 12 — a rate's per unit and the kind filter on thresholds; figures a document reports
    # as facts (统计公报), kept queryable apart from the thresholds
    """
    ALTER TABLE thresholds ADD COLUMN per TEXT;
    CREATE INDEX thresholds_doc_kind ON thresholds(doc_id, kind, start);
    CREATE TABLE figures (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT REFERENCES sections(id), reason TEXT NOT NULL, subject TEXT, comparator TEXT NOT NULL,
        value REAL, value_text TEXT NOT NULL, value_max REAL, unit TEXT, per TEXT, kind TEXT NOT NULL, baseline TEXT,
        text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX figures_doc ON figures(doc_id, kind, start);
    """,
)

# 为贯彻落实《X》, 根据《X》, 按照《X》的要求: this document implements X
_KEY_JUNK = re.compile(r"[\s　“”\"'‘’《》〈〉<>()（）\[\]【】〔〕、，,。.:：;；\-—_·]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度?|—|-)?")


def number_key(code: str | None, year: int | None, serial: int | None, written: str | None = None) -> str | None:
    """One spelling for every bracket form: 中发【2015】4号 and 中发〔2015〕4号 → number:中发〔2015〕4号."""
    if code and serial is not None:
        return f"number:{code}〔{year}〕{serial}号" if year else f"number:{code}第{serial}号"
    if written:
        return "number:" + _KEY_JUNK.sub("", written)
    return None


def title_key(title: str | None) -> str | None:
    """Titles compared without punctuation, brackets and spaces."""
    if not title:
        return None
    k = _KEY_JUNK.sub("", title)
    return f"title:{k}" if len(k) >= 4 else None


def series_key(title: str | None) -> str | None:
    """The series a notice belongs to: its title without years (中国科协2017年学会改革工作要点 → 中国科协学会改革工作要点)."""
    if not title:
        return None
    m = re.search(r"印发《(.+?)》的通知$", title)
    core = m.group(1) if m else title
    k = _KEY_JUNK.sub("", _YEAR.sub("", core))
    return k if k != _KEY_JUNK.sub("", core) else None  # only titles that carry a year form a series


def _main_title(doc: Document) -> str | None:
    """The title of what the notice is about: the attached document of a 关于印发《X》的通知."""
    att = [p for p in doc.parts if p.kind == "attachment" and p.title]
    if att:
        return att[0].title
    return doc.metadata.title.value if doc.metadata.title else None


def _year(doc: Document) -> int | None:
    if doc.metadata.date and doc.metadata.date.value:
        return int(str(doc.metadata.date.value)[:4])
    t = _main_title(doc) or ""
    m = re.search(r"((?:19|20)\d{2})年", t)
    return int(m.group(1)) if m else None


@dataclass
class IngestResult:
    path: str
    status: str  # stored | new_version | duplicate | failed
    doc_id: str | None = None
    version: int | None = None
    code: str | None = None
    message: str | None = None


class Store:
    """A polex store in one SQLite file."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    def close(self) -> None:
        self.db.execute("PRAGMA optimize")  # refreshes the planner's statistics where they are stale
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        for n, script in enumerate(MIGRATIONS, start=1):
            if self.version >= n:
                continue
            with self._tx():
                for stmt in (s.strip() for s in script.split(";")):
                    if stmt:
                        self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {n}")

    @contextmanager
    def _tx(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------
    def has_bytes(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row["doc_id"] if row else None

    def record_failure(self, path: str | None, sha256: str | None, code: str, message: str) -> None:
        with self._tx():
            self.db.execute("INSERT INTO failures(path, sha256, code, message, at) VALUES (?,?,?,?,?)",
                            (path, sha256, code, message, _now()))

    def add(self, doc: Document, data: bytes) -> IngestResult:
        """Store one processed document with its bytes, in one transaction."""
        path = doc.source.path or doc.source.url or ""
        existing = self.has_bytes(doc.source.sha256)
        if existing:
            return IngestResult(path, "duplicate", existing)
        md = doc.metadata
        title = md.title.value if md.title else None
        main = _main_title(doc)
        doc_number = md.doc_number.value if md.doc_number and isinstance(md.doc_number.value, str) else None
        work = number_key(None, None, None, doc_number) if doc_number else title_key(main or title)
        work = work or f"doc:{doc.doc_id}"
        with self._tx():
            db = self.db
            db.execute("INSERT OR IGNORE INTO blobs(sha256, size, media_type, data) VALUES (?,?,?,?)",
                       (doc.source.sha256, doc.source.size, doc.source.media_type, data))
            db.execute("INSERT OR IGNORE INTO works(key, title, doc_number) VALUES (?,?,?)", (work, main or title, doc_number))
            work_id = db.execute("SELECT id FROM works WHERE key = ?", (work,)).fetchone()[0]
            version = db.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE work_id = ?", (work_id,)).fetchone()[0]
            issuers = md.issuer.value if md.issuer else []
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.source.sha256, work_id, version, doc.source.path, doc.source.url, title,
                 "、".join(issuers) or None, md.level.value, md.date.value if md.date else None, _year(doc), doc_number,
                 md.doc_type.value if md.doc_type else None, md.script, doc.status, series_key(main),
                 len(doc.sections), len(doc.requirements), len(doc.thresholds), len(doc.citations),
                 __version__, doc.schema_version, _now()))
            db.executemany("INSERT INTO issuers VALUES (?,?,?,?)",
                           [(doc.doc_id, k, name, classify_level(name)[0]) for k, name in enumerate(issuers)])
            keys = {k for k in (title_key(title), title_key(main), number_key(None, None, None, doc_number) if doc_number else None) if k}
            for c in doc.citations:
                if c.role == "self" and c.issuer_code:
                    keys.add(number_key(c.issuer_code, c.year, c.serial))
            db.executemany("INSERT INTO doc_keys VALUES (?,?)", [(doc.doc_id, k) for k in sorted(keys)])
            db.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
                (s.id, doc.doc_id, s.parent, "/".join(s.path), s.label, s.kind, s.title, s.text, *s.span, *s.raw_span)
                for s in doc.sections])
            db.executemany("INSERT INTO requirements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (r.id, doc.doc_id, r.section, r.text, r.modality, r.trigger, r.actor.text if r.actor else None,
                 r.actor.source if r.actor else None, r.action, r.deadline.text if r.deadline else None,
                 r.deadline.date if r.deadline else None, r.condition.text if r.condition else None, *r.span, *r.raw_span)
                for r in doc.requirements])
            db.executemany("INSERT INTO thresholds VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (t.id, doc.doc_id, t.requirement, t.section, t.subject, t.comparator,
                 t.value if not isinstance(t.value, str) else None, str(t.value), t.value_max, t.unit, t.kind,
                 t.condition, t.baseline, t.hedge, t.text, *t.span, *t.raw_span, t.per)
                for t in doc.thresholds])
            db.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (f.id, doc.doc_id, f.section, f.reason, f.subject, f.comparator,
                 f.value if not isinstance(f.value, str) else None, str(f.value), f.value_max, f.unit, f.per, f.kind,
                 f.baseline, f.text, *f.span, *f.raw_span)
                for f in doc.figures])
            req_of = {cid: r.id for r in doc.requirements for cid in r.citations}
            rows = []
            for c in doc.citations:
                relation, cue = citation_relation(doc, c) if c.role == "cites" else (c.role, None)
                rows.append((c.id, doc.doc_id, c.section, req_of.get(c.id), c.role, relation, c.title, c.doc_number,
                             number_key(c.issuer_code, c.year, c.serial, c.doc_number), title_key(c.title),
                             c.issuer_code, c.issuer, c.year, c.serial, cue, *c.span, *c.raw_span))
            db.executemany("INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            seg = get_segmenter()
            clause_rows = [(c.id, doc.doc_id, c.section, doc.text[c.span[0]:c.span[1]], *c.span) for c in doc.clauses]
            db.executemany("INSERT INTO clauses VALUES (?,?,?,?,?,?)", clause_rows)
            db.executemany("INSERT INTO clauses_fts(words, clause_id, doc_id) VALUES (?,?,?)",
                           [(" ".join(w for w in seg.cut(r[3]) if w.strip()), r[0], r[1]) for r in clause_rows])
        return IngestResult(path, "new_version" if version > 1 else "stored", doc.doc_id, version)

    def archive(self, url: str, final_url: str | None, status: int | None, headers: dict | None, data: bytes | None,
                redirects: list | None, error_code: str | None = None, error: str | None = None) -> str | None:
        """Keep a response (or a failed attempt) before anything parses it; returns the body's sha256."""
        import hashlib
        import json

        sha = hashlib.sha256(data).hexdigest() if data else None
        media = ((headers or {}).get("content-type") or "application/octet-stream").split(";")[0].strip()
        with self._tx():
            if sha:
                self.db.execute("INSERT OR IGNORE INTO blobs(sha256, size, media_type, data) VALUES (?,?,?,?)", (sha, len(data or b""), media, data))
            self.db.execute(
                "INSERT INTO fetches(url, final_url, status, headers, sha256, redirects, error_code, error, fetched_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (url, final_url, status, json.dumps(headers or {}, ensure_ascii=False), sha, json.dumps(redirects or []), error_code, error, _now()))
        return sha

    def cached(self, url: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM http_cache WHERE url = ?", (url,)).fetchone()

    def remember(self, url: str, etag: str | None, last_modified: str | None, sha256: str | None, doc_id: str | None) -> None:
        with self._tx():
            self.db.execute("INSERT INTO http_cache VALUES (?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                            "last_modified = excluded.last_modified, sha256 = COALESCE(excluded.sha256, sha256), "
                            "doc_id = COALESCE(excluded.doc_id, doc_id), checked_at = excluded.checked_at",
                            (url, etag, last_modified, sha256, doc_id, _now()))

    def add_attachments(self, doc_id: str, links: list[tuple[str, str, str]]) -> None:
        with self._tx():
            self.db.executemany("INSERT OR IGNORE INTO attachments(doc_id, url, text, ext) VALUES (?,?,?,?)",
                                [(doc_id, u, t, e) for u, t, e in links])

    def link_attachment(self, doc_id: str, url: str, attachment_doc_id: str) -> None:
        with self._tx():
            self.db.execute("UPDATE attachments SET attachment_doc_id = ? WHERE doc_id = ? AND url = ?", (attachment_doc_id, doc_id, url))

    # -- reading ------------------------------------------------------------------------
    def blob(self, sha256: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row["data"]) if row else None

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed table names
                for t in ("documents", "works", "sections", "requirements", "thresholds", "citations", "failures")}

    def totals(self, doc_ids: list[str]) -> dict[str, int]:
        """Numbered items, requirements, thresholds and citations summed over some documents."""
        out = {"sections": 0, "requirements": 0, "thresholds": 0, "citations": 0}
        for k in range(0, len(doc_ids), 500):  # SQLite's host-parameter limit
            chunk = doc_ids[k:k + 500]
            row = self.db.execute(f"SELECT SUM(n_sections), SUM(n_requirements), SUM(n_thresholds), SUM(n_citations) "  # noqa: S608
                                  f"FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk).fetchone()
            for key, v in zip(out, row):
                out[key] += v or 0
        return out

    def search_clauses(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        """Clauses holding every word of ``query``, best first."""
        match = fts_match(query)
        if match is None:
            return []
        return self.db.execute(
            "SELECT c.id, c.doc_id, c.section_id, c.text FROM clauses_fts f JOIN clauses c ON c.id = f.clause_id "
            "WHERE clauses_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)).fetchall()


def fts_match(query: str) -> str | None:
    """An FTS5 MATCH expression: the query segmented like the stored clauses, every word required."""
    words = [w for w in get_segmenter().cut(query) if w.strip()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) or None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
