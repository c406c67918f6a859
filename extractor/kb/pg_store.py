"""The PostgreSQL backend (psycopg 3): pooled connections, COPY for bulk rows, GIN search.

The rest of polex talks to ``store.db`` as it does to SQLite: SQL with ``?`` placeholders,
rows by column name or position. :func:`pg_sql` translates that SQL (placeholders, ``%``,
``instr`` → ``strpos``, the column ``end`` quoted where it stands alone in a list, SQLite's
NULLs-first ordering); :func:`pg_ddl` translates the shared
migrations (INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA, text compared bytewise
with ``COLLATE "C"`` so that ``ORDER BY`` gives SQLite's order whatever the server's locale).

Chinese search needs a database whose LC_CTYPE is a UTF-8 locale (createdb -E UTF8
--locale C.UTF-8): under the C locale PostgreSQL's text-search parser drops Chinese
characters. The store checks this when it opens.
"""

from __future__ import annotations

import atexit
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from extractor.errors import StoreError
from extractor.kb.store import COLUMNS, MIGRATIONS, Store
from extractor.recache import compile_re

WRITE_LOCK = 0x706F6C6578  # pg_advisory_xact_lock key: one writer at a time, as SQLite's write lock ("polex")

_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()


class Row:
    """A row readable by name and by position, and by ``dict(row)`` (as ``sqlite3.Row``)."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, k: int | str) -> Any:
        return self._values[self._index[k]] if isinstance(k, str) else self._values[k]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values))!r})"


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    index = {d.name: i for i, d in enumerate(desc or ())}
    return lambda values: Row(index, values)


_SIMPLE = compile_re(r"^[\w.]+(?:\s+ASC)?$", re.I)
_CLAUSE_END = compile_re(r"\b(?:LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b", re.I)


def _nulls_first(sql: str) -> str:
    """Append NULLS FIRST (SQLite's order for NULLs) to each plain column of every ORDER BY;
    expressions and DESC items are left as written."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER BY\s+", sql):
        if m.start() < pos:
            continue
        start, depth, k = m.end(), 0, m.end()
        while k < len(sql):  # the ORDER BY list ends at a closing parenthesis of depth 0, a keyword, or the end
            ch = sql[k]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and _CLAUSE_END.match(sql, k) and (k == 0 or not (sql[k - 1].isalnum() or sql[k - 1] == "_")):
                break
            k += 1
        items, depth, cur = [], 0, ""
        for ch in sql[start:k]:
            if ch == "," and depth == 0:
                items.append(cur)
                cur = ""
                continue
            depth += (ch == "(") - (ch == ")")
            cur += ch
        items.append(cur)
        fixed = []
        for item in items:
            core = item.strip()
            fixed.append(core + " NULLS FIRST" if _SIMPLE.match(core) else core)
        tail = " " if sql[start:k].endswith((" ", "\n")) else ""
        out.append(sql[pos:start] + ", ".join(fixed) + tail)
        pos = k
    out.append(sql[pos:])
    return "".join(out)


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """SQLite-flavoured SQL as polex writes it → PostgreSQL.

    >>> pg_sql("SELECT doc_id FROM doc_keys WHERE key LIKE 'title:%' AND instr(name, ?) > 0 ORDER BY year, doc_id LIMIT ?")
    "SELECT doc_id FROM doc_keys WHERE key LIKE 'title:%%' AND strpos(name, %s) > 0 ORDER BY year NULLS FIRST, doc_id NULLS FIRST LIMIT %s"
    >>> pg_sql("SELECT id, start, end FROM clauses WHERE doc_id = ?")
    'SELECT id, start, "end" FROM clauses WHERE doc_id = %s'
    >>> pg_sql("SELECT * FROM (SELECT a FROM t ORDER BY coalesce(a, b), c DESC) x ORDER BY a")
    'SELECT * FROM (SELECT a FROM t ORDER BY coalesce(a, b), c DESC) x ORDER BY a NULLS FIRST'
    """
    parts = sql.split("'")
    for k in range(0, len(parts), 2):  # outside string literals
        p = parts[k].replace("%", "%%").replace("?", "%s")
        p = re.sub(r"\binstr\(", "strpos(", p)
        p = re.sub(r",(\s*)end\b", r',\1"end"', p)  # the column end in a list (reserved in PostgreSQL; c.end is fine)
        p = _nulls_first(p)
        if "INSERT OR IGNORE" in p:
            p = p.replace("INSERT OR IGNORE", "INSERT")
            parts[-1] += " ON CONFLICT DO NOTHING"
        parts[k] = p
    for k in range(1, len(parts), 2):
        parts[k] = parts[k].replace("%", "%%")
    return "'".join(parts)


def pg_ddl(script: str) -> str:
    """A shared migration (written for SQLite) in PostgreSQL's types; SQLite-only statements dropped."""
    out = []
    for stmt in (s.strip() for s in script.split(";")):
        if not stmt or "VIRTUAL TABLE" in stmt:
            continue
        stmt = re.sub(r"\bend INTEGER\b", '"end" INTEGER', stmt)
        stmt = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", stmt)
        stmt = re.sub(r"\bINTEGER\b", "BIGINT", stmt)
        stmt = re.sub(r"\bREAL\b", "DOUBLE PRECISION", stmt)
        stmt = re.sub(r"\bBLOB\b", "BYTEA", stmt)
        stmt = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', stmt)
        out.append(stmt)
    return ";\n".join(out)


