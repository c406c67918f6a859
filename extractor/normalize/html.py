"""HTML → text blocks that still point at the characters of the page.

lxml gives the tree: blocks, tables, the content region, metadata tables. (lxml
directly: BeautifulSoup over the same parser spent 14x longer building its own tree,
more than all of extraction.) lxml does not report source offsets, so every text node
of the tree is aligned to a character stream produced by a small lexer over the raw
HTML (markup, comments and script/style bodies skipped, entities decoded, each
character keeping its raw offsets). The result is a list of local edits on
``raw_text``: markup removed, entities decoded, layout white space collapsed, one
newline per block boundary and a tab between table cells.

When lxml's tree cannot be aligned in order, or libxml2 cut it at 256 levels, the page
is read a second time from BeautifulSoup over Python's ``html.parser``, which keeps the
source order and has no nesting limit (W115 says so).
"""

from __future__ import annotations

import html as htmllib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.errors import issue
from extractor.model import EditReason, Issue, LayerKind
from extractor.normalize import chrome, looks_like_html  # noqa: F401 - re-exported: the crawler asks it with find_links
from extractor.normalize.offsets import AlignedText, LocalEdit
from extractor.data.xml_chars import XML_FORBIDDEN
from extractor.recache import compile_re

if TYPE_CHECKING:  # lxml itself is imported by the functions that parse: a plain-text notice never loads it (issue 18)
    from lxml.etree import _Element

# entities; NUL, which the parser turns into U+FFFD; and line ends, which the parser reads
# as "\n" whether they are CRLF or a lone CR (corpus-dev 001-014: the Hanweb/jiangxi CMS
# serves CRLF pages, and a tree text "\n" looked for in a stream of "\r\n" was found only
# thousands of characters on, which left the whole notice unaligned, W113)
_ENTITY_RE = compile_re(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)|\x00|\r\n?")
_WS = " \t\n\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_WS_RE = compile_re(f"[{_WS}]+")
_WS_OR_TEXT_RE = compile_re(f"[{_WS}]+|[^{_WS}]+")
_CJK_RE = compile_re(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2e80-\u2fdf\u3400-\u4dbf]")
_SKIP_TAGS = chrome.SKIP_TAGS
# the reason of the edit before a piece of text kept, by what it leaves there
_GAP_REASON: dict[str, EditReason] = {"\n": "block_break", "\t": "block_break", " ": "whitespace", "": "html_markup"}
_BLOCK_TAGS = chrome.BLOCK_TAGS


@dataclass
class _Stream:
    """Visible characters of the raw HTML, each with its raw offsets, as runs."""

    text: str
    run_starts: list[int]  # stream offset where each run starts
    run_raw: list[tuple[int, int, bool]]  # (raw_start, raw_end, identity)


# The page as runs of text, each after the markup before it: comments, CDATA, the bodies of
# script/style/textarea/xmp, declarations and processing instructions, and tags. <title> is not
# markup: its text is visible to the tree (head/title), so it ends a match of its own.
# One match per run of text, not one per token: half as many steps of Python (issue 18). A token
# starts at "<" before [!?], a letter or "/" and a letter, and one of them always matches there, so
# a run of text is everything up to the next such "<" and each match starts where the last ended.
# A body runs to its first end as ".*?" would, unrolled (runs of characters that cannot start the
# end, one step at each that can): ".*?" tried the end at every character of every inline script.
_TOKENS_THEN_TEXT_RE = compile_re(
    r"(?:<!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)"
    r"|<!\[CDATA\[[^\]]*(?:\](?!\]>)[^\]]*)*(?:\]\]>|\Z)"
    r"|<(script|style|textarea|xmp)\b[^>]*>[^<]*(?:<(?!/\1\s*>)[^<]*)*(?:</\1\s*>|\Z)"
    r"|<[!?][^>]*>?"
    # a tag: a quote opens a value only right after "=", as in the HTML tokenizer and libxml2;
    # a stray one (<p style="x;"">, <meta charset=gb2312">, hand-edited CMS content) is a
    # character of the tag, not the start of a value running on to the next quote of the page
    r"""|<(?!title\b[^>]*>)/?[A-Za-z](?:[^=>]+|=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))*>?"""
    # at most 64 tokens a match (a repeat keeps a frame for each step it took: a page of a million
    # tags with no text between them took 400 MB in one match); never given back, as what follows
    # always matches: the text, the title, or nothing (at the end, or after the 64th token)
    r"){0,64}"
    r"(?:((?:[^<]+|<(?![!?]|/?[A-Za-z]))+)"  # group 2: the run of text
    r"|(<(title)\b[^>]*>.*?(?:</\4\s*>|\Z))"  # group 3: <title>…</title> (group 4: its name as written)
    r"|)",
    re.S | re.I,
)
_TITLE_OPEN_RE = compile_re(r"<title\b[^>]*>", re.I)


