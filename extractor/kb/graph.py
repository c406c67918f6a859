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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from extractor.data.doc_codes import resolve_issuer
from extractor.data.regions import CITY_PROVINCE, PROVINCES
from extractor.data.levels import classify_level
from extractor.data.vocab import CONCEPTS
from extractor.kb.similarity import bigrams, cosine, dice_counts, norm_condition, tfidf, words
from extractor.kb.reuse import find_reuse, load_clauses
from extractor.kb.store import Store, title_key
from extractor.kb.works import (ensure_index, find_editions, find_renditions, owner, rendition_groups, series_key, series_members,
                                title_grams)
from extractor.recache import compile_re

if TYPE_CHECKING:  # networkx is imported by build_graph only: trace and query never build a graph (issue 18)
    import networkx as nx

FUZZY_TITLE = 0.9  # difflib ratio for a title that matches no key exactly
FUZZY_CANDIDATES = 5  # titles compared by difflib per unresolved reference, those sharing most bigrams
FUZZY_POSTING = 2000
ALIGN_FLOOR = 0.35  # combined score for two requirements to carry the same requirement
SHARE_UNITS = frozenset({"%", "比例"})
BLOCK_CANDIDATES = 60  # thresholds scored against one threshold, at most (rarest blocking keys first)




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


def _title_years(t: str) -> set[str]:
    return set(re.findall(r"(?:19|20)\d{2}(?=年)", t))


ISSUED_CONFIDENCE = 0.85  # a 印发 notice found by what it issues, its owner and year (no 发文字号 nor title stored)

_WRAPPER = compile_re(r"^(?P<who>.+?)(?:关于)?(?:印发|转发|下发)[《〈<](?P<inner>.+)[》〉>](?:的)?(?:通知|通告|函)$")


