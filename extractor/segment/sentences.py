"""Sentences and clauses: the body split after 。！？； (and at line ends).

Clause spans tile the body text exactly, minus the white space between them, so
joining ``text[span]`` of a section's clauses gives back its text.

>>> from extractor.normalize.offsets import AlignedText
>>> a = AlignedText("一、总体要求。要加强；可适当放宽！")
>>> [a.text[slice(*c.span)] for c in find_clauses("d", a, [(0, len(a.text))], [])]
['一、总体要求。', '要加强；', '可适当放宽！']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from extractor.model import Clause, Section
from extractor.normalize.offsets import AlignedText

_CLAUSE_RE = re.compile(r"[^\n。！？；;!?]+(?:[。！？；;!?]+[”’」』)）]*)?|[。！？；;!?]+")


def find_clauses(doc_id: str, aligned: AlignedText, body: list[tuple[int, int]], sections: list[Section]) -> list[Clause]:
    text = aligned.text
    # a clause belongs to the section whose label or text contains its start
    starts = [s.label_span[0] for s in sections]
    out: list[Clause] = []
    pieces: list[tuple[int, int]] = []
    for a, b in body:  # a clause never runs across the start of a numbered item
        # the labels inside (a, b) by bisection: a scan of every label per body range was quadratic (issue 15)
        cuts = [a] + starts[bisect_right(starts, a):bisect_left(starts, b)] + [b]
        pieces.extend(zip(cuts, cuts[1:]))
    for a, b in pieces:
        for m in _CLAUSE_RE.finditer(text, a, b):
            s, e = m.start(), m.end()
            while s < e and text[s] in " \t":
                s += 1
            while e > s and text[e - 1] in " \t":
                e -= 1
            if s == e:
                continue
            k = bisect_right(starts, s) - 1
            sec = sections[k].id if k >= 0 and s < max(sections[k].span[1], sections[k].label_span[1]) else None
            end = text[e - 1] if text[e - 1] in "。！？；;!?" else ""
            out.append(aligned.build(Clause, id=f"{doc_id}#c{len(out) + 1}", section=sec, span=(s, e), end=end))
    return out