def _lex(raw: str) -> _Stream:
    """The visible characters of ``raw``: markup, comments and script/style bodies skipped,
    entities decoded, each run of characters with the raw offsets it came from.

    >>> st = _lex("<p class=x>一&amp;二</p><!-- c --><script>var a;</script>三")
    >>> st.text, st.run_starts, st.run_raw
    ('一&二三', [0, 1, 2, 3], [(11, 12, True), (12, 17, False), (17, 18, True), (55, 56, True)])
    """
    parts: list[str] = []
    run_starts: list[int] = []
    run_raw: list[tuple[int, int, bool]] = []
    n = 0
    dotted_i: bool | None = None

    def add_text(a: int, b: int) -> None:
        nonlocal n
        if b <= a:
            return
        p = a
        seg = raw[a:b]
        for m in _ENTITY_RE.finditer(seg):
            s, e = a + m.start(), a + m.end()
            if s > p:
                run_starts.append(n)
                run_raw.append((p, s, True))
                parts.append(raw[p:s])
                n += s - p
            tok = m.group(0)
            dec = "\ufffd" if tok == "\x00" else "\n" if tok[0] == "\r" else htmllib.unescape(tok)
            if dec == m.group(0):  # not an entity after all
                run_starts.append(n)
                run_raw.append((s, e, True))
                parts.append(dec)
                n += len(dec)
            else:
                for ch in dec:
                    run_starts.append(n)
                    run_raw.append((s, e, False))
                    parts.append(ch)
                    n += 1
            p = e
        if b > p:
            run_starts.append(n)
            run_raw.append((p, b, True))
            parts.append(raw[p:b])
            n += b - p

    for m in _TOKENS_THEN_TEXT_RE.finditer(raw):
        a, b = m.span(2)
        if a >= 0:
            seg = m.group(2)
            if "&" in seg or "\r" in seg or "\x00" in seg:
                add_text(a, b)
            else:  # most runs: nothing to decode
                run_starts.append(n)
                run_raw.append((a, b, True))
                parts.append(seg)
                n += b - a
        elif m.start(3) >= 0 and m.group(4).lower() == "title":
            # <title> text is visible to the tree (head/title); keep it in the stream
            start, end = m.span(3)
            open_tag = _TITLE_OPEN_RE.match(raw, start)
            inner_start = open_tag.end() if open_tag else end
            if dotted_i is None:
                dotted_i = "\u0130" in raw
            if dotted_i:  # İ lowers to two characters: offsets into raw.lower() are not raw's after it
                close = raw.lower().rfind("</title", inner_start, end)
            else:  # the title's own stretch lowered, not the whole page (a page's copy per title, issue 18)
                close = raw[inner_start:end].lower().rfind("</title")
                close = close + inner_start if close >= 0 else -1
            add_text(inner_start, close if close >= 0 else end)
    return _Stream("".join(parts), run_starts, run_raw)


@dataclass
class HtmlResult:
    """What the HTML stage hands to normalization."""

    aligned: AlignedText
    layers: list[tuple[LayerKind, str, int, int]]  # kind, rule, raw_start, raw_end
    meta: dict[str, tuple[str, int, int]]  # field → (value, raw_start, raw_end) from <meta>/tables
    content_region: str | None
    issues: list[Issue] = field(default_factory=list)


