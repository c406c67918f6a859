"""Score extraction against a gold folder: numbered items, metadata, thresholds, citations.

The gold format is the one of ``../shared/gold`` and ``../shared/corpus-dev/gold`` (their
README gives it): one JSON file per document whose ``file`` names the document relative to the
corpus root. A ``MANIFEST.json`` (corpus or corpus-dev) scores the metadata of every document
it lists. Gold strings are written as in the source (traditional, full-width); both sides are
compared after the same folding polex applies (width table, OpenCC t2s) and without white space.

Matching rules, per document:

* items: greedy in document order; a gold item matches an unused extracted item with the same
  normalized path whose text starts with the gold ``first_chars`` (or the other way round);
* thresholds: a multiset match on (comparator, value, value_max, unit); ``ambiguous`` gold
  entries accept ``>`` for ``>=``; ``count: N`` stands for N entries. Where the gold keeps
  calendar dates apart (a ``deadlines`` key), extracted thresholds in unit 日期 are not scored
  as thresholds;
* citations: the set of distinct titles;
* dates (where the gold has ``deadlines``): an extracted date overlapping the gold quote with the
  same day (and the same first day of a gold range) matches; the kind is reported, not required;
* metadata: title, issuer (the set of joint issuers), level, date and 发文字号. Where the gold
  says null, null or a value flagged as not read from the document itself counts as right.

Rules that keep the metadata comparison fair (each one met in ../shared/corpus-dev; none of
them accepts a value that names another title, body, level, date or number):

* English annotator notes in parentheses are not part of a value: MANIFEST 019 writes the issuer
  '广州市民政局 (来源; republished by 广州市增城区人民政府门户网站)', 071 '科学技术处 (of an
  unnamed Jiangsu university; …)'. A trailing ' (…)' holding Latin words is dropped.
* Injected pinyin is not part of a value: MANIFEST 032 records the number as printed,
  '國辦發(fā)〔2016〕80號'; the gloss '(fā)' after a Han character is dropped, as polex's
  normalization drops it from the text.
* Traditional and simplified script, widths and white space compare equal (``norm``).
* A body's short and full name are the same body (``data.doc_codes.SHORT_FORMS``): the gold
  README wants the full form (021: 质监局 → 质量技术监督局), yet gold 012 keeps the printed
  江西省市场监管局办公室; both sides are compared in full form. A proxy seal '（X代章）' after an
  issuer (MANIFEST 037) names who stamped, not who issued; it is dropped on both sides.
* Where the gold says null and gives an ``*_inferred`` value (MANIFEST 032, 053, 061: the text
  has it only in a form the annotator would not count as printed), that value counts as right
  as well as null or a value flagged inferred.
* A MANIFEST level follows the corpus-dev README: ``district`` is county, and a ``university``
  or 学会 body has no administrative level (the MANIFEST writes 'national' for the 学会 of 043,
  044 and 072 although its README says they have none; gold 043 says null).
* A MANIFEST scored next to a gold folder (``gold/`` beside it) takes the hand-checked gold's
  metadata for the files both annotate; the report says which fields of which files differ.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.model import Document
from extractor.normalize.text import FOLD_TABLE
from extractor.pipeline import extract_path
from extractor.recache import compile_re

META_FIELDS = ("title", "issuer", "level", "date", "doc_number")
_WS = compile_re(r"[\s\u00a0\u3000\u2002]+")
_OPEN = compile_re(r"[〔【\[(（［]")
_CLOSE = compile_re(r"[〕】\])）］]")
_CIRCLED_PAREN = {chr(0x3220 + k): f"（{n}）" for k, n in enumerate("一二三四五六七八九十")}  # ㈠…㈩
_PAREN_DIGIT = {chr(0x2474 + k): f"（{k + 1}）" for k in range(20)}  # ⑴…⒇
_t2s = None


def norm(s: str) -> str:
    """Width-folded, simplified, without white space: how two strings are compared.

    >>> norm("中國科協 （２０１８年）")
    '中国科协(2018年)'
    """
    global _t2s  # noqa: PLW0603 - one OpenCC converter per process, built on first use
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _WS.sub("", _t2s.convert(s.translate(FOLD_TABLE)))


def norm_label(label: str) -> str:
    """One spelling per marker, as the gold README writes paths: ㈠ and (一) → （一）, 01 and [1] → 1,
    一是 and 一要 → 一.

    >>> [norm_label(x) for x in ("㈡", "(二)", "01", "[3]", "⑷", "第十二条", "一", "三是", "二要")]
    ['(二)', '(二)', '1', '3', '(4)', '第十二条', '一', '三', '二']
    """
    label = _CIRCLED_PAREN.get(label, _PAREN_DIGIT.get(label, label))
    label = norm(label)
    m = re.fullmatch(r"\[?0*(\d+)\]?", label) or re.fullmatch(r"([一二三四五六七八九十]+)[是要]", label)
    return m.group(1) if m else label


_LATIN_NOTE = compile_re(r"\s+\([^()]*[A-Za-z]{3,}[^()]*\)\s*$")
_PROXY_SEAL = compile_re(r"[(（][^()（）]{2,30}代章[)）]\s*$")


def clean_gold(value: str | None) -> str | None:
    """A gold value without an annotator's English note or injected pinyin.

    >>> clean_gold("广州市民政局 (来源; republished by 广州市增城区人民政府门户网站)"), clean_gold("國辦發(fā)〔2016〕80號")
    ('广州市民政局', '國辦發〔2016〕80號')
    """
    if value is None:
        return None
    return _PINYIN_GLOSS.sub("", _LATIN_NOTE.sub("", value))


def norm_issuer(s: str) -> str:
    """Joint issuers as a sorted set, each in full form and without a proxy seal.

    >>> norm_issuer("新疆维吾尔自治区质监局") == norm_issuer("新疆维吾尔自治区质量技术监督局")
    True
    >>> norm_issuer("全民科学素质纲要实施工作办公室（中国科协办公厅代章）")
    '全民科学素质纲要实施工作办公室'
    >>> norm_issuer("江西省市场监管局办公室") == norm_issuer("江西省市场监督管理局")
    False
    """
    from extractor.data.doc_codes import expand_short_form

    return "、".join(sorted(expand_short_form(norm(_PROXY_SEAL.sub("", x.strip()))) for x in re.split(r"[、，,]", s) if x.strip()))


def norm_number(s: str) -> str:
    """发文字号 with one bracket form: 赣府厅发[2020]10号 = 赣府厅发〔2020〕10号."""
    return _CLOSE.sub("〕", _OPEN.sub("〔", norm(s)))


@dataclass
class Tally:
    """Counts for one field: matched, extracted and gold (P/R/F1), or right out of total (accuracy)."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    """What one document got right and wrong, for the detailed report."""

    file: str
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Report:
    """Totals per field and the per-document details."""

    source: str
    docs: list[DocScore] = field(default_factory=list)
    totals: dict[str, Tally] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.totals.setdefault(name, Tally())

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "documents": len(self.docs),
            "failed": self.failed,
            "notes": self.notes,
            "fields": {k: {"matched": t.matched, "predicted": t.predicted, "gold": t.gold,
                           "precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4)}
                       for k, t in self.totals.items()},
            "per_document": [{"file": d.file, "counts": d.counts, "misses": d.misses} for d in self.docs],
        }


# -- per field ------------------------------------------------------------------------------

_PINYIN_GLOSS = compile_re(r"(?<=[\u4e00-\u9fff\u3400-\u4dbf])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def score_items(doc: Document, gold: dict) -> tuple[int, int, int, list[str]]:
    """Greedy in-order match of gold items to sections by path and first characters."""
    got = [([norm_label(p) for p in s.path], norm(s.text)) for s in doc.sections]
    used: set[int] = set()
    misses = []
    for it in gold.get("numbered_items") or []:
        path = [norm_label(p) for p in it["path"]]
        # gold quotes keep injected pinyin (corpus-dev 064: 春节(jié)), which normalization removes
        first = norm(_PINYIN_GLOSS.sub("", it.get("first_chars_clean", it.get("first_chars", ""))))[:8]
        for i, (p, t) in enumerate(got):
            if i not in used and p == path and (t.startswith(first) or (t and first.startswith(t))):
                used.add(i)
                break
        else:
            misses.append(f"missing {'/'.join(path)} {first}")
    misses += [f"extra {'/'.join(got[i][0])} {got[i][1][:8]}" for i in range(len(got)) if i not in used]
    gold_n = len(gold.get("numbered_items") or [])
    return len(used), len(got), gold_n, misses


def _num_eq(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(a) == str(b)
    return abs(x - y) <= 1e-4 * max(1.0, abs(x), abs(y))


def _threshold_key(comparator: str, value: object, value_max: object, unit: str | None) -> tuple:
    return comparator, value, value_max, norm(unit or "")


def score_thresholds(doc: Document, gold: dict) -> tuple[int, int, int, list[str]]:
    """Multiset match on comparator, value, value_max and unit."""
    dates_apart = "deadlines" in gold
    # a rate is compared as the gold writes its unit: 个/千人口, 元/生/年, 次/季度 (unit and per joined)
    got = [_threshold_key(t.comparator, t.value, t.value_max, f"{t.unit}/{t.per}" if t.per else t.unit) for t in doc.thresholds
           if not (dates_apart and t.unit == "日期")]
    want: list[tuple[tuple, bool, str]] = []
    for g in gold.get("thresholds") or []:
        key = _threshold_key(g["comparator"], g["value"], g.get("value_max"), g.get("unit"))
        want += [(key, bool(g.get("ambiguous")), g.get("quote", ""))] * int(g.get("count") or 1)
    used: set[int] = set()
    misses = []
    for key, ambiguous, quote in want:
        comparators = {key[0], ">"} if ambiguous and key[0] == ">=" else {key[0]}
        for i, k in enumerate(got):
            if i not in used and k[0] in comparators and _num_eq(k[1], key[1]) and _num_eq(k[2], key[2]) and k[3] == key[3]:
                used.add(i)
                break
        else:
            misses.append(f"missing {key[0]} {key[1]}{'–' + str(key[2]) if key[2] is not None else ''} {key[3]}  «{quote}»")
    misses += [f"extra {k[0]} {k[1]}{'–' + str(k[2]) if k[2] is not None else ''} {k[3]}" for i, k in enumerate(got) if i not in used]
    return len(used), len(got), len(want), misses


def _title_key(t: str) -> str:
    return re.sub(r"[〈〉<>‹›《》]", "", norm(t))


def score_citations(doc: Document, gold: dict) -> tuple[int, int, int, list[str]]:
    """Distinct cited titles."""
    got = {_title_key(c.title) for c in doc.citations if c.title}
    want = {_title_key(c.get("title_clean") or c["title"]) for c in gold.get("citations") or []
            if c.get("title") and not c.get("in_noise")}  # seeds gold: pinyin-free title_clean; titles in site noise
    misses = [f"missing 《{t}》" for t in sorted(want - got)] + [f"extra 《{t}》" for t in sorted(got - want)]
    return len(got & want), len(got), len(want), misses


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where a gold quote (as written in the source) stands in the normalized text, white space
    ignored on both sides; None when it is not there."""
    q = norm(clean_gold(quote) or "")
    if not q:
        return None
    pos = [i for i, ch in enumerate(text) if not ch.isspace()]
    k = "".join(text[i] for i in pos).find(q)
    return (pos[k], pos[k + len(q) - 1] + 1) if k >= 0 else None


