"""The store: documents, their structure and knowledge, raw bytes, failures — one interface,
two backends (:mod:`extractor.kb.sqlite_store`, :mod:`extractor.kb.pg_store`).

A relational schema (not a JSON blob) with foreign keys, indexes and numbered migrations,
the same steps in both backends (SQLite counts them in ``PRAGMA user_version``, PostgreSQL
in ``polex_meta``). Raw bytes are kept content-addressed in ``blobs`` so a later
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
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from extractor import __version__
from typing import TYPE_CHECKING

from extractor.data.levels import classify_level
from extractor.errors import StoreError
from extractor.segment.tokens import get_segmenter
from extractor.recache import compile_re

if TYPE_CHECKING:  # a store that is only read never imports the models or the extractors (issue 18)
    from extractor.model import Document

DEFAULT_DB = "polex.db"

# Each migration moves the store one version up; applied in order, each in a transaction.
# A step is SQL that both backends run (written for SQLite; the PostgreSQL backend maps
# INTEGER/REAL/BLOB/TEXT to its types and skips SQLite's virtual tables), or a dict with one
# script per backend where they must differ. A new step is one more entry at the end.
MIGRATIONS: tuple[str | dict[str, str], ...] = (
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
    # 4: Chinese search (issue 16). Clauses get a ``tokens`` column: jieba's search-mode words
    # (监事会 → 监事 监事会), so two-character words inside longer ones are found. SQLite indexes
    # it with an external-content FTS5 table (no second copy of the text: issue 18 measured
    # 258 MB of copies at 10,000 notices). Terms of one or two characters are found as
    # substrings through an index of character bigrams (低保户 → 低保 保户 户; see bigrams()):
    # a contentless FTS5 table in SQLite, whose trigram tokenizer cannot index terms shorter
    # than three characters; in PostgreSQL a GIN expression index, where pg_trgm would not
    # help either (it extracts no trigram from a two-character LIKE pattern and scans all).
    # polex_bigrams gets the same bigrams with two regex passes (pairs at even offsets of
    # each run of word characters, then at odd offsets; a run's last character is left
    # alone in one of them): 2.4x faster than a per-character loop. Columns compare bytewise
    # (COLLATE "C"); the regex runs under the database's UTF-8 collation, where \w knows
    # Chinese characters.
    {"sqlite": """
    ALTER TABLE clauses ADD COLUMN tokens TEXT;
    UPDATE clauses SET tokens = polex_tokens(text);
    DROP TABLE clauses_fts;
    CREATE VIRTUAL TABLE clauses_fts USING fts5(tokens, content='clauses', content_rowid='rowid');
    INSERT INTO clauses_fts(clauses_fts) VALUES ('rebuild');
    CREATE VIRTUAL TABLE clauses_bigrams USING fts5(bigrams, content='');
    INSERT INTO clauses_bigrams(rowid, bigrams) SELECT rowid, polex_bigrams(text) FROM clauses
    """, "postgresql": """
    ALTER TABLE clauses ADD COLUMN tokens TEXT;
    CREATE FUNCTION polex_bigrams(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(t COLLATE "default", '(\\w\\w)', '\\1 ', 'g') || ' ' ||
               regexp_replace(regexp_replace(t COLLATE "default", '(^|\\W)\\w', '\\1', 'g'), '(\\w\\w)', '\\1 ', 'g') $$;
    CREATE INDEX clauses_tokens ON clauses USING GIN (to_tsvector('simple', tokens));
    CREATE INDEX clauses_bigrams ON clauses USING GIN (to_tsvector('simple', polex_bigrams(text)))
    """},
    # 5: the graph's indexes (extractor/kb/works.py fills them lazily): a MinHash signature per
    # document, its LSH bands (candidate renditions by a join, never all pairs) and the series
    # editions its title names
    """
    CREATE TABLE kb_index (
        doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE, version INTEGER NOT NULL,
        minhash TEXT NOT NULL, n_shingles INTEGER NOT NULL);
    CREATE INDEX kb_index_version ON kb_index(version);
    CREATE TABLE doc_bands (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, band TEXT NOT NULL,
        PRIMARY KEY (doc_id, band));
    CREATE INDEX doc_bands_band ON doc_bands(band);
    CREATE TABLE doc_series (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, key TEXT NOT NULL, core TEXT NOT NULL,
        owner TEXT, year INTEGER NOT NULL, issue INTEGER NOT NULL, title TEXT, PRIMARY KEY (doc_id, key));
    CREATE INDEX doc_series_core ON doc_series(core);
    """,
    # 6: issue 12 — a rate's per unit and the kind filter on thresholds; figures a document reports
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
    # 7: issue 13 — a clause keeps its span in raw_text too, so that a text-reuse edge (aligns_with)
    # points at the source characters of both clauses; rows stored before it keep NULL (re-ingest
    # the bytes to fill them). Three more graph indexes that extractor/kb/works.py fills lazily:
    # the bigrams of each title (a fuzzy title lookup by a join, for trace), the documents a
    # notice issues (现将《X》印发给你们: a citation of the 印发 notice by its wrapper resolves to it)
    # and the "{year}年{subject}" phrases opening an untitled notice (its series edition)
    """
    ALTER TABLE clauses ADD COLUMN raw_start INTEGER;
    ALTER TABLE clauses ADD COLUMN raw_end INTEGER;
    CREATE TABLE title_grams (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, gram TEXT NOT NULL,
        PRIMARY KEY (doc_id, gram));
    CREATE INDEX title_grams_gram ON title_grams(gram);
    CREATE TABLE doc_issued (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, key TEXT NOT NULL, owner TEXT,
        year INTEGER, title TEXT NOT NULL, PRIMARY KEY (doc_id, key));
    CREATE INDEX doc_issued_key ON doc_issued(key);
    CREATE TABLE doc_openings (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, year INTEGER NOT NULL, head TEXT NOT NULL,
        phrase TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY (doc_id, start));
    CREATE INDEX doc_openings_head ON doc_openings(head);
    """,
    # 8: issue 19 — the actor's normalized organization, level and role (extract/requirements.py
    # normalize_actor: 省财政厅 → finance department, provincial; 各试点城市 → role pilot cities), so a
    # query can ask "what must provincial finance departments do". Rows stored before this step keep
    # NULL there until they are ingested again. Self-contained: it touches no table of migration 7.
    """
    ALTER TABLE requirements ADD COLUMN actor_org TEXT;
    ALTER TABLE requirements ADD COLUMN actor_level TEXT;
    ALTER TABLE requirements ADD COLUMN actor_role TEXT;
    CREATE INDEX requirements_actor ON requirements(actor_level, actor_org);
    """,
    # 9: issue 16 — the band index carries the doc_id, so that trace's rendition candidates (the
    # documents sharing most LSH bands with one, kb/works.find_renditions) and the graph's pass over
    # the buckets read the index alone, not one table row per posting: 47 → 16 ms for the 2017 要点
    # at 100,000 notices (about 11,000 postings of its bands, bench/bench_scale.py).
    # documents_year_doc: the order every query answers in (year, then doc_id; NULL years first as
    # SQLite sorts them), so that a walk over documents stops at the LIMIT instead of sorting a year
    # (SQLite) or all 100,000 documents (PostgreSQL: figures 238 → 118 ms, thresholds --subject
    # 理事会人数 --unit 人 141 → 28 ms, documents --issuer 科协 --year 2018 89 → 18 ms).
    # SQLite only: clause_blocks, the rowids of each document's clauses. A document's clauses are
    # written in one statement inside the write transaction, so their rowids are one run [lo, hi];
    # the document of a search hit (an FTS5 rowid) is then the block with the greatest lo at or
    # below it, found in this small index instead of the clause's row in the 14-million-row table
    # (27,774 hits of 低保 at 100,000 notices: 50 ms of row reads → 19 ms). lo is NULL for a document
    # without clauses and -1 where the rowids are not one run (none is written so; the query then
    # reads the clauses, see SqliteStore.hit_rowids). PostgreSQL finds hits by a GIN bitmap and
    # has no use for it.
    {"sqlite": """
    DROP INDEX doc_bands_band;
    CREATE INDEX doc_bands_band ON doc_bands(band, doc_id);
    CREATE INDEX documents_year_doc ON documents(year, doc_id);
    CREATE TABLE clause_blocks (
        doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE, lo INTEGER, hi INTEGER);
    CREATE INDEX clause_blocks_lo ON clause_blocks(lo, doc_id);
    INSERT INTO clause_blocks(doc_id, lo, hi) SELECT d.doc_id,
        CASE WHEN c.n IS NULL THEN NULL WHEN c.n = c.hi - c.lo + 1 THEN c.lo ELSE -1 END, c.hi
        FROM documents d LEFT JOIN (SELECT doc_id, MIN(rowid) AS lo, MAX(rowid) AS hi, COUNT(*) AS n FROM clauses GROUP BY doc_id) c
        ON c.doc_id = d.doc_id
    """, "postgresql": """
    DROP INDEX doc_bands_band;
    CREATE INDEX doc_bands_band ON doc_bands(band, doc_id);
    CREATE INDEX documents_year_doc ON documents(year NULLS FIRST, doc_id NULLS FIRST)
    """},
    # 10: the dates a notice sets (Document.dates, extract/dates.py): "what is due before 2025-06-30, at
    # the provincial level" is an indexed walk in date order (dates_date; dates_kind_date for --kind
    # deadline), stopping at the LIMIT. ``date`` is the day (the last day of a range), ``date_from`` the
    # first day of a range; both NULL where the text fixes no calendar day (自印发之日起施行, 每年4月1日).
    # section_id and requirement_id name the section and requirement as the extraction did, without a
    # foreign key: the dates of an old document are written later (below), by a parser whose ids may differ.
    # documents.n_dates counts them; NULL marks a document stored before this step, whose dates were
    # never extracted. Its rows gain dates by ingesting its bytes again (`polex ingest` the same files
    # or URLs): for such a document Store.has_bytes answers "not stored", the pipeline runs, and
    # add_rows writes its dates (and n_dates) and nothing else; every later ingest of those bytes is a
    # no-op again (a URL its server answers 304 Not Modified is not re-read, so it stays without). PostgreSQL orders NULLs first as SQLite does (pg_store.pg_sql), so its indexes say so.
    {"sqlite": """
    ALTER TABLE documents ADD COLUMN n_dates INTEGER;
    CREATE TABLE dates (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT, requirement_id TEXT, kind TEXT NOT NULL, comparator TEXT NOT NULL, date TEXT, date_from TEXT,
        time TEXT, resolved_from TEXT, text TEXT NOT NULL,
        start INTEGER NOT NULL, end INTEGER NOT NULL, raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL);
    CREATE INDEX dates_doc ON dates(doc_id, start);
    CREATE INDEX dates_date ON dates(date, doc_id, start);
    CREATE INDEX dates_kind_date ON dates(kind, date, doc_id, start)
    """, "postgresql": """
    ALTER TABLE documents ADD COLUMN n_dates BIGINT;
    CREATE TABLE dates (
        id TEXT COLLATE "C" PRIMARY KEY, doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        section_id TEXT COLLATE "C", requirement_id TEXT COLLATE "C", kind TEXT COLLATE "C" NOT NULL,
        comparator TEXT COLLATE "C" NOT NULL, date TEXT COLLATE "C", date_from TEXT COLLATE "C", time TEXT COLLATE "C",
        resolved_from TEXT COLLATE "C", text TEXT COLLATE "C" NOT NULL,
        start BIGINT NOT NULL, "end" BIGINT NOT NULL, raw_start BIGINT NOT NULL, raw_end BIGINT NOT NULL);
    CREATE INDEX dates_doc ON dates(doc_id, start);
    CREATE INDEX dates_date ON dates(date NULLS FIRST, doc_id NULLS FIRST, start NULLS FIRST);
    CREATE INDEX dates_kind_date ON dates(kind NULLS FIRST, date NULLS FIRST, doc_id NULLS FIRST, start NULLS FIRST)
    """},
)

# 为贯彻落实《X》, 根据《X》, 按照《X》的要求: this document implements X
_KEY_JUNK = compile_re(r"[\s　“”\"'‘’《》〈〉<>()（）\[\]【】〔〕、，,。.:：;；\-—_·]")
_YEAR = compile_re(r"(?:19|20)\d{2}\s*(?:年度?|—|-)?")


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


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the rest of polex uses of a store's connection (``store.db``): SQL with ``?``
    placeholders, rows readable by column name and by position, ``dict(row)``."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...


def is_postgres_url(url: str | Path) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


_WORD_RUN = compile_re(r"\w+")
_BIGRAM = compile_re(r"(?=(\w\w?))")  # at every word character: it and the next one if that is a word character


def bigrams(text: str) -> str:
    """The substring index's words: each word character with the next one (a character
    before punctuation or the end stands alone), so a two-character term is one exact word
    and a one-character term a prefix. The same as the PostgreSQL function ``polex_bigrams``.

    >>> bigrams("低保户。监事")
    '低保 保户 户 监事 事'
    """
    return " ".join(_BIGRAM.findall(text))


def search_words(query: str) -> list[str]:
    """The words of a search, segmented like the stored clauses; blanks and punctuation dropped.

    >>> search_words(" 理事会规模 ")
    ['理事会', '规模']
    >>> search_words("  ")
    []
    """
    return [w for w in get_segmenter().cut(query) if re.search(r"\w", w)]


def clause_tokens(text: str) -> str:
    """The ``tokens`` column: search-mode words, space-separated (监事会 → 监事 监事会)."""
    return " ".join(w for w in get_segmenter().cut_for_search(text) if w.strip())


class Store:
    """A polex store. ``Store("polex.db")`` opens SQLite, ``Store("postgresql://…")`` PostgreSQL.

    ``create=False`` (read-only commands) never creates or migrates anything: a missing store,
    one that is not a polex store, or an out-of-date one raises :class:`StoreError`. A writer
    (``create=True``) creates a new store, migrates an old one, and refuses a database that
    holds anything else.

    Backends implement the connection (``db``, an adapter with ``?`` placeholders and rows
    by name), transactions, the version counter, bulk row writes and the search SQL; the
    write logic and the schema live here, once.
    """

    backend = "abstract"
    db: Connection
    path: str

    def __new__(cls, path: str | Path = DEFAULT_DB, create: bool = True) -> Store:  # noqa: ARG003
        if cls is Store:
            if is_postgres_url(path):
                from extractor.kb.pg_store import PgStore

                return super().__new__(PgStore)
            from extractor.kb.sqlite_store import SqliteStore

            return super().__new__(SqliteStore)
        return super().__new__(cls)

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backend hooks ------------------------------------------------------------------
    @property
    def version(self) -> int:
        raise NotImplementedError

    def _check_version(self, version: int, create: bool, name: str) -> None:
        """Refuse a store made by a newer polex; a reader (``create=False``) also refuses an empty or
        an old one, which only a writer may migrate. Both backends, ``name`` as the user wrote it."""
        if version > len(MIGRATIONS):
            raise StoreError("E930", f"{name} was made by a newer polex (schema {version} > {len(MIGRATIONS)})")
        if not create:
            if version == 0:
                raise StoreError("E931", f"no store at {name} (an empty database; run `polex ingest` first)")
            if version < len(MIGRATIONS):
                raise StoreError("E933", f"the store {name} is at schema {version} of {len(MIGRATIONS)}; "
                                         "`polex ingest` upgrades it")

    def data_token(self) -> Any:
        """A value that changes whenever the store is written, by this connection or another; None
        when the backend cannot tell. A reader that checked something of the store may skip the
        check while it stays the same (kb/works.ensure_index, asked three times by each trace)."""
        return None

    def _tx(self) -> AbstractContextManager[None]:
        """One write transaction; writers are serialized (SQLite's write lock, a PostgreSQL
        advisory lock), so a check made inside it holds until commit."""
        raise NotImplementedError

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        raise NotImplementedError

    def _index_clauses(self, doc_id: str) -> None:
        """Bring the search indexes up to date with the clauses of one new document."""

    def _full(self, e: BaseException) -> bool:
        """Whether a database error means the disk (or the database's size limit) is full."""
        return False

    def _index_match(self, words: list[str], terms: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        """SQL condition on clause ``c``: its search tokens hold every one of ``words`` and its
        bigram index every one of ``terms`` (a prefix when flagged); at least one is not empty."""
        raise NotImplementedError

    def hit_rowids(self, query: str) -> tuple[str, list[Any], str] | None:
        """Where the backend can find the documents of a search without reading its clauses: a
        subquery yielding the rowid ``r`` of every clause that matches ``query`` (exactly, no
        further test), its parameters, and a subquery yielding the distinct ``doc_id`` of those
        rowids given as a table ``rs``. None: use :meth:`clause_hits`."""
        return None

    def clause_hits(self, query: str) -> tuple[str, list[Any]] | None:
        """A subquery yielding ``id, doc_id, start, end`` of the clauses that match ``query``
        (every word of three or more characters as a search token; shorter words as
        substrings), with its parameters; None when the query has no words."""
        words = search_words(query)
        if not words:
            return None
        long = [w for w in words if len(w) >= 3]
        short = [w for w in words if len(w) < 3]
        where, args = [], []
        terms = list(dict.fromkeys(t for w in short for t in substring_bigrams(w)))
        if long or terms:  # the indexes narrow; instr keeps exactly the substring of a short word
            cond, args = self._index_match(long, terms)
            where.append(cond)
        for w in short:
            where.append("instr(c.text, ?) > 0")
            args.append(w)
        return "SELECT c.id, c.doc_id, c.start, c.end FROM clauses c WHERE " + " AND ".join(where), args

    def substring_hits(self, term: str) -> tuple[str, list[Any]]:
        """A subquery yielding ``id, doc_id, start, end`` of the clauses that hold ``term`` as an
        exact substring (理事 inside 理事会, 低保 inside 低保户), with its parameters.

        The bigram index narrows to the clauses holding every bigram of the term (each pair of
        adjacent word characters; a lone one as a prefix), which every clause holding the
        term has, so nothing is missed; ``instr`` then keeps the exact substring. A term with
        no word character (``%``) has no bigram and is a scan.
        """
        where, args = [], []
        terms = substring_bigrams(term)
        if terms:
            cond, args = self._index_match([], terms)
            where.append(cond)
        where.append("instr(c.text, ?) > 0")
        args.append(term)
        return "SELECT c.id, c.doc_id, c.start, c.end FROM clauses c WHERE " + " AND ".join(where), args

    def migrate(self) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------
    def has_bytes(self, sha256: str) -> str | None:
        """The document stored from these bytes, when there is nothing left to store of them; None for
        new bytes, and for a document stored before migration 10 (``n_dates`` NULL): ingesting its
        bytes again then runs the pipeline and :meth:`add_rows` writes the dates it lacks."""
        row = self._stored(sha256)
        return row[0] if row and row[1] is not None else None

    def _stored(self, sha256: str) -> tuple[str, int | None] | None:
        """(doc_id, n_dates) of the document stored from these bytes."""
        row = self.db.execute("SELECT doc_id, n_dates FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return (row["doc_id"], row["n_dates"]) if row else None

    def record_failure(self, path: str | None, sha256: str | None, code: str, message: str) -> None:
        with self._guard(), self._tx():
            self.db.execute("INSERT INTO failures(path, sha256, code, message, at) VALUES (?,?,?,?,?)",
                            (path, sha256, code, message, _now()))

    def add(self, doc: Document, data: bytes) -> IngestResult:
        """Store one processed document with its bytes, in one transaction.

        Idempotent by content hash: bytes already stored (by this process, a retried task or
        a concurrent writer) give ``duplicate`` and write nothing.
        """
        path = doc.source.path or doc.source.url or ""
        existing = self.has_bytes(doc.source.sha256)
        if existing:
            return IngestResult(path, "duplicate", existing)
        return self.add_rows(document_rows(doc, data), path)

    def add_rows(self, rows: dict[str, Any], path: str = "") -> IngestResult:
        """Store the rows of one document (:func:`document_rows`), in one transaction.

        Bytes already stored give ``duplicate`` and write nothing, except for a document stored before
        migration 10, whose dates (and ``n_dates``) are written from these rows, once."""
        doc_id, sha = rows["document"][0], rows["document"][1]
        with self._guard(), self._tx():
            stored = self._stored(sha)  # a concurrent writer may have stored it meanwhile
            if stored:
                if stored[1] is None:
                    self._add_dates(stored[0], rows["dates"])
                    return IngestResult(path, "duplicate", stored[0], message="dates added to a document stored before them")
                return IngestResult(path, "duplicate", stored[0])
            db = self.db
            db.execute("INSERT INTO blobs(sha256, size, media_type, data) VALUES (?,?,?,?) ON CONFLICT DO NOTHING", rows["blob"])
            work = rows["work"][0]
            db.execute("INSERT INTO works(key, title, doc_number) VALUES (?,?,?) ON CONFLICT DO NOTHING", rows["work"])
            work_id = db.execute("SELECT id FROM works WHERE key = ?", (work,)).fetchone()[0]
            version = db.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE work_id = ?", (work_id,)).fetchone()[0]
            d = rows["document"]
            self._insert_rows("documents", [(d[0], d[1], work_id, version, *d[2:])])
            for table in ROW_TABLES:
                if rows[table]:
                    self._insert_rows(table, rows[table])
            self._index_clauses(doc_id)
        return IngestResult(path, "new_version" if version > 1 else "stored", doc_id, version)

    def _add_dates(self, doc_id: str, rows: list[tuple]) -> None:
        """The dates of a document stored before migration 10 (the same bytes, so the same doc_id)."""
        self.db.execute("DELETE FROM dates WHERE doc_id = ?", (doc_id,))
        if rows:
            self._insert_rows("dates", rows)
        self.db.execute("UPDATE documents SET n_dates = ? WHERE doc_id = ?", (len(rows), doc_id))

    def _guard(self) -> AbstractContextManager[None]:
        """Turns a full disk into one :class:`StoreError` (E932) instead of a driver traceback."""
        store = self

        class _Guard:
            def __enter__(self) -> None:
                return None

            def __exit__(self, et: type | None, e: BaseException | None, tb: object) -> bool:
                if e is not None and not isinstance(e, StoreError) and store._full(e):
                    raise StoreError("E932", f"the disk holding the store {store.path} is full; what was stored before is kept") from e
                return False

        return _Guard()

    def archive(self, url: str, final_url: str | None, status: int | None, headers: dict | None, data: bytes | None,
                redirects: list | None, error_code: str | None = None, error: str | None = None) -> str | None:
        """Keep a response (or a failed attempt) before anything parses it; returns the body's sha256."""
        import hashlib
        import json

        sha = hashlib.sha256(data).hexdigest() if data else None
        media = ((headers or {}).get("content-type") or "application/octet-stream").split(";")[0].strip()
        with self._guard(), self._tx():
            if sha:
                self.db.execute("INSERT INTO blobs(sha256, size, media_type, data) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                                (sha, len(data or b""), media, data))
            self.db.execute(
                "INSERT INTO fetches(url, final_url, status, headers, sha256, redirects, error_code, error, fetched_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (url, final_url, status, json.dumps(headers or {}, ensure_ascii=False), sha, json.dumps(redirects or []), error_code, error, _now()))
        return sha

    def cached(self, url: str) -> Any:
        return self.db.execute("SELECT * FROM http_cache WHERE url = ?", (url,)).fetchone()

    def remember(self, url: str, etag: str | None, last_modified: str | None, sha256: str | None, doc_id: str | None) -> None:
        with self._guard(), self._tx():
            self.db.execute("INSERT INTO http_cache VALUES (?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                            "last_modified = excluded.last_modified, sha256 = COALESCE(excluded.sha256, http_cache.sha256), "
                            "doc_id = COALESCE(excluded.doc_id, http_cache.doc_id), checked_at = excluded.checked_at",
                            (url, etag, last_modified, sha256, doc_id, _now()))

    def add_attachments(self, doc_id: str, links: list[tuple[str, str, str]]) -> None:
        with self._guard(), self._tx():
            self.db.executemany("INSERT INTO attachments(doc_id, url, text, ext) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                                [(doc_id, u, t, e) for u, t, e in links])

    def link_attachment(self, doc_id: str, url: str, attachment_doc_id: str) -> None:
        with self._guard(), self._tx():
            self.db.execute("UPDATE attachments SET attachment_doc_id = ? WHERE doc_id = ? AND url = ?", (attachment_doc_id, doc_id, url))

    # -- reading ------------------------------------------------------------------------
    def blob(self, sha256: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row["data"]) if row else None

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed table names
                for t in ("documents", "works", "sections", "requirements", "thresholds", "citations", "dates", "failures")}

    def dates(self, doc_id: str) -> list[dict[str, Any]]:
        """The dates stored for one document, in text order, as the fields of ``model.DateRule``
        (``DateRule(**d)`` gives back what the extraction found: a stored document round-trips its dates)."""
        return [{"id": r["id"], "section": r["section_id"], "requirement": r["requirement_id"], "kind": r["kind"],
                 "comparator": r["comparator"], "date": r["date"], "date_from": r["date_from"], "time": r["time"],
                 "resolved_from": r["resolved_from"], "text": r["text"], "span": (r["start"], r["end"]),
                 "raw_span": (r["raw_start"], r["raw_end"])}
                for r in self.db.execute("SELECT x.id, x.section_id, x.requirement_id, x.kind, x.comparator, x.date, x.date_from, "
                                         "x.time, x.resolved_from, x.text, x.start, x.end, x.raw_start, x.raw_end FROM dates x "
                                         "WHERE x.doc_id = ? ORDER BY x.start, x.id", (doc_id,))]

    def totals(self, doc_ids: list[str]) -> dict[str, int]:
        """Numbered items, requirements, thresholds, citations and dates summed over some documents."""
        out = {"sections": 0, "requirements": 0, "thresholds": 0, "citations": 0, "dates": 0}
        for k in range(0, len(doc_ids), 500):  # SQLite's host-parameter limit
            chunk = doc_ids[k:k + 500]
            row = self.db.execute(f"SELECT SUM(n_sections), SUM(n_requirements), SUM(n_thresholds), SUM(n_citations), SUM(n_dates) "  # noqa: S608
                                  f"FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk).fetchone()
            for key, v in zip(out, row):
                out[key] += v or 0
        return out

    def search_clauses(self, query: str, limit: int = 20) -> list[Any]:
        """Clauses holding every word of ``query``, in document order."""
        hits = self.clause_hits(query)
        if hits is None:
            return []
        sql, args = hits
        return self.db.execute(
            f"SELECT c.id, c.doc_id, c.section_id, c.text FROM clauses c JOIN ({sql}) m ON m.id = c.id "  # noqa: S608
            "ORDER BY c.doc_id, c.start LIMIT ?", (*args, limit)).fetchall()


ROW_TABLES = ("issuers", "doc_keys", "sections", "requirements", "thresholds", "figures", "citations", "clauses", "dates")

# The columns each row of document_rows fills, in order: rows are written by column name, so a
# migration that adds a column (thresholds.per) never shifts what a positional INSERT meant.
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "sha256", "work_id", "version", "path", "url", "title", "issuer", "level", "date", "year",
                  "doc_number", "doc_type", "script", "status", "series_key", "n_sections", "n_requirements",
                  "n_thresholds", "n_citations", "parser_version", "schema_version", "ingested_at", "n_dates"),
    "issuers": ("doc_id", "position", "name", "level"),
    "doc_keys": ("doc_id", "key"),
    "sections": ("id", "doc_id", "parent", "path", "label", "kind", "title", "text", "start", "end", "raw_start", "raw_end"),
    "requirements": ("id", "doc_id", "section_id", "text", "modality", "trigger", "actor", "actor_source", "action",
                     "deadline", "deadline_date", "condition", "start", "end", "raw_start", "raw_end",
                     "actor_org", "actor_level", "actor_role"),
    "thresholds": ("id", "doc_id", "requirement_id", "section_id", "subject", "comparator", "value", "value_text",
                   "value_max", "unit", "kind", "condition", "baseline", "hedge", "text", "start", "end", "raw_start",
                   "raw_end", "per"),
    "figures": ("id", "doc_id", "section_id", "reason", "subject", "comparator", "value", "value_text", "value_max",
                "unit", "per", "kind", "baseline", "text", "start", "end", "raw_start", "raw_end"),
    "citations": ("id", "doc_id", "section_id", "requirement_id", "role", "relation", "title", "doc_number",
                  "number_key", "title_key", "issuer_code", "issuer", "year", "serial", "cue", "start", "end",
                  "raw_start", "raw_end"),
    "clauses": ("id", "doc_id", "section_id", "text", "start", "end", "tokens", "raw_start", "raw_end"),
    "dates": ("id", "doc_id", "section_id", "requirement_id", "kind", "comparator", "date", "date_from", "time",
              "resolved_from", "text", "start", "end", "raw_start", "raw_end"),
}


def document_rows(doc: Document, data: bytes) -> dict[str, Any]:
    """The rows one document becomes, table by table (``document`` without work id and version,
    which depend on what is stored). Computed outside the write transaction."""
    md = doc.metadata
    title = md.title.value if md.title else None
    main = _main_title(doc)
    doc_number = md.doc_number.value if md.doc_number and isinstance(md.doc_number.value, str) else None
    work = number_key(None, None, None, doc_number) if doc_number else title_key(main or title)
    work = work or f"doc:{doc.doc_id}"
    issuers = md.issuer.value if md.issuer else []
    keys = {k for k in (title_key(title), title_key(main), number_key(None, None, None, doc_number) if doc_number else None) if k}
    for c in doc.citations:
        if c.role == "self" and c.issuer_code:
            keys.add(number_key(c.issuer_code, c.year, c.serial))
    from extractor.extract.citations import citation_relation  # only writers need the extraction rules

    req_of = {cid: r.id for r in doc.requirements for cid in r.citations}
    citations = []
    for c in doc.citations:
        relation, cue = citation_relation(doc, c) if c.role == "cites" else (c.role, None)
        citations.append((c.id, doc.doc_id, c.section, req_of.get(c.id), c.role, relation, c.title, c.doc_number,
                          number_key(c.issuer_code, c.year, c.serial, c.doc_number), title_key(c.title),
                          c.issuer_code, c.issuer, c.year, c.serial, cue, *c.span, *c.raw_span))
    clauses = []
    for c in doc.clauses:
        text = doc.text[c.span[0]:c.span[1]]
        clauses.append((c.id, doc.doc_id, c.section, text, *c.span, clause_tokens(text), *c.raw_span))
    return {
        "blob": (doc.source.sha256, doc.source.size, doc.source.media_type, data),
        "work": (work, main or title, doc_number),
        "document": (doc.doc_id, doc.source.sha256, doc.source.path, doc.source.url, title,
                     "、".join(issuers) or None, md.level.value, md.date.value if md.date else None, _year(doc), doc_number,
                     md.doc_type.value if md.doc_type else None, md.script, doc.status, series_key(main),
                     len(doc.sections), len(doc.requirements), len(doc.thresholds), len(doc.citations),
                     __version__, doc.schema_version, _now(), len(doc.dates)),
        "issuers": [(doc.doc_id, k, name, classify_level(name)[0]) for k, name in enumerate(issuers)],
        "doc_keys": [(doc.doc_id, k) for k in sorted(keys)],
        "sections": [(s.id, doc.doc_id, s.parent, "/".join(s.path), s.label, s.kind, s.title, s.text, *s.span, *s.raw_span)
                     for s in doc.sections],
        "requirements": [(r.id, doc.doc_id, r.section, r.text, r.modality, r.trigger, r.actor.text if r.actor else None,
                          r.actor.source if r.actor else None, r.action, r.deadline.text if r.deadline else None,
                          r.deadline.date if r.deadline else None, r.condition.text if r.condition else None, *r.span, *r.raw_span,
                          r.actor.organization if r.actor else None, r.actor.level if r.actor else None,
                          r.actor.role if r.actor else None)
                         for r in doc.requirements],
        "thresholds": [(t.id, doc.doc_id, t.requirement, t.section, t.subject, t.comparator,
                        t.value if not isinstance(t.value, str) else None, str(t.value), t.value_max, t.unit, t.kind,
                        t.condition, t.baseline, t.hedge, t.text, *t.span, *t.raw_span, t.per)
                       for t in doc.thresholds],
        "figures": [(f.id, doc.doc_id, f.section, f.reason, f.subject, f.comparator,
                     f.value if not isinstance(f.value, str) else None, str(f.value), f.value_max, f.unit, f.per, f.kind,
                     f.baseline, f.text, *f.span, *f.raw_span)
                    for f in doc.figures],
        "citations": citations,
        "clauses": clauses,
        "dates": [(t.id, doc.doc_id, t.section, t.requirement, t.kind, t.comparator, t.date, t.date_from, t.time,
                   t.resolved_from, t.text, *t.span, *t.raw_span) for t in doc.dates],
    }


def open_store(url: str | Path, create: bool = True) -> Store:
    """:class:`Store` by URL or path (the CLI's ``--db``)."""
    return Store(url, create=create)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def substring_bigrams(term: str) -> list[tuple[str, bool]]:
    """The bigram-index terms every text holding ``term`` has (see :func:`bigrams`): each pair of
    adjacent word characters, and a word character standing alone as a prefix (it is followed
    by something else in the text). Empty for a term without word characters.

    >>> substring_bigrams("低保户、5")
    [('低保', False), ('保户', False), ('5', True)]
    >>> substring_bigrams("保"), substring_bigrams("%")
    ([('保', True)], [])
    """
    out: list[tuple[str, bool]] = []
    for run in _WORD_RUN.findall(term):
        out += [(run, True)] if len(run) == 1 else [(run[k:k + 2], False) for k in range(len(run) - 1)]
    return list(dict.fromkeys(out))