class _Walker:
    """Walks the tree against the stream, writing as it goes the edits that turn the page into
    text and the layer each stretch of the page belongs to.

    Every text node of the tree is found in the stream (from where the last one was found) and so
    in the page. What lies between two kept pieces of text becomes one edit: a block break
    (``\n``, or ``\t`` between table cells), one space for layout white space (none where a
    source line wraps inside Chinese text), or nothing for markup. Entities become their
    characters and NUL is dropped. The edits and layers are written in one pass over the tree:
    a list of pieces resolved in three later passes cost as much as the walk itself (issue 18).
    """

    def __init__(self, raw: str, stream: _Stream) -> None:
        self.raw = raw
        self.stream = stream
        self.cursor = 0  # stream offset past the last text node found
        self.unaligned = 0
        self.meta: dict[str, tuple[str, int, int]] = {}
        self.edits: list[LocalEdit] = []
        self.layers: list[list] = []  # [kind, rule, raw_start, raw_end]
        self.raw_cursor = 0  # raw offset past the last piece kept
        self.started = False  # a piece of text (not a separator) has been kept
        self.prev_ch = ""  # the last character kept
        self.pending_sep: str | None = None  # the block break since the last piece kept
        self.pending_ws = False  # layout white space since the last piece kept or block break
        self.ws_newline = False  # ... with a line end in it
        self.pre_depth = 0  # inside <pre>: its line ends are the text's (a PDF's text pasted in one, probes27 h06)
        self.cell_depth = 0  # inside a short table cell whose lines are one cell's (:func:`joins_its_lines`)
        self.rows_joined: dict[_Element, bool] = {}  # ... asked once per row
        self.around_content: set[_Element] = set()  # the content region's ancestors: never hidden

    # -- emission ----------------------------------------------------------------
    def sep(self, ch: str) -> None:
        """A block boundary: one ``\n`` (or ``\t`` between cells) before the next text, never two."""
        if self.pending_sep != "\n":
            self.pending_sep = ch
        self.pending_ws = False
        self.ws_newline = False

    def _edit(self, start: int, end: int, replacement: str, reason: EditReason) -> None:
        edits = self.edits
        if edits and edits[-1].start == start and edits[-1].end == end:  # an entity decoding to 2 characters
            edits[-1] = LocalEdit(start, end, edits[-1].replacement + replacement, reason)
        else:
            edits.append(LocalEdit(start, end, replacement, reason))

    def _keep(self, rs: int, re_: int, t: str, kind: str, layer: LayerKind, rule: str) -> None:
        """Keep a piece of text (kind ``id``, ``entity`` or ``control``) found at raw [rs, re_)."""
        gap = ""
        if kind != "control":  # NUL takes no separator: what is pending waits for the next text
            if self.started:
                if self.pending_sep is not None:
                    gap = self.pending_sep
                elif self.pending_ws:
                    # a source line wrap inside Chinese text is no space; spacing the author
                    # typed (signatures: 广州市民政局&nbsp;&nbsp;广州市财政局) is kept as one
                    if not (self.ws_newline and _CJK_RE.match(self.prev_ch) and _CJK_RE.match(t[0])):
                        gap = " "
            self.pending_sep = None
            self.pending_ws = False
            self.ws_newline = False
        raw_cursor = self.raw_cursor
        if rs > raw_cursor or gap:
            # appended, not passed to _edit: the last edit ends at or before the raw cursor and every
            # piece kept is at least one raw character long, so a gap never has the last edit's span
            # (what _edit merges: an entity's second character). One call less per piece kept (issue 18)
            self.edits.append(LocalEdit(raw_cursor, rs, gap, _GAP_REASON[gap]))
        if kind == "entity":
            self._edit(rs, re_, t, "html_entity")
        elif kind == "control":  # NUL: dropped, as the text stage drops control characters
            self._edit(rs, re_, "", "control_char")
        self.raw_cursor = re_
        layers = self.layers
        if layers and (last := layers[-1])[0] == layer and last[1] == rule:
            last[3] = re_
        else:
            layers.append([layer, rule, rs, re_])
        self.started = True
        self.prev_ch = t[-1]

    def finish(self) -> tuple[list[LocalEdit], list[tuple[LayerKind, str, int, int]]]:
        """The edits on the page (the markup after the last text removed) and its layers."""
        if self.raw_cursor < len(self.raw):
            self._edit(self.raw_cursor, len(self.raw), "", "html_markup")
        return self.edits, [(k, r, s, e) for k, r, s, e in self.layers]

    def text(self, s: str, layer: LayerKind, rule: str) -> None:
        """A text node: found in the stream from the cursor, its pieces kept and its blanks noted."""
        if self.pre_depth and "\n" in s:
            # preformatted text keeps its lines: each line end a line of the text, not a space
            for i, line in enumerate(s.split("\n")):
                if i:
                    self.sep("\n")
                if line:
                    self.text(line, layer, rule)
            return
        st = self.stream
        stext = st.text
        if not s.strip(_WS):
            # layout white space, most text nodes of a page (indentation between tags): what matters
            # is only whether a line end is in it
            idx = stext.find(s, self.cursor)
            if idx < 0 or stext[self.cursor : idx].strip(_WS):
                # white space found only past visible text is some later gap, not this one:
                # taking it would skip that text (corpus-dev 004, before line ends were read
                # as the parser reads them, jumped 6,000 characters on "\n    \n")
                return
            self.cursor = idx + len(s)
            self.pending_ws = True
            if "\n" in s:
                self.ws_newline = True
            return
        a = stext.find(s, self.cursor)
        if a < 0:
            self.unaligned += len(s.strip(_WS))
            return
        b = self.cursor = a + len(s)
        run_starts, run_raw = st.run_starts, st.run_raw
        k = bisect_right(run_starts, a) - 1
        n_runs = len(run_starts)
        run = run_raw[k]
        if run[2] and (k + 1 == n_runs or run_starts[k + 1] >= b):
            # most text nodes: one run of raw characters as written, one piece after the blanks of an
            # indent if any (what the loop below makes of it, without slicing the run; issue 18)
            u = s.lstrip(_WS)
            if _WS_RE.search(u) is None:
                lead = len(s) - len(u)
                if lead:
                    self.pending_ws = True
                    if "\n" in s:
                        self.ws_newline = True
                rs = run[0] + a - run_starts[k]
                self._keep(rs + lead, rs + len(s), u, "id", layer, rule)  # (u is not empty: s is not blank)
                return
        while a < b:  # the stream span [a, b) run by run: raw characters as written, or an entity's
            rs, re_, ident = run_raw[k]
            run_start = run_starts[k]
            take = min(b - a, (run_starts[k + 1] if k + 1 < n_runs else len(stext)) - a)
            t = stext[a : a + take]
            if ident:
                rs += a - run_start
                lead = len(t) - len(u := t.lstrip(_WS))
                if _WS_RE.search(u) is None:
                    # most runs: one piece of text, after the blanks of an indent if any (what the
                    # loop below makes of it, without a match object per piece; issue 18)
                    if lead:
                        self.pending_ws = True
                        if "\n" in t:
                            self.ws_newline = True
                    if u:
                        self._keep(rs + lead, rs + len(t), u, "id", layer, rule)
                    a += take
                    k += 1
                    continue
                for m in _WS_OR_TEXT_RE.finditer(t):
                    g = m.group(0)
                    if g[0] in _WS:
                        self.pending_ws = True
                        if "\n" in g:
                            self.ws_newline = True
                    else:
                        self._keep(rs + m.start(), rs + m.end(), g, "id", layer, rule)
            elif t in _WS:  # &nbsp; and the like: layout white space
                self.pending_ws = True
                if "\n" in t:
                    self.ws_newline = True
            else:
                self._keep(rs, re_, t, "control" if self.raw[rs:re_] == "\x00" else "entity", layer, rule)
            a += take
            k += 1

    def visit(self, el: _Element, tag: str, layer: LayerKind, rule: str, marked: dict[_Element, tuple[LayerKind, str]]) -> None:
        """Emit the text of ``el`` (whose tag is ``tag``) and its children (elements and the text between them).

        Every element of the page passes here: each property of an lxml element is a call into C
        that builds a new string, so each is asked once (issue 18). The few elements that open a
        layer of their own (the content region, metadata tables, elements with a hidden attribute)
        are looked up in ``marked`` (:func:`_marked_elements`); a ``<title>`` is the page's title; a
        style may hide any other element. Tag names are
        lower case as both parsers give them (libxml2 lowers them; the source-order tree is built
        lowered)."""
        name = tag
        if name in _SKIP_TAGS and name != "head":
            return
        mark = marked.get(el)
        if mark is not None:
            layer, rule = mark
        elif name == "title":
            layer, rule = "meta", "html:title"
        else:
            # _is_hidden written out for the style (the hidden attribute is in ``marked``): the pattern is
            # searched only in a style that holds "none" (a test in C; 1 % of ``polex run`` over corpus/)
            style = el.get("style")
            if (style is not None and "none" in (low := style.lower()) and ("display" in low or not style.isascii())
                    and _HIDDEN_STYLE_RE.search(style)
                    and name != "html" and name != "body" and el not in self.around_content):
                layer, rule = "furniture", "html:hidden"
        block = name in _BLOCK_TAGS
        in_cell = block and self.cell_depth > 0
        if in_cell:  # a line of a short cell: one cell, its lines joined as a wrapped line is
            block = False
            if self.pending_sep is None:
                self.pending_ws = self.ws_newline = True
        cell = name == "td" or name == "th"
        if block or cell:  # self.sep, written out
            if self.pending_sep != "\n":
                self.pending_sep = "\n" if block and not cell else "\t"
            self.pending_ws = self.ws_newline = False
        joined = cell and joins_its_lines(el, self.rows_joined)
        if joined:
            self.cell_depth += 1
        if name == "head":
            title = el.find("title")
            if title is not None:
                self.sep("\n")
                self.text(_text_of(title), "meta", "html:title")
                self.sep("\n")
            return
        text, visit = self.text, self.visit
        pre = name == "pre"
        if pre:
            self.pre_depth += 1
        t = el.text
        if t:
            text(t, layer, rule)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):  # comments and processing instructions have no text of the page
                visit(child, tag, layer, rule, marked)
            t = child.tail
            if t:
                text(t, layer, rule)
        if pre:
            self.pre_depth -= 1
        if joined:
            self.cell_depth -= 1
        if block:
            self.pending_sep = "\n"
            self.pending_ws = self.ws_newline = False
        elif in_cell and self.pending_sep is None:
            self.pending_ws = self.ws_newline = True


