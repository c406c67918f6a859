"""The hand-checked corpus-dev gold, read again after the changes real copies of a notice go through.

A notice polex has never seen differs from the corpus in ways that can be named: another script,
another encoding, a portal's lines around it, its title wrapped, its paragraphs run together, an
unknown CMS, another way of marking paragraphs. Each perturbation below rewrites the 34 gold notices
in one such way (derived renditions of real notices, labelled so) and scores them against the same
gold with ``polex eval``'s scorers. A perturbation that costs nothing prints the unperturbed figures.

Run: .venv/bin/python bench/eval_perturbations.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpus-dev"

_HEAD = "当前位置：首页 > 政务公开 > 通知公告\n【字体：大 中 小】　【打印本页】　【关闭窗口】\n阅读次数：1523　　发布时间：2021-06-18 09:30\n"
_TAIL = "\n分享到：微信 微博 QQ空间\n上一篇：关于开展安全生产检查的通知\n下一篇：关于做好值班工作的通知\n主办单位：某某市人民政府办公室　网站标识码：3601000001\n"
_FULL_WIDTH = str.maketrans("0123456789.%()", "０１２３４５６７８９．％（）")


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _wrap_title(text: str, title: str | None) -> str:
    """The title line broken in two at its middle, as printed titles and their copies are."""
    if not title or len(title) < 12 or title not in text:
        return text
    i = text.index(title) + len(title) // 2
    return text[:i] + "\n" + text[i:]


def _hard_wrap(text: str, width: int) -> str:
    """Every line longer than ``width`` broken every ``width`` characters, as a PDF's text layer is."""
    return "\n".join("\n".join(line[i:i + width] for i in range(0, len(line), width)) or line for line in text.split("\n"))


_CN = "一二三四五六七八九十"


def _restyle_markers(text: str) -> str:
    """Paragraph numbers in the other styles offices use: 一、→ 一． (一)→ half-width, 1. ↔ 1、"""
    text = re.sub(rf"(?m)^(\s*)([{_CN}]{{1,3}})、", r"\1\2．", text)
    text = re.sub(rf"(?m)^(\s*)（([{_CN}]{{1,3}})）", r"\1(\2)", text)
    text = re.sub(r"(?m)^(\s*)(\d{1,2})[.．](?!\d)", r"\1\2、", text)
    return text


