"""Text reuse across levels: which clauses of a local notice copy the notice it implements.

The method of legislative text-reuse studies: candidate clause pairs come from shared
character shingles (an inverted index over the source's clauses — never all pairs), then a
Smith-Waterman local alignment on characters (after ``t2s``) finds the copied stretch. The
*reuse* of a local clause is the share of its characters that the alignment matches in the
source; a clause with reuse ≥ :data:`VERBATIM` is forwarded verbatim.

corpus-dev 031 (北京市2016年政务公开工作要点) repeats whole sentences of 国办发〔2016〕19号 and
adds its own: the aligned clauses carry both spans, the others are what the province adds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from extractor.recache import compile_re

SHINGLE = 4  # characters: short enough that a reworded clause still shares some
MIN_SHARED = 3  # shingles in common before a pair is aligned at all
CANDIDATES = 3  # source clauses aligned per local clause, the ones sharing most shingles
MAX_POSTING = 50  # a shingle found in more source clauses than this says nothing (为贯彻落实)
MIN_CLAUSE = 8  # characters: shorter clauses (headings 一、总体要求) are not reuse evidence
MIN_REUSE = 0.35  # share of the local clause copied for an aligns_with edge (bench/eval_reuse_pairs.py: on the gold 2017→2018 pairs
# 0.35 gives precision 0.83, recall 0.75 of the strong pairs; 0.5 gives 0.77 and 0.50)
SHARED_FLOOR = 0.5  # shingles shared, as a share of MIN_REUSE × the clause's shingles, before aligning at all
MIN_MATCHED = 10  # characters matched: a 发文字号 like 京政办发〔2016〕26号 against 国办发〔2016〕19号 is form, not reuse
VERBATIM = 0.95
MATCH, MISMATCH, GAP = 2, -1, -1

_KEEP = compile_re(r"[\u4e00-\u9fff0-9A-Za-z%.]")


def _codes(s: str) -> np.ndarray:
    return np.fromiter((ord(c) for c in s), dtype=np.int64, count=len(s))


def _sw_scores(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int]:
    """Best local alignment score of a against b and the cell (i, j) where it ends (exclusive).

    With a linear gap penalty a row needs no left-to-right loop: H[i, j] = max over k ≤ j of
    T[k] − GAP·(j − k), where T is the row without horizontal gaps — a running maximum.
    """
    m = len(b)
    idx = np.arange(m + 1, dtype=np.int64)
    prev = np.zeros(m + 1, dtype=np.int64)
    best, bi, bj = 0, 0, 0
    for i in range(len(a)):
        diag = prev[:-1] + np.where(b == a[i], MATCH, MISMATCH)
        t = np.empty(m + 1, dtype=np.int64)
        t[0] = 0
        t[1:] = np.maximum(np.maximum(diag, prev[1:] + GAP), 0)
        row = np.maximum.accumulate(t - GAP * idx) + GAP * idx
        j = int(row.argmax())
        if row[j] > best:
            best, bi, bj = int(row[j]), i + 1, j
        prev = row
    return best, bi, bj


@dataclass(frozen=True)
class LocalAlignment:
    score: int
    a: tuple[int, int]  # [start, end) in the first string
    b: tuple[int, int]  # [start, end) in the second string
    matches: int  # characters equal in the aligned stretch


def align_local(a: str, b: str) -> LocalAlignment:
    """Smith-Waterman on characters: the best-matching stretch of ``a`` and ``b``.

    >>> r = align_local("各地区要在2016年底前完成政务公开目录编制", "要求各部门在2016年底前完成目录编制工作")
    >>> r.a, r.b, r.matches
    ((4, 22), (5, 19), 14)
    """
    if not a or not b:
        return LocalAlignment(0, (0, 0), (0, 0), 0)
    k = b.find(a)
    if k >= 0:  # a clause forwarded word for word: the alignment is the clause itself
        return LocalAlignment(MATCH * len(a), (0, len(a)), (k, k + len(a)), len(a))
    ca, cb = _codes(a), _codes(b)
    score, ie, je = _sw_scores(ca, cb)
    if score == 0:
        return LocalAlignment(0, (0, 0), (0, 0), 0)
    # the start: the same alignment run backwards from the end cell
    _, ri, rj = _sw_scores(ca[:ie][::-1], cb[:je][::-1])
    i0, j0 = ie - ri, je - rj
    return LocalAlignment(score, (i0, ie), (j0, je), _matches(a[i0:ie], b[j0:je]))


def _matches(x: str, y: str) -> int:
    import difflib

    return sum(m.size for m in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())


def _shingles(text: str) -> set[str]:
    t = "".join(_KEEP.findall(text))
    return {t[i:i + SHINGLE] for i in range(len(t) - SHINGLE + 1)}


@dataclass
class Clause:
    id: str
    doc_id: str
    section_id: str | None
    text: str
    start: int
    end: int
    raw_start: int | None = None  # None for a clause stored before migration 7
    raw_end: int | None = None

    def raw_span(self, start: int, end: int) -> tuple[list[int] | None, bool]:
        """The span in ``raw_text`` of the document stretch [start, end) inside this clause, and
        whether it is exact. Exact when the clause is as long in raw_text as in text (t2s and
        width folding are one for one: corpus-dev 030, traditional); when an edit inside the clause
        changed its length (a dropped pinyin gloss, corpus-dev 032) the clause's whole raw span."""
        if self.raw_start is None or self.raw_end is None:
            return None, False
        if self.raw_end - self.raw_start == self.end - self.start:
            return [self.raw_start + start - self.start, self.raw_start + end - self.start], True
        return [self.raw_start, self.raw_end], False