@dataclass
class Resolver:
    """Citation keys → stored documents, one rule for the graph and for ``trace``: the exact
    发文字号, else the exact title, else the 印发 notice that issues the cited title under the
    same owner in the same year, else a fuzzy title among the few titles that share most
    character bigrams with it (an inverted index), so a reference costs the same whatever the
    size of the store.

    :meth:`from_store` holds the keys and the bigram index in memory (``build_graph`` resolves
    every citation); :meth:`over` asks the store's indexes (``kb.works.ensure_index``) one key at a
    time (``trace`` resolves a few)."""

    by_key: dict[str, list[str]]
    titles: dict[str, str]  # doc_id → normalized main title
    grams: dict[str, list[str]] = field(default_factory=dict)  # bigram → doc ids whose title has it
    memo: dict[str, tuple[float, str]] = field(default_factory=dict)
    issued: dict[str, list[tuple[str, str | None, int | None]]] = field(default_factory=dict)  # title key → (doc, owner, year)
    store: Store | None = None  # set: look keys up in the store instead of the dicts

    @classmethod
    def from_store(cls, store: Store) -> Resolver:
        ensure_index(store)  # doc_issued: two counts when nothing new was stored
        by_key: dict[str, list[str]] = defaultdict(list)
        titles = {}
        for row in store.db.execute("SELECT doc_id, key FROM doc_keys ORDER BY doc_id, key"):
            by_key[row["key"]].append(row["doc_id"])
            if row["key"].startswith("title:"):
                titles.setdefault(row["doc_id"], row["key"][6:])
        grams: dict[str, list[str]] = defaultdict(list)
        for d, t in titles.items():
            for g in title_grams(t):
                grams[g].append(d)
        issued: dict[str, list] = defaultdict(list)
        for row in store.db.execute("SELECT doc_id, key, owner, year FROM doc_issued ORDER BY doc_id, key"):
            issued[row["key"]].append((row["doc_id"], row["owner"], row["year"]))
        return cls(by_key, titles, grams, issued=issued)

    @classmethod
    def over(cls, store: Store) -> Resolver:
        ensure_index(store)  # two counts when nothing new was stored
        return cls({}, {}, store=store)

    # -- where candidates come from: memory, or the store's indexes -----------------------------
    def _ids(self, key: str) -> list[str]:
        if self.store is None:
            return self.by_key.get(key, [])
        if key not in self.by_key:
            self.by_key[key] = [r[0] for r in self.store.db.execute("SELECT doc_id FROM doc_keys WHERE key = ? ORDER BY doc_id", (key,))]
        return self.by_key[key]

    def _issuers_of(self, key: str) -> list[tuple[str, str | None, int | None]]:
        if self.store is None:
            return self.issued.get(key, [])
        return [(r["doc_id"], r["owner"], r["year"]) for r in self.store.db.execute(
            "SELECT doc_id, owner, year FROM doc_issued WHERE key = ? ORDER BY doc_id", (key,))]

    def _sharing(self, mine: set[str]) -> list[tuple[str, int]]:
        """The titles sharing most of these bigrams, (doc, shared) by shared count then doc id; a bigram
        in more than FUZZY_POSTING titles (关于, 通知) is no evidence."""
        if self.store is None:
            shared: Counter[str] = Counter()
            for g in mine:
                post = self.grams.get(g, ())
                if len(post) <= FUZZY_POSTING:
                    shared.update(post)
            return sorted(shared.items(), key=lambda x: (-x[1], x[0]))[:FUZZY_CANDIDATES]
        # each bigram's posting is counted only up to FUZZY_POSTING + 1 (an index seek and a bounded read):
        # counting 关于's whole posting cost 24 ms a title at 100,000 notices
        db = self.store.db
        gl = [g for g in sorted(mine) if db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM title_grams WHERE gram = ? LIMIT ?) p",
                                                    (g, FUZZY_POSTING + 1)).fetchone()[0] <= FUZZY_POSTING]
        if not gl:
            return []
        rows = db.execute(
            f"SELECT doc_id, COUNT(*) AS n FROM title_grams WHERE gram IN ({','.join('?' * len(gl))}) "  # noqa: S608
            "GROUP BY doc_id ORDER BY n DESC, doc_id LIMIT ?", (*gl, FUZZY_CANDIDATES))
        return [(r["doc_id"], r["n"]) for r in rows]

    def _title(self, d: str) -> str:
        if d not in self.titles and self.store is not None:
            r = self.store.db.execute("SELECT MIN(key) FROM doc_keys WHERE doc_id = ? AND key >= 'title:' AND key < 'title;'", (d,)).fetchone()
            self.titles[d] = r[0][6:] if r and r[0] else ""
        return self.titles.get(d, "")

    # -- the rule --------------------------------------------------------------------------------
    def fuzzy(self, t: str) -> tuple[float, str]:
        """The best stored title by difflib ratio, among those sharing at least half of t's bigrams."""
        if t not in self.memo:  # the same unresolved title comes back from every notice that cites it
            self.memo[t] = self._fuzzy(t)
        return self.memo[t]

    def _fuzzy(self, t: str) -> tuple[float, str]:
        mine = title_grams(t)
        best = (0.0, "")
        years = _title_years(t)
        for d, n in self._sharing(mine):
            if n < len(mine) / 2:
                break
            other = _title_years(self._title(d))
            if years and other and not (years & other):
                continue  # 中国科协2015年… is another edition of 中国科协2017年…, not a misspelling of it
            r = difflib.SequenceMatcher(None, t, self._title(d), autojunk=False).ratio()
            if r > best[0]:
                best = (r, d)
        return best

    def by_issued(self, title: str | None, year: int | None) -> tuple[list[str], dict]:
        """The stored notice that issues the document a 印发 title wraps, under the owner the wrapper
        names, in the citation's year. corpus-dev 026 cites 中共湖南省委办公厅湖南省人民政府办公厅印发
        〈关于全面推进政务公开工作的实施意见〉的通知（湘办发〔2016〕41号）; 027 is that notice stored as
        a bare body (no title line, no 发文字号) whose first sentence issues 《关于全面推进政务公开工作的实施意见》,
        signed by the same two 湖南 offices in 2016. Unique or nothing."""
        m = _WRAPPER.match(re.sub(r"\s", "", title or ""))
        if not m:
            return [], {}
        own = owner(m.group("who"), strict=True)
        inner = m.group("inner")
        key = title_key(inner)
        years = {year} if year else {int(y) for y in _title_years(title or "")}
        if not own or not key or not years:
            return [], {}
        hits = sorted({d for d, o, y in self._issuers_of(key) if o == own and y in years})
        if len(hits) != 1:
            return [], {}
        return hits, {"issues": inner, "owner": own, "year": sorted(years)[0]}

    def resolve(self, number_key: str | None, title_key: str | None, title: str | None = None,
                year: int | None = None) -> tuple[list[str], str, float]:
        """(doc ids, how, confidence); no ids when the reference is to a document not stored."""
        ids, how, conf, _ = self.resolve_with_evidence(number_key, title_key, title, year)
        return ids, how, conf

    def resolve_with_evidence(self, number_key: str | None, title_key: str | None, title: str | None = None,
                              year: int | None = None) -> tuple[list[str], str, float, dict]:
        if number_key and (ids := self._ids(number_key)):
            return ids, "doc_number", 1.0, {}
        if title_key and (ids := self._ids(title_key)):
            return ids, "title", 0.95, {}
        ids, ev = self.by_issued(title, year)
        if ids:
            return ids, "issued_title", ISSUED_CONFIDENCE, ev
        if title_key:
            best = self.fuzzy(title_key[6:])
            if best[0] >= FUZZY_TITLE:
                return [best[1]], "fuzzy_title", round(best[0] * 0.9, 3), {}
        return [], "unresolved", 0.0, {}


