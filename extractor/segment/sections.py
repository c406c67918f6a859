"""The official numbering tree of a notice, read off the body layer.

Rules (each from a real notice):

* a label at the start of a body line always opens an item;
* a label inside a line opens one only where the numbering expects it — the next
  number of an open list, the first item of a lower level, or a repeated number
  right after the end of a sentence (seed 003 prints whole pages as one line and
  repeats "1."); anything else (seed 003's OCR "占/八、") stays text;
* the parent is the nearest open item of a higher-ranked marker type, so skipped
  levels are fine (2018 要点: 一、 then 1.);
* numbering may run on across sections (2017 要点: 1–24 across 一/二/三): reported
  as info; gaps and duplicates are reported as warnings, never repaired;
* when a table of contents exists and a body item matches a TOC entry whose parent
  is not open (seed 004: the 二、 heading was lost in a paywall gap), the TOC parent
  is used and the issue says so.
"""

from __future__ import annotations

import html as htmllib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from extractor.errors import issue
from extractor.model import Issue, MarkerKind, Part, PartKind, Section, Span
from extractor.normalize.offsets import AlignedText
from extractor.segment.numbering import INLINE_BOUNDARY, Marker, find_inline_candidates, match_marker
from extractor.segment.sentences import row_of
from extractor.recache import compile_re

_HEADING_MAX = 40
_SENT_END = "。！？；;!?"
_SENT_END_RE = compile_re(f"[{_SENT_END}]")
_BLANKS = " \t\u3000"
# a short heading with an item's label right after it (会议内容1.上午, 材料填报1.申报人)
_GLUED_HEADING_RE = compile_re(r"[\u4e00-\u9fff]{2,12}(?:\d{1,2}[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）])[\u4e00-\u9fff]")


@dataclass
class _Open:
    marker: Marker | None  # None for a parent inferred from the TOC
    kind: MarkerKind
    rank: int
    label: str
    number: int
    sid: str | None
    last_child: dict[MarkerKind, int] = field(default_factory=dict)
    max_child: dict[MarkerKind, int] = field(default_factory=dict)
    quoted: bool = False  # an article quoted in an amendment (“第二十条 …), nested in its amendment item


@dataclass
class _Item:
    marker: Marker
    label: str
    path: list[str]
    parent: str | None
    depth: int
    inferred: bool
    part: int
    sid: str = ""


