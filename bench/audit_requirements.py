"""Audit of the requirement goldens (issue 19): what changed since a reference commit, by class.

The done-when of issue 19 says the seeds' outputs stay right and ``tests/golden`` changes only where
an actor was wrong. The requirement rewrite changed far more than actors, so this script measures
how: it reads the requirements of every golden JSON at a reference commit (default ``f864045``,
before the rewrite) with ``git show``, and today's from the working tree, matches them by
``raw_span`` (the decoded source is never modified, so raw offsets survive a change in
normalisation), and puts every added, removed and changed requirement in one named class:

* ``split``: an old requirement (one sentence) whose span now holds two or more requirements, or
  one shorter requirement inside it (one requirement per clause / per rule);
* ``recut``: one new requirement overlaps the old one with other bounds;
* ``removed: heading / lead phrase``, ``removed: list item``, ``removed: definition / legal
  effect``, ``removed: purpose / statement of the notice``, ``removed: goal or principle``,
  ``removed: other``: old requirements no new one overlaps, by what the old text is;
* ``added: responsibility tag``, ``added: imperative clause``, ``added: modal clause``: new
  requirements no old one overlaps;
* ``actor changed (src → src)``, ``modality changed (a → b)``, ``trigger changed``: same span.

Then it draws a seeded random sample stratified by class (``--sample``) and prints it as a
Markdown table, with the verdicts of a hand check (``--verdicts FILE``: a JSON object from change
id to ``{"verdict": "right" | "wrong" | "debatable", "why": …}``) when given.

Usage::

    .venv/bin/python bench/audit_requirements.py                      # counts by class
    .venv/bin/python bench/audit_requirements.py --sample 64 --seed 19 --verdicts docs/requirements-audit.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = "tests/golden"

# what an old requirement that disappeared looks like (the classes of the gold-req README, "Not annotated")
_DEFINITION = re.compile(r"本(?:办法|条例|细则|规定|方案|意见|通知)所称|是指|视为|具有同等法律效力|的除外|以下简称|以下称")
_PURPOSE = re.compile(r"^(?:为了?|现将|现就|根据|按照|经.{0,12}同意|特制定|制定本)|现(?:将|就|提出|通知)|印发给你们|特此通知|本(?:办法|细则|规定|条例)自")
_GOAL = re.compile(r"^(?:到|至)\s*\d{4}\s*年|目标|原则|指导思想|坚持")


@dataclass
class Change:
    """One added, removed or changed requirement."""

    doc: str
    cls: str
    raw_span: tuple[int, int]
    old: list[dict] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.doc}@{self.raw_span[0]}-{self.raw_span[1]}:{self.cls}"


def _git_json(commit: str, path: str) -> dict | None:
    r = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else None


def _golden_names(commit: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{commit}", f"{GOLDEN}/"],
                         capture_output=True, text=True, check=True).stdout.split()
    return sorted(p for p in out if p.endswith(".json"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _actor(r: dict) -> tuple[str | None, str | None]:
    a = r.get("actor")
    return (a["text"], a["source"]) if a else (None, None)


def _section_of(doc: dict, r: dict) -> dict | None:
    return next((s for s in doc["sections"] if s["id"] == r.get("section")), None)


def classify_removed(doc: dict, r: dict) -> str:
    """Why an old requirement no new one overlaps is gone, from what its text is."""
    t = r["text"].strip()
    s = _section_of(doc, r)
    if s is not None:
        title = (s.get("title") or "").strip()
        if title and (t.rstrip("。；;：:") == title.rstrip("。；;：:") or (t.startswith(title) and len(t) <= len(title) + 2)):
            return "removed: heading / lead phrase"
        if r["raw_span"][0] <= s["raw_span"][0] + 1 and len(t) <= 32 and "，" not in t:
            return "removed: heading / lead phrase"
    if _DEFINITION.search(t):
        return "removed: definition / legal effect"
    if _PURPOSE.search(t):
        return "removed: purpose / statement of the notice"
    if s is not None and s.get("kind") == "item" and s.get("parent"):
        parent = next((p for p in doc["sections"] if p["id"] == s["parent"]), None)
        if parent is not None and parent["text"][:max(0, s["span"][0] - parent["span"][0])].rstrip().endswith(("：", ":")):
            return "removed: list item"
    if _GOAL.search(t) and not r.get("trigger"):
        return "removed: goal or principle"
    return "removed: other"


def classify_added(r: dict) -> str:
    from extractor.data.vocab import TAG_LABELS

    if r.get("trigger") in (*TAG_LABELS, "负责", "牵头") and (r.get("actor") or {}).get("source") == "tag":
        return "added: responsibility tag"
    if r.get("trigger") is None:
        return "added: imperative clause"
    return "added: modal clause"


def audit_document(name: str, old: dict, new: dict) -> list[Change]:
    """Every change of one golden's requirements, classified."""
    doc = Path(name).stem
    olds, news = old["requirements"], new["requirements"]
    by_span = {tuple(r["raw_span"]): r for r in news}
    out: list[Change] = []
    used: set[int] = set()
    pending_old = []
    for o in olds:
        sp = tuple(o["raw_span"])
        n = by_span.get(sp)
        if n is None:
            pending_old.append(o)
            continue
        used.add(id(n))
        if o["modality"] != n["modality"]:
            out.append(Change(doc, f"modality changed ({o['modality']} → {n['modality']})", sp, [o], [n]))
        elif _actor(o)[0] != _actor(n)[0]:
            out.append(Change(doc, f"actor changed ({_actor(o)[1]} → {_actor(n)[1]})", sp, [o], [n]))
        elif o.get("trigger") != n.get("trigger"):
            out.append(Change(doc, "trigger changed", sp, [o], [n]))
    for o in pending_old:
        sp = tuple(o["raw_span"])
        over = [n for n in news if id(n) not in used and _overlap(sp, tuple(n["raw_span"])) > 0]
        if not over:
            out.append(Change(doc, classify_removed(old, o), sp, [o], []))
            continue
        inside = [n for n in over if n["raw_span"][0] >= sp[0] and n["raw_span"][1] <= sp[1]]
        cls = "split" if len(over) >= 2 or (len(inside) == 1 and len(over) == 1) else "recut"
        for n in over:
            used.add(id(n))
        out.append(Change(doc, cls, sp, [o], over))
    for n in news:
        if id(n) not in used:
            sp = tuple(n["raw_span"])
            if any(_overlap(sp, tuple(o["raw_span"])) for o in olds):
                out.append(Change(doc, "recut", sp, [o for o in olds if _overlap(sp, tuple(o["raw_span"]))], [n]))
            else:
                out.append(Change(doc, classify_added(n), sp, [], [n]))
    return out


