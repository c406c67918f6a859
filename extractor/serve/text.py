"""The text pane of a document page: its stored clauses cut into runs, each run knowing
which requirements, thresholds, citations and dates cover it.

The store keeps the clauses (which tile the body of the normalized ``text``) with their
spans, and every extracted item with its span and raw span; that is enough to show the text
with its highlights without re-running the pipeline. Between two clauses of the body there
are only line breaks (all 29 corpus notices: every gap between consecutive clauses is one
``\\n``); a longer gap is text outside the body (site chrome, a table of contents) and is
shown as a marked gap.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# which highlight a click opens when several cover a character: the most specific one (a date phrase,
# 5月10日前, lies inside the deadline threshold 于5月10日前将…提交… of seed 001, which keeps its other characters)
_PRIORITY = {"date": 0, "threshold": 1, "citation": 2, "requirement": 3}


@dataclass
class Item:
    index: int
    kind: str  # requirement | threshold | citation | date
    id: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    css: str  # classes, e.g. "req mod-obligation"
    label: str  # one line for the source panel


@dataclass
class Run:
    text: str
    start: int
    classes: list[str] = field(default_factory=list)
    item: int | None = None  # index of the item a click opens
    anchors: list[str] = field(default_factory=list)  # section anchors opening at this run
    gap: bool = False  # not clause text: a line break between clauses, or "⋯" for text outside the body


def threshold_label(t: dict) -> str:
    value = t["value_text"] + (f"–{t['value_max']:g}" if t.get("value_max") is not None and "-" not in t["value_text"] else "")
    s = f"{t['subject'] or '?'} {t['comparator']} {value} {t['unit'] or ''}".rstrip()
    if t.get("condition"):
        s += f"  if {t['condition']}"
    if t.get("baseline"):
        s += f"  vs {t['baseline']}"
    if t.get("hedge"):
        s += f"  ({t['hedge']})"
    return s


def date_label(d: dict) -> str:
    """One line for a date a notice sets: ``deadline <= 2019-06-30``, ``holiday 2019-02-04 … 2019-02-10``;
    the phrase itself where the text fixes no calendar day (``effective >= 自印发之日起施行``)."""
    day = f"{d['date_from']} … {d['date']}" if d.get("date_from") else d.get("date")
    if day is None:
        return f"{d['kind']} {d['comparator']} {d['text']}"
    return f"{d['kind']} {'' if d['comparator'] in ('==', 'range') else d['comparator'] + ' '}{day}{' ' + d['time'] if d.get('time') else ''}"


def build_items(items: dict[str, list[dict]]) -> list[Item]:
    out: list[Item] = []

    def add(kind: str, r: dict, css: str, label: str) -> None:
        out.append(Item(len(out), kind, r["id"], r["start"], r["end"], r["raw_start"], r["raw_end"], css, label))

    for r in items["requirements"]:
        add("requirement", r, f"req mod-{r['modality']}", f"{r['modality']} {r['trigger'] or '(imperative)'}: {r['actor'] or '-'} → {r['action'] or ''}")
    for t in items["thresholds"]:
        add("threshold", t, f"thr kind-{t['kind']}", threshold_label(t))
    for c in items["citations"]:
        name = (f"《{c['title']}》" if c["title"] else "") + (c["doc_number"] or "")
        add("citation", c, f"cit rel-{c['relation']}", f"{c['relation']} {name}")
    for d in items.get("dates", ()):
        add("date", d, f"dat kind-{d['kind']}", date_label(d))
    return out


def build_runs(clauses: list[dict], items: list[Item], sections: list[dict]) -> list[Run]:
    """The clauses as runs of text with uniform highlighting; section anchors where sections open."""
    cuts = sorted({p for it in items for p in (it.start, it.end)})
    anchors: dict[int, list[str]] = {}
    for k, s in enumerate(sections):
        anchors.setdefault(s["start"], []).append(f"sec-{k}")
    anchor_points = sorted(anchors)
    runs: list[Run] = []
    by_start = sorted(items, key=lambda it: it.start)
    active: list[Item] = []
    nxt = 0
    prev_end: int | None = None
    ai = 0
    ci = 0
    for c in clauses:
        cs, ce, text = c["start"], c["end"], c["text"]
        if prev_end is not None and cs > prev_end:
            runs.append(Run("\n" if cs - prev_end == 1 else "\n⋯\n", prev_end, gap=True))
        prev_end = ce
        while ci < len(cuts) and cuts[ci] <= cs:
            ci += 1
        points = [cs]
        k = ci
        while k < len(cuts) and cuts[k] < ce:
            points.append(cuts[k])
            k += 1
        while ai < len(anchor_points) and anchor_points[ai] < ce:  # anchors open inside or before this clause
            p = anchor_points[ai]
            if p > cs and p not in points:
                points.append(p)
            ai += 1
        points = sorted(set(points)) + [ce]
        for a, b in zip(points, points[1:]):
            # pieces are cut at every item boundary, so an item covers [a, b) iff it starts at or
            # before a and ends after a; items enter in order of start and leave once ended
            while nxt < len(by_start) and by_start[nxt].start <= a:
                active.append(by_start[nxt])
                nxt += 1
            active = [it for it in active if it.end > a]
            cover = active
            run = Run(text[a - cs:b - cs], a)
            if cover:
                run.classes = sorted({cls for it in cover for cls in it.css.split()})
                best = min(cover, key=lambda it: (_PRIORITY[it.kind], it.end - it.start))
                run.item = best.index
            runs.append(run)
    # section anchors: on the first run at or after where the section starts
    starts = [r.start for r in runs]
    for p, names in anchors.items():
        k = bisect.bisect_left(starts, p)
        if k < len(runs):
            runs[k].anchors += names
    return runs


def render_runs(runs: list[Run], items: list[Item]) -> Markup:
    """The text pane as HTML: every piece of document text escaped (markupsafe, as Jinja2's
    autoescape does); written here rather than in a template loop, which cost 5× as much on a
    page of 2,000 runs."""
    out: list[str] = []
    for r in runs:
        out += [f'<a class="anchor" id="{a}"></a>' for a in r.anchors]
        if r.item is not None:
            out.append(f'<span class="{" ".join(r.classes)}" data-item="{r.item}" data-kind="{items[r.item].kind}" tabindex="0">'
                       f"{escape(r.text)}</span>")
        elif r.gap and r.text != "\n":
            out.append(f'<span class="gap" title="text outside the body (site chrome, contents)">{escape(r.text)}</span>')
        else:
            out.append(str(escape(r.text)))
    return Markup("".join(out))
