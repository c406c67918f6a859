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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


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


def store_size(store) -> int:  # noqa: ANN001
    if store.backend == "sqlite":
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in Path(store.path).parent.glob(Path(store.path).name + "*"))
    return store.db.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def run_ingest(url: str, folder: Path, workers: int) -> dict:
    """``polex ingest FOLDER --workers N`` as a user runs it (a cold start: imports, the fork
    server, each worker's set-up), with the CPU time and peak RSS of every process of its tree
    (sampled every 0.1 s; the command's own CPU exactly, from wait4)."""
    import psutil

    polex = Path(sys.executable).with_name("polex")
    cmd = [str(polex), "ingest", str(folder), "--db", url, "--workers", str(workers), "-q"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    me = psutil.Process(proc.pid)
    peak: dict[int, int] = {}
    cpu: dict[int, float] = {}
    while True:
        try:
            tree = [me, *me.children(recursive=True)]
        except psutil.Error:
            break
        for c in tree:
            try:
                peak[c.pid] = max(peak.get(c.pid, 0), c.memory_info().rss)
                ct = c.cpu_times()
                cpu[c.pid] = ct.user + ct.system
            except psutil.Error:
                continue
        try:
            if me.status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.Error:
            break
        time.sleep(0.1)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err[-2000:]}")
    main_cpu = ru.ru_utime + ru.ru_stime
    others = {pid: c for pid, c in cpu.items() if pid != proc.pid}
    rss = sorted((r for pid, r in peak.items() if pid != proc.pid), reverse=True)
    return {"wall": wall, "main_cpu": main_cpu, "worker_cpu": sum(others.values()), "main_rss": peak.get(proc.pid, 0),
            "worker_rss": rss[:workers] if workers > 1 else []}


