"""Throughput of the whole pipeline on corpus/, next to bare jieba.lcut on the same text.

Prints MB/s and docs/s for the pipeline (decode + normalize + structure + metadata +
extraction of requirements, thresholds and citations) and for bare ``jieba.lcut``
(its own Tokenizer, default settings) over (a) the normalized text and (b) the decoded
input, all measured in this run; the time per stage; and peak RSS. Plain-text and HTML
inputs are reported apart, because HTML parsing dominates the HTML pages. No
assertions: numbers only.

Then the figures of issue 18, each next to a baseline measured in the same run:
start-up (CPU of ``polex query documents`` on a small store and of ``polex extract`` on a
200-byte notice, next to a bare interpreter), long notices (CPU at 1 MB and 4 MB of the same
text and HTML, and their ratio; 20 MB with ``--huge``), and JSON writing (pydantic's
``model_dump_json`` against ``json.dumps(model_dump())``, byte-identical).

``--instructions [CHECKOUT ...]`` counts instead the instructions of normalize and segment (valgrind),
here and in other checkouts, for a comparison the machine's load does not blur.

Run: .venv/bin/python bench/bench_pipeline.py [--repeat N] [--huge] [--instructions [CHECKOUT ...]]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:  # noqa: ANN001
    """Least CPU time (this process, user + system) of ``repeat`` calls: the machine is shared,
    and CPU time is what a neighbour's load disturbs least."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _stage_times(blobs: list[tuple[str, bytes]]) -> dict[str, float]:
    """Seconds per stage over ``blobs``, as the runner itself times them (``RunResult.timings``)."""
    from extractor.pipeline import run_stages

    times: dict[str, float] = defaultdict(float)
    for p, b in blobs:
        for stage, t in run_stages(b, path=p).timings.items():
            times[stage] += t
    return dict(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--huge", action="store_true", help="also 20 MB of text and of HTML (minutes)")
    ap.add_argument("--instructions", nargs="*", metavar="CHECKOUT", default=None,
                    help="only count the instructions of normalize and segment under valgrind (minutes), "
                         "in this checkout and in each CHECKOUT given (another worktree: a same-run comparison)")
    args = ap.parse_args()
    if args.instructions is not None:
        _instructions([ROOT, *map(Path, args.instructions)])
        return
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
    print(f"segmenter backend: {get_segmenter('auto').backend}; load average {os.getloadavg()[0]:.1f}")
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
        print(f"  pipeline (decode+normalize+structure+metadata+extraction): {size / t_pipe:6.2f} MB/s input  {n / t_pipe:6.1f} docs/s  {t_pipe:.3f} s CPU")
        print(f"  bare jieba.lcut, normalized text:                          {text_mb / t_text:6.2f} MB/s text   {n / t_text:6.1f} docs/s  {t_text:.3f} s CPU")
        print(f"  bare jieba.lcut, decoded input (markup included):          {raw_mb / t_raw:6.2f} MB/s raw    {n / t_raw:6.1f} docs/s  {t_raw:.3f} s CPU")
        print(f"  speed vs jieba on normalized text: {t_text / t_pipe:.2f}x   vs jieba on decoded input: {t_raw / t_pipe:.2f}x   (target: >= 1x on normalized text)")
    for label, keep in (("all documents", lambda p: True), ("plain text", lambda p: p.endswith(".txt"))):
        stages = _stage_times([b for b in blobs if keep(b[0])])
        total = sum(stages.values())
        print(f"\ntime per stage ({label}, one pass, wall time as the runner records it in RunResult.timings):")
        for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<18} {t:6.3f} s  {100 * t / total:5.1f}%")
    _json_writing(docs)
    _startup()
    _long_notices(args.huge)
    print(f"\npeak RSS, pipeline alone (a fresh process running it over corpus/): {_pipeline_peak_rss():.0f} MB   (target: < 300 MB)")
    print(f"peak RSS, this benchmark process (also jieba's own dictionary and every document): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _child_cpu(cmd: list[str], repeat: int = 7, extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median, best) CPU time (user + system, what ``/usr/bin/time -f %U+%S`` prints) of a child
    process over ``repeat`` runs, with Python's bytecode caches as an installed polex has them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | (extra_env or {})
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), min(times)