def _cn_numeral_date(m: re.Match) -> str:
    digits = "〇一二三四五六七八九"
    year = "".join(digits[int(c)] for c in m.group(1))
    def small(n: int) -> str:
        return ("" if n < 10 else ("十" if n < 20 else digits[n // 10] + "十")) + (digits[n % 10] if n % 10 or n < 10 else "")
    return f"{year}年{small(int(m.group(2)))}月{small(int(m.group(3)))}日"


def _signature_date_in_words(text: str) -> str:
    """The last date line (the signature's) in Chinese numerals: 2018年4月23日 → 二〇一八年四月二十三日,
    as 红头 documents print it."""
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*", lines[i]):
            lines[i] = re.sub(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", _cn_numeral_date, lines[i])
            break
    return "\n".join(lines)


def _signature_one_line(text: str) -> str:
    """The signature's date set on the signature's own line, as a right-aligned block is copied."""
    lines = text.split("\n")
    for i in range(len(lines) - 1, 0, -1):
        if re.fullmatch(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*", lines[i]) and lines[i - 1].strip():
            return "\n".join(lines[:i - 1] + [lines[i - 1].rstrip() + "　　" + lines[i].strip()] + lines[i + 1:])
    return text


def _signature_date_iso(text: str) -> str:
    """The signature's date as sites write dates: 2018-04-23."""
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        m = re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*", lines[i])
        if m:
            lines[i] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            break
    return "\n".join(lines)


def _table_layout(text: str) -> str:
    """Each run of paragraphs of the page inside a layout table's cell, as older CMSes (and Word's
    "save as web page") lay a notice out."""
    return re.sub(r"(?is)(?:<p[\s>](?:(?!</p>).)*</p>\s*){2,}",
                  lambda m: f'<table width="100%" border="0"><tr><td class="bt_content">{m.group(0)}</td></tr></table>', text)


def _p_as_br(text: str) -> str:
    return re.sub(r"</p>\s*<p[^>]*>", "<br/>", text, flags=re.I)


def _word_spans(text: str) -> str:
    return re.sub(r"(<p[^>]*>)(.*?)(</p>)", r'\1<font face="仿宋"><span>\2</span></font>\3', text, flags=re.I | re.S)


def _gbk_undeclared(text: str) -> bytes:
    """Encoded in GB18030 with every charset declaration removed (a mirror that re-saved the page)."""
    text = re.sub(r"(?i)(<meta[^>]*?)charset\s*=\s*[\"']?[\w-]+[\"']?", r"\1", text)
    return text.encode("gb18030", "replace")


def _red_head(text: str, issuer: str | None, number: str | None) -> str:
    """The 红头 of a printed notice above the title: 发文机关标志 (XX文件) and the 发文字号 (GB/T 9704)."""
    if not issuer:
        return text
    return f"{issuer}文件\n\n{number or ''}\n\n" + text.lstrip()


def _print_footer(text: str, issuer: str | None) -> str:
    """What follows the signature of a printed notice: 此件公开发布, then the 版记 with 抄送 and the
    印发 line, whose date is the printing's, not the notice's (GB/T 9704)."""
    return (text.rstrip() + "\n（此件公开发布）\n\n抄送：省委办公厅，省人大常委会办公厅，省政协办公厅。\n"
            + f"{issuer or '省政府办公厅'}　　　　　　2031年12月31日印发\n")


def _page_numbers(text: str) -> str:
    """Page numbers of a PDF's text layer (— 2 —) on lines of their own every 20 lines."""
    lines = text.split("\n")
    return "\n".join(ln + (f"\n— {i // 20 + 1} —" if i % 20 == 19 else "") for i, ln in enumerate(lines))


# name → (applies to html / txt, rewrite(text, facts) → text or bytes, what it stands for); facts: the gold's
# issuer and 发文字号, the title polex reads (the rewrite places them as a printed notice does)
PERTURBATIONS: dict[str, tuple[tuple[str, ...], Callable[[str, dict], str | bytes], str]] = {
    "traditional script (OpenCC s2t)": (("txt", "html"), lambda t, _: _s2t(t), "a Hong Kong, Taiwan or 繁体 repost"),
    "full-width digits and brackets": (("txt",), lambda t, _: t.translate(_FULL_WIDTH), "a Word or PDF copy"),
    "portal lines around the notice": (("txt",), lambda t, _: _HEAD + t.rstrip() + _TAIL, "text copied with the page"),
    "title wrapped over two lines": (("txt",), lambda t, g: _wrap_title(t, g["title"]), "a 红头 title and its copies"),
    "paragraphs run together": (("txt",), lambda t, _: re.sub(r"\n+", "", t), "a page pasted as one paragraph"),
    "lines hard-wrapped at 30 characters": (("txt",), lambda t, _: _hard_wrap(t, 30), "the text layer of a PDF"),
    "paragraph numbers restyled": (("txt",), lambda t, _: _restyle_markers(t), "another office's house style"),
    "signature date in Chinese numerals": (("txt",), lambda t, _: _signature_date_in_words(t), "a 红头 document's date"),
    "signature and its date on one line": (("txt",), lambda t, _: _signature_one_line(t), "a right-aligned block copied"),
    "signature date written 2018-04-23": (("txt",), lambda t, _: _signature_date_iso(t), "a site's way of writing dates"),
    "double-spaced lines": (("txt",), lambda t, _: t.replace("\n", "\n\n"), "a copy with a blank line after each line"),
    "GB18030, charset undeclared": (("txt", "html"), lambda t, _: _gbk_undeclared(t), "a mirror that re-saved the page"),
    "红头: XX文件 and 发文字号 above the title": (("txt",), lambda t, g: _red_head(t, g.get("issuer"), g.get("doc_number")),
                                                 "a printed notice's head"),
    "版记: 此件公开发布, 抄送, 印发 date": (("txt",), lambda t, g: _print_footer(t, g.get("issuer")), "a printed notice's foot"),
    "page numbers (— 2 —) every 20 lines": (("txt",), lambda t, _: _page_numbers(t), "the text layer of a PDF"),
    "a PDF's text layer: wrapped at 30, paged": (("txt",), lambda t, _: _page_numbers(_hard_wrap(t, 30)), "both, as pdftotext gives it"),
    "all at once: 繁体 PDF layer with 红头 and 版记, on a portal": (
        ("txt",), lambda t, g: _HEAD + _page_numbers(_hard_wrap(_s2t(_print_footer(_red_head(t, g.get("issuer"), g.get("doc_number")),
                                                                                    g.get("issuer"))).translate(_FULL_WIDTH), 30)) + _TAIL,
        "a scanned and reposted copy"),
    "<p> paragraphs as <br> lines": (("html",), lambda t, _: _p_as_br(t), "another CMS"),
    "paragraph text in <font><span>": (("html",), lambda t, _: _word_spans(t), "a Word paste"),
    "paragraphs in a layout table": (("html",), lambda t, _: _table_layout(t), "an older CMS, or Word's web page"),
    "all at once: 繁体 Word paste in a table, GB18030": (
        ("html",), lambda t, _: _gbk_undeclared(_s2t(_table_layout(_word_spans(t)))), "a mirror of an older site"),
}


def _score(doc, gold: dict) -> dict[str, tuple[int, int, int]]:  # noqa: ANN001
    from extractor.views.evaluate import score_citations, score_dates, score_items, score_metadata, score_thresholds

    out = {}
    for name, key, fn in (("items", "numbered_items", score_items), ("thresholds", "thresholds", score_thresholds),
                          ("citations", "citations", score_citations), ("dates", "deadlines", score_dates)):
        if key in gold:
            out[name] = fn(doc, gold)[:3]
    for name, (ok, _) in score_metadata(doc, gold).items():
        out[name] = (int(ok), 1, 1)
    return out


def _add(total: dict, part: dict) -> None:
    for k, (m, p, g) in part.items():
        a = total.setdefault(k, [0, 0, 0])
        a[0] += m
        a[1] += p
        a[2] += g


def _row(label: str, n: int, t: dict, fields: list[str]) -> str:
    def cell(k: str) -> str:
        if k not in t:
            return f"{'-':>9}"
        m, p, g = t[k]
        return f"{m:>4}/{g:<4}"
    return f"{label:<40} {n:>4}  " + " ".join(cell(k) for k in fields)


def main() -> None:
    from extractor.pipeline import extract_bytes
    from extractor.normalize import chrome

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DEV / "gold").glob("*.json"))]
    fields = ["items", "thresholds", "citations", "dates", "title", "issuer", "level", "date", "doc_number"]
    print("corpus-dev gold, 34 real notices; each row rewrites them one way (derived renditions) and scores the result.")
    print("figures: matched/gold (metadata: right/annotated)\n")
    print(f"{'':<40} {'docs':>4}  " + " ".join(f"{k[:9]:>9}" for k in fields))
    docs = []
    for g in golds:
        path = DEV / g["file"]
        data = path.read_bytes()
        doc = extract_bytes(data, path=path.name)
        kind = "html" if path.suffix.startswith(".htm") else "txt"
        docs.append((g, path, data, kind, doc))
    base: dict = {}
    for g, _, _, _, doc in docs:
        _add(base, _score(doc, g))
    print(_row("as published", len(docs), base, fields))
    for name, (kinds, rewrite, _) in PERTURBATIONS.items():
        total: dict = {}
        before: dict = {}
        n = 0
        for g, path, data, kind, doc in docs:
            if kind not in kinds:
                continue
            text = data.decode("utf-8", "replace")
            title = doc.metadata.title.value if doc.metadata.title and isinstance(doc.metadata.title.value, str) else None
            changed = rewrite(text, {**g, "title": title})
            _add(before, _score(doc, g))
            data2 = changed if isinstance(changed, bytes) else changed.encode("utf-8")
            _add(total, _score(extract_bytes(data2, path=path.name), g))
            n += 1
        print(_row(f"  {name} (was)", n, before, fields))
        print(_row(f"  {name}", n, total, fields))
    # an unknown CMS: every site adapter switched off
    saved = chrome.CONTENT_SELECTORS, chrome.TITLE_SELECTORS
    chrome.CONTENT_SELECTORS, chrome.TITLE_SELECTORS = (), ()
    combined = PERTURBATIONS["all at once: 繁体 Word paste in a table, GB18030"][1]
    try:
        total, both, before, n = {}, {}, {}, 0
        for g, path, data, kind, doc in docs:
            if kind == "html":
                _add(before, _score(doc, g))
                _add(total, _score(extract_bytes(data, path=path.name), g))
                _add(both, _score(extract_bytes(combined(data.decode("utf-8", "replace"), g), path=path.name), g))  # type: ignore[arg-type]
                n += 1
    finally:
        chrome.CONTENT_SELECTORS, chrome.TITLE_SELECTORS = saved
    print(_row("  every site adapter off (was)", n, before, fields))
    print(_row("  every site adapter off", n, total, fields))
    print(_row("  adapters off and all at once", n, both, fields))


if __name__ == "__main__":
    main()
