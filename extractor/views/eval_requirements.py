"""Score extracted requirements against a requirement gold folder (corpus-dev ``gold-req/``).

The gold format and its conventions are in ``corpus-dev/gold-req/README.md``: one record per
clause that states a duty, prohibition, recommendation, encouragement or permission, with the
quote (a substring of the page's visible text), the modality, the trigger word, the actor
and where the actor comes from. Scoring follows the README:

- a predicted requirement matches a gold record when its span covers most of the gold quote
  or starts in the same clause;
- ``borderline`` records are optional (neither a miss nor a false positive);
- a ``secondary`` construction of the same clause is an accepted reading for modality and
  actor, and a prediction made for it is neither a hit nor a false positive;
- clause-initial 积极 may be read as encouragement or as an ``(imperative)`` obligation;
- for a ``partial`` file, predictions after the end of ``annotated_until`` are dropped;
- figures with and without the ``tag`` records (（责任单位：…）);
- actors exactly (canonical form: width folded, no white space) and leniently (one contains
  the other; the responsibility tag of the same item also counts), split by the gold actor's
  source: the clause's own subject, carried from an earlier sentence, the 主送 line, null.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.model import Document, Requirement

# the fold of extractor.normalize.text, repeated here so that views need not import a stage:
# full-width brackets, digits, letters and spaces as the normalizer folds them
_FOLD = {**{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in "，；：！？"},
         0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " "}


def canon(s: str) -> str:
    """A string compared across the page's visible text and the normalized text: width folded,
    white space dropped.

    >>> canon("（责任单位：省财政厅 ）")
    '(责任单位：省财政厅)'
    """
    return "".join(ch for ch in s.translate(_FOLD) if not ch.isspace())


def is_gold_req_folder(path: str | Path) -> bool:
    """True when ``path`` holds requirement gold files (``{"file", "requirements": [{"quote", "modality"}]}``)."""
    p = Path(path)
    if not p.is_dir():
        return False
    for f in sorted(p.glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        reqs = d.get("requirements") if isinstance(d, dict) else None
        if isinstance(reqs, list) and reqs and isinstance(reqs[0], dict) and "quote" in reqs[0] and "modality" in reqs[0]:
            return True
    return False


def load_gold_req(folder: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """(gold file, record) pairs of a gold-req folder, in name order."""
    out = []
    for f in sorted(Path(folder).glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(d, dict) and isinstance(d.get("requirements"), list) and d.get("file"):
            out.append((f, d))
    return out


class _Canon:
    """The document's text in canonical form, with the map back to text offsets."""

    def __init__(self, text: str) -> None:
        chars, pos = [], []
        for i, ch in enumerate(text.translate(_FOLD)):
            if not ch.isspace():
                chars.append(ch)
                pos.append(i)
        self.s = "".join(chars)
        self.pos = pos
        self.n = len(text)

    def find(self, quote: str, after: int = 0) -> tuple[int, int] | None:
        """Text span of the first occurrence of ``quote`` at or after text offset ``after``."""
        q = canon(quote)
        if not q:
            return None
        from bisect import bisect_left

        k = self.s.find(q, bisect_left(self.pos, after))
        if k < 0:
            return None
        return (self.pos[k], self.pos[k + len(q) - 1] + 1)


@dataclass
class GoldReq:
    record: dict[str, Any]
    span: tuple[int, int] | None
    clause: int | None
    secondaries: list[tuple[dict[str, Any], tuple[int, int] | None]]

    @property
    def optional(self) -> bool:
        return bool(self.record.get("borderline"))

    @property
    def tag(self) -> bool:
        return bool(self.record.get("tag"))

    @property
    def actor_class(self) -> str:
        r = self.record
        if r.get("actor") is None:
            return "null"
        if r.get("carried"):
            return "carried"
        return r.get("actor_source") or "clause"


@dataclass
class Pair:
    gold: GoldReq
    pred: Requirement
    modality_ok: bool
    actor_exact: bool
    actor_lenient: bool


@dataclass
class FileScore:
    name: str
    gold: list[GoldReq] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    missed: list[GoldReq] = field(default_factory=list)
    false_pos: list[Requirement] = field(default_factory=list)
    accepted_extra: int = 0
    unlocated: list[str] = field(default_factory=list)
    partial: bool = False


def _clause_index(doc: Document, pos: int) -> int | None:
    from bisect import bisect_right

    starts = [c.span[0] for c in doc.clauses]
    k = bisect_right(starts, pos) - 1
    if k >= 0 and pos < doc.clauses[k].span[1]:
        return k
    return None


def _clause_of_req(doc: Document, r: Requirement) -> int | None:
    return _clause_index(doc, r.span[0])


def _covers(r: Requirement, span: tuple[int, int]) -> float:
    a, b = span
    ov = max(0, min(b, r.span[1]) - max(a, r.span[0]))
    return ov / max(1, b - a)