def _startup() -> None:
    """CPU of the short commands in fresh processes (targets: query < 0.3 s, extract < 0.4 s)."""
    polex = str(Path(sys.executable).with_name("polex"))
    # ``pip install`` compiles a package's bytecode; a checkout compiles it on first import unless
    # PYTHONDONTWRITEBYTECODE is set, and then every start-up recompiles the changed modules
    # (+0.07 s): measure the installed state, not the shell's setting.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "extractor")], check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "small.db")
        subprocess.run([polex, "ingest", str(ROOT / "corpus" / "seeds"), "--db", db], check=True, capture_output=True)
        notice = os.path.join(tmp, "notice.txt")
        Path(notice).write_text("关于加强学会管理的通知\n各学会：\n一、各学会要在2018年6月30日前完成换届。\n"
                                "二、理事会人数一般不超过150人。\n中国科协\n2018年4月23日\n", encoding="utf-8")
        # the compiled-pattern cache (extractor/recache.py) as a user has it after the first run, and
        # turned off: what every run would cost without it (and what the very first run costs)
        cache = {"POLEX_CACHE_DIR": os.path.join(tmp, "patterns")}
        subprocess.run([polex, "extract", notice], check=True, capture_output=True, env={**os.environ, **cache})
        rows = [
            ("bare interpreter (python -c pass)", [sys.executable, "-c", "pass"], "(baseline)", {}),
            ("polex --help", [polex, "--help"], "", {}),
            ("polex query documents, 5-notice store", [polex, "query", "documents", "--db", db], "(target < 0.3 s)", cache),
            (f"polex extract, a {os.path.getsize(notice)}-byte notice", [polex, "extract", notice], "(target < 0.4 s)", cache),
            ("  the same, pattern cache off", [polex, "extract", notice], "(POLEX_CACHE_DIR='': compiled afresh)",
             {"POLEX_CACHE_DIR": ""}),
        ]
        print(f"\nstart-up (CPU, user + system, of a fresh process: median and best of 7; load {os.getloadavg()[0]:.1f}):")
        for label, cmd, note, extra in rows:
            median, best = _child_cpu(cmd, extra_env=extra)
            print(f"  {label:<42} median {median:.3f} s  best {best:.3f} s   {note}")


_STAGES = """
import os, sys
sys.path.insert(0, sys.argv[1])
from extractor.config import DEFAULT
from extractor.pipeline import DocState, _decode, _normalize, _segment, expand_inputs
states = []
for f in expand_inputs([os.path.join(sys.argv[1], "corpus")]):
    st = DocState(f.read_bytes(), str(f), None, None, DEFAULT, "x")
    _decode(st)
    states.append(st)
for st in states: _normalize(st)  # warm-up: caches, converters, patterns compiled on first use
for st in states: _segment(st)
if sys.argv[2] in ("normalize", "segment"):
    for st in states: _normalize(st)
if sys.argv[2] == "segment":
    for st in states: _segment(st)
os._exit(0)  # (the interpreter's clean-up is no stage's)
"""


def _instructions(checkouts: list[Path]) -> None:
    """Instructions (valgrind's callgrind) of one pass of normalize and of segment over corpus/, after a
    warm-up pass: what a neighbour's load does not change, so that a saving of a few percent shows,
    which the CPU times of a shared machine (10-20 % apart between runs) hide. Each stage is the
    difference of two runs of one child (decode only; then normalize; then normalize and segment)."""
    import shutil

    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    print("\ninstructions of one pass over corpus/ (callgrind, after a warm-up pass; millions):")
    for root in checkouts:
        counts = {}
        for mode in ("decode", "normalize", "segment"):
            with tempfile.TemporaryDirectory() as tmp:
                out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg", sys.executable,
                                      "-c", _STAGES, str(root), mode], capture_output=True, text=True, env=env)
            counts[mode] = int(out.stderr.split("Collected : ")[1].split()[0])
        norm, seg = counts["normalize"] - counts["decode"], counts["segment"] - counts["normalize"]
        print(f"  {str(root):<40} normalize {norm / 1e6:8.0f} M   segment {seg / 1e6:8.0f} M   both {(norm + seg) / 1e6:8.0f} M")