class PgConnection:
    """``store.db`` on PostgreSQL: ``?`` placeholders, rows by name."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor(row_factory=_row_factory)
        cur.execute(pg_sql(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cur = self.conn.cursor(row_factory=_row_factory)
        rows = [tuple(r) for r in rows]
        if rows:
            cur.executemany(pg_sql(sql), rows)
        return cur


# Memory for a search's bitmap of matching rows. With the server's default (4 MB) the bitmap of a
# common term over 100,000 notices went lossy, and every clause on a lossy page was rechecked by
# recomputing polex_bigrams on its text: requirements --search 理事会规模 995 ms → 70 ms with 64 MB
# (bench/bench_scale.py --docs 100000, issue 16). Per session, for polex's own connections only.
SEARCH_WORK_MEM = "64MB"


def _configure(conn: Any) -> None:
    conn.execute(f"SET work_mem = '{SEARCH_WORK_MEM}'")


def _pool(url: str) -> Any:
    """One pool per server URL and process: every store opened on it borrows a connection."""
    import psycopg
    from psycopg_pool import ConnectionPool

    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            try:  # one direct connection first: a wrong URL fails now, with the server's reason
                psycopg.connect(url, connect_timeout=10).close()
            except psycopg.Error as e:
                raise StoreError("E930", f"cannot connect to {_safe(url)}: {str(e).strip()}") from e
            pool = ConnectionPool(url, min_size=1, max_size=8, kwargs={"autocommit": True}, open=True, name="polex",
                                  configure=_configure)
            _POOLS[url] = pool
        return pool


@atexit.register
def _close_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.close()
        _POOLS.clear()


def _safe(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PgStore(Store):
    """A polex store in a PostgreSQL database."""

    backend = "postgresql"

    def __init__(self, path: str, create: bool = True) -> None:
        import psycopg

        self.path = str(path)
        self._pool = _pool(self.path)
        try:
            self._conn = self._pool.getconn(timeout=30)
        except Exception as e:  # noqa: BLE001 - PoolTimeout and connection errors alike
            raise StoreError("E930", f"cannot connect to {_safe(self.path)}: {e}") from e
        self.db = PgConnection(self._conn)
        try:
            self._check(create)
            if create:
                self.migrate()
        except psycopg.Error as e:
            self.close()
            raise StoreError("E930", f"cannot use {_safe(self.path)} as a polex store: {str(e).strip()}") from e
        except StoreError:
            self.close()
            raise

    def _tables(self) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def _check(self, create: bool) -> None:
        tables = self._tables()
        if tables and "polex_meta" not in tables:
            raise StoreError("E930", f"{_safe(self.path)} holds other tables ({', '.join(sorted(tables)[:5])}) and is not a "
                                     "polex store; polex will not add its own to it")
        version = self.version
        self._check_version(version, create, _safe(self.path))
        if create:
            probe = self.db.execute("SELECT to_tsvector('simple', '监事')::text AS v").fetchone()["v"]
            if "监事" not in probe:
                raise StoreError("E930", f"{_safe(self.path)}: the database's LC_CTYPE is not a UTF-8 locale, so PostgreSQL's "
                                         "text search drops Chinese; create it with `createdb -E UTF8 --locale C.UTF-8 -T template0`")

    def close(self) -> None:
        conn, self._conn = getattr(self, "_conn", None), None
        if conn is not None:
            self._pool.putconn(conn)

    @property
    def version(self) -> int:
        if "polex_meta" not in self._tables():
            return 0
        row = self.db.execute("SELECT value FROM polex_meta WHERE key = 'user_version'").fetchone()
        return int(row[0]) if row else 0

    def data_token(self) -> Any:
        # every commit that writes a row moves the server's WAL position (a standby cannot tell: None)
        return self.db.execute("SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END").fetchone()[0]

    def migrate(self) -> None:
        for n, step in enumerate(MIGRATIONS, start=1):
            if self.version >= n:
                continue
            script = pg_ddl(step) if isinstance(step, str) else step["postgresql"]
            with self._tx():
                self._conn.execute("CREATE TABLE IF NOT EXISTS polex_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                if self.version >= n:  # another process migrated meanwhile
                    continue
                self._conn.execute(script)
                self._conn.execute("INSERT INTO polex_meta VALUES ('user_version', %s) ON CONFLICT (key) DO UPDATE "
                                   "SET value = excluded.value", (str(n),))

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
        with self._conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # fixed names
            for r in rows:
                copy.write_row(r)

    def _full(self, e: BaseException) -> bool:
        return (getattr(e, "sqlstate", None) or "").startswith("53") or "No space left on device" in str(e)

    def _index_match(self, words: list[str], terms: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        # both GIN indexes, which the planner combines (BitmapAnd) before reading a clause
        where, args = [], []
        if words:
            where.append("to_tsvector('simple', c.tokens) @@ plainto_tsquery('simple', ?)")
            args.append(" ".join(words))
        if terms:  # every bigram (a prefix for one character)
            where.append("to_tsvector('simple', polex_bigrams(c.text)) @@ to_tsquery('simple', ?)")
            args.append(" & ".join("'" + t.replace("'", "''").replace("\\", "\\\\") + "'" + (":*" if prefix else "")
                                   for t, prefix in terms))
        return " AND ".join(where), args
