"""Page latency of `polex serve` on a store of 10,000 documents.

SYNTHETIC SCALE DATA: the store is bench/bench_store.py's ``build`` — the 29 real corpus
notices processed once, then their rows copied under new ids: the first 24 copies of the
corpus are editions of the real works (the 2017 要点 has ~700 stored editions), the rest are
replicas with their own works and keys (see bench_store.py). A real
`polex serve` is started on 127.0.0.1 and every page shape is fetched over HTTP (median, p95 and
worst of several runs; the first fetch of a page is listed apart: it reads cold pages of the
file, and for /evidence and /diff runs the pipeline on the stored bytes). Next to them, the
baseline: the same server answering a static file. No assertions: numbers only; the target
is < 200 ms per page.

Run: .venv/bin/python bench/bench_serve.py [--docs 10000] [--db /tmp/polex-bench-10k.db] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def load() -> str:
    return "load %.1f/%.1f/%.1f" % os.getloadavg()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/polex-bench-10k.db")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    from bench_store import SAME_WORK_BLOCKS, ensure_store
    from extractor.kb.store import Store

    db = Path(args.db)
    ensure_store(db, args.docs, same_work_blocks=SAME_WORK_BLOCKS, graph_index=True)
    with Store(db) as store:
        counts = store.counts()
        one = store.db.execute

        def doc(pattern: str) -> str:
            return one("SELECT doc_id FROM documents WHERE title LIKE ? ORDER BY doc_id LIMIT 1", (pattern,)).fetchone()[0]

        y17, y18 = doc("%2017年学会改革%"), doc("%2018年学会改革%")
        anhui, big = doc("安徽省科协%"), doc("%门诊特定病种%")
        t = one("SELECT raw_start, raw_end FROM thresholds WHERE doc_id = ? AND value_text = '150'", (y17,)).fetchone()
        req = one("SELECT id FROM requirements WHERE doc_id = ? ORDER BY start LIMIT 1", (anhui,)).fetchone()[0]
        versions = one("SELECT COUNT(*) FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE doc_id = ?)", (y17,)).fetchone()[0]
    print(f"store: {counts} ({db.stat().st_size / 1e6:.0f} MB) — synthetic scale data; {load()}")
    port = _free_port()
    polex = Path(sys.executable).with_name("polex")
    proc = subprocess.Popen([str(polex), "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    pages = [
        ("baseline: /static/app.css", "/static/app.css"),
        ("/", "/"),
        ("/?format=json", "/?format=json"),
        ("/?level=provincial&year=2018", "/?level=provincial&year=2018"),
        ("/?issuer=中国科协", "/?issuer=" + quote("中国科协")),
        ("/?q=理事 (common term)", "/?q=" + quote("理事")),
        ("/?q=低保", "/?q=" + quote("低保")),
        ("/?q=监事 (in old documents only)", "/?q=" + quote("监事")),
        ("/?q=<absent term> (scans every clause)", "/?q=" + quote("没有这个词")),
        ("/?format=csv&table=documents", "/?format=csv&table=documents"),
        ("/doc/<2017 要点>", f"/doc/{y17}"),
        ("/doc/<largest page, 437 KB HTML>", f"/doc/{big}"),
        ("/doc/<2017 要点>?format=json", f"/doc/{y17}?format=json"),
        ("/doc/<2017 要点>/source (150人)", f"/doc/{y17}/source?format=json&start={t[0]}&end={t[1]}"),
        ("/doc/<largest page>/raw", f"/doc/{big}/raw"),
        ("/doc/<2017 要点>/evidence", f"/doc/{y17}/evidence"),
        ("/doc/<largest page>/evidence", f"/doc/{big}/evidence"),
        ("/trace/<Anhui 实施意见>", f"/trace/{anhui}"),
        ("/trace/<Anhui requirement>", f"/trace/{quote(req, safe='')}"),
        (f"/trace/<2017 要点> ({versions} stored versions)", f"/trace/{y17}"),
        ("/diff/<2017>/<2018>", f"/diff/{y17}/{y18}"),
        ("/diff/<2017>/<2018>?format=csv&table=thresholds", f"/diff/{y17}/{y18}?format=csv&table=thresholds"),
    ]
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(300):
                try:
                    client.get("/static/app.css")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"{'page':<52}{'first ms':>10}{'median ms':>11}{'p95 ms':>8}{'worst ms':>10}{'KB':>8}")
            for name, url in pages:
                t0 = time.perf_counter()
                r = client.get(url)
                first = (time.perf_counter() - t0) * 1000
                assert r.status_code == 200, (url, r.status_code, r.text[:300])
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                p95 = times[max(0, -(-len(times) * 95 // 100) - 1)]
                print(f"{name:<52}{first:>10.1f}{statistics.median(times):>11.1f}{p95:>8.1f}{times[-1]:>10.1f}"
                      f"{len(r.content) / 1024:>8.0f}", flush=True)
            print(f"({load()})")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
