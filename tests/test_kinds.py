"""Issue 12: thresholds by kind in the store (polex query thresholds --kind), reported figures apart."""

from __future__ import annotations

from extractor.cli import main
from extractor.kb.query import Filters, query_figures, query_thresholds
from extractor.kb.store import Store
from tests.conftest import CORPUS

# corpus 19: 每人每月 amounts and 有效期; corpus-dev 024 (copied): a 统计公报 and its scope definitions
_FILES = ("html/19_guangzhou_2025_zuidi_shenghuo_baozhang_shehui_jiuzhu_biaozhun.html",
          "html/dev024_wanzai_xian_2022_tongji_gongbao.html")


def test_query_by_kind_and_reported_figures(tmp_path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "k.db"
    assert main(["ingest", *(str(CORPUS / f) for f in _FILES), "--db", str(db), "--quiet"]) == 0
    with Store(str(db)) as store:
        rates = query_thresholds(store, Filters(kind="rate"))
        amounts = query_thresholds(store, Filters(kind="amount"))
        figures = query_figures(store, Filters(limit=1000))
        growth = query_figures(store, Filters(unit="%", subject="增长"))
    # 每人每月1963.5元: a rate in 元 per 人/月, not an amount
    assert rates and {r["kind"] for r in rates} == {"rate"} and ("1963.5", "元", "人/月") in {(r["value"], r["unit"], r["per"]) for r in rates}
    # the bulletin's 注释 defines its scopes in 万元 (2000万元及以上): amounts, and thresholds
    assert {r["kind"] for r in amounts} == {"amount"} and {"20000000", "5000000"} <= {r["value"] for r in amounts}
    assert all(r["unit"] == "元" for r in amounts)
    # the bulletin's own figures are queryable, but not thresholds
    assert len(figures) > 100 and {r["reason"] for r in figures} == {"statistical_report"}
    assert growth and all(r["unit"] == "%" for r in growth)
    capsys.readouterr()
    assert main(["query", "thresholds", "--kind", "age", "--db", str(db), "--format", "jsonl"]) == 0
    assert capsys.readouterr().out.strip() == ""  # neither notice sets an age
    assert main(["query", "figures", "--db", str(db), "--format", "jsonl", "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
