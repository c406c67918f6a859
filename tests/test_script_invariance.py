"""Script invariance (issue 11): a notice and its OpenCC ``s2t`` rendering read the same.

Every corpus and corpus-dev document is extracted as it is and after ``s2t``; metadata,
numbered items, thresholds and citations are compared after ``t2s``. (Before: the
traditional twin of a Hanweb page lost its 發文機關/文號 table and came out with another
issuer, level and 发文字号.)
"""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from extractor.model import Document
from extractor.normalize.decode import decode_bytes
from extractor.pipeline import extract_bytes
from tests.conftest import SHARED, corpus_files, extracted

_s2t = opencc.OpenCC("s2t")
_t2s = opencc.OpenCC("t2s")


def _files() -> list[Path]:
    dev = SHARED / "corpus-dev" / "docs"
    return corpus_files() + (sorted(dev.iterdir()) if dev.is_dir() else [])


def signature(doc: Document) -> dict:
    """What must not depend on the script, in simplified script."""
    md = doc.metadata

    def val(f) -> str | None:  # noqa: ANN001
        if f is None:
            return None
        return _t2s.convert("、".join(f.value) if isinstance(f.value, list) else str(f.value))

    return {
        "title": val(md.title), "issuer": val(md.issuer), "level": md.level.value, "date": val(md.date),
        "doc_number": val(md.doc_number), "doc_type": val(md.doc_type),
        "items": [_t2s.convert("/".join(s.path)) for s in doc.sections],
        "thresholds": [(t.comparator, t.value, t.value_max, _t2s.convert(t.unit or "")) for t in doc.thresholds],
        "citations": sorted((_t2s.convert(c.title or ""), _t2s.convert(c.doc_number or "")) for c in doc.citations),
    }


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name[:40])
def test_traditional_twin_reads_the_same(path: Path) -> None:
    data = path.read_bytes()
    raw = decode_bytes(data, None).text
    twin_raw = _s2t.convert(raw)
    if twin_raw == raw:  # nothing to convert (an already traditional notice s2t leaves alone)
        pytest.skip("s2t changes nothing")
    twin = extract_bytes(twin_raw.encode("utf-8"), path=str(path))
    assert signature(twin) == signature(extracted(str(path)))
