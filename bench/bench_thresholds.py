"""CPU time per MB of the threshold stage, now and before issue 12, measured in the same run.

The baseline is the threshold stage as it stood before issue 12's work: commit ``f864045`` (the
last commit before the thresholds branch was merged). Its ``extractor/`` package is exported with
``git archive`` into a temporary directory, so old and new code run side by side.

Both get exactly the same inputs, prepared once with today's pipeline: the normalized text of
every notice in ``corpus/`` and ``../shared/corpus-dev/docs/``, the spans to mask (citations and
section labels, as ``extract_knowledge`` masks them) and the sentence ranges the stage iterates
over. Only the stage itself is timed, in a fresh subprocess per code version:
``build_number_mask`` once per document, then ``find_thresholds`` on every sentence (and, in the
new code, ``reported_reason`` on sentences that yield a figure: telling reported statistics from
rules is part of the stage now). The documents are processed ``--copies`` times per pass; a
subprocess times ``--repeat`` passes with ``time.process_time`` and reports the median. Old and
new subprocesses alternate for ``--rounds`` rounds, so load changes on a shared machine hit both;
the figure is the median over all passes of each.

Prints ms per MB of normalized text for both, the ratio new/old, and a note when the ratio exceeds
1.25 (issue 12: the stage's time per MB may grow by at most 25 %). No assertions: numbers only.

Run: .venv/bin/python bench/bench_thresholds.py [--repeat N] [--rounds N] [--copies K]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "f864045"  # the commit before issue 12's thresholds branch was merged
LIMIT = 1.25


def _inputs() -> list[dict[str, object]]:
    """The stage's inputs, per document, built with today's pipeline (the same for old and new)."""
    sys.path.insert(0, str(ROOT))
    from extractor.extract.citations import find_citation_spans
    from extractor.extract.knowledge import _sentences
    from extractor.pipeline import expand_inputs, extract_path

    paths = expand_inputs([ROOT / "corpus", ROOT.parent / "shared" / "corpus-dev" / "docs"])
    out: list[dict[str, object]] = []
    for p in paths:
        doc = extract_path(p)
        if doc.status == "failed" or not doc.text:
            continue
        mask = [(c.start, c.end) for c in find_citation_spans(doc.text)] + [tuple(s.label_span) for s in doc.sections]
        title = doc.metadata.title.value if doc.metadata.title and isinstance(doc.metadata.title.value, str) else None
        out.append({
            "name": p.name, "text": doc.text, "mask": mask, "title": title,
            "sentences": [(s[0].span[0], s[-1].span[1]) for s in _sentences(doc.clauses)],
        })
    return out


def _child(root: str, inputs_path: str, repeat: int, copies: int) -> None:
    """Time the threshold stage of the ``extractor`` package found under ``root``."""
    sys.path.insert(0, root)
    import extractor.extract.thresholds as T

    if not Path(T.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise SystemExit(f"imported {T.__file__}, not the code under {root}")
    docs = json.loads(Path(inputs_path).read_text(encoding="utf-8"))
    reported = getattr(T, "reported_reason", None)  # new in issue 12
    bulletin_of = getattr(T, "reports_statistics", lambda _title: False)

    def one_pass() -> int:
        n = 0
        for _ in range(copies):
            for d in docs:
                text = d["text"]
                masked = T.build_number_mask(text, [tuple(x) for x in d["mask"]])
                bulletin = bulletin_of(d["title"])
                for a, b in d["sentences"]:
                    found = T.find_thresholds(text, masked, a, b)
                    if found and reported is not None:
                        reported(text, a, b, bulletin)
                    n += len(found)
        return n

    one_pass()  # warm-up: compiled regexes, lazy tables
    times: list[float] = []
    found = 0
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        found = one_pass()
        times.append(time.process_time() - t)
    print(json.dumps({"times": times, "found": found // copies}))


def _export_baseline(dest: Path) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", BASELINE_COMMIT, "extractor"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per subprocess (default 3)")
    ap.add_argument("--rounds", type=int, default=3, help="old/new subprocess pairs, alternating (default 3)")
    ap.add_argument("--copies", type=int, default=3, help="times the documents are processed per pass (default 3)")
    args = ap.parse_args()

    docs = _inputs()
    mb = sum(len(str(d["text"]).encode("utf-8")) for d in docs) / 1e6
    sentences = sum(len(d["sentences"]) for d in docs)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="bench_thresholds_") as tmp:
        inputs = Path(tmp) / "inputs.json"
        inputs.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        old_root = Path(tmp) / "baseline"
        old_root.mkdir()
        _export_baseline(old_root)
        runs: dict[str, list[float]] = {"old": [], "new": []}
        found: dict[str, int] = {}
        env = {**os.environ, "PYTHONPATH": ""}
        for _ in range(args.rounds):
            for name, root in (("old", old_root), ("new", ROOT)):
                res = subprocess.run([sys.executable, __file__, "--child", str(root), str(inputs), str(args.repeat),
                                      str(args.copies)], check=True, capture_output=True, text=True, env=env)
                out = json.loads(res.stdout.strip().splitlines()[-1])
                runs[name] += out["times"]
                found[name] = out["found"]

    per_pass = mb * args.copies
    print(f"inputs: {len(docs)} notices (corpus/ and corpus-dev), {mb:.2f} MB normalized text, {sentences} sentences;"
          f" {args.copies} copies per pass = {per_pass:.2f} MB; {args.rounds} rounds x {args.repeat} passes each;"
          f" load {os.getloadavg()[0]:.1f}")
    ms = {}
    for name, label in (("old", f"before issue 12 ({BASELINE_COMMIT})"), ("new", "now")):
        med = statistics.median(runs[name])
        ms[name] = med / per_pass * 1000
        print(f"  {label:<28} {ms[name]:8.1f} ms/MB CPU  (median of {len(runs[name])} passes, min "
              f"{min(runs[name]) / per_pass * 1000:.1f}, max {max(runs[name]) / per_pass * 1000:.1f})"
              f"  {found[name]} thresholds per copy")
    ratio = ms["new"] / ms["old"]
    print(f"  ratio now / before: {ratio:.2f}   (issue 12: at most {LIMIT})")
    if ratio > LIMIT:
        print(f"  NOTE: the threshold stage's time per MB grew by {100 * (ratio - 1):.0f} %, more than 25 %")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