def joins_its_lines(cell: _Element, rows: dict[_Element, bool] | None = None) -> bool:
    """Is a table cell with lines of its own (Word's ``<td><p>52800</p></td>``, ``<td>家庭财产<br>（万元）</td>``) one
    cell, its lines joined, rather than a block of the page laid out in a table? When its row is one of a grid (two
    cells or more) whose every cell holds at most 300 characters, no table, no heading and no line that opens an
    item (一、 （一） 第一条 1. （1）: corpus 14's 指标内容 cells hold numbered lists): a row of values (probes29 h02:
    a Word table of income limits, each cell a paragraph, had been read as one column of lines; corpus 13's
    任务分工表). A layout cell holds a page's body, its items, its title (probes29 h04: a page's body in a layout
    ``<td>``): its lines stay lines. ``rows``: the answers per row already given (a cell asks for its whole row)."""
    if not _has_block(cell):
        return False
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return False
    if rows is not None:
        if row not in rows:
            rows[row] = _row_joins(row)
        return rows[row]
    return _row_joins(row)


def _row_joins(row: _Element) -> bool:
    """:func:`joins_its_lines` for every cell of ``row`` (asked once per row: a cell asks for its whole row)."""
    cells = [c for c in row if c.tag == "td" or c.tag == "th"]
    if len(cells) < 2:
        return False
    for c in cells:
        n = 0
        for t in c.itertext():
            n += len(t.strip())
            if n > _CELL_MAX:
                return False
        for e in c.iter():
            if e.tag == "table" and e is not c or e.tag in _HEADING_TAGS:
                return False
            if e.tag in _BLOCK_TAGS and _ITEM_OPENING_RE.match(next(e.itertext(), "")):  # <p><span>1. …
                return False
    return True


_CELL_MAX = 300
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ITEM_OPENING_RE = compile_re(r"\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十百]{1,4}条"
                              r"|\d{1,2}[.．、](?!\d))")


def _has_block(el: _Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el)


# An element the reader never sees. corpus-dev 015 (gz.gov.cn) carries a second copy of
# the whole notice in <div class="bbnr" style="display:none;">; read as body it would be
# read twice. Only display:none on an element below <body>: pages hide the whole body
# (corpus 16, gz.gov.cn: <body style="visibility: hidden">) until a script has run.
_HIDDEN_STYLE_RE = compile_re(r"(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)", re.I)


def _is_hidden(el: _Element) -> bool:
    """True for ``style="display:none"`` and the ``hidden`` attribute, below ``<body>``.

    >>> _is_hidden(_parse('<div style="display:none;">x</div>').find(".//div")), _is_hidden(_parse('<p style="text-indent:2em">x</p>').find(".//p"))
    (True, False)
    """
    style = el.get("style")  # asked of every element of a page: the cheap questions first
    # (the pattern needs "none" in some case: a test in C spares the search on most styles, issue 18)
    if (style is None or "none" not in style.lower() or not _HIDDEN_STYLE_RE.search(style)) and el.get("hidden") is None:
        return False
    return el.tag not in ("html", "body")


def _with_hidden_attribute(root: _Element) -> set[_Element]:
    """The elements of ``root``'s tree that have a ``hidden`` attribute (found by libxml2's XPath
    engine: a few on a page, asked of each element by the walk). lxml hands back the same proxy
    object for an element while one is alive, and this set keeps them alive, so membership is by
    identity.

    >>> sorted(e.tag for e in _with_hidden_attribute(_parse('<body><i hidden>c</i><b hidden="">d</b><p>e</p></body>')))
    ['b', 'i']
    """
    return set(root.xpath("descendant-or-self::*[@hidden]"))


def _marked_elements(content: _Element | None, meta_nodes: set[_Element], hidden: set[_Element],
                     around: set[_Element]) -> dict[_Element, tuple[LayerKind, str]]:
    """The elements that open a layer of their own, each with its (layer, rule), for :meth:`_Walker.visit`.

    In order of precedence: the content region; metadata tables; (a ``<title>`` is the page's title, so it
    is never marked hidden); an element with a ``hidden`` attribute (``hidden``) below ``<body>`` and
    not around the content region (``around``). One dictionary lookup per element of the walk instead
    of three questions (issue 18).

    >>> r = _parse('<body><div style="display:none">a</div><p hidden>b</p></body>')
    >>> sorted((e.tag, m) for e, m in _marked_elements(None, set(), _with_hidden_attribute(r), set()).items())
    [('p', ('furniture', 'html:hidden'))]
    """
    marked: dict[_Element, tuple[LayerKind, str]] = {}
    for el in hidden:
        if el.tag not in ("html", "body", "title") and el not in around:
            marked[el] = ("furniture", "html:hidden")
    for el in meta_nodes:
        marked[el] = ("meta", "html:metadata_table")
    if content is not None:
        marked[content] = ("body", "html:content_region")
    return marked


def _visible(el: _Element) -> bool:
    return not _is_hidden(el) and not any(_is_hidden(a) for a in el.iterancestors())