def _load(name: str, against: str | None) -> dict | None:
    """A golden JSON at commit ``against``, or in the working tree when None."""
    if against is not None:
        return _git_json(against, name)
    path = ROOT / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def audit(commit: str, against: str | None = None) -> tuple[list[Change], dict[str, tuple[int, int]]]:
    """Changes of the requirements from the goldens at ``commit`` to those at ``against`` (None: the
    working tree)."""
    changes: list[Change] = []
    counts: dict[str, tuple[int, int]] = {}
    for name in _golden_names(commit):
        old = _git_json(commit, name)
        new = _load(name, against)
        if old is None or new is None:
            continue
        counts[Path(name).stem] = (len(old["requirements"]), len(new["requirements"]))
        changes += audit_document(name, old, new)
    return changes, counts


def sample(changes: list[Change], n: int, seed: int) -> list[Change]:
    """``n`` changes drawn at random, every class represented (at least 2 each, or all it has), the
    rest in proportion to the class sizes."""
    rng = random.Random(seed)
    by: dict[str, list[Change]] = defaultdict(list)
    for c in changes:
        by[c.cls].append(c)
    picked: list[Change] = []
    for cls in sorted(by):
        items = by[cls]
        k = min(len(items), max(2, round(n * len(items) / len(changes))))
        picked += rng.sample(items, k)
    return picked


