"""Every serialized type of polex, and the only place their fields are defined.

The JSON a user reads (``polex extract --format json``), the golden files and the
JSON Schema in ``schemas/`` are all generated from these models.

Spans are half-open ``[start, end)`` code-point offsets: ``span`` into ``Document.text``
(the normalized text), ``raw_span`` into ``Document.raw_text`` (the decoded source,
never modified).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
"""A half-open ``[start, end)`` pair of code-point offsets."""

Level = Literal["national", "provincial", "municipal", "county", "unknown"]
Script = Literal["simplified", "traditional", "mixed"]
Severity = Literal["info", "warning", "error"]
Stage = Literal["decode", "html", "normalize", "segment", "metadata", "pipeline"]
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
    "num_dot",  # 1. 1、 1．
    "num_paren",  # （1） (1)
    "circled",  # ① ⑴ ㈠
]
SectionKind = Literal["heading", "item"]
PartKind = Literal["notice", "attachment", "document"]


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
    doc_number: TextField | None = None
    doc_type: TextField | None = None
    script: Script
    truncated: FlagField


class SourceRecord(_Model):
    path: str | None = None
    url: str | None = None
    sha256: str
    size: int
    media_type: Literal["text/plain", "text/html"]
    encoding: str
    encoding_source: str = Field(description="bom | http_header | meta | utf8 | sniffed | fallback")
    declared_encoding: str | None = None


class Part(_Frozen):
    """A document inside the file: a covering notice and each attached document."""

    index: int
    kind: PartKind
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
    issues: list[Issue]
    status: Status
