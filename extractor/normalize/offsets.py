"""The edit log between ``raw_text`` and ``text``, and the offset map derived from it.

Every normalization stage reports its changes as *local* edits on the current text;
:meth:`AlignedText.apply` composes them into one sorted, non-overlapping list of edits
in raw coordinates. Characters outside every edit are identical in both texts, so a
span maps exactly, character by character; a span that touches an edit maps to the
whole edit (a replaced ``&nbsp;`` maps back to all six characters).

>>> a = AlignedText("（一）網(wǎng)")
>>> a = a.apply([LocalEdit(0, 1, "(", "fold_width"), LocalEdit(2, 3, ")", "fold_width")])
>>> a = a.apply([LocalEdit(4, 10, "", "drop_pinyin_gloss")])
>>> a.text
'(一)網'
>>> a.to_raw_span(3, 4)
(3, 4)
>>> a.to_raw_span(0, 4)
(0, 4)
>>> a.replay(0, 10, include_edges=True) == a.text
True

Stage code locates things in ``text`` only, as :class:`TextSpan` values or ``(start, end)`` pairs;
:meth:`AlignedText.build` is the one place that turns them into a model's ``span`` and
``raw_span`` fields (issue 17):

>>> from extractor.model import Located
>>> a.build(Located, span=TextSpan.at(a.text, 3, 4), source="document")
Located(text='網', span=(3, 4), raw_span=(3, 4), source='document')
"""

from __future__ import annotations

import inspect
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import accumulate
from operator import add, itemgetter, sub
from typing import Any, NamedTuple, TypeVar

from pydantic import TypeAdapter

from extractor.model import Edit, EditReason, Span

T = TypeVar("T")


class TextSpan(NamedTuple):
    """A thing located in ``text``: ``text[start:end]`` is ``text``, what was matched.

    The one span type of stage code. It carries its characters so that whoever turns it into
    a model field can check that the offsets still point at them (a clause-relative offset
    stored as a document offset is the bug this catches).
    """

    start: int
    end: int
    text: str

    @classmethod
    def at(cls, text: str, start: int, end: int) -> TextSpan:
        """The span ``[start, end)`` of ``text`` with its characters."""
        return cls(start, end, text[start:end])


@cache
def _span_fields(factory: Callable[..., Any]) -> tuple[tuple[str, str, str | None], ...]:
    """(text span field, raw span field, text field or None) for each located field ``factory`` takes.

    The model's naming convention: ``span`` → ``raw_span`` and ``text``; ``value_span`` →
    ``value_raw_span`` and ``value_text``; ``label_span`` → ``label_raw_span``.
    """
    params = inspect.signature(factory).parameters
    out = []
    for raw in params:
        if raw == "raw_span" or raw.endswith("_raw_span"):
            prefix = raw[: -len("raw_span")]
            name = prefix + "span"
            if name in params:
                out.append((name, raw, prefix + "text" if prefix + "text" in params else None))
    return tuple(out)


