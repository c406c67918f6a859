"""Label lines of the normalized text as body, furniture, toc or meta.

Nothing is removed: the structure stage simply reads only the body layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.model import LayerKind
from extractor.normalize import chrome
from extractor.recache import compile_re


@dataclass
class Mark:
    kind: LayerKind
    rule: str
    start: int
    end: int


# the paywall rules open with a run of … before a bracket: a line without "(" cannot match them
_PAREN_LED = r"(?<!…)…*\s{0,8}\("
_BLANKS_FIRST = r"^\s*"
# what a rule that does not start with a literal character starts with
_REGEX_OPENERS = frozenset("([\\.^$*+?{|")


class _LineGate:
    """Whether any rule of :data:`chrome.TEXT_CHROME` can match a line; most body lines match none.

    One alternation of every rule, searched along each line, tried all of them at every
    character (3.7 % of a corpus run, issue 18). Split four ways, it asks the same question
    faster: the rules anchored with ``^`` are tried at the start of the line only (a line holds
    no newline, so ``^`` can match nowhere else); the rules that start with a literal form an
    alternation the regex engine scans for by its first characters (a rule that starts with a
    group is a pattern of its own: one such branch in the alternation and the engine tried every
    branch at every character); the paywall rules are tried only on lines holding "(", from the
    bracket. ``tests/test_perf.py`` checks the gate passes the same lines as the single
    alternation on every line of corpus/ and corpus-dev.
    """

    def __init__(self, sources: list[str]) -> None:
        anchored = [rx for rx in sources if rx.startswith("^")]
        paren = [rx for rx in sources if rx.startswith(_PAREN_LED)]
        rest = [rx for rx in sources if rx not in anchored and rx not in paren]
        literal_led = [rx for rx in rest if rx[0] not in _REGEX_OPENERS]
        # the anchored rules that open with ^\s* share it: ^\s*(?:A|B|…) matches a line exactly where one of
        # ^\s*A, ^\s*B … does, and the blanks are read once, not once per rule (a third of the gate's time)
        spaced = [rx[len(_BLANKS_FIRST):] for rx in anchored if rx.startswith(_BLANKS_FIRST)]
        branches = ([f"{_BLANKS_FIRST}(?:" + "|".join(f"(?:{rx})" for rx in spaced) + ")"] if spaced else [])
        branches += [f"(?:{rx})" for rx in anchored if not rx.startswith(_BLANKS_FIRST)]
        self._anchored = compile_re("|".join(branches), re.M) if anchored else None
        # joined bare (A|B|C is (?:A)|(?:B)|(?:C)), so that each branch starts with its literal
        self._rest = [compile_re("|".join(literal_led), re.M)] if literal_led else []
        self._rest += [compile_re(rx, re.M) for rx in rest if rx not in literal_led]
        # A paywall rule is _PAREN_LED then the rest of it: it matches a line exactly where the rest,
        # from its "(", does (the run of … before that bracket, if any, may be empty or taken whole
        # from its first …). Whether it matches is asked from the bracket, which the engine skips to.
        self._paren = compile_re("|".join(f"(?:{rx[len(_PAREN_LED) - 2:]})" for rx in paren), re.M) if paren else None

    def __call__(self, line: str) -> bool:
        # a loop, not any() over a generator: asked of every line of the body (3,750 a pass over corpus/),
        # where making the generator cost as much as the two searches it ran (issue 18)
        if self._anchored is not None and self._anchored.match(line):
            return True
        for rx in self._rest:
            if rx.search(line):
                return True
        return self._paren is not None and "(" in line and self._paren.search(line) is not None


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, re.Pattern[str], str]], _LineGate, re.Pattern[str], re.Pattern[str]]:
    rules = [(name, compile_re(rx, re.M), scope) for name, rx, scope in chrome.TEXT_CHROME]
    gate = _LineGate([rx for _, rx, _ in chrome.TEXT_CHROME])
    return rules, gate, compile_re(chrome.ADDRESS_LINE), compile_re(chrome.TOC_START)


_LABEL_START_RE = compile_re(r"^\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、]|\(\d{1,2}\)|第[一二三四五六七八九十百]+[章节条]|\(…+|…+)")


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


LONG_LINE = 300  # characters; the longest line of chrome in the corpora is under 200

# the crumb of the page itself, closing a breadcrumb
_CURRENT_CRUMB = frozenset({"正文", "详情", "正文内容", "内容详情", "文章详情", "信息详情", "新闻详情", "详细内容", "内容"})


def _crumbs_by_line(text: str, lines: list[tuple[int, int]], line_kind: list[str | None], marks: list[Mark]) -> None:
    """A breadcrumb whose crumbs are list items, one to a line: 首页 / 通知公告 / 正文 (probes34 h05, a Liferay
    portal's ``<ol class="breadcrumb">``), from 首页 to the crumb of the page itself, a few short lines."""
    for i, (a, b) in enumerate(lines):
        if text[a:b].strip() != "首页" or line_kind[i] is not None:
            continue
        for j in range(i + 1, min(len(lines), i + 7)):
            crumb = text[lines[j][0]:lines[j][1]].strip()
            if line_kind[j] is not None or not 0 < len(crumb) <= 10 or any(c in crumb for c in "。，,；;：:"):
                break
            if crumb in _CURRENT_CRUMB:
                for k in range(i, j + 1):
                    line_kind[k] = "breadcrumb"
                    marks.append(Mark("furniture", "breadcrumb", *lines[k]))
                break


def find_chrome(text: str, body_ranges: list[tuple[int, int]]) -> list[Mark]:
    """Furniture and meta marks inside ``body_ranges`` by the text vocabulary."""
    rules, gate, address_re, _ = _compiled()
    marks: list[Mark] = []
    lines = [ln for a, b in body_ranges for ln in _lines(text, a, b)]
    tail_from: int | None = None
    tail_rule = "share_site"
    line_kind: list[str | None] = []
    for a, b in lines:
        line = text[a:b]
        hit: str | None = None
        for name, rx, scope in rules if gate(line) else ():
            m = rx.search(line)
            if m is None:
                continue
            if scope == "inline" or (scope != "tail" and b - a > LONG_LINE):
                # a long line is no line of chrome: a page pasted as one paragraph (seed 003 runs whole pages
                # together) would be furniture or meta from end to end; only the match is
                marks.append(Mark("meta" if scope == "meta" else "furniture", name, a + m.start(), a + m.end()))
                continue
            if scope == "trailing":  # marked below, if the line is in the trailing footer
                hit = "trailing:" + name
                break
            if scope == "tail" and tail_from is None:
                tail_from, tail_rule = a, name
            kind: LayerKind = "meta" if scope == "meta" else "furniture"
            marks.append(Mark(kind, name, a, b))
            hit = name
            break
        line_kind.append(hit)
    _crumbs_by_line(text, lines, line_kind, marks)
    # seed 002: the column name under a breadcrumb (您现在的位置: 首页-- … -- 政策法规 / 政策法规)
    for i, (a, b) in enumerate(lines[:-1]):
        if line_kind[i] == "breadcrumb" and (i + 1 >= len(lines) or line_kind[i + 1] != "breadcrumb"):
            j = i + 1
            while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
                j += 1
            if j < len(lines):
                nxt = text[lines[j][0] : lines[j][1]].strip()
                k = i  # the crumbs: this line, or each line of a breadcrumb laid out one crumb per line
                while k > 0 and line_kind[k - 1] == "breadcrumb":
                    k -= 1
                crumbs = {text[x:y].strip() for x, y in lines[k:i]} - {"首页"}
                if 0 < len(nxt) <= 12 and (text[a:b].rstrip().endswith(nxt) or nxt in crumbs) and line_kind[j] is None:
                    marks.append(Mark("furniture", "column_label", lines[j][0], lines[j][1]))
                    line_kind[j] = "column_label"
    # trailing footer: contact lines, addresses and link bars after the last body line
    i = len(lines) - 1
    footerish = {"footer", "footer_contact", "site_nav", "widget", "counter"}
    seen_contact = False
    while i >= 0:
        a, b = lines[i]
        line = text[a:b].strip()
        if not line:
            i -= 1
            continue
        if line_kind[i] in footerish:
            seen_contact = True
            i -= 1
            continue
        if (line_kind[i] or "").startswith("trailing:"):
            marks.append(Mark("furniture", line_kind[i].removeprefix("trailing:"), a, b))
            seen_contact = True
            i -= 1
            continue
        if seen_contact and address_re.match(line):
            marks.append(Mark("furniture", "footer_address", a, b))
            i -= 1
            continue
        break
    if tail_from is not None:
        end = max(b for _, b in body_ranges)
        marks.append(Mark("furniture", tail_rule, tail_from, end))
    return marks


def find_duplicate_title(text: str, body_ranges: list[tuple[int, int]]) -> list[Mark]:
    """seed 003: the sharing site prints the title twice; the second is furniture."""
    lines = [(a, b) for r in body_ranges for a, b in _lines(text, *r) if text[a:b].strip()]
    if len(lines) >= 2:
        (a1, b1), (a2, b2) = lines[0], lines[1]
        if text[a1:b1].strip() == text[a2:b2].strip() and b1 - a1 <= 80:
            return [Mark("furniture", "duplicate_title", a2, b2)]
    return []


def find_toc(text: str, body_ranges: list[tuple[int, int]]) -> list[Mark]:
    """A table of contents block (seed 004: 目录/提纲:…… then the headings, one a line)."""
    *_, toc_re = _compiled()
    marks = []
    lines = [ln for r in body_ranges for ln in _lines(text, *r)]
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if toc_re.match(text[a:b]):
            j = i + 1
            while j < len(lines):
                la, lb = lines[j]
                ln = text[la:lb]
                if not _LABEL_START_RE.match(ln) or "。" in ln or lb - la > 60:
                    break
                j += 1
            if j > i + 2:
                marks.append(Mark("toc", "toc", a, lines[j - 1][1]))
            i = j
        else:
            i += 1
    return marks


def merge_marks(length: int, base: list[Mark], overrides: list[Mark]) -> list[Mark]:
    """Tile [0, length) with layers: ``overrides`` win over ``base`` (which must not
    overlap each other); gaps are body."""
    from bisect import bisect_right

    base = sorted(base, key=lambda m: m.start)
    base_starts = [m.start for m in base]
    points = {0, length}
    for m in base + overrides:
        points.add(max(0, min(length, m.start)))
        points.add(max(0, min(length, m.end)))
    cuts = sorted(points)
    # the last override holding a piece wins: overrides are laid from the last to the first, each
    # on the pieces still free, which a union-find "next free piece" pointer finds in near-constant
    # time (a loop over every override per piece grew quadratically, issue 15)
    at = {c: i for i, c in enumerate(cuts)}
    winner: list[Mark | None] = [None] * (len(cuts) - 1)
    free = list(range(len(cuts)))

    def next_free(i: int) -> int:
        root = i
        while free[root] != root:
            root = free[root]
        while free[i] != root:
            free[i], i = root, free[i]
        return root

    for m in reversed(overrides):
        i, stop = next_free(at[max(0, min(length, m.start))]), at[max(0, min(length, m.end))]
        while i < stop:
            winner[i] = m
            free[i] = i + 1
            i = next_free(i + 1)
    out: list[Mark] = []
    for n, (s, e) in enumerate(zip(cuts, cuts[1:])):
        kind: tuple[LayerKind, str] = ("body", "body")
        k = bisect_right(base_starts, s) - 1
        if k >= 0 and base[k].start <= s and e <= base[k].end:
            kind = (base[k].kind, base[k].rule)
        w = winner[n]
        if w is not None:
            kind = (w.kind, w.rule)
        if out and (out[-1].kind, out[-1].rule) == kind and out[-1].end == s:
            out[-1].end = e
        else:
            out.append(Mark(kind[0], kind[1], s, e))
    return out