_SIMPLE_SELECTOR = compile_re(r"^([#.]?)([\w-]+)$")


_HIDDEN_TEXT_TAGS = frozenset({"script", "style", "template"})


def _text_of(el: _Element) -> str:
    """The text a reader sees inside ``el``: comments, scripts and styles left out.

    >>> _text_of(_parse("<li><span>文件状态：</span><script>var s='有效';</script>有效<!-- x --></li>").find(".//li"))
    '文件状态：有效'
    """
    out: list[str] = []

    def gather(e: _Element) -> None:
        if e.text:
            out.append(e.text)
        for c in e:
            if isinstance(c.tag, str) and c.tag not in _HIDDEN_TEXT_TAGS:
                gather(c)
            if c.tail:
                out.append(c.tail)

    gather(el)
    return "".join(out)


def _next_element(el: _Element) -> _Element | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


_PARSER_MAX_DEPTH = 256  # libxml2's HTML parser drops elements nested deeper (huge_tree: 2048)


def _too_deep(root: _Element) -> bool:
    """Does the tree nest ``_PARSER_MAX_DEPTH`` deep (``<html>`` is 1)? Asked of libxml2's XPath
    engine: a walk in Python over every element cost 2 % of ``polex run`` (issue 18). The path
    ``/*/*/…`` steps one level at a time, so each element is visited once; counting the ancestors
    of every element was quadratic in the depth.

    >>> _too_deep(_parse("<div>" * 253 + "x")), _too_deep(_parse("<div>" * 254 + "x"))  # under <html><body>
    (False, True)
    """
    return bool(root.xpath("boolean(" + "/*" * _PARSER_MAX_DEPTH + ")"))


def _parse(raw: str) -> _Element | None:
    """The lxml tree of a page (the same parser and repairs BeautifulSoup's lxml builder uses).

    lxml.etree's parser, not lxml.html's: the same libxml2 parse, but lxml.html looks up a Python
    element class for every element the code touches (4 % of reading a page, issue 18), and
    nothing here uses lxml.html's element methods.
    """
    from lxml import etree
    parser = etree.HTMLParser()
    parser.feed(raw)
    return parser.close()


_SOUP_MAX_DEPTH = 200  # deeper elements are laid side by side: text order kept, recursion bounded
_TAG_NAME_RE = compile_re(r"[A-Za-z_][\w.-]*")


def _parse_in_source_order(raw: str) -> _Element | None:
    """An lxml tree built from BeautifulSoup over Python's ``html.parser``.

    That parser reads the page strictly in source order, moves nothing and has no
    nesting limit, so the text of this tree aligns where lxml's did not. Elements nested
    deeper than ``_SOUP_MAX_DEPTH`` become siblings under the deepest kept element, in
    source order (synthetic: ``<span>`` opened 3000 times, ``tests/test_normalize.py``).

    >>> r = _parse_in_source_order("<div id=a><p>一、总则<b>第一条</b>为了</p></div>尾")
    >>> [(e.tag, e.text, e.tail) for e in r.iter("p", "b")], r.find("body").getchildren()[-1].tail
    ([('p', '一、总则', None), ('b', '第一条', '为了')], '尾')
    """
    from lxml import etree
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag
    from bs4.element import CData, NavigableString

    soup = BeautifulSoup(raw, "html.parser", multi_valued_attributes=None)

    def clean(s: str) -> str:  # as libxml2 gives text: one \n per line end, NUL as U+FFFD
        # lxml's API refuses what XML 1.0 forbids (ESC, BEL … which libxml2's parser keeps):
        # those become U+FFFD too (tests/test_hostile.py fuzzing: a deep page with \x1b)
        return XML_FORBIDDEN.sub("\ufffd", s.replace("\r\n", "\n").replace("\r", "\n"))

    def make(tag: Tag) -> _Element:
        name = tag.name.lower()
        el = etree.Element(name if _TAG_NAME_RE.fullmatch(name) else "x-" + re.sub(r"[^\w.-]", "-", name))
        for k, v in tag.attrs.items():
            if _TAG_NAME_RE.fullmatch(k) and isinstance(v, str):
                try:
                    el.set(k.lower(), clean(v))
                except ValueError:  # control characters lxml refuses in attribute values
                    pass
        return el

    root = etree.Element("html")
    top = root
    has_body = soup.find("body") is not None
    if not has_body:  # a fragment: hang it in a body, as lxml does
        top = etree.SubElement(root, "body")
    # stack of (soup tag, element receiving its children, depth)
    stack: list[tuple[object, _Element, int]] = [(soup, top, 1)]
    target: tuple[_Element, str] = (top, "text")
    last_flat: dict[int, _Element] = {}

    def put(text: str) -> None:
        el, attr = target
        setattr(el, attr, (getattr(el, attr) or "") + text)

    for node in soup.descendants:
        parent = node.parent
        while len(stack) > 1 and stack[-1][0] is not parent:
            tag, el, depth = stack.pop()
            if tag is not None:
                target = (last_flat.get(id(stack[-1][1]), el) if depth > _SOUP_MAX_DEPTH else el, "tail")
        if isinstance(node, Tag) and node.name == "html" and parent is soup:  # the root we already have
            stack.append((node, top, 1))
            target = (top, "text")
        elif isinstance(node, Tag):
            holder, depth = stack[-1][1], stack[-1][2] + 1
            el = make(node)
            holder.append(el)
            if depth > _SOUP_MAX_DEPTH:
                last_flat[id(holder)] = el
                stack.append((node, holder, depth))
                target = (el, "text")
            else:
                stack.append((node, el, depth))
                target = (el, "text")
        elif isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction, CData)):
            continue
        elif isinstance(node, NavigableString):
            put(clean(str(node)))
    return root