def _actor_eq(pred: str | None, gold: str | None) -> tuple[bool, bool]:
    if gold is None or pred is None:
        return (gold is None and pred is None,) * 2
    p, g = canon(pred), canon(gold)
    exact = p == g
    return exact, exact or (bool(p) and bool(g) and (p in g or g in p))


def _end_of(doc: Document, path: list[str]) -> int | None:
    """End offset of the item whose path ends with ``path`` (labels compared canonically)."""
    want = [canon(x).strip(".、") for x in path]
    for s in doc.sections:
        got = [canon(x).strip(".、") for x in s.path]
        if got[-len(want):] == want:
            end = s.span[1]
            for t in doc.sections:  # the item's children end inside it; take the last one
                if t.path[: len(s.path)] == s.path:
                    end = max(end, t.span[1])
            return end
    return None


def score_document(doc: Document, gold: dict[str, Any], name: str = "") -> FileScore:
    """Match the requirements of ``doc`` to one gold-req record (see the module docstring)."""
    fs = FileScore(name=name or gold.get("file", ""), partial=bool(gold.get("partial")))
    c = _Canon(doc.text)
    pos = 0
    for rec in gold["requirements"]:
        span = c.find(rec["quote"], pos) or c.find(rec["quote"], 0)
        if span is None:
            fs.unlocated.append(rec["quote"])
        else:
            pos = span[0]
        cl = _clause_index(doc, span[0]) if span else None
        secs = []
        for s in rec.get("secondary") or []:
            sspan = c.find(s["quote"], span[0]) if span else c.find(s["quote"], 0)
            secs.append((s, sspan))
        fs.gold.append(GoldReq(rec, span, cl, secs))
    preds = list(doc.requirements)
    if fs.partial and gold.get("annotated_until"):
        end = _end_of(doc, gold["annotated_until"])
        if end is not None:
            preds = [r for r in preds if r.span[0] < end]
    # tags of each item, a lenient alternative actor for the other clauses of the item
    tags: dict[tuple[str, ...], list[str]] = {}
    for g in fs.gold:
        if g.tag and g.record.get("actor"):
            tags.setdefault(tuple(g.record.get("item") or ()), []).append(g.record["actor"])
    taken: set[int] = set()
    pred_clause = {id(r): _clause_of_req(doc, r) for r in preds}
    for g in fs.gold:
        if g.span is None:
            if not g.optional:
                fs.missed.append(g)
            continue
        best, best_cov = None, 0.0
        for k, r in enumerate(preds):
            if k in taken:
                continue
            cov = _covers(r, g.span)
            same = g.clause is not None and pred_clause[id(r)] == g.clause
            score = cov + (0.5 if same else 0.0)
            if (cov >= 0.5 or same) and score > best_cov:
                best, best_cov = k, score
        if best is None:
            if not g.optional:
                fs.missed.append(g)
            continue
        taken.add(best)
        r = preds[best]
        fs.pairs.append(_pair(g, r, tags.get(tuple(g.record.get("item") or ()), [])))
    for k, r in enumerate(preds):
        if k in taken:
            continue
        if _accepted_extra(fs.gold, r, pred_clause[id(r)]):
            fs.accepted_extra += 1
        else:
            fs.false_pos.append(r)
    return fs


def _accepted_extra(gold: list[GoldReq], r: Requirement, clause: int | None) -> bool:
    """A second prediction in a clause whose gold lists a secondary construction there."""
    for g in gold:
        if g.clause is not None and g.clause == clause and (g.secondaries or g.optional):
            return True
        if g.optional and g.span and _covers(r, g.span) >= 0.5:
            return True
    return False


def _pair(g: GoldReq, r: Requirement, item_tags: list[str]) -> Pair:
    rec = g.record
    readings = [(rec["modality"], rec.get("actor"), rec.get("trigger"))] + [
        (s["modality"], s.get("actor"), s.get("trigger")) for s, _ in g.secondaries]
    modality_ok = any(r.modality == m or (t == "积极" and r.modality == "obligation") for m, _, t in readings)
    pa = r.actor.text if r.actor else None
    exact = lenient = False
    for _, a, _t in readings:
        e, le = _actor_eq(pa, a)
        exact, lenient = exact or e, lenient or le
    if not lenient and pa is not None and not g.tag:
        lenient = any(_actor_eq(pa, t)[1] for t in item_tags)
    return Pair(g, r, modality_ok, exact, lenient)


@dataclass
class Figures:
    gold: int
    found: int
    predicted: int
    false_pos: int
    modality_ok: int
    actor_exact: int
    actor_lenient: int
    by_source: dict[str, tuple[int, int, int]]  # class → (found, exact, lenient)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return (self.predicted - self.false_pos) / self.predicted if self.predicted else 0.0