def score_dates(doc: Document, gold: dict) -> tuple[int, int, int, list[str]]:
    """The gold's ``deadlines`` against ``Document.dates``: an extracted date matches a gold one when
    its span overlaps the gold quote and it names the same day (both none for 自印发之日起施行) and,
    for a gold range, the same first day. The kind is not required to agree; a match of another
    kind is listed with the misses as ``kind``."""
    got = list(doc.dates)
    used: set[int] = set()
    misses: list[str] = []
    want = gold.get("deadlines") or []
    for g in want:
        where = _quote_span(doc.text, g["quote"])
        hit = None
        if where is not None:
            for i, d in enumerate(got):
                if i not in used and d.span[0] < where[1] and where[0] < d.span[1] and d.date == g.get("date") \
                        and (g.get("date_from") is None or d.date_from == g["date_from"]):
                    hit = i
                    break
        if hit is None:
            misses.append(f"missing {g['kind']} {g.get('date_from') or ''}{'..' if g.get('date_from') else ''}{g.get('date')}  «{g['quote']}»"
                          + ("" if where is not None else " (quote not found in the text)"))
            continue
        used.add(hit)
        if got[hit].kind != g["kind"]:
            misses.append(f"kind {got[hit].kind} for {g['kind']} {g.get('date')}  «{g['quote']}»")
    misses += [f"extra {d.kind} {d.date}  «{d.text}»" for i, d in enumerate(got) if i not in used]
    return len(used), len(got), len(want), misses


