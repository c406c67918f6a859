"""The extraction stage: citations first, then thresholds on masked text, then requirements.

Order matters: 发文字号 and 《titles》 are found and masked before any number is parsed,
so 中发〔2015〕4号 or 《…规划(2016-2020年)》 never yield a threshold. Every span is
document-relative and checked against the text before it is stored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from extractor.config import Reader
from extractor.extract.citations import CitationSpan, find_citation_spans
from extractor.extract.dates import find_dates
from extractor.extract.requirements import (
    ActorPick, Context, RequirementUnit, action_of, build_actor, clauses_by_section, condition_in, find_deadline, forget_text, is_criteria_heading, is_criteria_intro, is_values_heading,
    is_lead_phrase, is_rules_intro, names_the_issuer,
    later_rules, leading_tag, located, normalize_actor, read_clause, read_clauses, read_requirement,
)
from extractor.extract.quantities import quantity_starts
from extractor.extract.thresholds import Found, build_number_mask, find_thresholds, heading_stance, reported_reason, reports_statistics
from extractor.data.doc_codes import resolve_issuer
from extractor.data.vocab import DIRECTIVE_DOC_TYPES, EVENT_INFO_TITLES, GUIDING_TITLES
from extractor.model import (
    Actor, Citation, Clause, DateRule, Deadline, Issue, Located, Metadata, Part, ReportedFigure, Requirement, Section, Threshold,
)
from extractor.normalize.layers import Mark
from extractor.normalize.offsets import AlignedText, TextSpan
from extractor.segment.sentences import row_of
from extractor.recache import compile_re


@dataclass
class Knowledge:
    requirements: list[Requirement] = field(default_factory=list)
    thresholds: list[Threshold] = field(default_factory=list)
    figures: list[ReportedFigure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    dates: list[DateRule] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


class _Spans:
    """Membership in a union of spans by bisection (a scan of every span per citation was
    quadratic on long notices, issue 18)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(s for s in spans if s[0] < s[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def build_citations(doc_id: str, aligned: AlignedText, layers: list[Mark], parts: list[Part], metadata: Metadata,
                    clause_index: _ClauseIndex | None = None) -> tuple[list[Citation], list[tuple[int, int]]]:
    """Citations of the body, and the spans to mask (those in site chrome included)."""
    text = aligned.text
    noise = _Spans([(m.start, m.end) for m in layers if m.kind in ("furniture", "toc")])
    meta = _Spans([(m.start, m.end) for m in layers if m.kind == "meta"])
    own = _compact(metadata.doc_number.value) if metadata.doc_number and isinstance(metadata.doc_number.value, str) else None
    enclosed = {_compact(p.title) for p in parts if p.title and p.kind == "attachment"}
    # the notice's own number is its issuer's where its 代字 names no body we know (宁府办字〔2023〕62号, a 代字
    # 宁夏 and 南京 and 宁都 share, is 宁都县人民政府办公室's; probes26 h02); of a joint notice, the lead body's.
    # A 代字 we know wins: 余府发 is 新余市人民政府's even when its 办公室 posted the notice (corpus-dev 020)
    names = metadata.issuer.value if metadata.issuer else None
    own_issuer = names[0] if isinstance(names, list) and names else names if isinstance(names, str) else None
    spans = find_citation_spans(text)
    mask = [(c.start, c.end) for c in spans]
    out: list[Citation] = []
    ids: dict[int, str] = {}
    for c in spans:
        role = "cites"
        if c.doc_number and own and _compact(c.doc_number) == own and not c.title:
            role = "self"
        elif c.title and _compact(c.title) in enclosed:
            role = "encloses"
        elif c.doc_number and not c.title and _heads_an_attachment(text, c, parts):
            role = "encloses"  # 宛政办明电〔2026〕12号 on its own line under the forwarded notice's title (probes33, 34 t08)
        if c.start in noise or (c.start in meta and role != "self"):
            continue
        cid = f"{doc_id}#cite{len(out) + 1}"
        ids[id(c)] = cid
        out.append(_citation(cid, aligned, c, role, clause_index.section_of(c.start) if clause_index else None,
                             ids.get(id(c.nested_in)) if c.nested_in is not None else None, own_issuer if role == "self" else None))
    return out, mask


def _heads_an_attachment(text: str, c: CitationSpan, parts: list[Part]) -> bool:
    """Is a bare 发文字号 the number of an enclosed document, on a line of its own in the head of its part (a
    转发 notice pastes the forwarded one whole: 南阳市人民政府办公室 / 关于…的通知 / 宛政办明电〔2026〕12号)?"""
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    if text[line_start:c.start].strip() or text[c.end:len(text) if line_end < 0 else line_end].strip():
        return False
    # … or right above it, under the forwarded body's red head (咸阳市卫生健康委员会文件 / 咸卫发〔2026〕33号 / 咸阳市卫生健康
    # 委员会 / 关于…的通知, probes37 t08: the part starts at its issuer's line)
    return any(p.kind == "attachment" and p.title and (p.span[0] <= c.start < min(p.span[1], p.span[0] + _PART_HEAD)
                                                       or (c.end <= p.span[0] and not text[c.end:p.span[0]].strip()))
               for p in parts)


_PART_HEAD = 200  # characters: a part's head (issuer, title, number) comes before its 主送 line


def _citation(cid: str, aligned: AlignedText, c: CitationSpan, role: str, section: str | None, nested_in: str | None,
              issuer: str | None = None) -> Citation:
    return aligned.build(
        Citation, id=cid, section=section, role=role, title=c.title, doc_number=c.doc_number, issuer_code=c.code,
        issuer=(resolve_issuer(c.code) if c.code else None) or issuer, year=c.year, serial=c.serial, nested_in=nested_in,
        span=(c.start, c.end), title_span=c.title_span, doc_number_span=c.doc_number_span,
    )


class _ClauseIndex:
    def __init__(self, clauses: list[Clause]) -> None:
        self.clauses = clauses
        self.starts = [c.span[0] for c in clauses]

    def at(self, pos: int) -> Clause | None:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.clauses[k].span[1]:
            return self.clauses[k]
        return None

    def section_of(self, pos: int) -> str | None:
        c = self.at(pos)
        return c.section if c else None


_BEARS_RESPONSIBILITY_RE = compile_re(r"负(?:有)?[\u4e00-\u9fff]{0,4}责任")


def _sentences(clauses: list[Clause]) -> list[list[Clause]]:
    """Clauses joined into sentences: a clause closed by ； continues the sentence."""
    out: list[list[Clause]] = []
    for c in clauses:
        if out and out[-1][-1].end in "；;" and out[-1][-1].end and out[-1][-1].section == c.section:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def extract_knowledge(doc_id: str, aligned: AlignedText, layers: list[Mark], parts: list[Part], sections: list[Section],
                      clauses: list[Clause], metadata: Metadata, reader: Reader = "words") -> Knowledge:
    try:
        return _extract_knowledge(doc_id, aligned, layers, parts, sections, clauses, metadata, reader)
    finally:
        forget_text()  # the per-text memos of the requirement reading hold nothing another document can use


def _extract_knowledge(doc_id: str, aligned: AlignedText, layers: list[Mark], parts: list[Part], sections: list[Section],
                       clauses: list[Clause], metadata: Metadata, reader: Reader) -> Knowledge:
    text = aligned.text
    k = Knowledge()
    index = _ClauseIndex(clauses)
    k.citations, mask = build_citations(doc_id, aligned, layers, parts, metadata, clause_index=index)
    # labels (1. （二） 第七条) are never quantities: 1.80周岁 is label 1. and 80周岁 (corpus 20)
    masked = build_number_mask(text, mask + [s.label_span for s in sections])
    doc_date = metadata.date.value if metadata.date and isinstance(metadata.date.value, str) else None
    named = metadata.issuer.value if metadata.issuer else None
    issuers = [n for n in (named if isinstance(named, list) else [named]) if isinstance(n, str) and n]

    # thresholds per sentence, then handed to the clause that holds their number
    found_by_clause: dict[str, list[Found]] = {}
    title = metadata.title.value if metadata.title and isinstance(metadata.title.value, str) else None
    bulletin = reports_statistics(title)
    doc_type = metadata.doc_type.value if metadata.doc_type and isinstance(metadata.doc_type.value, str) else None
    directive = doc_type in DIRECTIVE_DOC_TYPES
    doc_year = int(doc_date[:4]) if doc_date else None
    title_key = re.sub(r"\s+", "", title) if title else None
    sections_by_id = {s.id: s for s in sections}
    stances: dict[str | None, str | None] = {}  # section id → what the nearest heading that says says (review, goals)

    def stance(sid: str | None) -> str | None:
        if sid not in stances:
            s = sections_by_id.get(sid) if sid else None
            stances[sid] = None if s is None else (heading_stance(s.title) or stance(s.parent))
        return stances[sid]

    starts = quantity_starts(masked)  # once per document, not a quantity scan of every piece of every sentence
    for sent in _sentences(clauses):
        a, b = sent[0].span[0], sent[-1].span[1]
        if title_key and b - a <= len(title) + 8 and re.sub(r"\s+", "", text[a:b]) == title_key:
            continue  # the title printed in the body (corpus-dev 054, three times): it names the rule, it sets none
        found = find_thresholds(text, masked, a, b, starts=starts)
        reason = reported_reason(text, a, b, bulletin, stance(sent[0].section), directive and sent[0].section is not None,
                                 doc_year) if found else None
        for f in found:
            c = index.at(f.value_span[0])
            if c is not None and reason is not None:
                k.figures.append(_figure(f"{doc_id}#fig{len(k.figures) + 1}", c.section, aligned, f, reason))
            elif c is not None:
                found_by_clause.setdefault(c.id, []).append(f)

    by_id = {s.id: s for s in sections}
    addressee = None
    if metadata.addressees is not None and metadata.addressees.span is not None:
        a, b = metadata.addressees.span
        addressee = aligned.build(Located, span=TextSpan.at(text, a, b), source="addressee")
    contexts: dict[str, Context] = {}
    # the heading's or the 主送 line's actor, built once per pair: the clauses that name no subject of their own
    # (1,280 over corpus/) share 61 of them (issue 18); its row is only read by the validation, so sharing one is safe
    fallbacks: dict[tuple[int, int], tuple[Located | None, Located | None, dict[str, Any] | None]] = {}

    def fallback(heading: Located | None, addr: Located | None) -> dict[str, Any] | None:
        key = (id(heading), id(addr))  # the pair is kept in the value, so its ids stay theirs
        if key not in fallbacks:
            fallbacks[key] = (heading, addr, _fallback_actor(aligned, heading, addr))
        return fallbacks[key][2]

    per_section = clauses_by_section(clauses)
    spans: dict[str, tuple[int, int]] = {}
    in_heading: list[int] = []  # the clauses whose actors are read (a heading's subject; elsewhere only the modal words)
    for sec_id, cls in per_section.items():
        sec = by_id.get(sec_id) if sec_id else None
        for c in cls:
            a, b = c.span
            if sec is not None and a < sec.label_span[1] <= b:
                a = _after_label(text, sec.label_span[1], b)  # the label is not part of what is required
            if sec is not None and sec.kind == "heading":
                in_heading.append(len(spans))
            spans[c.id] = (a, b)
    readings = dict(zip(spans, read_clauses(text, list(spans.values()), reader, actors_of=set(in_heading))))
    # an attachment's own heading line (附件1): its tables and lists hold no bare measures, so past it
    # only a modal word makes a requirement (corpus 13: the indicator table of 附件1 ran on in item （三）)
    m_att = _ATTACHMENT_LINE.search(text)
    attachment_at = m_att.start() if m_att else len(text)
    seq = 0
    rows: list[dict[str, Any]] = []
    criteria_ids: set[str | None] = set()
    for sec_id, cls in per_section.items():
        sec = by_id.get(sec_id) if sec_id else None
        inherited = _inherited(contexts, by_id, sec)
        made: list[dict[str, Any]] = []  # rows of Requirement, validated with the others after the loop
        own_ctx = Context()
        intro = _list_intro(sec, by_id, per_section, text) if sec is not None else None
        listed = intro is not None and not is_rules_intro(intro)  # 按以下规定办理：（一）…: rules, not objects
        # 符合下列条件之一的…: conditions, not duties; so are the items of a list inside a condition (015 第五条（一）
        # …人才，包括：1.… 2.…)
        # under a heading that names who qualifies (申报条件, 评估对象), and the paragraph right under it
        # (一、评估对象\n成立满3年、上一年度年检合格的市级学会。 written for the tests: a 科协's 评估 notice)
        parent_title = by_id[sec.parent].title if sec is not None and sec.parent in by_id else None
        criteria = sec is not None and ((intro is not None and is_criteria_intro(intro)) or sec.parent in criteria_ids
                                        or is_criteria_heading(parent_title) or is_criteria_heading(sec.title))
        if criteria:
            criteria_ids.add(sec_id)
        values = sec is not None and (is_values_heading(sec.title) or is_values_heading(parent_title))
        # 005 （一）指导思想。以…为指导: guiding prose, whose sentences are no measures
        guiding = sec is not None and (sec.title or "").strip("。 ") in GUIDING_TITLES
        info_until = -1  # an event notice's 活动时间/参会人员…: the paragraph right under the heading tells, it asks nothing
        if sec is not None and (sec.title or "").strip("。 ") in EVENT_INFO_TITLES:
            nl = text.find("\n", sec.label_span[1])
            nl2 = text.find("\n", nl + 1) if nl >= 0 else -1
            info_until = len(text) if nl < 0 else (nl2 if nl2 >= 0 else len(text))
        carried: ActorPick | None = None
        orphans = 0
        prev_end: int | None = None
        cls_spans = [spans[x.id] for x in cls]  # once per section: built per clause, it was quadratic in a long section
        for idx, c in enumerate(cls):
            a, b = spans[c.id]
            if prev_end is not None and "\n" in text[prev_end:c.span[0]]:
                carried = None  # a new paragraph: the subject is not carried across it
            prev_end = c.span[1]
            reading = readings[c.id]
            deadline = find_deadline(aligned, a, b, doc_date)
            found = found_by_clause.get(c.id, [])
            cond = condition_in(text, a, b)
            if sec is not None and sec.kind == "heading":
                # the heading's own subject; a body it only mentions (013 一、深化国家级开发区体制机制改革,
                # seed 001 （三）提升学会服务会员能力) stands in only where the notice has no 主送 line
                first_at_start = reading.first_actor if reading.first_actor and reading.first_actor[1] - a <= 2 else None
                heading_actor = reading.actor or first_at_start or (reading.first_actor if addressee is None else None)
                if own_ctx.actor is None and heading_actor:
                    own_ctx.actor = located(aligned, heading_actor, "heading")
                if own_ctx.condition is None and cond:
                    own_ctx.condition = located(aligned, cond, "heading")
            opening = leading_tag(text, a, b)
            if opening is not None:  # the tag of the previous measure: its own requirement, then the rest
                tag, a = opening
                us, ue = tag.units
                seq += 1
                tag_unit = RequirementUnit("obligation", tag.label, tag.label_span, ActorPick(text[us:ue], us, ue, "tag"), False)
                rid = f"{sec_id}:r{len(made) + 1}" if sec_id else f"{doc_id}#r{seq}"
                made.append(_requirement(rid, sec_id, [c], aligned, tag_unit, build_actor(aligned, tag_unit.actor, row_of(Actor)), None, None,  # type: ignore[arg-type]
                                         Context(), [], k, start=spans[c.id][0], end=a))
                a = _after_label(text, a, b)
                carried = None
            # a statistical bulletin (统计公报, corpus dev024) reports what happened: its sentences and the scope notes
            # of its 注释 (统计范围为…2000万元及以上) are no measures; only a modal word makes a requirement there
            unit = None if bulletin and not reading.modals else read_requirement(
                text, a, b, reading.modals, in_item=sec is not None and a < attachment_at, listed=listed,
                lead=sec is not None and idx == 0 and is_lead_phrase(text, sec.marker, cls_spans, idx, sec.kind),
                has_threshold=bool(found) or bool(deadline and deadline.kind == "date" and sec is not None),
                guiding=guiding or c.span[0] < info_until, criteria=criteria, values=values)
            if unit is not None and unit.trigger is None and unit.actor is not None and unit.actor.source in ("sentence", "agent") \
                    and issuers and names_the_issuer(unit.actor.text, issuers):
                # 市科协对获奖项目给予辅导补贴, 由市科协择优推荐 in a 市科协 notice (probes31 h01): the issuer's own act, with
                # no modal word, bids nothing to those it addresses
                unit = None
            if unit is None:
                # a condition or definition holding a threshold (015 第五条 年龄需在50周岁以下, 第十四条 不满18周岁):
                # the threshold is kept, on no requirement
                for f in found:
                    orphans += 1
                    _threshold(f"{sec_id or doc_id + '#'}:t{orphans}", None, sec_id, aligned, f, k)
                continue
            pick = unit.actor
            if pick is None and carried is not None and unit.carry_ok:
                pick = ActorPick(carried.text, carried.start, carried.end, "carried")
            if pick is not None and pick.source == "sentence" and pick.clean:
                # only a subject that acts is carried, not the party a thing belongs to (corpus 19: 成年流浪乞讨受助
                #人员基本饮食标准为…；未成年人受助人员… is no duty of the 受助人员), nor one a sentence only says
                # bears a responsibility, with no modal word (corpus-dev 005's gold-req: 家庭对婴幼儿照护负主体责任。…为家长…提供…服务 and
                # 地方政府…负主要责任…。…要严格…追究… are the addressees' measures)
                carried = None if unit.trigger is None and _BEARS_RESPONSIBILITY_RE.search(text, a, b) else pick
            if pick is None:
                pick = unit.party  # 服务期未满离开本市的，应当退回…: the party the condition names; never carried on
            # as a row: validated inside its requirement's row, one pydantic-core call per document instead of
            # one model per actor (issue 18)
            actor = build_actor(aligned, pick, row_of(Actor)) if pick else fallback(inherited.actor, addressee)
            # one requirement per rule: a later piece with its own modality or subject is its own (issue 19)
            rules = later_rules(text, a, b, reading.modals, unit) if unit.carry_ok else []
            cuts = [a] + [st for st, _ in rules] + [b]
            for i, part in enumerate([unit] + [r for _, r in rules]):
                pa, pb = cuts[i], cuts[i + 1]
                if i + 1 < len(cuts) - 1:
                    while pb > pa and text[pb - 1] in "，,：: ":
                        pb -= 1
                part_actor = actor
                if i > 0:
                    if part.actor is not None:
                        part_actor = build_actor(aligned, part.actor, row_of(Actor))
                        if part.actor.source == "sentence" and part.actor.clean:
                            carried = part.actor
                part_found = [f for f in found if pa <= f.value_span[0] < cuts[i + 1]] if rules else found
                part_deadline = find_deadline(aligned, pa, pb, doc_date) if rules else deadline
                seq += 1
                rid = f"{sec_id}:r{len(made) + 1}" if sec_id else f"{doc_id}#r{seq}"
                made.append(_requirement(rid, sec_id, [c], aligned, part, part_actor, part_deadline, cond if i == 0 else None, inherited,
                                         part_found, k, start=pa, end=pb))
        if sec_id is not None:
            ctx = Context(own_ctx.actor or inherited.actor, own_ctx.condition or inherited.condition)
            contexts[sec_id] = ctx
        rows.extend(made)
    # one pydantic-core call for the requirements, one for the thresholds (rows until now, as the
    # clauses and sections are; issue 18)
    k.requirements = _requirement_list().validate_python(rows)
    k.thresholds = _threshold_list().validate_python(k.thresholds)
    _link_citations(k)
    k.dates = find_dates(doc_id, aligned, layers, clauses, k.requirements, metadata, mask, bulletin)
    _deadlines_from_dates(aligned, k)
    return k


def _deadlines_from_dates(aligned: AlignedText, k: Knowledge) -> None:
    """A requirement whose own reading found no day it is due by takes the deadline the dates pass
    read in it: 电子和纸质材料报送截止日期:9月3日 (corpus-dev 070: no date of its own, the year its body
    names), 总会接收材料截止日期:2011年2月15日 (043). A relative reading of the same words (a day
    without its year, where the notice has no date) is replaced; a real relative one (15个工作日内)
    is kept."""
    due = {}
    for d in k.dates:
        if d.requirement and d.kind in ("deadline", "period_end") and d.date and d.requirement not in due:
            due[d.requirement] = d
    if not due:
        return
    for i, r in enumerate(k.requirements):
        d = due.get(r.id)
        if d is None or (r.deadline is not None and not (
                r.deadline.kind == "relative" and r.deadline.span[0] < d.span[1] and d.span[0] < r.deadline.span[1])):
            continue
        s, e = d.span
        dl = aligned.build(Deadline, text=aligned.text[s:e], kind="date", date=d.date, resolved_from=d.resolved_from, span=(s, e))
        k.requirements[i] = r.model_copy(update={"deadline": dl})


@lru_cache(maxsize=1)
def _requirement_list() -> TypeAdapter[list[Requirement]]:
    return TypeAdapter(list[Requirement])


@lru_cache(maxsize=1)
def _threshold_list() -> TypeAdapter[list[Threshold]]:
    return TypeAdapter(list[Threshold])


_ATTACHMENT_LINE = compile_re(r"^[ \t]*附件[ \t]*[0-9一二三四五六七八九十]{0,3}[ \t]*$", re.M)


def _after_label(text: str, pos: int, end: int) -> int:
    """Skip the separator and blanks after a label: ``3.制定`` → ``制定``."""
    while pos < end and text[pos] in ".、．。 \t":
        pos += 1
    return pos


def _inherited(contexts: dict[str, Context], by_id: dict[str, Section], sec: Section | None) -> Context:
    p = sec.parent if sec is not None else None
    while p is not None:
        if p in contexts:
            return contexts[p]
        p = by_id[p].parent if p in by_id else None
    return Context()


def _fallback_actor(aligned: AlignedText, heading: Located | None, addressee: Located | None) -> dict[str, Any] | None:
    """The row of the heading's or the 主送 line's :class:`Actor` (validated with the requirement rows)."""
    got = heading or addressee
    if got is None:
        return None
    org, level, role = normalize_actor(got.text)
    return aligned.build(row_of(Actor), span=TextSpan(*got.span, got.text), source="heading" if got is heading else "addressee",
                         organization=org, level=level, role=role)


def _list_intro(sec: Section, by_id: dict[str, Section], per_section: dict[str | None, list[Clause]], text: str) -> str | None:
    """The clause introducing the list ``sec`` is an item of, or None: items of a list that a colon
    introduces (下列事项应当…备案：（一）…) are the object of the parent's verb, not requirements of their
    own (corpus-dev 017 第九条, 015 第五条)."""
    if sec.parent is None or sec.parent not in by_id:
        return None
    own = per_section.get(sec.parent) or []
    prev = [c for c in own if c.span[1] <= sec.span[0]]
    last = prev[-1] if prev else None
    if last is None:
        return None
    intro = text[last.span[0]:last.span[1]].rstrip()
    # 符合下列条件之一…的人员，可申请…。（一）… (015 第五条): the list is introduced by 下列 / 以下 even without a colon
    return intro if intro.endswith(("：", ":")) or any(w in intro for w in ("下列", "以下条件", "如下")) else None


def _requirement(rid: str, sec_id: str | None, cls: list[Clause], aligned: AlignedText, unit: RequirementUnit, actor: dict[str, Any] | None,
                 deadline: Deadline | None, cond: tuple[str, int, int] | None, inherited: Context, found: list[Found],
                 k: Knowledge, start: int | None = None, end: int | None = None) -> dict[str, Any]:
    """The row of one :class:`Requirement` (validated with the document's others by the caller)."""
    text = aligned.text
    a, b = (cls[0].span[0] if start is None else start), (cls[-1].span[1] if end is None else end)
    condition = located(aligned, cond, "sentence") if cond else inherited.condition
    if unit.actor is not None and unit.actor.source == "tag" and not unit.carry_ok:
        action = None  # a responsibility tag names who leads the measure it closes; the measure is its action
    elif unit.trigger_span is not None:
        action = action_of(text, unit.trigger_span[1], min(b, cls[0].span[1]))
    else:
        action = action_of(text, (unit.actor.end if unit.actor and a <= unit.actor.end <= b else a), max(a, b))
    req = aligned.build(
        row_of(Requirement), thresholds=[], id=rid, section=sec_id, clauses=[c.id for c in cls], span=TextSpan.at(text, a, b), modality=unit.modality,
        trigger=unit.trigger, trigger_span=unit.trigger_span, actor=actor, action=action, deadline=deadline, condition=condition,
    )
    for f in found:
        req["thresholds"].append(_threshold(f"{rid}:t{len(req['thresholds']) + 1}", rid, sec_id, aligned, f, k))
    if deadline is not None and deadline.kind == "date":
        # a dated deadline is also a threshold (unit 日期, comparator <=), as the gold counts it
        da, db = deadline.span
        end = re.search(r"[，,；;。:：]|$", text[db:b]).start() + db  # type: ignore[union-attr]
        subject = re.sub(r"^(?:将|须|要|必须|应|认真)+", "", text[db:end]).strip(" :：") or None
        f = Found((da, end), (da, db), deadline.date or "", None, "日期", "<=", "deadline", subject)
        if deadline.resolved_from == "document_date":
            f.notes.append("year taken from the notice's own date")
        elif deadline.resolved_from == "year_end":
            f.notes.append("year-only deadline read as the last day of the year")
        req["thresholds"].append(_threshold(f"{rid}:t{len(req['thresholds']) + 1}", rid, sec_id, aligned, f, k))
    return req


def _threshold(tid: str, rid: str, sec_id: str | None, aligned: AlignedText, f: Found, k: Knowledge) -> str:
    """Adds the row of one :class:`Threshold` to ``k.thresholds`` (validated as one list by extract_knowledge)."""
    text = aligned.text
    t = aligned.build(
        row_of(Threshold), id=tid, requirement=rid, section=sec_id, span=TextSpan.at(text, *_strip(text, f.span)),
        value_span=TextSpan.at(text, *f.value_span), value=f.value, value_max=f.value_max, unit=f.unit, per=f.per,
        comparator=f.comparator, kind=f.kind, subject=f.subject, condition=f.condition, baseline=f.baseline,
        approximate=f.approximate, hedge=f.hedge, comparator_word=f.comparator_word, note="; ".join(f.notes) or None,
    )
    k.thresholds.append(t)  # type: ignore[arg-type]
    return tid


def _figure(fid: str, sec_id: str | None, aligned: AlignedText, f: Found, reason: str) -> ReportedFigure:
    text = aligned.text
    return aligned.build(
        ReportedFigure, id=fid, section=sec_id, reason=reason, span=TextSpan.at(text, *_strip(text, f.span)),
        value_span=TextSpan.at(text, *f.value_span), value=f.value, value_max=f.value_max, unit=f.unit, per=f.per,
        comparator=f.comparator, kind=f.kind, subject=f.subject, baseline=f.baseline,
    )


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b)


def _link_citations(k: Knowledge) -> None:
    """Each citation goes to the first requirement (in document order) whose span holds its start.

    By position: requirements sorted by start once, then a bisect and a short walk per
    citation (citations x requirements was half the time of a 5 MB notice, issue 18).
    Requirement spans may nest or overlap (an imperative item's span covers its clauses),
    so the walk goes back over every requirement starting before the citation and keeps the
    earliest in list order, as the nested loops did; ``reach`` stops it once no earlier
    span can still cover the position.
    """
    if not k.citations or not k.requirements:
        return
    order = sorted(range(len(k.requirements)), key=lambda i: k.requirements[i].span[0])
    starts = [k.requirements[i].span[0] for i in order]
    # reach[j]: the furthest end among the requirements order[0..j]
    reach: list[int] = []
    far = -1
    for i in order:
        far = max(far, k.requirements[i].span[1])
        reach.append(far)
    for c in k.citations:
        pos = c.span[0]
        j = bisect_right(starts, pos) - 1
        best = None
        while j >= 0 and reach[j] > pos:
            i = order[j]
            if k.requirements[i].span[1] > pos and (best is None or i < best):
                best = i
            j -= 1
        if best is not None:
            k.requirements[best].citations.append(c.id)


@dataclass
class PhraseReading:
    """Everything the extractors read in one standalone phrase (used by the case tables)."""

    thresholds: list[Found]
    figures: list[Found]  # numbers the phrase reports as facts (比上年增长8.2%), not thresholds
    citations: list[CitationSpan]
    modality: str | None
    trigger: str | None
    actor: str | None
    deadline: Deadline | None


def read_phrase(text: str, doc_date: str | None = None) -> PhraseReading:
    """Run citations, thresholds, modality and deadline on a phrase, as the pipeline does on a clause.

    >>> r = read_phrase("个人会员不足2万人的，理事会人数一般不超过150人")
    >>> [(f.comparator, f.value, f.unit, f.condition) for f in r.thresholds], r.modality, r.trigger
    ([('<=', 150, '人', '个人会员<2万人')], 'recommendation', '一般')
    """
    cits = find_citation_spans(text)
    masked = build_number_mask(text, [(c.start, c.end) for c in cits])
    found: list[Found] = []
    figures: list[Found] = []
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]?", text):
        got = find_thresholds(text, masked, m.start(), m.end())
        (figures if got and reported_reason(text, m.start(), m.end(), False) else found).extend(got)
    reading = read_clause(text, 0, len(text))
    deadline = find_deadline(AlignedText(text), 0, len(text), doc_date)
    return PhraseReading(found, figures, cits, reading.modality, reading.trigger, reading.actor[0] if reading.actor else None, deadline)