class _SelectorIndex:
    """Elements by id, class or tag, in document order.

    The site adapters in :mod:`chrome` are simple selectors (``#UCAP-CONTENT``,
    ``.TRS_Editor``, ``h1``): one dictionary lookup each. Ids and classes are indexed in one pass
    over the elements that have one (libxml2's XPath finds them); a tag is looked up when first
    asked (``iter(tag)``). Indexing every element in Python cost 5 % of reading a page (issue 18).

    >>> ix = _SelectorIndex(_parse('<div id="a" class="x  TRS_Editor"><p class="TRS_Editor2">t</p></div>'))
    >>> [e.tag for e in ix.select(".TRS_Editor")], [e.tag for e in ix.select("#a")], [e.tag for e in ix.select("p")]
    (['div'], ['div'], ['p'])
    """

    def __init__(self, root: _Element, attributed: list[_Element] | None = None) -> None:
        """``attributed``: the elements of ``root``'s tree with an id or a class (others may be among them)."""
        self.root = root
        self.index: dict[tuple[str, str], list[_Element]] = {}
        for el in root.xpath("descendant-or-self::*[@id or @class]") if attributed is None else attributed:
            ident = el.get("id")
            if ident:
                self.index.setdefault(("#", ident), []).append(el)
            for cls in (el.get("class") or "").split():
                self.index.setdefault((".", cls), []).append(el)

    def select(self, selector: str) -> list[_Element]:
        m = _SIMPLE_SELECTOR.match(selector)
        if m is None:
            raise ValueError(f"site adapters take simple selectors (#id, .class, tag), not {selector!r}")
        key = (m.group(1), m.group(2))
        if key[0] == "" and key not in self.index:
            self.index[key] = list(self.root.iter(key[1]))
        return self.index.get(key, [])


def _find_content(index: _SelectorIndex) -> tuple[_Element | None, str | None]:
    for sel in chrome.CONTENT_SELECTORS:
        for el in index.select(sel):
            if _has_text(el, 20) and _visible(el):
                return el, sel
    return None, None


def _has_text(el: _Element, least: int) -> bool:
    """Does ``el`` show at least ``least`` characters that are not white space (as :func:`_text_of`
    has them)? Read until it does: the content region is most of the page (issue 18).

    >>> _has_text(_parse("<div> 一二 <script>三四五</script><b>六</b></div>").find(".//div"), 3), _has_text(_parse("<div> 一二 <script>三四五</script></div>").find(".//div"), 3)
    (True, False)
    """
    seen = 0

    def gather(e: _Element) -> bool:
        nonlocal seen
        if e.text:
            seen += len(_WS_RE.sub("", e.text))
            if seen >= least:
                return True
        for c in e:
            if isinstance(c.tag, str) and c.tag not in _HIDDEN_TEXT_TAGS and gather(c):
                return True
            if c.tail:
                seen += len(_WS_RE.sub("", c.tail))
                if seen >= least:
                    return True
        return False

    return gather(el)


_NOT_HAN_RE = compile_re(r"[^\u4e00-\u9fff]+")


def _han_count(s: str) -> int:
    """Chinese characters in ``s`` (what is left once the rest is removed: no list of matches built).

    >>> _han_count("第1条 总则")
    4
    """
    return len(_NOT_HAN_RE.sub("", s))


# inline elements: their text belongs to the block that holds them (the HTML content model's phrasing elements)
_INLINE_TAGS = frozenset({"span", "font", "b", "strong", "em", "i", "u", "s", "strike", "small", "big", "sub", "sup",
                          "label", "ins", "del", "mark", "abbr", "cite", "code", "q", "tt", "var", "o:p", "nobr"})
_NOT_TEXT_TAGS = chrome.SKIP_TAGS | {"a", "select", "option"}
MIN_DENSE_CHARS = 200  # Chinese characters a block needs before it is taken for the notice


def _densest(root: _Element) -> tuple[_Element | None, int]:
    """The element that holds the most running text, for pages of sites no adapter knows.

    Each element scores the Chinese characters written directly in it (its text, the
    tails of its children and the text of its inline children, link text left out: pages pasted
    from Word wrap each paragraph's text in nested ``<span style="font-family…">``, corpus-dev 018,
    gz.gov.cn, six deep, and scored there the text never reached the block around the
    paragraphs); a parent collects its children's scores
    and a grandparent half of them, so the block whose paragraphs carry the text wins
    over both a single paragraph and the page around it. With every site adapter
    switched off, it picks the adapter's element on 21 of the 24 corpus pages and a copy
    of the same text on the other 3 (``tests/test_normalize.py``).
    """
    score: dict[_Element, float] = {}

    def inline(e: _Element) -> int:
        """Characters of an inline element, handed to the block that holds it; blocks inside it are gathered."""
        t = e.text
        n = _han_count(t) if t and not t.isascii() else 0  # (layout white space is ASCII)
        for c in e:
            tag = c.tag
            if isinstance(tag, str) and tag not in _NOT_TEXT_TAGS and not _is_hidden(c):
                if tag in _INLINE_TAGS:
                    n += inline(c)
                else:
                    gather(c)
            t = c.tail
            if t and not t.isascii():
                n += _han_count(t)
        return n

    def gather(e: _Element) -> None:
        direct = inline(e)  # its own text, the tails of its children, and the text of its inline children
        if direct:
            score[e] = score.get(e, 0) + direct
            parent = e.getparent()
            if parent is not None:
                score[parent] = score.get(parent, 0) + direct
                if parent.getparent() is not None:
                    score[parent.getparent()] = score.get(parent.getparent(), 0) + direct / 2

    body = root.find("body")
    gather(body if body is not None else root)
    if not score:
        return None, 0
    top = max(score.values())
    # a tie is a block and the one paragraph that holds all of its own text (a notice laid out as
    # one <p> of <br>-separated lines, its attachment in a table beside it): the block, which holds
    # more, is the body
    tied = [(_han_count(_text_of(e)), e) for e, s in score.items() if s == top]
    chars = max(n for n, _ in tied)
    best = next(e for n, e in tied if n == chars)  # the first of the most, as max() picks
    # a short notice (corpus-dev 010, a 163-character 通告 in <div id="zoom">): the block around
    # it, title and signature included, when that reaches the minimum and is not the whole page
    up = best.getparent()
    while chars < MIN_DENSE_CHARS and up is not None and up.tag not in ("body", "html"):
        best, chars, up = up, _han_count(_text_of(up)), up.getparent()
    return best, chars


