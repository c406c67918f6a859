"""Scale bench (issue 16): notices/s at 1 and N workers, SQLite against PostgreSQL; database
size per notice; query and trace latency on a large store.

SYNTHETIC SCALE DATA, labelled as such:
- throughput: the 29 real corpus notices repeated ``--repeat`` times, each copy with one marker
  line appended (so every copy has its own bytes, sha256 and doc_id and is processed in full);
- latency: the 29 processed notices stored again and again under new ids (rows rewritten, no
  re-extraction: every copy is a new version of the same work, as bench_store.py does).

The machine is shared: the load average is printed next to every timing. No assertions.

Run:
  .venv/bin/python bench/bench_scale.py                         # 4x corpus, 1 and 2 workers, 10,000 stored
  .venv/bin/python bench/bench_scale.py --docs 100000 --skip-throughput
  .venv/bin/python bench/bench_scale.py --pg postgresql://user@host/db   # an existing server (else one is started)
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load() -> str:
    return "load %.1f/%.1f/%.1f" % os.getloadavg()


def synthetic_inputs(folder: Path, repeat: int) -> int:
    """The corpus ``repeat`` times, copy k with a marker line (SYNTHETIC)."""
    from extractor.pipeline import expand_inputs

    n = 0
    for k in range(repeat):
        for p in expand_inputs([ROOT / "corpus"]):
            marker = f"\n<!-- synthetic copy {k} -->\n" if p.suffix == ".html" else f"\n（synthetic copy {k}）\n"
            (folder / f"{k:03d}_{p.name}").write_bytes(p.read_bytes() + (marker.encode() if k else b""))
            n += 1
    return n


class RssSampler:
    """Peak RSS and CPU time of each process below this one (the fork server's workers are not
    this process's children, so ``RUSAGE_CHILDREN`` misses them), sampled every 0.1 s."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for c in self.me.children(recursive=True):
                try:
                    self.peak[c.pid] = max(self.peak.get(c.pid, 0), c.memory_info().rss)
                    t = c.cpu_times()
                    self.cpu[c.pid] = t.user + t.system
                except Exception:  # noqa: BLE001, S112 - a child that just ended
                    continue
            time.sleep(0.1)

    def __enter__(self) -> RssSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def _cpu() -> float:
    """CPU seconds of this process."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def store_size(store) -> int:  # noqa: ANN001
    if store.backend == "sqlite":
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in Path(store.path).parent.glob(Path(store.path).name + "*"))
    return store.db.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def throughput(args: argparse.Namespace, urls: dict[str, callable]) -> None:
    from extractor.ingest.local import ingest_paths
    from extractor.kb.store import Store
    from extractor.pipeline import extract_path
    from extractor.scale.pool import imap

    folder = Path(tempfile.mkdtemp(prefix="polex-scale-in-"))
    n = synthetic_inputs(folder, args.repeat)
    extract_path(ROOT / "corpus" / "seeds" / "000_50beaf381828b43a.txt")  # warm this process: workers=1 runs here
    print(f"\n## Throughput: corpus x{args.repeat} = {n} notices (SYNTHETIC copies), `ingest` into a new store\n")
    print("| backend | workers | wall s | notices/s | speed-up | CPU s (all processes, sampled) | peak RSS per worker MB | store KB/notice | load before → after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for backend, new_url in urls.items():
        base = None
        for w in args.workers:
            url = new_url()
            before = load()
            cpu0 = _cpu()
            with Store(url) as store, RssSampler() as rss:
                t = time.perf_counter()
                results = ingest_paths(store, [folder], mapper=functools.partial(imap, workers=w))
                wall = time.perf_counter() - t
                size = store_size(store)
            assert sum(r.status == "stored" or r.status == "new_version" for r in results) == n, "every notice stored"
            cpu = _cpu() - cpu0 + sum(rss.cpu.values())
            base = base or wall
            peaks = sorted(rss.peak.values())
            if w == 1:
                peak = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} (this process)"
            else:
                peak = "/".join(f"{p / 2**20:.0f}" for p in peaks[-w:])
            print(f"| {backend} | {w} | {wall:.1f} | {n / wall:.1f} | {base / wall:.2f}x | {cpu:.1f} | {peak} | "
                  f"{size / n / 1e3:.0f} | {before} → {load()[5:]} |", flush=True)
    shutil.rmtree(folder, ignore_errors=True)


def _copies(n_docs: int):  # noqa: ANN202
    """Rows of ``n_docs`` documents: the corpus, then SYNTHETIC copies under new ids."""
    from extractor.kb.store import document_rows
    from extractor.pipeline import expand_inputs, extract_bytes

    base = []
    for p in expand_inputs([ROOT / "corpus"]):
        data = p.read_bytes()
        base.append(document_rows(extract_bytes(data, path=str(p)), data))
    for k in range(n_docs):
        rows = base[k % len(base)]
        if k < len(base):
            yield rows
            continue
        old = rows["document"][0]
        new = f"{old[:10]}{k:06x}"
        sha = f"{new}{'0' * 48}"

        def sub(t: tuple) -> tuple:
            return tuple(v.replace(old, new) if isinstance(v, str) else v for v in t)

        out = {key: [sub(r) for r in v] if isinstance(v, list) else v for key, v in rows.items()}
        out["blob"] = (sha, *rows["blob"][1:])
        d = sub(rows["document"])
        out["document"] = (d[0], sha, *d[2:])
        yield out


def latency(args: argparse.Namespace, urls: dict[str, callable]) -> None:
    from extractor.kb.query import Filters, query_documents, query_requirements, query_thresholds, trace
    from extractor.kb.store import Store

    print(f"\n## Latency at {args.docs:,} stored notices (SYNTHETIC copies of the corpus), median of {args.runs}\n")
    for backend, new_url in urls.items():
        url = new_url(keep=True)
        with Store(url) as store:
            have = store.counts()["documents"]
            if have < args.docs:
                t = time.perf_counter()
                for k, rows in enumerate(_copies(args.docs)):
                    if k >= have:
                        store.add_rows(rows)
                    if (k + 1) % 5000 == 0:
                        print(f"  {backend}: {k + 1} stored ({time.perf_counter() - t:.0f} s, {load()})", file=sys.stderr, flush=True)
                print(f"{backend}: built {args.docs - have} notices in {time.perf_counter() - t:.0f} s "
                      f"({(args.docs - have) / (time.perf_counter() - t):.0f}/s)")
            if store.backend == "sqlite":
                store.db.execute("ANALYZE")
            else:
                store.db.execute("ANALYZE")
            size = store_size(store)
            print(f"{backend}: {store.counts()['documents']:,} notices, {size / 1e6:.0f} MB, {size / store.counts()['documents'] / 1e3:.0f} KB/notice")
            some = store.db.execute("SELECT doc_id FROM documents WHERE title LIKE '%2017年学会改革%' ORDER BY doc_id LIMIT 1").fetchone()[0]
            editions = store.db.execute("SELECT COUNT(*) FROM documents WHERE series_key = (SELECT series_key FROM documents WHERE doc_id = ?)",
                                        (some,)).fetchone()[0]
            cases = [
                ("baseline: SELECT COUNT(*) FROM thresholds", lambda: store.db.execute("SELECT COUNT(*) FROM thresholds").fetchone()),
                ("documents --level provincial", lambda: query_documents(store, Filters(level="provincial"))),
                ("documents --issuer 科协 --year 2018", lambda: query_documents(store, Filters(issuer="科协", year=2018))),
                ("documents --search 监事会", lambda: query_documents(store, Filters(search="监事会"))),
                ("documents --search 低保", lambda: query_documents(store, Filters(search="低保"))),
                ("requirements --modality prohibition --level national", lambda: query_requirements(store, Filters(modality="prohibition", level="national"))),
                ("requirements --search 理事会规模", lambda: query_requirements(store, Filters(search="理事会规模"))),
                ("thresholds --subject 理事会人数 --unit 人", lambda: query_thresholds(store, Filters(subject="理事会人数", unit="人"))),
                ("thresholds --level municipal --unit %", lambda: query_thresholds(store, Filters(level="municipal", unit="%"))),
                (f"trace <2017 要点> ({editions} editions)", lambda: trace(store, some)),
            ]
            print(f"\n| {backend} query | median ms | worst ms | rows |\n| --- | ---: | ---: | ---: |")
            for name, fn in cases:
                times, rows = [], None
                for _ in range(args.runs):
                    t = time.perf_counter()
                    res = fn()
                    times.append((time.perf_counter() - t) * 1000)
                    rows = len(res) if isinstance(res, list) else (len(res["links"]) if isinstance(res, dict) else 1)
                print(f"| {name} | {statistics.median(times):.1f} | {max(times):.1f} | {rows} |", flush=True)
            print(f"({load()})\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=4, help="throughput: the corpus this many times (default 4: 116 notices)")
    ap.add_argument("--workers", default="1,2", help="throughput: worker counts to compare (default 1,2)")
    ap.add_argument("--docs", type=int, default=10_000, help="latency: stored notices (100000 for issue 16's target)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg", help="an existing PostgreSQL server's admin URL (default: start one with tests/pg.py)")
    ap.add_argument("--sqlite-dir", default=tempfile.gettempdir(), help="where the SQLite stores go")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-latency", action="store_true")
    args = ap.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    backends = args.backends.split(",")
    server = None
    urls: dict[str, callable] = {}
    if "sqlite" in backends:
        counter = iter(range(10**6))

        def new_sqlite(keep: bool = False) -> str:
            p = Path(args.sqlite_dir) / (f"polex-scale-{args.docs}.db" if keep else f"polex-scale-tp-{os.getpid()}-{next(counter)}.db")
            if not keep:
                for q in p.parent.glob(p.name + "*"):
                    q.unlink()
            return str(p)

        urls["sqlite"] = new_sqlite
    if "postgresql" in backends:
        import psycopg

        if args.pg:
            admin = args.pg
        else:
            from tests.pg import PgServer, find_bindir

            server = PgServer(find_bindir()).start()
            admin = server.admin_url
        pg_counter = iter(range(10**6))

        def new_pg(keep: bool = False) -> str:
            name = f"polex_scale_{args.docs}" if keep else f"polex_scale_tp_{os.getpid()}_{next(pg_counter)}"
            with psycopg.connect(admin, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
                if exists and not keep:
                    conn.execute(f'DROP DATABASE "{name}"')
                if not exists or not keep:
                    conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")
            return admin.rsplit("/", 1)[0] + "/" + name

        urls["postgresql"] = new_pg
    print(f"# polex scale bench — {os.cpu_count()} cores, {load()}")
    try:
        if not args.skip_throughput:
            throughput(args, urls)
        if not args.skip_latency:
            latency(args, urls)
    finally:
        if server is not None:
            from extractor.kb.pg_store import _close_pools

            _close_pools()
            server.stop()


if __name__ == "__main__":
    main()
