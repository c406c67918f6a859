"""The requirement graph, built from the store (networkx MultiDiGraph).

Nodes carry ``kind``: document, placeholder (cited, not stored), section, requirement,
threshold, organization. Edges carry ``relation`` and, for the inferred ones, ``evidence``
(the ids and text that justify them) and ``confidence``:

========== ======================================================================
cites      a document (and the requirement holding the reference) cites a title or
           发文字号 — resolved by 发文字号, then normalized title, then fuzzy title
implements the reference follows 为贯彻落实 / 根据 / 按照 …
next_edition the same series in a later year (titles equal once years are removed)
aligns_with requirements of different documents that carry the same requirement,
           scored, with their threshold differences attached
issued_by  document → organization; organizations ``part_of`` their parent body
part_of    section → document or parent section; requirement → section
has_threshold requirement → threshold
========== ======================================================================
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from typing import TYPE_CHECKING

from extractor.data.doc_codes import resolve_issuer
from extractor.data.regions import CITY_PROVINCE, PROVINCES
from extractor.data.levels import classify_level
from extractor.data.vocab import CONCEPTS
from extractor.kb.similarity import cosine, dice, norm_condition, tfidf, words
from extractor.kb.store import Store

if TYPE_CHECKING:  # networkx is imported by build_graph only: trace and query never build a graph (issue 18)
    import networkx as nx

FUZZY_TITLE = 0.9  # difflib ratio for a title that matches no key exactly
ALIGN_FLOOR = 0.35  # combined score for two requirements to carry the same requirement
SHARE_UNITS = frozenset({"%", "比例"})




def guess_level(key: str | None, title: str | None) -> str:
    """Level of a document that is cited but not stored: from the body behind its 发文字号
    (中发 → 中共中央 → national), else from the body at the head of its title.

    >>> guess_level("number:中发〔2015〕4号", None), guess_level(None, "中国科协关于实施学会创新和服务能力提升工程的意见")
    ('national', 'national')
    """
    m = re.match(r"number:(.+?)(?:〔|第)", key or "")
    name = resolve_issuer(m.group(1)) if m else None
    return classify_level(name or title or "")[0] if (name or title) else "unknown"


def org_parent(name: str, level: str) -> str | None:
    """The body an issuer belongs to: 中国科协办公厅 → 中国科协, 安徽省科协 → 中国科协,
    广州市人民政府 → 广东省人民政府, 民政部 → 国务院.

    >>> org_parent("中国科协办公厅", "national"), org_parent("安徽省科协", "provincial"), org_parent("广州市人民政府", "municipal")
    ('中国科协', '中国科协', '广东省人民政府')
    """
    if name in ("中国科协", "国务院", "中共中央"):
        return None
    m = re.match(r"^(.+?)(?:办公厅|办公室)$", name)
    if m:
        return m.group(1)
    if name.endswith(("科协", "科学技术协会")):
        if level == "provincial":
            return "中国科协"
        for city, prov in CITY_PROVINCE.items():
            if name.startswith(city):
                return f"{prov}科协"
        return None
    if level == "national" and not name.startswith(("中共", "中央")):
        return "国务院"
    m = re.match(r"^(.+?[市])(.+?区)", name)
    if m:
        return f"{m.group(1)}人民政府"
    for city, prov in CITY_PROVINCE.items():
        if name.startswith(city) and name != f"{prov}人民政府":
            return f"{prov}人民政府" if name.endswith("人民政府") else f"{city}人民政府"
    for p in PROVINCES:
        if name.startswith(p) and not name.endswith("人民政府"):
            return f"{p}人民政府"
    return None


@dataclass
class Resolver:
    """Citation keys → stored documents: exact number or title key, else a fuzzy title."""

    by_key: dict[str, list[str]]
    titles: dict[str, str]  # doc_id → normalized main title

    @classmethod
    def from_store(cls, store: Store) -> Resolver:
        by_key: dict[str, list[str]] = defaultdict(list)
        titles = {}
        for row in store.db.execute("SELECT doc_id, key FROM doc_keys ORDER BY doc_id"):
            by_key[row["key"]].append(row["doc_id"])
            if row["key"].startswith("title:"):
                titles.setdefault(row["doc_id"], row["key"][6:])
        return cls(by_key, titles)

    def resolve(self, number_key: str | None, title_key: str | None) -> tuple[list[str], str, float]:
        """(doc ids, how, confidence); no ids when the reference is to a document not stored."""
        if number_key and number_key in self.by_key:
            return self.by_key[number_key], "doc_number", 1.0
        if title_key and title_key in self.by_key:
            return self.by_key[title_key], "title", 0.95
        if title_key:
            t = title_key[6:]
            best = max(((difflib.SequenceMatcher(None, t, v, autojunk=False).ratio(), d) for d, v in self.titles.items()), default=(0.0, ""))
            if best[0] >= FUZZY_TITLE:
                return [best[1]], "fuzzy_title", round(best[0] * 0.9, 3)
        return [], "unresolved", 0.0


def build_graph(store: Store, with_structure: bool = True) -> nx.MultiDiGraph:
    import networkx as nx

    g = nx.MultiDiGraph()
    db = store.db
    docs = {r["doc_id"]: dict(r) for r in db.execute(
        "SELECT doc_id, title, issuer, level, date, year, doc_number, doc_type, series_key, version, path FROM documents ORDER BY doc_id")}
    for d, r in docs.items():
        g.add_node(f"doc:{d}", kind="document", **{k: v for k, v in r.items() if v is not None and k != "doc_id"})
    # organizations
    for r in db.execute("SELECT doc_id, name, level FROM issuers ORDER BY doc_id, position"):
        org = f"org:{r['name']}"
        g.add_node(org, kind="organization", name=r["name"], level=r["level"] or "unknown")
        g.add_edge(f"doc:{r['doc_id']}", org, key="issued_by", relation="issued_by", evidence="metadata.issuer", confidence=1.0)
    for org in [n for n, a in g.nodes(data=True) if a["kind"] == "organization"]:
        name, level = g.nodes[org]["name"], g.nodes[org]["level"]
        while (parent := org_parent(name, level)) is not None:
            plevel = classify_level(parent)[0]
            pnode = f"org:{parent}"
            if pnode not in g:
                g.add_node(pnode, kind="organization", name=parent, level=plevel)
            g.add_edge(f"org:{name}", pnode, key="part_of", relation="part_of", evidence=f"{name} belongs to {parent}", confidence=0.8)
            name, level = parent, plevel
    # citations
    resolver = Resolver.from_store(store)
    for r in db.execute("SELECT * FROM citations WHERE role = 'cites' ORDER BY doc_id, start"):
        ids, how, conf = resolver.resolve(r["number_key"], r["title_key"])
        ids = [i for i in ids if i != r["doc_id"]]
        if ids:
            targets = [f"doc:{i}" for i in ids]
        else:
            key = r["number_key"] or r["title_key"]
            if key is None:
                continue
            node = f"ref:{key}"
            if node not in g:
                g.add_node(node, kind="placeholder", title=r["title"] or "", doc_number=r["doc_number"] or "", key=key)
            elif r["title"] and not g.nodes[node].get("title"):
                g.nodes[node]["title"] = r["title"]
            targets, how, conf = [node], "placeholder", 1.0
        evidence = {"citation": r["id"], "text": (f"《{r['title']}》" if r["title"] else "") + (r["doc_number"] or ""),
                    "span": [r["start"], r["end"]], "raw_span": [r["raw_start"], r["raw_end"]], "resolved_by": how}
        for t in targets:
            src = f"doc:{r['doc_id']}"
            g.add_edge(src, t, key=f"cites:{r['id']}", relation="cites", evidence=evidence, confidence=conf)
            if r["requirement_id"]:
                g.add_edge(f"req:{r['requirement_id']}", t, key=f"cites:{r['id']}", relation="cites", evidence=evidence, confidence=conf)
            if r["relation"] == "implements":
                g.add_edge(src, t, key=f"implements:{r['id']}", relation="implements",
                           evidence={**evidence, "cue": r["cue"]}, confidence=round(conf * 0.9, 3))
    # editions of one series
    series: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d, r in docs.items():
        if r["series_key"] and r["year"]:
            series[r["series_key"]].append((r["year"], d))
    for key, members in series.items():
        members.sort()
        for (y1, a), (y2, b) in zip(members, members[1:]):
            if y1 != y2:
                g.add_edge(f"doc:{a}", f"doc:{b}", key="next_edition", relation="next_edition", confidence=0.9,
                           evidence={"series": key, "years": [y1, y2], "titles": [docs[a]["title"], docs[b]["title"]]})
    if with_structure:
        _add_structure(g, store)
    for a, b, score, diffs in align_requirements(store):
        g.add_edge(f"req:{a}", f"req:{b}", key="aligns_with", relation="aligns_with", confidence=round(score, 3),
                   evidence={"thresholds": diffs})
    return g


def _add_structure(g: nx.MultiDiGraph, store: Store) -> None:
    db = store.db
    for r in db.execute("SELECT id, doc_id, parent, path, kind, title FROM sections ORDER BY doc_id, start"):
        g.add_node(f"sec:{r['id']}", kind="section", path=r["path"], section_kind=r["kind"], title=r["title"] or "")
        g.add_edge(f"sec:{r['id']}", f"sec:{r['parent']}" if r["parent"] else f"doc:{r['doc_id']}", key="part_of", relation="part_of")
    for r in db.execute("SELECT id, doc_id, section_id, modality, trigger, actor, text FROM requirements ORDER BY doc_id, start"):
        g.add_node(f"req:{r['id']}", kind="requirement", modality=r["modality"], trigger=r["trigger"] or "", actor=r["actor"] or "",
                   text=r["text"])
        g.add_edge(f"req:{r['id']}", f"sec:{r['section_id']}" if r["section_id"] else f"doc:{r['doc_id']}", key="part_of", relation="part_of")
    for r in db.execute("SELECT id, requirement_id, subject, comparator, value_text, value_max, unit, condition, baseline FROM thresholds ORDER BY doc_id, start"):
        g.add_node(f"thr:{r['id']}", kind="threshold", subject=r["subject"] or "", comparator=r["comparator"], value=r["value_text"],
                   unit=r["unit"] or "", condition=r["condition"] or "", baseline=r["baseline"] or "")
        if r["requirement_id"]:
            g.add_edge(f"req:{r['requirement_id']}", f"thr:{r['id']}", key="has_threshold", relation="has_threshold")


def _unit_family(unit: str | None) -> str | None:
    return "share" if unit in SHARE_UNITS else unit


def align_requirements(store: Store, doc_ids: set[str] | None = None, pivot: str | None = None) -> list[tuple[str, str, float, list[dict]]]:
    """Requirements of different documents carrying the same numeric requirement.

    Two thresholds of the same unit family (a percentage and a fraction are both shares) and
    of the same band (conditions equal, or one absent) are compared by subject (bigram Dice)
    and by the words of their requirements (TF-IDF cosine), plus the overlap of the policy
    concepts they name (:data:`~extractor.data.vocab.CONCEPTS`); the pair of requirements is
    aligned when the score reaches ``ALIGN_FLOOR``. With ``pivot`` only pairs involving that
    document are scored (what ``trace`` needs). Each alignment
    carries the two thresholds side by side and whether they differ.
    """
    q = ("SELECT t.*, r.text AS req_text, d.year FROM thresholds t JOIN requirements r ON r.id = t.requirement_id "
         "JOIN documents d ON d.doc_id = t.doc_id WHERE t.kind != 'deadline' ORDER BY t.doc_id, t.start")
    rows = [dict(r) for r in store.db.execute(q) if doc_ids is None or r["doc_id"] in doc_ids]
    if not rows:
        return []
    vecs = tfidf([words(r["req_text"]) for r in rows])
    concepts = [_concepts(f"{r['subject'] or ''} {r['text']}") for r in rows]
    best: dict[tuple[str, str], dict] = {}
    if pivot is None:
        pairs: Iterable[tuple[int, int]] = ((i, j) for i in range(len(rows)) for j in range(i + 1, len(rows)))
    else:
        mine = [i for i, r in enumerate(rows) if r["doc_id"] == pivot]
        pairs = ((i, j) for i in mine for j in range(len(rows)) if rows[j]["doc_id"] != pivot)
    for i, j in pairs:
        a, b = rows[i], rows[j]
        if a["doc_id"] == b["doc_id"] or _unit_family(a["unit"]) != _unit_family(b["unit"]):
            continue
        ca, cb = (norm_condition(a["condition"]), norm_condition(b["condition"]))
        if ca and cb and ca != cb:
            continue  # another band of the same limit (个人会员<2万人 vs >10万人)
        subj = dice(a["subject"], b["subject"])
        concept = _concept_overlap(concepts[i], concepts[j])
        if subj < 0.15 and concept == 0:
            continue
        score = (subj + cosine(vecs[i], vecs[j])) / 2 + 0.3 * concept
        if ca and ca == cb:
            score += 0.1
        if score < ALIGN_FLOOR:
            continue
        x, y = (a, b) if (a["year"] or 0, a["doc_id"]) <= (b["year"] or 0, b["doc_id"]) else (b, a)
        key = (x["requirement_id"], y["requirement_id"])
        cand = best.setdefault(key, {"score": 0.0, "pairs": []})
        cand["score"] = max(cand["score"], score)
        cand["pairs"].append((score, x, y))
    # keep, for each pair of documents, the requirement pairs that are each other's best match
    top: dict[tuple[str, str], float] = defaultdict(float)
    for (ra, rb), c in best.items():
        da, db_ = ra.split("#")[0], rb.split("#")[0]
        top[(ra, db_)] = max(top[(ra, db_)], c["score"])
        top[(rb, da)] = max(top[(rb, da)], c["score"])
    out = []
    for (ra, rb), c in sorted(best.items()):
        if c["score"] < top[(ra, rb.split("#")[0])] or c["score"] < top[(rb, ra.split("#")[0])]:
            continue
        sides, used_x, used_y = [], set(), set()
        for score, x, y in sorted(c["pairs"], key=lambda p: (-(p[1]["value_text"] == p[2]["value_text"]), -p[0])):
            if x["id"] in used_x or y["id"] in used_y:
                continue  # thresholds pair one to one inside an aligned pair of requirements
            used_x.add(x["id"])
            used_y.add(y["id"])
            sides.append({"old": _side(x), "new": _side(y), "same": _same(x, y), "score": round(score, 3)})
        out.append((ra, rb, min(c["score"], 1.0), sides))
    return out




def _concepts(text: str) -> frozenset[str]:
    return frozenset(k for k, words in CONCEPTS.items() if any(w in text for w in words))


def _concept_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _side(r: dict) -> dict:
    return {"threshold": r["id"], "subject": r["subject"], "comparator": r["comparator"], "value": r["value_text"],
            "value_max": r["value_max"], "unit": r["unit"], "condition": r["condition"], "baseline": r["baseline"], "text": r["text"]}


def _same(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("comparator", "value_text", "value_max", "unit")) and norm_condition(a["condition"]) == norm_condition(b["condition"])
