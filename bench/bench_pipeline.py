"""Throughput of the pipeline on corpus/, next to bare jieba.lcut on the same text.

Prints MB/s and docs/s for both, their ratio and peak RSS. No assertions: numbers only.
Run: .venv/bin/python bench/bench_pipeline.py [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from extractor.pipeline import expand_inputs, extract_bytes

    files = expand_inputs([ROOT / "corpus"])
    blobs = [(str(f), f.read_bytes()) for f in files]
    size = sum(len(b) for _, b in blobs)
    texts = [extract_bytes(b, path=p).text for p, b in blobs]  # warm-up, and jieba's input
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        for p, b in blobs:
            extract_bytes(b, path=p)
        best = min(best, time.perf_counter() - t)

    import jieba

    tok = jieba.Tokenizer()
    tok.initialize()
    jbest = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        for text in texts:
            tok.lcut(text)
        jbest = min(jbest, time.perf_counter() - t)
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(blobs)} documents, {size / 1e6:.2f} MB of input, {text_mb:.2f} MB of normalized text")
    print(f"pipeline (decode+normalize+structure+metadata): {size / 1e6 / best:6.2f} MB/s input, {len(blobs) / best:6.1f} docs/s, best of {args.repeat}: {best:.2f} s")
    print(f"bare jieba.lcut on the normalized text:        {text_mb / jbest:6.2f} MB/s text,  {len(blobs) / jbest:6.1f} docs/s, best of {args.repeat}: {jbest:.2f} s")
    print(f"ratio (jieba time / pipeline time): {jbest / best:.2f}x")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
