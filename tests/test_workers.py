"""`--workers N` (issue 16): the pipeline in a process pool gives byte-identical outputs and the
same store as one process, in input order, and one bad document never stops the batch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from extractor.kb.store import Store
from extractor.scale.pool import default_workers, imap
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent


def _run(out: Path, workers: int, inputs: list[str]) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "extractor.cli", "run", *inputs, "--out", str(out), "--db", str(out) + ".db",
           "--workers", str(workers)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_workers_write_what_one_writes(tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "in" / "zz_binary.txt"  # synthetic: a binary file among real notices
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02 not a notice")
    inputs = [str(p) for p in sorted((CORPUS / "seeds").glob("*.txt"))] + [str(p) for p in sorted((CORPUS / "html").glob("1*.html"))[:6]]
    inputs.insert(3, str(bad))
    one, two = _run(tmp_path / "one", 1, inputs), _run(tmp_path / "two", 2, inputs)
    assert one.returncode == two.returncode == 1  # the binary file failed, the batch went on
    assert "E903" in one.stderr and "E903" in two.stderr
    a, b = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert len(a) == 2 * (len(inputs) - 1) + 1 and a == b  # byte-identical JSON, outlines, summary
    def lines(r: subprocess.CompletedProcess, name: str) -> list[str]:  # the same lines but the timing and the store name
        return [ln.split(" in ")[0].replace(name, "X") for ln in r.stdout.splitlines()]

    assert lines(one, "one.db") == lines(two, "two.db")
    with Store(str(tmp_path / "one") + ".db", create=False) as s1, Store(str(tmp_path / "two") + ".db", create=False) as s2:
        q = "SELECT doc_id, version, title FROM documents ORDER BY doc_id"
        assert [tuple(r) for r in s1.db.execute(q)] == [tuple(r) for r in s2.db.execute(q)]
        assert s1.counts() == s2.counts()


def _pid(x: int) -> tuple[int, int]:
    return x, os.getpid()


def test_the_pool_runs_in_other_processes_in_order() -> None:
    out = list(imap(_pid, range(20), workers=2))
    assert [x for x, _ in out] == list(range(20))
    assert os.getpid() not in {p for _, p in out}
    assert list(imap(_pid, range(3), workers=1)) == [(k, os.getpid()) for k in range(3)]
    assert default_workers() >= 1


def _dies_on_3(x: int) -> int:
    if x == 3:
        os._exit(9)  # as a worker killed by the OOM killer, or a crash in a C library
    return x * 10


_dies_on_3.on_crash = lambda x, message: f"crashed {x}: {message}"  # type: ignore[attr-defined]


def test_a_worker_that_dies_fails_its_item_only() -> None:
    out = list(imap(_dies_on_3, range(8), workers=2))
    assert out[:3] == [0, 10, 20] and out[4:] == [40, 50, 60, 70]
    assert out[3].startswith("crashed 3: the worker process died")


def test_ingest_in_the_pool_stores_what_one_process_stores(tmp_path) -> None:  # noqa: ANN001
    """`ingest --workers 2`: the rows come back from the workers without the bytes (the writer
    puts back the ones it holds); the stored blobs, documents and search index are the same."""
    import functools

    from extractor.ingest.local import ingest_paths

    bad = tmp_path / "zz_binary.txt"  # synthetic: a binary file among real notices
    bad.write_bytes(b"\x00\x01\x02 not a notice")
    inputs = [*sorted((CORPUS / "seeds").glob("*.txt"))[:4], bad, sorted((CORPUS / "html").glob("1*.html"))[0]]
    stores = []
    for w in (1, 2):
        with Store(tmp_path / f"w{w}.db") as st:
            results = ingest_paths(st, inputs + inputs[:1], mapper=functools.partial(imap, workers=w))
            rows = [tuple(r) for r in st.db.execute(
                "SELECT d.doc_id, d.version, b.size, length(b.data), b.data FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
                "ORDER BY d.doc_id")]
            hits = [r[0] for r in st.search_clauses("低保", limit=50)]
            stores.append(([(r.status, r.doc_id, r.code) for r in results], rows, hits, st.counts()))
    assert stores[0] == stores[1]
    statuses = [s for s, _, _ in stores[0][0]]
    assert statuses.count("stored") == 5 and statuses[4] == "failed" and statuses[-1] == "duplicate"
    with Store(tmp_path / "w2.db") as st:  # every blob written from the pool holds its file's bytes
        pairs = [(r["path"], bytes(r["data"])) for r in st.db.execute(
            "SELECT d.path, b.data FROM documents d JOIN blobs b ON b.sha256 = d.sha256")]
    assert len(pairs) == 5 and all(Path(path).read_bytes() == data for path, data in pairs)
