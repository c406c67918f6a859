"""Character-level normalization stages. Each returns local edits on the current text.

All stages are deterministic functions of the text they see, so re-running them on a
slice of the source reproduces the slice of the result (the provenance tests rely on
that for plain-text input).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from extractor.data.vocab import DOC_TYPE_ALT
from extractor.model import EditReason, Script
from extractor.normalize import chrome
from extractor.normalize.offsets import LocalEdit
from extractor.recache import compile_re

# --- width folding ----------------------------------------------------------------------
# Explicit table: full-width digits, Latin letters, brackets, spaces and the few ASCII
# symbols that appear in numbers (％ ． － ＋ ／). Not blanket NFKC: NFKC turns ① into 1,
# ⑴ into (1) and ㈠ into (一), destroying the numbering markers of the notice.
_FOLD: dict[int, str] = {}
for _c in range(0xFF10, 0xFF1A):  # ０-９
    _FOLD[_c] = chr(_c - 0xFEE0)
for _c in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _FOLD[_c] = chr(_c - 0xFEE0)
_FOLD.update({ord(k): v for k, v in {
    "（": "(", "）": ")", "［": "[", "］": "]", "｛": "{", "｝": "}",
    "\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
    "％": "%", "．": ".", "－": "-", "＋": "+", "／": "/",
}.items()})
FOLD_TABLE = _FOLD
_FOLD_RE = compile_re("[" + "".join(re.escape(chr(c)) for c in sorted(FOLD_TABLE)) + "]")


def fold_width(text: str) -> list[LocalEdit]:
    """Edits that fold full-width digits, letters, brackets and spaces.

    >>> [e.replacement for e in fold_width("（一）２０１８年Ａ级①")]
    ['(', ')', '2', '0', '1', '8', 'A']
    """
    return [LocalEdit(m.start(), m.end(), FOLD_TABLE[ord(m.group())], "fold_width") for m in _FOLD_RE.finditer(text)]


# --- line endings, control characters, line-edge white space ---------------------------------
# A run of blanks that starts a line or ends one. The trailing run only from its first blank: tried
# from every blank of a long run inside a line, [ \t]+$ was quadratic (issue 15); the leading
# branch takes a whole run, so nothing is lost. Written to start with the blank itself (the line
# start and the blank before asked behind it), so the engine skips to the next blank in one step
# instead of trying both branches at every character (issue 18).
_LINE_EDGE_RE = compile_re(r"[ \t](?:(?<=^[ \t])[ \t]*|(?<![ \t][ \t])[ \t]*$)", re.M)
# \r\n or a lone \r; control characters. One class first, for the same reason.
_NEWLINE_OR_CONTROL_RE = compile_re(
    r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u200b\u200e\u200f\u2028\u2029](?:(?<=\r)\n)?")


def fix_newlines_and_controls(text: str) -> list[LocalEdit]:
    """\\r\\n → \\n, lone \\r → \\n, control characters dropped.

    >>> [(e.start, e.replacement, e.reason) for e in fix_newlines_and_controls("a\\r\\nb\\x00")]
    [(1, '\\n', 'newline'), (4, '', 'control_char')]
    """
    edits: list[LocalEdit] = []
    for m in _NEWLINE_OR_CONTROL_RE.finditer(text):
        if m.group(0)[0] == "\r":
            edits.append(LocalEdit(m.start(), m.end(), "\n", "newline"))
        else:
            edits.append(LocalEdit(m.start(), m.end(), "", "control_char"))
    return edits


def trim_line_edges(text: str) -> list[LocalEdit]:
    """Leading and trailing spaces/tabs of each line (seed 002 indents every paragraph)."""
    return [LocalEdit(m.start(), m.end(), "", "whitespace") for m in _LINE_EDGE_RE.finditer(text) if m.end() > m.start()]


# --- script detection and t2s -----------------------------------------------------------------


@lru_cache(maxsize=4)
def _converter(config: str):  # noqa: ANN202 - opencc has no stubs
    import opencc

    return opencc.OpenCC(config)


_HAN_RUN_RE = compile_re(r"[\u4e00-\u9fff]+")


def count_differences(a: str, b: str) -> int:
    """How many positions of two strings of one length hold different characters.

    ``sum(map(str.__ne__, a, b))`` does it one Python step per character: 9 of the 10 ms a
    27,000-character page with one traditional-only character spent in :func:`detect_script`
    (corpus 7d840e6e, the two counts; issue 18). Here big-integer operations do it in C: the XOR of
    the two UTF-32 encodings is zero exactly in the 4-byte groups of equal characters, the OR of
    its four byte planes (every 4th byte, from 0, 1, 2, 3) has one byte per character, and a zero
    byte there is an equal character.

    >>> count_differences("學會章程與會員", "学会章程与会员"), count_differences("", ""), count_differences("ab", "ab")
    (5, 0, 0)
    """
    n = len(a)
    if n != len(b):
        raise ValueError("strings of different lengths")
    if a == b:
        return 0
    xor = (int.from_bytes(a.encode("utf-32-le"), "little") ^ int.from_bytes(b.encode("utf-32-le"), "little")).to_bytes(4 * n, "little")
    per_char = (int.from_bytes(xor[0::4], "little") | int.from_bytes(xor[1::4], "little")
                | int.from_bytes(xor[2::4], "little") | int.from_bytes(xor[3::4], "little"))
    return n - per_char.to_bytes(n, "little").count(0)


def detect_script(text: str) -> tuple[Script, int, int | None]:
    """(script, traditional-only characters, simplified-only characters). The simplified-only ones
    are counted only where they decide (None otherwise): under three traditional-only characters a
    text is simplified whatever else it holds, and then the second conversion, the s2t of every Chinese
    character, is spared (six gz.gov.cn pages of corpus/ carry one, the 繁體 of their page header: 6 %
    of the normalize stage; issue 18).

    >>> detect_script("學會章程與會員")[0], detect_script("学会章程与会员")[0], detect_script("简体页面 繁體")
    ('traditional', 'simplified', ('simplified', 1, None))
    """
    han = "".join(_HAN_RUN_RE.findall(text))  # the Chinese characters (a quarter faster than removing the rest with sub)
    if not han:
        return "simplified", 0, 0
    t2s = _converter("t2s").convert(han)
    if t2s == han:  # most notices: one comparison in C instead of one per character
        return "simplified", 0, 0
    trad = count_differences(han, t2s) if len(t2s) == len(han) else 0
    if trad == 0:
        return "simplified", 0, 0
    if trad < 3:
        return "simplified", trad, None
    s2t = _converter("s2t").convert(han)
    simp = count_differences(han, s2t) if len(s2t) == len(han) else 0
    share = trad / (trad + simp)
    if share >= 0.75:
        return "traditional", trad, simp
    if share <= 0.15:
        return "simplified", trad, simp
    return "mixed", trad, simp


def to_simplified(text: str) -> list[LocalEdit]:
    """One-for-one t2s edits (OpenCC ``t2s`` is length-preserving; checked).

    >>> [e.replacement for e in to_simplified("市科協系統")]
    ['协', '统']
    """
    conv = _converter("t2s")
    out = conv.convert(text)
    if len(out) != len(text):  # never seen with t2s; keep offsets exact regardless
        out = "".join(conv.convert(c) if len(conv.convert(c)) == 1 else c for c in text)
    return [LocalEdit(i, i + 1, b, "t2s") for i, (a, b) in enumerate(zip(text, out)) if a != b]


# --- pinyin glosses ----------------------------------------------------------------------------
# seed 004: the paid site inserts the pinyin of many characters after them: 網(wǎng), 協(xié).
# A gloss needs a tone-marked vowel, so (一) (街道) (试行) (a) are never touched.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_RE = compile_re(rf"\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


def drop_pinyin(text: str) -> list[LocalEdit]:
    """>>> [(e.start, e.end) for e in drop_pinyin("網(wǎng)(一)(试行)")]
    [(1, 7)]
    """
    return [LocalEdit(m.start(), m.end(), "", "drop_pinyin_gloss") for m in _PINYIN_RE.finditer(text)]


# --- preview page-break numbers ------------------------------------------------------------------
# seed 003: a document-sharing site prints each preview page as one paragraph, prefixed by
# its page number "N、"; pages cut words: "…为抓\n\n2、手的学会…". Only a run 1、 2、 3、 …
# at blank-line boundaries is taken for page numbers, so a real list item "2、" is safe.
# (?:^|\n\n)(\d{1,3})、 written as its two branches: a blank line is a literal the engine skips
# to, where the alternation was tried at every character (issue 18)
_PAGE_AT_START_RE = compile_re(r"(\d{1,3})、")
_PAGE_AFTER_BLANK_LINE_RE = compile_re(r"\n\n(\d{1,3})、")


def _page_numbers(text: str) -> Iterator[re.Match[str]]:
    """The page numbers at the start of ``text`` and after its blank lines, in order."""
    first = _PAGE_AT_START_RE.match(text)
    if first:
        yield first
    yield from _PAGE_AFTER_BLANK_LINE_RE.finditer(text)


# A printed notice's page numbers on lines of their own (chrome.PAGE_NUMBER_LINE): where a page break
# cuts a wrapped sentence ("反映中心工\n— 2 —\n作。", the text layer of a PDF) the unwrapping joins across.
PRINTED_PAGE_RE = compile_re(chrome.PAGE_NUMBER_LINE, re.M)


def join_page_breaks(text: str, known: bool = False) -> list[LocalEdit]:
    """>>> t = "简介\\n\\n1、第一页为抓\\n\\n2、手的学会\\n\\n3、活动"
    >>> from extractor.normalize.offsets import AlignedText
    >>> AlignedText(t).apply(join_page_breaks(t)).text
    '简介\\n\\n第一页为抓手的学会活动'
    """
    if known:  # the document as a whole has page numbers: this is a slice of it
        return [LocalEdit(m.start(), m.end(), "", "join_page_break") for m in _page_numbers(text) if m.start() > 0]
    hits = [(int(m.group(1)), m) for m in _page_numbers(text)]
    run: list[re.Match[str]] = []
    best: list[re.Match[str]] = []
    expect = 1
    for num, m in hits:
        if num == expect:
            run.append(m)
            expect += 1
        elif num == 1:
            run, expect = [m], 2
        if len(run) > len(best):
            best = list(run)
    if len(best) < 3:
        return []
    edits = []
    for i, m in enumerate(best):
        if i == 0:
            edits.append(LocalEdit(m.start(1), m.end(), "", "join_page_break"))
        else:
            edits.append(LocalEdit(m.start(), m.end(), "", "join_page_break"))
    return edits


# --- hard-wrapped text ------------------------------------------------------------------------------
# The text layer of a PDF, and text copied from one, breaks every line at the page's width, inside
# sentences and words: 年满60周岁的 / 老年人, 2020年 / 底前. Such text has many lines of one full
# length that end in no punctuation. A line of that length that does not end a sentence is joined to
# the next, unless the next opens with a numbering label (it is a heading or an item, not a wrap).
_LINE_END_PUNCT = set("。；;！？!?：:")
_LABEL_START = (  # the labels of segment/numbering.py, at a line start (this layer cannot import it)
    r"\s*(?:[一二三四五六七八九十]{1,3}[、是要]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}\s*[.、．]|"
    r"第[一二三四五六七八九十百零〇\d]+[章节条款]|[\u2460-\u2487\u3220-\u3229]|附\s*件)"
    # or a 发文字号 line under a title (岳财建指〔2023〕21号)
    r"|[\u4e00-\u9fff]{1,12}\s*[〔\[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]")
# a line ending like a title (…的通知, …办法) is a whole line, not a wrapped one
_TITLE_END = rf"(?:{DOC_TYPE_ALT})\s*$"
_MIN_WRAPPED_LINES = 6
_MIN_WIDTH = 24  # a page's line holds 24 characters or more; lists and tables make many shorter lines


@lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled when first used. The patterns asked only of some texts (wrapped ones,
    ones with bullets, O or ?) are compiled here, so that the short path of a small notice does not
    pay for them: a Chinese character class takes a millisecond or more to compile, and start-up is
    most of what ``polex extract`` of a short notice costs (issue 18)."""
    return compile_re(pattern, flags)


