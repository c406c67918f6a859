"""Sentences and clauses: the body split after 。！？； (and at line ends).

Clause spans tile the body text exactly, minus the white space between them, so
joining ``text[span]`` of a section's clauses gives back its text.

>>> from extractor.normalize.offsets import AlignedText
>>> a = AlignedText("一、总体要求。要加强；可适当放宽！")
>>> [a.text[slice(*c.span)] for c in find_clauses("d", a, [(0, len(a.text))], [])]
['一、总体要求。', '要加强；', '可适当放宽！']
"""

from __future__ import annotations

import inspect
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter

from extractor.model import Clause, Section
from extractor.normalize.offsets import AlignedText
from extractor.recache import compile_re

_CLAUSE_RE = compile_re(r"[^\n。！？；;!?]+(?:[。！？；;!?]+[”’」』)）]*)?|[。！？；;!?]+")


def find_clauses(doc_id: str, aligned: AlignedText, body: list[tuple[int, int]], sections: list[Section]) -> list[Clause]:
    text = aligned.text
    # a clause belongs to the section whose label or text contains its start
    starts = [s.label_span[0] for s in sections]
    # each section's id and end read once, not from the model for every clause (issue 18: ~6,000
    # clauses a pass over corpus/, each asking two or three attributes of a pydantic model)
    sec_ids = [s.id for s in sections]
    sec_ends = [max(s.span[1], s.label_span[1]) for s in sections]
    out: list[dict[str, Any]] = []
    pieces: list[tuple[int, int]] = []
    for a, b in body:  # a clause never runs across the start of a numbered item
        # the labels inside (a, b) by bisection: a scan of every label per body range was quadratic (issue 15)
        cuts = [a] + starts[bisect_right(starts, a):bisect_left(starts, b)] + [b]
        pieces.extend(zip(cuts, cuts[1:]))
    build, row, prefix = aligned.build, row_of(Clause), f"{doc_id}#c"
    for a, b in pieces:
        for m in _CLAUSE_RE.finditer(text, a, b):
            s, e = m.span()
            while s < e and text[s] in " \t":
                s += 1
            while e > s and text[e - 1] in " \t":
                e -= 1
            if s == e:
                continue
            k = bisect_right(starts, s) - 1
            sec = sec_ids[k] if k >= 0 and s < sec_ends[k] else None
            last = text[e - 1]
            out.append(build(row, id=f"{prefix}{len(out) + 1}", section=sec, span=(s, e), end=last if last in _CLAUSE_ENDS else ""))
    # validated as one list, as AlignedText.edits does: one pydantic-core call for the thousands of a long notice
    return _clause_list().validate_python(out)


_CLAUSE_ENDS = "。！？；;!?"


@cache
def row_of(model: type[BaseModel]) -> Callable[..., dict[str, Any]]:
    """A factory with ``model``'s signature that hands back its fields as a dict: given to
    :meth:`AlignedText.build`, it gets its raw spans filled as the model would, and the rows of a
    whole document are then validated in one call (issue 18: ~6,000 Clause validations per pass
    over corpus/ one by one)."""

    def row(**fields: Any) -> dict[str, Any]:
        return fields

    row.__signature__ = inspect.signature(model)  # type: ignore[attr-defined]
    return row


@lru_cache(maxsize=1)
def _clause_list() -> TypeAdapter[list[Clause]]:
    return TypeAdapter(list[Clause])
