"""`polex ingest … --scheduler tcp://…` on a real Dask cluster writing into a live PostgreSQL
(issue 16): a LocalCluster of two worker processes on loopback, one of them killed mid-run;
every notice is stored exactly once, and a re-run stores nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.kb.store import Store
from tests.conftest import CORPUS, corpus_files

ROOT = Path(__file__).resolve().parent.parent
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():  # noqa: ANN201
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      worker_dashboard_address=None) as c, Client(c) as client:
        yield c, client


def _count(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        if not conn.execute("SELECT to_regclass('documents')").fetchone()[0]:
            return 0
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def test_a_worker_killed_mid_run_loses_nothing(cluster, pg_server) -> None:  # noqa: ANN001
    c, client = cluster
    url = pg_server.new_database()
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".html"))
    assert len(files) == len(corpus_files())
    cmd = [sys.executable, "-m", "extractor.cli", "ingest", str(CORPUS), "--db", url, "--scheduler", c.scheduler_address]  # not -q: the summary is checked
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 300
    while _count(url) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    stored_before = _count(url)
    assert proc.poll() is None and 3 <= stored_before < len(files), "the kill must happen during the run"
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)  # the nanny restarts it; its tasks run again elsewhere
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    n = len(files)
    assert f"{n} inputs" in out and f"{n} stored" in out and "0 failed" in out, out
    with Store(url, create=False) as s:
        assert s.counts()["documents"] == len(files) and s.counts()["failures"] == 0
        assert s.db.execute("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == len(files)
        assert s.db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == len(files)
    assert victim not in client.run(os.getpid).values()  # it really died
    # a re-run (every task again) stores nothing twice
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert again.returncode == 0 and f"{n} already stored" in again.stdout, again.stdout + again.stderr
    assert _count(url) == len(files)


def test_the_cluster_gives_what_one_process_gives(cluster, pg_server, tmp_path) -> None:  # noqa: ANN001
    """The same documents, versions and rows as a local ingest of the same files."""
    from extractor.ingest.local import ingest_paths
    from extractor.scale.cluster import imap

    _, client = cluster
    files = sorted((CORPUS / "seeds").glob("*.txt"))
    url = pg_server.new_database()
    with Store(url) as remote, Store(tmp_path / "local.db") as local:
        r1 = ingest_paths(remote, files, mapper=lambda fn, items: imap(fn, items, scheduler=client))
        r2 = ingest_paths(local, files)
        assert [(r.path, r.status, r.doc_id, r.version) for r in r1] == [(r.path, r.status, r.doc_id, r.version) for r in r2]
        assert remote.counts() == local.counts()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys) -> None:  # noqa: ANN001
    from extractor.cli import main

    f = str(CORPUS / "seeds" / "000_50beaf381828b43a.txt")
    assert main(["ingest", f, "--db", str(tmp_path / "x.db"), "--quiet", "--scheduler", "tcp://127.0.0.1:1"]) == 1
    assert "cannot run on the cluster tcp://127.0.0.1:1" in capsys.readouterr().err
