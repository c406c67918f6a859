"""Tables inside a notice's text: rows are lines whose cells are joined by tabs (as :mod:`extractor.normalize.html`
writes a ``<table>``, and as plain-text notices paste them), the first row of a run of rows names the columns.

Used by the requirement reading (a 责任分工 table's 牵头单位 column gives each row's body; other rows bid nothing) and
by the thresholds (a cell's bare value takes its column's unit: 人均年可支配收入（元）⇥家庭财产总额（万元）).
"""

from __future__ import annotations

from functools import lru_cache


def table_line(text: str, at: int) -> tuple[int, int] | None:
    """(start, end) of the line holding ``text[at]`` when it is a table's row (its cells joined by tabs; a tab that
    only indents a paragraph makes none), else None."""
    ls = text.rfind("\n", 0, at) + 1
    le = text.find("\n", at)
    le = len(text) if le < 0 else le
    t = text.find("\t", ls, le)
    if t < 0 or not text[ls:t].strip() or not text[t:le].strip():
        return None
    return ls, le


@lru_cache(maxsize=4096)
def table_start(text: str, ls: int) -> int:
    """Start of the first line of the table whose row starts at ``ls``: the lines before it that are rows too.
    Walks back at most 64 lines and asks the memo for the rest, so a long table costs each row a constant."""
    for _ in range(64):
        if ls == 0:
            return 0
        ps = text.rfind("\n", 0, ls - 1) + 1
        if table_line(text, ps) is None:
            return ls
        ls = ps
    return table_start(text, ls)


def header_cells(text: str, ls: int) -> list[str] | None:
    """The cells of the header of the table whose row starts at ``ls``; None when that row is the header itself."""
    hs = table_start(text, ls)
    if hs == ls:
        return None
    he = text.find("\n", hs)
    return text[hs:he if he >= 0 else len(text)].split("\t")


def column_of(head: list[str], cells: list[str], i: int) -> int:
    """The header column of a row's ``i``-th cell. A row with fewer cells than the header has its first cells merged
    with the row above (rowspan: corpus 13's 任务分工表), so its cells align from the right; -1 when none fits."""
    j = i + len(head) - len(cells) if len(cells) < len(head) else i
    return j if 0 <= j < len(head) else -1


def forget() -> None:
    """Empty the memo keyed by a document's text."""
    table_start.cache_clear()