def body_lines(text: str, body: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty lines of the body ranges, trimmed of spaces and tabs at both ends."""
    out = []
    for a, b in body:
        pos = a
        while pos < b:
            nl = text.find("\n", pos, b)
            stop = b if nl < 0 else nl
            s, e = pos, stop
            while s < e and text[s] in " \t":
                s += 1
            while e > s and text[e - 1] in " \t":
                e -= 1
            if s < e:
                out.append((s, e))
            pos = stop + 1
    return out


_KEY_NOISE_RE = compile_re(r"[\s_,，。、:：;；()（）“”\"]")


def _norm_key(s: str) -> str:
    return _KEY_NOISE_RE.sub("", s)[:8]


def parse_toc(text: str, span: tuple[int, int]) -> list[tuple[list[str], str]]:
    """(path, heading) for each line of a table of contents."""
    entries: list[tuple[list[str], str]] = []
    stack: list[tuple[int, str]] = []
    for s, e in body_lines(text, [span]):
        m = match_marker(text, s)
        if m is None:
            continue
        while stack and stack[-1][0] >= m.rank:
            stack.pop()
        label = text[m.start : m.label_end]
        stack.append((m.rank, label))
        entries.append(([lab for _, lab in stack], text[m.end : e]))
    return entries


def build_sections(
    doc_id: str,
    aligned: AlignedText,
    body: list[tuple[int, int]],
    parts: list[Part],
    toc_spans: list[tuple[int, int]],
) -> tuple[list[Section], list[Issue]]:
    """Find the numbered headings and items of the body and arrange them in a tree."""
    text = aligned.text
    issues: list[Issue] = []
    toc: dict[str, list[str]] = {}
    for span in toc_spans:
        for path, heading in parse_toc(text, span):
            toc.setdefault(_norm_key(heading), path)

    lines = body_lines(text, body)
    body_ends = sorted(b for _, b in body)
    items: list[_Item] = []
    part_starts = [p.span[0] for p in parts]
    # the part of a line by bisection when the parts come in order (find_parts sorts them): a scan of
    # every part per line was 2.5 % of the extraction's CPU over corpus/ (issue 18)
    parts_sorted = all(x <= y for x, y in zip(part_starts, part_starts[1:]))
    form_parts = {i for i, p in enumerate(parts) if _is_form(p)}

    stack: list[_Open] = []
    root_last: dict[MarkerKind, int] = {}
    root_max: dict[MarkerKind, int] = {}
    global_last: dict[MarkerKind, int] = {}
    seen_ids: dict[str, int] = {}
    cur_part = -1

    def siblings_last(rank: int) -> tuple[dict[MarkerKind, int], dict[MarkerKind, int]]:
        """The last-number and max-number tables of the list a marker of ``rank`` joins."""
        depth = len(stack)
        while depth > 0 and stack[depth - 1].rank >= rank:
            depth -= 1
        if depth:
            return stack[depth - 1].last_child, stack[depth - 1].max_child
        return root_last, root_max

    def expected(m: Marker, after_boundary: bool) -> bool:
        table, maxes = siblings_last(m.rank)
        last = table.get(m.kind)
        if last is None:
            first_ok = m.number == 1 or m.number == global_last.get(m.kind, 0) + 1
            deeper = not stack or m.rank > stack[-1].rank
            return first_ok and (deeper or after_boundary)
        if m.number == last + 1:
            return True
        # right after a sentence, a label of the open list is an item even when its
        # number is off (seed 003 as written: 1, 2, 1, 4) — reported, not repaired
        return after_boundary and 1 <= m.number <= maxes.get(m.kind, last) + 2

    def open_item(m: Marker, quoted: bool = False) -> None:
        if quoted:
            # quoted numbering nests in the amendment item that quotes it (corpus-dev 002:
            # 十四、增加一条… “第二十条 … “(一)…): only quoted items close
            while stack and stack[-1].quoted and stack[-1].rank >= m.rank:
                stack.pop()
        else:
            while stack and (stack[-1].quoted or stack[-1].rank >= m.rank):
                stack.pop()
        written = aligned.raw_of(m.start, m.label_end)
        label = written
        if "<" in label or "&" in label:
            # in the path and id, the label without the page's markup: corpus-dev 003 writes
            # (<span style="font-family: 楷体">一), corpus 02 （</span><span …>1</span>…）
            label = htmllib.unescape(_TAG_RE.sub("", label))
        label_norm = text[m.start : m.label_end]
        span = (m.start, m.label_end)
        inferred = None in [o.sid for o in stack]  # (no generator for a stack of two or three)
        # TOC repair: the item is listed in the table of contents under a parent that
        # is not open (its heading was lost in the text)
        # (the key only where there is a table of contents: most notices have none, issue 18)
        toc_path = toc.get(_norm_key(text[m.end : m.end + 20])) if toc else None
        if toc_path and len(toc_path) >= 2 and _label_key(toc_path[:-1]) != _label_key([o.label for o in stack]):
            parent = match_marker(_plain(toc_path[-2]) + ("" if toc_path[-2][0] in "(（" else "、"), 0)
            if parent is not None and parent.rank < m.rank:
                while stack and stack[-1].rank >= parent.rank:
                    stack.pop()
                grand_last = stack[-1].last_child if stack else root_last
                grand_max = stack[-1].max_child if stack else root_max
                grand_last[parent.kind] = parent.number
                grand_max[parent.kind] = max(grand_max.get(parent.kind, 0), parent.number)
                stack.append(_Open(None, parent.kind, parent.rank, toc_path[-2], parent.number, None))
                inferred = True
                issues.append(aligned.build(issue, "W204", "segment", f"parent {toc_path[-2]} of {label_norm} is not in the text; taken from the table of contents", span=span))
        table = stack[-1].last_child if stack else root_last
        maxes = stack[-1].max_child if stack else root_max
        last = table.get(m.kind)
        if last is not None:
            if m.number == last:
                issues.append(aligned.build(issue, "W202", "segment", f"label {label_norm} repeats the previous item's number", span=span))
            elif m.number > last + 1:
                issues.append(aligned.build(issue, "W201", "segment", f"label {label_norm} follows {last}: {m.number - last - 1} missing", span=span))
            elif m.number < last:
                issues.append(aligned.build(issue, "W201", "segment", f"label {label_norm} goes back from {last}", span=span))
        elif m.number != 1:
            prev = global_last.get(m.kind)
            if prev is not None and m.number == prev + 1:
                if m.kind != "article":  # 第三条 under 第二章 after 第二条 under 第一章: how every 办法 numbers
                    issues.append(aligned.build(issue, "W203", "segment", f"{label_norm} continues the numbering of the previous section ({prev})", span=span))
            else:
                issues.append(aligned.build(issue, "W205", "segment", f"list starts at {label_norm}", span=span))
        table[m.kind] = m.number
        maxes[m.kind] = max(maxes.get(m.kind, 0), m.number)
        global_last[m.kind] = m.number
        parent_sid = stack[-1].sid if stack else None
        path = [o.label for o in stack] + [label]
        base = f"{doc_id}#" + (f"p{cur_part}/" if len(parts) > 1 else "") + "/".join(_plain(p) for p in path)
        n = seen_ids.get(base, 0) + 1
        seen_ids[base] = n
        sid = base if n == 1 else f"{base}~{n}"
        items.append(_Item(m, written, path, parent_sid, len(stack), inferred, cur_part, sid))
        stack.append(_Open(m, m.kind, m.rank, label, m.number, sid, quoted=quoted))

    attachments_open = False

    def continues(m: Marker) -> bool:
        table, _ = siblings_last(m.rank)
        return table.get(m.kind) == m.number - 1

    def in_list_of_dates(ls: int, le: int) -> bool:
        return bool(stack) and stack[-1].kind == "num_dot" and _DATE_LED_RE.match(text, ls) is not None

    for ls, le in lines:
        # a new part (covering notice → attachment) restarts the numbering
        if parts_sorted:
            p_idx = max(bisect_right(part_starts, ls) - 1, 0)
        else:
            p_idx = max((i for i, s in enumerate(part_starts) if s <= ls), default=0)
        if p_idx != cur_part:
            cur_part = p_idx
            stack.clear()
            root_last.clear()
            root_max.clear()
            global_last.clear()
        if p_idx in form_parts:
            continue  # an attached form's rows (推荐表: 一、主要学历…) are table cells, no items (gold README)
        line = text[ls:le]
        m = match_marker(text, ls)
        quoted = False
        if m is None and line[:1] in "“\"":
            # an article quoted in an amendment: “(一)享受… (corpus-dev 002)
            m = match_marker(text, ls + 1)
            quoted = m is not None
        if m is None and in_list_of_dates(ls, le):
            m = _date_led_item(text, ls)
        if attachments_open and not (_ATTACHMENT_ENTRY_RE.match(line) and "。" not in line and le - ls <= 60):
            attachments_open = False
        if _ATTACHMENT_LIST_RE.match(line):
            # 附件：1.引进在职人才入户流程图 / 2.… (corpus-dev 015, 021, 039): a list of
            # attachment titles, not items of the last article (gold README: non-items)
            attachments_open = True
            continue
        if attachments_open:
            continue
        if m is not None and m.end < le and not (_bare_number(text, m) and not continues(m)):
            open_item(m, quoted)
        # inline labels: accepted only where the numbering expects them
        for c in find_inline_candidates(text, ls, le):
            if items and c.start < items[-1].marker.end:
                continue
            k = text.rfind("附件", max(ls, c.start - 400), c.start)  # bounded: a long line of labels stays linear
            if k >= 0 and _INLINE_ATTACHMENTS_RE.match(text, k) and not any(ch in _SENT_END for ch in text[k : c.start]):
                # 附件：1.…登记表 2.…申报单 inside a paragraph (corpus-dev 021 run together): attachment titles
                continue
            prev = text[c.start - 1]
            j = c.start - 1
            while j > ls and text[j] in _BLANKS:
                j -= 1
            # 【章名】 第一章 总则 (corpus-dev 052, a database field before the chapter), and 第一章 总则  第一条 为了…
            # run together with blanks between (a page pasted as one paragraph): a chapter or article set off by
            # blanks on both sides opens. Paragraphs run together keep their indent: "…尤为突出。　　二、突出…"
            # and "二、突出…运行机制　　一是明确…" (corpus-dev 021 with its line ends removed); two blanks are
            # the indent of a paragraph, one blank after a sentence's end its gap.
            after_boundary = (prev in INLINE_BOUNDARY or text[j] in INLINE_BOUNDARY or c.start - j > 2 or (
                c.kind in ("chapter", "article") and prev in _BLANKS and c.end > c.label_end))
            if not after_boundary and c.kind == "cn_comma" and c.number >= 2 and continues(c) and _GLUED_HEADING_RE.match(text, c.end, le):
                # a page pasted with no line ends and no indent: "…地点:市科协二楼会议室二、会议内容1.上午…"
                # (corpus-dev 040 and 070 run together): the next number of the sequence, a short heading
                # and an item's label right after it is a heading, where 统一、公开 is none
                after_boundary = True
            if not after_boundary and c.kind in ("cn_comma", "cn_shi", "cn_yao"):
                # 规范统一、公开透明 (corpus-dev 017): a Chinese numeral inside a word
                continue
            if not after_boundary:
                # "(三)实施原则1.整体规划": a short heading right after the last label
                last_end = items[-1].marker.end if items else None
                if last_end is None or last_end < ls:
                    continue
                seg = text[max(last_end, ls) : c.start]
                if len(seg) > _HEADING_MAX or any(ch in _SENT_END for ch in seg) or not seg:
                    continue
            if expected(c, after_boundary):
                open_item(c)

    # spans: from after the label to the next label or the end of the body stretch
    rows: list[dict[str, Any]] = []
    starts = [it.marker.start for it in items]

    for i, it in enumerate(items):
        s = it.marker.end
        limit = starts[i + 1] if i + 1 < len(items) else len(text)
        k = bisect_left(body_ends, s)
        if k < len(body_ends):
            limit = min(limit, body_ends[k])
        for p in parts:
            if p.span[0] > s:
                limit = min(limit, p.span[0])
                break
        e = limit
        while e > s and text[e - 1] in " \t\n":
            e -= 1
        own = text[s:e]
        first_line = own.split("\n", 1)[0]
        title = None
        cut = _SENT_END_RE.search(first_line)
        head = first_line[: cut.start()] if cut else first_line
        if 0 < len(head) <= _HEADING_MAX:
            title = head
        has_children = i + 1 < len(items) and items[i + 1].parent == it.sid and it.sid is not None
        is_heading = has_children or (cut is None and len(first_line) <= _HEADING_MAX and "\n" in own)
        span: Span = (s, e)
        label_span: Span = (it.marker.start, it.marker.label_end)
        rows.append(
            aligned.build(
                row_of(Section), id=it.sid, parent=it.parent, part=it.part, path=it.path, label=it.label,
                number=it.marker.number, marker=it.marker.kind, level=it.marker.rank, depth=it.depth,
                kind="heading" if is_heading else "item", title=title, text=own,
                span=span,
                label_span=label_span,
                inferred_parent=it.inferred,
            )
        )
    sections = _section_list().validate_python(rows)  # one pydantic-core call, as for the clauses
    if not sections:
        issues.append(issue("W206", "segment", "no numbered headings or items in the body"))
    return sections, issues


@lru_cache(maxsize=1)
def _section_list() -> TypeAdapter[list[Section]]:
    return TypeAdapter(list[Section])


_NOTICE_RE = compile_re(r"关于(?:印发|转发|发布|下达|重新发布|公布)(.{2,80}?)的(?:通知|决定|函)")
# ... whose document is named in 《》 after its issuer: 关于转发菏泽市教育局《关于进一步加强…的通知》的通知 (probes30 h02, a
# county's 转发 of a city's notice, which follows the county's signature under its own issuer line)
_BRACKETED_RE = compile_re(r"关于(?:印发|转发|发布|下达|重新发布|公布)[^《》\n]{0,30}《([^《》\n]{2,80})》(?:[(（][^()（）\n]{0,30}[)）])?的(?:通知|决定|函)")
# a line that is only a body's name: the issuer line a forwarded notice opens with (菏泽市教育局)
_ISSUER_LINE_RE = compile_re(r"\s*[\u4e00-\u9fff（）()]{2,24}(?:局|厅|委|委员会|政府|办公室|办公厅|协会|学会|科协|中心|院|部|署)\s*")
_ATTACH_RE = compile_re(r"^附件\s*\d*\s*[:：]?\s*$")


def _is_form(part: Part) -> bool:
    """An attachment that is a form to fill in (…推荐表, …申报表, …登记表, …回执): its numbered rows are
    the form's fields, printed as lines (a helper's probe: 附件1 第十八届中国青年科技奖候选人推荐表)."""
    return part.kind in ("appendix", "attachment") and _FORM_TITLE_RE.search(part.title or "") is not None


_FORM_TITLE_RE = compile_re(r"(?:推荐|申报|申请|报名|登记|汇总|信息|审核|备案|评审|报送)表\s*$|回执\s*$")


def _squash(s: str) -> str:
    return re.sub(r"[\s《》“”\"〈〉<>]", "", s)


def find_parts(aligned: AlignedText, body: list[tuple[int, int]], page_titles: tuple[str, ...] = ()) -> list[Part]:
    """A covering notice (关于印发《X》的通知) and the document X it issues.

    The notice's title is looked for in the first lines of the body, where a 红头, its 发文字号 and a title
    wrapped over three lines take up to eight (probes26 t14, a PDF copy), then in ``page_titles``, the
    headlines a page gives outside its content block, and in the lines right above the body (probes26 h01:
    a TRS page whose body opens at the 主送 line). The attachment starts at the first later body line that is X itself (optionally after a
    line 附件/附件1). Without such a line the file is one document.
    """
    text = aligned.text
    lines = body_lines(text, body)
    if not lines:
        return []
    start, end = lines[0][0], lines[-1][1]
    head = "".join(text[a:b] for a, b in lines[:8])
    above = text[max(0, text.rfind("\n", 0, max(0, start - 400)) + 1):start]  # the page's lines right above the body
    m = _NOTICE_RE.search(head) or next((hit for t in (*page_titles, above) if (hit := _NOTICE_RE.search(t))), None)
    bounds: list[tuple[int, str | None]] = []
    if m:
        bracketed = _BRACKETED_RE.match(m.string, m.start())
        target = _squash(bracketed.group(1) if bracketed else m.group(1))
        for i, (a, b) in enumerate(lines[1:], start=1):
            line = _squash(text[a:b])
            line = re.sub(r"^附件\d*[:：]?", "", line)
            if line == target and not _NOTICE_RE.search(text[a:b]):
                s = a
                prev = text[lines[i - 1][0] : lines[i - 1][1]] if i > 0 else ""
                if _ATTACH_RE.match(prev) or (bracketed and _ISSUER_LINE_RE.fullmatch(prev)):
                    s = lines[i - 1][0]  # 附件 above it, or the forwarded notice's issuer line
                bounds.append((s, text[a:b].strip()))
                break
    heads: list[tuple[int, PartKind, str | None]] = [(start, "notice" if bounds else "document", None)]
    heads += [(s, "attachment", title) for s, title in bounds]
    taken = {s for s, _, _ in heads}
    heads += [h for h in _appendix_heads(text, lines) if h[0] not in taken and h[0] > (bounds[0][0] if bounds else start)]
    heads.sort(key=lambda h: h[0])
    parts = []
    for k, (s, kind, title) in enumerate(heads):
        e = heads[k + 1][0] if k + 1 < len(heads) else end
        parts.append(aligned.build(Part, index=k, kind=kind, title=title, span=(s, e)))
    return parts


# A line that is only 附件 / 附件2 / 附件1： heads an appendix after the end of the notice, with its own
# numbering (corpus 14: the 积分制入户指标体系及分值表 after the last article 第十三条; corpus 17: 附件2
# 准入标准 with its own 一、二、; corpus-dev 021: 附件1： 登记表). 附件： with neither a number nor a title is
# left alone: on bulletin pages it heads an empty download box (corpus-dev 023-025).
_APPENDIX_RE = compile_re(r"附\s*件\s*(?:\d{1,2}\s*[:：]?|)\s*$")
# 注释： / 注： alone on a line, then a numbered list to the end: the notes of a bulletin or of a table
# (corpus-dev 024: 注释：1.本公报中数据均为初步统计数…; 025: [1]…; corpus 02: 注：1.三级公立综合医院…)
_NOTES_RE = compile_re(r"(?:注\s*释|注)\s*[:：]\s*$")


def _appendix_heads(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, PartKind, str | None]]:
    """Appendices (附件 after the end) and trailing notes (注释), each a part whose numbering starts afresh."""
    out: list[tuple[int, PartKind, str | None]] = []
    for i, (a, b) in enumerate(lines[1:-1], start=1):
        na, nb = lines[i + 1]
        if _APPENDIX_RE.match(text, a, b) and not _ATTACHMENT_ENTRY_RE.match(text, na, nb):
            # 附件: followed by 1.…流程图 is a list of attachment titles (corpus-dev 039), not an appendix
            title = text[na:nb].strip()
            out.append((a, "appendix", title if len(title) <= 60 else None))
        elif _NOTES_RE.match(text, a, b) and _notes_follow(text, lines[i + 1:]):
            out.append((a, "appendix", text[a:b].strip().rstrip(":：")))
    return out


def _notes_follow(text: str, lines: list[tuple[int, int]]) -> bool:
    """The lines after a 注释： head are a numbered list (1. or [1]) and nothing of the notice's own
    structure (一、, （一）, 第N条) follows before the next appendix: notes, not a remark inside an item."""
    first = match_marker(text, lines[0][0]) if lines else None
    if first is None or first.kind != "num_dot":
        return False
    for a, b in lines[1:]:
        if _APPENDIX_RE.match(text, a, b):
            break
        m = match_marker(text, a)
        if m is not None and m.rank < first.rank:
            return False
    return True


_FOLD_BR = str.maketrans("（）", "()")


_TAG_RE = compile_re(r"<[^>]*>?")
_ATTACHMENT_LIST_RE = compile_re(r"^\s*附\s*件\s*[:：]\s*(?:\d{1,2}\s*[.、．﹒]|$)")
_INLINE_ATTACHMENTS_RE = compile_re(r"附\s*件\s*[:：]\s*\d{1,2}\s*[.、．﹒]")
_ATTACHMENT_ENTRY_RE = compile_re(r"^\s*\d{1,2}\s*[.、．﹒]")  # 1.2018年度…计划表 too
# 2.9月5日-6日，获推候选人… (corpus-dev 070): a list item whose text opens with a date
_DATE_LED_RE = compile_re(r"(\d{1,2})\.(?=\d{1,2}月\d{1,2}日)")


def _date_led_item(text: str, pos: int) -> Marker | None:
    m = _DATE_LED_RE.match(text, pos)
    return Marker("num_dot", int(m.group(1)), pos, pos + len(m.group(1)), m.end()) if m else None


def _bare_number(text: str, m: Marker) -> bool:
    """10科学技术与教育: a two-digit label with no separator and no leading zero; an item
    only where it continues its list (corpus-dev 025: 01综合 … 09 … 10 …). So is one a tab
    follows, a table's first cell: 10	蒋一帆	男 (a 名单公示's tenth row, probes26 h05; rows 1–9 match no label)."""
    return m.kind == "num_pad" and (m.end == m.label_end or "\t" in text[m.label_end:m.end]) and text[m.start] != "0"


def _plain(label: str) -> str:
    return label.translate(_FOLD_BR)


def _label_key(labels: list[str]) -> list[str]:
    return [_plain(x).strip("、.") for x in labels]