def build_graph(store: Store, with_structure: bool = True, with_reuse: bool = True) -> nx.MultiDiGraph:
    """The graph of the store. ``with_structure=False`` keeps documents, placeholders and
    organizations only (``graph export --documents-only``): no sections, requirements,
    thresholds, nor the alignments between them."""
    import networkx as nx

    g = nx.MultiDiGraph()
    db = store.db
    ensure_index(store)
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
    # renditions: one notice stored more than once (script, repost wrapper, site, format)
    renditions = find_renditions(store)
    work = rendition_groups(renditions)
    for r in renditions:
        g.add_edge(f"doc:{r.b}", f"doc:{r.a}", key="rendition_of", relation="rendition_of", confidence=round(r.containment, 3),
                   evidence=r.evidence)
    for d, w in work.items():
        g.nodes[f"doc:{d}"]["work"] = w
    # citations
    resolver = Resolver.from_store(store)
    doc_pairs: dict[tuple[str, str], str] = {}  # (citing, cited) → relation, for text reuse
    for r in db.execute("SELECT * FROM citations WHERE role = 'cites' ORDER BY doc_id, start, id"):
        ids, how, conf, why = resolver.resolve_with_evidence(r["number_key"], r["title_key"], r["title"], r["year"])
        mine = work.get(r["doc_id"], r["doc_id"])
        if ids and all(work.get(i, i) == mine for i in ids):
            continue  # a rendition never cites its twin (nor a notice itself)
        ids = sorted({work.get(i, i) for i in ids} - {mine})  # one notice per work: renditions are linked to it by rendition_of
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
                    "span": [r["start"], r["end"]], "raw_span": [r["raw_start"], r["raw_end"]], "resolved_by": how, **why}
        for t in targets:
            src = f"doc:{r['doc_id']}"
            g.add_edge(src, t, key=f"cites:{r['id']}", relation="cites", evidence=evidence, confidence=conf)
            if r["requirement_id"] and with_structure:
                g.add_edge(f"req:{r['requirement_id']}", t, key=f"cites:{r['id']}", relation="cites", evidence=evidence, confidence=conf)
            if r["relation"] == "implements":
                g.add_edge(src, t, key=f"implements:{r['id']}", relation="implements",
                           evidence={**evidence, "cue": r["cue"]}, confidence=round(conf * 0.9, 3))
            if t.startswith("doc:") and (doc_pairs.get((r["doc_id"], t[4:])) != "implements"):
                doc_pairs[(r["doc_id"], t[4:])] = r["relation"]
    # editions of one series, in (year, issue) order, across any gap; placeholders that name an edition join
    members = series_members(store)
    for n, a in list(g.nodes(data=True)):
        if a.get("kind") == "placeholder" and a.get("title"):
            for e in find_editions(a["title"]):
                key = series_key(e)
                if e.owner is None:
                    known = [k for k in members if k.endswith("|" + e.core)]
                    if len(known) != 1:
                        continue
                    key = known[0]
                if key in members:
                    members[key].append({"doc_id": None, "node": n, "year": e.year, "issue": e.issue, "title": e.title, "level": None})
    for key, eds in members.items():
        eds.sort(key=lambda r: (r["year"], r["issue"], r.get("doc_id") or ""))
        stored = {(r["year"], r["issue"]) for r in eds if r.get("doc_id")}
        nodes, works_in = [], set()
        for r in eds:
            if not r.get("doc_id"):
                if (r["year"], r["issue"]) not in stored:  # a placeholder stands for an edition not stored
                    nodes.append((r["node"], r))
                continue
            w = work.get(r["doc_id"], r["doc_id"])
            if w in works_in:
                continue  # renditions of one edition count once: the first stored
            works_in.add(w)
            nodes.append((f"doc:{r['doc_id']}", r))
        nodes.sort(key=lambda x: (x[1]["year"], x[1]["issue"]))
        for (na, ra), (nb, rb) in zip(nodes, nodes[1:]):
            if (ra["year"], ra["issue"]) == (rb["year"], rb["issue"]):
                continue
            if na.startswith("doc:") and nb.startswith("doc:"):
                doc_pairs.setdefault((nb[4:], na[4:]), "next_edition")  # what the new edition kept of the old one
            ev = {"series": key, "years": [ra["year"], rb["year"]], "issues": [ra["issue"], rb["issue"]], "titles": [ra["title"], rb["title"]]}
            inferred = {n: r["inferred"] for n, r in ((na, ra), (nb, rb)) if r.get("inferred")}
            if inferred:  # an edition without a title: what its opening says, and how it compares
                ev["inferred"] = inferred
            g.add_edge(na, nb, key=f"next_edition:{key}", relation="next_edition", confidence=0.8 if inferred else 0.9, evidence=ev)
    # same subject at different levels: editions of one core under different owners (国务院 / 北京市 政务公开工作要点)
    by_core: dict[str, list[str]] = defaultdict(list)
    for key, eds in members.items():
        for r in eds:
            if r.get("doc_id"):
                by_core[key.split("|", 1)[1]].append(r["doc_id"])
    for core, ids in by_core.items():
        ids = sorted({work.get(i, i) for i in ids})
        for x in ids:
            for y in ids:
                if docs[x]["level"] != docs[y]["level"] and LEVEL_ORDER.get(docs[x]["level"], 9) > LEVEL_ORDER.get(docs[y]["level"], 9):
                    doc_pairs.setdefault((x, y), "same_subject")
    if with_structure:
        _add_structure(g, store)
        for a, b, score, diffs in align_requirements(store, same_work=work):
            g.add_edge(f"req:{a}", f"req:{b}", key="aligns_with", relation="aligns_with", confidence=round(score, 3),
                       evidence={"method": "thresholds", "thresholds": diffs})
    if with_reuse:
        for (x, y), how in sorted(doc_pairs.items()):
            if work.get(x, x) == work.get(y, y):
                continue
            for ru in find_reuse(load_clauses(store, x), load_clauses(store, y)):
                u = f"sec:{ru.local.section_id}" if with_structure and ru.local.section_id else f"doc:{x}"
                v = f"sec:{ru.source.section_id}" if with_structure and ru.source.section_id else f"doc:{y}"
                g.add_edge(u, v, key=f"reuse:{ru.local.id}", relation="aligns_with", confidence=round(ru.reuse, 3),
                           evidence={**ru.evidence(), "documents": [x, y], "pair": how})
    return g