@dataclass
class Reuse:
    local: Clause
    source: Clause
    local_span: tuple[int, int]  # document offsets of the copied stretch in the local notice
    source_span: tuple[int, int]
    reuse: float  # share of the local clause's characters matched in the source
    verbatim: bool
    score: int

    def evidence(self) -> dict:
        def side(c: Clause, span: tuple[int, int]) -> dict:
            raw, exact = c.raw_span(*span)
            return {"clause": c.id, "span": list(span), "raw_span": raw, "raw_exact": exact,
                    "clause_span": [c.start, c.end], "clause_raw_span": [c.raw_start, c.raw_end] if c.raw_start is not None else None,
                    "text": c.text}

        return {"method": "smith-waterman on characters after t2s", "reuse": round(self.reuse, 3), "verbatim": self.verbatim,
                "score": self.score, "local": side(self.local, self.local_span), "source": side(self.source, self.source_span)}


def load_clauses(store, doc_id: str) -> list[Clause]:  # noqa: ANN001
    from extractor.normalize.text import _converter

    t2s = _converter("t2s")  # one for one: offsets stay valid
    return [Clause(r["id"], r["doc_id"], r["section_id"], t2s.convert(r["text"]), r["start"], r["end"], r["raw_start"], r["raw_end"])
            for r in store.db.execute("SELECT id, doc_id, section_id, text, start, end, raw_start, raw_end FROM clauses "
                                      "WHERE doc_id = ? ORDER BY start", (doc_id,))]


def find_reuse(local: list[Clause], source: list[Clause]) -> list[Reuse]:
    """The clauses of ``local`` that copy a clause of ``source``, best source clause each."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(source):
        if len(c.text) >= MIN_CLAUSE:
            for s in _shingles(c.text):
                index[s].append(k)
    out = []
    for c in local:
        n = len("".join(_KEEP.findall(c.text)))
        if n < MIN_CLAUSE:
            continue
        shared: Counter[int] = Counter()
        for s in _shingles(c.text):
            post = index.get(s)
            if post and len(post) <= MAX_POSTING:
                shared.update(post)
        best: Reuse | None = None
        mine = max(1, n - SHINGLE + 1)
        for k, common in shared.most_common(CANDIDATES):
            if common < MIN_SHARED or common < SHARED_FLOOR * MIN_REUSE * mine:
                break  # too few shingles in common for the alignment to reach the reuse floor
            src = source[k]
            al = align_local(c.text, src.text)
            kept = "".join(_KEEP.findall(c.text[al.a[0]:al.a[1]]))
            share = min(1.0, al.matches / n) if kept else 0.0
            if best is None or share > best.reuse:
                best = Reuse(c, src, (c.start + al.a[0], c.start + al.a[1]), (src.start + al.b[0], src.start + al.b[1]),
                             share, share >= VERBATIM, al.score)
        if best is not None and best.reuse >= MIN_REUSE and best.reuse * n >= MIN_MATCHED:
            out.append(best)
    return out


def reuse_summary(local: list[Clause], reuses: list[Reuse]) -> dict:
    """Copied and added clauses of a local notice against one source."""
    copied = {r.local.id for r in reuses}
    body = [c for c in local if len("".join(_KEEP.findall(c.text))) >= MIN_CLAUSE]
    added = [c for c in body if c.id not in copied]
    chars = sum(len(c.text) for c in body) or 1
    return {"clauses": len(body), "copied": len(copied), "verbatim": sum(r.verbatim for r in reuses),
            "copied_share": round(sum(len(r.local.text) * r.reuse for r in reuses) / chars, 3),
            "added": [{"clause": c.id, "span": [c.start, c.end], "raw_span": c.raw_span(c.start, c.end)[0], "text": c.text}
                      for c in added]}
