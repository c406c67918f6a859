"""Throughput of the whole pipeline on corpus/, next to bare jieba.lcut on the same text.

Prints MB/s and docs/s for the pipeline (decode + normalize + structure + metadata +
extraction of requirements, thresholds and citations) and for bare ``jieba.lcut``
(its own Tokenizer, default settings) over (a) the normalized text and (b) the decoded
input, all measured in this run; the time per stage; and peak RSS. Plain-text and HTML
inputs are reported apart, because HTML parsing dominates the HTML pages. No
assertions: numbers only.

Run: .venv/bin/python bench/bench_pipeline.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _stage_times(blobs: list[tuple[str, bytes]]) -> dict[str, float]:
    """Wall time per stage, by wrapping the stage functions the pipeline calls.

    ``read_clauses`` (spaCy: Doc, EntityRuler, actor and modal components) runs inside
    ``extract_knowledge`` and is reported apart, as part of it.
    """
    import extractor.extract.knowledge as K
    import extractor.pipeline as P

    times: dict[str, float] = defaultdict(float)
    targets = [(P, n) for n in ("decode_bytes", "normalize_html", "normalize_text", "find_parts", "build_sections",
                                "find_clauses", "extract_metadata", "extract_knowledge")] + [(K, "read_clauses"), (K, "read_clause")]
    saved = [(mod, n, getattr(mod, n)) for mod, n in targets]

    def wrap(name: str, f):  # noqa: ANN001, ANN202
        def g(*a, **k):  # noqa: ANN002, ANN003, ANN202
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                times[name] += time.perf_counter() - t
        return g

    for mod, n, f in saved:
        setattr(mod, n, wrap(n, f))
    try:
        for p, b in blobs:
            P.extract_bytes(b, path=p)
    finally:
        for mod, n, f in saved:
            setattr(mod, n, f)
    return dict(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import jieba

    from extractor.pipeline import expand_inputs, extract_bytes
    from extractor.segment.tokens import get_segmenter

    files = expand_inputs([ROOT / "corpus"])
    blobs = [(str(f), f.read_bytes()) for f in files]
    docs = [extract_bytes(b, path=p) for p, b in blobs]  # warm-up (dictionaries, spaCy), and jieba's input
    tok = jieba.Tokenizer()
    tok.initialize()
    # Long-lived objects (jieba's 350k-entry dictionary, spaCy, the documents) out of the
    # collector's reach, so neither contestant pays for scanning the other's heap.
    gc.collect()
    gc.freeze()
    print(f"segmenter backend: {get_segmenter('auto').backend}")
    for label, keep in (("all", lambda p: True), ("plain text", lambda p: p.endswith(".txt")), ("HTML", lambda p: not p.endswith(".txt"))):
        sel = [(b, d) for b, d in zip(blobs, docs) if keep(b[0])]
        size = sum(len(b[1]) for b, _ in sel) / 1e6
        text_mb = sum(len(d.text.encode("utf-8")) for _, d in sel) / 1e6
        raw_mb = sum(len(d.raw_text.encode("utf-8")) for _, d in sel) / 1e6
        t_pipe = _best(lambda: [extract_bytes(b, path=p) for (p, b), _ in sel], args.repeat)
        t_text = _best(lambda: [tok.lcut(d.text) for _, d in sel], args.repeat)
        t_raw = _best(lambda: [tok.lcut(d.raw_text) for _, d in sel], args.repeat)
        n = len(sel)
        print(f"\n[{label}] {n} documents, {size:.2f} MB input, {text_mb:.2f} MB normalized text")
        print(f"  pipeline (decode+normalize+structure+metadata+extraction): {size / t_pipe:6.2f} MB/s input  {n / t_pipe:6.1f} docs/s  {t_pipe:.3f} s")
        print(f"  bare jieba.lcut, normalized text:                          {text_mb / t_text:6.2f} MB/s text   {n / t_text:6.1f} docs/s  {t_text:.3f} s")
        print(f"  bare jieba.lcut, decoded input (markup included):          {raw_mb / t_raw:6.2f} MB/s raw    {n / t_raw:6.1f} docs/s  {t_raw:.3f} s")
        print(f"  speed vs jieba on normalized text: {t_text / t_pipe:.2f}x   vs jieba on decoded input: {t_raw / t_pipe:.2f}x   (target: 3x)")
    for label, keep in (("all documents", lambda p: True), ("plain text", lambda p: p.endswith(".txt"))):
        stages = _stage_times([b for b in blobs if keep(b[0])])
        spacy_t = stages.pop("read_clauses", 0.0) + stages.pop("read_clause", 0.0)
        total = sum(stages.values())
        print(f"\ntime per stage ({label}, one pass):")
        for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<18} {t:6.3f} s  {100 * t / total:5.1f}%")
            if name == "extract_knowledge":
                print(f"    of which spaCy     {spacy_t:6.3f} s  {100 * spacy_t / total:5.1f}%")
    print(f"\npeak RSS, pipeline alone (a fresh process running it over corpus/): {_pipeline_peak_rss():.0f} MB   (target: < 300 MB)")
    print(f"peak RSS, this benchmark process (also jieba's own dictionary and every document): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _pipeline_peak_rss() -> float:
    """Peak RSS in MB of a new interpreter that extracts every corpus document, as ``polex run`` does.

    Read from VmHWM: ``ru_maxrss`` would carry this process's own peak across the fork.
    """
    code = (
        "import sys\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
        "from extractor.pipeline import expand_inputs, extract_bytes\n"
        "for f in expand_inputs([Path(sys.argv[1]) / 'corpus']):\n    extract_bytes(f.read_bytes(), path=str(f))\n"
        "print(next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')).split()[1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


if __name__ == "__main__":
    main()
