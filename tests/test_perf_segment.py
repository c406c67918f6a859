"""The segment stage's shortcuts (issue 18), each checked against the plain form it replaced.

As in tests/test_perf_normalize.py: the plain form is written out here, and the shortcut must give
the same answer on every text of corpus/ and corpus-dev, and on strings written for the test.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.pipeline import expand_inputs, extract_path
from extractor.segment import numbering as N
from tests.conftest import CORPUS, SHARED


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    return tuple(extract_path(f).text for f in expand_inputs([CORPUS, SHARED / "corpus-dev"]))


def _plain_match_marker(text: str, pos: int) -> N.Marker | None:
    """match_marker as it was: each branch found by asking its group by name, in order."""
    m = N._MARKER_RE.match(text, pos)
    if m is None:
        return None
    if m.group("art"):
        kind = N._ART_KIND[m.group("artk")]
        end = m.end()
        nxt = text[end : end + 2]
        if not m.group("artsep") and kind in ("article", "clause") and nxt in ("规定", "的规", "所称"):
            return None
        if not m.group("artsep") and kind in ("article", "clause") and nxt[:2] in ("修改", "改为", "中的", "增加", "删去", "删除"):
            return None
        return N.Marker(kind, N.parse_cn_int(m.group("artn")), m.start(), m.end("art"), end)
    if m.group("cnc"):
        return N.Marker("cn_comma", N.parse_cn_int(m.group("cncn")), m.start(), m.end("cnc"), m.end())
    if m.group("cnp"):
        return N.Marker("cn_paren", N.parse_cn_int(m.group("cnpn")), m.start(), m.end("cnp"), m.end())
    if m.group("shi"):
        kind = "cn_shi" if m.group("shik") == "是" else "cn_yao"
        return N.Marker(kind, N.parse_cn_int(m.group("shin")), m.start(), m.end("shi"), m.end())
    if m.group("nd"):
        return N.Marker("num_dot", int(m.group("ndn")), m.start(), m.end("nd"), m.end())
    if m.group("zp"):
        return N.Marker("num_pad", int(m.group("zpn")), m.start(), m.end("zp"), m.end())
    if m.group("sq"):
        return N.Marker("num_dot", int(m.group("sqn")), m.start(), m.end("sq"), m.end())
    if m.group("np"):
        return N.Marker("num_paren", int(m.group("npn")), m.start(), m.end("np"), m.end())
    c = m.group("circ")
    if c in N._CIRCLED:
        return N.Marker("circled", N._CIRCLED[c], m.start(), m.end("circ"), m.end())
    if c in N._PAREN_DIGIT:
        return N.Marker("num_paren", N._PAREN_DIGIT[c], m.start(), m.end("circ"), m.end())
    return N.Marker("cn_paren", N._PAREN_IDEO[c], m.start(), m.end("circ"), m.end())


def test_marker_branch_named_by_the_last_group_as_by_asking_each_group() -> None:
    """At every position of every text of the corpora (and of strings written for the test: each
    kind of label, with and without its separator), the same marker or none."""
    written = ("第三条规定 第二款修改为 第一部分：一类 一、总则 一.总则 (三)实施 二是加强 三要， 1.5倍 1.2020年6月 "
               "01 / 指导思想 10科学 [2]注 (12)、 ① ⑵ ㈢ 十二、 一百零五条 第十二条 学会 第二十条改为")
    found = 0
    for text in _texts() + (written,):
        for pos in range(len(text)):
            got = N.match_marker(text, pos)
            assert got == _plain_match_marker(text, pos), (text[pos : pos + 12], got)
            found += got is not None
    assert found > 3000


def _plain_parse_cn_int(s: str) -> int:
    total, digit = 0, None
    for c in s:
        if c in N._DIGITS:
            digit = N._DIGITS[c]
        else:
            total += (1 if digit is None else digit) * N._UNITS[c]
            digit = None
    return total + (digit or 0)


def test_one_character_numerals_read_from_the_table_as_by_the_loop() -> None:
    for c in N.CN_NUM + "○":
        assert N.parse_cn_int(c) == _plain_parse_cn_int(c), c