class LocalEdit(NamedTuple):
    """A change on the current text: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    reason: EditReason


class _RawEdit(NamedTuple):
    raw_start: int
    raw_end: int
    replacement: str
    reason: EditReason
    prior: tuple[EditReason, ...]


_RAW_START, _RAW_END, _REPLACEMENT = itemgetter(0), itemgetter(1), itemgetter(2)


class AlignedText:
    """``raw`` and the current normalized ``text``, linked by an edit log."""

    __slots__ = ("raw", "text", "_edits", "_t_starts", "_t_ends", "_r_starts", "_r_ends")

    def __init__(self, raw: str, text: str | None = None, edits: list[_RawEdit] | None = None) -> None:
        self.raw = raw
        self._edits: list[_RawEdit] = edits or []
        # each edit's start in text: its raw start shifted by the length change of the edits before it.
        # The raw ends and the text ends are kept as columns too: to_raw_span and apply read them for
        # every span and every stage instead of recomputing them from the edits (issue 18)
        edits_ = self._edits
        self._r_starts: list[int] = list(map(_RAW_START, edits_))
        self._r_ends: list[int] = list(map(_RAW_END, edits_))
        lens = list(map(len, map(_REPLACEMENT, edits_)))
        self._t_starts: list[int] = list(map(add, self._r_starts, accumulate(map(sub, lens, map(sub, self._r_ends, self._r_starts)), initial=0)))
        self._t_ends: list[int] = list(map(add, self._t_starts, lens))  # where each replacement ends in text
        self.text = text if text is not None else self._render()

    # -- building -----------------------------------------------------------------

    def _render(self) -> str:
        out: list[str] = []
        pos = 0
        for ed in self._edits:
            out.append(self.raw[pos : ed.raw_start])
            out.append(ed.replacement)
            pos = ed.raw_end
        out.append(self.raw[pos:])
        return "".join(out)

    def apply(self, local: list[LocalEdit]) -> AlignedText:
        """Return a new AlignedText with ``local`` (sorted, non-overlapping) applied.

        A local edit that touches an earlier edit's replacement absorbs it (and any
        other local edit that then falls inside the widened range), so raw edits
        never overlap.
        """
        local = [e for e in local if e.replacement != self.text[e.start : e.end]]
        if not local:
            return self
        old = self._edits
        if not old and all(a.end <= b.start for a, b in zip(local, local[1:])) and all(e.start <= e.end for e in local):
            # the first stage on a raw text (the page's markup): text is raw, each edit is its own raw edit
            return AlignedText(self.raw, _apply_local(self.text, local),
                               [_RawEdit(e.start, e.end, e.replacement, e.reason, ()) for e in local])
        t_starts = self._t_starts
        # where each old edit ends in text: non-decreasing, as the edits are sorted and do not overlap
        t_ends = self._t_ends
        merged: list[_RawEdit] = []
        j = 0  # next old edit not yet emitted
        n_old = len(old)
        n_local = len(local)
        i = 0
        while i < n_local:
            le = local[i]
            s, e = le.start, le.end
            # old edits wholly before (ending at or before s; a zero-width one at s too), found by
            # bisection: a Python step per old edit made every stage cost the length of the log (issue 18)
            k = bisect_right(t_ends, s, j)
            if k > j:
                merged.extend(old[j:k])
                j = k
            if s <= e and (j == n_old or not (t_starts[j] < e and t_ends[j] > s)) and (i + 1 == n_local or local[i + 1].start >= e):
                # most edits touch no earlier edit and no other local edit: the text around them is
                # raw text shifted by the edits before (what _locate and _raw_boundary would find)
                base = old[j - 1].raw_end - t_ends[j - 1] if j else 0
                merged.append(_RawEdit(base + s, base + e, le.replacement, le.reason, ()))
                i += 1
                continue
            S, E = s, e
            group = [local[i]]
            i += 1
            priors: list[EditReason] = []
            raw_s: int | None = None
            raw_e: int | None = None
            first = True
            while True:
                grew = False
                while j < n_old:
                    o_ts = t_starts[j]
                    o_te = o_ts + len(old[j].replacement)
                    if not (o_ts < E and o_te > S):
                        break
                    if first:
                        if o_ts <= S:
                            raw_s = old[j].raw_start
                        S = min(S, o_ts)
                        first = False
                    raw_e = old[j].raw_end if o_te >= E else None
                    E = max(E, o_te)
                    priors.extend(old[j].prior)
                    priors.append(old[j].reason)
                    j += 1
                    grew = True
                while i < len(local) and local[i].start < E:
                    group.append(local[i])
                    if local[i].end > E:
                        E = local[i].end
                        raw_e = None
                    i += 1
                    grew = True
                if not grew:
                    break
            if raw_s is None:
                raw_s = self._locate(S)[0] if S < E else self._raw_boundary(S)
            if raw_e is None:
                raw_e = self._locate(E - 1)[1] if S < E else raw_s
            pieces: list[str] = []
            pos = S
            for le in group:
                pieces.append(self.text[pos : le.start])
                pieces.append(le.replacement)
                pos = le.end
            pieces.append(self.text[pos:E])
            reason = group[-1].reason
            priors.extend(le.reason for le in group[:-1])
            merged.append(_RawEdit(raw_s, raw_e, "".join(pieces), reason, tuple(r for r in dict.fromkeys(priors) if r != reason)))
        merged.extend(old[j:])
        new_text = _apply_local(self.text, local)
        return AlignedText(self.raw, new_text, merged)

    def _raw_boundary(self, t: int) -> int:
        """Raw offset of text boundary ``t`` that lies outside every edit's replacement."""
        k = bisect_right(self._t_starts, t) - 1
        while k >= 0:
            ed = self._edits[k]
            t_end = self._t_starts[k] + len(ed.replacement)
            if t_end <= t:
                return ed.raw_end + (t - t_end)
            k -= 1  # t == start of a zero-width edit at the same point
        return t

    # -- mapping ------------------------------------------------------------------

    def _locate(self, t: int) -> tuple[int, int]:
        """For text char ``t``: (raw start, raw end) of that character's source.

        The last edit starting at or before ``t`` decides: ``t`` is in its replacement, or in the
        unedited text after it (the text between two edits is raw text shifted by the edits before).
        """
        k = bisect_right(self._t_starts, t) - 1
        if k < 0:
            return t, t + 1
        te = self._t_ends[k]
        if t < te:
            return self._r_starts[k], self._r_ends[k]
        r = self._r_ends[k] + (t - te)
        return r, r + 1

    def to_raw_span(self, start: int, end: int) -> Span:
        """Map a half-open text span to the raw span its characters came from.

        :meth:`_locate` of both ends written out: called for every located thing of a document
        (18,000 spans a pass over corpus/, issue 18)."""
        if start >= end:
            r = self._raw_boundary(start) if start < len(self.text) else len(self.raw) - (len(self.text) - start)
            return (r, r)
        t_starts, t_ends = self._t_starts, self._t_ends
        k = bisect_right(t_starts, start) - 1
        if k < 0:
            rs = start
        elif start < t_ends[k]:
            rs = self._r_starts[k]
        else:
            rs = self._r_ends[k] + (start - t_ends[k])
        last = end - 1
        k = bisect_right(t_starts, last, k if k > 0 else 0) - 1
        if k < 0:
            return (rs, end)
        te = t_ends[k]
        if last < te:
            return (rs, self._r_ends[k])
        return (rs, self._r_ends[k] + (end - te))

    def raw_of(self, start: int, end: int) -> str:
        """The characters of ``raw_text`` that ``text[start:end]`` came from, as written."""
        rs, re_ = self.to_raw_span(start, end)
        return self.raw[rs:re_]

    def build(self, factory: Callable[..., T], /, *args: Any, **fields: Any) -> T:
        """Call ``factory`` (a model, or a function making one) with ``fields`` in ``text``
        coordinates; every raw span it takes is filled here from the edit log.

        This is how stage code makes anything located: it writes ``span``, ``value_span``,
        ``label_span`` … as ``(start, end)`` or as a :class:`TextSpan`, never a raw span (passing
        one is a ``TypeError``; forgetting the text span leaves a required raw span missing,
        which the model refuses). A :class:`TextSpan` is checked against the text and fills the
        model's matching text field (``text`` for ``span``, ``value_text`` for ``value_span``),
        which, if given as well, must agree with it.
        """
        for name, raw, text_field in _span_fields(factory):
            if raw in fields:
                raise TypeError(f"{raw} is filled from the edit log; give {name} only")
            sp = fields.get(name)
            if sp is None:
                if name in fields:
                    fields[raw] = None
                continue
            if isinstance(sp, TextSpan):
                if self.text[sp.start : sp.end] != sp.text:
                    raise ValueError(f"{name} {sp.start}-{sp.end} does not hold {sp.text[:40]!r}")
                if text_field is not None:
                    if fields.setdefault(text_field, sp.text) != sp.text:
                        raise ValueError(f"{text_field} {fields[text_field][:40]!r} is not what {name} holds")
                sp = fields[name] = (sp.start, sp.end)
            fields[raw] = self.to_raw_span(*sp)
        return factory(*args, **fields)

    def to_text_span(self, raw_start: int, raw_end: int) -> Span:
        """Map a raw span to the smallest text span covering what it became."""
        def text_pos(r: int, is_end: bool) -> int:
            k = bisect_right(self._r_starts, r) - 1
            if k < 0:
                return r
            ed = self._edits[k]
            ts = self._t_starts[k]
            if r < ed.raw_end or (is_end and r == ed.raw_end and r > ed.raw_start):
                return ts + len(ed.replacement) if is_end else ts
            return ts + len(ed.replacement) + (r - ed.raw_end)

        if raw_start >= raw_end:
            p = text_pos(raw_start, False)
            return (p, p)
        return (text_pos(raw_start, False), text_pos(raw_end, True))

    def replay(self, raw_start: int, raw_end: int, include_edges: bool = False) -> str:
        """Apply the logged edits that lie inside ``raw[raw_start:raw_end]`` to that slice.

        For a span produced by :meth:`to_raw_span` this reproduces ``text[span]``; the
        provenance tests rely on it. Insertions exactly at the two ends belong to the
        neighbouring text, so they are left out unless ``include_edges`` (use it to
        replay the whole document).
        """
        out: list[str] = []
        pos = raw_start
        for ed in self._edits[bisect_left(self._r_starts, raw_start):]:
            if ed.raw_start > raw_end:
                break
            if ed.raw_end > raw_end:
                continue
            if ed.raw_start == ed.raw_end and not include_edges and ed.raw_start in (raw_start, raw_end):
                continue
            out.append(self.raw[pos : ed.raw_start])
            out.append(ed.replacement)
            pos = ed.raw_end
        out.append(self.raw[pos:raw_end])
        return "".join(out)

    def edits(self) -> list[Edit]:
        """The edit log as serializable models, validated as one list (pydantic-core builds the
        thousands of a page in one call: 13,000 edits, 30 against 40-75 ms one by one)."""
        return _edit_list().validate_python([
            {"raw_start": ed.raw_start, "raw_end": ed.raw_end, "start": ts, "replacement": ed.replacement,
             "reason": ed.reason, "prior": ed.prior}
            for ed, ts in zip(self._edits, self._t_starts)
        ])


@lru_cache(maxsize=1)
def _edit_list() -> TypeAdapter[list[Edit]]:
    return TypeAdapter(list[Edit])


def _apply_local(text: str, local: list[LocalEdit]) -> str:
    out: list[str] = []
    pos = 0
    for le in local:
        out.append(text[pos : le.start])
        out.append(le.replacement)
        pos = le.end
    out.append(text[pos:])
    return "".join(out)


def edits_from_char_map(text: str, mapped: str, reason: EditReason) -> list[LocalEdit]:
    """Local edits for a length-preserving conversion (OpenCC t2s, width folding).

    >>> edits_from_char_map("網絡", "网络", "t2s")
    [LocalEdit(start=0, end=1, replacement='网', reason='t2s'), LocalEdit(start=1, end=2, replacement='络', reason='t2s')]
    """
    if len(text) != len(mapped):
        raise ValueError("conversion is not length-preserving")
    return [LocalEdit(i, i + 1, b, reason) for i, (a, b) in enumerate(zip(text, mapped)) if a != b]
