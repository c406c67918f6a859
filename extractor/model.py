"""Every serialized type of polex, and the only place their fields are defined.

The JSON a user reads (``polex extract --format json``), the golden files and the
JSON Schema in ``schemas/`` are all generated from these models.

Spans are half-open ``[start, end)`` code-point offsets: ``span`` into ``Document.text``
(the normalized text), ``raw_span`` into ``Document.raw_text`` (the decoded source,
never modified). A text span field ``x_span`` has its raw twin ``x_raw_span`` (``span`` →
``raw_span``); stage code gives only the text span, and
``extractor.normalize.offsets.AlignedText.build`` fills the twin from the edit log.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"

Span = tuple[int, int]
"""A half-open ``[start, end)`` pair of code-point offsets."""

Level = Literal["national", "provincial", "municipal", "county", "unknown"]
Script = Literal["simplified", "traditional", "mixed"]
Severity = Literal["info", "warning", "error"]
Stage = Literal["decode", "html", "normalize", "segment", "metadata", "extract", "pipeline"]
Status = Literal["ok", "partial", "failed"]

EditReason = Literal[
    "html_markup",  # a tag, comment, script or style removed
    "html_entity",  # &nbsp; &amp; … decoded
    "block_break",  # a block boundary in HTML becomes one newline
    "whitespace",  # a run of layout white space collapsed or trimmed
    "newline",  # \r\n and \r become \n
    "control_char",  # C0/C1 control characters and U+FFFE-like junk dropped
    "fold_width",  # full-width digits, letters, brackets, spaces → half-width
    "t2s",  # traditional → simplified (OpenCC, one character for one)
    "drop_pinyin_gloss",  # 網(wǎng) → 網
    "join_page_break",  # 抓\n\n2、手 → 抓手 (preview page number at a page break)
    "join_wrapped_line",  # a line break inside a paragraph of hard-wrapped text (a PDF's text layer) removed
    "ocr_repair",  # 〃 → “ ”, 4• → 4., O → 。 before a label
]
"""The closed set of reasons for a change between ``raw_text`` and ``text``."""

LayerKind = Literal["body", "furniture", "toc", "meta"]
MarkerKind = Literal[
    "chapter",  # 第一章
    "part",  # 第一节
    "article",  # 第一条
    "clause",  # 第一款
    "cn_comma",  # 一、
    "cn_paren",  # （一） (一)
    "num_pad",  # 01 综合, 01 / 指导思想 (section numbers of a layout: corpus-dev 025, 066)
    "num_dot",  # 1. 1、 1．
    "num_paren",  # （1） (1)
    "circled",  # ① ⑴ ㈠
    "cn_shi",  # 一是 二是 (enumerated points, corpus-dev 014, 021, 023)
    "cn_yao",  # 一要 二要 (points under a 一是, corpus-dev 021)
]
SectionKind = Literal["heading", "item"]
Modality = Literal["obligation", "prohibition", "recommendation", "encouragement", "permission"]
Comparator = Literal["<=", "<", ">=", ">", "==", "range"]
ThresholdKind = Literal[
    "amount",  # money: 补贴标准为…37元, 一次性给予1亿元
    "rate",  # a figure per something (``per`` is set): 每人每月500元, 每千人口不少于10个托位, 每季度至少公开一次
    "share",  # a percentage or fraction: 不低于20%, 四分之三以上
    "growth",  # a change against a baseline: 在2016年底的基础上增加15%以上
    "duration",  # a length of time or a time limit: 15个工作日内, 有效期5年, 五年以内
    "lead_time",  # how long before an event: 提前5个工作日, 在开展活动前15天
    "age",  # 年满60周岁, 不超过40周岁
    "count",  # how many: 理事会人数不超过150人, 一式15份
    "scope",  # how many units a measure covers: 选择50个全国学会开展试点, 建设100个工作室
    "weight",  # the weight of an item in a score: 日常监测（60%）
    "measure",  # a physical size: 岸线长600米, 建筑面积15万平方米以上
    "grade",  # a grade or level that bounds who is eligible: 残疾等级被评为一至四级
    "coverage",  # 全覆盖 read as 100 %
    "deadline",  # a dated deadline (unit 日期)
]
"""What sort of quantity a threshold bounds, so that one can ask for all subsidy amounts or all age
limits. Whether it is a limit or a target is told by ``comparator``, ``hedge`` and ``condition``."""
DeadlineKind = Literal["date", "recurring", "relative"]
CitationRole = Literal["cites", "self", "encloses"]
PartKind = Literal["notice", "attachment", "document", "appendix"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Edit(_Frozen):
    """One change between ``raw_text`` and ``text``.

    ``raw_text[raw_start:raw_end]`` became ``text[start:start+len(replacement)]``.
    Edits never overlap and are sorted; applying all of them to ``raw_text`` gives
    ``text`` exactly. ``reason`` is the last stage that touched these characters,
    ``prior`` the earlier ones (e.g. an ``&#x3000;`` decoded then folded).
    """

    raw_start: int
    raw_end: int
    start: int
    replacement: str
    reason: EditReason
    prior: tuple[EditReason, ...] = ()


class Issue(_Frozen):
    """A problem found in one document. Codes are stable (see ``extractor.errors``)."""

    code: str
    severity: Severity
    stage: Stage
    message: str
    span: Span | None = None
    raw_span: Span | None = None


class Layer(_Frozen):
    """A stretch of ``text`` that is not plain body: site chrome, a table of contents,
    metadata lines. Nothing is deleted for being furniture; it is labelled."""

    kind: LayerKind
    rule: str = Field(description="the rule that labelled it, e.g. 'breadcrumb', 'html:outside_content'")
    span: Span
    raw_span: Span


class _Evidence(_Model):
    """Where a metadata value came from: ``source`` is the kind of evidence
    (document | site_posting | metadata_table | html_meta | title | inferred);
    ``span``/``raw_span`` point at the characters when it was read off the text."""

    source: str
    evidence: str = Field(default="", description="human-readable reason, e.g. the rule or table row")
    span: Span | None = None
    raw_span: Span | None = None


class TextField(_Evidence):
    value: str


class NamesField(_Evidence):
    value: list[str]


class FlagField(_Evidence):
    value: bool


class LevelField(_Evidence):
    value: Level


class Metadata(_Model):
    title: TextField | None = None
    issuer: NamesField | None = None
    level: LevelField
    date: TextField | None = Field(default=None, description="YYYY-MM-DD: 成文日期, else the posting date")
    posted: TextField | None = Field(default=None, description="posting date of the hosting site")
    promulgated: TextField | None = Field(
        default=None, description="YYYY-MM-DD: 公布日期 of a 令 or regulation (its history line, or the date under 现予公布), kept apart from 施行")
    effective: TextField | None = Field(
        default=None, description="YYYY-MM-DD: 施行日期 (自…起施行, a 实施日期/施行日期 row or field); 自公布之日 takes the 公布 date")
    doc_number: TextField | None = None
    doc_type: TextField | None = None
    script: Script
    truncated: FlagField
    addressees: NamesField | None = Field(default=None, description="主送机关: whom the notice addresses")
    issuer_as_written: list[str] | None = Field(
        default=None, description="the issuer as printed when ``issuer`` gives its full form (质监局 → 质量技术监督局)")
    reposted_by: NamesField | None = Field(
        default=None, description="转载: the body whose site republished the notice; issuer and level stay the original's")


class SourceRecord(_Model):
    path: str | None = None
    url: str | None = None
    sha256: str
    size: int
    media_type: Literal["text/plain", "text/html", "application/pdf",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = Field(
        description="for PDF and .docx, raw_text is their text layer")
    encoding: str
    encoding_source: str = Field(description="bom | http_header | meta | utf8 | sniffed | fallback | text_layer")
    declared_encoding: str | None = None


class Part(_Frozen):
    """A document inside the file: a covering notice and each attached document."""

    index: int
    kind: PartKind = Field(description="document: a file that is one notice; notice: the covering 印发 notice and attachment: "
                                       "the document it issues; appendix: what follows the end with its own numbering "
                                       "(附件 tables and forms, 注释 notes)")
    title: str | None = None
    span: Span
    raw_span: Span


class Section(_Model):
    """One numbered heading or item of the official numbering tree."""

    id: str
    parent: str | None
    part: int
    path: list[str] = Field(description="labels from the top down as written, separators dropped")
    label: str = Field(description="the label as written in raw_text, e.g. '（三）' or '5'")
    number: int = Field(description="the value of the label: （三） → 3")
    marker: MarkerKind
    level: int = Field(description="rank of the marker type (GB/T 9704): 第X章 0 … ① 8")
    depth: int = Field(description="position in this document's tree, 0 for the top")
    kind: SectionKind
    title: str | None = Field(description="the heading phrase: the text up to the first 。 or line end, when short")
    text: str = Field(description="normalized text of the item after its label, children excluded")
    span: Span
    raw_span: Span
    label_span: Span
    label_raw_span: Span
    inferred_parent: bool = Field(default=False, description="parent taken from the table of contents")


class Clause(_Frozen):
    """A sentence or clause of a section, split on 。！？；, tiling its text."""

    id: str
    section: str | None
    span: Span
    raw_span: Span
    end: str = Field(description="the closing punctuation, '' at a line or section end")


class Located(_Frozen):
    """A phrase read off the text, with where it stands."""

    text: str
    span: Span
    raw_span: Span
    source: Literal["sentence", "heading", "addressee", "document"] = Field(
        default="sentence", description="where it was found: the sentence itself, an enclosing heading, the 主送机关 line")


ActorSource = Literal["sentence", "object", "agent", "tag", "carried", "heading", "addressee", "document"]


class Actor(_Frozen):
    """Who must act on a requirement, as written, with where it was read and, when the data can
    tell, the organization it names (issue 19: ordered choice with evidence)."""

    text: str = Field(description="the actor as written, with its modifiers and coordinations")
    span: Span
    raw_span: Span
    source: ActorSource = Field(description=(
        "sentence: the clause's own subject before the modal word; object: the party a clause-initial "
        "鼓励/支持/允许 names; agent: a 由-phrase; tag: a responsibility tag （责任单位：…）/（…负责） or the 牵头单位 cell of a "
        "责任分工 table's row; carried: the "
        "subject of an earlier clause of the same item; heading: the item's heading; addressee: the 主送 line"))
    organization: str | None = Field(default=None, description="normalized function: 省财政厅 → finance department")
    level: Level | None = Field(default=None, description="administrative level the actor's name gives, when it gives one")
    role: str | None = Field(default=None, description="a role rather than a body: 各试点城市 → pilot cities")


class Deadline(_Frozen):
    """When a requirement is due: 于5月10日前, 2017年底前, 在2017年, 每年, 前15天."""

    text: str = Field(description="the phrase as it stands in the normalized text")
    kind: DeadlineKind
    date: str | None = Field(default=None, description="YYYY-MM-DD when it resolves to a day")
    resolved_from: Literal["text", "document_date", "context_year", "body_year", "year_end", "month_end"] | None = Field(
        default=None, description="how the date was completed: as written, year from the notice's date, from the date of a rule "
                                  "before it or the year the body names (taken from Document.dates), last day of year or month")
    span: Span
    raw_span: Span


class Threshold(_Model):
    """A numeric requirement or target."""

    id: str
    requirement: str | None = Field(description="id of the requirement whose clause holds it")
    section: str | None
    text: str = Field(description="the phrase that states it (a sub-clause)")
    span: Span = Field(description="span of ``text``")
    raw_span: Span
    value_text: str = Field(description="the number as written, e.g. '四分之三' or '15-20'")
    value_span: Span
    value_raw_span: Span
    value: float | int | str = Field(description="number; fractions as 4-place decimals; deadlines as YYYY-MM-DD")
    value_max: float | int | None = Field(default=None, description="upper end of a range")
    unit: str | None = Field(description="人 名 个 家 % 比例 日期 元 工作日 月 …; 万/亿 expanded; 个月 → 月, 个工作日 → 工作日")
    per: str | None = Field(default=None, description="what a rate is counted per, '/'-joined: 每人每月500元 → 人/月, 每千人口 → 千人口")
    comparator: Comparator
    kind: ThresholdKind
    subject: str | None = Field(description="what is measured, read off the text")
    condition: str | None = Field(default=None, description="when it applies: 个人会员<2万人, 2018年, 年龄<=45岁")
    baseline: str | None = Field(default=None, description="reference point of a growth target: 2016年底")
    approximate: bool = Field(default=False, description="左右, 约: the figure is approximate")
    hedge: str | None = Field(default=None, description="softening word before it: 一般, 原则上, 争取")
    comparator_word: str | None = Field(default=None, description="the word that fixed the comparator; None when inferred")
    note: str | None = None


class ReportedFigure(_Model):
    """A number a document reports as a fact, not a rule: 全年地区生产总值比上年增长8.2%.

    Statistical bulletins (统计公报) and the reporting sentences of work reports state what was,
    not what must be; their figures are kept here, queryable, and are not thresholds. A
    bulletin's definition of what it counts (统计范围为年主营业务收入2000万元及以上的企业) stays a
    threshold.
    """

    id: str
    section: str | None
    reason: Literal["statistical_report", "reported_sentence", "review_section"] = Field(
        description="the whole document reports statistics (统计公报), this sentence reports a result (比上年增长, 累计完成), "
                    "or it stands under a heading that reviews the past (发展基础, 取得的成就)")
    text: str = Field(description="the phrase that states it (a sub-clause)")
    span: Span
    raw_span: Span
    value_text: str
    value_span: Span
    value_raw_span: Span
    value: float | int | str
    value_max: float | int | None = None
    unit: str | None
    per: str | None = None
    comparator: Comparator = Field(description="as for a threshold: 增长超过10% is '>'")
    kind: ThresholdKind
    subject: str | None
    baseline: str | None = None


DateKind = Literal["deadline", "effective", "expiry", "period", "period_end", "event", "holiday", "workday",
                   "recurring", "date_bound"]


class DateRule(_Model):
    """A date a rule of the notice sets, with what it sets (extract/dates.py).

    ``date`` is the day (YYYY-MM-DD): the last day of a range, of a month or year named alone
    (2020年底 → 2020-12-31); None where the text fixes no calendar day (自印发之日起施行, 每年4月1日).
    """

    id: str
    section: str | None
    requirement: str | None = Field(default=None, description="id of the requirement whose text holds the date")
    kind: DateKind = Field(description="deadline (…前), effective (…起施行), expiry, period (自…至…), period_end (…起至…), "
                                       "event (召开), holiday (放假), workday (调休上班), recurring (每年…), date_bound (…以后出生)")
    comparator: Literal["<=", ">=", "==", "range"]
    date: str | None
    date_from: str | None = Field(default=None, description="first day of a range")
    time: str | None = Field(default=None, description="HH:MM when the text gives a time of day")
    resolved_from: Literal["text", "context_year", "document_date", "body_year", "month_end", "year_end", "print_date"] | None = Field(
        default=None, description="how the year or day was completed: written, the year of the last full date before it, "
                                  "the notice's date, the latest year its body names when it has no date of its own, "
                                  "the last day of the month or year; 自印发之日起 from the date the notice says it was "
                                  "printed (…印发)")
    text: str = Field(description="the date phrase with the words that say what it sets")
    span: Span
    raw_span: Span


class Citation(_Model):
    """A reference to a document: a 《title》, a 发文字号, or both standing together."""

    id: str
    section: str | None
    role: CitationRole = Field(description="cites another document; self = the document's own 发文字号; encloses = 印发《X》 of an attachment")
    title: str | None
    doc_number: str | None
    issuer_code: str | None = Field(default=None, description="机关代字 of the 发文字号: 中发, 国办发, 穗府办规")
    issuer: str | None = Field(default=None, description="body resolved from the 代字 where known")
    year: int | None = None
    serial: int | None = None
    nested_in: str | None = Field(default=None, description="id of the citation whose title contains this one")
    span: Span
    raw_span: Span
    title_span: Span | None = None
    title_raw_span: Span | None = None
    doc_number_span: Span | None = None
    doc_number_raw_span: Span | None = None


class Requirement(_Model):
    """A clause of a notice that asks something of someone."""

    id: str
    section: str | None
    clauses: list[str]
    text: str
    span: Span
    raw_span: Span
    modality: Modality
    trigger: str | None = Field(description="the modal word; None for an imperative item without one (obligation implied)")
    trigger_span: Span | None = None
    actor: Actor | None
    action: str | None
    deadline: Deadline | None = None
    condition: Located | None = None
    thresholds: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: SourceRecord
    raw_text: str
    text: str
    edits: list[Edit]
    layers: list[Layer]
    metadata: Metadata
    parts: list[Part]
    sections: list[Section]
    clauses: list[Clause]
    requirements: list[Requirement] = Field(default_factory=list)
    thresholds: list[Threshold] = Field(default_factory=list)
    figures: list[ReportedFigure] = Field(default_factory=list, description="numbers reported as facts, not rules (统计公报)")
    citations: list[Citation] = Field(default_factory=list)
    dates: list[DateRule] = Field(default_factory=list, description="dates the notice's rules set: deadlines, entry into force, "
                                                                 "periods, events, holidays")
    issues: list[Issue]
    status: Status


# --- year-over-year diff ------------------------------------------------------------------

Relation = Literal["unchanged", "reworded", "modified", "moved", "split", "merged"]


class DocRef(_Frozen):
    doc_id: str
    title: str | None
    path: str | None
    date: str | None


class ItemRef(_Frozen):
    """A numbered point of one side of a diff."""

    section: str = Field(description="section id")
    path: list[str]
    label: str
    heading: str | None = Field(description="title of the enclosing heading, e.g. 学会年度改革基本任务")
    text: str
    span: Span
    raw_span: Span


class TextOp(_Frozen):
    """One step of the character-level diff of a pair."""

    op: Literal["equal", "insert", "delete", "replace"]
    old: str
    new: str


class DiffPair(_Model):
    old: ItemRef
    new: ItemRef
    relation: Relation
    strength: Literal["strong", "partial"] = Field(description="strong: the new point carries the main requirement; partial: a secondary clause")
    score: float = Field(description="content similarity used for the alignment, 0..1")
    char_ratio: float = Field(description="difflib ratio of the two texts (autojunk off)")
    changes: list[str]
    ops: list[TextOp]


class ThresholdSide(_Frozen):
    id: str
    text: str
    subject: str | None
    comparator: Comparator
    value: float | int | str
    value_max: float | int | None
    unit: str | None
    condition: str | None
    baseline: str | None
    hedge: str | None
    comparator_word: str | None
    summary: str = Field(description="one line: subject comparator value unit if condition vs baseline")


class ThresholdChange(_Model):
    kind: Literal["changed", "added", "removed", "unchanged"]
    subject: str | None
    fields: list[str] = Field(description="what differs: value, comparator, condition, baseline, hedge, comparator_word …")
    old: ThresholdSide | None
    new: ThresholdSide | None


class DiffReport(_Model):
    schema_version: str = SCHEMA_VERSION
    old: DocRef
    new: DocRef
    pairs: list[DiffPair]
    added: list[ItemRef] = Field(description="new points with no old counterpart")
    removed: list[ItemRef] = Field(description="old points with no new counterpart")
    threshold_changes: list[ThresholdChange]
    threshold_unchanged: list[ThresholdChange]
