"""Title, issuer, level, date, 发文字号, document type, script and truncation.

Evidence is ranked: a site's metadata table (gov.cn 索引号 table, gz.gov.cn 基本信息)
beats ``<meta>`` tags, which beat what is read off the body text. Every value read
off the text carries its span.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.data.levels import classify_level, division, division_chain, names_body, opens_with_place
from extractor.errors import issue
from extractor.model import FlagField, Issue, Level, LevelField, Metadata, NamesField, Part, Script, Span, TextField
from extractor.data import regions
from extractor.data.doc_codes import expand_short_form, resolve_issuer
from extractor.data.meta_labels import TEXT_META_LABELS
from extractor.data.vocab import DOC_TYPE_ALT, DOC_TYPES, ORG_SUFFIXES
from extractor.segment.numbering import parse_cn_int
from extractor.extract.citations import DOC_NO_RE  # the one 发文字号 pattern (issue 17 point 5: 〔year〕, 令 and 公告 numbers)
from extractor.normalize import chrome
from extractor.normalize.layers import Mark
from extractor.normalize.offsets import AlignedText
from extractor.segment.sections import body_lines
from extractor.recache import compile_re

# 调查总队/调查队: the 国家统计局 survey teams that co-sign statistical bulletins (corpus-dev 024, 025)
# 大学/学院: a university issues its own 办法 (corpus-dev 060: 中央民族大学物资设备管理办法)
ORG_SUFFIX = "(?:" + "|".join(ORG_SUFFIXES) + ")"
# a body's 办公室/办公厅 belongs to its name (corpus-dev 058: 沈阳市人民代表大会常务委员会办公室公告)
# one body's name: 中共宜春市科协党组, 广州市人民政府办公厅 (a line of bodies; the bodies an opening names)
_BODY_NAME = rf"(?:中共)?[\u4e00-\u9fff]{{1,20}}?{ORG_SUFFIX}(?:办公室|办公厅)?"
_BODY_NAME_RE = compile_re(_BODY_NAME)
_ORG_RE = compile_re(rf"^((?:中共)?[\u4e00-\u9fff*X]{{0,14}}?{ORG_SUFFIX}(?:办公室|办公厅)?)")
_DATE_LINE_RE = compile_re(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
# 二〇一八年…, also with ○ (U+25CB) or O for zero (corpus-dev 020: 二○一二年一月九日) and with a
# two-digit year (一二年一月十二日)
_CN_DATE_LINE_RE = compile_re(r"^\s*([〇零○OＯ一二三四五六七八九]{2}|[〇零○OＯ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$")
_CN_ZERO = "〇零○OＯ"
# a signature's date written as a site writes dates: 2018-04-23, 2018.4.23, 2018/4/23 (taken only under a
# body's name: a bare date line elsewhere is a posting date or a table's cell)
_ISO_DATE_LINE_RE = compile_re(r"^\s*((?:19|20)\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*$")
_ANY_DATE_RE = compile_re(r"((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
_ABOUT_RE = compile_re(r"^(.{2,80}?)关于")


@dataclass
class PageMeta:
    """Metadata handed over by the HTML stage (field → (value, …))."""

    values: dict[str, tuple[str, int, int]]

    def get(self, key: str) -> str | None:
        """The value in simplified script, as the text is (a traditional page's table says
        江西省人民政府辦公廳; its level and issuer must not differ from the simplified twin's)."""
        v = self.values.get(key)
        if not v or not v[0].strip():
            return None
        from extractor.normalize.text import _converter

        return _converter("t2s").convert(v[0].strip())


def _iso(y: str | int, m: str | int, d: str | int) -> str | None:
    """>>> _iso("二〇〇五", "十一", "二十五"), _iso(2018, 4, 23)
    ('2005-11-25', '2018-04-23')
    """
    y, m, d = (v if isinstance(v, int) else parse_cn_int(v.strip()) for v in (y, m, d))
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(s: str) -> str | None:
    """ISO date from the forms notices and sites use.

    >>> parse_date("2019年01月24日"), parse_date("2017/12/5 22:04:44"), parse_date("二〇一八年四月二十三日")
    ('2019-01-24', '2017-12-05', '2018-04-23')
    >>> parse_date("二○一二年一月九日"), parse_date("一二年一月十二日")
    ('2012-01-09', '2012-01-12')
    """
    m = _ANY_DATE_RE.search(s)
    if m:
        return _iso(*m.groups())
    m = _CN_DATE_LINE_RE.match(s)
    if m:
        year = "".join("0" if c in _CN_ZERO else str(parse_cn_int(c)) for c in m.group(1))
        if len(year) == 2:  # 一二年: this century's (notices of the last one wrote the year in full)
            year = "20" + year
        return _iso(year, parse_cn_int(m.group(2)), parse_cn_int(m.group(3)))
    return None


_SEAL_RE = compile_re(r"[(（]\s*(?:印|盖章|印章|公章|章)\s*[)）]")  # no leading \s*: tried at every blank, quadratic on a run of them


def split_issuers(s: str) -> list[str]:
    """>>> split_issuers("广州市民政局 广州市财政局、广州市市场监督管理局")
    ['广州市民政局', '广州市财政局', '广州市市场监督管理局']
    >>> split_issuers("广州市卫生健康委等4部门"), split_issuers("中国科学技术协会（印）")
    (['广州市卫生健康委'], ['中国科学技术协会'])
    """
    s = re.sub(r"等\s*\d+\s*(?:个)?(?:部门|单位)$", "", s.strip())
    # the seal a copy prints as words: 中国科学技术协会（印）, （盖章）
    s = _SEAL_RE.sub(" ", s).strip()
    parts = [p.strip() for p in re.split(r"[\s、,，;；]+|(?<=[局委厅部办院])和(?=[\u4e00-\u9fff])", s) if p.strip()]
    return parts


def _field(aligned: AlignedText, value: str | list[str], source: str, evidence: str, span: Span | None = None) -> TextField | NamesField:
    cls = NamesField if isinstance(value, list) else TextField
    return aligned.build(cls, value=value, source=source, evidence=evidence, span=span)


def _find_in(text: str, needle: str, ranges: list[tuple[int, int]]) -> Span | None:
    for a, b in ranges:
        i = text.find(needle, a, b)
        if i >= 0:
            return (i, i + len(needle))
    return None


def extract_metadata(
    aligned: AlignedText,
    layers: list[Mark],
    parts: list[Part],
    script: Script,
    page: PageMeta,
) -> tuple[Metadata, list[Issue]]:
    text = aligned.text
    issues: list[Issue] = []
    body = [(m.start, m.end) for m in layers if m.kind == "body"]
    meta_ranges = [(m.start, m.end) for m in layers if m.kind == "meta"]
    lines = _split_run_together(text, body_lines(text, body))

    db = _database_fields(aligned, layers)
    rows = find_label_rows(text)

    # --- title ---------------------------------------------------------------------
    title = choose_candidate(_title_candidates(aligned, layers, lines, page, db, rows, meta_ranges, body), aligned)
    if title is not None and title.value != _clean_title(title.value):
        title = title.model_copy(update={"value": _clean_title(title.value)})

    # --- doc number ----------------------------------------------------------------
    doc_number: TextField | NamesField | None = None
    dn = page.get("doc_number")
    if dn and _NO_NUMBER_RE.match(dn):  # 文号：无 (corpus-dev 009-011): the table says there is none
        doc_number = None
    elif dn:
        doc_number = _field(aligned, dn, "metadata_table", "发文字号/文号 row of the page's metadata table", _find_in(text, dn, meta_ranges + body))
    elif "doc_number" in db:
        doc_number = _field(aligned, db["doc_number"][0], "metadata_table", "【发文字号】 field of the database export", db["doc_number"][1])
    elif "doc_number" in rows and DOC_NO_RE.fullmatch(rows["doc_number"][0]):
        doc_number = _field(aligned, rows["doc_number"][0], "document", "发文字号/文号 row printed in the text", rows["doc_number"][1])
    else:
        doc_number = _doc_number_from_text(aligned, lines, title) or _number_under_signature(aligned, lines) or _history_number(aligned, lines)

    # --- issuer ---------------------------------------------------------------------
    issuer = _choose_issuer(aligned, page, title, doc_number, lines, meta_ranges, db, rows)
    if title is None:
        title = _inferred_title(aligned, lines, issuer)
    issuer_as_written = None
    if issuer is not None and issuer.value:
        full = [expand_short_form(n) for n in issuer.value]
        if full != issuer.value:  # 质监局 → 质量技术监督局 (corpus-dev 021), 人大常委会 (050): the full form, the printed one kept
            issuer_as_written = issuer.value
            issuer = issuer.model_copy(update={"value": full, "evidence": issuer.evidence + "; short form written in full (data.doc_codes.SHORT_FORMS)"})
    if title is None or title.source == "inferred":
        issues.append(issue("W301", "metadata", "no title line found" + ("; the title is inferred from the body" if title else "")))
    if issuer is None:
        issues.append(issue("W302", "metadata", "no issuing body in the title, metadata or signature"))

    # --- level ---------------------------------------------------------------------
    level = LevelField(value="unknown", source="inferred", evidence="no issuer")
    if issuer is not None and issuer.value:
        lv, why = classify_level(issuer.value[0])
        level = aligned.build(LevelField, value=lv, source=issuer.source, evidence=f"issuer {issuer.value[0]}: {why}", span=issuer.span)
    # the head of the title before 关于 names the body; a title opening with 关于 names none (关于举办…全国
    # 大学生…竞赛的通知 is no university's: written for the tests, a joint national notice)
    head = re.sub(r"^[(（]转载[)）]", "", title.value) if title is not None else ""
    head = head[: head.find("关于")] if "关于" in head else head
    if level.value == "unknown" and head:
        lv, why = classify_level(head)
        if lv != "unknown" or (why.endswith("has no administrative level") and _ORG_RE.match(head)):
            level = aligned.build(LevelField, value=lv, source="title", evidence=f"place name at the head of the title: {why}", span=title.span)
    if level.value == "unknown" and not level.evidence.endswith("has no administrative level"):
        named = _national_body_in_signature(aligned, lines)
        if named is not None:
            level = named
    if level.value == "unknown" and not level.evidence.endswith("has no administrative level"):
        named = _level_from_addressees(aligned, lines)
        if named is not None:
            level = named
    if level.value == "unknown" and not level.evidence.endswith("has no administrative level"):
        named = _level_from_self_reference(aligned, lines)
        if named is not None:
            level = named
    if level.value == "unknown":
        issues.append(issue("W303", "metadata", level.evidence))

    # --- dates ---------------------------------------------------------------------
    posted = _posted(aligned, page, layers, db)
    date: TextField | NamesField | None = None
    # the date printed under the signature is the notice's own; a Hanweb table's 成文日期 is
    # the day the page was made when an old notice is re-published (corpus-dev 001: table
    # 2020-03-11, signed 2018年5月9日); then a regulation's history line; then the table
    adopted = _adopted(aligned, lines)
    date = (_signature_date(aligned, lines) or _history_date(aligned, lines, doc_number.value if doc_number else None)
            or _issue_head_date(aligned, lines))
    if date is None and "date" in rows and parse_date(rows["date"][0]) and not page.get("date"):
        # 发文日期/颁布日期/成文日期 printed as a row (corpus-dev 047, 052: 颁布日期 is the 批准 date of a
        # municipal regulation, which the adoption note gives after the 通过 date)
        date = _field(aligned, parse_date(rows["date"][0]) or "", "document", f"date row printed in the text ({rows['date'][0]})", rows["date"][1])

    if date is None and adopted is not None:
        date = adopted[0]
    if date is None and page.get("date") and parse_date(page.get("date") or ""):
        v = page.get("date") or ""
        date = _field(aligned, parse_date(v), "document", "成文日期 row of the page's metadata table", _find_in(text, v, meta_ranges))
    if date is None and "date" in db and parse_date(db["date"][0]):
        date = _field(aligned, parse_date(db["date"][0]) or "", "document", "【发布日期】 field of the database export", db["date"][1])
    if date is None and posted is not None:
        date = posted.model_copy(update={"evidence": "no date in the document; posting date of the hosting site: " + posted.evidence})
        issues.append(issue("W304", "metadata", "no 成文日期 in the document; the site's posting date is used"))

    promulgated, effective = _promulgated_effective(aligned, lines, date, doc_number, page, db, rows)

    # --- doc type, truncation --------------------------------------------------------
    doc_type = None
    if title is not None:
        dt = doc_type_of(title.value)
        if dt:
            doc_type = aligned.build(TextField, value=dt, source="title", evidence=f"title ends with {dt}", span=title.span)
    trunc = [m for m in layers if m.rule in ("paywall", "preview_limit")]
    if trunc:
        sp = (trunc[0].start, trunc[0].end)
        truncated = aligned.build(FlagField, value=True, source="document", evidence=f"{trunc[0].rule} marker", span=sp)
        issues.append(aligned.build(issue, "W109", "metadata", f"text stops before the end of the document ({trunc[0].rule}: {text[sp[0]:sp[1]][:40]!r})", span=sp))
    else:
        truncated = FlagField(value=False, source="inferred", evidence="no paywall, preview or 未完 marker")
    md = Metadata(title=title, issuer=issuer, level=level, date=date, posted=posted, promulgated=promulgated, effective=effective,
                  doc_number=doc_number,
                  doc_type=doc_type, script=script, truncated=truncated, addressees=_addressees(aligned, lines),
                  issuer_as_written=issuer_as_written,
                  reposted_by=_reposted_by(aligned, page, title, level))
    return md, issues


# --- paragraphs run together ---------------------------------------------------------------
# A page pasted as one paragraph (seed 003, a 天天文库 copy; corpus-dev 021 on pkulaw keeps its
# indents only) runs the title, the 发文字号 and the addressees into the first paragraph, and the
# signature and its date onto the end of the last: "关于召开…的紧急通知各区(市)科协…:经研究,…" and
# "…特此通知。枣庄市科学技术协会2019年10月9日" (corpus-dev 040 with its line ends removed). The head and
# tail readers work on lines, so such a line is cut where the parts of a notice meet. Only for a
# line this long: a title line or a signature line of its own is never cut.
_RUN_TOGETHER_MIN = 120
_HEAD_TITLE_RE = compile_re(rf"[^。；;！？!?：:《》“”]{{0,40}}?关于[^。；;！？!?：:]{{2,100}}?的?(?:{DOC_TYPE_ALT})(?![\u4e00-\u9fff]{{0,3}}[》”])")
_HEAD_ADDRESSEE_RE = compile_re(r"[ \t]*[^。；;！？!?：:]{2,120}?[：:]")  # _addressees then keeps only names of bodies
# a full date, not the end of a range or of another date (…至2018年4月23日 is no signature's)
_FULL_DATE = r"(?<![\d年月日至到\-~～])(?P<date>(?:19|20)\d{2}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日)"
# a portal's date and counter fields glued between the title and the 发文字号 (062 run together:
# …安排的通知/ 发布时间:2020-12-16 / 浏览量:3565国办发明电〔2020〕27号): a counter's value is its digits
_HEAD_PORTAL_RE = compile_re(r"[ \t/|]*(?:发布时间|发布日期|更新时间|更新日期|浏览量|浏览次数|点击数|点击量|阅读次数|访问量)[ \t]*[:：][ \t]*"
                             r"(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,9})[ \t/|]*")
_TAIL_DATE_RE = compile_re(_FULL_DATE + r"[ \t]*$")
_TAIL_RUN_RE = compile_re(r"[\u4e00-\u9fff()（）]{2,40}$")
_ORG_END_RE = compile_re(rf"{ORG_SUFFIX}(?:办公室|办公厅)?$")


# what a page glues after a signature's date when its lines run together: 供稿人:学会学术部 (corpus-dev
# 039), 原创文章,作者:… (063), 相关附件: (064), (此件公开发布), 抄送:
# 国务院办公厅2020年11月25日来源中华人民共和国中央人民政府 (062: 来源 without its colon)
_TRAILER_RE = compile_re(r"(?:供稿|责任编辑|编辑[:：]|来源|作者[:：]|原创|上一篇|下一篇|相关|附件|扫一扫|[（(]此件|抄送|打印|关闭|【)")
_DATE_BEFORE_TRAILER_RE = compile_re(_FULL_DATE + r"[ \t]*(?=" + _TRAILER_RE.pattern + ")")


_SIGNATURE_AND_DATE_RE = compile_re(
    rf"[ \t]*+(?P<org>[^\s。，,；;：:]{{2,30}}?{ORG_SUFFIX}(?:办公室|办公厅)?(?:[ \t]++[^\s。，,；;：:]{{2,30}}?{ORG_SUFFIX}(?:办公室|办公厅)?)*)"
    r"[ \t\u3000]++(?P<date>(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[ \t]*$")


# a date set off by a wide gap at the end of a line whose name polex cannot read (corpus-dev 064: a
# signature in mojibake, then 　　2019年12月26日)
_SET_OFF_DATE_RE = compile_re(r"[ \t]*+(?P<org>\S[^。；;！？]{0,38}?\S)[ \t\u3000]{2,}+"
                              r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t]*$")


def _tail_cut(text: str, s: int, e: int) -> list[tuple[int, int]] | None:
    """A last line "…表河南省科协办公室2018年4月23日" cut into rest / signature / date (corpus-dev 039
    run together), and what the page glued after the date its own piece; the date alone after the
    last sentence; None when no signature date ends it."""
    t = _TAIL_DATE_RE.search(text, max(s, e - 30), e)
    if t is None:
        # the last date that ends a signature: 上一篇 2019年11月19日下一篇… after it are the portal's (063)
        for g in reversed(list(_DATE_BEFORE_TRAILER_RE.finditer(text, max(s, e - 300), e))):
            head = _tail_cut(text, s, g.end("date"))
            if head:
                return head + [(g.end("date"), e)]
        return None
    d = t.start("date")
    run = _TAIL_RUN_RE.search(text, max(s, d - 40), d)
    if run is not None and _ORG_END_RE.search(run.group()):
        name = run.group()
        # where the body's name starts: at the first place or national body
        # (计划表|河南省科协办公室); else a run that starts after no other word is a name of its own
        # (…@126.com|中华中医药学会科学技术奖励办公室, corpus-dev 043; …163.com|科学技术处, 071)
        whole = run.start() == s or not ("\u4e00" <= text[run.start() - 1] <= "\u9fff")
        start = next((i for i in range(len(name) - 2) if opens_with_place(name[i:])),
                     0 if whole and len(name) <= 20 else None)
        if start is not None:
            sig = run.start() + start
            return [(s, sig), (sig, d), (d, t.end("date"))]
    if d > s and text[d - 1] in "。！？!?":
        return [(s, d), (d, t.end("date"))]
    return None


def _split_run_together(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``lines`` with the first long line of the head cut into 发文字号 / title / addressees / rest, and
    the last line into rest / signature / date, where they are paragraphs run together."""
    if not lines:
        return lines
    out = list(lines)
    # the first long line among the first three: a title line of its own may stand before it, and a
    # portal's field between (062 run together: 通知/ 发布时间:… | 浏览量:3565 | 国办发明电〔2020〕27号 各省…:)
    k = next((i for i, (s, e) in enumerate(out[:3]) if e - s >= _RUN_TOGETHER_MIN), None)
    if k is not None:
        s, e = out[k]
        # 岳阳市财政局关于…的通知|岳财建指〔2023〕21号|有关区财政局:  (corpus-dev 049 run together), and the
        # 发文字号 first: 中会奖办[2011]002号|关于转发…的通知|各专科分会:  (043)
        cuts: list[int] = []
        pos, found = s, set()
        while pos < e and len(found) < 2:
            for kind, rx in (("number", DOC_NO_RE), ("title", _HEAD_TITLE_RE), ("portal", _HEAD_PORTAL_RE)):
                m = None if kind in found else rx.match(text, pos, e)
                if m is not None and m.end() > pos:
                    if kind != "portal":  # the portal's fields may come more than once, between the two
                        found.add(kind)
                    pos = m.end()
                    cuts.append(pos)
                    break
            else:
                break
        a = _HEAD_ADDRESSEE_RE.match(text, pos, e) if found else None
        if a is not None:
            cuts.append(a.end())
        if cuts and cuts[-1] < e:
            bounds = [s, *cuts, e]
            out[k:k + 1] = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    # the last long line that a signature date ends: the last line, or one before the page's footer
    # furniture (062 run together: …国务院办公厅2020年11月25日来源…上一篇:… | ICP备 | 13004896号-1 …)
    long_lines = [(s, e) for s, e in lines[-4:] if e - s >= _RUN_TOGETHER_MIN]  # before the head's cuts shortened one
    for i in range(len(out) - 1, max(-1, len(out) - 4), -1):
        s, e = out[i]
        if any(ls <= s and e <= le for ls, le in long_lines):
            cut = _tail_cut(text, s, e)
            if cut:
                out[i : i + 1] = cut
                break
    # the signature and its date on one line, right-aligned in the print (中国科协办公厅　　2018年4月23日)
    for i in range(len(out) - 1, max(-1, len(out) - 8), -1):
        if out[i][1] - out[i][0] > 80 or not text.endswith("日", 0, out[i][1]) and not text[out[i][1] - 1].isdigit():
            continue  # a signature and its date are a short line that ends the date (a long one is tried by nothing)
        if any(_ISSUE_NUMBER_RE.match(text, a, b) for a, b in out[max(0, i - 2) : i]):
            continue  # the office and date under a 纪要's issue number, its head, not a signature (a short 纪要: probes26 t12)
        m = _SIGNATURE_AND_DATE_RE.match(text, *out[i]) or _SET_OFF_DATE_RE.match(text, *out[i])
        if m is not None:
            out[i:i + 1] = [(m.start("org"), m.end("org")), (m.start("date"), m.end("date"))]
            break
    return [(a, b) for a, b in out if a < b]


@dataclass(frozen=True)
class Candidate:
    """One reading of a field, as decode.py weighs its evidence: the value, the kind of source
    (``_Evidence.source``), why it was read, where, and how much that kind of evidence is trusted."""

    value: str
    source: str
    evidence: str
    span: Span | None
    score: float


def choose_candidate(cands: list[Candidate], aligned: AlignedText) -> TextField | None:
    """The best-scored candidate, as a field whose evidence names the runners-up; candidates that
    agree with others (after white space) win a tie.

    >>> c = choose_candidate([Candidate("市科协系统改革方案", "html_meta", "<title>", None, 0.55),
    ...                        Candidate("市科协系统改革方案", "document", "first title-shaped line", None, 0.7)], AlignedText(""))
    >>> c.value, c.evidence
    ('市科协系统改革方案', 'first title-shaped line (score 0.70; agreed by 1 other)')
    """
    if not cands:
        return None
    key = [re.sub(r"\s+", "", c.value) for c in cands]
    agree = [sum(k == o for o in key) - 1 for k in key]
    i = max(range(len(cands)), key=lambda k: (cands[k].score, agree[k], -k))
    best = cands[i]
    notes = [f"score {best.score:.2f}"] + ([f"agreed by {agree[i]} other{'s' if agree[i] > 1 else ''}"] if agree[i] else [])
    over = [f"{c.source} {c.score:.2f}" for k, c in enumerate(cands) if k != i and key[k] != key[i]]
    if over:
        notes.append("over " + ", ".join(over))
    return aligned.build(TextField, value=best.value, source=best.source, evidence=f"{best.evidence} ({'; '.join(notes)})", span=best.span)


# a <title>'s site suffix: 关于…的通知_广州市人民政府门户网站, …-中国政府网, …|江西省人民政府
_SITE_SUFFIX_SPLIT = compile_re(r"\s*(?:[-_|｜—–>»›]+|\s{2,})\s*")  # also a breadcrumb: 政务公开 > 关于…
_OPENERS = {"《": "》", "(": ")", "（": "）", "〈": "〉", "<": ">", "“": "”", "【": "】", "[": "]"}


_COLUMN_LABEL_RE = compile_re(r"^\s*【[^】]{2,8}】\s*(?=\S)")


def _title_parts(s: str) -> list[str]:
    """A <title> cut at its separators, but not at a dash or blank inside brackets or between
    digits: ``省科协关于印发《江西省…实施方案（2021—2025年）》的通知-通知公告-江西省科学技术协会``
    keeps its span of years, which plans carry in their titles (written for the test).

    >>> _title_parts("关于印发《规划（2021—2025年）》的通知-通知公告-某某协会")
    ['关于印发《规划（2021—2025年）》的通知', '通知公告', '某某协会']
    >>> _title_parts("2021-2025年发展规划_某某网")
    ['2021-2025年发展规划', '某某网']
    """
    parts: list[str] = []
    stack: list[str] = []
    start = scanned = 0
    for m in _SITE_SUFFIX_SPLIT.finditer(s):
        for ch in s[scanned : m.start()]:
            if ch in _OPENERS:
                stack.append(_OPENERS[ch])
            elif stack and ch == stack[-1]:
                stack.pop()
        scanned = m.start()
        if stack or (0 < m.start() and m.end() < len(s) and s[m.start() - 1].isdigit() and s[m.end()].isdigit()):
            continue
        parts.append(s[start : m.start()])
        start = m.end()
    parts.append(s[start:])
    return [p for p in parts if p]


def _title_candidates(aligned: AlignedText, layers: list[Mark], lines: list[tuple[int, int]], page: PageMeta,
                      db: dict[str, tuple[str, Span]], rows: dict[str, tuple[str, Span]],
                      meta_ranges: list[tuple[int, int]], body: list[tuple[int, int]]) -> list[Candidate]:
    """Every reading of the title, scored by how much its kind of evidence is trusted: a site's
    metadata table (1.0) over <meta ArticleTitle> and a database's 【标题】 (0.9), a title row printed
    in the text (0.85), the first title-shaped line of the body (0.7: never a nav bar, 主送 line,
    heading or database header), the page's headline element (0.6), its <title> without the site
    suffix (0.55), a headline printed twice (0.4). Headline element and <title> count only when
    title-shaped."""
    text = aligned.text
    out: list[Candidate] = []

    def add(value: str | None, source: str, evidence: str, span: Span | None, score: float) -> None:
        if value:
            out.append(Candidate(value, source, evidence, span, score))

    v = page.get("title")
    add(v, "metadata_table", "标题/名称 row of the page's metadata table", _find_in(text, v, meta_ranges + body) if v else None, 1.0)
    v = page.get("html:title")
    add(v, "html_meta", "<meta name=ArticleTitle>", _find_in(text, v, body + meta_ranges) if v else None, 0.9)
    if "title" in db:
        add(db["title"][0], "metadata_table", "【标题】 field of the database export", db["title"][1], 0.9)
    if "title" in rows and _title_row_ok(rows["title"][0]):
        add(rows["title"][0], "document", "title row printed in the text (发文标题/中文名)", rows["title"][1], 0.85)
    found = _title_from_text(aligned, lines)
    if found is not None:
        add(found.value, found.source, found.evidence, found.span, 0.7)
    found = _headline_above_body(aligned, layers)
    if found is not None:
        add(found.value, found.source, found.evidence, found.span, 0.65)
    v = page.get("html:title_element")
    if v and _title_shaped(v) and not any(r.search(v) for r in _NOT_TITLE_RES):
        add(v, "html_meta", "the page's headline element", _find_in(text, v, meta_ranges + body), 0.6)
    for m in layers:
        if m.rule == "html:title":
            # 【通知公告】关于…的通知_…: the column's label in front of the title is no part of it (written for the tests)
            parts = [_COLUMN_LABEL_RE.sub("", p, count=1) for p in _title_parts(text[m.start : m.end].strip())]
            part = next((p for p in parts if _title_shaped(p) and not any(r.search(p) for r in _NOT_TITLE_RES)), None)
            if part:
                k = text.find(part, m.start, m.end)
                add(part, "html_meta", "<title> without the site's name", (k, k + len(part)) if k >= 0 else None, 0.55)
            break
    if not out:
        found = _repeated_headline(aligned, lines)
        if found is not None:
            add(found.value, found.source, found.evidence, found.span, 0.4)
    return out


_NO_NUMBER_RE = compile_re(r"^\s*(?:无|暂无|空|/|-+|—+)\s*$")
_DB_FIELD_RE = compile_re(r"^\s*【\s*([^】]{2,6}?)\s*】\s*(.*?)\s*$")


def _database_fields(aligned: AlignedText, layers: list[Mark]) -> dict[str, tuple[str, Span]]:
    """【发布部门】/【发文字号】/… header fields of a legal-database export (corpus-dev 020-022)."""
    text = aligned.text
    out: dict[str, tuple[str, Span]] = {}
    for m in layers:
        if m.rule != "database_header":
            continue
        for ln in re.finditer(r"[^\n]+", text[m.start : m.end]):
            fm = _DB_FIELD_RE.match(ln.group(0))
            if fm and fm.group(2) and fm.group(1) in chrome.DATABASE_FIELDS:
                a = m.start + ln.start() + fm.start(2)
                out.setdefault(chrome.DATABASE_FIELDS[fm.group(1)], (fm.group(2), (a, a + len(fm.group(2)))))
                if fm.group(1) == "发布日期":  # also the day the database posted it (probes26 t08), kept as `posted`
                    out.setdefault("posted", (fm.group(2), (a, a + len(fm.group(2)))))
    return out


_LABEL_ALT = "|".join(sorted(TEXT_META_LABELS, key=len, reverse=True))
# a portal's other fields, which end a row's value when set right after it without a blank
# (文号：X科规〔2023〕2号发布时间：2023-06-20来源：…, spans run together on a page no adapter knows)
_PORTAL_FIELDS = "发布时间|发布日期|更新时间|更新日期|浏览次数|浏览量|点击数|点击量|阅读次数|访问量|责任编辑|编辑|作者|字号|信息来源"
_LABEL_ROW_RE = compile_re(
    rf"(?:^|(?<=[\s•·\d]))({_LABEL_ALT})[ \t\u3000\u00a0]*[:：][ \t\u3000\u00a0]*"  # \d: …2023-06-20来源：
    rf"([^\s:：](?:[^:：\n]*?[^\s:：])?)?(?=[ \t\u3000\u00a0]{{2,}}|[ \t\u3000\u00a0]*(?:{_LABEL_ALT}|{_PORTAL_FIELDS})[ \t\u3000\u00a0]*[:：]"
    rf"|[ \t\u3000\u00a0]*$)"
)


def find_label_rows(text: str, max_lines: int = 60) -> dict[str, tuple[str, Span]]:
    r"""``label：value`` rows printed near the top of the text (data.meta_labels), field →
    (value, span); the first row of a field wins. A label whose value is on the next line
    (corpus-dev 047: ``发文字号:`` / ``镇政发〔2024〕7号``) takes that line.

    >>> rows = find_label_rows("发文标题: 关于X的通知\n发文文号: 穗府办[2016]29号\n发布时间: 2021-11-19      发布机构:临西县科学技术协会")
    >>> {k: v[0] for k, v in rows.items()}
    {'title': '关于X的通知', 'doc_number': '穗府办[2016]29号', 'publisher': '临西县科学技术协会'}
    >>> find_label_rows("  • 发文字号:\n\n    镇政发〔2024〕7号\n")["doc_number"]
    ('镇政发〔2024〕7号', (15, 26))
    """
    out: dict[str, tuple[str, Span]] = {}
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:8000])][:max_lines]
    for i, (a, b) in enumerate(lines):
        if text.find(":", a, b) < 0 and text.find("：", a, b) < 0:
            continue  # every row holds its colon: most lines have none, and the pattern tries each character (issue 18)
        for m in _LABEL_ROW_RE.finditer(text, a, b):
            field = TEXT_META_LABELS[m.group(1)]
            if m.group(2):
                value, sp = m.group(2), (m.start(2), m.end(2))
            else:  # the value on the next non-blank line, which is not a label row itself
                nxt = next(((c, d) for c, d in lines[i + 1 : i + 3] if text[c:d].strip()), None)
                if nxt is None or _LABEL_ROW_RE.search(text, nxt[0], nxt[1]) or m.end() < b - 1:
                    continue
                stripped = text[nxt[0] : nxt[1]].strip()
                k = text.find(stripped, nxt[0], nxt[1])
                value, sp = stripped, (k, k + len(stripped))
            out.setdefault(field, (value, sp))
    return out


_CJK_GAP_RE = compile_re(r"(?<=[\u4e00-\u9fff\d《》“”（）])[ \u3000\u00a0]+(?=[\u4e00-\u9fff\d《》“”（）])")


_TITLE_FIELDS_RE = compile_re(rf"\s*[/|｜]?\s*(?:{_PORTAL_FIELDS}|发文日期|来源)\s*[:：]")


def _clean_title(value: str) -> str:
    """Stray spaces inside a printed title are dropped (gold README: ``title_as_written``), and a
    portal's fields after it.

    >>> _clean_title("国务院办公厅关于2021年 部分节假日安排的通知")
    '国务院办公厅关于2021年部分节假日安排的通知'
    >>> _clean_title("国务院办公厅关于2021年部分节假日安排的通知/ 发布时间:2020-12-16 /")
    '国务院办公厅关于2021年部分节假日安排的通知'
    """
    # a portal's fields on the title's line: 通知/ 发布时间:2020-12-16 / 浏览量:3565 (corpus-dev 062 with its
    # lines run together; the 浏览量 line alone is furniture)
    value = _TITLE_FIELDS_RE.split(value, 1)[0]
    # a space after a body's name separates joint issuers (corpus-dev 016: 广州市人力资源和社会保障局
    # 广州市公安局关于…) and stays
    return _CJK_GAP_RE.sub(lambda m: m.group(0) if re.search(ORG_SUFFIX + "$", value[: m.start()]) else "", value.strip())


_NAME_SEP_RE = compile_re(r"[，,、](?![^(（]*[)）])")
_GROUP_SEP_RE = compile_re(r"[，,](?![^(（]*[)）])")
# what a comma-group of a 主送 line names: a body, 各…, or units that share a collective noun
_ADDRESSEE_GROUP_RE = compile_re(ORG_SUFFIX + r"|^各.+$|(?:单位|部门|高校|院校|企业|学校|医院|研究会|分会|专业委员会|园区|开发区|科室|处室|部室)$")
_ADDRESSEE_LINE = compile_re(r"^\s*([^。：:；;！？]{2,120})[：:]\s*$")


def _addressees(aligned: AlignedText, lines: list[tuple[int, int]]) -> NamesField | None:
    r"""主送机关: a line of bodies ending in ：, near the top (各全国学会： / 各区人民政府，市政府各部门：).

    >>> a = AlignedText("关于印发X的通知\n各全国学会：\n现将…")
    >>> _addressees(a, [(0, 8), (9, 15), (16, 19)]).value
    ['各全国学会']
    """
    text = aligned.text
    for a, b in lines[:12]:
        m = _ADDRESSEE_LINE.match(text[a:b])
        if not m:
            continue
        # split at the commas outside brackets: 省局机关各处（室、局） is one body (corpus-dev 012); a 、-list whose
        # units are no bodies of their own shares the body after its last (各省、自治区、直辖市人民政府, 各区、县（市）
        # 人民政府, 市政府各委、办、局: probes26 h01, h03) and stays one name, not 各省 / 自治区 / 直辖市人民政府
        groups = [g.strip() for g in _GROUP_SEP_RE.split(m.group(1)) if g.strip()]
        units_of = [[n.strip() for n in _NAME_SEP_RE.split(g) if n.strip()] for g in groups]
        names = [n for g, units in zip(groups, units_of)
                 for n in (units if len(units) < 2 or all(_is_body_name(u) for u in units[:-1]) else [g])]
        # a body's name is short and names no document: 省人民政府第66次常务会议决定对《江西省流动人口
        # 服务和管理办法》作如下修改： (corpus-dev 002, an amendment) is the lead of the decision. The units of
        # a 、-list share the body after the last one: 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        # (the State Council's 主送 line), 有关高校、企业科协 (written for the tests)
        if names and "《" not in m.group(1) and not m.group(1).lstrip().startswith(("•", "·")) \
                and all(len(u) <= 25 for units in units_of for u in units) \
                and all(_ADDRESSEE_GROUP_RE.search(g) for g in groups):
            sp = (a + m.start(1), a + m.end(1))
            return aligned.build(NamesField, value=names, source="document", evidence="主送机关 line ending in ：", span=sp)
    return None


def _is_body_name(unit: str) -> bool:
    """Is a unit of a 主送 line a body by itself (有关高校, 各市科协), not a division or a fragment that
    shares the body after it (各省, 自治区, 办)?"""
    return len(unit) >= 3 and unit.rstrip(")）").endswith((*ORG_SUFFIXES, "高校", "学校", "单位", "部门", "机构", "企业", "分会"))


def doc_type_of(title: str) -> str | None:
    """>>> doc_type_of("广州市老年人优待办法（广州市人民政府令第179号）"), doc_type_of("安徽省科协关于学会创新和服务能力提升工程的实施意见")
    ('办法', '意见')
    """
    t = re.sub(r"[(（][^()（）]*[)）]\s*$", "", title.strip()).rstrip("》”\" ")
    for suffix, kind in DOC_TYPES:
        if t.endswith(suffix):
            return kind
    return None


# Lines that are never a title, each seen as "the title" on an unseen notice (issue 11):
_NOT_TITLE_RES: tuple[re.Pattern[str], ...] = (
    compile_re(r"[:：]\s*$"),  # 主送 line (各全国学会、协会…：, corpus-dev 039) or widget label (热词搜索:)
    # a section heading (一、调整优化学会布局)
    compile_re(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.、．]|第[一二三四五六七八九十百\d]+[章节条])"),
    compile_re(r"^\s*【[^】]{2,8}】"),  # database header (【法宝引证码】 CLI.12.4638041, corpus-dev 020)
    compile_re(r"^(?:\S{1,6}[ \u3000\u00a0]+){3,}\S{1,6}$"),  # navigation bar (首 页 组织人才 调研宣传 …)
    compile_re(r"^\s*(?:原文链接|来源|发布日期|发布时间)\s*[:：]"),
    compile_re(r"[|｜]"),  # link bars (收藏本站| 设为首页| 首页, corpus-dev 054)
    compile_re(r"^\s*首\s*页(?:[\s>»/›-]|$)"),  # a short navigation bar: 首页 通知公告 (a page no adapter knows)
    compile_re(r"^[^：:，。]{1,8}[:：]\s*\S"),  # label: value rows (废止时间: 2020-01-23 名称: …, 048)
    # a site's column: 通知公告 in the <title> of a page no adapter knows (written for the tests)
    compile_re(r"^\s*(?:通知|公告|通告|公示|政策|文件|新闻|动态|工作|信息|要闻|法规|规章|综合|图片|公开)+\s*$"),
)
# 京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈…〉的通知》 (corpus-dev 031): a title in 《》,
# with the number in front
_WRAPPED_TITLE_RE = compile_re(r"^\s*(?:[\u4e00-\u9fff]{1,12}[〔\[(（]\s*(?:19|20)\d{2}\s*[〕\])）]\s*第?\s*\d{1,4}\s*号)?\s*《(.+)》\s*$")
# …的通知(岳办发〔2017〕2号) (corpus-dev 026, 028): the number after a title line is not title
_TRAILING_NUMBER_RE = compile_re(r"(?<!\s)\s*[(（]([^()（）]+)[)）]\s*$")  # (?<!\s): one scan per blank run, not one per blank (issue 15)
_TITLE_SHAPE_RE = compile_re(r"关于.{2,}的?(?:通知|意见|办法|方案|要点|决定|公告|通告|批复|规定|细则|报告|函)")


def _headline_above_body(aligned: AlignedText, layers: list[Mark]) -> TextField | NamesField | None:
    """A title-shaped line among the three lines right above the content region, outside it: the
    headline a page no adapter knows sets over the block taken as its body (<div class="tit">关于…
    的通知</div> over <div class="txt">; written for the tests)."""
    region = next((m for m in layers if m.kind == "body" and m.rule == "html:content_region"), None)
    if region is None:
        return None
    text = aligned.text
    end, seen = region.start, 0
    found: tuple[str, int, int, int] | None = None  # the headline, its span, and which line above the body it is
    while end > 0 and seen < 4:
        start = text.rfind("\n", 0, max(0, end - 1)) + 1
        line = text[start:end].strip()
        if line:
            seen += 1
            shaped = _title_shaped(line) and len(line) <= 80 and "。" not in line and not any(r.search(line) for r in _NOT_TITLE_RES)
            if found is not None:
                # a title that stands right on the body with another title above it is the last link of a list
                # (a sidebar's), no headline; a headline has its info line (发布时间…) between it and the body
                if found[3] == 1 and shaped and _LISTED_TITLE_RE.match(line):
                    return None
                break
            if shaped:
                k = text.find(line, start, end)
                found = (line, k, k + len(line), seen)
        end = start
    if found is None:
        return None
    return _field(aligned, found[0], "html_meta", "the headline right above the page's body", (found[1], found[2]))


def _title_row_ok(value: str) -> bool:
    """A title row's value reads as a title: long enough, not a sentence, not a number or date."""
    return 6 <= len(value) <= 120 and "。" not in value and not DOC_NO_RE.fullmatch(value) and parse_date(value) is None


def _repeated_headline(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    """A short line printed twice near the top: the page's title and the headline over the body
    (corpus-dev 042: 县科协2022年重点工作谋划, a 谋划 whose name is no document type). Taken only
    when no title-shaped line exists; never a label row, heading, nav bar or date."""
    text = aligned.text
    head = [(a, b, text[a:b].strip()) for a, b in lines[:12]]
    for i, (a, b, line) in enumerate(head):
        if not (6 <= len(line) <= 40) or "。" in line or "，" in line or "," in line or parse_date(line):
            continue
        if len(re.findall(r"[\u4e00-\u9fff]", line)) < 6 or any(r.search(line) for r in _NOT_TITLE_RES):
            continue
        if any(line == other for _, _, other in head[i + 1 :]):
            k = text.find(line, a, b)
            return _field(aligned, line, "document", "headline printed twice at the top (page title and headline)", (k, k + len(line)))
    return None


_PRINTED_AS_RE = compile_re(r"现将\s*《([^《》\n]{4,60})》\s*(印发|转发)给你们")


def _inferred_title(aligned: AlignedText, lines: list[tuple[int, int]], issuer: NamesField | None) -> TextField | None:
    """No title line: the notice's title as its body implies it, flagged ``inferred`` (corpus-dev 037:
    the text opens with its number; 现将《2018年全民科学素质行动工作要点》印发给你们 under it makes it
    …关于印发《2018年全民科学素质行动工作要点》的通知)."""
    text = aligned.text
    for a, b in lines[:10]:
        m = _PRINTED_AS_RE.search(text, a, b)
        if m:
            who = "、".join(issuer.value) if issuer is not None and issuer.value else ""
            value = f"{who}关于{m.group(2)}《{m.group(1)}》的通知"
            return aligned.build(TextField, value=value, source="inferred", evidence=f"no title line; the body says 现将《{m.group(1)}》{m.group(2)}给你们",
                                 span=(m.start(), m.end()))
    return None


def _signature_date_at(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Line ``i`` is the date of a signature block: a date alone on its line under a body's name
    or a 代章 line (corpus-dev 037)."""
    a, b = lines[i]
    if i == 0 or not (_DATE_LINE_RE.match(text[a:b]) or _CN_DATE_LINE_RE.match(text[a:b]) or _ISO_DATE_LINE_RE.match(text[a:b])):
        return False
    prev = text[lines[i - 1][0] : lines[i - 1][1]].strip()
    return bool(_PROXY_SEAL_RE.fullmatch(prev) or (len(prev) <= 40 and re.search(ORG_SUFFIX + r"$", prev)))


# （中国科协办公厅代章）: the body that stamped for the issuer (corpus-dev 037), not the issuer
_PROXY_SEAL_RE = compile_re(r"\s*[(（]\s*([^()（）]{2,30})代章\s*[)）]\s*")


def _title_shaped(line: str) -> bool:
    """A line a title can be: it ends in a document type (…的通知, …办法, …公报) or reads 关于…的通知."""
    return bool(doc_type_of(line) or _TITLE_SHAPE_RE.search(line))


def _in_title_list(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Line ``i`` is one of a list of notices' titles (a sidebar's or a 相关文章 list's links, read as
    body on a page no adapter knows): a 关于… title line next to another, different one."""
    def listed(j: int) -> bool:  # another title (a title printed twice, spaced apart or not, is one: 063)
        return 0 <= j < len(lines) and _LISTED_TITLE_RE.match(text[lines[j][0]:lines[j][1]].strip()) is not None \
            and re.sub(r"\s+", "", text[lines[j][0]:lines[j][1]]) != re.sub(r"\s+", "", text[lines[i][0]:lines[i][1]])

    if not _LISTED_TITLE_RE.match(text[lines[i][0]:lines[i][1]].strip()):
        return False
    if listed(i + 1):
        return True
    # the last title of a run is the notice's own when its 主送 line or 发文字号 follows (a sidebar's links,
    # then the title of the page: 关于开展…的通知 / 各市级学会：)
    nxt = text[lines[i + 1][0]:lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
    return listed(i - 1) and not (nxt.endswith(("：", ":")) or DOC_NO_RE.fullmatch(nxt) or _RED_HEAD_RE.fullmatch(nxt))


_LISTED_TITLE_RE = compile_re(rf"^[^。：:，,]{{0,20}}关于[^。：:]{{2,60}}的?(?:{DOC_TYPE_ALT})\s*$")


# The head of a periodical text, a 纪要 or a 简报 (GB/T 9704 §10.3): its name (宜昌市人民政府专题会议纪要),
# its issue number on a line of its own (〔2024〕第15期), then the issuing office and the date on one line
# (宜昌市人民政府办公室　　　2024年4月15日), then the title of this issue (关于研究…的会议纪要) (probes26 t12)
_ISSUE_NUMBER_RE = compile_re(r"\s*(?:[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*)?第\s*[\d一二三四五六七八九十百]{1,4}\s*期\s*$")


def _issue_head(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Line ``i`` is the name of a periodical (…纪要) with its issue number on one of the two lines under it."""
    return text[lines[i][0] : lines[i][1]].rstrip().endswith("纪要") and any(
        _ISSUE_NUMBER_RE.match(text, a, b) for a, b in lines[i + 1 : i + 3])


def _issue_head_line(text: str, lines: list[tuple[int, int]]) -> re.Match[str] | None:
    """The office-and-date line under a periodical's issue number (probes26 t12)."""
    for i, (a, b) in enumerate(lines[:6]):
        if not _ISSUE_NUMBER_RE.match(text, a, b):
            continue
        for c, d in lines[i + 1 : i + 3]:
            m = _SIGNATURE_AND_DATE_RE.fullmatch(text, c, d)
            if m and parse_date(m.group("date")):
                return m
        return None
    return None


def _issue_head_date(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    m = _issue_head_line(aligned.text, lines)
    if m is None:
        return None
    return _field(aligned, parse_date(m.group("date")) or "", "document", "date of the issuing office's line under the issue number (纪要/简报 head)",
                  (m.start("date"), m.end("date")))


def _issue_head_issuer(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    m = _issue_head_line(aligned.text, lines)
    names = split_issuers(m.group("org")) if m else []
    if not names or not _valid_issuer(names):
        return None
    return _field(aligned, names, "document", "issuing office's line under the issue number (纪要/简报 head)", (m.start("org"), m.end("org")))


def _title_from_text(aligned: AlignedText, lines: list[tuple[int, int]], notice: bool = True) -> TextField | NamesField | None:
    """The first title-shaped line near the top, never a nav bar, 主送 line, heading or database header;
    None when there is none (a title is never a wrong line)."""
    text = aligned.text
    listed = 0  # lines of a list of other notices' titles: they do not count against the first eight
    for i, (a, b) in enumerate(lines[:40]):
        if i - listed >= 8:
            break
        line = text[a:b]
        if _signature_date_at(text, lines, i):
            return None  # what follows a signature is an attachment's headline (corpus-dev 037)
        if _in_title_list(text, lines, i):
            listed += 1
            continue
        if "。" in line or len(line) > 80 or DOC_NO_RE.fullmatch(line.strip()) or _DATE_LINE_RE.match(line):
            continue
        if "\t" in line.strip():
            continue  # a table's row: 类别⇥月最低工资标准(元/月) ends in 标准, it titles nothing (probes30 h04)
        if any(r.search(line) for r in _NOT_TITLE_RES):
            continue
        end = b
        value = line
        # a title broken across lines: an open 《 or a next line that ends the title
        j = i + 1
        while j < len(lines) and j <= i + 2:
            nxt = text[lines[j][0] : lines[j][1]]
            # a title wrapped onto a line that ends it (关于召开全市科协 / 主席会议的紧急通知, any document type; a
            # blank line between on a double-spaced copy, corpus-dev 061); not onto a whole 关于… title of its own
            # (中国科协办公厅 / 关于…的通知; 跳至内容, a wiki's link, over 国务院关于…的决定: 033)
            wraps = (len(nxt) <= 40 and "。" not in nxt and "关于" not in re.sub(r"《[^》]*》", "", nxt)  # …印发 / 《关于…》的通知 wraps
                     and doc_type_of(nxt) is not None and not doc_type_of(value))
            if value.count("《") > value.count("》") or wraps:
                value += nxt
                end = lines[j][1]
                j += 1
            else:
                break
        if not _title_shaped(value) or value.count("》") > value.count("《"):
            continue  # …工作规则》的通知 alone is the second line of a wrapped title, not a title
        if _issue_head(text, lines, i) and any(
                _title_shaped(text[c:d]) and text[c:d].rstrip().endswith("纪要") and "关于" in text[c:d] for c, d in lines[i + 1 : i + 6]):
            continue  # the periodical's name (宜昌市人民政府专题会议纪要), when the issue has a title of its own (probes26 t12)
        value = value.strip()
        wm = _WRAPPED_TITLE_RE.match(value)
        if wm and wm.group(1).count("《") == wm.group(1).count("》"):
            k = text.find(wm.group(1), a, end)
            return _field(aligned, wm.group(1), "document", "title in 《》 on the first title-shaped line", (k, k + len(wm.group(1))) if k >= 0 else (a, end))
        tm = _TRAILING_NUMBER_RE.search(value)
        if tm and DOC_NO_RE.fullmatch(tm.group(1).strip()):
            value = value[: tm.start()]
            end = a + len(value) if end == b else end
        printing = _printing_notice_title(aligned, lines, i + 1, value) if notice else None
        if printing is not None:
            return printing
        if value.startswith("关于"):
            # the bodies set on the line above 关于…, as a printed title breaks (corpus-dev 016's gold:
            # 广州市人力资源和社会保障局 广州市公安局 / 关于印发…的通知, the line break dropped), or one body a
            # line (中共宜春市科协党组 / 宜春市科学技术协会 / 关于印发…: a helper's probe of a joint notice)
            j, heads = i, []
            while j > 0 and len(heads) < 4 and text.count("\n", lines[j - 1][1], lines[j][0]) == 1:
                pa, pb = lines[j - 1]
                if not _bodies_line(text[pa:pb]) or _RED_HEAD_RE.fullmatch(text, pa, pb):
                    break
                heads.insert(0, text[pa:pb].strip())
                j -= 1
            if heads:
                return _field(aligned, " ".join(heads) + value, "document", "first title-shaped line of the body, "
                              "with the line of bodies it breaks from", (lines[j][0], end))
        return _field(aligned, value, "document", "first title-shaped line of the body", (a, end))
    return None


_PRINTING_NOTICE_RE = compile_re(r"^\s*(?:[\u4e00-\u9fff、 ]{0,40})?关于(?:印发|转发|批转|发布)《?(.{2,80}?)》?的通知\s*$")


def _printing_notice_title(aligned: AlignedText, lines: list[tuple[int, int]], start: int, found: str) -> TextField | None:
    """The 印发 notice that carries the document first found (gold README: for an 印发/转发 notice
    the title is the notice's): a site prints 吉安市市本级政务公开工作实施细则 as the page title and
    关于印发吉安市市本级政务公开工作实施细则的通知 over the notice (corpus-dev 056)."""
    text = aligned.text
    for j in range(start, min(len(lines), start + 12)):
        if _signature_date_at(text, lines, j):
            return None
        a, b = lines[j]
        m = _PRINTING_NOTICE_RE.match(text[a:b])
        if m and m.group(1).strip("《》") == found.strip("《》"):
            value = text[a:b].strip()
            k = text.find(value, a, b)
            return _field(aligned, value, "document", f"the 印发 notice carrying {found!r}, printed under it", (k, k + len(value)))
    return None


def _doc_number_from_text(aligned: AlignedText, lines: list[tuple[int, int]], title: TextField | NamesField | None) -> TextField | NamesField | None:
    text = aligned.text
    # a number alone on its line may stand under a site's header block, the page title printed
    # twice and an issuer line (corpus-dev 030, 034, 054: line 10-20 of the text)
    for i, (a, b) in enumerate(lines[:30]):
        if _signature_date_at(text, lines, i):
            break
        line = text[a:b].strip()
        if i >= 8 and not (DOC_NO_RE.fullmatch(line) or re.fullmatch(r"[(（]\s*(.+?)\s*[)）]", line)):
            continue
        if DOC_NO_RE.fullmatch(line):
            return _field(aligned, line, "document", "a line of its own under the title", (a, b))
        # …的通知(岳办发〔2017〕2号): the number closing the title line (corpus-dev 026, 028)
        tm = _TRAILING_NUMBER_RE.search(line)
        if i < 6 and tm and tm.start() > 0 and DOC_NO_RE.fullmatch(tm.group(1).strip()) and _title_shaped(line[: tm.start()]):
            k = text.find(tm.group(1).strip(), a, b)
            return _field(aligned, tm.group(1).strip(), "document", "in brackets after the title line", (k, k + len(tm.group(1).strip())))
        # （余府发〔2012〕3号） on a line of its own (corpus-dev 020/021, database exports)
        bm = re.fullmatch(r"[(（]\s*(.+?)\s*[)）]", line)
        if bm and DOC_NO_RE.fullmatch(bm.group(1)):
            k = text.find(bm.group(1), a, b)
            return _field(aligned, bm.group(1), "document", "a bracketed line of its own under the title", (k, k + len(bm.group(1))))
        # "广州市人民政府令\n第179号" (corpus 18): the 令 number set on two lines
        if line.endswith("令") and i + 1 < len(lines):
            nxt = text[lines[i + 1][0] : lines[i + 1][1]].strip()
            if re.fullmatch(r"第\s*\d{1,4}\s*号", nxt):
                # 中华人民共和国国务院令 / 第227号 (corpus-dev 053): named as 国务院令第227号 (017's gold)
                return _field(aligned, re.sub(r"^中华人民共和国", "", line) + nxt, "document", "令 number under the title", (a, lines[i + 1][1]))
    if title is not None:
        # 沈阳市人民代表大会常务委员会办公室公告(第7号) (corpus-dev 058): a 公告's own serial is its number
        m = re.search(r"(?:公告|通告)\s*[(（]\s*(第\s*\d{1,4}\s*号)\s*[)）]\s*$", title.value)
        if m:
            k = text.find(m.group(1), title.span[0], title.span[1]) if title.span else -1
            return _field(aligned, m.group(1), "title", "serial of the 公告 in its title", (k, k + len(m.group(1))) if k >= 0 else None)
        m = re.search(r"[(（]([^()（）]+)[)）]\s*$", title.value)
        if m and DOC_NO_RE.fullmatch(m.group(1)):
            sp = None
            if title.span:
                k = text.find(m.group(1), title.span[0], title.span[1])
                sp = (k, k + len(m.group(1))) if k >= 0 else None
            return _field(aligned, m.group(1), "title", "in brackets after the title", sp)
    return None


def _number_under_signature(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    """The notice's own number printed under its signature's date, bare or in brackets: 某某县自然资源局 / 2026年4月8日 /
    （石自然资发〔2026〕14号） (probes36 h03; reposts and pasted notices print it there). A (此件公开发布) line may
    stand between. Only the first signature counts: a forwarded notice's number heads its attachment."""
    text = aligned.text
    for i in range(1, len(lines)):
        if not _signature_date_at(text, lines, i):
            continue
        for j in range(i + 1, min(i + 3, len(lines))):
            a, b = lines[j]
            line = text[a:b].strip()
            inner = bm.group(1) if (bm := re.fullmatch(r"[(（]\s*(.+?)\s*[)）]", line)) else line
            if DOC_NO_RE.fullmatch(inner):
                k = text.find(inner, a, b)
                return _field(aligned, inner, "document", "a line of its own under the signature's date", (k, k + len(inner)))
            if bm is None or DOC_NO_RE.search(line):
                break
        return None
    return None


# Words that open a fragment of a sentence, never an issuer (issue 11: 转发, 关于开展省级学会,
# 各全国学会, 关于转发中国科协《 came out as issuers)
# 全 opens 全市/全省… (a scope, not a body); 全民科学素质纲要实施工作办公室 is a body (corpus-dev 037)
_NOT_ISSUER_START = ("关于", "各", "转发", "转载", "印发", "批转", "现将", "根据", "为", "全市", "全省", "全县", "全区", "全国各", "全体")
_ISSUER_TAIL_VERB_RE = compile_re(r"(?:印发|转发|转载|批转|发布|公布)$")


def _valid_issuer(names: list[str]) -> bool:
    """Every name is a whole body: it ends like one and does not open like a sentence.

    >>> _valid_issuer(["江西省人民政府办公厅"]), _valid_issuer(["关于开展省级学会"]), _valid_issuer(["各全国学会"])
    (True, False, False)
    """
    return bool(names) and all(
        2 <= len(n) <= 40 and not n.startswith(_NOT_ISSUER_START) and "《" not in n
        and re.search(ORG_SUFFIX + r"(?:[(（][^()（）]*[)）])?$", n)
        for n in names
    )


def _place_of(text: str, lines: list[tuple[int, int]], title: TextField | NamesField | None, kind: str, extra: tuple[str | None, ...] = ()) -> str | None:
    """The province (kind 省) or city (kind 市) a notice names first: title, body, then the
    page's own name for its site (<meta name=SiteName>)."""
    hay = [title.value] if title is not None else []
    hay += [text[a:b] for a, b in lines[:40]]
    hay += [v for v in extra if v]
    for h in hay:
        if kind == "省":
            for p in regions.PROVINCES:
                if p.endswith("省") and p in h:
                    return p
        else:
            m = re.search(r"([\u4e00-\u9fff]{2,3}市)(?:人民政府|政府|委|[\u4e00-\u9fff]{1,10}(?:局|委|办))", h)
            if m and m.group(1)[0] not in "本全该各省":
                return m.group(1)
    return None


def _expand_short(aligned: AlignedText, names: list[str], lines: list[tuple[int, int]], title: TextField | NamesField | None,
                  page: PageMeta) -> list[str]:
    """省政府办公厅 → 江西省人民政府办公厅: a body the table names by its 省/市 alone gets the
    place the notice (or the page's site) names (corpus-dev 004-008: the Hanweb table of
    www.jiangxi.gov.cn gives 省政府办公厅, 省粮食和物资储备局)."""
    text = aligned.text
    out = []
    for n in names:
        if n[:1] in ("省", "市") and len(n) > 2:
            place = _place_of(text, lines, title, n[0], (page.get("html:site_name"), page.get("html:source_name")))
            if place:
                tail = n[1:]
                full = place + re.sub(r"^政府", "人民政府", tail)
                n = full if full in text or place + tail not in text else place + tail
        out.append(n)
    return out


def _choose_issuer(aligned: AlignedText, page: PageMeta, title: TextField | None, doc_number: TextField | None,
                   lines: list[tuple[int, int]], meta_ranges: list[tuple[int, int]],
                   db: dict[str, tuple[str, Span]] | None = None, rows: dict[str, tuple[str, Span]] | None = None) -> NamesField | None:
    """The issuing bodies: the best-scored of :func:`_issuer_candidates`, its evidence naming the
    runners-up."""
    chosen = choose_candidate(_issuer_candidates(aligned, page, title, doc_number, lines, meta_ranges, db or {}, rows or {}), aligned)
    if chosen is None:
        return None
    return aligned.build(NamesField, value=chosen.value.split("、"), source=chosen.source, evidence=chosen.evidence, span=chosen.span)


def _issuer_candidates(aligned: AlignedText, page: PageMeta, title: TextField | None, doc_number: TextField | None,
                       lines: list[tuple[int, int]], meta_ranges: list[tuple[int, int]],
                       db: dict[str, tuple[str, Span]], rows: dict[str, tuple[str, Span]]) -> list[Candidate]:
    """Every reading of the issuing bodies, scored by its kind of evidence; a fragment (关于…, 各…,
    转发) is never a candidate. Trust, highest first: the site's table (1.0; the title beats it
    when it names more joint issuers or the table's body's own office, 1.05), a database's
    【发布部门】 (0.95), a 发文部门/颁布单位 row printed in the text (0.9), the title (0.8), the signature
    block (0.75), the 发文机关标志 of a 红头 (XX文件, 0.78), the body whose 令 this is (0.6), a line of
    bodies under the title (0.55) or right above it (0.5), a
    people's congress's adoption note (0.5), a bracketed closing signature (0.45), the page's
    ContentSource (0.3), a 来源/发布机构 row (0.2)."""
    text = aligned.text
    out: list[Candidate] = []

    def add(names: list[str] | None, source: str, evidence: str, span: Span | None, score: float) -> None:
        if names and _valid_issuer(names):
            out.append(Candidate("、".join(names), source, evidence, span, score))

    from_title = _issuer_from_title(aligned, title, lines) if title is not None else None
    if from_title is not None and not _valid_issuer(from_title.value):
        from_title = None
    signature = _issuer_from_signature(aligned, lines)
    if signature is not None and not _valid_issuer(signature.value):
        signature = None
    title_score = 0.8
    table_issuer = page.get("issuer")
    if table_issuer:
        names = _expand_short(aligned, split_issuers(table_issuer), lines, title, page)
        if from_title is not None and set(names) < set(from_title.value):
            title_score = 1.05  # the title names more joint issuers than the table
        if from_title is not None and len(from_title.value) == len(names) == 1 and re.fullmatch(
                re.escape(expand_short_form(names[0])) + r"(?:办公室|办公厅)", expand_short_form(from_title.value[0])):
            # the table names the bureau, the title its office that issued the notice (corpus-dev 012:
            # 江西省市场监督管理局 / 江西省市场监管局办公室关于印发…)
            title_score = 1.05
        add(names, "metadata_table", "发文机关 row of the page's metadata table", _find_in(text, table_issuer, meta_ranges), 1.0)
    if "issuer" in db:
        add(split_issuers(db["issuer"][0]), "metadata_table", "【发布部门】 field of the database export", db["issuer"][1], 0.95)
    if "issuer" in rows:
        # 发文部门/颁布单位 printed as a row (corpus-dev 046, 052: the title reads 包头市人民代表大会及其常务委员会)
        add(split_issuers(rows["issuer"][0]), "document", "发文部门/颁布单位 row printed in the text", rows["issuer"][1], 0.9)
    if from_title is not None and from_title.value[0][:1] in "省市县区" and "publisher" in rows:
        # 县科协 in the title, 发布机构:临西县科学技术协会 on the page (corpus-dev 042): the row has the place
        pub = split_issuers(rows["publisher"][0])
        if len(pub) == 1 and names_body(pub[0], from_title.value[0]):
            add(pub, "document", "发布机构 row names the body the title gives without its place", rows["publisher"][1], 0.85)
    if from_title is not None:
        add(from_title.value, from_title.source, from_title.evidence, from_title.span, title_score)
    if signature is not None:
        # a title that says …等N部门 lists fewer bodies than the signature block (joint notices)
        more = from_title is not None and len(signature.value) > len(from_title.value) and re.search(r"等\s*\d+\s*个?(?:部门|单位)", title.value if title else "")
        # 省科协关于印发…的通知 signed 江西省科学技术协会: the signature is the title's body with its
        # place, in the full form the gold asks for (written for the test: a 科协 site's 实施方案)
        # 江苏省科协 江苏省教育厅关于… signed 江苏省科学技术协会 江苏省教育厅: the same bodies in full form
        fuller = (from_title is not None and from_title.source == "title" and len(from_title.value) == len(signature.value)
                  and signature.value != from_title.value
                  and all(f == s or names_body(f, s) for f, s in zip(signature.value, from_title.value)))
        add(signature.value, signature.source, signature.evidence + (", the title's bodies in full form" if fuller else ""),
            signature.span, title_score + 0.01 if fuller else 0.82 if more else 0.75)
    if doc_number is not None:
        m = re.match(r"^(?:中华人民共和国)?(.+?)令\s*第", doc_number.value)
        if m:
            add([m.group(1)], doc_number.source, "the body whose 令 this is", doc_number.span, 0.6)
    page_title = _title_from_text(aligned, lines, notice=False) if title is not None and "印发 notice" in title.evidence else title
    under = _issuer_line_under_title(aligned, lines, page_title)
    if under is not None:
        # the title says 菏泽市人民政府办公室, the line under the page title 山东省菏泽市人民政府办公室 (corpus-dev 057)
        fuller = from_title is not None and from_title.source == "title" and len(under.value) == len(from_title.value) and all(
            u != n and u.endswith(n) for u, n in zip(under.value, from_title.value))
        add(under.value, under.source, under.evidence, under.span, title_score + 0.01 if fuller else 0.55)
    head = _issuer_above_title(aligned, lines, title)
    if head is not None:
        # 上海市浦东新区科学技术协会 over the title, 浦东新区科协 signed: the head gives the full form
        best = max((c.score for c in out), default=0.0)
        shorter = [c for c in out if c.source in ("title", "document") and c.score == best]
        fuller = bool(shorter) and all(len(names := c.value.split("、")) == len(head[0].value) and names != head[0].value
                                       and all(h == n or names_body(h, n) for h, n in zip(head[0].value, names)) for c in shorter)
        add(head[0].value, head[0].source, head[0].evidence + (", the bodies in full form" if fuller else ""), head[0].span,
            best + 0.01 if fuller else head[1])
    head_office = _issue_head_issuer(aligned, lines)
    if head_office is not None:
        add(head_office.value, head_office.source, head_office.evidence, head_office.span, 0.75)  # type: ignore[arg-type]
    history = _history_issuer(aligned, lines)
    if history is not None:
        add(history.value, history.source, history.evidence, history.span, 0.5)  # type: ignore[arg-type]
    adopted = _adopted(aligned, lines)
    if adopted is not None:
        add(adopted[1].value, adopted[1].source, adopted[1].evidence, adopted[1].span, 0.5)  # type: ignore[arg-type]
    bracketed = _bracketed_signature(aligned, lines)
    if bracketed is not None:
        add(bracketed.value, bracketed.source, bracketed.evidence, bracketed.span, 0.45)
    announcing = _announcing_bodies(aligned, lines)
    if announcing is not None:
        add(announcing.value, announcing.source, announcing.evidence, announcing.span, 0.35)
    src = page.get("html:source_name")
    if src and re.search(ORG_SUFFIX + "$", src):
        # after the text's own lines: 024's ContentSource names one of its two joint issuers
        add([src], "html_meta", "<meta name=ContentSource> of the page", None, 0.3)
    if "publisher" in rows:
        # 来源/发布机构 row of the posting site (corpus-dev 044: 来源:中国化学会): only when nothing else names one
        add(split_issuers(rows["publisher"][0]), "document", "来源/发布机构 row of the page", rows["publisher"][1], 0.2)
    if doc_number is not None and (dm := DOC_NO_RE.fullmatch(doc_number.value.strip())) and dm.group("code"):
        # the body its own 发文字号 names (洪府发 → 南昌市人民政府): a notice copied without its title line or
        # signature (corpus-dev 045 with its title taken out) still has its number; inferred, last of all
        body = resolve_issuer(dm.group("code"))
        if body:
            add([body], "inferred", f"the body the 机关代字 {dm.group('code')} of the 发文字号 names", doc_number.span, 0.1)
    return out


_PLACEHOLDER_RE = compile_re(r"(?:XX|\*\*|××)$")


def _place_before(before: str, kind: str) -> str | None:
    """The division name that ends ``before`` when, with ``kind`` (省/市/县/区) after it, it names
    a division of the code table (江西 + 省), or a template's placeholder (XX). Any two or three
    characters are not enough: in ``…和下一年度工作计划报送省科协`` the characters before 省科协
    are 划报送 (written for the test: a 实施方案 on a provincial 科协's site)."""
    pm = _PLACEHOLDER_RE.search(before)
    if pm:
        return pm.group(0)
    for size in (4, 3, 2):
        if len(before) >= size and division(before[-size:] + kind):
            return before[-size:]
    return None


def _issuer_from_title(aligned: AlignedText, title: TextField | NamesField, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    text = aligned.text
    v = re.sub(r"^[(（]转载[)）]", "", title.value)
    m = _ABOUT_RE.match(v)
    names: list[str] = []
    if m:
        # 江西省人民政府办公厅印发关于…的通知 (corpus-dev 004): the verb is not part of the name
        names = split_issuers(_ISSUER_TAIL_VERB_RE.sub("", m.group(1).strip()))
    else:
        m2 = _ORG_RE.match(v)
        if m2:
            names = [m2.group(1)]
    if not names:
        return None
    # "市科协…方案" names the body without its city; the text often has it in full
    if names[0][0] in "市省县区":
        for a, b in lines:
            for fm in re.finditer(re.escape(names[0]), text[a:b]):
                before = text[a : a + fm.start()]
                place = _place_before(before, names[0][0])
                if place:
                    k = a + fm.start() - len(place)
                    names[0] = place + names[0]
                    return _field(aligned, names, "document", "title names the body; its place name from the text", (k, k + len(names[0])))
    sp = None
    if title.span:
        k = text.find(names[0], title.span[0], title.span[1])
        sp = (k, k + len(names[0])) if k >= 0 else None
    return _field(aligned, names, "title", "issuing body at the head of the title", sp)


_LEVEL_ORDER = {"national": 0, "provincial": 1, "municipal": 2, "county": 3}


def _reposted_by(aligned: AlignedText, page: PageMeta, title: TextField | NamesField | None, level: LevelField) -> NamesField | None:
    """The body whose site republished the notice (转载): the page's 发布机构 or SiteName, when
    the title says （转载） or that body sits below the issuer (corpus-dev 019: 广州市民政局's
    办法 on 广州市增城区人民政府门户网站; 017: a 国务院 regulation on 广州市市场监督管理局网站).
    The issuer and level stay the original's."""
    site = page.get("publisher") or page.get("html:site_name")
    if not site:
        return None
    body = re.sub(r"(?:门户网站|门户网|网站|官网)$", "", site.strip())
    marked = title is not None and re.match(r"^\s*[(（【]\s*转载\s*[)）】]", title.value) is not None
    site_level, _ = classify_level(body)
    below = site_level in _LEVEL_ORDER and level.value in _LEVEL_ORDER and _LEVEL_ORDER[site_level] > _LEVEL_ORDER[level.value]
    if not (marked or below):
        return None
    why = "the title says （转载）" if marked else f"the hosting site's body ({site_level}) is below the issuer ({level.value})"
    src = "metadata_table" if page.get("publisher") else "html_meta"
    return NamesField(value=[body], source=src, evidence=f"page's 发布机构/SiteName {site!r}: {why}")


def _national_body_in_signature(aligned: AlignedText, lines: list[tuple[int, int]]) -> LevelField | None:
    """A national body named in the signature block at the end (corpus-dev 037:
    全民科学素质纲要实施工作办公室（中国科协办公厅代章）) makes a notice national."""
    text = aligned.text
    tail = [(a, b) for a, b in lines[-8:] if "。" not in text[a:b] and b - a <= 60]
    names = sorted(regions.NATIONAL_PREFIXES[:1] + tuple(n for n in regions.NATIONAL_PREFIXES if len(n) >= 3) + regions.NATIONAL_MINISTRIES, key=len, reverse=True)
    for a, b in tail:
        line = text[a:b]
        for n in names:
            k = line.find(n)
            if k >= 0 and (k == 0 or line[k - 1] in "(（ 、"):
                sp = (a + k, a + k + len(n))
                return aligned.build(LevelField, value="national", source="document", evidence=f"national body {n} named in the signature block",
                                     span=sp)
    return None


# Whom a notice addresses says its level: one above the bodies it names (GB/T 9704 主送机关).
# corpus-dev 068: 各省、自治区、直辖市…科技厅 → national; 069: 各州(市)党委组织部… → provincial;
# 057: 各县区人民政府 → municipal.
_ADDRESSEE_LEVELS: tuple[tuple[re.Pattern[str], Level], ...] = (
    (compile_re(r"^各省[、,，(（]\s*自治区"), "national"),
    (compile_re(r"^各(?:市|州|地|设区市|地级市|地市)[(（、,，]?\s*(?:州|市|县|盟|地区)?[)）]?"), "provincial"),
    (compile_re(r"^各(?:县|区|县[(（]市、?区[)）]|区县|县区|县市区|县\(区\))"), "municipal"),
    (compile_re(r"^各(?:乡|镇|乡镇|街道)"), "county"),
)


def _level_from_addressees(aligned: AlignedText, lines: list[tuple[int, int]]) -> LevelField | None:
    """The level above the bodies of the 主送 line near the top, for a notice whose issuer is not named."""
    text = aligned.text
    for a, b in lines[:12]:
        line = text[a:b].strip()
        if not re.search(r"[:：]$", line) or "。" in line:
            continue
        for rx, lv in _ADDRESSEE_LEVELS:
            m = rx.match(line)
            if m:
                k = text.find(line, a, b)
                sp = (k, k + m.end())
                return aligned.build(LevelField, value=lv, source="document", evidence=f"the 主送 line addresses {m.group(0)}…, the level below {lv}",
                                     span=sp)
        return None
    return None


_SELF_REFERENCE_RE = compile_re(r"我(省|市|区|县|州|盟|旗)(?![长委级属])")


def _level_from_self_reference(aligned: AlignedText, lines: list[tuple[int, int]]) -> LevelField | None:
    """The level of the division a notice with no issuer calls its own: it says 我区 (结合我区实际) and
    names 九原区, a county-level district, more than any other division ending in 区 (corpus-dev 066,
    a 实施意见 copied without its head or signature). The suffix keeps 我区 of an autonomous region
    (新疆维吾尔自治区) apart from a city's district."""
    text = aligned.text
    refs = Counter(m.group(1) for a, b in lines for m in _SELF_REFERENCE_RE.finditer(text, a, b))
    if not refs:
        return None
    suffix = refs.most_common(1)[0][0]
    names: Counter[str] = Counter()
    where: dict[str, tuple[int, int]] = {}
    for a, b in lines:
        k = text.find(suffix, a, b)
        while k >= 0:
            for size in range(9, 1, -1):  # the longest division ending here: 新疆维吾尔自治区, not 自治区
                s = k + 1 - size
                if s >= a and text[s] != "我" and division(text[s:k + 1]) is not None:
                    names[text[s:k + 1]] += 1
                    where.setdefault(text[s:k + 1], (s, k + 1))
                    break
            k = text.find(suffix, k + 1, b)
    if not names:
        return None
    name, n = names.most_common(1)[0]
    lv, code = division(name)  # type: ignore[misc]
    return aligned.build(LevelField, value=lv, source="document",
                         evidence=f"the notice calls itself 我{suffix} and names {name} ({lv}, 行政区划 {code}) {n} times", span=where[name])


def _bracketed_signature(aligned: AlignedText, lines: list[tuple[int, int]]) -> NamesField | None:
    """(万载县统计局) on a line of its own at the end of the body: a bulletin's signature
    (corpus-dev 023)."""
    text = aligned.text
    for a, b in reversed(lines[-6:]):
        m = re.fullmatch(r"\s*[(（]\s*([^()（）]{3,40}?)\s*[)）]\s*", text[a:b])
        if m and _valid_issuer(split_issuers(m.group(1))):
            return _field(aligned, split_issuers(m.group(1)), "document", "bracketed signature at the end of the body", (a + m.start(1), a + m.end(1)))
    return None


_RED_HEAD_RE = compile_re(r"\s*(?P<names>[^。，,；;：:《》]{2,60}?)\s*文件\s*")


# bodies that announce, in the notice's opening, what they do: 科技部、中央宣传部、中国科协将共同主办…
# (corpus-dev 068), 中国地震学会办公室开始收取…会费 (072), 财政部、发展改革委、工业和信息化部决定从… (054)
_ANNOUNCING_RE = compile_re(
    rf"(?:^|(?<=[，,。；;：:\s]))(?:经研究[，,]?\s*)?(?P<names>(?!各){_BODY_NAME}(?:[、和及与]\s*(?!各){_BODY_NAME}){{0,5}})"
    r"(?:将|拟|现|特|研究)?(?:共同|联合)?(?:决定|定于|主办|举办|开始|启动)")


_ITEM_START_RE = compile_re(r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十百\d]+[章条])")


def _announcing_bodies(aligned: AlignedText, lines: list[tuple[int, int]]) -> NamesField | None:
    """The bodies the opening of a notice names as doing what it announces, for a copy that lost its
    title and signature (archived texts cut at 2,000 bytes): read before the first numbered item, only
    where nothing better names the issuer (the lowest of the text's own candidates)."""
    text = aligned.text
    for a, b in lines[:8]:
        if _ITEM_START_RE.match(text, a):
            break  # the items have begun: what they announce is no issuer's doing
        masked = re.sub(r"《[^》]*》|“[^”]*”", lambda m: "\x00" * len(m.group()), text[a:b])  # 《国务院关于…的决定》
        m = _ANNOUNCING_RE.search(masked)
        if m is not None:
            names = split_issuers(m.group("names"))
            if names and _valid_issuer(names) and all(opens_with_place(n) or n.startswith(("市", "省", "县", "区")) or
                                                      _ORG_RE.fullmatch(n) for n in names):
                return _field(aligned, names, "document", "the bodies the notice's opening says act (…将共同主办, …决定)",
                              (a + m.start("names"), a + m.end("names")))
    return None


def _issuer_above_title(aligned: AlignedText, lines: list[tuple[int, int]], title: TextField | NamesField | None) -> tuple[NamesField, float] | None:
    """The lines above the title of a printed notice: its 发文机关标志 (GB/T 9704 7.2.3: 河南省科学技术协会文件,
    joint 中共河南省委 河南省人民政府文件), or a line of bodies alone right above the title (a web copy that
    sets the issuer over the title). With the score it earns."""
    if title is None or title.span is None:
        return None
    text = aligned.text
    above = [(a, b) for a, b in lines if b <= title.span[0]][-6:]
    for k, (a, b) in enumerate(above):
        m = _RED_HEAD_RE.fullmatch(text, a, b)
        if m:
            names = split_issuers(m.group("names"))
            if names and all(_ORG_END_RE.search(n) for n in names):
                sp = (m.start("names"), m.end("names"))
                return _field(aligned, names, "document", "发文机关标志 of the 红头 (…文件)", sp), 0.78  # type: ignore[return-value]
    # the 发文字号 and a 文种 set alone (上海市浦东新区科学技术协会 / 通　知 / 浦科协〔2022〕18号 / 关于…, the
    # body's name as its 发文机关标志, GB/T 9704 7.2.3) may stand between; written for the tests
    while above and (DOC_NO_RE.fullmatch(text[above[-1][0] : above[-1][1]].strip())
                     or re.fullmatch(rf"\s*(?:{DOC_TYPE_ALT})\s*", re.sub(r"[ \u3000]", "", text[above[-1][0] : above[-1][1]]))):
        above.pop()
    if above:
        a, b = above[-1]
        names = _bodies_line(text[a:b])
        if names:
            return _field(aligned, names, "document", "a line of bodies right above the title", (a, b)), 0.5  # type: ignore[return-value]
    return None


def _bodies_line(line: str) -> list[str] | None:
    """The bodies of a line that names bodies and nothing else (广州市人力资源和社会保障局 广州市公安局)."""
    line = line.strip()
    names = split_issuers(line)
    if 2 <= len(line) <= 40 and "。" not in line and names and all(_BODY_NAME_RE.fullmatch(n) for n in names):
        return names
    return None


def _issuer_line_under_title(aligned: AlignedText, lines: list[tuple[int, int]], title: TextField | NamesField | None) -> NamesField | None:
    """A line of bodies alone right under the title: 财政部 国家发展和改革委员会 工业和信息化部
    (corpus-dev 054, a republished joint notice)."""
    if title is None or title.span is None:
        return None
    text = aligned.text
    seen = 0
    for a, b in lines[:14]:
        if a < title.span[1]:
            continue
        line = text[a:b].strip()
        # the republishing site's rows (作者:… 时间:…) and a second copy of the title come between
        if line == title.value or re.search(r"[:：]\s*\S", line):
            seen += 1
            if seen > 4:
                return None
            continue
        names = split_issuers(line)
        if len(line) <= 60 and _valid_issuer(names):
            return _field(aligned, names, "document", "line of issuing bodies under the title", (a, b))
        return None
    return None


def _issuer_from_signature(aligned: AlignedText, lines: list[tuple[int, int]]) -> NamesField | None:
    """The signature block: organisation lines right above the first date line."""
    text = aligned.text
    for i, (a, b) in enumerate(lines):
        if (_DATE_LINE_RE.match(text[a:b]) or _CN_DATE_LINE_RE.match(text[a:b]) or _ISO_DATE_LINE_RE.match(text[a:b])) and i > 0:
            names: list[str] = []
            j = i - 1
            while j >= 0 and i - j <= 6:
                cand = text[lines[j][0] : lines[j][1]].strip()
                if _PROXY_SEAL_RE.fullmatch(cand) and not names:  # （中国科协办公厅代章） under the name (corpus-dev 037)
                    j -= 1
                    continue
                if len(cand) > 40 or "。" in cand or not re.search(ORG_SUFFIX + r"(?:\s*[(（][^()（）]*[)）])?$", cand):
                    break
                names[:0] = split_issuers(cand)
                j -= 1
            if names:
                sp = (lines[j + 1][0], lines[i - 1][1])
                return _field(aligned, names, "document", "signature block above the date", sp)
    return None


# A regulation's history line: （2021年7月27日中华人民共和国国务院令第746号公布） (corpus-dev 017)
_HISTORY_RE = compile_re(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。\n()（）]{0,20}?"
    r"(?P<no>(?:中华人民共和国)?[\u4e00-\u9fff]{2,20}?令\s*第\s*\d{1,4}\s*号)\s*(?:公布|发布)"
)
# A 规范性文件's history line, with the 发文字号 it was issued under and, often, the body's full name
# before it: （2024年2月5日厦门市科学技术局厦科规〔2024〕1号印发　自2024年3月1日起施行） (probes26 t11; the
# form databases and 规章 compilations print for 细则/办法). The body opens with a place and ends with a
# body's suffix (the lazy name stops at the first suffix, 委员会 tried before 委); 以 may join it to the number.
_HISTORY_DOCNO_RE = compile_re(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t\u3000]*"
    rf"(?:(?P<body>(?:中共)?[\u4e00-\u9fff]{{1,24}}?{ORG_SUFFIX}(?:办公室|办公厅)?)[ \t\u3000]*以?)?"
    r"(?P<no>[\u4e00-\u9fff]{1,8}[ \t]*[〔【\[(（［][ \t]*(?:19|20)\d{2}[ \t]*[〕】\])）］][ \t]*第?[ \t]*\d{1,5}[ \t]*号)[ \t\u3000]*(?:印发|发布|公布)"
)


_HISTORY_AMEND_RE = compile_re(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。\n()（）]{0,20}?"
    r"(?P<no>(?:中华人民共和国)?[\u4e00-\u9fff]{2,20}?令\s*第\s*(\d{1,4})\s*号)\s*(?:公布|发布|修正|修订|第.次修订)"
)


def _history_match(aligned: AlignedText, lines: list[tuple[int, int]], own: str | None = None) -> tuple[re.Match[str], int] | None:
    """The 公布 entry of the first history line near the top; with the notice's own 令
    number known, the entry of that number anywhere (corpus-dev 002: the 决定 is 令第223号,
    and the republished 办法's history line reads …2016年9月21日省人民政府令第223号修正)."""
    text = aligned.text
    serial = re.search(r"第\s*(\d{1,4})\s*号$", own or "")
    if serial:
        for a, b in lines:
            line = text[a:b]
            if line.lstrip()[:1] in "(（":
                for m in _HISTORY_AMEND_RE.finditer(line):
                    if m.group(5) == serial.group(1):
                        return m, a
    for a, b in lines[:12]:
        line = text[a:b]
        if line.lstrip()[:1] in "(（":
            m = _HISTORY_RE.search(line) or _HISTORY_DOCNO_RE.search(line)
            if m:
                return m, a
    return None


def _history_issuer(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    """The body a 规范性文件's history line names before its 发文字号 (probes26 t11: 厦门市科学技术局)."""
    hit = _history_match(aligned, lines)
    if hit is None or "body" not in hit[0].re.groupindex or not hit[0].group("body"):
        return None
    m, a = hit
    body = m.group("body")
    if not opens_with_place(body):
        return None
    return _field(aligned, [body], "document", "the body of the history line (…日X局X〔年〕N号印发)", (a + m.start("body"), a + m.end("body")))


# A local regulation's adoption note: (2005年11月25日贵州省第十届人民代表大会常务委员会第十八次
# 会议通过) (corpus-dev 050): its date and the adopting body
_ADOPTED_RE = compile_re(
    r"[(（]\s*((?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*([\u4e00-\u9fff]{2,12}?)(?:第[一二三四五六七八九十]+届)?"
    r"(人民代表大会(?:常务委员会)?)第[一二三四五六七八九十百]+次(?:全体)?会议(?:通过|批准)"
)


def _adopted(aligned: AlignedText, lines: list[tuple[int, int]]) -> tuple[TextField | NamesField, TextField | NamesField] | None:
    """(date, issuer) of the adoption note near the top of a local regulation."""
    text = aligned.text
    for a, b in lines[:15]:
        m = _ADOPTED_RE.search(text, a, b)
        if m:
            v = _iso(m.group(1), m.group(2), m.group(3))
            if v is None:
                return None
            body = m.group(4) + m.group(5)
            return (_field(aligned, v, "document", "date of the adoption note (…会议通过)", (m.start(1), m.end(3) + 1)),
                    _field(aligned, [body], "document", "the people's congress of the adoption note", (m.start(4), m.end(5))))
    return None


def _history_date(aligned: AlignedText, lines: list[tuple[int, int]], own: str | None = None) -> TextField | NamesField | None:
    hit = _history_match(aligned, lines, own)
    if hit is None:
        return None
    m, a = hit
    v = _iso(m.group(1), m.group(2), m.group(3))
    return _field(aligned, v, "document", "公布 date of the regulation's history line", (a + m.start(), a + m.start("no"))) if v else None


def _history_number(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    hit = _history_match(aligned, lines)
    if hit is None:
        return None
    m, a = hit
    value = re.sub(r"^中华人民共和国", "", re.sub(r"\s+", "", m.group("no")))
    what = "令 number" if m.re is not _HISTORY_DOCNO_RE else "发文字号"
    return _field(aligned, value, "document", f"{what} of the regulation's history line", (a + m.start("no"), a + m.end("no")))


# 本条例自2022年3月1日起施行 (corpus-dev 017), 本决定自公布之日起施行 (001, 002), 自印发之日起施行 (015);
# 现发布《…》，自\n发布之日起施行 (053: an old fixed-width text wraps inside the clause)
_EFFECTIVE_RE = compile_re(
    r"(?:本(?:决定|条例|办法|规定|细则|规则|通知|意见|方案|公告|通告|令|准则|标准)[^。\n]{0,12}?|现予?(?:公布|发布)《[^《》。]{1,80}》[，,]?\s*)自\s*"
    r"(?:((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(公布|发布|印发|颁布|发文)之日)\s*起(?:施行|实施|生效|执行)")


def _promulgated_effective(aligned: AlignedText, lines: list[tuple[int, int]], date: TextField | NamesField | None,
                           doc_number: TextField | NamesField | None, page: PageMeta, db: dict[str, tuple[str, Span]],
                           rows: dict[str, tuple[str, Span]]) -> tuple[TextField | None, TextField | None]:
    """公布 and 施行 of a 令 or regulation, kept apart (issue 11 point 3). 公布: the date under a
    令's 现予公布 / 现将…公布 (corpus-dev 001, 053; corpus 10) or the history line's entry (017: 2021年7月27日…令第746号公布).
    施行: the document's own 自…起施行 (the first one: 002's republished 办法 has its own later), else a
    实施日期/施行日期 field or row; 自公布之日 takes the 公布 date, 自印发之日 the 成文 date."""
    text = aligned.text
    promulgated: TextField | None = None
    head = "".join(text[a:b] for a, b in lines[:20])
    if date is not None and date.evidence.startswith("date line of the signature") and re.search(r"现(?:予|将[^。]{0,40}?)?(?:公布|发布)", head):
        promulgated = aligned.build(TextField, value=str(date.value), source="document", evidence="令: the date under 现予公布", span=date.span)
    elif (hit := _history_match(aligned, lines, doc_number.value if doc_number else None)) is not None:
        m, a = hit
        # the text as it stands was published by the last entry of the line (corpus 10: 1991年…令第76号发布
        # 2018年11月6日…令第706号修订)
        line_end = text.find("\n", a)
        later = list(_HISTORY_AMEND_RE.finditer(text, a + m.start(), line_end if line_end >= 0 else len(text)))
        if later:
            m, a = later[-1], 0
        v = _iso(m.group(1), m.group(2), m.group(3))
        if v:
            sp = (a + m.start(), a + m.end())
            promulgated = aligned.build(TextField, value=v, source="document", evidence="公布 entry of the history line", span=sp)
    effective: TextField | None = None
    for m in _EFFECTIVE_RE.finditer(text, lines[0][0] if lines else 0):
        sp = (m.start(), m.end())
        if m.group(1):
            v = _iso(m.group(1), m.group(2), m.group(3))
        else:
            base = promulgated if m.group(4) in ("公布", "发布", "颁布") else date
            v = str(base.value) if base is not None and base.source == "document" else None
        if v:
            clause = re.sub(r"\s+", "", text[m.start() : m.end()])
            effective = aligned.build(TextField, value=v, source="document", evidence=f"the document's own 施行 clause ({clause})", span=sp)
        break
    if effective is None:
        for found, where in ((db.get("effective"), "【实施日期】 field of the database export"), (rows.get("effective"), "实施日期 row printed in the text")):
            if found and parse_date(found[0]):
                effective = _field(aligned, parse_date(found[0]) or "", "document", where, found[1])  # type: ignore[assignment]
                break
    if effective is None and page.get("effective") and parse_date(page.get("effective") or ""):
        effective = TextField(value=parse_date(page.get("effective") or "") or "", source="metadata_table", evidence="实施日期 row of the page's metadata table")
    return promulgated, effective


def _signature_date(aligned: AlignedText, lines: list[tuple[int, int]]) -> TextField | NamesField | None:
    text = aligned.text
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if _DATE_LINE_RE.match(line) or _CN_DATE_LINE_RE.match(line) or (_ISO_DATE_LINE_RE.match(line) and _signature_date_at(text, lines, i)):
            v = parse_date(line)
            if v:
                return _field(aligned, v, "document", "date line of the signature (成文日期)", (a, b))
    return None


def _posted(aligned: AlignedText, page: PageMeta, layers: list[Mark], db: dict[str, tuple[str, Span]] | None = None) -> TextField | NamesField | None:
    text = aligned.text
    for m in layers:
        if m.rule == "posting_date":
            v = parse_date(text[m.start : m.end])
            if v:
                return _field(aligned, v, "site_posting", "posting-date line of the hosting site", (m.start, m.end))
    for key, why in (("posted", "发布日期 row of the page's metadata table"), ("html:posted", "<meta name=PubDate>")):
        v = page.get(key)
        if v and parse_date(v):
            return TextField(value=parse_date(v) or "", source="site_posting", evidence=why)
    found = _info_line_posted(aligned, layers)
    if found is not None:
        return found
    if db and "posted" in db and parse_date(db["posted"][0]):  # probes26 t08: 【发布日期】2023.06.20 over a notice signed 06-16
        return _field(aligned, parse_date(db["posted"][0]) or "", "site_posting", "【发布日期】 field of the database export", db["posted"][1])
    return None


# The info line a portal prints between its headline and the content block: the day it posted the
# page, with its source and counters. The HTML stage leaves it outside the content block, where
# the posting_date chrome rule (body ranges, line start) never looks. Seen on probes26 pages of
# four layouts: 发布日期：2023-09-13 来源：县政府办 (h02, a layout <td>), 发布时间：2023-06-09 10:15来源：…
# (h03, div.xl_tit_info), 时间：2024-04-02　来源：科学普及部 (h04) and, after the 文号, 文号：襄政发〔2024〕3号
# 发布时间：2024年02月26日 (h06). A bare 时间： is a posting date only with 来源 on its line (a meeting's
# 时间： is inside the body, and this reads only what is above it).
# Also (probes30) Drupal's 发布于 2025年10月09日 星期四 - 14:22 (h03) and PHPCMS's bare 2025-12-17 09:41:26 来源：… under its
# <h1> (h01): a date with its time of day, a posting date only with 来源 or a counter (点击, 浏览, 阅读) on its line.
# ... and (probes31) Epoint's 【信息时间：2026-04-08　阅读次数：…】 (h05), a Next.js page's bare 2026年06月12日 09:30 on a line
# of its own (h03).
_SITE_DAY = r"(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)"  # a day as info lines print it: 2026-3-2, 2026年03月02日
_INFO_POSTED_RE = compile_re(
    r"(?:(?:^|(?<=[\s|｜/】【\[]))(?:(?:(?P<label>发布日期|发布时间|发表时间|发稿时间|信息时间|成文时间)|(?P<bare>时间|日期)|(?P<update>更新日期|更新时间))"
    r"[ \t\u3000\u00a0]*[:：][ \t\u3000\u00a0]*|(?P<yu>发布于)[ \t\u3000\u00a0]*[:：]?[ \t\u3000\u00a0]*)"
    # a bare datetime, also right after an author's name (霍邱退役军人2026-01-13 10:31·安徽原创: 今日头条, probes33 h06)
    # … or with no time of day, beside a source or counter or alone on its line (<span class="time">2026年07月15日</span>,
    # probes39 h05)
    rf"|(?<!\d)(?P<naked>(?={_SITE_DAY}(?P<clock>[ T\u00a0]+\d{{1,2}}:\d{{2}})?)))"
    r"(?P<date>(?:19|20)\d{2}[ \t]*[-/.年][ \t]*\d{1,2}[ \t]*[-/.月][ \t]*\d{1,2}(?!\d)日?)")
# (probes33: Discuz's 2026-3-2 09:12 | 发布者 | 查看, 今日头条's 2026-01-13 10:31 · 安徽)
_INFO_FIELDS_RE = compile_re(r"来源|点击|浏览|阅读|访问|发布者|作者|查看|\d{1,2}:\d{2}\s*·")
# ... alone, or followed by the posting body's name (2026-04-22 10:36:05江苏省土木建筑学会, probes32 h02, MetInfo)
_DATETIME_LINE_RE = compile_re(rf"\s*{_SITE_DAY}[ T\u00a0]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*"
                               r"(?:[\u4e00-\u9fff]{1,18}(?:会|局|厅|委|院|府|办|室|中心|部|社|网))?\s*")
_DATE_LINE_ONLY_RE = compile_re(rf"\s*{_SITE_DAY}\s*")
_BLOG_POST_LINE_RE = compile_re(chrome.BLOG_POST_LINE)
_INFO_LINES_ABOVE = 6  # the headline, its info line and a breadcrumb sit right above the content


def _info_line_posted(aligned: AlignedText, layers: list[Mark]) -> TextField | NamesField | None:
    r"""The posting date on a site's info line right above the body, outside it.

    >>> from extractor.normalize.offsets import AlignedText
    >>> t = "关于做好秸秆禁烧工作的通知\n发布日期：2023-09-13 来源：县政府办\n各乡镇：\n现通知如下。"
    >>> _info_line_posted(AlignedText(t), [Mark("body", "html:content_region", t.index("各乡镇"), len(t))]).value
    '2023-09-13'
    """
    text = aligned.text
    starts = [m.start for m in layers if m.kind == "body"]
    if not starts:
        return None
    top = min(starts)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:top]) if m.group(0).strip()]
    for a, b in reversed(lines[-_INFO_LINES_ABOVE:]):
        if any(m.kind == "body" and m.start < b and a < m.end for m in layers):
            continue
        best = None
        for m in _INFO_POSTED_RE.finditer(text, a, b):
            if m.group("bare") and not _INFO_FIELDS_RE.search(text, a, b):
                # a bare 时间/日期 with the page's 来源 on its line (after it, or before: 来源：… 作者：… 日期：…, probes32 h03),
                # or its author or counter (作者：科普部 时间：2026-04-20 09:15:32 阅读：…, probes39 h01)
                continue
            if m.group("naked") is not None and not _INFO_FIELDS_RE.search(text, a, b) \
                    and not (_DATETIME_LINE_RE.fullmatch(text, a, b) or (m.group("clock") is None and _DATE_LINE_ONLY_RE.fullmatch(text, a, b))):
                continue  # a bare datetime: with the page's source or counter, or alone on its line
            rank = 0 if m.group("label") or m.group("yu") else 1 if m.group("bare") or m.group("naked") is not None else 2
            if best is None or rank < best[0]:
                best = (rank, m)
        if best is None and (post := _BLOG_POST_LINE_RE.fullmatch(text, a, b)) is not None:
            best = (3, post)
        if best is not None:
            m = best[1]
            v = parse_date(m.group("date"))
            if v:
                return _field(aligned, v, "site_posting", "posting date on the site's info line above the content block", (m.start(), m.end()))
    return None