def throughput(args: argparse.Namespace, urls: dict[str, callable]) -> None:
    from extractor.kb.store import Store

    folder = Path(tempfile.mkdtemp(prefix="polex-scale-in-"))
    n = synthetic_inputs(folder, args.repeat)
    print(f"\n## Throughput: corpus x{args.repeat} = {n} notices (SYNTHETIC copies), `polex ingest --workers N` into a new store\n")
    print("Each run is the command as a user runs it, from a cold start. CPU s: the command's own process (reading, "
          "hashing, the one writer; with 1 worker also the pipeline) + the pool's processes (the fork server and the workers).\n")
    print("| backend | workers | wall s | notices/s | speed-up | CPU s: command + pool | peak RSS MB: command; per worker | "
          "store KB/notice | load at start → end |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    for backend, new_url in urls.items():
        base = None
        for w in args.workers:
            url = new_url()
            before = load()
            r = run_ingest(url, folder, w)
            with Store(url) as store:
                stored = store.counts()["documents"]
                size = store_size(store)
            assert stored == n, f"every notice stored ({stored} of {n})"
            base = base or r["wall"]
            per_worker = "/".join(f"{p / 2**20:.0f}" for p in r["worker_rss"]) or "-"
            print(f"| {backend} | {w} | {r['wall']:.1f} | {n / r['wall']:.1f} | {base / r['wall']:.2f}x | "
                  f"{r['main_cpu']:.1f} + {r['worker_cpu']:.1f} | {r['main_rss'] / 2**20:.0f}; {per_worker} | "
                  f"{size / n / 1e3:.0f} | {before[5:]} → {load()[5:]} |", flush=True)
    shutil.rmtree(folder, ignore_errors=True)


def latency(args: argparse.Namespace, urls: dict[str, callable]) -> None:
    from bench_store import SAME_WORK_BLOCKS, build, timed
    from extractor.kb.query import Filters, query_documents, query_figures, query_requirements, query_thresholds, trace
    from extractor.kb.store import Store

    print(f"\n## Latency at {args.docs:,} stored notices (SYNTHETIC copies of the corpus: bench_store.build), {args.runs} runs per query\n")
    for backend, new_url in urls.items():
        url = new_url(keep=True)
        with Store(url) as store:
            have = store.counts()["documents"]
        if have != args.docs:
            url = new_url(keep=False, fixed=True)
            t = time.perf_counter()
            build(url, args.docs, same_work_blocks=SAME_WORK_BLOCKS, graph_index=True,
                  say=lambda m: print(f"{backend}: {m} ({load()})", file=sys.stderr, flush=True))
            print(f"{backend}: built {args.docs:,} notices in {time.perf_counter() - t:.0f} s ({load()})")
        with Store(url) as store:
            size = store_size(store)
            n = store.counts()["documents"]
            print(f"{backend}: {n:,} notices, {size / 1e6:.0f} MB, {size / n / 1e3:.0f} KB/notice")
            one = store.db.execute
            some = one("SELECT doc_id FROM documents WHERE title LIKE '%2017年学会改革%' ORDER BY doc_id LIMIT 1").fetchone()[0]
            replica = one("SELECT doc_id FROM documents WHERE title LIKE '%2017年学会改革%' ORDER BY doc_id DESC LIMIT 1").fetchone()[0]
            anhui = one("SELECT doc_id FROM documents WHERE title LIKE '安徽省科协%' ORDER BY doc_id DESC LIMIT 1").fetchone()[0]
            versions = one("SELECT COUNT(*) FROM documents WHERE work_id = (SELECT work_id FROM documents WHERE doc_id = ?)",
                           (some,)).fetchone()[0]
            cases = [
                ("baseline: SELECT COUNT(*) FROM thresholds", lambda: one("SELECT COUNT(*) FROM thresholds").fetchone()),
                ("documents --level provincial", lambda: query_documents(store, Filters(level="provincial"))),
                ("documents --issuer 科协 --year 2018", lambda: query_documents(store, Filters(issuer="科协", year=2018))),
                ("documents --search 监事会", lambda: query_documents(store, Filters(search="监事会"))),
                ("documents --search 低保", lambda: query_documents(store, Filters(search="低保"))),
                ("documents --search 没有这个词 (absent)", lambda: query_documents(store, Filters(search="没有这个词"))),
                ("requirements --modality prohibition --level national",
                 lambda: query_requirements(store, Filters(modality="prohibition", level="national"))),
                ("requirements --search 理事会规模", lambda: query_requirements(store, Filters(search="理事会规模"))),
                ("thresholds --subject 理事会人数 --unit 人", lambda: query_thresholds(store, Filters(subject="理事会人数", unit="人"))),
                ("thresholds --level municipal --unit %", lambda: query_thresholds(store, Filters(level="municipal", unit="%"))),
                ("figures (reported figures, no filter)", lambda: query_figures(store, Filters())),
                (f"trace <2017 要点> ({versions} stored versions of its work)", lambda: trace(store, some)),
                ("trace <2017 要点, a replica>", lambda: trace(store, replica)),
                ("trace <Anhui 实施意见, a replica>", lambda: trace(store, anhui)),
            ]
            print(f"\n| {backend} query | median ms | p95 ms | median CPU ms | rows |\n| --- | ---: | ---: | ---: | ---: |")
            over = []
            for name, median, p95, _, cpu, rows in timed(cases, args.runs):
                print(f"| {name} | {median:.1f} | {p95:.1f} | {cpu:.1f} | {rows} |", flush=True)
                if median >= 100 and not name.startswith("baseline"):
                    over.append(name)
            print(f"({load()}; {args.runs} runs each, the first included: a cold start is part of the p95)")
            print(f"{backend}: every query's median under 100 ms: {'yes' if not over else 'NO (' + '; '.join(over) + ')'}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=4, help="throughput: the corpus this many times (default 4: 116 notices)")
    ap.add_argument("--workers", default="1,2", help="throughput: worker counts to compare (default 1,2)")
    ap.add_argument("--docs", type=int, default=10_000, help="latency: stored notices (100000 for issue 16's target)")
    ap.add_argument("--runs", type=int, default=20, help="latency: runs per query (median and p95 of them)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg", help="an existing PostgreSQL server's admin URL (default: start one with tests/pg.py)")
    ap.add_argument("--sqlite-dir", default=tempfile.gettempdir(), help="where the SQLite stores go")
    ap.add_argument("--sqlite-db", help="latency: the SQLite store to use (built there when it does not hold --docs notices)")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-latency", action="store_true")
    args = ap.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    backends = args.backends.split(",")
    server = None
    urls: dict[str, callable] = {}
    if "sqlite" in backends:
        counter = iter(range(10**6))

        def new_sqlite(keep: bool = False, fixed: bool = False) -> str:
            """A new store for a throughput run; ``keep``: the latency store as it is; ``fixed``: it, emptied."""
            named = Path(args.sqlite_db) if args.sqlite_db else Path(args.sqlite_dir) / f"polex-scale-{args.docs}.db"
            p = named if keep or fixed else Path(args.sqlite_dir) / f"polex-scale-tp-{os.getpid()}-{next(counter)}.db"
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

        def new_pg(keep: bool = False, fixed: bool = False) -> str:
            name = f"polex_scale_{args.docs}" if keep or fixed else f"polex_scale_tp_{os.getpid()}_{next(pg_counter)}"
            with psycopg.connect(admin, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
                if exists and not keep:
                    from extractor.kb.pg_store import _close_pools

                    _close_pools()  # this process's pooled connections to it
                    conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
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