_LONG = """
import sys, time
sys.path.insert(0, sys.argv[1])
from bench.bench_pipeline import long_input
from extractor.pipeline import extract_bytes
kind, size = sys.argv[2], float(sys.argv[3])
data = long_input(kind, int(size * 1e6))
extract_bytes("一、各单位要加强管理。".encode(), path="warm.txt")
t = time.process_time()
doc = extract_bytes(data, path="long." + ("html" if kind == "html" else "txt"))
print(time.process_time() - t, len(data), doc.status, len(doc.requirements), ",".join(sorted({i.code for i in doc.issues if i.code >= "W112"})))
"""


def long_input(kind: str, n: int) -> bytes:
    """About n bytes of real notices: seeds 000-002 (complete texts) repeated, or the State
    Council page 01 with the paragraphs of its content region repeated."""
    if kind == "text":
        src = b"\n".join((ROOT / "corpus" / "seeds" / f).read_bytes() for f in
                         ("000_50beaf381828b43a.txt", "001_036f9e189e852d94.txt", "002_c05fb64366262bba.txt"))
        data = (src * (n // len(src) + 1))[:n]
        return data[: data.rfind(b"\n")]
    src = (ROOT / "corpus" / "html" / "01_guowuyuan_zhiye_jiaoyu_gaige_shishi_fangan.html").read_bytes()
    region = src.find(b"UCAP-CONTENT")
    p0, p1 = src.find(b"<p", region), src.rfind(b"</p>", region, src.find(b"</div>", region)) + 4
    return src[:p1] + src[p0:p1] * max(1, (n - len(src)) // (p1 - p0)) + src[p1:]


def _long_notices(huge: bool) -> None:
    """CPU of one long notice in a fresh process; 4 MB against 1 MB (target: ratio <= 4.5)."""
    print("\nlong notices (CPU of the extraction in a fresh process; the same text repeated):")
    for kind in ("text", "html"):
        times = {}
        for mb in (1, 4) + ((20,) if huge else ()):
            out = subprocess.run([sys.executable, "-c", _LONG, str(ROOT), kind, str(mb)], capture_output=True, text=True)
            if out.returncode != 0:
                print(f"  {kind:<5}{mb:>3} MB  FAILED: {out.stderr.strip().splitlines()[-1:]}")
                continue
            cpu, size, status, reqs, codes = (out.stdout.split() + [""])[:5]
            times[mb] = float(cpu)
            print(f"  {kind:<5}{mb:>3} MB  {float(cpu):7.2f} s  {int(size) / 1e6 / float(cpu):5.2f} MB/s  {status}, {reqs} requirements {codes}")
        if 1 in times and 4 in times:
            print(f"  {kind:<5} 4 MB / 1 MB CPU ratio: {times[4] / times[1]:.2f}   (linear: 4; target <= 4.5)")


def _json_writing(docs: list) -> None:  # noqa: ANN001
    """outputs/ JSON: pydantic's serializer against json.dumps of model_dump, same bytes."""
    same = all(d.model_dump_json(indent=1) == json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=1) for d in docs)
    t_old = _best(lambda: [json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=1) for d in docs], 3)
    t_new = _best(lambda: [d.model_dump_json(indent=1) for d in docs], 3)
    print(f"\nJSON of the {len(docs)} documents: json.dumps(model_dump()) {t_old:.3f} s (baseline), "
          f"model_dump_json {t_new:.3f} s, {t_old / t_new:.1f}x faster, byte-identical: {same}")


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