def _wrap_width(text: str, lines: list[tuple[int, int]], lengths: list[int], slack: int = 2, min_width: int = _MIN_WIDTH) -> int:
    """The width the text is hard-wrapped at in the measure of ``lengths``, or 0 (see :func:`join_wrapped_lines`)."""
    long = [n for n in lengths if n >= 12]
    if len(long) < _MIN_WRAPPED_LINES:
        return 0
    counts: dict[int, int] = {}
    for n in long:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: (sum(counts.get(n - k, 0) for k in range(slack + 1)), n))
    if width < min_width:
        return 0
    at_width = [i for i, n in enumerate(lengths) if width - slack <= n <= width]
    # a wrapped line ends mid-sentence and the next line goes on with it: a list of labelled lines of
    # one length (a table of contents, seed 004) is no wrapped text
    label_start = _compiled(_LABEL_START)
    open_end = [i for i in at_width if text[lines[i][1] - 1] not in _LINE_END_PUNCT and i + 1 < len(lines)
                and not label_start.match(text, lines[i + 1][0])]
    if len(at_width) < _MIN_WRAPPED_LINES or len(at_width) < 0.25 * len(long) or len(open_end) < 0.6 * len(at_width):
        return 0
    return width


# A PDF's line holds as many columns as its page is wide: a Chinese character or full-width sign takes
# two, a digit or Latin letter one. A line of digits (2005年1月1日以后) holds more characters than one of
# Chinese, so a text whose lines vary in characters may still be wrapped at one width in columns
# (written for the tests: a contest notice's text layer, 为深入贯彻落实《全民科学素质行动规划纲要（2021—20 /
# 35年）》…). Counted columns are the fallback: the character count finds corpus-dev 053's width.
_NARROW_RE = compile_re(r"[\x00-\u024f]")
_COLUMN_SLACK = 3  # a wide character that would not fit leaves a line one or two columns short