LEVEL_ORDER = {"national": 0, "provincial": 1, "municipal": 2, "county": 3, "district": 3}


def _add_structure(g: nx.MultiDiGraph, store: Store) -> None:
    db = store.db
    for r in db.execute("SELECT id, doc_id, parent, path, kind, title FROM sections ORDER BY doc_id, start, id"):
        g.add_node(f"sec:{r['id']}", kind="section", path=r["path"], section_kind=r["kind"], title=r["title"] or "")
        g.add_edge(f"sec:{r['id']}", f"sec:{r['parent']}" if r["parent"] else f"doc:{r['doc_id']}", key="part_of", relation="part_of")
    for r in db.execute("SELECT id, doc_id, section_id, modality, trigger, actor, text FROM requirements ORDER BY doc_id, start, id"):
        g.add_node(f"req:{r['id']}", kind="requirement", modality=r["modality"], trigger=r["trigger"] or "", actor=r["actor"] or "",
                   text=r["text"])
        g.add_edge(f"req:{r['id']}", f"sec:{r['section_id']}" if r["section_id"] else f"doc:{r['doc_id']}", key="part_of", relation="part_of")
    for r in db.execute("SELECT id, requirement_id, subject, comparator, value_text, value_max, unit, condition, baseline FROM thresholds ORDER BY doc_id, start, id"):
        g.add_node(f"thr:{r['id']}", kind="threshold", subject=r["subject"] or "", comparator=r["comparator"], value=r["value_text"],
                   unit=r["unit"] or "", condition=r["condition"] or "", baseline=r["baseline"] or "")
        if r["requirement_id"]:
            g.add_edge(f"req:{r['requirement_id']}", f"thr:{r['id']}", key="has_threshold", relation="has_threshold")