def _flagged(f: object) -> bool:
    """A value the reader marks as not read from the notice itself (inferred, a posting date)."""
    return getattr(f, "source", "document") in ("inferred", "site_posting")


def score_metadata(doc: Document, gold: dict) -> dict[str, tuple[bool, str]]:
    """Right or wrong per field, with what was read and what the gold says (module docstring:
    the rules that keep this fair)."""
    md = doc.metadata
    out: dict[str, tuple[bool, str]] = {}

    def judge(name: str, got_field: object, got: str | None, wants: Iterable[str | None], key: Callable[[str], str]) -> None:
        wants = [clean_gold(w) for w in wants if w is not None] or [None]
        inferred = clean_gold(gold.get(f"{name}_inferred"))
        if wants == [None]:
            ok = got is None or _flagged(got_field) or (inferred is not None and key(got) == key(inferred))
        else:
            ok = got is not None and key(got) in {key(w) for w in wants if w is not None}
        out[name] = (ok, f"got {got!r}, gold {wants[0]!r}" + (f" (inferred {inferred!r})" if wants == [None] and inferred else ""))

    if "title" in gold:
        t = md.title.value if md.title else None
        judge("title", md.title, t, [gold["title"], gold.get("title_as_written"), gold.get("title_simplified")]
              if gold["title"] else [None], norm)
    if "issuer" in gold:
        got = "、".join(md.issuer.value) if md.issuer and md.issuer.value else None
        judge("issuer", md.issuer, got, [gold["issuer"], gold.get("issuer_as_written")] if gold["issuer"] else [None], norm_issuer)
    if "level" in gold:
        lv = md.level.value if md.level and md.level.value != "unknown" else None
        # MANIFEST.json: "district is county-level; university and 学会 bodies have no
        # administrative level" (corpus-dev README) — the gold folder already writes county / null
        want = {"district": "county", "university": None}.get(gold["level"], gold["level"])
        if gold.get("issuer_type") in ("学会", "university"):
            want = None
        judge("level", md.level, lv, [want], str)
    if "date" in gold:
        judge("date", md.date, md.date.value if md.date else None, [gold["date"]], str)
    if "doc_number" in gold:
        n = md.doc_number.value if md.doc_number else None
        wants = [gold["doc_number"], gold.get("doc_number_as_written"), gold.get("doc_number_normalized")] if gold["doc_number"] else [None]
        judge("doc_number", md.doc_number, n, wants, norm_number)
    return out