_LABEL_NOISE = _WS + ":："
_LABEL_NOISE_RE = compile_re(f"[{_WS}:：]")


@lru_cache(maxsize=4096)  # a pure function of the string; a page's navigation repeats its words
def _norm_label(s: str) -> str:
    """A table label as the vocabulary writes it: no spaces or colon, simplified script
    (the traditional twin of a page labels its table 發文機關, 文號; issue 11).

    >>> _norm_label("發文機關："), _norm_label("文 号:")
    ('发文机关', '文号')
    """
    s = _LABEL_NOISE_RE.sub("", s)
    if 1 < len(s) <= 8 and not s.isascii():  # labels are short: leave running text alone
        from extractor.normalize.text import _converter

        s = _converter("t2s").convert(s)
    return s


_LABEL_MAX_WRITTEN = 40
_META_CELL_TAGS = frozenset({"td", "th", "b", "strong", "span", "label", "dt", "li", "div", "p"})


def _label_cells(root: _Element) -> list[_Element]:
    """Elements whose own text is a known label, in page order (no text gathering over whole sections).

    The cheap questions first (issue 18): an element's text only where the element may be a label
    cell; a tail's parent only where the tail holds more than blanks and colons (what _norm_label
    leaves of those is empty, which is no label).
    """
    from lxml import etree
    cells: list[_Element] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if el.tag not in _META_CELL_TAGS:  # (a comment's tag is a function: not in it either)
                continue
            string = el.text
            if not string:
                continue
            parent = el
        else:
            string = el.tail
            if not string or not string.strip(_LABEL_NOISE):
                continue
            parent = el.getparent()
            if parent is None or parent.tag not in _META_CELL_TAGS:
                continue
        # a label is short even with its blanks and colon (发 文 机 关：) once the layout's indent is off:
        # running text is never normalized
        if ((len(string) <= _LABEL_MAX_WRITTEN or len(string.strip()) <= _LABEL_MAX_WRITTEN)
                and _norm_label(string) in chrome.META_TABLE_LABELS):
            if not cells or cells[-1] is not parent:
                cells.append(parent)
    return cells


def _find_meta_tables(root: _Element, walker: _Walker) -> set[_Element]:
    """Elements (tables, rows, cells, list items) holding label/value metadata."""
    nodes: set[_Element] = set()
    for cell in _label_cells(root):
        written = _text_of(cell)
        own = _norm_label(written)
        if len(own) > 8 or (cell.tag not in ("td", "th", "dt") and not re.search("[:：]", written)):
            continue
        key = chrome.META_TABLE_LABELS.get(own)
        if key is None:
            continue
        # the value: the next element sibling of the label cell (or of its parent <td>)
        holder = cell
        while (up := holder.getparent()) is not None and up.tag in ("b", "strong", "span", "label", "font"):
            holder = up
        up = holder.getparent()
        if holder.tag in ("b", "strong", "span", "label") and up is not None and up.tag in ("td", "th", "li", "p", "div"):
            # "<td><b>发文字号：</b></td>" or "<li><span>文号：</span>穗府办…</li>"
            rest = _text_of(up).replace(_text_of(holder), "", 1).strip(_WS)
            if rest:
                walker.meta.setdefault(key, (rest, -1, -1))
                nodes.add(up)
                continue
            holder = up
        value_el = _next_element(holder)
        if value_el is None:
            continue
        value = _text_of(value_el).strip(_WS)
        if len(value) > 200:
            continue
        walker.meta.setdefault(key, (value, -1, -1))
        row = holder.getparent()
        table = next(row.iterancestors("table"), None) if row is not None else None
        nodes.add(table if table is not None else row)
    return nodes


_WECHAT_CT_RE = compile_re(r"var\s+ct\s*=\s*[\"'](\d{10})[\"']")
_CHINA_TZ = timezone(timedelta(hours=8))


def _json_ld_published(source: str) -> str | None:
    """The datePublished of a JSON-LD block (an object, a list of them, or an @graph), its day when ISO; None when
    the block is no JSON or names none (a malformed block is the page's problem, not a failure of the notice).
    Baidu's 熊掌号/MIP pages (``cambrian.jsonld``) name it ``pubDate`` (probes36 h02)."""
    import json

    try:
        data = json.loads(source)
    except ValueError:
        return None
    objs = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for obj in objs if isinstance(objs, list) else []:
        v = (obj.get("datePublished") or obj.get("pubDate")) if isinstance(obj, dict) else None
        if isinstance(v, str) and v.strip():
            v = v.strip()
            return v[:10] if _ISO_DATETIME_RE.match(v) else v
    return None