def _unit_family(unit: str | None) -> str | None:
    return "share" if unit in SHARE_UNITS else unit


def _candidate_pairs(rows: list[dict], grams: list[Counter[str]], concepts: list[frozenset[str]], pivot: str | None) -> Iterable[tuple[int, int]]:
    """Pairs of thresholds worth scoring, from a blocking index: same unit family, and a shared
    subject bigram or policy concept. Each threshold takes its candidates from its rarest keys
    first and stops at :data:`BLOCK_CANDIDATES`, so the work grows with the number of thresholds,
    not with its square."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    keys = []
    for i, r in enumerate(rows):
        fam = _unit_family(r["unit"])
        ks = [(fam, "b", g) for g in grams[i]] + [(fam, "c", c) for c in concepts[i]]
        keys.append(ks)
        for k in ks:
            blocks[k].append(i)
    seen: set[tuple[int, int]] = set()
    for i, r in enumerate(rows):
        if pivot is not None and r["doc_id"] != pivot:
            continue
        found = 0
        for k in sorted(keys[i], key=lambda k: len(blocks[k])):
            for j in blocks[k]:
                if j == i or rows[j]["doc_id"] == r["doc_id"]:
                    continue
                pair = (min(i, j), max(i, j))
                if pair in seen:
                    continue
                seen.add(pair)
                found += 1
                yield pair
            if found >= BLOCK_CANDIDATES:
                break


def align_requirements(store: Store, doc_ids: set[str] | None = None, pivot: str | None = None,
                       same_work: dict[str, str] | None = None) -> list[tuple[str, str, float, list[dict]]]:
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
         "JOIN documents d ON d.doc_id = t.doc_id WHERE t.kind != 'deadline'")
    if doc_ids is None:
        rows = [dict(r) for r in store.db.execute(q + " ORDER BY t.doc_id, t.start, t.id")]  # id breaks ties: the same order on both backends
    else:  # pushed down: only the thresholds of these documents are read
        ids = sorted(doc_ids)
        rows = []
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows += [dict(r) for r in store.db.execute(q + f" AND t.doc_id IN ({','.join('?' * len(chunk))})", chunk)]  # noqa: S608
        rows.sort(key=lambda r: (r["doc_id"], r["start"], r["id"]))
    if same_work is not None:  # renditions are not aligned again: their first stored document stands for them
        rows = [r for r in rows if same_work.get(r["doc_id"], r["doc_id"]) == r["doc_id"] or r["doc_id"] == pivot]
    if not rows:
        return []
    vecs = tfidf([words(r["req_text"]) for r in rows])
    concepts = [_concepts(f"{r['subject'] or ''} {r['text']}") for r in rows]
    grams = [bigrams(r["subject"] or "") for r in rows]
    best: dict[tuple[str, str], dict] = {}
    for i, j in _candidate_pairs(rows, grams, concepts, pivot):
        a, b = rows[i], rows[j]
        if a["doc_id"] == b["doc_id"] or _unit_family(a["unit"]) != _unit_family(b["unit"]) or (same_work is not None and same_work.get(a["doc_id"], a["doc_id"]) == same_work.get(b["doc_id"], b["doc_id"])):
            continue
        ca, cb = (norm_condition(a["condition"]), norm_condition(b["condition"]))
        if ca and cb and ca != cb:
            continue  # another band of the same limit (个人会员<2万人 vs >10万人)
        subj = dice_counts(grams[i], grams[j])
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
