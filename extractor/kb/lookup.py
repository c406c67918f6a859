"""Find a stored document the way a person names it: an id or its prefix, a 发文字号, a title.

Used by ``polex trace`` and ``polex diff`` (and the web app): the lookup is one function so
every front end accepts the same names and says the same thing when a name is ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import Document
from extractor.kb.store import Store, number_key, title_key

MIN_PREFIX = 4  # shorter id prefixes match too much to be meant


class LookupError_(KeyError):
    """No stored document answers to the name, or several do (``candidates`` lists them)."""

    def __init__(self, message: str, candidates: list[dict] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates or []

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Found:
    doc_id: str
    requirement: str | None  # the requirement id, when the name was one
    how: str  # doc_id | requirement | prefix | doc_number | title


def _rows(store: Store, sql: str, args: tuple) -> list[dict]:
    return [dict(r) for r in store.db.execute(sql, args)]


def _one(ident: str, rows: list[dict], how: str) -> Found | None:
    ids = list(dict.fromkeys(r["doc_id"] for r in rows))
    if len(ids) == 1:
        return Found(ids[0], None, how)
    if len(ids) > 1:
        raise LookupError_(f"{ident!r} is ambiguous: {len(ids)} stored documents match by {how}", rows[:10])
    return None


def find_document(store: Store, ident: str) -> Found:
    """The stored document that ``ident`` names, tried in this order:

    a full doc_id (also ``doc:…``), a requirement id, a doc_id prefix of at least 4 hex
    digits, a 发文字号 in any bracket form (``国发〔2019〕4号`` = ``国发[2019]4号``), an exact
    title, a title without punctuation, and a part of a title. Raises
    :class:`LookupError_` (a ``KeyError``) when nothing or more than one document matches.
    """
    ident = ident.strip()
    if not ident:
        raise LookupError_("an empty name matches no document")
    doc_id = ident.removeprefix("doc:")
    if store.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone():
        return Found(doc_id, None, "doc_id")
    req = store.db.execute("SELECT id, doc_id FROM requirements WHERE id = ?", (ident,)).fetchone()
    if req:
        return Found(req["doc_id"], req["id"], "requirement")
    cols = "doc_id, title, doc_number, year"
    if len(doc_id) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in doc_id.lower()):
        prefix = doc_id.lower()
        hit = _one(ident, _rows(store, f"SELECT {cols} FROM documents WHERE substr(doc_id, 1, ?) = ? ORDER BY doc_id",  # noqa: S608
                                (len(prefix), prefix)), "id prefix")
        if hit:
            return hit
    key = number_key(None, None, None, ident)
    if key:
        hit = _one(ident, _rows(store, f"SELECT {cols} FROM documents d JOIN doc_keys k USING (doc_id) WHERE k.key = ? "  # noqa: S608
                                "ORDER BY year, doc_id", (key,)), "发文字号")
        if hit:
            return hit
    hit = _one(ident, _rows(store, f"SELECT {cols} FROM documents WHERE title = ? ORDER BY year, doc_id", (ident,)), "title")  # noqa: S608
    if hit:
        return hit
    tkey = title_key(ident)
    if tkey:
        hit = _one(ident, _rows(store, f"SELECT {cols} FROM documents d JOIN doc_keys k USING (doc_id) WHERE k.key = ? "  # noqa: S608
                                "ORDER BY year, doc_id", (tkey,)), "title")
        if hit:
            return hit
    if len(ident) >= 2:
        pattern = "%" + ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        hit = _one(ident, _rows(store, f"SELECT {cols} FROM documents WHERE title LIKE ? ESCAPE '\\' "  # noqa: S608
                                "ORDER BY year, doc_id LIMIT 50", (pattern,)), "part of the title")
        if hit:
            return hit
    raise LookupError_(f"no stored document or requirement answers to {ident!r} (tried id, id prefix, 发文字号, title)")


def load_stored(store: Store, doc_id: str) -> Document:
    """The document re-extracted from the bytes the store kept (the parser of today, the bytes of then)."""
    from extractor.kb.browse import load_document

    doc = load_document(store, doc_id)
    if doc is None:
        raise LookupError_(f"no stored document {doc_id!r}, or its bytes are not in the store")
    return doc