def _read_tree(raw: str, root: _Element, stream: _Stream) -> tuple[_Walker, str | None, list[Issue]]:
    """Find the content region, metadata and title in ``root`` and walk it against the stream."""
    issues: list[Issue] = []
    walker = _Walker(raw, stream)
    # the elements with an id, a class or a hidden attribute, in one query: each query is a walk of
    # the whole tree in libxml2 (5 ms of XPath over corpus/ for the hidden ones alone, issue 18)
    attributed = root.xpath("descendant-or-self::*[@id or @class or @hidden]")
    index = _SelectorIndex(root, attributed)
    hidden = {el for el in attributed if el.get("hidden") is not None}  # _with_hidden_attribute(root)
    content, selector = _find_content(index)
    if content is None:
        dense, chars = _densest(root)
        if dense is not None and chars >= MIN_DENSE_CHARS and dense.tag not in ("body", "html"):
            content, selector = dense, "density"
            issues.append(issue("W111", "html", f"no known content region; the block with the most running text (<{dense.tag}>, {chars} characters) is taken as the body"))
    for m in index.select("meta"):
        name = (m.get("name") or m.get("property") or "").lower()
        fieldname = chrome.HTML_META_FIELDS.get(name)
        if fieldname and m.get("content"):
            walker.meta.setdefault("html:" + fieldname, (m.get("content").strip(), -1, -1))
    for sc in root.iter("script"):  # schema.org JSON-LD: a mobile page's datePublished (probes30 h04)
        if (sc.get("type") or "").lower() == "application/ld+json" and sc.text and len(sc.text) <= 20_000:
            posted = _json_ld_published(sc.text)
            if posted:
                walker.meta.setdefault("html:posted", (posted, -1, -1))
                break
        elif sc.text and "var ct" in sc.text and (wx := _WECHAT_CT_RE.search(sc.text)) is not None:
            # a WeChat article's posting time, in its script only (var ct = "1778236214", Unix seconds; probes32 h06)
            day = datetime.fromtimestamp(int(wx.group(1)), _CHINA_TZ).date().isoformat()
            walker.meta.setdefault("html:posted", (day, -1, -1))
        elif sc.text and "ublish" in sc.text and (pt := _SCRIPT_PUBLISHED_RE.search(sc.text, 0, 200_000)) is not None:
            # a platform's article data: 百家号 window.jsonData "publishTime":"2026-11-06 17:42:10" (probes38 h05),
            # 学习强国 globalCache "publishTime" (probes37 h03); the day as written, China's
            walker.meta.setdefault("html:posted", (pt.group(1), -1, -1))
    for sel in chrome.POSTED_SELECTORS:
        found = index.select(sel)
        if found and content not in found and not any(content is a for a in found[0].iterancestors()):
            value = (found[0].get("datetime") or _text_of(found[0])).strip(_WS)
            if value:
                walker.meta.setdefault("html:posted", (value[:10] if _ISO_DATETIME_RE.match(value) else value, -1, -1))
                break
    meta_nodes = _find_meta_tables(root, walker)
    if content is not None:
        for sel in chrome.TITLE_SELECTORS:
            found = index.select(sel)
            el = found[0] if found else None
            if el is not None and el is not content and _text_of(el).strip(_WS) and content not in set(el.iterancestors()):
                meta_nodes.add(el)
                walker.meta.setdefault("html:title_element", (_text_of(el).strip(_WS), -1, -1))
                break
    root_layer: LayerKind = "furniture" if content is not None else "body"
    root_rule = "html:outside_content" if content is not None else "html:no_content_region"
    if content is None:
        issues.append(issue("W111", "html", "no known content region (e.g. #UCAP-CONTENT, .TRS_Editor, #zoomcon); all text kept as body and chrome found by vocabulary"))
    walker.around_content = set(content.iterancestors()) if content is not None else set()
    marked = _marked_elements(content, meta_nodes, hidden, walker.around_content)
    # the parser may leave content after </html> in a second top-level element
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        if isinstance(top.tag, str):
            walker.visit(top, top.tag, root_layer, root_rule, marked)
    return walker, selector, issues


_ISO_DATETIME_RE = compile_re(r"\d{4}-\d{2}-\d{2}T")
_SCRIPT_PUBLISHED_RE = compile_re(r"[\"'](?:publishTime|publish_time|publishDate|pubTime)[\"']\s*:\s*[\"']((?:19|20)\d{2}-\d{2}-\d{2})")


def extract_html(raw: str) -> HtmlResult:
    """Turn a decoded HTML page into aligned text with layers and page metadata.

    The fast path is lxml's tree. Where it cannot be aligned to the source in order (a
    node the parser moved, or text libxml2 cut at 256 levels), the page is read a second
    time from a tree whose text is in source order (:func:`_parse_in_source_order`), and
    that reading is kept when it places more of the page.
    """
    root = _parse(raw)
    stream = _lex(raw)
    if root is None:  # nothing an HTML parser can build a page from (comments only, blank)
        aligned = AlignedText(raw).apply([LocalEdit(0, len(raw), "", "html_markup")] if raw else [])
        return HtmlResult(aligned, [], {}, None, [issue("W111", "html", "the page has no elements; no text kept")])
    walker, selector, issues = _read_tree(raw, root, stream)
    too_deep = _too_deep(root)
    if walker.unaligned or too_deep:
        second = _parse_in_source_order(raw)
        if second is not None:
            w2, sel2, iss2 = _read_tree(raw, second, stream)
            if w2.unaligned < walker.unaligned or (too_deep and w2.unaligned <= walker.unaligned):
                why = f"{walker.unaligned} characters could not be aligned" if walker.unaligned else f"elements nested {_PARSER_MAX_DEPTH} deep"
                iss2.append(issue("W115", "html", f"read in source order with Python's html.parser: on lxml's tree {why}"))
                walker, selector, issues, too_deep = w2, sel2, iss2, False
    if too_deep:
        issues.append(issue("W114", "html", f"elements nested {_PARSER_MAX_DEPTH} deep: the parser keeps nothing deeper, so text may be missing"))
    if walker.unaligned:
        issues.append(issue("W113", "html", f"{walker.unaligned} characters of the parsed page could not be aligned to the source and were left out"))
    edits, layers = walker.finish()
    aligned = AlignedText(raw).apply(edits)
    return HtmlResult(aligned, layers, walker.meta, selector, issues)


def find_links(raw: str, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of every ``<a href>`` of a page, in page order, without fragments.

    >>> find_links('<a href="/a/1.html">通知</a><a href="b.pdf#p2">附件</a><a href="javascript:;">x</a>', "http://h/list/")
    [('http://h/a/1.html', '通知'), ('http://h/list/b.pdf', '附件')]
    """
    from urllib.parse import urldefrag, urljoin

    root = _parse(raw)
    out: list[tuple[str, str]] = []
    for a in root.iter("a") if root is not None else ():
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        out.append((urldefrag(urljoin(base_url, href))[0], " ".join(_text_of(a).split())))
    return out
