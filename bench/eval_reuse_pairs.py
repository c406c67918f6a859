"""Two ways of pairing the points of the 2017 and 2018 要点, scored against the hand alignment
in ../shared/gold/diff_2017_2018.json: the graph's threshold pairing (`aligns_with` between
requirements: subject bigrams + requirement TF-IDF cosine) and the clause local alignment of
kb/reuse.py (shingle candidates + Smith-Waterman), at several reuse floors.

Run: .venv/bin/python bench/eval_reuse_pairs.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "gold" / "diff_2017_2018.json"


def main() -> None:
    import extractor.kb.reuse as reuse
    from extractor.ingest.local import ingest_paths
    from extractor.kb.graph import align_requirements
    from extractor.kb.store import Store

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    all_gold = {(p["y2017"], p["y2018"]) for p in gold["pairs"]}
    strong = {(p["y2017"], p["y2018"]) for p in gold["pairs"] if p["strength"] == "strong"}
    with tempfile.TemporaryDirectory() as tmp:
        s = Store(Path(tmp) / "p.db")
        res = ingest_paths(s, [ROOT / "corpus" / "seeds" / gold["y2017_file"], ROOT / "corpus" / "seeds" / gold["y2018_file"]])
        a, b = res[0].doc_id, res[1].doc_id
        label = {r["id"]: r["label"] for r in s.db.execute("SELECT id, label FROM sections")}
        req_section = {r["id"]: r["section_id"] for r in s.db.execute("SELECT id, section_id FROM requirements")}

        def score(name: str, ours: set) -> None:
            p = len(ours & all_gold) / len(ours) if ours else 0.0
            print(f"{name:44} pairs {len(ours):3}  precision {p:.2f}  recall of strong {len(ours & strong) / len(strong):.2f}")

        tf = {(label.get(req_section[x]), label.get(req_section[y])) for x, y, *_ in align_requirements(s, {a, b})
              if x.startswith(a) and y.startswith(b)}
        score("threshold pairing (TF-IDF, aligns_with)", tf)
        floor = reuse.MIN_REUSE
        for m in (0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
            reuse.MIN_REUSE = m
            sw = {(label[r.source.section_id], label[r.local.section_id])
                  for r in reuse.find_reuse(reuse.load_clauses(s, b), reuse.load_clauses(s, a)) if r.local.section_id and r.source.section_id}
            score(f"clause local alignment, reuse >= {m}" + (" (used)" if m == floor else ""), sw)
        reuse.MIN_REUSE = floor
        s.close()


if __name__ == "__main__":
    main()