def figures(scores: Iterable[FileScore], tags: bool = True) -> Figures:
    """Totals over files; ``tags=False`` leaves the responsibility-tag records (and predictions matched to them) out."""
    gold = found = predicted = fp = mod = ex = le = 0
    by: dict[str, list[int]] = {}
    for fs in scores:
        pairs = [p for p in fs.pairs if (tags or not p.gold.tag) and not p.gold.optional]  # borderline: optional
        gold += len(pairs) + len([g for g in fs.missed if tags or not g.tag])
        found += len(pairs)
        predicted += len(pairs) + len(fs.false_pos)
        fp += len(fs.false_pos)
        for p in pairs:
            mod += p.modality_ok
            ex += p.actor_exact
            le += p.actor_lenient
            b = by.setdefault(p.gold.actor_class, [0, 0, 0])
            b[0] += 1
            b[1] += p.actor_exact
            b[2] += p.actor_lenient
    return Figures(gold, found, predicted, fp, mod, ex, le, {k: (v[0], v[1], v[2]) for k, v in sorted(by.items())})


def evaluate_requirements(folder: str | Path, extract: Callable[[Path], Document], corpus_root: str | Path | None = None) -> list[FileScore]:
    """Score every gold file of ``folder``; the notice is ``corpus_root / record["file"]``
    (default: the folder's parent), read with ``extract``."""
    root = Path(corpus_root) if corpus_root else Path(folder).parent
    out = []
    for f, rec in load_gold_req(folder):
        path = root / rec["file"]
        if not path.exists():  # a docs folder given directly: the notice by its file name
            path = root / Path(rec["file"]).name
        doc = extract(path)
        out.append(score_document(doc, rec, name=f.stem))
    return out


def _figures_dict(f: Figures) -> dict[str, Any]:
    n = max(1, f.found)
    return {"gold": f.gold, "found": f.found, "predicted": f.predicted, "false_positives": f.false_pos,
            "recall": round(f.recall, 4), "precision": round(f.precision, 4), "modality": round(f.modality_ok / n, 4),
            "actor_exact": round(f.actor_exact / n, 4), "actor_lenient": round(f.actor_lenient / n, 4),
            "actor_by_source": {k: {"found": v[0], "exact": v[1], "lenient": v[2]} for k, v in f.by_source.items()}}


def scores_as_dict(scores: list[FileScore]) -> dict[str, Any]:
    """The figures as JSON: per file, all, and all without the responsibility-tag records."""
    return {"files": {fs.name: _figures_dict(figures([fs])) for fs in scores}, "all": _figures_dict(figures(scores)),
            "all_no_tags": _figures_dict(figures(scores, tags=False))}


def _pct(x: float) -> str:
    return f"{x:.2f}"


def render_requirement_scores(scores: list[FileScore], verbose: bool = False) -> str:
    """A readable report: per file, then totals with and without tags, actors by source."""
    lines = ["requirements   gold  found  recall  pred  prec   modality  actor(exact)  actor(lenient)"]

    def row(label: str, f: Figures) -> str:
        n = max(1, f.found)
        return (f"{label:<14} {f.gold:>4}  {f.found:>5}  {_pct(f.recall):>6}  {f.predicted:>4}  {_pct(f.precision):>4}   "
                f"{_pct(f.modality_ok / n):>8}  {_pct(f.actor_exact / n):>12}  {_pct(f.actor_lenient / n):>14}")

    for fs in scores:
        lines.append(row(fs.name[:14], figures([fs])))
    lines.append(row("all", figures(scores)))
    lines.append(row("all, no tags", figures(scores, tags=False)))
    f = figures(scores)
    lines.append("actor by gold source (found / exact / lenient): " + "; ".join(
        f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in f.by_source.items()))
    unl = sum(len(fs.unlocated) for fs in scores)
    if unl:
        lines.append(f"{unl} gold quotes not found in the text (counted as missed)")
    if verbose:
        for fs in scores:
            lines.append(f"== {fs.name}")
            for g in fs.missed:
                if g.span is None:
                    continue
                lines.append(f"  MISS   {g.record['modality']:<13} {g.record['quote']}")
            for q in fs.unlocated:
                lines.append(f"  NOLOC  {q}")
            for r in fs.false_pos:
                lines.append(f"  FP     {r.modality:<13} {r.text[:50]!r}")
            for p in fs.pairs:
                if not p.modality_ok:
                    lines.append(f"  MOD    {p.pred.modality}≠{p.gold.record['modality']} {p.gold.record['quote']}")
                if not p.actor_exact:
                    got = p.pred.actor.text if p.pred.actor else None
                    mark = "ACTOR~" if p.actor_lenient else "ACTOR "
                    lines.append(f"  {mark} [{p.gold.actor_class}] {got!r} ≠ {p.gold.record.get('actor')!r}  {p.gold.record['quote'][:30]}")
    return "\n".join(lines)
