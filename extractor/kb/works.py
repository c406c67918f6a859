"""Works, renditions and series: which stored texts are one notice, which notices are
editions of one series.

* **Renditions** — the same notice stored twice: in traditional and in simplified script, as
  a repost inside another site's wrapper (转发, 转载, a county portal republishing a city's
  notice), as HTML and as text. Decided on the normalized text (already ``t2s``; converted
  again here so that a text stored before that rule still compares) by near-duplicate
  detection: character 5-gram shingles, a 64-hash MinHash signature and 21 LSH bands of 3
  rows; candidate pairs come from shared bands or a shared title/发文字号 key (two indexed
  joins), never from all pairs. A candidate pair is a rendition when the *containment* of the
  smaller shingle set in the larger one (computed exactly on the candidates) is at least
  :data:`RENDITION_CONTAINMENT` — a repost wrapper adds text, an archive may cut the end —,
  the two do not name different years (editions share most of their text) and are not of two
  different known levels (a city forwarding a national notice verbatim is a forwarding notice
  of its own: the reuse edges flag it as verbatim).
* **Series** — the title core with the year, the issue number and the 印发/转发 wrapper
  removed, plus its owner (the region or the body behind the issuer):
  中国科协办公厅关于印发《2016年学会改革工作要点》的通知 and 中国科协2017年学会改革工作要点
  are both ``中国科协|学会改革工作要点``.

The index lives in three tables of the store (migration 4) and is refreshed lazily by
:func:`ensure_index`: only documents without an up-to-date row are read.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from extractor.data.regions import NATIONAL_PREFIXES
from extractor.kb.store import title_key
from extractor.recache import compile_re

INDEX_VERSION = 5  # bump when the series rules or the signature change: rows are rebuilt
SHINGLE = 5  # characters per shingle
NUM_PERM = 64
BANDS, ROWS = 21, 3  # LSH: one band of 3 equal hashes makes a candidate (P ≥ 0.94 at Jaccard 0.5, 0.02 at 0.1)
RENDITION_CONTAINMENT = 0.7  # exact, on the candidates: corpus-dev 063/064 (a 转发 of the 2020 holidays) 0.76
MIN_SHINGLES = 30
WINDOW = 4  # rendition candidates per document inside one LSH bucket or key bucket
TRACE_CANDIDATES = 20  # renditions looked at for one document (trace)
SURE_JACCARD = 0.9  # a MinHash estimate this high needs no exact check  # a text this short is too short to call two notices one

_KEEP = compile_re(r"[\u4e00-\u9fff0-9A-Za-z]")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _seeds() -> np.ndarray:
    # fixed, documented seeds: signatures are stored, so they must not change between runs
    return np.array([int.from_bytes(hashlib.blake2b(f"polex-minhash-{i}".encode(), digest_size=8).digest(), "little")
                     for i in range(NUM_PERM)], dtype=np.uint64)


_SEEDS: np.ndarray | None = None


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, vectorized (uint64 arithmetic wraps modulo 2**64)."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Distinct 64-bit hashes of the character k-grams of ``text`` (Han, digits, Latin only:
    punctuation and white space differ between renditions).

    >>> len(shingle_hashes("关于印发《2016年政务公开工作要点》的通知")) == len("关于印发2016年政务公开工作要点的通知") - 4
    True
    """
    chars = np.fromiter((ord(c) for c in text if _KEEP.match(c)), dtype=np.uint64)
    if len(chars) < k:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(len(chars) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = _mix(h ^ chars[j:len(chars) - k + 1 + j])
    return np.unique(h)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (NUM_PERM minima) of a set of shingle hashes."""
    global _SEEDS
    if _SEEDS is None:
        _SEEDS = _seeds()
    if len(hashes) == 0:
        return np.full(NUM_PERM, _MASK64, dtype=np.uint64)
    return _mix(hashes[None, :] ^ _SEEDS[:, None]).min(axis=1)


def band_keys(sig: np.ndarray) -> list[str]:
    return [f"{b}:{hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}" for b in range(BANDS)]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float((a == b).mean())


def containment(j: float, na: int, nb: int) -> float:
    """|A∩B| / min(|A|,|B|) from the Jaccard estimate and the set sizes."""
    if not na or not nb:
        return 0.0
    inter = j * (na + nb) / (1 + j)
    return min(1.0, inter / min(na, nb))


def sig_to_text(sig: np.ndarray) -> str:
    return sig.astype("<u8").tobytes().hex()


def sig_from_text(s: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(s), dtype="<u8").astype(np.uint64)


# -- series -----------------------------------------------------------------------------------

# doc numbers pasted into a title by the site: 京政办发〔2016〕26号《…》, …的通知(湘政办函〔2016〕62号)
_NUMBER_IN_TITLE = compile_re(r"[(（]?[\u4e00-\u9fff]{1,8}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号[)）]?")
# corpus-dev 010/011: 食品安全监督抽检信息通告（2020年第10期）; seeds: 中国科协2017年学会改革工作要点
_YEAR_ISSUE = compile_re(r"[(（\[〔]?((?:19|20)\d{2})\s*年度?(?:第([0-9一二三四五六七八九十]+)期)?[)）\]〕]?")
_WRAP = compile_re(r"^(?P<who>.*?)(?:关于)?(?:印发|转发|下发|公布)(?P<inner>.+?)的(?:通知|通告|函)$")
_ABOUT = compile_re(r"^(?P<who>.+?)关于(?P<inner>.+?)的(?:通知|通告|函|意见|决定)$")
_ENCLOSED = compile_re(r"[《〈<‹](.+?)[》〉>›]")
_JUNK = compile_re(r"[\s　“”\"'‘’()（）\[\]【】〔〕、，,。.:：;；\-—_·《》〈〉<>]")
_REGION = compile_re(r"^(.{2,8}?(?:省|自治区|特别行政区|市|自治州|盟|县|旗))")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def owner(name: str | None, strict: bool = False) -> str | None:
    """The region or body a series belongs to, read from an issuer or a title prefix.

    >>> owner("湖南省人民政府办公厅"), owner("中国科协办公厅"), owner("国务院办公厅"), owner("万载县")
    ('湖南省', '中国科协', '国务院', '万载县')
    """
    if not name:
        return None
    name = _JUNK.sub("", name.split("、")[0]).removeprefix("中共")
    if name.startswith(("中国科学技术协会", "中国科协")):
        return "中国科协"
    for p in ("国务院", "中央"):
        if name.startswith(p):
            return p
    if not name.startswith(NATIONAL_PREFIXES):
        m = _REGION.match(name)  # the first place name: 湖南省人民政府办公厅 → 湖南省, 万载县统计局 → 万载县
        if m:
            return m.group(1)
    if strict:
        return None  # a title prefix that is neither a place nor a known body is part of the core
    return re.sub(r"(?:办公厅|办公室)$", "", name) or None


@dataclass(frozen=True)
class Edition:
    core: str  # the title without year, issue, owner prefix and wrapper
    owner: str | None
    year: int
    issue: int  # 0 when the title names no issue
    title: str  # the title (or enclosed title) the edition was read from


def _issue(s: str | None) -> int:
    if not s:
        return 0
    return int(s) if s.isdigit() else sum(_NUMERALS.get(c, 0) for c in s) or 0


def find_editions(title: str | None, issuer: str | None = None) -> list[Edition]:
    """The series editions a title names: one per enclosed document for a 关于印发《X》和《Y》的通知.
    Only a title that carries a year is an edition.

    >>> [(e.owner, e.core, e.year) for e in find_editions("中国科协办公厅关于印发《2016年学会改革工作要点》的通知")]
    [('中国科协', '学会改革工作要点', 2016)]
    >>> [(e.owner, e.core, e.year) for e in find_editions("中国科协2017年学会改革工作要点")]
    [('中国科协', '学会改革工作要点', 2017)]
    >>> [(e.core, e.year, e.issue) for e in find_editions("江西省市场监督管理局食品安全监督抽检信息通告（2020年第10期）")]
    [('市场监督管理局食品安全监督抽检信息通告', 2020, 10)]
    """
    if not title:
        return []
    t = _NUMBER_IN_TITLE.sub("", title).strip()
    if t.startswith("《") and t.endswith("》"):
        t = t[1:-1]  # corpus-dev 031: the site wraps the whole title in 《》 after its 发文字号
    who = None
    inners: list[str] = []
    m = _WRAP.match(t)
    if m:
        who = m.group("who") or None
        enclosed = _ENCLOSED.findall(m.group("inner"))
        inners = enclosed or [m.group("inner")]
    else:
        enclosed = _ENCLOSED.findall(t)
        a = _ABOUT.match(t)
        if a and not (enclosed and t.startswith("《")):
            who, inners = a.group("who"), [a.group("inner")]
        elif t.startswith(("《", "〈")) and enclosed:
            inners = enclosed[:1]
        else:
            inners = [t]
    out = []
    for inner in inners:
        y = _YEAR_ISSUE.search(inner)
        if not y:
            continue
        pre, rest = _JUNK.sub("", inner[:y.start()]), _JUNK.sub("", inner[y.end():])
        if not rest and not pre:
            continue  # a bare year, e.g. 《2016年》
        own = None
        if re.search(r"(?:19|20)\d{2}\s*[—–\-~至]\s*$", inner[:y.start()]):
            continue  # a plan period (2021—2035年), not an annual edition
        if pre:
            own = owner(pre, strict=True)
            # the owner named at the head of the title is not part of the core: 中国科协2017年…, 湖南省2022年…
            for head in (own, "中国科学技术协会"):
                if head and pre.startswith(head):
                    pre = pre[len(head):]
                    break
        if own and rest.startswith(own):
            rest = rest[len(own):]  # 2026年广州市天河区幼儿园招生工作方案
        core = pre + rest
        own = own or owner(who) or owner(issuer)
        core = re.sub(r"^(?:关于)", "", core)
        if len(core) < 4:
            continue
        out.append(Edition(core, own, int(y.group(1)), _issue(y.group(2)), inner))
    return out


def series_key(e: Edition) -> str:
    return f"{e.owner or '?'}|{e.core}"


# -- the index in the store ---------------------------------------------------------------------

def _doc_text(store, doc_id: str) -> str:  # noqa: ANN001
    return "\n".join(r["text"] for r in store.db.execute("SELECT text FROM clauses WHERE doc_id = ? ORDER BY start", (doc_id,)))


def ensure_index(store, doc_ids: Iterable[str] | None = None) -> int:  # noqa: ANN001
    """Compute the signature, bands and series editions of every document that has no
    up-to-date row (or of ``doc_ids`` only); returns how many were indexed."""
    from extractor.normalize.text import _converter

    db = store.db
    if doc_ids is None:
        token = store.data_token()
        if token is not None and token == getattr(store, "_indexed_at", None):
            return 0  # nothing written since this store was last found indexed (trace asks three times)
        # the usual case: nothing new since the last graph command. Every kb_index row is a stored
        # document's (a foreign key), so equal counts and no row of another version say every document
        # is indexed; two counts and two index probes (counting the rows of one version scanned the
        # whole index: 7 ms at 100,000 notices)
        n_docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        if n_docs == db.execute("SELECT COUNT(*) FROM kb_index").fetchone()[0] and not db.execute(
                "SELECT EXISTS (SELECT 1 FROM kb_index WHERE version < ?) OR EXISTS (SELECT 1 FROM kb_index WHERE version > ?)",
                (INDEX_VERSION, INDEX_VERSION)).fetchone()[0]:
            store._indexed_at = token  # noqa: SLF001 - the store's memo of this check
            return 0
        todo = [r["doc_id"] for r in db.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN kb_index k ON k.doc_id = d.doc_id "
            "WHERE k.doc_id IS NULL OR k.version != ? ORDER BY d.doc_id", (INDEX_VERSION,))]
    else:
        ids = list(doc_ids)
        todo = []
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            have = {r["doc_id"] for r in db.execute(
                f"SELECT doc_id FROM kb_index WHERE version = ? AND doc_id IN ({','.join('?' * len(chunk))})",  # noqa: S608
                (INDEX_VERSION, *chunk))}
            todo += [d for d in chunk if d not in have]
    if not todo:
        return 0
    t2s = _converter("t2s")
    rows = []
    for d in todo:
        meta = db.execute("SELECT title, issuer, year FROM documents WHERE doc_id = ?", (d,)).fetchone()
        hashes = shingle_hashes(t2s.convert(_doc_text(store, d)))
        sig = minhash(hashes)
        eds = {series_key(e): e for e in find_editions(meta["title"], meta["issuer"])}
        for t in _issued_titles(store, d):
            for e in find_editions(t, meta["issuer"]):
                eds.setdefault(series_key(e), e)
        issued = {}
        for t in _issued_titles(store, d):
            k = title_key(t)
            if k:
                issued.setdefault(k, (owner(meta["issuer"]), meta["year"], t))
        tk = db.execute("SELECT MIN(key) FROM doc_keys WHERE doc_id = ? AND key >= 'title:' AND key < 'title;'", (d,)).fetchone()[0]
        grams = sorted(title_grams(tk[6:])) if tk else []
        openings = _openings(store, d)  # used only when no title of the notice joins a series (_join_by_opening)
        rows.append((d, sig, len(hashes), eds, issued, grams, openings))
    db.execute("BEGIN")
    try:
        for d, sig, n, eds, issued, grams, openings in rows:
            for table in ("kb_index", "doc_bands", "doc_series", "title_grams", "doc_issued", "doc_openings"):
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (d,))  # noqa: S608 - fixed names
            db.executemany("INSERT INTO title_grams(doc_id, gram) VALUES (?,?)", [(d, g) for g in grams])
            db.executemany("INSERT INTO doc_issued(doc_id, key, owner, year, title) VALUES (?,?,?,?,?)",
                           [(d, k, *v) for k, v in issued.items()])
            db.executemany("INSERT INTO doc_openings(doc_id, year, head, phrase, start, end) VALUES (?,?,?,?,?,?)",
                           [(d, *o) for o in openings])
            db.execute("INSERT INTO kb_index(doc_id, version, minhash, n_shingles) VALUES (?,?,?,?)",
                       (d, INDEX_VERSION, sig_to_text(sig), n))
            if n >= MIN_SHINGLES:
                db.executemany("INSERT INTO doc_bands(doc_id, band) VALUES (?,?)", [(d, b) for b in band_keys(sig)])
            db.executemany("INSERT INTO doc_series(doc_id, key, core, owner, year, issue, title) VALUES (?,?,?,?,?,?,?)",
                           [(d, k, e.core, e.owner, e.year, e.issue, e.title) for k, e in eds.items()])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return len(rows)


# corpus-dev 035/037: 现将《中国科协2020年科普工作要点》印发给你们 — the covering notice names the
# edition it issues in its first sentence, whatever the site made of the title
_ISSUES = compile_re(r"现将\s*$")
_ISSUED = compile_re(r"^\s*(?:印发|转发|下发|发)给")
# corpus-dev 026/027: 《关于全面推进政务公开工作的实施意见》已经省委、省人民政府同意,现印发给你们 — the issued
# title opens the sentence, which ends by issuing it
_ISSUED_LATER = compile_re(r"现(?:予以?)?(?:印发|转发|下发)|(?:印发|转发|下发)给你们")


def title_grams(t: str) -> set[str]:
    """The character bigrams of a normalized title (the fuzzy title index, :class:`~extractor.kb.graph.Resolver`)."""
    return {t[i:i + 2] for i in range(len(t) - 1)}


# corpus-dev 038: the 2016 全民科学素质行动 要点 reposted as a bare body, no title, issuer nor date; it opens
# 2016年是“十三五”开局之年 … 2016年全民科学素质行动要全面贯彻 … — the edition it is, named by its first sentences
_OPENING = compile_re(r"((?:19|20)\d{2})\s*年度?([\u4e00-\u9fff]{6,30})")
OPENING_CHARS = 200  # characters of the body read for an edition phrase
OPENING_HEAD = 6  # characters an opening phrase and a series core must share at least to be compared


def _openings(store, doc_id: str) -> list[tuple[int, str, str, int, int]]:  # noqa: ANN001
    """(year, head, phrase, start, end) of the "{year}年{subject}" phrases in a notice's opening,
    outside 《》 (a cited title is another document)."""
    out, read = [], 0
    for c in store.db.execute("SELECT text, start FROM clauses WHERE doc_id = ? ORDER BY start", (doc_id,)):
        for m in _OPENING.finditer(c["text"]):
            before = c["text"][:m.start()]
            if before.count("《") > before.count("》") or before.count("〈") > before.count("〉"):
                continue
            phrase = m.group(2)
            out.append((int(m.group(1)), phrase[:OPENING_HEAD], phrase, c["start"] + m.start(), c["start"] + m.end()))
        read += len(c["text"])
        if read >= OPENING_CHARS:
            break
    return out


def _issued_titles(store, doc_id: str) -> list[str]:  # noqa: ANN001
    """Titles of the documents a notice encloses or issues (现将《X》印发给你们)."""
    db = store.db
    out = []
    for c in db.execute("SELECT role, title, start, end FROM citations WHERE doc_id = ? AND role IN ('encloses', 'cites') "
                        "AND title IS NOT NULL ORDER BY start", (doc_id,)):
        if c["role"] == "encloses":
            out.append(c["title"])
            continue
        cl = db.execute("SELECT c.text, c.start FROM clauses c WHERE c.doc_id = ? AND c.start <= ? AND c.end >= ? ORDER BY c.start DESC LIMIT 1",
                        (doc_id, c["start"], c["end"])).fetchone()
        if not cl:
            continue
        before, after = cl["text"][:c["start"] - cl["start"]], cl["text"][c["end"] - cl["start"]:]
        if (_ISSUES.search(before) and _ISSUED.match(after)) or (not before.strip() and _ISSUED_LATER.search(after)):
            out.append(c["title"])
    return out


@dataclass(frozen=True)
class Rendition:
    a: str
    b: str
    jaccard: float
    containment: float
    evidence: dict


def _years(title: str | None) -> set[str]:
    return set(re.findall(r"(?:19|20)\d{2}(?=\s*年)", title or ""))


def find_renditions(store, doc_ids: Iterable[str] | None = None) -> list[Rendition]:  # noqa: ANN001
    """Pairs of stored documents that are one notice (candidates from shared LSH bands only).
    With ``doc_ids``, only pairs involving one of them."""
    ensure_index(store)  # two counts when nothing new was stored
    db = store.db
    pairs: set[tuple[str, str]] = set()
    if doc_ids is None:
        # one pass over each index in key order; inside a bucket each document is compared with the
        # WINDOW documents before it (union-find makes renditions transitive), so a bucket of k
        # copies costs k·WINDOW comparisons, not k²
        for q in ("SELECT band AS k, doc_id FROM doc_bands ORDER BY band, doc_id", "SELECT key AS k, doc_id FROM doc_keys ORDER BY key, doc_id"):
            prev, bucket = None, []
            for r in db.execute(q):
                if r["k"] != prev:
                    prev, bucket = r["k"], []
                pairs.update((o, r["doc_id"]) for o in bucket[-WINDOW:] if o != r["doc_id"])
                bucket.append(r["doc_id"])
    else:
        for d in doc_ids:  # the documents sharing most bands or a key with d
            for q in ("SELECT b.doc_id, COUNT(*) AS n FROM doc_bands a JOIN doc_bands b ON a.band = b.band "
                      "WHERE a.doc_id = ? AND b.doc_id != ? GROUP BY b.doc_id ORDER BY n DESC, b.doc_id LIMIT ?",
                      "SELECT b.doc_id, COUNT(*) AS n FROM doc_keys a JOIN doc_keys b ON a.key = b.key "
                      "WHERE a.doc_id = ? AND b.doc_id != ? GROUP BY b.doc_id ORDER BY n DESC, b.doc_id LIMIT ?"):
                for r in db.execute(q, (d, d, TRACE_CANDIDATES)):
                    pairs.add(tuple(sorted((d, r["doc_id"]))))
    if not pairs:
        return []
    from extractor.normalize.text import _converter

    t2s = _converter("t2s")
    info: dict[str, dict] = {}

    def get(d: str) -> dict:
        if d not in info:
            r = db.execute("SELECT d.title, d.script, d.path, d.url, d.doc_number, d.level, k.minhash, k.n_shingles FROM documents d "
                           "JOIN kb_index k ON k.doc_id = d.doc_id WHERE d.doc_id = ?", (d,)).fetchone()
            info[d] = {**dict(r), "sig": sig_from_text(r["minhash"])}
        return info[d]

    def exact(d: str) -> np.ndarray:
        if "shingles" not in info[d]:
            info[d]["shingles"] = shingle_hashes(t2s.convert(_doc_text(store, d)))
        return info[d]["shingles"]

    out = []
    for a, b in sorted(pairs):
        x, y = get(a), get(b)
        na, nb = x["n_shingles"], y["n_shingles"]
        if min(na, nb) < MIN_SHINGLES:
            continue
        j = jaccard(x["sig"], y["sig"])
        if j >= SURE_JACCARD and max(na, nb) <= 1.2 * min(na, nb):
            c = containment(j, na, nb)  # near-identical texts: the estimate is enough
        else:
            inter = len(np.intersect1d(exact(a), exact(b), assume_unique=True))
            c = inter / min(na, nb)
            j = inter / (na + nb - inter)
        if c < RENDITION_CONTAINMENT:
            continue
        ya, yb = _years(x["title"]), _years(y["title"])
        if ya and yb and not (ya & yb):
            continue  # two editions of a series, not one notice twice
        if _other_issue(x["title"], y["title"]):
            continue  # corpus-dev 010/011: 抽检信息通告（2020年第10期）and（第11期）share their form text, not their notice
        if (x["level"] not in (None, "unknown") and y["level"] not in (None, "unknown") and x["level"] != y["level"]
                and not _same_notice(x, y)):
            continue  # forwarded by another level: its own notice (text reuse says it is verbatim)
        if _forwards(db, a, b) or _forwards(db, b, a):
            continue  # corpus-dev 064: 根据《国务院办公厅关于2020年部分节假日安排的通知》… — a forwarding notice of its own
        differs = [k for k in ("script", "doc_number", "path") if x[k] and y[k] and x[k] != y[k]]
        out.append(Rendition(a, b, round(j, 3), round(c, 3), {
            "method": f"{SHINGLE}-char shingles after t2s; candidates by MinHash LSH ({BANDS}×{ROWS}) or a shared key",
            "jaccard": round(j, 3), "containment": round(c, 3), "shingles": [na, nb],
            "scripts": [x["script"], y["script"]], "sources": [x["path"] or x["url"], y["path"] or y["url"]],
            "differs": differs}))
    return out


def _other_issue(a: str | None, b: str | None) -> bool:
    """Whether two titles name different editions (year or issue) of one series."""
    ea = {e.core: (e.year, e.issue) for e in find_editions(a)}
    eb = {e.core: (e.year, e.issue) for e in find_editions(b)}
    return any(c in eb and eb[c] != v for c, v in ea.items())


_WRAPPING = compile_re(r"转发|印发|转载|关于|实施|贯彻")


def _same_notice(x: dict, y: dict) -> bool:
    """Two stored texts that say they are one notice: the same 发文字号, or one title inside the other
    with only a site name around it (corpus-dev 017: the national 条例 as 广州市市场监督管理局网站-中华人民共和国
    市场主体登记管理条例, which reads as municipal). A 转发/印发/实施 wrapper around the other's title is a
    notice of its own (XX市人民政府办公室转发国务院办公厅关于…的通知)."""
    if x["doc_number"] and x["doc_number"] == y["doc_number"]:
        return True
    tx, ty = (title_key(t) for t in (x["title"], y["title"]))
    if not tx or not ty:
        return False
    short, long_ = sorted((tx[6:], ty[6:]), key=len)
    return short in long_ and not _WRAPPING.search(long_.replace(short, "", 1))


def _forwards(db, a: str, b: str) -> bool:  # noqa: ANN001
    """Whether ``a`` implements ``b`` by a reference that is not ``a``'s own title or number (a
    notice stored twice names its own title in both copies; a forwarding notice names the other)."""
    return db.execute(
        "SELECT 1 FROM citations c JOIN doc_keys k ON (k.key = c.number_key OR k.key = c.title_key) "
        "WHERE c.doc_id = ? AND k.doc_id = ? AND c.relation = 'implements' "
        "AND NOT EXISTS (SELECT 1 FROM doc_keys s WHERE s.doc_id = c.doc_id AND s.key = k.key) LIMIT 1", (a, b)).fetchone() is not None


def rendition_groups(renditions: Iterable[Rendition]) -> dict[str, str]:
    """doc_id → the smallest doc_id of its group (union-find over rendition pairs)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in renditions:
        ra, rb = find(r.a), find(r.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def series_members(store, keys: Iterable[str] | None = None) -> dict[str, list[dict]]:  # noqa: ANN001
    """Series key → its stored editions ordered by (year, issue), from ``doc_series``.
    An edition whose owner is unknown (``?|core``) joins the only known owner of its core.

    With ``keys`` (trace: the series of one notice), the members of their cores only, each with
    the first 64 characters of its MinHash signature (copies of one text share it) and without
    the document's own columns, which trace reads for the few editions it links: a series can hold
    thousands of copies (5,554 rows for the 2017 要点 at 100,000 synthetic notices; 82 → 12 ms)."""
    db = store.db
    if keys is None:
        rows = [dict(r) for r in db.execute("SELECT s.*, d.level FROM doc_series s JOIN documents d ON d.doc_id = s.doc_id")]
    else:
        cores = {k.split("|", 1)[1] for k in keys}
        rows = []
        for c in sorted(cores):
            rows += [dict(r) for r in db.execute(
                "SELECT s.doc_id, s.key, s.core, s.owner, s.year, s.issue, s.title, substr(k.minhash, 1, 64) AS minhash "
                "FROM doc_series s LEFT JOIN kb_index k ON k.doc_id = s.doc_id WHERE s.core = ?", (c,))]
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["owner"]:
            owners[r["core"]].add(r["owner"])
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        own = r["owner"] or (next(iter(owners[r["core"]])) if len(owners[r["core"]]) == 1 else None)
        out[f"{own or '?'}|{r['core']}"].append(r)
    if keys is None:
        _join_by_opening(store, out)
    for v in out.values():
        v.sort(key=lambda r: (r["year"], r["issue"], r["doc_id"]))
    return dict(out)


EDITION_WORDS = 0.1  # word-set Jaccard with the nearest stored edition, at least (corpus-dev edition pairs: 0.17–0.57)


def _join_by_opening(store, members: dict[str, list[dict]]) -> None:  # noqa: ANN001
    """A notice whose title names no edition (no title line: corpus-dev 038) joins a series when its
    opening names "{year}年" and most of the series core (at least two thirds, and
    :data:`OPENING_HEAD` characters: 2016年全民科学素质行动 → 全民科学素质行动工作要点), it is of no
    other owner nor doc type, no edition of that year is stored, and it shares at least
    :data:`EDITION_WORDS` of its words with the nearest stored edition. The evidence goes with it."""
    from extractor.kb.similarity import words
    from extractor.normalize.text import _converter

    by_head: dict[str, list[str]] = defaultdict(list)
    for key in members:
        core = key.split("|", 1)[1]
        by_head[core[:OPENING_HEAD]].append(key)
    if not by_head:
        return
    t2s = _converter("t2s")
    bags: dict[str, set[str]] = {}

    def bag(d: str) -> set[str]:
        if d not in bags:
            bags[d] = set(words(t2s.convert(_doc_text(store, d))))
        return bags[d]

    rows = store.db.execute("SELECT o.*, d.issuer, d.doc_type, d.level FROM doc_openings o JOIN documents d ON d.doc_id = o.doc_id "
                            "ORDER BY o.doc_id, o.start").fetchall()
    # a notice whose title already joins it to another stored edition keeps that series; one whose title
    # names no edition, or one no other notice shares (an inferred title made of a first sentence:
    # 2016年是“十三五”开局之年), may join by its opening
    joined: set[str] = {e["doc_id"] for eds in members.values() if len(eds) > 1 for e in eds}
    for o in rows:
        if o["doc_id"] in joined:
            continue
        best = None
        for key in by_head.get(o["head"], ()):
            own, core = key.split("|", 1)
            shared = len(os.path.commonprefix([o["phrase"], core]))
            if shared < max(OPENING_HEAD, -(-2 * len(core) // 3)):
                continue
            mine = owner(o["issuer"])
            if mine and own != "?" and mine != own:
                continue  # another body's notice on the same subject
            if o["doc_type"] and o["doc_type"] != "通知" and not core.endswith(o["doc_type"]):
                continue
            eds = [e for e in members[key] if e.get("doc_id")]
            if not eds or any(e["year"] == o["year"] for e in eds) or any(e["doc_id"] == o["doc_id"] for e in eds):
                continue
            near = min(eds, key=lambda e: (abs(e["year"] - o["year"]), e["doc_id"]))
            a, b = bag(o["doc_id"]), bag(near["doc_id"])
            jac = len(a & b) / len(a | b) if a and b else 0.0
            if jac < EDITION_WORDS:
                continue
            if best is None or shared > best[0]:
                best = (shared, key, near["doc_id"], round(jac, 3))
        if best is None:
            continue
        shared, key, near, jac = best
        joined.add(o["doc_id"])
        members[key].append({"doc_id": o["doc_id"], "key": key, "core": key.split("|", 1)[1], "owner": key.split("|", 1)[0],
                             "year": o["year"], "issue": 0, "title": f"{o['year']}年{o['phrase']}", "level": o["level"],
                             "inferred": {"from": "opening", "phrase": f"{o['year']}年{o['phrase']}", "span": [o["start"], o["end"]],
                                          "core_shared": shared, "owner": owner(o["issuer"]), "words_jaccard": jac,
                                          "nearest_edition": near}})
