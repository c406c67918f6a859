"""The SQLite backend: one file, WAL, FTS5 for Chinese search.

Search (migration 4): ``clauses_fts`` indexes the search-mode tokens as external content
(the words live once, in ``clauses.tokens``); ``clauses_bigrams`` is a contentless FTS5 index
of character bigrams (:func:`~extractor.kb.store.bigrams`) that finds one- and two-character
terms (低保, 监事) as substrings, which FTS5's trigram tokenizer cannot index.

Note: external-content FTS5 is keyed by ``clauses.rowid``; ``VACUUM`` may renumber the rowids
of a table without an INTEGER PRIMARY KEY, so after a VACUUM run
``INSERT INTO clauses_fts(clauses_fts) VALUES ('rebuild')`` and refill ``clause_blocks`` with
migration 9's INSERT (polex itself never vacuums).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extractor.errors import StoreError
from extractor.kb.store import COLUMNS, DEFAULT_DB, MIGRATIONS, Store, bigrams, clause_tokens, search_words, substring_bigrams
from extractor.recache import compile_re

SQLITE_FULL = 13

# the run of rowids a document's clauses hold (migration 9: clause_blocks), written with them
BLOCK_SQL = ("INSERT INTO clause_blocks(doc_id, lo, hi) SELECT ?, CASE WHEN COUNT(*) = 0 THEN NULL "
             "WHEN COUNT(*) = MAX(rowid) - MIN(rowid) + 1 THEN MIN(rowid) ELSE -1 END, MAX(rowid) FROM clauses")
# a search term made of Chinese characters only: its bigrams (or a one-character prefix) are found
# exactly where the term is, since FTS5 folds neither case nor accents of these characters
_HAN = compile_re(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def fts_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SqliteStore(Store):
    """A polex store in one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | Path = DEFAULT_DB, create: bool = True) -> None:
        self.path = str(path)
        p = Path(self.path)
        memory = self.path == ":memory:"  # SQLite's in-memory database (the README's Python example), not a file
        if memory and not create:
            raise StoreError("E931", "an in-memory store is empty: nothing to read")
        if not memory and not create and not p.exists():
            raise StoreError("E931", f"no store at {self.path} (run `polex ingest` first)")
        if not memory and create and not p.parent.is_dir():
            raise StoreError("E930", f"cannot create a store at {self.path}: the folder {p.parent} does not exist")
        if p.is_dir():
            raise StoreError("E930", f"{self.path} is a folder, not a store")
        try:
            uri = "file::memory:" if memory else f"file:{p.resolve().as_posix()}?mode={'rwc' if create else 'rw'}"
            self.db = sqlite3.connect(uri, uri=True, timeout=60)
            self.db.row_factory = sqlite3.Row
            self.db.create_function("polex_tokens", 1, clause_tokens, deterministic=True)
            self.db.create_function("polex_bigrams", 1, bigrams, deterministic=True)
            self._check(create)
            self.db.execute("PRAGMA foreign_keys = ON")
            if create:
                self.db.execute("PRAGMA journal_mode = WAL")
                # WAL with synchronous=NORMAL: a commit no longer waits for fsync (16 ms of the
                # 46 ms a document took to store, bench_scale.py); a killed process loses
                # nothing, a power cut at most the last commits, never consistency
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
        except sqlite3.DatabaseError as e:  # "file is not a database", "unable to open database file", …
            raise StoreError("E930", f"cannot use {self.path} as a polex store: {e}") from e

    def _check(self, create: bool) -> None:
        """Refuse a database that is not a polex store; a reader also refuses an old or empty one."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = self.version
        if version == 0 and tables:
            raise StoreError("E930", f"{self.path} is an SQLite database but not a polex store "
                                     f"(it has tables {', '.join(sorted(tables)[:5])}); polex will not add its own to it")
        if version > 0 and "documents" not in tables:
            raise StoreError("E930", f"{self.path} is not a polex store (user_version {version} but no documents table)")
        self._check_version(version, create, str(self.path))

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA optimize")  # refreshes the planner's statistics where they are stale
        except sqlite3.Error:
            pass  # a full disk or a read-only file: statistics are an optimization, never a failure
        self.db.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def data_token(self) -> Any:
        # data_version moves when another connection commits, total_changes when this one writes a row
        return self.db.execute("PRAGMA data_version").fetchone()[0], self.db.total_changes

    def migrate(self) -> None:
        for n, step in enumerate(MIGRATIONS, start=1):
            if self.version >= n:
                continue
            script = step if isinstance(step, str) else step["sqlite"]
            with self._tx():
                if self.version >= n:  # another process migrated meanwhile
                    continue
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
            if self.db.in_transaction:  # SQLite has already rolled back after some errors (SQLITE_FULL)
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        cols = COLUMNS[table]
        self.db.executemany(f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) "  # noqa: S608 - fixed names
                            f"VALUES ({','.join('?' * len(cols))})", rows)

    def _index_clauses(self, doc_id: str) -> None:
        self.db.execute("INSERT INTO clauses_fts(rowid, tokens) SELECT rowid, tokens FROM clauses WHERE doc_id = ?", (doc_id,))
        self.db.execute("INSERT INTO clauses_bigrams(rowid, bigrams) SELECT rowid, polex_bigrams(text) FROM clauses WHERE doc_id = ?",
                        (doc_id,))
        self.db.execute(BLOCK_SQL + " WHERE doc_id = ?", (doc_id, doc_id))

    def _full(self, e: BaseException) -> bool:
        return isinstance(e, sqlite3.Error) and (getattr(e, "sqlite_errorcode", None) == SQLITE_FULL
                                                  or "database or disk is full" in str(e))

    def hit_rowids(self, query: str) -> tuple[str, list[Any], str] | None:
        # only when the index answers exactly (every word of one or two characters is Chinese, so
        # instr() would keep every clause the bigrams find) and every document's clauses are one run
        words = search_words(query)
        short = [w for w in words if len(w) < 3]
        if not words or not all(_HAN.fullmatch(w) for w in short):
            return None
        complete = self.db.execute("SELECT (SELECT COUNT(*) FROM clause_blocks) = (SELECT COUNT(*) FROM documents) "
                                   "AND NOT EXISTS (SELECT 1 FROM clause_blocks WHERE lo < 0)").fetchone()[0]
        if not complete:
            return None
        terms = list(dict.fromkeys(t for w in short for t in substring_bigrams(w)))
        sql, args = self._rowid_set([w for w in words if len(w) >= 3], terms)
        docs = ("SELECT DISTINCT (SELECT b.doc_id FROM clause_blocks b WHERE b.lo <= h.r ORDER BY b.lo DESC LIMIT 1) AS doc_id "
                "FROM rs h")
        return sql, args, docs

    def _index_match(self, words: list[str], terms: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        sql, args = self._rowid_set(words, terms)
        return f"c.rowid IN ({sql})", args

    def _rowid_set(self, words: list[str], terms: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        """The rowids (``r``) of the clauses whose tokens hold every one of ``words`` and whose bigrams
        every one of ``terms``."""
        # the rowid sets intersected before a clause is read (reading the clauses that hold 理事会
        # to test them for 规模 took 93 ms at 10,000 notices; intersecting first reads only the hits).
        # The words' rowids stream past the bigrams' (one list, built once; the unary + keeps the IN
        # away from FTS5, whose rowid lookups take ~50 µs each): 42 → 28 ms for 理事会 (72,000 clauses)
        # and 规模 (136,000) at 100,000 notices, where an INTERSECT sorted both lists
        sets, args = [], []
        if words:
            sets.append("SELECT rowid AS r FROM clauses_fts WHERE clauses_fts MATCH ?")
            args.append(" ".join(fts_quote(w) for w in words))
        if terms:  # one exact bigram, or the bigrams starting with one character (a prefix query)
            # with the bigrams of the Chinese words too, which every clause holding such a word as a
            # token has (the tokens are pieces of the text): the same intersection, from a list FTS5
            # narrows itself (理事会规模: 136,000 clauses hold 规模, ~20,000 also 理事 and 事会)
            terms = list(dict.fromkeys([*terms, *(t for w in words if _HAN.fullmatch(w) for t in substring_bigrams(w))]))
            sets.append("SELECT rowid AS r FROM clauses_bigrams WHERE clauses_bigrams MATCH ?")
            args.append(" ".join(fts_quote(t) + ("*" if prefix else "") for t, prefix in terms))
        if len(sets) == 2:
            sets = [f"{sets[0]} AND +rowid IN ({sets[1].replace(' AS r', '')})"]
        return sets[0], args