# -- running ----------------------------------------------------------------------------------

def _locate(file: str, docs_dir: Path) -> Path | None:
    p = docs_dir / file
    if p.exists():
        return p
    hits = sorted(docs_dir.rglob(Path(file).name))
    return hits[0] if hits else None


def load_gold(source: Path) -> list[dict]:
    """Gold records from a folder of per-document JSON files or from a MANIFEST.json."""
    if source.is_file():
        entries = json.loads(source.read_text(encoding="utf-8"))
        keep = ("file", "issuer_type", *META_FIELDS, *(f"{f}_{x}" for f in META_FIELDS for x in ("inferred", "as_written", "normalized")))
        return [{k: e[k] for k in keep if k in e} for e in entries]
    out = []
    for p in sorted(source.glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(g, dict) and "file" in g and ("numbered_items" in g or "thresholds" in g or "title" in g):
            out.append(g)
    return out


def _gold_wins(entries: list[dict], gold_dir: Path) -> tuple[list[dict], list[str]]:
    """MANIFEST entries with the metadata of the hand-checked gold where both annotate a file, and
    a note for every field on which they differ (corpus-dev 043: MANIFEST level 'national', gold
    null for a 学会; 062/063: MANIFEST title null, gold the printed title)."""
    by_name = {Path(g["file"]).name: g for g in load_gold(gold_dir)}
    out, notes = [], []
    for e in entries:
        g = by_name.get(Path(e["file"]).name)
        if g is None:
            out.append(e)
            continue
        merged = {k: v for k, v in e.items() if not any(k == f or k.startswith(f + "_") for f in META_FIELDS)}
        merged.update({k: v for k, v in g.items() if any(k == f or k.startswith(f + "_") for f in META_FIELDS)})
        differ = [f for f in META_FIELDS if f in e and e.get(f) != g.get(f)]
        if differ:
            notes.append(f"{e['file']}: the hand-checked gold ({gold_dir.name}/) wins over the MANIFEST on {', '.join(differ)}")
        out.append(merged)
    return out, notes


def evaluate(source: str | Path, docs_dir: str | Path | None = None,
             extract: Callable[[Path], Document] = extract_path) -> Report:
    """Run the pipeline on every document the gold names and score it.

    ``docs_dir`` defaults to the folder above the gold folder (or the MANIFEST's own folder, and
    its ``docs/`` beside it).
    """
    source = Path(source)
    base = Path(docs_dir) if docs_dir else (source.parent if source.is_file() else source.parent)
    report = Report(str(source))
    golds = load_gold(source)
    if source.is_file() and (source.parent / "gold").is_dir():
        golds, report.notes = _gold_wins(golds, source.parent / "gold")
    for gold in golds:
        path = _locate(gold["file"], base)
        if path is None:
            report.failed.append(f"{gold['file']}: not found under {base}")
            continue
        try:
            doc = extract(path)
        except Exception as e:  # noqa: BLE001 - a scoring run reports a document it could not read and goes on
            report.failed.append(f"{gold['file']}: {type(e).__name__}: {e}")
            continue
        if doc.status == "failed":  # scored as read (empty past the failing stage), and said, never hidden
            err = next((i.message for i in doc.issues if i.severity == "error"), "status failed")
            report.failed.append(f"{gold['file']}: failed, scored as empty past the failure: {err}")
        ds = DocScore(gold["file"])
        scorers = (("items", "numbered_items", score_items), ("thresholds", "thresholds", score_thresholds),
                   ("citations", "citations", score_citations), ("dates", "deadlines", score_dates))
        for name, key, fn in scorers:
            if key in gold:
                m, p, g, misses = fn(doc, gold)
                report.tally(name).add(m, p, g)
                ds.counts[name] = (m, p, g)
                if misses:
                    ds.misses[name] = misses
        for name, (ok, why) in score_metadata(doc, gold).items():
            report.tally(name).add(int(ok), 1, 1)
            ds.counts[name] = (int(ok), 1, 1)
            if not ok:
                ds.misses[name] = [why]
        report.docs.append(ds)
    return report


def render_report(report: Report, details: bool = False) -> str:
    """A table: P/R/F1 for matched fields, accuracy for metadata fields."""
    lines = [f"{report.source}: {len(report.docs)} documents" + (f", {len(report.failed)} not scored or failed" if report.failed else "")]
    lines.append(f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6}   {'matched/extracted/gold'}")
    for name, t in report.totals.items():
        if name in META_FIELDS:
            lines.append(f"{name:<12} {'':>9} {'':>7} {t.recall:>6.2f}   {t.matched}/{t.gold} right")
        else:
            lines.append(f"{name:<12} {t.precision:>9.2f} {t.recall:>7.2f} {t.f1:>6.2f}   {t.matched}/{t.predicted}/{t.gold}")
    lines += [f"not scored or failed: {f}" for f in report.failed]
    lines += [f"note: {n}" for n in report.notes]
    if details:
        for d in report.docs:
            if d.misses:
                lines.append(f"\n{d.file}")
                for name, ms in d.misses.items():
                    lines += [f"  {name}: {m}" for m in ms]
    return "\n".join(lines)

