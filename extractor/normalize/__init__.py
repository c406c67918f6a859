"""Decoded source → normalized text, with an edit log and layers.

>>> n = normalize_text("您的位置:新文秘網(wǎng)>>正文\\n（一）指導(dǎo)思想。堅持黨的領導。")
>>> n.aligned.text
'您的位置:新文秘网>>正文\\n(一)指导思想。坚持党的领导。'
>>> [(m.kind, m.rule) for m in n.layers]
[('furniture', 'breadcrumb'), ('body', 'body')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.errors import issue
from extractor.model import Issue, Script
from extractor.normalize import text as stages
from extractor.normalize.layers import Mark, find_chrome, find_duplicate_title, find_toc, merge_marks
from extractor.normalize.offsets import AlignedText


@dataclass(frozen=True)
class Context:
    """Decisions made once for a whole document. Re-normalizing a slice of the source
    under the same context reproduces the same slice of the text."""

    script: Script
    page_breaks: bool
    wrap_width: int = 0  # the width a plain text is hard-wrapped at (0: not wrapped)


@dataclass
class Normalized:
    aligned: AlignedText
    layers: list[Mark]
    script: Script
    context: Context
    html_meta: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    content_region: str | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def body_ranges(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in self.layers if m.kind == "body"]


def _char_stages(aligned: AlignedText, issues: list[Issue], context: Context | None = None,
                 unwrap: bool = False) -> tuple[AlignedText, Context]:
    aligned = aligned.apply(stages.fix_newlines_and_controls(aligned.text))
    aligned = aligned.apply(stages.fold_width(aligned.text))
    aligned = aligned.apply(stages.trim_line_edges(aligned.text))
    gloss = stages.drop_pinyin(aligned.text)
    if gloss:
        issues.append(issue("W108", "normalize", f"{len(gloss)} pinyin glosses removed"))
        aligned = aligned.apply(gloss)
    script, trad, simp = stages.detect_script(aligned.text)
    if context is not None:
        script = context.script
    if script != "simplified":
        conv = stages.to_simplified(aligned.text)
        issues.append(issue("W110", "normalize", f"{script} script ({trad} traditional-only, {simp} simplified-only characters); {len(conv)} characters converted t2s"))
        aligned = aligned.apply(conv)
    # plain text only (HTML line breaks are blocks); a slice re-normalized under its document's context
    # joins at the document's width, which a slice is too short to show
    if context is not None:
        wrapped, width = stages.join_wrapped_lines(aligned.text, context.wrap_width) if context.wrap_width else ([], 0)
    else:
        wrapped, width = stages.join_wrapped_lines(aligned.text) if unwrap else ([], 0)
    if wrapped:
        issues.append(issue("W116", "normalize", f"text hard-wrapped at about {width} characters: {len(wrapped)} line breaks inside paragraphs joined"))
        aligned = aligned.apply(wrapped)
    pages = stages.join_page_breaks(aligned.text, known=context is not None and context.page_breaks)
    if pages:
        issues.append(issue("W107", "normalize", f"{len(pages)} preview page numbers removed; words split across pages joined"))
        aligned = aligned.apply(pages)
    ocr = stages.repair_ocr(aligned.text, is_slice=context is not None)
    if ocr:
        issues.append(issue("W106", "normalize", f"{len(ocr)} OCR errors repaired"))
        aligned = aligned.apply(ocr)
    for m in stages.find_garbled(aligned.text):
        span = (m.start(), m.end())
        issues.append(aligned.build(issue, "W105", "normalize", f"garbled characters {m.group(0)!r}", span=span))
    return aligned, Context(script, bool(pages) or (context is not None and context.page_breaks), width)


def normalize_text(raw: str, context: Context | None = None) -> Normalized:
    """Normalize plain text (also text pasted from a page: chrome phrases are found).

    ``context`` replays the document-level decisions of an earlier run (used to
    re-normalize a slice of a document)."""
    issues: list[Issue] = []
    aligned, ctx = _char_stages(AlignedText(raw), issues, context, unwrap=True)
    layers = _label(aligned.text, [(0, len(aligned.text))], [])
    return Normalized(aligned, layers, ctx.script, ctx, issues=issues)


def normalize_html(raw: str) -> Normalized:
    """Normalize an HTML page or fragment."""
    # imported here: a plain-text notice never loads the HTML reader (its patterns, lxml's parser
    # and its types are start-up a short ``polex extract`` of a .txt notice does not need; issue 18)
    from extractor.normalize.html import extract_html

    hr = extract_html(raw)
    issues = list(hr.issues)
    aligned, ctx = _char_stages(hr.aligned, issues)
    base: list[Mark] = []
    for kind, rule, rs, re_ in hr.layers:
        s, e = aligned.to_text_span(rs, re_)
        if e > s:
            base.append(Mark(kind, rule, s, e))
    body = [(m.start, m.end) for m in merge_marks(len(aligned.text), base, []) if m.kind == "body"]
    layers = _label(aligned.text, body, base)
    return Normalized(aligned, layers, ctx.script, ctx, hr.meta, hr.content_region, issues)


def _label(text: str, body: list[tuple[int, int]], base: list[Mark]) -> list[Mark]:
    found = find_chrome(text, body) + find_duplicate_title(text, body) + find_toc(text, body)
    return merge_marks(len(text), base, found)


def looks_like_html(text: str) -> bool:
    """True when the decoded input is an HTML page or fragment.

    >>> looks_like_html('<div class="wrap"><p>通知</p></div>'), looks_like_html('一、总体要求')
    (True, False)
    """
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(re.findall(r"</?(?:p|div|table|td|span|br|body|a)\b", text[:20000], re.I)) >= 3