def _short(r: dict) -> str:
    a = r.get("actor")
    actor = f"{a['text']}/{a['source']}" if a else "—"
    text = r["text"].replace("|", "¦").replace("\n", " ")
    return f"{r['modality']} {r.get('trigger') or '(imp)'} [{actor}] «{text[:48]}{'…' if len(text) > 48 else ''}»"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--commit", default="f864045", help="reference commit of tests/golden (default f864045)")
    ap.add_argument("--sample", type=int, default=0, help="print a stratified random sample of this many changes")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--verdicts", type=Path, help="JSON of hand verdicts by change id, merged into the sample table")
    ap.add_argument("--against", help="compare with the goldens at this commit (default: the working tree)")
    ap.add_argument("--now", action="store_true",
                    help="with --against: add a column with the requirement at the same span in the working tree")
    ap.add_argument("--only", help="sample this class only (e.g. 'added: imperative clause')")
    ap.add_argument("--ids", action="store_true", help="print the change id of each sampled change")
    args = ap.parse_args(argv)
    changes, counts = audit(args.commit, args.against)
    n_old = sum(o for o, _ in counts.values())
    n_new = sum(n for _, n in counts.values())
    print(f"{len(counts)} goldens at {args.commit} and {args.against or 'the working tree'}: {n_old} → {n_new} requirements, "
          f"{len(changes)} changes")
    c = Counter(ch.cls for ch in changes)
    added = sum(len(ch.new) for ch in changes if ch.cls.startswith("added"))
    removed = sum(len(ch.old) for ch in changes if ch.cls.startswith("removed"))
    print(f"added (no old overlaps) {added}, removed (no new overlaps) {removed}, "
          f"split {c['split']} old into {sum(len(ch.new) for ch in changes if ch.cls == 'split')} new, recut {c['recut']}")
    print("\n| class | changes |\n|---|---|")
    for cls, k in sorted(c.items(), key=lambda x: (-x[1], x[0])):
        print(f"| {cls} | {k} |")
    if args.sample:
        verdicts = json.loads(args.verdicts.read_text(encoding="utf-8")) if args.verdicts and args.verdicts.exists() else {}
        if args.only:  # one class, a plain random sample of it
            items = [ch for ch in changes if ch.cls == args.only]
            picked = random.Random(args.seed).sample(items, min(args.sample, len(items)))
        else:
            picked = sample(changes, args.sample, args.seed)
        print(f"\nSample: {len(picked)} changes, seed {args.seed}\n")
        now = args.now and args.against is not None
        print("| # | document | class | before | after | verdict | why |" + (" now (working tree) |" if now else "")
              + "\n|---|---|---|---|---|---|---|" + ("---|" if now else ""))
        tally: Counter[tuple[str, str]] = Counter()
        current: dict[str, list[dict]] = {}
        for i, ch in enumerate(picked, 1):
            v = verdicts.get(ch.id, {})
            tally[(ch.cls, v.get("verdict", "unchecked"))] += 1
            before = "<br>".join(_short(r) for r in ch.old) or "—"
            after = "<br>".join(_short(r) for r in ch.new[:4]) + (f"<br>(+{len(ch.new) - 4})" if len(ch.new) > 4 else "") or "—"
            row = f"| {i} | {ch.doc[:24]} | {ch.cls} | {before} | {after} | {v.get('verdict', '?')} | {v.get('why', '')} |"
            if now:
                if ch.doc not in current:
                    current[ch.doc] = (_load(f"{GOLDEN}/{ch.doc}.json", None) or {}).get("requirements", [])
                here = [r for r in current[ch.doc] if _overlap(ch.raw_span, tuple(r["raw_span"]))]
                row += " " + ("<br>".join(_short(r) for r in here[:3]) or "none") + " |"
            print(row)
            if args.ids:
                print(ch.id, file=sys.stderr)
        print("\n| class | right | wrong | debatable | unchecked |\n|---|---|---|---|---|")
        for cls in sorted({k for k, _ in tally}):
            print(f"| {cls} | " + " | ".join(str(tally[(cls, v)]) for v in ("right", "wrong", "debatable", "unchecked")) + " |")
        tot = Counter()
        for (_, v), k in tally.items():
            tot[v] += k
        print(f"| **all** | {tot['right']} | {tot['wrong']} | {tot['debatable']} | {tot['unchecked']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