def _columns(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """Each line's width in display columns (two for a Chinese character, one for a digit or letter)."""
    return [2 * (b - a) - len(_NARROW_RE.findall(text, a, b)) for a, b in lines]


def join_wrapped_lines(text: str, width: int = 0) -> tuple[list[LocalEdit], int]:
    r"""(edits, width): the line breaks inside paragraphs of hard-wrapped text, and the width it is
    wrapped at (0 when it is not; never under _MIN_WIDTH characters, which short list lines reach;
    negative when it is counted in display columns, see :func:`_columns`).
    Given ``width`` (the document's, for a slice of it), the text is taken as wrapped at that width.

    Wrapped text has many lines of one length (the most common length of its long lines, within two
    characters), most of which end in no punctuation; a text of paragraphs has long lines of every
    length, ending in 。. Corpus-dev 053 (a 条例 copied with its PDF line breaks, 自 / 发布之日起施行)
    is wrapped at about 71 characters.

    >>> para = "第一条 为了保障年满六十周岁的老年人的合法权益，根据有关法律规定，结合本市实际，制定本办法。本办法所称老年人，是指年满六十周岁以上的公民。"
    >>> t = ("老年人优待办法\n" + "\n".join(para[i:i + 24] for i in range(0, len(para), 24)) + "\n") * 3
    >>> edits, width = join_wrapped_lines(t)
    >>> from extractor.normalize.offsets import AlignedText
    >>> width, AlignedText(t).apply(edits).text.split("\n")[1]
    (24, '第一条 为了保障年满六十周岁的老年人的合法权益，根据有关法律规定，结合本市实际，制定本办法。本办法所称老年人，是指年满六十周岁以上的公民。')
    >>> t = t.replace(para[24:48] + "\n", para[24:48] + "\n— 2 —\n", 1)
    >>> AlignedText(t).apply(join_wrapped_lines(t)[0]).text.split("\n")[1] == para
    True
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lengths = [b - a for a, b in lines]
    slack = 2
    if width < 0:  # a width in display columns, as found for the whole document
        lengths, slack = _columns(text, lines), _COLUMN_SLACK
    elif not width:
        width = _wrap_width(text, lines, lengths)
        if not width and len([n for n in lengths if n >= 12]) >= _MIN_WRAPPED_LINES:
            columns = _columns(text, lines)
            width = -_wrap_width(text, lines, columns, _COLUMN_SLACK, 2 * _MIN_WIDTH)  # 24 characters are 48 columns
            if width:
                lengths, slack = columns, _COLUMN_SLACK
        if not width:
            return [], 0
    limit = abs(width) - slack
    edits = []
    skip = -1
    label_start, title_end = _compiled(_LABEL_START), _compiled(_TITLE_END)
    for i, (a, b) in enumerate(lines[:-1]):
        if i == skip:
            continue
        na, nb = lines[i + 1]
        reason: EditReason = "join_wrapped_line"
        if PRINTED_PAGE_RE.match(text, na):  # a page number cuts the paragraph: joined across it
            if i + 2 >= len(lines):
                continue
            na, nb = lines[i + 2]
            reason, skip = "join_page_break", i + 1
        if (lengths[i] >= limit and text[b - 1] not in _LINE_END_PUNCT and nb > na and not label_start.match(text, na)
                and not title_end.search(text, a, b)):
            edits.append(LocalEdit(b, na, "", reason))
    return edits, width


# --- OCR damage ----------------------------------------------------------------------------------
_BULLET_DIGIT = r"(?:(?<=[。；;！？\n])|^)(\d{1,2})[•·](?=[\u4e00-\u9fff])"  # (re.M)
# the O first and what stands before it asked behind it: the engine skips from O to O (issue 18)
_O_FOR_STOP = r"O(?<=[\u4e00-\u9fff、，,/]O)(?=\d{1,2}[.、][\u4e00-\u9fff])"
_O_AT_END = r"O(?<=[\u4e00-\u9fff、，,/]O)\Z"
GARBAGE = r"[\u4e00-\u9fff][?\ufffd][\u4e00-\u9fff]|[\u4e00-\u9fff]/[一二三四五六七八九十]、"
_SLASH_LABEL_RE = compile_re(r"/[一二三四五六七八九十]、")


def find_garbled(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``GARBAGE``: a ? or U+FFFD between Chinese characters, a / before a label.

    Most texts have neither mark, which C's substring search tells at once; GARBAGE itself
    tries its two branches at every Chinese character (issue 18).

    >>> [m.group(0) for m in find_garbled("资金?用于/一、项目")]
    ['金?用', '于/一、']
    """
    if "?" in text or "\ufffd" in text or _SLASH_LABEL_RE.search(text):
        yield from _compiled(GARBAGE).finditer(text)


def repair_ocr(text: str, is_slice: bool = False) -> list[LocalEdit]:
    """〃 used as quotation marks, 4• for 4., O for 。 before a label (seed 003).

    >>> from extractor.normalize.offsets import AlignedText
    >>> t = "市科协〃星级学会〃创建。4•创新机制增长占/八、O1.注重"
    >>> AlignedText(t).apply(repair_ocr(t)).text
    '市科协“星级学会”创建。4.创新机制增长占/八、。1.注重'
    """
    edits: list[LocalEdit] = []
    by_line: dict[int, list[int]] = {}
    pos = text.find("〃")
    while pos >= 0:  # (a regex over whole lines would be quadratic on one-line pages)
        by_line.setdefault(text.rfind("\n", 0, pos), []).append(pos)
        pos = text.find("〃", pos + 1)
    for marks in by_line.values():
        if len(marks) % 2 == 0:
            for k, p in enumerate(marks):
                edits.append(LocalEdit(p, p + 1, "“" if k % 2 == 0 else "”", "ocr_repair"))
    for m in _compiled(_BULLET_DIGIT, re.M).finditer(text) if "•" in text or "·" in text else ():  # (a bullet in the text at all)
        edits.append(LocalEdit(m.end(1), m.end(1) + 1, ".", "ocr_repair"))
    for m in _compiled(_O_FOR_STOP).finditer(text) if "O" in text else ():  # (the patterns match at an O)
        edits.append(LocalEdit(m.start(), m.end(), "。", "ocr_repair"))
    if is_slice and "O" in text:  # a slice of an item ends where the next label begins
        for m in _compiled(_O_AT_END).finditer(text):
            edits.append(LocalEdit(m.start(), m.end(), "。", "ocr_repair"))
    edits.sort(key=lambda e: e.start)
    return edits
